// The elements of one segment at a time, found as far as they are asked for: the 837 reader asks
// for a few elements near the start of each segment it reads (HL03, CLM01-02, SV101-04,
// DTP01-03...), so the scan for element separators stops at the last one it asks for instead of
// splitting the whole segment (CLM and NM1 go on for many elements after the ones read).
// X12SegmentIndex answers its element questions (elementStartOf, elementEnd, elementCount) with
// one of these too, over the tokenizer's offset arrays.
//
// A segment is chosen once (select) and its elements then read with start and end, which are
// small enough to be inlined where the reader calls them (a call per element read cost more
// than finding the elements).

import type { Source } from './source';

/** What a reader reads a segment from: the tokenizer's offsets, and each segment's element separator. */
export interface ElementSource {
  readonly source: Source;
  readonly table: { readonly segmentStart: Uint32Array; readonly segmentEnd: Uint32Array };
  /** The char code of segment i's element separator. */
  elementCodeOf(i: number): number;
}

export class ElementReader {
  private ix: ElementSource | null = null;
  private source: Source = '';
  /** The selected segment (-1: none). */
  private segment = -1;
  /** Its element separator, and where it ends. */
  private separator = 0;
  private end_ = 0;
  /** starts[k]: offset of element k's first character, for k in 1..found. */
  private found = 0;
  private starts: Int32Array<ArrayBuffer> = new Int32Array(34);
  /** Where the search for the next separator goes on; at end_ once every element is found. */
  private at = 0;

  /**
   * Makes segment s of ix the one start and end read; with `upTo`, its elements up to that one are
   * found at once (one scan where the reader asks for each of them in turn: a scan per question
   * cost more than the characters it reads).
   */
  select(ix: ElementSource, s: number, upTo = 0): this {
    if (s !== this.segment || ix !== this.ix) {
      if (ix !== this.ix) {
        this.ix = ix;
        this.source = ix.source;
      }
      this.segment = s;
      this.separator = ix.elementCodeOf(s);
      this.at = ix.table.segmentStart[s]!;
      this.end_ = ix.table.segmentEnd[s]!;
      this.found = 0;
    }
    if (upTo > 0 && upTo >= this.found && this.at < this.end_) this.scan(upTo + 1);
    return this;
  }

  /** Start offset of element k (k >= 1) of the selected segment; -1 when it has no element k. */
  start(k: number): number {
    if (k > this.found && this.at < this.end_) this.scan(k);
    return k <= this.found ? this.starts[k]! : -1;
  }

  /** End offset (exclusive) of element k (k >= 0; 0 is the id) of the selected segment; -1 when absent. */
  end(k: number): number {
    if (k >= this.found && this.at < this.end_) this.scan(k + 1);
    const found = this.found;
    if (k < found) return this.starts[k + 1]! - 1;
    return k === found ? this.end_ : -1;
  }

  /** Number of elements after the id (a segment `LX*1` has 1). */
  count(): number {
    if (this.at < this.end_) this.scan(Infinity);
    return this.found;
  }

  /** Finds element starts until element k's or the segment's end. */
  private scan(k: number): void {
    let found = this.found;
    if (found >= k) return;
    const source = this.source;
    const separator = this.separator;
    const end = this.end_;
    let starts = this.starts;
    let at = this.at;
    if (typeof source === 'string') {
      while (at < end) {
        if (source.charCodeAt(at++) === separator) {
          if (++found === starts.length) starts = this.grow();
          starts[found] = at;
          if (found === k) break;
        }
      }
    } else {
      while (at < end) {
        if (source[at++] === separator) {
          if (++found === starts.length) starts = this.grow();
          starts[found] = at;
          if (found === k) break;
        }
      }
    }
    this.at = at;
    this.found = found;
  }

  private grow(): Int32Array<ArrayBuffer> {
    const grown = new Int32Array(this.starts.length * 2);
    grown.set(this.starts);
    return (this.starts = grown);
  }
}
