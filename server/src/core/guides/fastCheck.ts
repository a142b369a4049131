// The guide's element checks of one segment, read from the segment's scan (segmentScan.ts: its
// element offsets, and which elements hold a separator or a character outside the X12 sets):
// true when the segment certainly breaks none of them (usage, length, type, character set,
// codes, date formats, patterns, syntax notes, element and component counts). Most segments of a
// real file are clean, so the validator makes their values (strings) only when this says no; it
// then runs its exact checks (elementChecks.ts) on them for the findings and their messages.
//
// Conservative by design: anything it does not decide cheaply (a repetition separator, trailing
// spaces, a value outside the basic and extended character sets, a date or time element) counts
// as not clean and goes to the exact checks. test/unit/guides-one-pass.test.ts holds it to that: the one pass finds what
// the exact checks find, on generated files with planted values.
import { hasPackedCode, packCode } from './packedCodes';
import { isValidCode } from './lookups';
import type { CompositeSpec, ElementSpec, SegmentSpec } from './schema';
import { HAS_COMPONENT, HAS_OUTSIDE, HAS_REPETITION, type SegmentScan } from './segmentScan';
import { DATE_FORMATS, matchesFormatAt, rangeInOrderAt } from './valueTypes';

/** Element offsets of the segments of a text (X12SegmentIndex has them). */
export interface SegmentReader {
  readonly text: string;
  /** Elements after the id. */
  elementCount(i: number): number;
  /** Offset of element k's first character; -1 when the segment has no element k. */
  elementStartOf(i: number, k: number): number;
  /** Offset where element k ends (exclusive); -1 when absent. */
  elementEnd(i: number, k: number): number;
}

const MINUS = 45;
const DOT = 46;
const SPACE = 32;
const ZERO = 48;
const NINE = 57;

function isDigit(code: number): boolean {
  return code >= ZERO && code <= NINE;
}

/** The separators a segment is read with, as character codes (-1: no repetition separator). */
export interface Separators {
  component: number;
  repetition: number;
}

/**
 * Does the scanned segment (placed as `spec`) certainly pass every element check? `format` state
 * (the date format a 1250 element names for the 1251 after it) is kept as the exact checks keep it.
 */
export function elementsClean(spec: SegmentSpec, scan: SegmentScan, separators: Separators): boolean {
  const count = scan.count;
  const text = scan.text;
  const starts = scan.starts;
  const ends = scan.ends;
  const flags = scan.flags;
  // Trailing empty elements (reported by the validator) and elements past the guide's.
  if (count > 0 && ends[count] === starts[count]) return false;
  const positions = spec.elements;
  if (count > positions.length) return false;
  // Past the last element written every value is empty: a finding only where one is required.
  if (count < spec.lastRequired) return false;
  let format: string | null = null;
  const dated = spec.hasDateFormat;
  for (let p = 0; p < count; p++) {
    const position = positions[p]!;
    const k = p + 1;
    const start = starts[k]!;
    const end = ends[k]!;
    const f = flags[k]!;
    // A character outside the sets: the exact checks name it.
    if ((f & HAS_OUTSIDE) !== 0) return false;
    // A repetition separator: no element or composite of the 837 guides repeats.
    if ((f & HAS_REPETITION) !== 0) return false;
    if (position.kind === 'composite') {
      if (!compositeClean(position, text, start, end, (f & HAS_COMPONENT) !== 0, separators)) return false;
      continue;
    }
    // Most elements are plain text or a code of a list: checked here, without a call.
    if (f === 0 && position.plain) {
      if (start === end) {
        if (position.usage === 'R') return false;
        continue;
      }
      const length = end - start;
      if (length < position.minLength || length > position.maxLength || text.charCodeAt(end - 1) === SPACE) return false;
      const packed = position.packedCodes;
      if (packed !== null) {
        const n = packCode(text, start, end);
        if (n < 0 || !hasPackedCode(packed, n)) return false;
      }
      continue;
    }
    // A component separator in a simple element (ISA16 is the separator itself).
    if ((f & HAS_COMPONENT) !== 0 && position.ref !== 'ISA16') return false;
    let valueFormat: string | null = null;
    if (dated) {
      if (position.dataElement === '1251') valueFormat = format;
      if (position.dataElement === '1250') format = formatAt(text, start, end);
    }
    if (!valueClean(position, text, start, end, valueFormat)) return false;
  }
  const notes = spec.syntax;
  for (let n = 0; n < notes.length; n++) {
    const note = notes[n]!;
    const notePositions = note.positions;
    let present = 0;
    for (let i = 0; i < notePositions.length; i++) {
      const p = notePositions[i]!;
      if (p <= count && ends[p]! > starts[p]!) present++;
    }
    const first = note.positions[0]!;
    const firstPresent = first <= count && ends[first]! > starts[first]!;
    switch (note.kind) {
      case 'P':
        if (present > 0 && present < note.positions.length) return false;
        break;
      case 'R':
        if (present === 0) return false;
        break;
      case 'C':
        if (firstPresent && present < note.positions.length) return false;
        break;
      case 'E':
        if (present > 1) return false;
        break;
      case 'L':
        if (firstPresent && present < 2) return false;
        break;
    }
  }
  return true;
}

