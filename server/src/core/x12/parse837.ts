// Walks the segments of an 837 once: checks the ISA/GS/ST envelopes and their counts, and
// builds claims (2300) with their service lines (2400) from the loops they sit in. This module
// is the walk itself: the segment dispatch (runClaims inside an 837 transaction set, kept small
// and monomorphic: it runs for every segment of huge files; readSegment for the envelope
// segments and anything outside a set), the segments that end the open claim, and reading a
// document in pieces. What each segment means is read elsewhere: the envelopes in
// envelope837.ts, the 2000 loops and NM1 names in hierarchy837.ts, the 2300 claim in
// claim2300.ts, DTP dates in dates837.ts, the 2400 lines in serviceLines837.ts, and the segment
// ids they dispatch on in segmentCodes.ts.

import { NotEditedClaims } from '../rules/notEdited';
import type { Claim, Finding, FunctionalGroup, Interchange, PtpTableKind, TransactionSet } from '../model';
import type { EnclosingEnvelope } from './enclosing837';
import type { GuidePass } from '../guides/pass';
import type { X12SegmentIndex } from './segment-index';
import { kindOfImplementation } from './implementations';
import { AMT, CAS, CLM, DMG, DN2, DTP, GE, GS, HI, HL, IEA, ISA, isEnvelopeCode, LIN, LX, N3, N4, NM1, REF, SE, ST, PWK, SV1, SV2, SV3, SBR, SVD, TA1, TOO } from './segmentCodes';
import { checkToothInformation, checkToothStatus } from './tooth837';
import { checkDrugIdentification } from './drugIdentification';
import { checkAttachment } from './attachments';
import { SubscriberPatient } from './subscriberPatient';
import { EmptySegments } from './emptySegments';
import { SegmentReading } from './reading837';
import { Envelopes837 } from './envelope837';
import { Hierarchy837 } from './hierarchy837';
import { ServiceLines837 } from './serviceLines837';
import { LineColumns } from './lineColumns';
import { SERVICE_SEGMENTS } from './serviceLayouts';
import { Claim2300 } from './claim2300';
import { Dates837 } from './dates837';

export interface Parsed837 {
  claims: Claim[];
  findings: Finding[];
  interchanges: Interchange[];
  groups: FunctionalGroup[];
  transactions: TransactionSet[];
}

/**
 * Reads a whole document. With a guide pass (`guideChecks: full`) the implementation-guide
 * checks run in the same walk over the segments; their findings are the pass's (take them with
 * GuidePass.finish()).
 */
export function parse837(index: X12SegmentIndex, guide: GuidePass | null = null): Parsed837 {
  const parser = new Parser837(index);
  parser.guide = guide;
  parser.run();
  parser.finish();
  return parser.result;
}

/**
 * Characters of an 837 per service line, about: what the columns are given room for at first.
 * The bench's batches write one per 240 (a claim with its subscriber's loops and two lines); a
 * file with fewer trims its columns when read (LineTable.trim), one with more doubles them.
 */
const LINE_BYTES = 200;

/**
 * Reads an 837 in order, one segment table at a time: `run` walks a table, and `continueWith`
 * moves on to the table of the text that follows it (a document read in pieces, each cut just
 * before a segment that ends the open claim, or before any segment while no claim is open; see
 * X12Stream). The state of open envelopes carries over, so the findings are
 * those of one parse of the whole text. Spans are relative to the current piece (retained ones
 * are shifted back when the next piece starts; offsets of earlier pieces become negative).
 */
export class Parser837 {
  readonly result: Parsed837 = { claims: [], findings: [], interchanges: [], groups: [], transactions: [] };
  /** The current piece's segment table and text, and the findings (reading837.ts). */
  private readonly r: SegmentReading;
  /** The open ISA, GS and ST (envelope837.ts). */
  private readonly envelopes: Envelopes837;
  /** The HL level and the parties' NM1 names (hierarchy837.ts). */
  private readonly names: Hierarchy837;
  /** The open claim's service lines (serviceLines837.ts). */
  private readonly lines: ServiceLines837;
  /** The open 2300 claim, and the claims built (claim2300.ts). */
  private readonly claim: Claim2300;
  /** Whether the reader reads a part of a document again (constructed with the envelopes enclosing it). */
  private readonly readAgain: boolean;
  /** DTP dates of the open claim and line (dates837.ts). */
  private readonly dates: Dates837;
  /** Runs of empty segments (emptySegments.ts). */
  private readonly empty: EmptySegments;
  /** Whether the subscriber is the patient, as SBR02 and the 2000C loop say (subscriberPatient.ts). */
  private readonly subscriberPatient: SubscriberPatient;

