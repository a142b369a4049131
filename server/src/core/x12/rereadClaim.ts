// Re-reads only the claim an edit falls in. A batch of 150,000 claims is often one ST..SE, so
// reading the edited transaction set again is reading the file again; a claim (its 2300 loop,
// from CLM to the segment before the next CLM, HL or SE, with its 2400 lines) is read alone
// instead, its HL parents (payer, subscriber, patient, billing provider) and the set's kind
// standing in as the claim before the edit recorded them, and what follows is shifted.
// An edit the claim cannot take on its own (one that breaks or makes a CLM, or falls in the
// subscriber's or patient's loops before the claims: SBR, NM1*IL, DMG...) is read with the
// subscriber it falls under instead: from its HL (level 22, or 20 for the billing provider's
// own loop) to the next such HL, with the billing provider standing in.
//
// The result must equal a whole-text read, so anything the region cannot vouch for on its own
// returns null and the caller reads the transaction set (or everything): an edit that touches
// an HL, ST, SE or envelope segment, that leaves text the tokenizer would join to the next
// segment, or that changes the set's kind (a set without ST03/GS08 takes it from its first
// service segment). A change in the number of segments moves SE01's count: the SE's findings
// are derived again by the parser's own trailer check.

import type { Claim, Finding, ParsedDocumentWithIndex, TransactionSet } from '../model';
import { CodingRun, type CodingTables } from '../rules/codingRun';
import type { ClaimsReplaced } from '../rules/documentCoding';
import { lastAtOrBefore } from '../search';
import { shiftFinding } from '../spans';
import { kindOfImplementation, Parser837 } from './parse837';
import type { EnclosingEnvelope, EnclosingTransaction } from './enclosing837';
import { segmentIdCode, X12SegmentIndex } from './segment-index';
import {
  contains,
  enclosingSet,
  firstClaimAtOrAfter,
  isaReachesInto,
  setInItsEnvelopes,
  shiftClaim,
  spliceFindings,
  spliceTable,
  stretch,
  type Reread,
  type TextDifference,
} from './splice';
import { endsTerminated, tokenize, type SegmentTable } from './tokenizer';

const CLM = segmentIdCode('CLM');
const HL = segmentIdCode('HL');
/** Segments that close a claim from outside and change what stands in for its parents (an HL), or end the set. */
const ENVELOPE = new Set(['ISA', 'IEA', 'GS', 'GE', 'ST', 'SE', 'TA1'].map(segmentIdCode));

/** A re-read by claim or by subscriber, with the claims it replaced. */
export type RegionReread = Reread & { claims: ClaimsReplaced };

/** What is read again: segments [first, closer) of the text before the edit, which held claims [from, to). */
interface Region {
  unit: 'claim' | 'subscriber';
  first: number;
  closer: number;
  from: number;
  to: number;
  /** What the parser takes from the HL parents where the region starts. */
  parents: EnclosingTransaction['parents'];
}

/**
 * The analysis of `text` from the previous one, reading again only the claim (2300 loop) the
 * change falls in, or else the subscriber's loops it falls under; null when neither can be read
 * exactly. Nothing of `previous` is changed when null is returned; otherwise it is consumed (the
 * claims after the edit are moved in place).
 */
export function rereadClaim(previous: ParsedDocumentWithIndex, text: string, tables: CodingTables, change: TextDifference): RegionReread | null {
  const old = previous.x12;
  if (previous.format !== 'x12' || !(old instanceof X12SegmentIndex)) return null;
  const set = enclosingSet(previous, change);
  if (set === null || !setInItsEnvelopes(previous, set) || isaReachesInto(old, change.start)) return null;
  const byClaim = claimRegion(previous, old, set, change);
  const read = byClaim && readAgain(previous, old, set, text, tables, change, byClaim);
  if (read) return read;
  const bySubscriber = subscriberRegion(previous, old, set, change);
  return bySubscriber && readAgain(previous, old, set, text, tables, change, bySubscriber);
}

