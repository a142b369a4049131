// Re-reads only the claim an edit falls in. A batch of 150,000 claims is often one ST..SE, so
// reading the edited transaction set again is reading the file again; a claim (its 2300 loop,
// from CLM to the segment before the next CLM, HL or SE, with its 2400 lines) is read alone
// instead, its HL parents (payer, subscriber, patient, billing provider) and the set's kind
// standing in as the claim before the edit recorded them, and what follows is shifted.
//
// The result must equal a whole-text read, so anything the claim cannot vouch for on its own
// returns null and the caller reads the transaction set (or everything): an edit that touches
// an HL, ST, SE or envelope segment or the CLM's first character, that leaves text the tokenizer
// would join to the next segment, or that changes the set's kind (a set without ST03/GS08 takes
// it from its first service segment). A change in the number of segments moves SE01's count:
// the SE's findings are derived again by the parser's own trailer check.

import type { Claim, Finding, ParsedDocumentWithIndex, TransactionSet } from '../model';
import { CodingRun, type CodingTables } from '../rules/codingRun';
import { shiftFinding } from '../spans';
import { kindOfImplementation, Parser837, type EnclosingEnvelope } from './parse837';
import { segmentIdCode, X12SegmentIndex } from './segment-index';
import {
  contains,
  enclosingSet,
  isaReachesInto,
  setInItsEnvelopes,
  shiftClaim,
  spliceFindings,
  spliceTable,
  stretch,
  type Reread,
  type TextDifference,
} from './splice';
import { tokenize, type SegmentTable } from './tokenizer';

const CLM = segmentIdCode('CLM');
/** Segments a claim cannot hold: each closes the claim and changes what stands in for its parents. */
const NOT_IN_A_CLAIM = new Set(['ISA', 'IEA', 'GS', 'GE', 'ST', 'SE', 'TA1', 'HL'].map(segmentIdCode));

/**
 * The analysis of `text` from the previous one, reading again only the claim (2300 loop) the
 * change falls in; null when that cannot be done exactly. Nothing of `previous` is changed
 * when null is returned; otherwise it is consumed (the claims after the edit are moved in place).
 */
export function rereadClaim(previous: ParsedDocumentWithIndex, text: string, tables: CodingTables, change: TextDifference): Reread | null {
  const old = previous.x12;
  if (previous.format !== 'x12' || !(old instanceof X12SegmentIndex)) return null;
  const delta = change.newEnd - change.oldEnd;

  const at = claimHolding(previous.claims, change);
  if (at < 0) return null;
  const claim = previous.claims[at]!;
  const set = enclosingSet(previous, change);
  if (set === null || claim.transactionIndex !== set.index || !contains(set.span, claim.span) || !setInItsEnvelopes(previous, set)) return null;
  if (isaReachesInto(old, change.start)) return null;

  // The claim's segments: its CLM, up to the one before the segment that closed it.
  const base = claim.span.start;
  const end = claim.span.end;
  const first = old.segmentAt(base);
  const closer = old.segmentAt(end);
  const seSegment = old.segmentAt(set.se01Span!.start);
  const stSegment = old.segmentAt(set.span.start);
  if (first < 0 || closer <= first || seSegment < closer || stSegment < 0 || stSegment >= first) return null;
  if (old.table.segmentStart[first] !== base || old.table.segmentStart[closer] !== end || old.idCode(first) !== CLM) return null;
  if (old.table.delimiterRuns.some((run) => run.firstSegment > first && run.firstSegment < closer)) return null;
  const last = closer - 1;

  const piece = text.slice(base, end + delta);
  const table = tokenize(piece, { continuing: old.delimitersOf(first) });
  if (!isClaimsOnly(table)) return null;

  // The claim read again, its parents standing in. The set's kind where the claim starts is the
  // kind the claim before it in the set closed with (nothing between them can set it), or the
  // set's implementation's.
  const before = at > 0 ? previous.claims[at - 1]! : undefined;
  const kindAtStart = before !== undefined && before.transactionIndex === set.index ? before.kind : kindOfImplementation(set.implementation);
  const enclosing = envelopeOf(previous, old, set, at);
  const standIn: TransactionSet = { ...set, kind: kindAtStart };
  const parser = new Parser837(new X12SegmentIndex(table), {
    ...enclosing,
    transaction: {
      model: standIn,
      segment: -1,
      controlSpan: null,
      parents: { patientId: claim.patientId, patientKey: claim.patientKey, billingProviderId: claim.billingProviderId },
    },
  });
  parser.run();
  parser.endPiece();
  const parsed = parser.result;
  // A kind the claim now sets differently would change every claim after it in the set.
  if (standIn.kind !== claim.kind || parsed.claims.length === 0 || parsed.transactions.length > 0) return null;

  const segmentShift = table.segmentCount - (last - first + 1);
  const claimShift = parsed.claims.length - 1;
  const pieceFindings = parsed.findings.map((f) => shiftFinding(f, base)).sort((a, b) => a.span.start - b.span.start);
  let findings = spliceFindings(previous.findings, pieceFindings, base, end, delta, 0);
  if (findings === null) return null;

  // From here on nothing fails: the previous analysis is consumed.
  for (const readAgain of parsed.claims) shiftClaim(readAgain, base, 0);
  const claims = previous.claims.slice(0, at).concat(parsed.claims);
  for (let i = at + 1; i < previous.claims.length; i++) {
    const moved = previous.claims[i]!;
    shiftClaim(moved, delta, claimShift);
    claims.push(moved);
  }

  const x12 = new X12SegmentIndex(spliceTable(old, table, text, first, last, base, end, delta));
  let edited: TransactionSet = { ...set, span: stretch(set.span, base, end, delta), se01Span: stretch(set.se01Span!, base, end, delta) };
  if (segmentShift !== 0) {
    // SE01 counts the set's segments: the SE is checked again, by the parser, in the new table.
    const trailer = trailerAgain(x12, set, stSegment, seSegment + segmentShift, enclosing);
    edited = trailer.model;
    findings = replaceAt(findings, x12.segmentSpan(seSegment + segmentShift), trailer.findings);
  }

  // Coding edits pair lines of one patient across claims: checked again over every claim (cheap
  // next to reading: only lines whose code is in some table take part).
  const run = new CodingRun(tables);
  run.add(claims, { x12: true });
  const coding = run.findings();

  const transactions = previous.transactions.map((t) =>
    t === set ? edited : t.span.start >= end ? { ...t, span: stretch(t.span, base, end, delta), se01Span: t.se01Span && stretch(t.se01Span, base, end, delta) } : t,
  );
  const groups = previous.groups.map((g) => ({ ...g, span: stretch(g.span, base, end, delta) }));
  const interchanges = previous.interchanges.map((i) => ({ ...i, span: stretch(i.span, base, end, delta) }));
  const doc = { format: 'x12' as const, claims, findings, interchanges, groups, transactions, x12 };
  return { doc, findings: findings.concat(coding), unit: 'claim' };
}

