// Re-reads only what an edit touched. Typing in a 10 MB 837 changes one claim: reread() reads
// that claim, or the subscriber's loops the edit falls in, again (rereadClaim.ts) with its HL
// parents standing in; when that cannot vouch for the result on its own (an edit to an HL or an
// envelope segment), the transaction set the edit falls in is read again here, with the envelope
// around it as it was. Either way what follows is shifted, giving the analysis a whole-text read
// would, at a fraction of the cost. Anything the set cannot vouch for either (an edit that
// touches an envelope segment, or makes the set stop being exactly one ST..SE) returns null,
// and the caller reads everything.

import type { ParsedDocumentWithIndex } from '../model';
import { CodingRun, type CodingTables } from '../rules/codingRun';
import type { ClaimsReplaced } from '../rules/documentCoding';
import { shiftFinding } from '../spans';

import { Parser837 } from './parse837';
import { rereadClaim } from './rereadClaim';
import { segmentIdCode, X12SegmentIndex } from './segment-index';
import {
  enclosingSet,
  firstClaimAtOrAfter,
  isaReachesInto,
  setInItsEnvelopes,
  shiftClaim,
  shiftedSet,
  spliceFindings,
  spliceTable,
  stretch,
  type Reread,
  type TextDifference,
} from './splice';
import { endsTerminated, tokenize, type SegmentTable } from './tokenizer';

export type { Reread, TextDifference } from './splice';

/**
 * A re-read and the claims it read again, for a caller that keeps the coding findings per
 * patient group (null when that is not known: every claim is to be checked again).
 */
export type RereadClaims = Reread & { claims: ClaimsReplaced | null };

const ST = segmentIdCode('ST');
const SE = segmentIdCode('SE');
const ENVELOPE = new Set(['ISA', 'IEA', 'GS', 'GE', 'ST', 'SE', 'TA1'].map(segmentIdCode));

/**
 * The analysis of `text` from the previous one (of `before`): the claim the change falls in
 * read again, else its transaction set; null when neither gives exactly what a whole read
 * gives. The previous document is consumed when an answer is returned. `change`: the caller's
 * differenceOf(before, text), when it has it.
 */
export function reread(before: string, previous: ParsedDocumentWithIndex, text: string, tables: CodingTables, change: TextDifference = differenceOf(before, text)): RereadClaims | null {
  if (previous.format !== 'x12' || !(previous.x12 instanceof X12SegmentIndex)) return null;
  if (change.start === change.oldEnd && change.newEnd === change.oldEnd) return null;
  return rereadClaim(previous, text, tables, change) ?? rereadTransactionSet(before, previous, text, tables, change);
}

/**
 * The smallest single region that turns `before` into `after` (found with string compares of blocks,
 * not per character). `within`: a region known to hold every difference (the editor's edits, from
 * EditableText.editedSince); the compares then start at its edges instead of at the texts' ends,
 * which on a 50 MB document saves reading both texts whole, and the answer is the same.
 */
export function differenceOf(before: string, after: string, within?: TextDifference): TextDifference {
  const limit = Math.min(before.length, after.length);
  // Equal before within.start, and in the last (before.length - within.oldEnd) characters: where each compare may start.
  const knownPrefix = within === undefined ? 0 : Math.min(within.start, limit);
  const knownSuffix = within === undefined ? 0 : before.length - within.oldEnd;
  const start = commonLength(knownPrefix, limit, (from, to) => before.slice(from, to) === after.slice(from, to), (at) => before.charCodeAt(at) === after.charCodeAt(at));
  // The common suffix may not overlap the common prefix.
  const room = limit - start;
  const b = before.length;
  const a = after.length;
  const suffix = commonLength(
    Math.min(knownSuffix, room),
    room,
    (from, to) => before.slice(b - to, b - from) === after.slice(a - to, a - from),
    (at) => before.charCodeAt(b - 1 - at) === after.charCodeAt(a - 1 - at),
  );
  return { start, oldEnd: b - suffix, newEnd: a - suffix };
}

/** Length of the run of equal characters from 0, known to be at least `from`: blocks of 64K, narrowing on a difference. */
function commonLength(from: number, limit: number, blocksEqual: (from: number, to: number) => boolean, charEqual: (at: number) => boolean): number {
  let at = from;
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
  change: TextDifference = differenceOf(before, text),
): RereadClaims | null {
  const old = previous.x12;
  if (previous.format !== 'x12' || old === undefined || !(old instanceof X12SegmentIndex)) return null;
  const delta = change.newEnd - change.oldEnd;
  if (change.start === change.oldEnd && delta === 0) return null;

  const set = enclosingSet(previous, change);
  if (set === null) return null;
  if (!setInItsEnvelopes(previous, set)) return null;
  const group = previous.groups[set.groupIndex]!;
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
  // Claims after the SE outside any set (a stray SE, an ST deleted) take their patient and
  // provider from this set's loops (only an ST or HL sets them again): they are read again too.
  if (previous.claims[oldClaimsEnd]?.transactionIndex === null) return null;
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

  const structural = previous.findings;
  const pieceStructural = [...table.findings, ...parsed.findings].sort((a, b) => a.span.start - b.span.start);
  const findings = spliceFindings(structural, pieceStructural.map((f) => shiftFinding(f, base, 0)), base, setEnd, delta, 0);
  if (findings === null) return null;

  // Claims: those before the set as they were, the set's read again, those after shifted.
  const replaced: ClaimsReplaced = { from: firstClaim, removed: previous.claims.slice(firstClaim, oldClaimsEnd), added: parsed.claims.length, regionEnd: setEnd, delta };
  for (const claim of parsed.claims) shiftClaim(claim, base, 0);
  const claims = previous.claims.slice(0, firstClaim).concat(parsed.claims);
  for (let i = oldClaimsEnd; i < previous.claims.length; i++) {
    const claim = previous.claims[i]!;
    shiftClaim(claim, delta, claimShift);
    claims.push(claim);
  }
  // Coding edits pair lines of one patient across claims and transaction sets: checked again over
  // every claim (cheap next to reading: only lines whose code is in some table take part), unless
  // the caller checks only the groups of the replaced claims (deferred tables: nothing found here).
  const run = new CodingRun(tables);
  run.add(claims, { x12: true });
  const coding = run.findings();

  const transactions = previous.transactions.map((t) => (t.index === set.index ? shiftedSet(newSet, base) : t.span.start >= setEnd ? shiftedSet(t, delta) : t));
  const groups = previous.groups.map((g) => ({ ...g, span: stretch(g.span, base, setEnd, delta) }));
  const interchanges = previous.interchanges.map((i) => ({ ...i, span: stretch(i.span, base, setEnd, delta) }));

  const x12 = new X12SegmentIndex(spliceTable(old, table, text, firstSegment, lastSegment, base, setEnd, delta));
  const doc = { format: 'x12' as const, claims, findings, interchanges, groups, transactions, x12 };
  return { doc, findings: findings.concat(coding), unit: 'transaction-set', claims: replaced };
}

/** One ST first, one SE last with its terminator and only blanks after it, no envelope segment between. */
function isOneTransactionSet(table: SegmentTable): boolean {
  const count = table.segmentCount;
  if (count < 2 || table.findings.length > 0) return false;
  const ids = table.segmentCode;
  if (ids[0] !== ST || ids[count - 1] !== SE) return false;
  if (!endsTerminated(table)) return false;
  for (let s = 1; s < count - 1; s++) if (ENVELOPE.has(ids[s]!)) return false;
  return true;
}
