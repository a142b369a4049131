// Re-reads only the transaction set an edit falls in. Typing in a 10 MB 837 changes one set of
// a few hundred claims; reading that set again (with the envelope around it as it was) and
// shifting what follows gives the analysis a whole-text read would, at a fraction of the cost.
// Anything the set cannot vouch for on its own (an edit that touches an envelope segment, or
// makes the set stop being exactly one ST..SE) returns null, and the caller reads everything.

import type { Claim, Finding, Modifier, ModifierInsertPoint, ParsedDocumentWithIndex, ServiceLine, Span, TransactionSet } from '../model';
import { CodingRun, type CodingTables } from '../rules/codingRun';
import { shiftFinding, shiftSpan } from '../spans';

import { lastAtOrBefore } from '../search';
import { ISA_LOOKAHEAD, isIsaAt } from './isa';
import { Parser837 } from './parse837';
import { segmentIdCode, X12SegmentIndex } from './segment-index';
import { tokenize, type SegmentTable } from './tokenizer';

const ST = segmentIdCode('ST');
const SE = segmentIdCode('SE');
const ENVELOPE = new Set(['ISA', 'IEA', 'GS', 'GE', 'ST', 'SE', 'TA1'].map(segmentIdCode));

export interface Reread {
  doc: ParsedDocumentWithIndex & { x12: X12SegmentIndex };
  /** Structural findings (as doc.findings) then coding findings, as analyze() orders them. */
  findings: Finding[];
}

/** Where two texts differ: old[start, oldEnd) became new[start, newEnd); the rest is the same. */
export interface TextDifference {
  start: number;
  oldEnd: number;
  newEnd: number;
}

/** The smallest single region that turns `before` into `after` (found with string compares of blocks, not per character). */
export function differenceOf(before: string, after: string): TextDifference {
  const limit = Math.min(before.length, after.length);
  const start = commonLength(limit, (from, to) => before.slice(from, to) === after.slice(from, to), (at) => before.charCodeAt(at) === after.charCodeAt(at));
  // The common suffix may not overlap the common prefix.
  const room = limit - start;
  const b = before.length;
  const a = after.length;
  const suffix = commonLength(
    room,
    (from, to) => before.slice(b - to, b - from) === after.slice(a - to, a - from),
    (at) => before.charCodeAt(b - 1 - at) === after.charCodeAt(a - 1 - at),
  );
  return { start, oldEnd: b - suffix, newEnd: a - suffix };
}

/** Length of the run of equal characters from 0: blocks of 64K, narrowing on a difference. */
function commonLength(limit: number, blocksEqual: (from: number, to: number) => boolean, charEqual: (at: number) => boolean): number {
  let at = 0;
  let step = 1 << 16;
  while (at < limit) {
    const to = Math.min(limit, at + step);
    if (blocksEqual(at, to)) {
      at = to;
      continue;
    }
    if (step <= 64) {
      while (at < to && charEqual(at)) at++;
      return at;
    }
    step >>= 2;
  }
  return at;
}

/**
 * The analysis of `text` from the previous one (of `before`), reading again only the
 * transaction set the change falls in; null when that cannot be done exactly. The previous
 * document is consumed: its claims after the set are shifted in place and reused.
 */
