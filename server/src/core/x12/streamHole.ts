// The middle of a long segment X12Stream leaves out of the text it holds (a segment of a
// megabyte or more that the reader reads no element of): what is left out, and the offsets of
// findings moved across it, back to the document's. The held text is streamText.ts.

import type { Finding, Span } from '../model';
import { codeAt, type Source } from './source';
import { isGap } from './streamCut';

/**
 * The middle of a long segment left out of a piece: the piece's text holds its first
 * LONG_SEGMENT_HEAD characters and then goes on from its terminator, so offsets in the piece
 * from `start` on are `length` characters short of the document's. Only a segment the reader
 * reads no element of, with no claim open, is cut short like this, and its piece ends right after
 * it, so nothing read from the piece (its id, where it starts and ends, the segments around it)
 * falls in the part left out.
 */
export interface Hole {
  /** Offset in the piece's text. */
  start: number;
  length: number;
  /** True while the segment's terminator has not been fed. */
  open: boolean;
  /**
   * While open: whether the part left out holds a character other than a gap, and how many gaps
   * it ends with after the last such. A segment the document ends without a terminator ends
   * before its trailing gaps (segmentSplit.ts unterminatedEnd), so end() puts those back in the
   * piece. Counted, not held: a run of blanks in a long segment is not kept either.
   */
  solid: boolean;
  tail: number;
}

/** Notes text[from, to), left out of an open hole (see Hole.solid). */
export function noteLeftOut(hole: Hole, text: Source, from: number, to: number): void {
  let at = to;
  while (at > from && isGap(codeAt(text, at - 1))) at--;
  if (at > from) {
    hole.solid = true;
    hole.tail = to - at;
  } else hole.tail += to - from;
}

function acrossHole(span: Span, hole: Hole): Span {
  return {
    start: span.start >= hole.start ? span.start + hole.length : span.start,
    end: span.end >= hole.start ? span.end + hole.length : span.end,
  };
}

/** A finding of a piece with a hole, with the offsets of its text without one. */
export function findingAcrossHole(finding: Finding, hole: Hole): Finding {
  const moved: Finding = { ...finding, span: acrossHole(finding.span, hole) };
  if (finding.related) moved.related = finding.related.map((related) => ({ ...related, span: acrossHole(related.span, hole) }));
  return moved;
}
