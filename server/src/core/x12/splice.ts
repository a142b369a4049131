// What both re-reads after an edit (a transaction set, incremental.ts; a claim, rereadClaim.ts)
// share: where the edit sits in the previous analysis, and moving what follows the re-read
// region (claims, findings, envelope spans, the segment table) by the change in length.

import type { Claim, Finding, ParsedDocumentWithIndex, Span, TransactionSet } from '../model';
import { firstKeyAtOrAfter, lastAtOrBefore } from '../search';
import { shiftFinding, shiftSpan } from '../spans';
import { X12Claim } from './serviceLine837';
import { ISA_LOOKAHEAD, isIsaAt } from './isa';
import type { X12SegmentIndex } from './segment-index';
import type { SegmentTable } from './tokenizer';

/** A document read again in part after an edit. */
export interface Reread {
  doc: ParsedDocumentWithIndex & { x12: X12SegmentIndex };
  /** Structural findings (as doc.findings) then coding findings, as analyze() orders them. */
  findings: Finding[];
  /** What was read again: the claim (2300 loop) the edit fell in, the subscriber's loops (HL to HL), or its transaction set. */
  unit: 'claim' | 'subscriber' | 'transaction-set';
}

/** Where two texts differ: old[start, oldEnd) became new[start, newEnd); the rest is the same. */
export interface TextDifference {
  start: number;
  oldEnd: number;
  newEnd: number;
}

/** The closed transaction set (ST..SE, in a group) whose body holds the whole change, or null. */
export function enclosingSet(doc: ParsedDocumentWithIndex, change: TextDifference): TransactionSet | null {
  for (const set of doc.transactions) {
    if (set.se01Span === null) continue;
    // Strictly after the set's first character (so its start cannot move), and before its end
    // (the line breaks after SE stay the set's own: the next segment starts where they stop).
    if (change.start > set.span.start && change.oldEnd < set.span.end) return set;
    if (set.span.start > change.start) break;
  }
  return null;
}

/**
 * True when the set sits inside an open group inside an open interchange (a re-read stands in
 * for them; a set after its group's GE is reported as outside one, which only a full read does).
 */
export function setInItsEnvelopes(doc: ParsedDocumentWithIndex, set: TransactionSet): boolean {
  const group = doc.groups[set.groupIndex];
  const interchange = group ? doc.interchanges[group.interchangeIndex] : undefined;
  return group !== undefined && interchange !== undefined && contains(group.span, set.span) && contains(interchange.span, group.span);
}

/**
 * True when a segment that starts like an ISA header (well-formed or not) sits close enough
 * before `offset` that reading it looks at text from `offset` on: an unpadded or cut header is
 * searched for its fields.
 */
export function isaReachesInto(ix: X12SegmentIndex, offset: number): boolean {
  const from = Math.max(0, offset - ISA_LOOKAHEAD);
  let s = Math.max(0, lastAtOrBefore(ix.table.segmentStart, from, ix.segmentCount));
  for (; s < ix.segmentCount && ix.table.segmentStart[s]! < offset; s++) {
    if (ix.table.segmentStart[s]! >= from && isIsaAt(ix.text, ix.table.segmentStart[s]!)) return true;
  }
  return false;
}

export function contains(outer: Span, inner: Span): boolean {
  return outer.start <= inner.start && inner.end <= outer.end;
}

export function firstClaimAtOrAfter(claims: readonly Claim[], offset: number): number {
  return firstKeyAtOrAfter(claims.length, (i) => claims[i]!.span.start, offset);
}

/**
 * previous findings before `start` as they were, `replacement` for those in [start, end), and
 * the ones from `end` on shifted by `delta` (and their claim index by `claimShift`); null when
 * one of those points back into [start, end). Both lists are in the order the previous analysis
 * gave them.
 */
export function spliceFindings(previous: readonly Finding[], replacement: readonly Finding[], start: number, end: number, delta: number, claimShift: number): Finding[] | null {
  const out: Finding[] = [];
  let i = 0;
  while (i < previous.length && previous[i]!.span.start < start) out.push(previous[i++]!);
  out.push(...replacement);
  while (i < previous.length && previous[i]!.span.start < end) i++;
  for (; i < previous.length; i++) {
    const finding = previous[i]!;
    // A trailer's finding may point back before the region (GE02 at GS06): only what follows it moves.
    if (finding.related?.some((related) => related.span.start >= start && related.span.start < end)) return null;
    out.push(shiftFinding(finding, delta, claimShift, end));
  }
  return out;
}