/** The claim the change falls in (after its CLM's first character), or null. */
function claimRegion(previous: ParsedDocumentWithIndex, old: X12SegmentIndex, set: TransactionSet, change: TextDifference): Region | null {
  const at = claimHolding(previous.claims, change);
  if (at < 0) return null;
  const claim = previous.claims[at]!;
  if (claim.transactionIndex !== set.index || !contains(set.span, claim.span)) return null;
  // The claim's segments: its CLM, up to the one before the segment that closed it.
  const first = old.segmentAt(claim.span.start);
  const closer = old.segmentAt(claim.span.end);
  if (first < 0 || old.table.segmentStart[first] !== claim.span.start || old.table.segmentStart[closer] !== claim.span.end || old.idCode(first) !== CLM) return null;
  return { unit: 'claim', first, closer, from: at, to: at + 1, parents: { patientId: claim.patientId, patientKey: claim.patientKey, billingProviderId: claim.billingProviderId, billingProviderPerson: claim.billingProviderPerson === true } };
}

/**
 * The subscriber loops the change falls in: from the last HL of level 20 or 22 before it to the
 * next one (or the SE), when the change touches no HL or envelope segment; null otherwise, or
 * when the billing provider in force there is not known from a claim.
 */
function subscriberRegion(previous: ParsedDocumentWithIndex, old: X12SegmentIndex, set: TransactionSet, change: TextDifference): Region | null {
  const starts = old.table.segmentStart;
  const codes = old.table.segmentCode;
  const count = old.segmentCount;
  const stSegment = old.segmentAt(set.span.start);
  const seSegment = old.segmentAt(set.se01Span!.start);
  const touchedFirst = lastAtOrBefore(starts, change.start, count);
  const touchedLast = lastAtOrBefore(starts, change.oldEnd, count);
  if (stSegment < 0 || touchedFirst <= stSegment || touchedLast >= seSegment) return null;
  for (let s = touchedFirst; s <= touchedLast; s++) if (codes[s] === HL || ENVELOPE.has(codes[s]!)) return null;
  let first = touchedFirst;
  while (first > stSegment && !(codes[first] === HL && topLevelOf(old, first) !== null)) first--;
  if (first <= stSegment) return null;
  // A billing provider's loop (level 20) reaches to the next one: its claims take its NM1*85.
  const level = topLevelOf(old, first);
  let closer = touchedLast + 1;
  while (closer < seSegment && !(codes[closer] === HL && (topLevelOf(old, closer) === '20' || (level === '22' && topLevelOf(old, closer) === '22')))) closer++;
  const claims = previous.claims;
  const from = firstClaimAtOrAfter(claims, starts[first]!);
  const to = firstClaimAtOrAfter(claims, starts[closer]!);
  // A region that runs to the SE: claims after it outside any set take its loops too (as in rereadTransactionSet).
  if (closer === seSegment && claims[to]?.transactionIndex === null) return null;
  const billing = billingProviderAt(previous, old, set, first, from, to);
  if (billing === undefined) return null;
  return { unit: 'subscriber', first, closer, from, to, parents: { patientId: null, patientKey: '', billingProviderId: billing?.billingProviderId ?? null, billingProviderPerson: billing?.billingProviderPerson === true } };
}

/**
 * HL03 of HL segment s when it is 20 (billing provider) or 22 (subscriber): the levels after
 * which the reader keeps nothing of the HLs before but the billing provider; else null.
 */
function topLevelOf(old: X12SegmentIndex, s: number): '20' | '22' | null {
  const level = (old.value(s, 3) ?? '').trim();
  return level === '20' || level === '22' ? level : null;
}

/**
 * The billing provider in force at HL segment `first` (none is needed at a level-20 HL, which
 * sets its own): that of the region's first claim, or of the claim before it when no level-20
 * HL lies between them; undefined when no claim says.
 */
function billingProviderAt(previous: ParsedDocumentWithIndex, old: X12SegmentIndex, set: TransactionSet, first: number, from: number, to: number): Pick<Claim, 'billingProviderId' | 'billingProviderPerson'> | null | undefined {
  if (topLevelOf(old, first) === '20') return null;
  const claims = previous.claims;
  if (to > from) return claims[from]!;
  const before = claims[from - 1];
  if (before === undefined || before.transactionIndex !== set.index) return undefined;
  for (let s = old.segmentAt(before.span.end); s >= 0 && s < first; s++) {
    if (old.idCode(s) === HL && topLevelOf(old, s) === '20') return undefined;
  }
  return before;
}

