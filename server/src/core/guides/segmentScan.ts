// One segment read once for the guide checks: where its elements start and end, and what kinds
// of character each element holds (a component or repetition separator, a character outside the
// X12 basic and extended sets). The walker's qualifier, the clean check (fastCheck.ts) and the
// values the exact checks take all read these offsets, so the guide pass looks at each character
// of a segment once; the checks then work per element, not per character.
import type { SegmentReader } from './fastCheck';
import { ByteWindow } from './byteWindow';

/** Element flags: the element holds a component separator. */
export const HAS_COMPONENT = 1;
/** The element holds a repetition separator. */
export const HAS_REPETITION = 2;
/** The element holds a character outside the X12 basic and extended sets (printable ASCII, CR, LF). */
export const HAS_OUTSIDE = 4;

/** Outside the X12 basic and extended character sets (valueTypes.ts EXTENDED_CHARACTERS): not printable ASCII, CR or LF. */
function outside(c: number): boolean {
  return c > 126 || (c < 32 && c !== 10 && c !== 13);
}

/** What a character is to the scan, by character code: an element separator, or its HAS_* bits (0: plain). */
const ELEMENT_SEPARATOR = 8;

/** The class table for one set of separators (a file nearly always has one set: the last is kept). */
function classesFor(element: number, component: number, repetition: number): Uint8Array {
  // outside(c) for every c, by ranges (a loop over 65,536 codes runs unoptimized in a fresh process).
  const classes = new Uint8Array(65536);
  classes.fill(HAS_OUTSIDE, 0, 32);
  classes.fill(HAS_OUTSIDE, 127);
  classes[10] = classes[13] = 0;
  // A separator's own bits (one outside the sets stays marked so in a value, as the exact checks see it).
  if (repetition >= 0) classes[repetition] = HAS_REPETITION | (outside(repetition) ? HAS_OUTSIDE : 0);
  if (component >= 0) classes[component] = HAS_COMPONENT;
  classes[element] = ELEMENT_SEPARATOR;
  return classes;
}

export class SegmentScan implements SegmentReader {
  text = '';
  /** The segment scanned (its index in the reader it came from), or -1. */
  segment = -1;
  /** Elements after the id. */
  count = 0;
  /** starts[k], ends[k]: element k's offsets (k = 0 is the id). */
  starts = new Int32Array(64);
  ends = new Int32Array(64);
  /** flags[k]: HAS_* bits of element k. */
  flags = new Uint8Array(64);
  /** A hash of the segment's characters (for CleanMemo: equal text, equal hash). */
  hash = 0;

  /** The text read as bytes where it is ASCII (byteWindow.ts): the scan and the clean memo read it. */
  readonly window = new ByteWindow();

  private classes: Uint8Array | null = null;
  private element = -1;
  private component = -1;
  private repetition = -1;

  /** Reads segment `segment`, text[start, end), with these separators (character codes; -1: none). */
  scan(text: string, segment: number, start: number, end: number, element: number, component: number, repetition: number): void {
    if (this.classes === null || element !== this.element || component !== this.component || repetition !== this.repetition) {
      this.classes = classesFor(element, component, repetition);
      this.element = element;
      this.component = component;
      this.repetition = repetition;
    }
    this.text = text;
    this.segment = segment;
    const window = this.window;
    if (window.cover(text, start, end)) this.scanBytes(window.bytes, window.start, start, end);
    else this.scanText(text, start, end);
  }

  // The two loops below are one loop, reading characters from the text's bytes or from the text
  // itself: keep them alike.

  /** The scan of text[start, end) from its bytes (bytes[at - base] is the character at `at`). */
  private scanBytes(bytes: Uint8Array, base: number, start: number, end: number): void {
    const classes = this.classes!;
    let starts = this.starts;
    let ends = this.ends;
    let flags = this.flags;
    let k = 0;
    let f = 0;
    let hash = 0;
    starts[0] = start;
    // `b` walks the bytes; `b + base` is the offset in the text.
    for (let b = start - base, last = end - base; b < last; b++) {
      const c = bytes[b]!;
      hash = (Math.imul(hash, 31) + c) | 0;
      const cls = classes[c]!;
      if (cls === 0) continue;
      if (cls !== ELEMENT_SEPARATOR) {
        f |= cls;
        continue;
      }
      ends[k] = b + base;
      flags[k] = f;
      f = 0;
      k++;
      if (k === starts.length) {
        this.grow();
        starts = this.starts;
        ends = this.ends;
        flags = this.flags;
      }
      starts[k] = b + base + 1;
    }
    ends[k] = end;
    flags[k] = f;
    this.count = k;
    this.hash = hash;
  }

  /** The scan of text[start, end) from the text. */
  private scanText(text: string, start: number, end: number): void {
    const classes = this.classes!;
    let starts = this.starts;
    let ends = this.ends;
    let flags = this.flags;
    let k = 0;
    let f = 0;
    let hash = 0;
    starts[0] = start;
    for (let at = start; at < end; at++) {
      const c = text.charCodeAt(at);
      hash = (Math.imul(hash, 31) + c) | 0;
      const cls = classes[c]!;
      if (cls === 0) continue;
      if (cls !== ELEMENT_SEPARATOR) {
        f |= cls;
        continue;
      }
      ends[k] = at;
      flags[k] = f;
      f = 0;
      k++;
      if (k === starts.length) {
        this.grow();
        starts = this.starts;
        ends = this.ends;
        flags = this.flags;
      }
      starts[k] = at + 1;
    }
    ends[k] = end;
    flags[k] = f;
    this.count = k;
    this.hash = hash;
  }

  private grow(): void {
    const size = this.starts.length * 2;
    const starts = new Int32Array(size);
    const ends = new Int32Array(size);
    const flags = new Uint8Array(size);
    starts.set(this.starts);
    ends.set(this.ends);
    flags.set(this.flags);
    this.starts = starts;
    this.ends = ends;
    this.flags = flags;
  }

  // SegmentReader, for the scanned segment only (`i` is the segment scanned).
  elementCount(_i: number): number {
    return this.count;
  }

  elementStartOf(_i: number, k: number): number {
    return k < 0 || k > this.count ? -1 : this.starts[k]!;
  }

  elementEnd(_i: number, k: number): number {
    return k < 0 || k > this.count ? -1 : this.ends[k]!;
  }
}