function shiftOrNull(span: Span | null, by: number): Span | null {
  return span === null ? null : shiftSpan(span, by);
}

/** An envelope span holding the region grows or shrinks with it; one after it moves. */
export function stretch(span: Span, regionStart: number, regionEnd: number, delta: number): Span {
  if (span.start >= regionEnd) return shiftSpan(span, delta);
  if (span.end >= regionEnd && span.start <= regionStart) return { start: span.start, end: span.end + delta };
  return span;
}

export function shiftedSet(set: TransactionSet, by: number): TransactionSet {
  return { ...set, span: shiftSpan(set.span, by), se01Span: shiftOrNull(set.se01Span, by) };
}

/**
 * Moves a claim and its lines by `by` characters, in place: a claim after an edit keeps its
 * object (a new one for each of a hundred thousand claims after it was most of an edit's time,
 * garbage included), and its spans are offsets in it (serviceLine837.ts).
 */
export function shiftClaim(claim: Claim, by: number, indexShift: number): void {
  claim.index += indexShift;
  if (by === 0) return;
  if (!(claim instanceof X12Claim)) throw new Error('shiftClaim: a claim the 837 reader did not build');
  claim.shift(by);
}

/**
 * The old segment table with segments first..last (the region [base, regionEnd) of the old text)
 * replaced by the piece's (moved to `base`), those after moved by `delta`. The old table belongs
 * to the consumed analysis: its arrays are reused when they have room (a keystroke then writes
 * the piece's entries and moves the ones after it, without copying a million segments), and
 * new ones are made with room to spare for the next keystrokes.
 */
export function spliceTable(old: X12SegmentIndex, piece: SegmentTable, text: string, first: number, last: number, base: number, regionEnd: number, delta: number): SegmentTable {
  const before = old.table;
  const oldCount = before.segmentCount;
  const removed = last - first + 1;
  const count = oldCount - removed + piece.segmentCount;
  const segmentShift = piece.segmentCount - removed;
  const tailFrom = last + 1 + segmentShift;
  let segmentStart = before.segmentStart;
  let segmentEnd = before.segmentEnd;
  let segmentCode = before.segmentCode;
  if (count <= segmentStart.length) {
    if (segmentShift !== 0) {
      segmentStart.copyWithin(tailFrom, last + 1, oldCount);
      segmentEnd.copyWithin(tailFrom, last + 1, oldCount);
      segmentCode.copyWithin(tailFrom, last + 1, oldCount);
    }
  } else {
    const capacity = count + (count >> 6) + 256;
    const grown = (array: Uint32Array): Uint32Array => {
      const next = new Uint32Array(capacity);
      next.set(array.subarray(0, first));
      next.set(array.subarray(last + 1, oldCount), tailFrom);
      return next;
    };
    segmentStart = grown(segmentStart);
    segmentEnd = grown(segmentEnd);
    segmentCode = grown(segmentCode);
  }
  for (let s = 0; s < piece.segmentCount; s++) {
    segmentStart[first + s] = piece.segmentStart[s]! + base;
    segmentEnd[first + s] = piece.segmentEnd[s]! + base;
  }
  segmentCode.set(piece.segmentCode.subarray(0, piece.segmentCount), first);
  if (delta !== 0) {
    for (let s = tailFrom; s < count; s++) {
      segmentStart[s] = segmentStart[s]! + delta;
      segmentEnd[s] = segmentEnd[s]! + delta;
    }
  }
  return {
    text,
    source: text,
    segmentCount: count,
    segmentStart,
    segmentEnd,
    segmentCode,
    trailingEnd: last + 1 < oldCount ? before.trailingEnd + delta : piece.trailingEnd + base,
    delimiterRuns: before.delimiterRuns.map((run) => (run.firstSegment > last ? { ...run, firstSegment: run.firstSegment + segmentShift } : run)),
    // The piece has none of its own (both re-reads require it); those of the old region go.
    findings: before.findings.flatMap((finding) => (finding.span.start >= regionEnd ? [shiftFinding(finding, delta, 0, regionEnd)] : finding.span.start >= base ? [] : [finding])),
  };
}
