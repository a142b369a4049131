// Walks the segments of an 837 once: checks the ISA/GS/ST envelopes and their counts, and
// builds claims (2300) with their service lines (2400) from the loops they sit in. This module
// is the walk and the 2300 claim (CLM, DTP dates); the envelopes are envelope837.ts, the 2000
// loops and NM1 names hierarchy837.ts, the 2400 lines serviceLines837.ts, and the segment ids
// they dispatch on segmentCodes.ts.

import type { Claim, DateRange, Finding, FunctionalGroup, Interchange, PtpTableKind, Span, TransactionSet } from '../model';
import type { GuidePass } from '../guides/pass';
import { detached } from '../text';
import type { X12SegmentIndex } from './segment-index';
import { kindOfImplementation } from './implementations';
import { NO_OFFSET } from './claimTotal';
import { endBeforeBlanks, parseD8At, parseDateAt, parseDecimalAt, shownNumber } from './values';
import { CLM, DTP, GE, GS, HL, IEA, ISA, isEnvelopeCode, LX, NM1, SE, ST, SV1, SV2, SV3, SBR } from './segmentCodes';
import { SegmentReading } from './reading837';
import { isIsaProblem, readIsaHeader } from './isa';
import { Envelopes837 } from './envelope837';
import { Hierarchy837 } from './hierarchy837';
import { SERVICE_SEGMENTS, ServiceLines837 } from './serviceLines837';
import { X12Claim } from './serviceLine837';
import { Clm05Reader, readClm05, type Clm05 } from './clm05';
import { supersedesOthers } from '../rules/supersession';
import { codeAt, sliceOf } from './source';

/** Slots of Parser837's cache of days (a power of 2). */
const DAY_SLOTS = 1024;

/** DTP01 qualifiers that carry a date of service: 472 service date (claim or line; read from char codes in date()), 434 statement dates (claim, 837I). */
const STATEMENT_DATES = '434';

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
 * What a transaction set parsed on its own (see parseTransactionSetPiece) needs from the
 * envelope around it, so that it comes out as it would in a parse of the whole document.
 */
export interface EnclosingEnvelope {
  /** GS08, used when ST03 is absent. */
  groupImplementation: string | null;
  interchangeIndex: number;
  groupIndex: number;
  /** Index of this transaction set, and of its first claim, in the whole document. */
  transactionIndex: number;
  claimIndex: number;
  /** Set when the piece starts inside this transaction set, at a CLM (a claim read again after an edit). */
  transaction?: EnclosingTransaction;
}

/**
 * The transaction set a piece starts inside, and the HL parents of the claims at its start: they
 * stand in for the ST and the 2000 loops before the piece, up to the piece's first HL.
 */