  /** Claims so far, put in result.claims or not (see keepLine). */
  get claimCount(): number {
    return this.claim.seen;
  }

  /**
   * The claims closed since the last call that no NCCI table judges (rules/notEdited.ts), at
   * their CLM01 in the current piece's offsets: a reader of pieces takes them piece by piece.
   */
  takeNotEdited(): NotEditedClaims {
    const taken = this.claim.notEdited;
    this.claim.notEdited = new NotEditedClaims();
    return taken;
  }

  /** End of the span of the last claim closed in the current piece (-1: none). */
  get lastClaimEnd(): number {
    return this.claim.lastEnd;
  }

  /** Length of the current piece's text (its end, in the current piece's offsets). */
  get textLength(): number {
    return this.r.source.length;
  }

  constructor(ix: X12SegmentIndex, enclosing?: EnclosingEnvelope) {
    const r = new SegmentReading(ix, this.result);
    this.r = r;
    this.empty = new EmptySegments(r);
    this.envelopes = new Envelopes837(r, this.empty);
    this.names = new Hierarchy837(r);
    this.subscriberPatient = new SubscriberPatient(r);
    // A part of a document read again after an edit (enclosing) has a few lines; a document as
    // many as its text holds, about one per LINE_BYTES (each doubling of the columns leaves the
    // arrays it replaced to the collector, their pages touched for nothing).
    this.lines = new ServiceLines837(r, this.envelopes, this.names, enclosing ? 16 : Math.max(1024, Math.ceil(r.source.length / LINE_BYTES)));
    this.readAgain = enclosing !== undefined;
    this.claim = new Claim2300(r, this.envelopes, this.names, this.lines);
    this.dates = new Dates837(r, this.claim, this.lines);
    if (enclosing) {
      // Stand-ins for the envelopes around the piece: nothing is reported about them.
      this.envelopes.standIn(enclosing);
      this.claim.seen = enclosing.claimIndex;
      const open = enclosing.transaction;
      if (open) this.names.standIn(open.parents);
    }
  }

  /**
   * Ends the current table: closes the claim open at its end (the next piece starts with a
   * segment that would close it), or with `claimGoesOn` only its open line (the next piece starts
   * with an LX of the same claim: a claim too long to hold whole, see X12Stream).
   */
  endPiece(claimGoesOn = false): void {
    const ix = this.r.ix;
    if (claimGoesOn) this.lines.closeLine(ix.segmentCount);
    else this.claim.close(ix.segmentCount);
    // The columns of a part read again live as long as its claims: no room to spare in them.
    if (this.readAgain) this.lines.columns.trim();
    // Segment numbers do not outlive the piece.
    this.names.resolveIds();
    this.empty.endPiece();
    this.guide?.endPiece(ix);
  }

  /**
   * Moves on to the table of the next piece of text, which starts right where the current one
   * ends: `length` characters after it starts (more than its text when the text leaves out the
   * middle of a long segment no check reads; see X12Stream). Call endPiece first.
   */
  continueWith(next: X12SegmentIndex, length = this.r.source.length): void {
    const shift = length;
    const segments = this.r.ix.segmentCount;
    this.names.resolveIds();
    this.envelopes.moveBack(segments, shift);
    this.subscriberPatient.moveBack(shift);
    const claimOpen = this.claim.segment >= 0;
    if (claimOpen) this.claim.goesOn(shift);
    this.lines.nextPiece(claimOpen);
    this.r.moveTo(next);
    this.claim.lastEnd = -1;
    this.guide?.moveText(shift);
  }

  /** Reports what is still open at the end of the document. */
  finish(): void {
    const count = this.r.ix.segmentCount;
    this.claim.close(count);
    this.lines.columns.trim();
    this.envelopes.closeUnended(count, 'before the end of the document');
  }

  /** The implementation-guide checks run in this pass (guides/pass.ts), or none. */
  guide: GuidePass | null = null;