/** Index of the claim whose span holds the change after its first character, or -1. */
function claimHolding(claims: readonly Claim[], change: TextDifference): number {
  // The last claim starting before the change.
  let low = 0;
  let high = claims.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (claims[mid]!.span.start < change.start) low = mid + 1;
    else high = mid;
  }
  const at = low - 1;
  if (at < 0) return -1;
  // Up to its end: text inserted where the next segment starts is read as the claim's (and if
  // the tokenizer would join it to that segment, isClaimsOnly says so).
  return change.oldEnd <= claims[at]!.span.end ? at : -1;
}

/**
 * A piece that reads as claims alone: a CLM first, no segment that closes a claim from outside
 * (HL, envelopes), its last segment terminated with only blanks after it (so the text after it
 * still starts a segment), no delimiters of its own and nothing the tokenizer reports.
 */
function isClaimsOnly(table: SegmentTable): boolean {
  const count = table.segmentCount;
  if (count < 1 || table.findings.length > 0 || table.delimiterRuns.length !== 1) return false;
  const ids = table.segmentCode;
  if (ids[0] !== CLM) return false;
  if (table.segmentEnd[count - 1]! >= table.text.length || table.trailingEnd !== table.text.length) return false;
  for (let s = 1; s < count; s++) if (NOT_IN_A_CLAIM.has(ids[s]!)) return false;
  return true;
}

/** What the parser needs of the envelopes around the claim (they are not reported on). */
function envelopeOf(doc: ParsedDocumentWithIndex, old: X12SegmentIndex, set: TransactionSet, claimIndex: number): EnclosingEnvelope {
  const group = doc.groups[set.groupIndex]!;
  const groupSegment = old.segmentAt(group.span.start);
  const gs08 = groupSegment < 0 ? null : (old.value(groupSegment, 8) ?? '').trim() || null;
  return { groupImplementation: gs08, interchangeIndex: group.interchangeIndex, groupIndex: set.groupIndex, transactionIndex: set.index, claimIndex };
}

/** The set's SE checked again in the new table: its model (counted segments, SE01) and findings (SE01, SE02). */
function trailerAgain(x12: X12SegmentIndex, set: TransactionSet, st: number, se: number, enclosing: EnclosingEnvelope): { model: TransactionSet; findings: Finding[] } {
  const model: TransactionSet = { ...set };
  const parser = new Parser837(x12, {
    ...enclosing,
    transaction: { model, segment: st, controlSpan: x12.elementSpan(st, 2), parents: { patientId: null, patientKey: '', billingProviderId: null } },
  });
  parser.transactionTrailer(se);
  return { model, findings: parser.result.findings };
}

/** `findings` (in document order) with those inside `span` replaced by `replacement`. */
function replaceAt(findings: Finding[], span: { start: number; end: number }, replacement: readonly Finding[]): Finding[] {
  let from = 0;
  while (from < findings.length && findings[from]!.span.start < span.start) from++;
  let to = from;
  while (to < findings.length && findings[to]!.span.start <= span.end) to++;
  return findings.slice(0, from).concat(replacement, findings.slice(to));
}