export interface EnclosingTransaction {
  /** The set's model (a copy: the parser updates it), with the kind it has where the piece starts. */
  model: TransactionSet;
  /** Its ST segment in the index read (SE01 counts from it); any number when the piece holds no SE. */
  segment: number;
  /** ST02, which SE02 must match. */
  controlSpan: Span | null;
  /** What a claim takes from its HL parents (payer, subscriber, patient, billing provider), as its claim recorded it. */
  parents: Pick<Claim, 'patientId' | 'patientKey' | 'billingProviderId'>;
}

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
  /** Claims seen so far (model indexes; result arrays may be emptied between pieces). */
  private claimsSeen = 0;

  /** Claims so far, put in result.claims or not (see keepLine). */
  get claimCount(): number {
    return this.claimsSeen;
  }

  /** Length of the current piece's text (its end, in the current piece's offsets). */
  get textLength(): number {
    return this.r.source.length;
  }

  constructor(ix: X12SegmentIndex, enclosing?: EnclosingEnvelope) {
    const r = new SegmentReading(ix, this.result);
    this.r = r;
    this.envelopes = new Envelopes837(r);
    this.names = new Hierarchy837(r);
    this.lines = new ServiceLines837(r, this.envelopes, this.names);
    if (enclosing) {
      // Stand-ins for the envelopes around the piece: nothing is reported about them.
      this.envelopes.standIn(enclosing);
      this.claimsSeen = enclosing.claimIndex;
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
    else this.closeClaim(ix.segmentCount);
    // Segment numbers do not outlive the piece.
    this.names.resolveIds();
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
    if (this.claimSegment >= 0) this.claimGoesOn(shift);
    this.r.moveTo(next);
    this.lastClaimEnd = -1;
    this.guide?.moveText(shift);
  }

  /**
   * The open claim goes on into the next piece (endPiece with claimGoesOn): what it holds of
   * this piece is kept as text, and its offsets are moved to the next piece's (before its start).
   */
  private claimGoesOn(shift: number): void {
    const source = this.r.source;
    if (this.claimIdText === null && this.claimIdStart !== NO_OFFSET) this.claimIdText = detached(sliceOf(source, this.claimIdStart, this.claimIdEnd));
    if (this.claimChargeText === null && this.claimChargeStart !== NO_OFFSET) this.claimChargeText = detached(sliceOf(source, this.claimChargeStart, this.claimChargeEnd));
    this.claimSegment = 0;
    this.claimStart -= shift;
    if (this.claimIdStart !== NO_OFFSET) {
      this.claimIdStart -= shift;
      this.claimIdEnd -= shift;
    }
    if (this.claimChargeStart !== NO_OFFSET) {
      this.claimChargeStart -= shift;
      this.claimChargeEnd -= shift;
    }
    this.claimDateStart -= shift;
    this.claimDateEnd -= shift;
    this.lines.moveBack(shift);
  }

  /** Reports what is still open at the end of the document. */
  finish(): void {
    const count = this.r.ix.segmentCount;
    this.closeClaim(count);
    this.envelopes.closeUnended(count, 'before the end of the document');
  }

  /** The implementation-guide checks run in this pass (guides/pass.ts), or none. */
  guide: GuidePass | null = null;

  run(): void {
    const ix = this.r.ix;
    const count = ix.segmentCount;
    const guide = this.guide;
    const envelopes = this.envelopes;
    const names = this.names;
    const lines = this.lines;
    // ix.idCode(s), read from the table's array directly: this runs for every segment.
    const codes = ix.table.segmentCode;
    for (let s = 0; s < count; s++) {
      const code = codes[s]!;
      const transaction = envelopes.transaction;
      if (transaction === null) {
        if (!isEnvelopeCode(code)) envelopes.reportOutside(s);
      } else if (transaction.model.otherTransaction !== undefined && !isEnvelopeCode(code)) {
        // A segment of another transaction set (an 835's LX, NM1, DTM): no part of a claim.
        if (guide !== null) guide.segment(ix, s);
        continue;
      }
      switch (code) {
        case ISA: this.interchangeHeader(s); break;
        case IEA: this.interchangeTrailer(s); break;
        case GS: this.groupHeader(s); break;
        case GE: this.groupTrailer(s); break;
        case ST: this.transactionHeader(s); break;
        case SE: this.transactionTrailer(s); break;
        case HL: this.hierarchicalLevel(s); break;
        case NM1: names.entityName(s, this.claimSegment >= 0, lines.lineSegment >= 0, lines.claimLineCount); break;
        case CLM: this.claimInformation(s); break;
        case DTP: this.date(s); break;
        case LX: lines.lineNumber(s, this.claimSegment >= 0); break;
        case SV1: lines.service(s, SERVICE_SEGMENTS.SV1!, this.claimSegment >= 0); break;
        case SV2: lines.service(s, SERVICE_SEGMENTS.SV2!, this.claimSegment >= 0); break;
        case SV3: lines.service(s, SERVICE_SEGMENTS.SV3!, this.claimSegment >= 0); break;
        case SBR: if (this.claimSegment >= 0 && lines.claimLineCount === 0) names.otherPayer(); break;
      }
      if (guide !== null) guide.segment(ix, s);
    }
  }

  // ---- envelope: the open claim ends, then envelope837.ts reads the segment -------------

  interchangeHeader(s: number): void {
    this.closeClaim(s);
    this.envelopes.interchangeHeader(s);
    this.blanksAfterIsa16(s);
  }

  /**
   * Blanks between ISA16 and the line break that ends the ISA (isa.ts IsaHeader.blanks): the
   * file is read with its line breaks as terminators, but a receiver takes the character after
   * ISA16 as the terminator, so it would not read the file at all: an error, on the blanks.
   */
  private blanksAfterIsa16(s: number): void {
    const r = this.r;
    const header = readIsaHeader(r.text, r.ix.table.segmentStart[s]!);
    if (isIsaProblem(header) || header.blanks === null) return;
    r.add(
      'x12.isa-malformed',
      'error',
      'A blank follows ISA16 where the segment terminator belongs: receivers take the character after ISA16 as the terminator, so they would not read this file. Remove the blanks after ISA16, so that the line break ends the ISA',
      header.blanks,
    );
  }

  interchangeTrailer(s: number): void {
    this.closeClaim(s);
    this.envelopes.interchangeTrailer(s);
  }

  groupHeader(s: number): void {
    this.closeClaim(s);
    this.envelopes.groupHeader(s);
  }

  groupTrailer(s: number): void {
    this.closeClaim(s);
    this.envelopes.groupTrailer(s);
  }

  transactionHeader(s: number): void {
    this.closeClaim(s);
    this.envelopes.transactionHeader(s);
    this.names.startTransaction();
  }

  transactionTrailer(s: number): void {
    this.closeClaim(s);
    this.envelopes.transactionTrailer(s);
  }

  // ---- 2000 loops: the open claim ends, then hierarchy837.ts reads the HL ----------------

  hierarchicalLevel(s: number): void {
    this.closeClaim(s);
    this.names.hierarchicalLevel(s);
  }

  // ---- 2300 claim ----------------------------------------------------------------------
  // The open claim and line live in fields and become model objects when their loop ends, so
  // each object is built once with its final shape (this runs for every line of huge files).

  /** The open claim's CLM (-1: none open; 0 once the claim has gone on into a later piece, see claimGoesOn). */
  private claimSegment = -1;
  /** Where the open claim's CLM starts. */
  private claimStart = 0;
  /** CLM01 and CLM02 as written, once the claim has gone on past the piece they are in (else read at closeClaim). */
  private claimIdText: string | null = null;
  private claimChargeText: string | null = null;
  private claimDate: DateRange | null = null;
  /** The claim's DTP03 (offsets; the span is made for a claim that is built). */
  private claimDateStart = 0;
  private claimDateEnd = 0;
  private claimDateIsService = false;

  /**
   * Which lines become ServiceLine objects, by procedure code and the table of their claim
   * (rules/claimTables.ts: its kind and facility type; lines without a code never do); null: every line. With a filter, a line it drops is read and checked but not
   * built, and a claim with no line built is counted (claimsSeen, linesSeen) but not put in
   * result.claims: for a reader whose claims serve only the coding checks (X12Stream in the
   * CLI), since building every line was most of what reading a big file allocated.
   */
  get keepLine(): ((code: string, table: PtpTableKind | null) => boolean) | null {
    return this.lines.keepLine;
  }
  set keepLine(keep: ((code: string, table: PtpTableKind | null) => boolean) | null) {
    this.lines.keepLine = keep;
  }
  /** Service lines read so far, built or not. */
  get linesSeen(): number {
    return this.lines.linesSeen;
  }
  /** End of the span of the last claim closed in the current piece (-1: none). */
  lastClaimEnd = -1;

  claimInformation(s: number): void {
    this.closeClaim(s);
    const r = this.r;
    this.claimSegment = s;
    this.claimStart = r.ix.table.segmentStart[s]!;
    this.claimIdText = this.claimChargeText = null;
    this.claimDate = null;
    this.claimDateStart = this.claimDateEnd = 0;
    this.claimDateIsService = false;
    this.lines.startClaim();
    this.names.startClaim();
    // CLM01 and CLM02 are kept as offsets for closeClaim, which then need not split CLM again.
    const el = r.elementsOf(s, 5);
    const idStart = el.start(1);
    this.claimIdStart = idStart < 0 ? NO_OFFSET : idStart;
    this.claimIdEnd = idStart < 0 ? NO_OFFSET : el.end(1);
    const chargeStart = el.start(2);
    const chargeEnd = chargeStart < 0 ? -1 : el.end(2);
    this.claimChargeStart = chargeStart < 0 ? NO_OFFSET : chargeStart;
    this.claimChargeEnd = chargeStart < 0 ? NO_OFFSET : chargeEnd;
    this.claimCharge = chargeStart < 0 ? null : parseDecimalAt(r.source, chargeStart, chargeEnd);
    // CLM05-1 (837I facility type code) and CLM05-3 (claim frequency), read as strings now: a claim may go on past this piece.
    const locationStart = el.start(5);
    this.claimLocation = this.clm05.read(r.source, locationStart, locationStart < 0 ? -1 : el.end(5), r.ix.delimitersOf(s).component);
    this.lines.claimFacilityType = this.claimLocation.facilityType;
    if (this.claimCharge === null) {
      r.add(
        'x12.amount-invalid',
        'error',
        chargeStart < 0 || chargeEnd === chargeStart
          ? 'CLM02 (total claim charge) is missing'
          : `CLM02 (total claim charge) should be a decimal amount, found ${shownNumber(sliceOf(r.source, chargeStart, chargeEnd))}`,
        r.spanOr(s, 2),
      );
    }
  }

  /** CLM01 and CLM02 of the open claim: offsets (NO_OFFSET when absent) and the parsed charge. */
  private claimIdStart = NO_OFFSET;
  private claimIdEnd = NO_OFFSET;
  private claimChargeStart = NO_OFFSET;
  private claimChargeEnd = NO_OFFSET;
  private claimCharge: number | null = null;
  /** CLM05 of the open claim, as the coding checks read it. */
  private claimLocation: Clm05 = readClm05('', -1, -1, ':');
  /** Reads CLM05 (the same text as the claim before gives the same object). */
  private readonly clm05 = new Clm05Reader();

  private closeClaim(s: number): void {
    const lineReader = this.lines;
    lineReader.closeLine(s);
    if (this.claimSegment < 0) return;
    this.claimSegment = -1;
    const lines = lineReader.takeLines();
    const spanStart = this.claimStart;
    const spanEnd = this.r.endBefore(s, spanStart);
    this.lastClaimEnd = spanEnd;
    const index = this.claimsSeen++;
    const chargeStart = this.claimChargeStart;
    const chargeEnd = this.claimChargeEnd;
    const hasCharge = chargeStart !== NO_OFFSET;
    const sum = lineReader.charges.check(hasCharge ? this.claimCharge : null, chargeStart, chargeEnd);
    if (sum !== null) this.result.findings.push(sum);
    // A claim none of whose lines is kept is of no use to the reader's caller (see keepLine),
    // unless it replaces or voids others (their lines then take no part in the coding checks).
    const location = this.claimLocation;
    if (lineReader.keepLine !== null && lines.length === 0 && !supersedesOthers(location.frequency)) return;
    const names = this.names;
    names.resolveIds();
    const claimDate = this.claimDate;
    if (claimDate !== null) {
      for (const line of lines) {
        if (line.dateOfService === null) {
          line.dateOfService = claimDate;
          line.dateStart = this.claimDateStart;
          line.dateEnd = this.claimDateEnd;
          line.dateInherited = true;
        }
      }
    }
    const source = this.r.source;
    const idStart = this.claimIdStart;
    const transaction = this.envelopes.transaction;
    const claim = new X12Claim();
    claim.index = index;
    if (idStart !== NO_OFFSET) {
      claim.id = this.claimIdText ?? sliceOf(source, idStart, this.claimIdEnd);
      claim.idStart = idStart;
      claim.idEnd = this.claimIdEnd;
    }
    claim.patientId = names.patientOrSubscriberId();
    claim.patientKey = names.patientKey();
    claim.billingProviderId = names.billingProviderId;
    claim.renderingProviderId = names.claimRenderingId;
    claim.kind = transaction ? transaction.model.kind : null;
    // CLM05-1 is the facility type code on an 837I only (an 837P's is the place of service).
    claim.facilityType = claim.kind === 'institutional' ? location.facilityType : null;
    claim.frequency = location.frequency;
    if (hasCharge) {
      claim.totalCharge = this.claimCharge;
      claim.totalChargeText = this.claimChargeText ?? sliceOf(source, chargeStart, chargeEnd);
      claim.chargeStart = chargeStart;
      claim.chargeEnd = chargeEnd;
    }
    claim.dateOfService = claimDate;
    if (claimDate !== null) {
      claim.dateStart = this.claimDateStart;
      claim.dateEnd = this.claimDateEnd;
    }
    claim.lines = lines;
    claim.spanStart = spanStart;
    claim.spanEnd = spanEnd;
    claim.transactionIndex = transaction ? transaction.model.index : null;
    this.result.claims.push(claim);
  }

  date(s: number): void {
    const r = this.r;
    const lines = this.lines;
    const inLine = lines.lineSegment >= 0;
    if (this.serviceDate(s, inLine)) return;
    const el = r.elementsOf(s, 3);
    // DTP01 and DTP02 from char codes (as valueEquals compares them): this runs for every line.
    const text = r.source;
    const qualifier = el.start(1);
    const isService = qualifier >= 0 && el.end(1) - qualifier === 3 && codeAt(text, qualifier) === 52 && codeAt(text, qualifier + 1) === 55 && codeAt(text, qualifier + 2) === 50;
    const forLine = inLine && isService;
    const forClaim = !inLine && this.claimSegment >= 0 && (isService || r.equals(el, 1, STATEMENT_DATES));
    const format = el.start(2);
    const formatLength = format < 0 ? -1 : el.end(2) - format;
    const d8 = formatLength === 2 && codeAt(text, format) === 68 && codeAt(text, format + 1) === 56;
    // Other DTPs are checked only when they say they hold a D8/RD8 date.
    if (!forLine && !forClaim && !d8 && !r.equals(el, 2, 'RD8')) return;
    // DTP03, or the empty span at the segment's end (the span object is made only for a date kept);
    // without the blanks a padded line leaves after it (endBeforeBlanks), so that they neither make
    // the date invalid nor take part in its span.
    let dateStart = el.start(3);
    let dateEnd: number;
    if (dateStart < 0) dateStart = dateEnd = r.ix.table.segmentEnd[s]!;
    else dateEnd = endBeforeBlanks(text, dateStart, el.end(3));
    // A valid D8 date (nearly every DTP) is read here; anything else as parseDateAt reads it.
    const day = d8 ? parseD8At(text, dateStart, dateEnd) : null;
    let range: DateRange | undefined;
    if (day !== null) {
      range = this.singleDay(day);
    } else {
      const parsed = parseDateAt(d8 ? 'D8' : r.trimmed(s, 2), text, dateStart, dateEnd);
      if (!parsed.ok) {
        const qualifier = r.trimmed(s, 1);
        const name = /^\d{1,3}$/.test(qualifier) ? `DTP*${qualifier}` : 'DTP';
        r.add('x12.date-invalid', 'error', `${name}: ${parsed.problem}`, r.spanOr(s, 3));
      }
      range = parsed.ok ? parsed.range : parsed.fallback;
    }
    if (range === undefined) return;
    if (forLine) {
      lines.lineDate = range;
      lines.lineDateStart = dateStart;
      lines.lineDateEnd = dateEnd;
    } else if (forClaim) {
      // 472 (service) wins over 434 (statement) when a claim has both.
      if (this.claimDateIsService && !isService) return;
      this.claimDateIsService = isService;
      this.claimDate = range;
      this.claimDateStart = dateStart;
      this.claimDateEnd = dateEnd;
    }
  }

  /**
   * Nearly every DTP is DTP*472*D8*CCYYMMDD, a valid date: such a one is read from its 19
   * characters (as date() reads it, its elements not split), and true returned; anything else is
   * left to date().
   */
  private serviceDate(s: number, inLine: boolean): boolean {
    const r = this.r;
    const table = r.ix.table;
    const start = table.segmentStart[s]!;
    if (table.segmentEnd[s]! - start !== 19) return false;
    const source = r.source;
    const separator = r.ix.elementCodeOf(s);
    if (codeAt(source, start + 3) !== separator || codeAt(source, start + 7) !== separator || codeAt(source, start + 10) !== separator) return false;
    if (codeAt(source, start + 4) !== 52 || codeAt(source, start + 5) !== 55 || codeAt(source, start + 6) !== 50) return false;
    if (codeAt(source, start + 8) !== 68 || codeAt(source, start + 9) !== 56) return false;
    const dateStart = start + 11;
    const dateEnd = start + 19;
    const day = parseD8At(source, dateStart, dateEnd);
    if (day === null) return false;
    if (inLine) {
      const lines = this.lines;
      lines.lineDate = this.singleDay(day);
      lines.lineDateStart = dateStart;
      lines.lineDateEnd = dateEnd;
    } else if (this.claimSegment >= 0) {
      this.claimDateIsService = true;
      this.claimDate = this.singleDay(day);
      this.claimDateStart = dateStart;
      this.claimDateEnd = dateEnd;
    }
    return true;
  }

  // A big file repeats a few hundred dates and codes: its lines share them (as CSV lines do), so
  // a document keeps one object per distinct value instead of one per line.
  private readonly days = new Map<number, DateRange>();
  // The days met last, in slots by their number in front of `days`: a line's date costs no Map lookup.
  private readonly dayKeys = new Int32Array(DAY_SLOTS).fill(-1);
  private readonly dayRanges: DateRange[] = new Array<DateRange>(DAY_SLOTS);

  /** One shared, frozen DateRange per single day (a valid CCYYMMDD, so an int32). */
  private singleDay(day: number): DateRange {
    const slot = (day ^ (day >>> 10)) & (DAY_SLOTS - 1);
    if (this.dayKeys[slot] === day) return this.dayRanges[slot]!;
    let shared = this.days.get(day);
    if (shared === undefined) {
      if (this.days.size >= 100000) {
        this.days.clear();
        this.dayKeys.fill(-1);
      }
      shared = Object.freeze({ from: day, to: day });
      this.days.set(day, shared);
    }
    this.dayKeys[slot] = day;
    this.dayRanges[slot] = shared;
    return shared;
  }
}

export { kindOfImplementation };