export function rereadTransactionSet(
  before: string,
  previous: ParsedDocumentWithIndex,
  text: string,
  tables: CodingTables,
): Reread | null {
  const old = previous.x12;
  if (previous.format !== 'x12' || old === undefined || !(old instanceof X12SegmentIndex)) return null;
  const change = differenceOf(before, text);
  const delta = change.newEnd - change.oldEnd;
  if (change.start === change.oldEnd && delta === 0) return null;

  const set = enclosingSet(previous, change);
  if (set === null) return null;
  // The set must sit inside an open group inside an open interchange (the parser stands in for
  // them; a set after its group's GE is reported as outside one, which only a full read does).
  const group = previous.groups[set.groupIndex];
  const interchange = group ? previous.interchanges[group.interchangeIndex] : undefined;
  if (group === undefined || interchange === undefined || !contains(group.span, set.span) || !contains(interchange.span, group.span)) return null;
  if (isaReachesInto(old, change.start)) return null;

  const firstSegment = old.segmentAt(set.span.start);
  const lastSegment = old.segmentAt(set.se01Span!.start);
  if (firstSegment < 0 || lastSegment < firstSegment) return null;
  const piece = text.slice(set.span.start, set.span.end + delta);
  const delimiters = old.delimitersOf(firstSegment);
  const table = tokenize(piece, { continuing: delimiters });
  if (!isOneTransactionSet(table)) return null;

  const groupSegment = old.segmentAt(group.span.start);
  const gs08 = groupSegment < 0 ? null : (old.value(groupSegment, 8) ?? '').trim() || null;
  const firstClaim = firstClaimAtOrAfter(previous.claims, set.span.start);
  const oldClaimsEnd = firstClaimAtOrAfter(previous.claims, set.span.end);
  const index = new X12SegmentIndex(table);
  const parser = new Parser837(index, {
    groupImplementation: gs08,
    interchangeIndex: group.interchangeIndex,
    groupIndex: set.groupIndex,
    transactionIndex: set.index,
    claimIndex: firstClaim,
  });
  parser.run();
  parser.endPiece();
  const parsed = parser.result;
  const newSet = parsed.transactions[0];
  if (newSet === undefined || parsed.transactions.length !== 1) return null;

  const base = set.span.start;
  const setEnd = set.span.end;
  const claimShift = parsed.claims.length - (oldClaimsEnd - firstClaim);

  // Claims: those before the set as they were, the set's read again, those after shifted.
  for (const claim of parsed.claims) shiftClaim(claim, base, 0);
  const claims = previous.claims.slice(0, firstClaim).concat(parsed.claims);
  for (let i = oldClaimsEnd; i < previous.claims.length; i++) {
    const claim = previous.claims[i]!;
    shiftClaim(claim, delta, claimShift);
    claims.push(claim);
  }

  const structural = previous.findings;
  const pieceStructural = [...table.findings, ...parsed.findings].sort((a, b) => a.span.start - b.span.start);
  const findings = spliceFindings(structural, pieceStructural.map((f) => shiftFinding(f, base, 0)), base, setEnd, delta, 0);
  if (findings === null) return null;
  // Coding edits pair lines of one patient across claims and transaction sets: checked again over
  // every claim (cheap next to reading: only lines whose code is in some table take part).
  const run = new CodingRun(tables);
  run.add(claims, { x12: true });
  const coding = run.findings();

  const transactions = previous.transactions.map((t) => (t.index === set.index ? shiftedSet(newSet, base) : t.span.start >= setEnd ? shiftedSet(t, delta) : t));
  const groups = previous.groups.map((g) => ({ ...g, span: stretch(g.span, base, setEnd, delta) }));
  const interchanges = previous.interchanges.map((i) => ({ ...i, span: stretch(i.span, base, setEnd, delta) }));

  const x12 = new X12SegmentIndex(spliceTable(old, table, text, firstSegment, lastSegment, base, setEnd, delta));
  const doc = { format: 'x12' as const, claims, findings, interchanges, groups, transactions, x12 };
  return { doc, findings: findings.concat(coding) };
}

/** The closed transaction set (ST..SE, in a group) whose body holds the whole change, or null. */
function enclosingSet(doc: ParsedDocumentWithIndex, change: TextDifference): TransactionSet | null {
  for (const set of doc.transactions) {
    if (set.se01Span === null) continue;
    // Strictly after the set's first character (so its start cannot move), and before its end
    // (the line breaks after SE stay the set's own: the next segment starts where they stop).
    if (change.start > set.span.start && change.oldEnd < set.span.end) return set;
    if (set.span.start > change.start) break;
  }
  return null;
}

/** One ST first, one SE last with its terminator and only blanks after it, no envelope segment between. */
function isOneTransactionSet(table: SegmentTable): boolean {
  const count = table.segmentCount;
  if (count < 2 || table.findings.length > 0) return false;
  const ids = table.segmentCode;
  if (ids[0] !== ST || ids[count - 1] !== SE) return false;
  if (table.segmentEnd[count - 1]! >= table.text.length || table.trailingEnd !== table.text.length) return false;
  for (let s = 1; s < count - 1; s++) if (ENVELOPE.has(ids[s]!)) return false;
  return true;
}

/**
 * True when a segment that starts like an ISA header (well-formed or not) sits close enough
 * before `offset` that reading it looks at text from `offset` on: an unpadded or cut header is
 * searched for its fields.
 */
function isaReachesInto(ix: X12SegmentIndex, offset: number): boolean {
  const from = Math.max(0, offset - ISA_LOOKAHEAD);
  let s = Math.max(0, lastAtOrBefore(ix.table.segmentStart, from, ix.segmentCount));
  for (; s < ix.segmentCount && ix.table.segmentStart[s]! < offset; s++) {
    if (ix.table.segmentStart[s]! >= from && isIsaAt(ix.text, ix.table.segmentStart[s]!)) return true;
  }
  return false;
}

function contains(outer: Span, inner: Span): boolean {
  return outer.start <= inner.start && inner.end <= outer.end;
}

