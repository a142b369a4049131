// The first elements of one segment at a time, for the 837 reader: it asks for a few elements
// near the start of each segment it reads (HL03, CLM01-02, SV101-04, DTP01-03...), so the scan
// for element separators stops at the last one it asks for instead of splitting the whole
// segment (CLM and NM1 go on for many elements after the ones read). Answers are those of
// X12SegmentIndex.elementStartOf and elementEnd, read from the tokenizer's offset arrays.

import type { X12SegmentIndex } from './segment-index';

/** Elements past this are asked of the index (the reader reads none: ISA13 is its highest). */
const MAX_ELEMENT = 30;

export class ElementReader {
  private ix: X12SegmentIndex | null = null;
  private text = '';
  /** Segment whose elements are being found (-1: none). */
  private segment = -1;
  /** Element separator of that segment, and where it ends. */
  private separator = 0;
  private end = 0;
  /** starts[k]: offset of element k's first character, for k in 1..found. */
  private found = 0;
  private readonly starts = new Int32Array(MAX_ELEMENT + 2);
  /** Where the search for the next separator goes on; at `end` once every element is found. */
  private at = 0;

  /** Element k's start is known, or the segment has fewer than k elements. */
  private reach(ix: X12SegmentIndex, s: number, k: number): void {
    if (s !== this.segment || ix !== this.ix) {
      if (ix !== this.ix) {
        this.ix = ix;
        this.text = ix.text;
      }
      this.segment = s;
      this.separator = ix.delimitersOf(s).element.charCodeAt(0);
      this.at = ix.table.segmentStart[s]!;
      this.end = ix.table.segmentEnd[s]!;
      this.found = 0;
    }
    let found = this.found;
    if (found >= k) return;
    const text = this.text;
    const separator = this.separator;
    const end = this.end;
    const starts = this.starts;
    let at = this.at;
    while (at < end) {
      if (text.charCodeAt(at++) === separator) {
        starts[++found] = at;
        if (found === k) break;
      }
    }
    this.at = at;
    this.found = found;
  }

  /** Start offset of element k (k >= 1) of segment s; -1 when the segment has no element k. */
  startOf(ix: X12SegmentIndex, s: number, k: number): number {
    if (k > MAX_ELEMENT) return ix.elementStartOf(s, k);
    this.reach(ix, s, k);
    return this.found >= k ? this.starts[k]! : -1;
  }

  /** End offset (exclusive) of element k (k >= 1) of segment s; -1 when absent. */
  endOf(ix: X12SegmentIndex, s: number, k: number): number {
    if (k >= MAX_ELEMENT) return ix.elementEnd(s, k);
    this.reach(ix, s, k + 1);
    const found = this.found;
    if (found > k) return this.starts[k + 1]! - 1;
    return found === k ? this.end : -1;
  }
}
