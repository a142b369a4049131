// The run memo's recordings (runMemo.ts): the segments taken since the outermost recording
// began, one item each (its offsets, where its ranges come from, its plan), and the recordings
// open, nested, outermost first (each a loop's iteration: its first segment's guide segment and
// terminator, the walker's frame of its loop, its first item).
import type { ShapeMemo } from './shapeMemo';
import type { StepPlan } from './transitions';

/** Items the log holds at most (past that, the recordings are dropped). */
const LOG = 1024;
/** Recordings open at most. */
const DEPTH = 16;

export class RunLog {
  /** The text of the items. */
  text = '';
  count = 0;
  /** The index of the last item's segment. */
  last = -1;
  depth = 0;
  private readonly starts = new Int32Array(LOG);
  private readonly ends = new Int32Array(LOG);
  /** Per item: its shape memo entry (>= 0), or -2 - the last edge of a run taken (the item is the run's segments). */
  private readonly sources = new Int32Array(LOG);
  private readonly plans = new Array<StepPlan | null>(LOG).fill(null);
  private readonly tops = new Int32Array(DEPTH);
  private readonly froms = new Int32Array(DEPTH);
  private readonly bases = new Int32Array(DEPTH);
  private readonly firsts = new Int32Array(DEPTH);
  private readonly takens = new Int32Array(DEPTH);
  /** Scratch ranges for ranges(). */
  private above = new Uint8Array(1024);
  private below = new Uint8Array(1024);

  /** A recording begins after segment i of `text` (terminator at `end`, guide segment `from`, the walker's frame `top`), `taken` segments of a run taken with it to follow. */
  begin(text: string, i: number, end: number, from: number, top: number, taken: number): void {
    if (this.depth === 0 || this.depth === DEPTH) {
      this.depth = 0;
      this.text = text;
      this.count = 0;
    }
    const d = this.depth++;
    this.tops[d] = top;
    this.froms[d] = from;
    this.bases[d] = end;
    this.firsts[d] = this.count;
    this.takens[d] = taken;
    this.last = i;
  }

  /** Segment i, [start, end), from `source`, stepped by `plan`; false when the log is full. */
  add(i: number, start: number, end: number, source: number, plan: StepPlan): boolean {
    const n = this.count;
    if (n === LOG) return false;
    this.starts[n] = start;
    this.ends[n] = end;
    this.sources[n] = source;
    this.plans[n] = plan;
    this.count = n + 1;
    this.last = i;
    return true;
  }

  /** Every recording is dropped. */
  drop(): void {
    this.depth = 0;
    this.count = 0;
  }

  /** The innermost recording is closed (its items stay readable until the next add or begin). */
  pop(): void {
    this.depth--;
    if (this.depth === 0) this.count = 0;
  }

  innermostTop(): number {
    return this.tops[this.depth - 1]!;
  }

  top(d: number): number {
    return this.tops[d]!;
  }

  from(d: number): number {
    return this.froms[d]!;
  }

  base(d: number): number {
    return this.bases[d]!;
  }

  firstItem(d: number): number {
    return this.firsts[d]!;
  }

  taken(d: number): number {
    return this.takens[d]!;
  }

  end(k: number): number {
    return this.ends[k]!;
  }

  plan(k: number): StepPlan {
    return this.plans[k]!;
  }

  source(k: number): number {
    return this.sources[k]!;
  }

  /**
   * The ranges of the characters from `at` (the terminator before item k's segment, one the shape
   * memo took) to the item's end: the same characters but where its entry lets a letter or digit
   * stand for another, and its D8 dates; null when a character is
   * past ASCII or the gap before the segment holds a blank. The arrays are reused.
   */
  ranges(k: number, at: number, shapes: ShapeMemo): { above: Uint8Array; below: Uint8Array; dates: Int32Array | null } | null {
    const text = this.text;
    const start = this.starts[k]!;
    const span = this.ends[k]! - at;
    const size = (span + 3) & ~3;
    if (size > this.above.length) {
      this.above = new Uint8Array(size);
      this.below = new Uint8Array(size);
    }
    const above = this.above;
    const below = this.below;
    for (let x = 0; x < span; x++) {
      const c = text.charCodeAt(at + x);
      if (c >= 128 || (x > 0 && at + x < start && (c === 32 || c === 9))) return null;
      above[x] = 0x7f - c;
      below[x] = 0x80 - c;
    }
    const dates: number[] = [];
    shapes.rangesOf(this.sources[k]!, this.ends[k]! - start, above, below, start - at, dates);
    // The bytes past the end in the last word, which the comparison clears: any ASCII character.
    for (let x = span; x < size; x++) {
      above[x] = 0;
      below[x] = 0x80;
    }
    return { above, below, dates: dates.length > 0 ? Int32Array.from(dates) : null };
  }
}
