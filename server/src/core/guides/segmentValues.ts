// One segment's values read from its offsets in the text, as the walker asks for them: a value
// (ValueAt, a string) or a packed qualifier (KeyAt, a number, no string made). One reader serves
// every segment of a pass: point it at a segment with at(), then hand out its two functions.
// Also the values of a segment as strings (valuesOf), for the checks that read them all, and the
// segments of an indexed text the validator reads by offsets (IndexedSegments).
import { componentOf } from './valueTypes';
import { packCode } from './packedCodes';
import type { ValueAt } from './lookups';
import type { SegmentReader } from './fastCheck';
import type { KeyAt } from './transitions';

export class SegmentValues {
  private reader: SegmentReader | null = null;
  private segment = -1;
  private readonly separatorCode: number;

  constructor(private readonly componentSeparator: string) {
    this.separatorCode = componentSeparator.charCodeAt(0);
  }

  /** Reads segment `i` of `reader` from now on. */
  at(reader: SegmentReader, i: number): this {
    this.reader = reader;
    this.segment = i;
    return this;
  }

  readonly valueAt: ValueAt = (position, component) => {
    const reader = this.reader!;
    const start = reader.elementStartOf(this.segment, position);
    if (start < 0) return '';
    const raw = reader.text.slice(start, reader.elementEnd(this.segment, position));
    return component === 0 ? raw : componentOf(raw, this.componentSeparator, component);
  };

  /** The same value as a packed number (packedCodes.ts packCode; 0 when empty, -1 when it does not pack). */
  readonly keyAt: KeyAt = (position, component) => {
    const reader = this.reader!;
    let start = reader.elementStartOf(this.segment, position);
    if (start < 0) return 0;
    let end = reader.elementEnd(this.segment, position);
    if (component > 0) {
      const text = reader.text;
      for (let c = 1; c < component; c++) {
        while (start < end && text.charCodeAt(start) !== this.separatorCode) start++;
        if (start === end) return 0;
        start++;
      }
      let stop = start;
      while (stop < end && text.charCodeAt(stop) !== this.separatorCode) stop++;
      end = stop;
    }
    return start === end ? 0 : packCode(reader.text, start, end);
  };
}

/** The first `n` element values of segment i (fewer when it has fewer). */
export function firstValues(reader: SegmentReader, i: number, n: number): string[] {
  const count = Math.min(n, reader.elementCount(i));
  const out = new Array<string>(count);
  for (let k = 1; k <= count; k++) out[k - 1] = reader.text.slice(reader.elementStartOf(i, k), reader.elementEnd(i, k));
  return out;
}

/**
 * The first four element values of the segment at text[start, end) whose elements are separated
 * by the character `separator` (a code), as firstValues of its scan gives them: what HL numbering
 * reads of an HL, without a scan (a few searches of the text).
 */
export function firstFourValues(text: string, start: number, end: number, separator: number): string[] {
  const out: string[] = [];
  const character = String.fromCharCode(separator);
  let at = text.indexOf(character, start);
  while (at >= 0 && at < end && out.length < 4) {
    const next = text.indexOf(character, at + 1);
    const stop = next < 0 || next > end ? end : next;
    out.push(text.slice(at + 1, stop));
    at = stop === end ? -1 : stop;
  }
  return out;
}

/** The element values of segment i (elements[0] is element 01). */
export function valuesOf(reader: SegmentReader, i: number): string[] {
  return firstValues(reader, i, reader.elementCount(i));
}

/** Segments of an indexed text, read by offsets (X12SegmentIndex is one). */
export interface IndexedSegments extends SegmentReader {
  /** segmentIdCode of the segment's id; 0 when it is not 1..3 ASCII characters. */
  idCode(i: number): number;
  segmentId(i: number): string;
  /** Where each segment starts (its id) and where its terminator is. */
  readonly table: { readonly segmentStart: ArrayLike<number>; readonly segmentEnd: ArrayLike<number> };
  delimitersOf(i: number): { readonly element: string };
}
