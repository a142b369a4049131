// Empty segments: a segment terminator right after another (or after only line breaks and blanks,
// which the reader skips between segments), as a generator that writes a terminator twice leaves
// them. A segment starts with its id, so a translator rejects the file, or counts the empty one as
// a segment; the reader counts it too (SE01 as Claimlint checks it), and the quick fix removes
// every empty segment and sets SE01 to match (guides/emptySegmentFix.ts). One finding per run of
// them, and a bounded number in all: a file of nothing but terminators is one finding, and a file
// of a million short segments each followed by an empty one costs a hundred.
import type { SegmentReading } from './reading837';

export const EMPTY_SEGMENT_RULE = 'x12.segment-empty';

/** Runs of empty segments reported one by one in a document; the fix removes them all. */
export const REPORTED_RUNS = 100;

const MESSAGE =
  'Empty segment: a segment terminator right after the one before, with nothing between them. A segment starts with its id, so a receiver rejects the file ' +
  'or counts it as a segment (as SE01 is checked here); remove it.';
const LAST_MESSAGE = `${MESSAGE} Further empty segments are not reported one by one; the quick fix removes them all.`;

export class EmptySegments {
  private reported = 0;
  /** The last segment of the piece before was empty: a run of them may go on across pieces. */
  private lastWasEmpty = false;

  constructor(private readonly r: SegmentReading) {}

  /** Segment s of the current piece is empty (its start is its end, where its terminator is). */
  segment(s: number): void {
    if (s > 0 ? this.isEmpty(s - 1) : this.lastWasEmpty) return;
    if (this.reported === REPORTED_RUNS) return;
    this.reported++;
    const at = this.r.ix.table.segmentStart[s]!;
    this.r.add(EMPTY_SEGMENT_RULE, 'error', this.reported === REPORTED_RUNS ? LAST_MESSAGE : MESSAGE, { start: at, end: at + 1 });
  }

  /** The current piece ends: whether a run of empty segments reaches its end. */
  endPiece(): void {
    const count = this.r.ix.segmentCount;
    this.lastWasEmpty = count > 0 && this.isEmpty(count - 1);
  }

  private isEmpty(s: number): boolean {
    const table = this.r.ix.table;
    return table.segmentEnd[s] === table.segmentStart[s];
  }
}