/** The region read again in the edited text, its HL parents standing in; null when that is not exactly what a whole read gives. */
function readAgain(previous: ParsedDocumentWithIndex, old: X12SegmentIndex, set: TransactionSet, text: string, tables: CodingTables, change: TextDifference, region: Region): RegionReread | null {
  const { first, closer, from, to } = region;
  const delta = change.newEnd - change.oldEnd;
  const base = old.table.segmentStart[first]!;
  const end = old.table.segmentStart[closer]!;
  const seSegment = old.segmentAt(set.se01Span!.start);
  const stSegment = old.segmentAt(set.span.start);
  if (closer <= first || seSegment < closer || stSegment < 0 || stSegment >= first || change.start <= base || change.oldEnd > end) return null;
  if (old.table.delimiterRuns.some((run) => run.firstSegment > first && run.firstSegment < closer)) return null;
  const claims = previous.claims;
  for (let i = from; i < to; i++) if (claims[i]!.transactionIndex !== set.index || !contains({ start: base, end }, claims[i]!.span)) return null;
  const last = closer - 1;

  const piece = text.slice(base, end + delta);
  const table = tokenize(piece, { continuing: old.delimitersOf(first) });
  if (!isRegionOnly(table, old.table.segmentCode[first]!, countOf(old.table.segmentCode, HL, first, closer))) return null;

  // The set's kind where the region starts is the kind the claim before it in the set closed
  // with (nothing between them can set it), or the set's implementation's.
  const before = from > 0 ? claims[from - 1]! : undefined;
  const kindAtStart = before !== undefined && before.transactionIndex === set.index ? before.kind : kindOfImplementation(set.implementation);
  const kindAtEnd = to > from ? claims[to - 1]!.kind : kindAtStart;
  const enclosing = envelopeOf(previous, old, set, from);
  const standIn: TransactionSet = { ...set, kind: kindAtStart };
  const parser = new Parser837(new X12SegmentIndex(table), { ...enclosing, transaction: { model: standIn, segment: -1, controlSpan: null, parents: region.parents } });
  parser.run();
  // A subscriber region ends where the next subscriber's or billing provider's HL (or the SE) ends its loops.
  if (region.unit === 'subscriber') parser.endSubscriberLoops();
  parser.endPiece();
  const parsed = parser.result;
  // A kind the region now sets differently would change every claim after it in the set.
  if (standIn.kind !== kindAtEnd || parsed.transactions.length > 0) return null;
  if (region.unit === 'claim' && parsed.claims.length === 0) return null;

  const segmentShift = table.segmentCount - (last - first + 1);
  const claimShift = parsed.claims.length - (to - from);
  const pieceFindings = parsed.findings.map((f) => shiftFinding(f, base)).sort((a, b) => a.span.start - b.span.start);
  let findings = spliceFindings(previous.findings, pieceFindings, base, end, delta, claimShift);
  if (findings === null) return null;

  // From here on nothing fails: the previous analysis is consumed.
  const removed = claims.slice(from, to);
  for (const readAgain of parsed.claims) shiftClaim(readAgain, base, 0);
  const edited = claimsAfter(claims, from, to, parsed.claims, delta);

  const x12 = new X12SegmentIndex(spliceTable(old, table, text, first, last, base, end, delta));
  let editedSet: TransactionSet = { ...set, span: stretch(set.span, base, end, delta), se01Span: stretch(set.se01Span!, base, end, delta) };
  if (segmentShift !== 0) {
    // SE01 counts the set's segments: the SE is checked again, by the parser, in the new table.
    const trailer = trailerAgain(x12, set, stSegment, seSegment + segmentShift, enclosing);
    editedSet = trailer.model;
    findings = replaceAt(findings, x12.segmentSpan(seSegment + segmentShift), trailer.findings);
  }

  // Coding edits pair lines of one patient across claims: checked again over every claim (cheap
  // next to reading: only lines whose code is in some table take part), unless the caller
  // checks them itself (deferred tables: it keeps the findings per patient group).
  const run = new CodingRun(tables);
  run.add(edited, { x12: true });
  const coding = run.findings();

  const transactions = previous.transactions.map((t) =>
    t === set ? editedSet : t.span.start >= end ? { ...t, span: stretch(t.span, base, end, delta), se01Span: t.se01Span && stretch(t.se01Span, base, end, delta) } : t,
  );
  const groups = previous.groups.map((g) => ({ ...g, span: stretch(g.span, base, end, delta) }));
  const interchanges = previous.interchanges.map((i) => ({ ...i, span: stretch(i.span, base, end, delta) }));
  const doc = { format: 'x12' as const, claims: edited, findings, interchanges, groups, transactions, x12 };
  return { doc, findings: findings.concat(coding), unit: region.unit, claims: { from, removed, added: parsed.claims.length, regionEnd: end, delta } };
}

