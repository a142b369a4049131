// The first elements of one segment at a time, for the 837 reader: it asks for a few elements
// near the start of each segment it reads (HL03, CLM01-02, SV101-04, DTP01-03...), so the scan
// for element separators stops at the last one it asks for instead of splitting the whole
// segment (CLM and NM1 go on for many elements after the ones read). Answers are those of
// X12SegmentIndex.elementStartOf and elementEnd, read from the tokenizer's offset arrays.
//
// A segment is chosen once (select) and its elements then read with start and end, which are
// small enough to be inlined where the reader calls them (a call per element read cost more
// than finding the elements).

import type { X12SegmentIndex } from './segment-index';

/** Elements past this are asked of the index (the reader reads none: ISA13 is its highest). */
const MAX_ELEMENT = 30;

export class ElementReader {
  private ix: X12SegmentIndex | null = null;
  private text = '';
  /** The selected segment (-1: none). */
  private segment = -1;
  /** Its element separator, and where it ends. */
  private separator = 0;
  private end_ = 0;
  /** starts[k]: offset of element k's first character, for k in 1..found. */
  private found = 0;
  private readonly starts = new Int32Array(MAX_ELEMENT + 2);
  /** Where the search for the next separator goes on; at end_ once every element is found. */
  private at = 0;

  /** Makes segment s of ix the one start and end read. */
  select(ix: X12SegmentIndex, s: number): this {
    if (s === this.segment && ix === this.ix) return this;
    if (ix !== this.ix) {
      this.ix = ix;
      this.text = ix.text;
    }
    this.segment = s;
    this.separator = ix.delimitersOf(s).element.charCodeAt(0);
    this.at = ix.table.segmentStart[s]!;
    this.end_ = ix.table.segmentEnd[s]!;
    this.found = 0;
    return this;
  }

  /** Start offset of element k (k >= 1) of the selected segment; -1 when it has no element k. */
  start(k: number): number {
    if (k > this.found && this.at < this.end_) this.scan(k);
    return k <= this.found ? this.starts[k]! : k > MAX_ELEMENT ? this.ix!.elementStartOf(this.segment, k) : -1;
  }

  /** End offset (exclusive) of element k (k >= 1) of the selected segment; -1 when absent. */
  end(k: number): number {
    if (k >= this.found && this.at < this.end_) this.scan(k + 1);
    const found = this.found;
    if (k < found) return this.starts[k + 1]! - 1;
    if (k >= MAX_ELEMENT) return this.ix!.elementEnd(this.segment, k);
    return k === found ? this.end_ : -1;
  }

  /** Finds element starts until element k's (at most MAX_ELEMENT + 1) or the segment's end. */
  private scan(k: number): void {
    const target = Math.min(k, MAX_ELEMENT + 1);
    let found = this.found;
    if (found >= target) return;
    const text = this.text;
    const separator = this.separator;
    const end = this.end_;
    const starts = this.starts;
    let at = this.at;
    while (at < end) {
      if (text.charCodeAt(at++) === separator) {
        starts[++found] = at;
        if (found === target) break;
      }
    }
    this.at = at;
    this.found = found;
  }
}
