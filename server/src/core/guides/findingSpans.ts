// Where the guide pass (pass.ts) puts a validator finding in the text: its component, its
// element, the end of the segment for an element past its end, else the segment id; in the
// coordinates of the piece being read, which may leave out the middle of a long segment.
import type { Span } from '../model';
import { shiftSpan } from '../spans';
import type { X12SegmentIndex } from '../x12/segment-index';
import type { GuideFinding } from './validate';

/** The middle of a long segment left out of a piece's text (X12Stream's Hole): where, in the piece, and how many characters. */
export interface LeftOut {
  start: number;
  length: number;
}

/** HL04 of the last HL of an earlier piece: its stream index and span in document offsets. */
export interface EarlierHl {
  index: number;
  span: Span;
}

/**
 * The span of finding `f` in the current piece `ix`, whose first segment has stream index `base`
 * and whose text starts at document offset `textBase`.
 */
export function spanOf(f: GuideFinding, ix: X12SegmentIndex, base: number, textBase: number, earlierHl: EarlierHl | null): Span {
  const segment = f.segment - base;
  if (segment < 0 || segment >= ix.segmentCount) {
    // An earlier piece's segment: only the HL child flag names one.
    return earlierHl !== null && earlierHl.index === f.segment ? shiftSpan(earlierHl.span, -textBase) : { start: 0, end: 0 };
  }
  if (f.position === undefined) return ix.elementSpan(segment, 0) ?? ix.segmentSpan(segment);
  const element = ix.elementSpan(segment, f.position);
  if (!element) {
    const end = ix.segmentSpan(segment).end;
    return { start: end, end };
  }
  if (f.component && f.component > 0) return ix.componentSpans(segment, f.position)[f.component - 1] ?? element;
  return element;
}

/** A span of the text with `hole`'s characters in it, in the piece's text that leaves them out (the inverse of X12Stream's acrossHole). */
export function withoutHole(span: Span, hole: LeftOut | null): Span {
  if (hole === null) return span;
  const inPiece = (at: number): number => (at < hole.start ? at : Math.max(hole.start, at - hole.length));
  return { start: inPiece(span.start), end: inPiece(span.end) };
}