/**
 * The document's claims with [from, to) replaced by `read` (the claims read again, already at
 * their places) and those after moved by `delta` characters. As many claims as before (a
 * keystroke in a claim): `claims` itself, changed in place (it belongs to the consumed analysis),
 * the claims after untouched when the text kept its length; copying the array of a hundred
 * thousand claims was a few ms of each edit, more while the copy ran unoptimized in a fresh server.
 */
function claimsAfter(claims: Claim[], from: number, to: number, read: readonly Claim[], delta: number): Claim[] {
  const claimShift = read.length - (to - from);
  if (claimShift === 0) {
    for (let i = 0; i < read.length; i++) claims[from + i] = read[i]!;
    if (delta !== 0) for (let i = to; i < claims.length; i++) shiftClaim(claims[i]!, delta, 0);
    return claims;
  }
  const edited = claims.slice(0, from).concat(read);
  for (let i = to; i < claims.length; i++) {
    const moved = claims[i]!;
    shiftClaim(moved, delta, claimShift);
    edited.push(moved);
  }
  return edited;
}

/** How many of codes[from, to) are `code`. */
function countOf(codes: Uint32Array, code: number, from: number, to: number): number {
  let n = 0;
  for (let s = from; s < to; s++) if (codes[s] === code) n++;
  return n;
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
 * A piece that reads as the region alone: the segment the region starts with first (its CLM,
 * or its HL), as many HLs as the region had (the edit touched none), no envelope segment, its
 * last segment terminated with only blanks after it (so the text after it still starts a
 * segment), no delimiters of its own and nothing the tokenizer reports.
 */
function isRegionOnly(table: SegmentTable, firstCode: number, hls: number): boolean {
  const count = table.segmentCount;
  if (count < 1 || table.findings.length > 0 || table.delimiterRuns.length !== 1) return false;
  const ids = table.segmentCode;
  if (ids[0] !== firstCode) return false;
  if (!endsTerminated(table)) return false;
  for (let s = 0; s < count; s++) if (ENVELOPE.has(ids[s]!)) return false;
  return countOf(ids, HL, 0, count) === hls;
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
    transaction: { model, segment: st, controlSpan: x12.elementSpan(st, 2), parents: { patientId: null, patientKey: '', billingProviderId: null, billingProviderPerson: false } },
  });
  parser.transactionTrailer(se);
  // In document order, as parseX12 gives a document's findings (SE02's may start before SE01's).
  return { model, findings: parser.result.findings.sort((a, b) => a.span.start - b.span.start) };
}

/** `findings` (in document order) with those inside `span` replaced by `replacement`. */
function replaceAt(findings: Finding[], span: { start: number; end: number }, replacement: readonly Finding[]): Finding[] {
  let from = 0;
  while (from < findings.length && findings[from]!.span.start < span.start) from++;
  let to = from;
  while (to < findings.length && findings[to]!.span.start <= span.end) to++;
  return findings.slice(0, from).concat(replacement, findings.slice(to));
}
