// Segment-level access over the tokenizer's offset arrays: values and spans on demand, and what
// is under a given offset (for hovers).

import type { Delimiters, Span, X12Index, X12Position } from '../model';
import type { SegmentTable } from './tokenizer';
import { lastAtOrBefore } from '../search';
import { ElementReader } from './elementReader';
import { codeAt, sliceOf, type Source } from './source';

const NO_DELIMITERS: Delimiters = { element: '*', component: ':', repetition: null, segment: '~' };

/** Packs a segment id of 1..3 ASCII characters into one number, so dispatch needs no string. */
export function segmentIdCode(id: string): number {
  let code = id.length;
  for (let i = 0; i < id.length; i++) code = code * 128 + (id.charCodeAt(i) & 127);
  return code;
}

const ISA_CODE = segmentIdCode('ISA');

/** text[start, end) as an integer when it is 1..15 digits, else -1 (-1 too when start is). */
export function unsignedAt(text: Source, start: number, end: number): number {
  if (start < 0 || end === start || end - start > 15) return -1;
  let value = 0;
  for (let at = start; at < end; at++) {
    const code = codeAt(text, at) - 48;
    if (code < 0 || code > 9) return -1;
    value = value * 10 + code;
  }
  return value;
}

export class X12SegmentIndex implements X12Index {
  readonly segmentCount: number;
  /** What the table was made from: the text, or its bytes (source.ts), which the 837 reader reads. */
  readonly source: Source;

  constructor(readonly table: SegmentTable) {
    this.segmentCount = table.segmentCount;
    this.source = table.source;
  }

  /** The text (decoded from bytes when the table was made from bytes, on first use). */
  get text(): string {
    return this.table.text;
  }

  // The elements of one segment at a time, found when first asked for (and only as far as asked):
  // the parser reads a few elements of the same segment in a row, and most segments are never split at all.
  private readonly elements = new ElementReader();

  /** Number of elements after the id (a segment `LX*1` has 1). */
  elementCount(i: number): number {
    return this.elements.select(this, i).count();
  }

  /** segmentIdCode of segment i's id (0 when it is not 1..3 characters). */
  idCode(i: number): number {
    return this.table.segmentCode[i]!;
  }

  /** Start offset of element k of segment i (0 is the id); -1 when the segment has no element k. */
  elementStartOf(i: number, k: number): number {
    if (k === 0) return this.table.segmentStart[i]!;
    return k < 0 ? -1 : this.elements.select(this, i).start(k);
  }

  /** End offset (exclusive) of element k of segment i; -1 when absent. */
  elementEnd(i: number, k: number): number {
    return k < 0 ? -1 : this.elements.select(this, i).end(k);
  }

  /** Element k of segment i as written; null when the segment stops before it. */
  value(i: number, k: number): string | null {
    const start = this.elementStartOf(i, k);
    if (start < 0) return null;
    return sliceOf(this.source, start, this.elementEnd(i, k));
  }

  /** True when element k of segment i is exactly `expected` (no string is made). */
  valueEquals(i: number, k: number, expected: string): boolean {
    const start = this.elementStartOf(i, k);
    if (start < 0 || this.elementEnd(i, k) - start !== expected.length) return false;
    for (let c = 0; c < expected.length; c++) {
      if (codeAt(this.source, start + c) !== expected.charCodeAt(c)) return false;
    }
    return true;
  }

  /** Element k of segment i as a non-negative integer when it is all digits (at most 15), else -1. */
  unsignedValue(i: number, k: number): number {
    const start = this.elementStartOf(i, k);
    return start < 0 ? -1 : unsignedAt(this.source, start, this.elementEnd(i, k));
  }

  elementSpan(i: number, k: number): Span | null {
    const start = this.elementStartOf(i, k);
    if (start < 0) return null;
    return { start, end: this.elementEnd(i, k) };
  }

  /** Spans of the components of element k (one span when it has no component separator). */
  componentSpans(i: number, k: number): Span[] {
    const start = this.elementStartOf(i, k);
    if (start < 0) return [];
    const end = this.elementEnd(i, k);
    const separator = this.delimitersOf(i).component.charCodeAt(0);
    const spans: Span[] = [];
    let from = start;
    for (let at = start; at < end; at++) {
      if (codeAt(this.source, at) === separator) {
        spans.push({ start: from, end: at });
        from = at + 1;
      }
    }
    spans.push({ start: from, end });
    return spans;
  }

  /** The id of segment i: up to its first element separator (found without splitting the rest, which may be long). */
  segmentId(i: number): string {
    return sliceOf(this.source, this.table.segmentStart[i]!, this.elementEnd(i, 0));
  }

  segmentSpan(i: number): Span {
    return { start: this.table.segmentStart[i]!, end: this.table.segmentEnd[i]! };
  }

  segmentLength(i: number): number {
    return this.table.segmentEnd[i]! - this.table.segmentStart[i]!;
  }