function firstClaimAtOrAfter(claims: readonly Claim[], offset: number): number {
  let low = 0;
  let high = claims.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (claims[mid]!.span.start < offset) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * previous findings before `start` as they were, `replacement` for those in [start, end), and
 * the ones from `end` on shifted by `delta` (and their claim index by `claimShift`). Both lists
 * are in the order the previous analysis gave them.
 */
function spliceFindings(previous: readonly Finding[], replacement: readonly Finding[], start: number, end: number, delta: number, claimShift: number): Finding[] | null {
  const out: Finding[] = [];
  let i = 0;
  while (i < previous.length && previous[i]!.span.start < start) out.push(previous[i++]!);
  out.push(...replacement);
  while (i < previous.length && previous[i]!.span.start < end) i++;
  for (; i < previous.length; i++) {
    const finding = previous[i]!;
    // A trailer's finding may point back before the set (GE02 at GS06): only what follows the set moves.
    if (finding.related?.some((related) => related.span.start >= start && related.span.start < end)) return null;
    out.push(shiftFinding(finding, delta, claimShift, end));
  }
  return out;
}

function shiftOrNull(span: Span | null, by: number): Span | null {
  return span === null ? null : shiftSpan(span, by);
}

/** An envelope span holding the set grows or shrinks with it; one after it moves. */
function stretch(span: Span, setStart: number, setEnd: number, delta: number): Span {
  if (span.start >= setEnd) return shiftSpan(span, delta);
  if (span.end >= setEnd && span.start <= setStart) return { start: span.start, end: span.end + delta };
  return span;
}

function shiftedSet(set: TransactionSet, by: number): TransactionSet {
  return { ...set, span: shiftSpan(set.span, by), se01Span: shiftOrNull(set.se01Span, by) };
}

/** Moves a claim and its lines by `by` characters (new span objects: a line may share its date span with the claim). */
function shiftClaim(claim: Claim, by: number, indexShift: number): void {
  claim.index += indexShift;
  if (by === 0) return;
  claim.idSpan = shiftOrNull(claim.idSpan, by);
  claim.totalChargeSpan = shiftOrNull(claim.totalChargeSpan, by);
  claim.dateSpan = shiftOrNull(claim.dateSpan, by);
  claim.span = shiftSpan(claim.span, by);
  for (const line of claim.lines) shiftLine(line, by, claim);
}

function shiftLine(line: ServiceLine, by: number, claim: Claim): void {
  line.lineNumberSpan = shiftOrNull(line.lineNumberSpan, by);
  line.codeSpan = shiftSpan(line.codeSpan, by);
  line.modifiers = line.modifiers.map((modifier): Modifier => ({ value: modifier.value, span: shiftSpan(modifier.span, by) }));
  line.modifierInsert = shiftInsert(line.modifierInsert, by);
  line.chargeSpan = shiftOrNull(line.chargeSpan, by);
  line.unitsSpan = shiftOrNull(line.unitsSpan, by);
  // An inherited date points at the claim's date span (already moved): share it again.
  line.dateSpan = line.dateInherited ? claim.dateSpan : shiftOrNull(line.dateSpan, by);
  line.span = shiftSpan(line.span, by);
  line.recordSpan = shiftSpan(line.recordSpan, by);
}

function shiftInsert(insert: ModifierInsertPoint | null, by: number): ModifierInsertPoint | null {
  if (insert === null || insert.kind !== 'x12-composite') return insert;
  return { ...insert, compositeSpan: shiftSpan(insert.compositeSpan, by) };
}

/** The old segment table with segments first..last replaced by the piece's (moved to `base`), those after moved by `delta`. */
function spliceTable(old: X12SegmentIndex, piece: SegmentTable, text: string, first: number, last: number, base: number, setEnd: number, delta: number): SegmentTable {
  const before = old.table;
  const removed = last - first + 1;
  const count = before.segmentCount - removed + piece.segmentCount;
  const segmentShift = piece.segmentCount - removed;
  const segmentStart = new Uint32Array(count);
  const segmentEnd = new Uint32Array(count);
  const segmentCode = new Uint32Array(count);
  segmentStart.set(before.segmentStart.subarray(0, first));
  segmentEnd.set(before.segmentEnd.subarray(0, first));
  segmentCode.set(before.segmentCode.subarray(0, first));
  for (let s = 0; s < piece.segmentCount; s++) {
    segmentStart[first + s] = piece.segmentStart[s]! + base;
    segmentEnd[first + s] = piece.segmentEnd[s]! + base;
  }
  segmentCode.set(piece.segmentCode.subarray(0, piece.segmentCount), first);
  for (let s = last + 1; s < before.segmentCount; s++) {
    segmentStart[s + segmentShift] = before.segmentStart[s]! + delta;
    segmentEnd[s + segmentShift] = before.segmentEnd[s]! + delta;
  }
  segmentCode.set(before.segmentCode.subarray(last + 1, before.segmentCount), last + 1 + segmentShift);
  return {
    text,
    segmentCount: count,
    segmentStart,
    segmentEnd,
    segmentCode,
    trailingEnd: last + 1 < before.segmentCount ? before.trailingEnd + delta : piece.trailingEnd + base,
    delimiterRuns: before.delimiterRuns.map((run) => (run.firstSegment > last ? { ...run, firstSegment: run.firstSegment + segmentShift } : run)),
    findings: before.findings.map((finding) => (finding.span.start >= setEnd ? shiftFinding(finding, delta, 0, setEnd) : finding)),
  };
}