  /**
   * Reads the current table. The segments of an open 837 transaction set go through runClaims, a
   * loop that dispatches the claim's segments and returns at the first envelope segment; that
   * segment, and every segment outside such a set, goes through readSegment, one at a time. The
   * walk of every segment of a big file is thus compiled without the envelope paths, which its
   * first pieces seldom or never take before V8 optimizes it (each taken later was a deopt and a
   * recompile of the whole walk), and without a look at the open envelopes per segment.
   */
  run(): void {
    const ix = this.r.ix;
    const count = ix.segmentCount;
    for (let s = 0; s < count; s++) {
      if (this.inClaimTransaction()) {
        s = this.runClaims(s, count);
        if (s === count) break;
      }
      this.readSegment(s);
    }
    // The guide checks read the same segments after the reader, in a loop of their own: the
    // checks interleaved with the reader's work, segment by segment, cost about a quarter more
    // (each half evicts the other's code, branch history and data from the caches). Nothing the
    // reader does depends on them.
    if (this.guide !== null) this.guide.segments(ix, 0, count);
  }

  /** A transaction set is open and it is a claim one (837), not another (835, 999...) whose segments are no claims'. */
  private inClaimTransaction(): boolean {
    const transaction = this.envelopes.transaction;
    return transaction !== null && transaction.model.otherTransaction === undefined;
  }

  /**
   * Segments from `from` on, inside an open 837 transaction set, up to the first that opens or
   * closes an envelope (returned, not read: readSegment reads it), or `count`.
   */
  private runClaims(from: number, count: number): number {
    const ix = this.r.ix;
    const names = this.names;
    const lines = this.lines;
    const claim = this.claim;
    const dates = this.dates;
    // ix.idCode(s), read from the table's array directly: this runs for every segment.
    const table = ix.table;
    const codes = table.segmentCode;
    for (let s = from; s < count; s++) {
      switch (codes[s]!) {
        // No id (0): an empty segment among others (the id of one that is not empty is the guide's to judge).
        case 0: if (table.segmentEnd[s] === table.segmentStart[s]) this.empty.segment(s); break;
        case ISA: case IEA: case GS: case GE: case ST: case SE: return s;
        case HL: this.hierarchicalLevel(s); break;
        case NM1: {
          const qualifier = names.entityName(s, claim.segment >= 0, lines.lineSegment >= 0, lines.claimLineCount);
          // An other payer's 2330B names it (NM1*PR), before the claim's lines.
          if (claim.segment >= 0 && lines.claimLineCount === 0 && lines.lineSegment < 0 && names.inOtherPayerLoops) lines.cob.payerName(s);
          else if (claim.segment < 0) this.subscriberPatient.name(s, qualifier);
          break;
        }
        // The subscriber's address and demographics (2010BA), which the patient's require.
        case N3: case N4: case DMG: if (claim.segment < 0) this.subscriberPatient.detail(codes[s]!); break;
        case CLM: this.claimInformation(s); break;
        case DTP: dates.date(s); break;
        case LX: lines.lineNumber(s, claim.segment >= 0); break;
        case SV1: lines.service(s, SERVICE_SEGMENTS.SV1!, claim.segment >= 0); break;
        case SV2: lines.service(s, SERVICE_SEGMENTS.SV2!, claim.segment >= 0); break;
        case SV3: lines.service(s, SERVICE_SEGMENTS.SV3!, claim.segment >= 0); break;
        case SBR:
          if (claim.segment >= 0 && lines.claimLineCount === 0 && lines.lineSegment < 0) {
            names.otherPayer();
            lines.cob.payerLoop();
          } else if (claim.segment < 0) this.subscriberPatient.subscriber(s);
          break;
        // Other payers' paid amounts and adjustments, which balance (cobBalance.ts).
        case AMT: if (claim.segment >= 0 && lines.claimLineCount === 0 && lines.lineSegment < 0 && names.inOtherPayerLoops) lines.cob.amount(s); break;
        case CAS: if (claim.segment >= 0 && (lines.lineSegment >= 0 || names.inOtherPayerLoops)) lines.cob.adjustment(s, lines.lineSegment >= 0); break;
        case SVD: if (lines.lineSegment >= 0) lines.cob.payment(s); break;
        // The claim's own REF (2300), before its lines and other payers' loops (a 2330B REF*F8 is theirs).
        case REF: if (claim.segment >= 0 && lines.claimLineCount === 0 && !names.inOtherPayerLoops) claim.reference(s); break;
        case HI: if (claim.segment >= 0 && lines.lineSegment < 0 && lines.claimLineCount === 0 && !names.inOtherPayerLoops) claim.diagnoses(s); break;
        // A service line's drug (2410 LIN): its NDC's form.
        case LIN: if (lines.lineSegment >= 0) checkDrugIdentification(this.r, s); break;
        // The claim's or a line's paperwork (2300, 2400 PWK): an attachment sent apart has its control number.
        case PWK: if (claim.segment >= 0 && !names.inOtherPayerLoops) checkAttachment(this.r, s); break;
        case TOO: if (lines.lineSegment >= 0 && this.envelopes.transaction?.model.kind === 'dental') checkToothInformation(this.r, s); break;
        // The claim's tooth status (2300 DN2), before its lines.
        case DN2: if (claim.segment >= 0 && lines.lineSegment < 0 && lines.claimLineCount === 0 && this.envelopes.transaction?.model.kind === 'dental') checkToothStatus(this.r, s); break;
      }
    }
    return count;
  }

