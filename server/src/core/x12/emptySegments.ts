// Empty segments: a segment terminator right after another (or after only line breaks and blanks,
// which the reader skips between segments), as a generator that writes a terminator twice leaves
// them. A segment starts with its id, so a translator rejects the file, or counts the empty one as
// a segment, or skips it: SE01 is taken as right either way (envelope837.ts), and the quick fix
// removes every empty segment and sets SE01 to match (guides/emptySegmentFix.ts). One finding per run of
// them, and a bounded number in all: a file of nothing but terminators is one finding, and a file
// of a million short segments each followed by an empty one costs a hundred.
import type { SegmentReading } from './reading837';

export const EMPTY_SEGMENT_RULE = 'x12.segment-empty';

/** Runs of empty segments reported one by one in a document; the fix removes them all. */
export const REPORTED_RUNS = 100;

const MESSAGE =
  'Empty segment: a segment terminator right after the one before, with nothing between them. A segment starts with its id, so a receiver may reject the file ' +
  'or count it as a segment in SE01 where others do not; remove it.';
const LAST_MESSAGE = `${MESSAGE} Further empty segments are not reported one by one; the quick fix removes them all.`;

export class EmptySegments {
  /** Empty segments read so far (each, not each run): SE01 is right without those of its set too (envelope837.ts). */
  total = 0;
  private reported = 0;
  /** The last segment of the piece before was empty: a run of them may go on across pieces. */
  private lastWasEmpty = false;

  constructor(private readonly r: SegmentReading) {}

  /** Segment s of the current piece is empty (its start is its end, where its terminator is). */
  segment(s: number): void {
    this.total++;
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
