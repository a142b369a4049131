// How guide findings show what the file holds. Messages never carry claim contents (names, ids,
// addresses, birth dates: README "Health information"), and a value in the wrong element may be
// any of them, so only what can be nothing but a code, a number or a segment id is quoted;
// anything else is described. Dates are never quoted (a date of birth is one).
import { shownCode, shownNumber } from '../x12/values';
import type { ElementSpec } from './schema';

const SEGMENT_ID_LIKE = /^[A-Za-z0-9]{1,3}$/;
const ALPHANUMERIC = /^[A-Za-z0-9]+$/;
const SHORT_CODE = /^[A-Z0-9]{1,3}$/;

/**
 * What HL01..HL04 may hold to be shown: HL01 and HL02 are counters (a big file's reach six digits
 * and more), HL03 a level code of two characters (20, 22, 23) and HL04 a one-digit child code. A
 * longer HL03 or HL04 is no code (a member id or a birth date one element early) and is not shown.
 */
const HL_ELEMENT_SHAPES = [/^[0-9]{1,12}$/, /^[0-9]{1,12}$/, /^[0-9]{1,2}$/, /^[0-9]$/] as const;

/** What a segment id that cannot be one is, described. */
function describedId(id: string): string {
  return ALPHANUMERIC.test(id) ? 'an id of more than three characters' : 'an id that is not letters and digits';
}

/** A segment id as written, quoted when it can be one (up to three letters and digits). */
export function shownSegmentId(id: string): string {
  return SEGMENT_ID_LIKE.test(id) ? `'${id}'` : `a segment with ${describedId(id)}`;
}

/**
 * A segment named by its id and its qualifier ('N4', 'NM1*85', 'SV1*HC', 'HL*3*2*22*1'), with
 * only codes and numbers shown: the first element when it is a short code, or its first
 * component when the element is a composite (the component separator follows the code).
 */
export function shownSegment(id: string, elements: readonly string[], componentSeparator: string): string {
  if (!SEGMENT_ID_LIKE.test(id)) return `with ${describedId(id)}`;
  if (id === 'HL') {
    const shown: string[] = [];
    for (const [i, e] of elements.slice(0, 4).entries()) {
      if (e !== '' && !HL_ELEMENT_SHAPES[i]!.test(e)) return id;
      shown.push(e);
    }
    return [id, ...shown].join('*');
  }
  const first = elements[0] ?? '';
  const cut = componentSeparator === '' ? -1 : first.indexOf(componentSeparator);
  const code = cut < 0 ? first : first.slice(0, cut);
  return SHORT_CODE.test(code) ? `${id}*${code}` : id;
}

/** An implementation guide's version (005010X222A1, 004010X098A1): its six digits are no id. */
export const VERSION_SHAPE = /^\d{6}X\d{3}(?:A\d)?$/;

/**
 * A value that is not one of an element's codes: quoted when it can only be a code of that
 * element's length. A version in an element whose codes are versions (GS08, ST03, REF02 of
 * REF*87) is one, though its six digits in a row would read as an id anywhere else.
 */
export function shownCodeFor(spec: ElementSpec, value: string): string {
  if (value.length > spec.maxLength) return 'a value longer than its codes';
  if (VERSION_SHAPE.test(value) && spec.codes !== null && spec.codes.some((code) => VERSION_SHAPE.test(code))) return `'${value}'`;
  return shownCode(value);
}

/** A value that is not of its element's type: numbers quoted as shownNumber quotes them, dates and times never. */
export function shownTypedValue(spec: ElementSpec, value: string): string {
  return spec.type === 'DT' || spec.type === 'TM' ? '' : `, found ${shownNumber(value)}`;
}

export { shownCode, shownNumber };
