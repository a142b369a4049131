// An 837D service line's TOO segment: the tooth (TOO02) and its surfaces (TOO03) by the
// Universal/National Tooth Designation System (TOO01 JP; data/teeth.ts). A clearinghouse rejects
// a tooth number outside it (33, a tooth written with a leading zero, 0) and a surface code that is
// none (or one named twice); the guides' maps check neither the tooth (any 1-30 characters) nor,
// for the 5010 dental guide, which Claimlint has no map of, the surfaces.
import { isToothDesignation, isToothSurface, MAX_TOOTH_SURFACES, TOOTH_SURFACES, TOOTH_SYSTEM_QUALIFIER } from '../data/teeth';
import type { SegmentReading } from './reading837';
import { codeAt, sliceOf, type Source } from './source';
import { endBeforeBlanks, readsAsCode, shownCode } from './values';

export const TOOTH_INVALID_RULE = 'x12.tooth-invalid';
export const TOOTH_SURFACE_INVALID_RULE = 'x12.tooth-surface-invalid';

const SURFACE_LIST = Object.entries(TOOTH_SURFACES).map(([code, name]) => `${code} ${name}`).join(', ');

/** The tooth a TOO02 written with leading zeros (08, 0A) names, or null when it is not one so written. */
export function toothWithoutLeadingZeros(value: string): string | null {
  const unpadded = value.replace(/^0+(?=[1-9A-Z])/, '');
  return unpadded !== value && isToothDesignation(unpadded) ? unpadded : null;
}

/** A tooth number at [start, end) that is none of the Universal/National system's: x12.tooth-invalid on it. */
function checkToothNumber(r: SegmentReading, start: number, end: number, element: string, qualifier: string): void {
  const tooth = sliceOf(r.source, start, end);
  if (isToothDesignation(tooth)) return;
  const unpadded = toothWithoutLeadingZeros(tooth);
  const hint = unpadded !== null ? ` (${unpadded}, without the leading zero?)` : '';
  r.add(
    TOOTH_INVALID_RULE,
    'error',
    `${element} should be a tooth number of the Universal/National Tooth Designation System${qualifier === '' ? '' : ` (${qualifier})`}: 1-32 for permanent teeth, A-T for primary teeth, 51-82 and AS-TS for supernumerary ones; found ${shownCode(tooth)}${hint}`,
    { start, end },
  );
}

/**
 * Checks the DN2 segment `s` of a dental claim (2300 tooth status: a tooth missing, extracted or
 * impacted): DN201 is a tooth number of the same system as TOO02 (5010 says so with DN205 JP; 4010
 * has no DN205 and means it). Its status code (DN202) is the guide's to check.
 */
export function checkToothStatus(r: SegmentReading, s: number): void {
  const el = r.elementsOf(s, 5);
  if (el.start(5) >= 0 && el.end(5) > el.start(5) && !r.equals(el, 5, TOOTH_SYSTEM_QUALIFIER)) return;
  const start = el.start(1);
  const end = start < 0 ? start : endBeforeBlanks(r.source, start, el.end(1));
  if (start >= 0 && end > start) checkToothNumber(r, start, end, 'DN201 (tooth number)', el.start(5) >= 0 ? 'DN205 JP' : '');
}

/** Checks the TOO segment `s` of a dental service line. */
export function checkToothInformation(r: SegmentReading, s: number): void {
  const el = r.elementsOf(s, 3);
  // Another qualifier is the guide's to report (a code not in TOO01's list); its teeth are not read.
  if (el.start(1) >= 0 && !r.equals(el, 1, TOOTH_SYSTEM_QUALIFIER)) return;
  const source = r.source;
  const toothStart = el.start(2);
  // Blanks after a value are the guide's to report (trailing spaces); the tooth is read without them.
  const toothEnd = toothStart < 0 ? toothStart : endBeforeBlanks(source, toothStart, el.end(2));
  if (toothStart >= 0 && toothEnd > toothStart) checkToothNumber(r, toothStart, toothEnd, 'TOO02 (tooth)', 'TOO01 JP');
  const surfacesStart = el.start(3);
  if (surfacesStart < 0) return;
  // Surfaces of no tooth: the guides name the tooth whenever a surface is given.
  if (toothStart < 0 || toothEnd === toothStart) {
    if (el.end(3) > surfacesStart) r.add(TOOTH_INVALID_RULE, 'error', 'TOO02 (tooth) is empty, but TOO03 names surfaces: the surfaces are of a tooth, which TOO02 must name', r.spanOr(s, 2));
  }
  const surfacesEnd = el.end(3);
  const component = r.ix.delimitersOf(s).component;
  const seen: string[] = [];
  let n = 0;
  for (let start = surfacesStart; start <= surfacesEnd; n++) {
    const next = component === '' ? -1 : indexBefore(source, component, start, surfacesEnd);
    const end = next < 0 ? surfacesEnd : next;
    if (n >= MAX_TOOTH_SURFACES) {
      // A sixth: the composite holds five (the 4010 dental map says so too; the 5010 guide has no map here).
      r.add(TOOTH_SURFACE_INVALID_RULE, 'error', `TOO03 (tooth surfaces) names more than ${MAX_TOOTH_SURFACES} surfaces: a tooth has at most ${MAX_TOOTH_SURFACES}`, { start, end: surfacesEnd });
      break;
    }
    const surface = sliceOf(source, start, end);
    const ref = `TOO03-${n + 1}`;
    if (surface === '' && n === 0 && end < surfacesEnd) {
      // Later surfaces without the first (TOO*JP*8*:O): the composite's first component is required.
      r.add(TOOTH_SURFACE_INVALID_RULE, 'error', 'TOO03-1 (tooth surface) is empty, but later surfaces are given: the first surface is required', { start, end });
    } else if (surface !== '' && !isToothSurface(surface)) {
      // Surfaces run together (MOD, as some exports write them): one a component. Only for a value
      // that may be shown (a name of surface letters is not) and names each surface once.
      const letters = [...surface];
      const together = letters.length > 1 && readsAsCode(surface) && letters.every(isToothSurface) && new Set(letters).size === letters.length ? ` (${letters.join(component)}, one surface a component?)` : '';
      r.add(TOOTH_SURFACE_INVALID_RULE, 'error', `${ref} (tooth surface) should be a surface code (${SURFACE_LIST}), found ${shownCode(surface)}${together}`, { start, end });
    } else if (surface !== '' && seen.includes(surface)) {
      r.add(TOOTH_SURFACE_INVALID_RULE, 'error', `${ref} (tooth surface): ${surface} (${TOOTH_SURFACES[surface]!}) is named twice for one tooth`, { start, end });
    }
    if (surface !== '') seen.push(surface);
    start = end + 1;
  }
}

/** Where `needle` (one character) first is in [from, to) of the source, or -1. */
function indexBefore(source: Source, needle: string, from: number, to: number): number {
  const code = needle.charCodeAt(0);
  for (let i = from; i < to; i++) if (codeAt(source, i) === code) return i;
  return -1;
}
