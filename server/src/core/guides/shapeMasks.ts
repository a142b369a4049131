// Which characters of a segment the shape memo (shapeMemo.ts) must find the same in a later
// segment, and which may differ in kind only, for a segment placed at a guide segment and found
// clean. A character may differ where every check the clean check (fastCheck.ts elementsClean)
// makes of its element or component is decided by its shape, its length and the kind of each
// character (digit, capital, small letter, or the character itself for anything else): free text,
// ids, names and amounts (AN, ID, N0, N2, R without codes or a pattern). A D8 date after its format
// qualifier may differ too, in digits, and the memo then checks that it is a date. Anything else is
// the same: codes (a list decides), patterns, other dates and times, and every qualifier the walker
// reads to place a segment with the id (its plan depends on the value: the same characters there
// take the same plan, so the later segment is placed at the same guide segment).
import type { ElementSpec, GuideSchema, LoopSpec, SegmentSpec } from './schema';
import type { SegmentScan } from './segmentScan';
import { idCodeOf } from './transitions';

/** What exactOf says of a segment: per character, 1 the same, 0 the same kind; the offsets of D8 dates (relative), or null. */
export interface ExactCharacters {
  exact: Uint8Array;
  dates: Int32Array | null;
}

/**
 * Where the segments with an id read their qualifier: bit p of `elements`, the whole element p;
 * bit p of `firsts`, the first component of composite p (SV101-01, HI01-01). -1: everywhere (a
 * qualifier past MAX_QUALIFIER, or another component).
 */
export interface QualifierPositions {
  elements: number;
  firsts: number;
}

const NONE: QualifierPositions = { elements: 0, firsts: 0 };

/** Per guide: per id code (idCodeOf), its qualifier positions. */
const qualifiers = new WeakMap<GuideSchema, Map<number, QualifierPositions>>();

/** Qualifier positions past this one are not kept: a segment with such a qualifier is the same throughout. */
const MAX_QUALIFIER = 30;

/** The qualifier positions of the segments with id code `code` in `guide`. */
export function qualifierPositions(guide: GuideSchema, code: number): QualifierPositions {
  let byCode = qualifiers.get(guide);
  if (byCode === undefined) {
    byCode = new Map();
    collect(guide.root, byCode);
    qualifiers.set(guide, byCode);
  }
  return byCode.get(code) ?? NONE;
}

function collect(loop: LoopSpec, byCode: Map<number, QualifierPositions>): void {
  for (const child of loop.children) {
    if (child.kind === 'loop') {
      collect(child, byCode);
      continue;
    }
    const code = idCodeOf(child.id);
    const q = child.qualifier;
    const known = byCode.get(code) ?? NONE;
    let { elements, firsts } = known;
    if (q !== null) {
      if (q.position > MAX_QUALIFIER || q.component > 1) elements = -1;
      else if (q.component === 1) firsts |= 1 << q.position;
      else elements |= 1 << q.position;
    }
    byCode.set(code, { elements, firsts });
  }
}

/**
 * The characters of the scanned segment, placed at `spec` and found clean, that a later segment
 * must have the same (the id, the separators, codes, the qualifiers...): all of them when none
 * may differ (codes and a range of dates: only a repeat of the segment is taken).
 */
export function exactOf(scan: SegmentScan, spec: SegmentSpec, qualifiers: QualifierPositions, componentSeparator: number): ExactCharacters {
  const count = scan.count;
  const starts = scan.starts;
  const ends = scan.ends;
  const text = scan.text;
  const start = starts[0]!;
  const exact = new Uint8Array(ends[count]! - start).fill(1);
  const dates: number[] = [];
  // The date format a 1250 element names, for the 1251 after it (as the clean check reads it).
  let format = '';
  for (let k = 1; k <= count; k++) {
    const position = spec.elements[k - 1];
    const from = starts[k]!;
    const to = ends[k]!;
    if (position === undefined || from === to) continue;
    if (position.kind === 'element' && position.dataElement === '1250') format = text.slice(from, to);
    if (k > MAX_QUALIFIER ? qualifiers.elements === -1 : ((qualifiers.elements >>> k) & 1) !== 0) continue;
    if (position.kind === 'element') {
      if (shapedElement(position)) {
        exact.fill(0, from - start, to - start);
      } else if (isD8(position, format) && to - from === 8) {
        exact.fill(0, from - start, to - start);
        dates.push(from - start);
      }
      continue;
    }
    // A composite: component by component (a date in one, HI's, stays the same).
    if (position.hasDateFormat) continue;
    // A qualifier in the first component stays the same.
    let c = k <= MAX_QUALIFIER && ((qualifiers.firsts >>> k) & 1) !== 0 ? -1 : 0;
    let part = from;
    for (let at = from; at <= to; at++) {
      if (at < to && text.charCodeAt(at) !== componentSeparator) continue;
      const component = c < 0 ? undefined : position.components[c];
      if (component !== undefined && shapedElement(component) && at > part) {
        exact.fill(0, part - start, at - start);
      }
      c = c < 0 ? 1 : c + 1;
      part = at + 1;
    }
  }
  return { exact, dates: dates.length === 0 ? null : Int32Array.from(dates) };
}

/** Is every check the clean check makes of this element decided by its shape? */
export function shapedElement(e: ElementSpec): boolean {
  // An ID without a list is read as an AN (its length and last character).
  if (e.type !== 'AN' && e.type !== 'ID' && e.type !== 'N0' && e.type !== 'N2' && e.type !== 'R') return false;
  return e.validCodes === null && e.packedCodes === null && e.regex === null && e.dataElement !== '1250' && e.dataElement !== '1251';
}

/**
 * A 1251 element after a D8 format: its checks are an AN element's and the format's (eight digits,
 * a date), so a digit may stand for a digit if the memo checks that the eight make a date.
 */
function isD8(e: ElementSpec, format: string): boolean {
  return format === 'D8' && e.dataElement === '1251' && e.type === 'AN' && e.validCodes === null && e.packedCodes === null && e.regex === null;
}