/** The date formats a 1250 element names, by their packed code (no string made per segment). */
const FORMATS = new Map<number, string>([...DATE_FORMATS].map((f) => [packCode(f, 0, f.length), f]));

/** The 1250 value at [start, end) as its date format, or '' when it names none the checks know. */
function formatAt(text: string, start: number, end: number): string {
  return FORMATS.get(packCode(text, start, end)) ?? '';
}

function compositeClean(spec: CompositeSpec, text: string, start: number, end: number, hasComponents: boolean, separators: Separators): boolean {
  const separator = separators.component;
  const components = spec.components;
  if (!hasComponents) {
    // One component (the usual qualifier:code pairs always have a separator): the element is it.
    if (start === end) return spec.usage !== 'R';
    if (spec.usage === 'N') return false;
    // The components after it are empty: only a required one is a finding.
    return valueClean(components[0]!, text, start, end, null) && spec.lastRequired <= 1;
  }
  // Empty when every component is empty (then only a required composite is a finding).
  let any = false;
  for (let at = start; at < end; at++) {
    if (text.charCodeAt(at) !== separator) {
      any = true;
      break;
    }
  }
  if (!any) return spec.usage !== 'R';
  if (spec.usage === 'N') return false;
  // Empty components at its end (HC:99213:): the exact check says so (guide.trailing-separator).
  if (text.charCodeAt(end - 1) === separator) return false;
  let from = start;
  // A date format qualifier component (1250) applies to the date after it (1251), as at segment level.
  let format: string | null = null;
  const dated = spec.hasDateFormat;
  for (let c = 0; c < components.length; c++) {
    let to = from;
    while (to < end && text.charCodeAt(to) !== separator) to++;
    const component = components[c]!;
    let dateFormat: string | null = null;
    if (dated) {
      if (component.dataElement === '1250') format = formatAt(text, from, to);
      if (component.dataElement === '1251') dateFormat = format;
    }
    if (!valueClean(component, text, from, to, dateFormat)) return false;
    // A composite's RD8 range must not end before it starts (elementChecks.ts checkElement).
    if (dateFormat === 'RD8' && !rangeInOrderAt(text, from, to)) return false;
    // The components after the last one written are empty: only a required one is a finding.
    if (to === end) return spec.lastRequired <= c + 1;
    from = to + 1;
  }
  // Components past the guide's: only empty ones may follow (the exact check counts up to the last non-empty).
  for (let at = from; at < end; at++) if (text.charCodeAt(at) !== separator) return false;
  return true;
}

/**
 * elementChecks.ts checkElement for one value at [start, end), answering only "no finding". The
 * characters were looked at by the scan (no separator in a simple value, none outside the sets).
 */
function valueClean(spec: ElementSpec, text: string, start: number, end: number, format: string | null): boolean {
  // An empty value of a used composite: as checkElement, required components are required.
  if (start === end) return spec.usage !== 'R';
  if (spec.usage === 'N') return false;
  const type = spec.type;
  let counted = end - start;
  if (type === 'AN' || type === 'ID') {
    if (text.charCodeAt(end - 1) === SPACE) return false;
  } else if (type === 'N0' || type === 'N2') {
    let at = start;
    if (text.charCodeAt(at) === MINUS) at++;
    if (at === end) return false;
    for (; at < end; at++) if (!isDigit(text.charCodeAt(at))) return false;
    counted = end - start - (text.charCodeAt(start) === MINUS ? 1 : 0);
  } else if (type === 'R') {
    let at = start;
    if (text.charCodeAt(at) === MINUS) at++;
    const digitsFrom = at;
    while (at < end && isDigit(text.charCodeAt(at))) at++;
    let dot = 0;
    if (at < end) {
      if (text.charCodeAt(at) !== DOT) return false;
      dot = 1;
      at++;
      if (at === end) return false;
      for (; at < end; at++) if (!isDigit(text.charCodeAt(at))) return false;
    }
    if (dot === 0 && digitsFrom === end) return false; // '-' alone
    counted = end - digitsFrom - dot;
  } else {
    // A date or a time (DT, TM: the envelope's and the BHT's, once per transaction set): the
    // exact checks decide (this check then has no branch that only the second set would run).
    return false;
  }
  if (counted < spec.minLength || counted > spec.maxLength) return false;
  const packed = spec.packedCodes;
  if (packed !== null) {
    const n = packCode(text, start, end);
    if (n >= 0 ? !hasPackedCode(packed, n) : packed.unpacked === 0 || !isValidCode(spec, text.slice(start, end))) return false;
  }
  if (format !== null && format !== '' && !matchesFormatAt(text, start, end, format)) return false;
  if (spec.regex !== null && !spec.regex.test(text.slice(start, end))) return false;
  return true;
}