  /** Segment s read on its own: an envelope segment, or any segment outside an 837 transaction set. */
  private readSegment(s: number): void {
    const envelopes = this.envelopes;
    const code = this.r.ix.table.segmentCode[s]!;
    const transaction = envelopes.transaction;
    if (transaction === null) {
      // An empty segment is its own finding (emptySegments.ts), not a segment outside a set.
      if (!isEnvelopeCode(code) && this.r.ix.table.segmentEnd[s] !== this.r.ix.table.segmentStart[s]) envelopes.reportOutside(s);
    } else if (transaction.model.otherTransaction !== undefined && !isEnvelopeCode(code)) {
      // A segment of another transaction set (an 835's LX, NM1, DTM): no part of a claim.
      return;
    }
    if (!isEnvelopeCode(code) || code === TA1) {
      // Outside a transaction set (reported above): read as runClaims reads it.
      this.runClaims(s, s + 1);
      return;
    }
    if (code === SE) {
      this.transactionTrailer(s);
      return;
    }
    // An envelope segment ends the open claim, then envelope837.ts reads it.
    this.claim.close(s);
    switch (code) {
      case ISA: envelopes.interchangeHeader(s); break;
      case IEA: envelopes.interchangeTrailer(s); break;
      case GS: envelopes.groupHeader(s); break;
      case GE: envelopes.groupTrailer(s); break;
      case ST: this.subscriberPatient.end(this.r.result.findings); envelopes.transactionHeader(s); this.names.startTransaction(); break;
    }
  }

  /**
   * The subscriber loops read end here (a region of rereadClaim.ts that ends where the next
   * subscriber's or billing provider's HL, or the SE, would end them): judged as that segment would.
   */
  endSubscriberLoops(): void {
    this.subscriberPatient.end(this.r.result.findings);
  }

  /** An SE at segment s: it ends the open claim, then the set (also for rereadClaim.ts, which checks a set's SE again on its own). */
  transactionTrailer(s: number): void {
    this.claim.close(s);
    this.subscriberPatient.end(this.r.result.findings);
    this.envelopes.transactionTrailer(s);
  }

  // ---- 2000 loops: the open claim ends, then hierarchy837.ts reads the HL ----------------

  hierarchicalLevel(s: number): void {
    this.claim.close(s);
    this.names.hierarchicalLevel(s);
    // The subscriber-is-the-patient rules are the 5010 guides' (4010 names the patient otherwise).
    const implementation = this.envelopes.transaction?.model.implementation ?? '';
    this.subscriberPatient.level(this.names.currentLevel ?? 'other', implementation.startsWith('005010'), s, this.r.result.findings);
  }

  // ---- 2300 claim: claim2300.ts reads the CLM and builds the claim it opens ----------------

  /**
   * Which lines become ServiceLine objects, by procedure code and the table of their claim
   * (rules/claimTables.ts: its kind and facility type; lines without a code never do); null: every line. With a filter, a line it drops is read and checked but not
   * built, and a claim with no line built is counted (claimCount, linesSeen) but not put in
   * result.claims: for a reader whose claims serve only the coding checks (X12Stream in the
   * CLI), since building every line was most of what reading a big file allocated.
   */
  get keepLine(): ((code: string, table: PtpTableKind | null) => boolean) | null {
    return this.lines.keepLine;
  }
  set keepLine(keep: ((code: string, table: PtpTableKind | null) => boolean) | null) {
    this.lines.keepLine = keep;
    // The lines it keeps are objects of their own (CodedLine): the room the columns were given goes.
    if (keep !== null && this.lines.columns.size === 0) this.lines.columns = new LineColumns(16);
  }
  /** Service lines read so far, built or not. */
  get linesSeen(): number {
    return this.lines.linesSeen;
  }

  claimInformation(s: number): void {
    this.claim.close(s);
    this.claim.open(s);
    this.subscriberPatient.claim();
  }
}

export { kindOfImplementation };