  /** End of segment i's full span: through its terminator and the line breaks after it. */
  fullEnd(i: number): number {
    return i + 1 < this.segmentCount ? this.table.segmentStart[i + 1]! : this.table.trailingEnd;
  }

  segmentFullSpan(i: number): Span {
    return { start: this.table.segmentStart[i]!, end: this.fullEnd(i) };
  }

  elementSpans(i: number): Span[] {
    const spans: Span[] = [];
    const count = this.elementCount(i);
    for (let k = 0; k <= count; k++) spans.push({ start: this.elementStartOf(i, k), end: this.elementEnd(i, k) });
    return spans;
  }

  // The run of the last delimitersOf answer: segments [runFrom, runTo) (consecutive calls nearly always ask within it).
  private runFrom = 0;
  private runTo = 0;
  private runDelimiters: Delimiters = NO_DELIMITERS;
  /** The char code of runDelimiters.element. */
  private runElement = NO_DELIMITERS.element.charCodeAt(0);

  /** The char code of segment i's element separator (delimitersOf(i).element). */
  elementCodeOf(i: number): number {
    if (i >= this.runFrom && i < this.runTo) return this.runElement;
    return this.delimitersOf(i).element.charCodeAt(0);
  }

  delimitersOf(i: number): Delimiters {
    if (i >= this.runFrom && i < this.runTo) return this.runDelimiters;
    const runs = this.table.delimiterRuns;
    let low = 0;
    let high = runs.length - 1;
    if (high < 0) return NO_DELIMITERS;
    while (low < high) {
      const mid = (low + high + 1) >>> 1;
      if (runs[mid]!.firstSegment <= i) low = mid;
      else high = mid - 1;
    }
    const run = runs[low]!;
    // Cached only where the answer is this run's (i at or after its first segment).
    if (i >= run.firstSegment) {
      this.runFrom = run.firstSegment;
      this.runTo = low + 1 < runs.length ? runs[low + 1]!.firstSegment : Infinity;
      this.runDelimiters = run.delimiters;
      this.runElement = run.delimiters.element.charCodeAt(0);
    }
    return run.delimiters;
  }

  segmentAt(offset: number): number {
    const low = lastAtOrBefore(this.table.segmentStart, offset, this.segmentCount);
    if (low < 0) return -1;
    return offset <= this.table.segmentEnd[low]! ? low : -1;
  }

  locate(offset: number): X12Position | null {
    const i = this.segmentAt(offset);
    if (i < 0) return null;
    const delimiters = this.delimitersOf(i);
    const segmentSpan = this.segmentSpan(i);
    const base = { segmentIndex: i, segmentId: this.segmentId(i), segmentSpan, delimiters };
    const count = this.elementCount(i);
    const text = this.text;

    // A segment the text ends without a terminator may end before the final line break: no terminator there.
    if (offset === segmentSpan.end && offset < text.length && text.startsWith(delimiters.segment, offset)) {
      return { ...base, elementIndex: count, componentIndex: 0, span: { start: offset, end: offset + 1 }, delimiter: 'segment' };
    }

    // Element whose start is the last one at or before offset.
    let low = 0;
    let high = count;
    while (low < high) {
      const mid = (low + high + 1) >>> 1;
      if (this.elementStartOf(i, mid) <= offset) low = mid;
      else high = mid - 1;
    }
    const k = low;
    const end = this.elementEnd(i, k);
    if (offset === end && k < count) {
      // The element separator that introduces element k + 1.
      return { ...base, elementIndex: k + 1, componentIndex: 0, span: { start: offset, end: offset + 1 }, delimiter: 'element' };
    }
    const start = this.elementStartOf(i, k);
    // The id and the ISA's fields (which hold the delimiters themselves) have no components.
    if (k === 0 || this.idCode(i) === ISA_CODE) {
      return { ...base, elementIndex: k, componentIndex: 0, span: { start, end } };
    }

    const component = delimiters.component.charCodeAt(0);
    const repetition = delimiters.repetition === null ? -1 : delimiters.repetition.charCodeAt(0);
    let hasComponents = false;
    for (let at = start; at < end; at++) {
      if (text.charCodeAt(at) === component) {
        hasComponents = true;
        break;
      }
    }
    // Walk the element: components are counted within the current repetition.
    let componentIndex = 1;
    let from = start;
    for (let at = start; at < end; at++) {
      const code = text.charCodeAt(at);
      if (code !== component && code !== repetition) continue;
      if (at === offset) {
        const kind = code === component ? 'component' : 'repetition';
        return {
          ...base,
          elementIndex: k,
          componentIndex: code === component ? componentIndex + 1 : hasComponents ? 1 : 0,
          span: { start: at, end: at + 1 },
          delimiter: kind,
        };
      }
      if (at > offset) {
        return { ...base, elementIndex: k, componentIndex: hasComponents ? componentIndex : 0, span: { start: from, end: at } };
      }
      componentIndex = code === component ? componentIndex + 1 : 1;
      from = at + 1;
    }
    return { ...base, elementIndex: k, componentIndex: hasComponents ? componentIndex : 0, span: { start: from, end } };
  }
}
