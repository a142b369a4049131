// Walks the segments of an 837 once: checks the ISA/GS/ST envelopes and their counts, and
// builds claims (2300) with their service lines (2400) from the loops they sit in.

import type {
  Claim,
  ClaimKind,
  DateRange,
  Finding,
  FunctionalGroup,
  Interchange,
  ServiceLine,
  Span,
  TransactionSet,
} from '../model';
import type { GuidePass } from '../guides/pass';
import { moveLineSpans, shiftSpan } from '../spans';
import { detached } from '../text';
import { unsignedAt, type X12SegmentIndex } from './segment-index';
import { CLM, DTP, GE, GS, HL, IEA, ISA, isEnvelopeCode, LX, NM1, SE, ST, SV1, SV2, SV3 } from './segmentCodes';
import { ElementReader } from './elementReader';
import { ProcedureReader, type ReportFinding } from './procedure';
import { kindOfImplementation, SERVICE_SEGMENT_OF, type TransactionKind } from './implementations';
import { NO_SPAN, SharedModifiers } from '../codedLines';
import { ClaimCharges, NO_OFFSET } from './claimTotal';
import { NO_MODIFIERS, parseD8At, parseDateAt, parseDecimalAt, shownCode, shownNumber } from './values';

/** HL03 hierarchical level codes of the 837 and the 2000 loops they open. */
const HL_LEVELS: Readonly<Record<string, 'billingProvider' | 'subscriber' | 'patient'>> = {
  '20': 'billingProvider',
  '22': 'subscriber',
  '23': 'patient',
};
type HlLevel = (typeof HL_LEVELS)[string] | 'other';

/** Where the parts of a service line sit in each service segment (element positions, 1-based). */
interface ServiceLayout {
  kind: TransactionKind;
  composite: number;
  charge: number;
  units: number;
}
const SERVICE_SEGMENTS: Readonly<Record<string, ServiceLayout>> = {
  SV1: { kind: 'professional', composite: 1, charge: 2, units: 4 },
  SV2: { kind: 'institutional', composite: 2, charge: 3, units: 5 },
  SV3: { kind: 'dental', composite: 1, charge: 2, units: 6 },
};


/** DTP01 qualifiers that carry a date of service: 472 service date (claim or line; read from char codes in date()), 434 statement dates (claim, 837I). */
const STATEMENT_DATES = '434';



/** An envelope header by its control number: "ST '0001'", or "ST (with no control number)". */
function envelopeName(id: string, controlNumber: string): string {
  return controlNumber === '' ? `${id} (with no control number)` : `${id} '${controlNumber}'`;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

function isDigits(text: string): boolean {
  return /^\d+$/.test(text);
}

/** An envelope that is open: its header segment (index and span) and its control number's span. */
interface OpenEnvelope {
  segment: number;
  headerSpan: Span;
  controlSpan: Span | null;
}
interface OpenInterchange extends OpenEnvelope {
  model: Interchange;
  groupCount: number;
}
interface OpenGroup extends OpenEnvelope {
  model: FunctionalGroup;
  transactionCount: number;
  implementation: string | null;
}
interface OpenTransaction extends OpenEnvelope {
  model: TransactionSet;
}

export interface Parsed837 {
  claims: Claim[];
  findings: Finding[];
  interchanges: Interchange[];
  groups: FunctionalGroup[];
  transactions: TransactionSet[];
}

/**
 * NM101 qualifiers read from char codes (first * 65536 + second): IL subscriber, QC patient,
 * PR payer, 85 billing provider, 82 rendering provider.
 */
const IL = 73 * 65536 + 76;
const QC = 81 * 65536 + 67;
const PR = 80 * 65536 + 82;
const BILLING = 56 * 65536 + 53;
const RENDERING = 56 * 65536 + 50;

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
  private interchange: OpenInterchange | null = null;
  private group: OpenGroup | null = null;
  private transaction: OpenTransaction | null = null;
  private level: HlLevel | null = null;
  private subscriberId: string | null = null;
  private patientId: string | null = null;
  /** 2010CA patient's name (NM103-NM105) when it has no id: tells apart dependants of one subscriber. */
  private patientName: string | null = null;
  /** The patient key of the HL parents standing in (EnclosingTransaction.parents) until the next HL. */
  private parentsKey: string | null = null;
  private payerId: string | null = null;
  private billingProviderId: string | null = null;
  /** 2310B rendering provider of the open claim, and 2420A of the open line. */
  private claimRenderingId: string | null = null;
  private lineRenderingId: string | null = null;
  /**
   * The NM1 (of the current piece) each of those ids is still to be read from, or -1: an id is
   * read when a claim or line that is built needs it (resolveIds), as most are not with keepLine.
   * The patient's NM1 gives patientId and patientName.
   */
  private subscriberNm1 = -1;
  private patientNm1 = -1;
  private payerNm1 = -1;
  private billingProviderNm1 = -1;
  private claimRenderingNm1 = -1;
  private lineRenderingNm1 = -1;
  /** Set while a run of segments sits outside any ST..SE, so the run is reported once. */
  private outsideReported = false;
  /** Envelopes and claims seen so far (model indexes; result arrays may be emptied between pieces). */
  private interchangesSeen = 0;
  private groupsSeen = 0;
  private transactionsSeen = 0;
  private claimsSeen = 0;

  /** Claims so far, put in result.claims or not (see keepLine). */
  get claimCount(): number {
    return this.claimsSeen;
  }

  private text: string;

  /** Length of the current piece's text (its end, in the current piece's offsets). */
  get textLength(): number {
    return this.text.length;
  }

  constructor(
    private ix: X12SegmentIndex,
    enclosing?: EnclosingEnvelope,
  ) {
    this.text = ix.text;
    if (enclosing) {
      // Stand-ins for the envelopes around the piece: nothing is reported about them.
      const none: Span = { start: 0, end: 0 };
      this.interchangesSeen = enclosing.interchangeIndex + 1;
      this.groupsSeen = enclosing.groupIndex + 1;
      this.transactionsSeen = enclosing.transactionIndex;
      this.claimsSeen = enclosing.claimIndex;
      this.interchange = {
        model: { index: enclosing.interchangeIndex, controlNumber: '', span: none, delimiters: ix.delimitersOf(0) },
        segment: -1,
        headerSpan: none,
        controlSpan: null,
        groupCount: 1,
      };
      this.group = {
        model: { index: enclosing.groupIndex, controlNumber: '', span: none, interchangeIndex: enclosing.interchangeIndex },
        segment: -1,
        headerSpan: none,
        controlSpan: null,
        transactionCount: 0,
        implementation: enclosing.groupImplementation,
      };
      const open = enclosing.transaction;
      if (open) {
        this.transactionsSeen = open.model.index + 1;
        this.group.transactionCount = 1;
        this.transaction = { model: open.model, segment: open.segment, headerSpan: none, controlSpan: open.controlSpan };
        this.patientId = open.parents.patientId;
        this.billingProviderId = open.parents.billingProviderId;
        this.parentsKey = open.parents.patientKey;
      }
    }
  }

  /**
   * Ends the current table: closes the claim open at its end (the next piece starts with a
   * segment that would close it), or with `claimGoesOn` only its open line (the next piece starts
   * with an LX of the same claim: a claim too long to hold whole, see X12Stream).
   */
  endPiece(claimGoesOn = false): void {
    if (claimGoesOn) this.closeLine(this.ix.segmentCount);
    else this.closeClaim(this.ix.segmentCount);
    // Segment numbers do not outlive the piece.
    this.resolveIds();
    this.guide?.endPiece(this.ix);
  }

  /**
   * Moves on to the table of the next piece of text, which starts right where the current one
   * ends: `length` characters after it starts (more than its text when the text leaves out the
   * middle of a long segment no check reads; see X12Stream). Call endPiece first.
   */
  continueWith(next: X12SegmentIndex, length = this.text.length): void {
    const shift = length;
    const segments = this.ix.segmentCount;
    this.resolveIds();
    for (const open of [this.interchange, this.group, this.transaction]) {
      if (open === null) continue;
      open.segment -= segments;
      open.headerSpan = shiftSpan(open.headerSpan, -shift);
      open.controlSpan = open.controlSpan && shiftSpan(open.controlSpan, -shift);
      open.model.span = shiftSpan(open.model.span, -shift);
    }
    if (this.claimSegment >= 0) this.claimGoesOn(shift);
    this.ix = next;
    this.text = next.text;
    this.lastClaimEnd = -1;
    this.guide?.moveText(shift);
  }

  /**
   * The open claim goes on into the next piece (endPiece with claimGoesOn): what it holds of
   * this piece is kept as text, and its offsets are moved to the next piece's (before its start).
   */
  private claimGoesOn(shift: number): void {
    const text = this.text;
    if (this.claimIdText === null && this.claimIdStart !== NO_OFFSET) this.claimIdText = detached(text.slice(this.claimIdStart, this.claimIdEnd));
    if (this.claimChargeText === null && this.claimChargeStart !== NO_OFFSET) this.claimChargeText = detached(text.slice(this.claimChargeStart, this.claimChargeEnd));
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
    this.charges.moveBack(shift);
    for (const line of this.claimLines) moveLineSpans(line, -shift);
  }

  /** Reports what is still open at the end of the document. */
  finish(): void {
    const count = this.ix.segmentCount;
    this.closeClaim(count);
    const where = 'before the end of the document';
    if (this.transaction) this.closeTransactionUnended(count, where);
    if (this.group) this.closeGroupUnended(count, where);
    if (this.interchange) this.closeInterchangeUnended(count, where);
  }

  /** The implementation-guide checks run in this pass (guides/pass.ts), or none. */
  guide: GuidePass | null = null;

  run(): void {
    const ix = this.ix;
    const count = ix.segmentCount;
    const guide = this.guide;
    // ix.idCode(s), read from the table's array directly: this runs for every segment.
    const codes = ix.table.segmentCode;
    for (let s = 0; s < count; s++) {
      const code = codes[s]!;
      if (this.transaction === null && !isEnvelopeCode(code)) this.reportOutside(s);
      switch (code) {
        case ISA: this.interchangeHeader(s); break;
        case IEA: this.interchangeTrailer(s); break;
        case GS: this.groupHeader(s); break;
        case GE: this.groupTrailer(s); break;
        case ST: this.transactionHeader(s); break;
        case SE: this.transactionTrailer(s); break;
        case HL: this.hierarchicalLevel(s); break;
        case NM1: this.entityName(s); break;
        case CLM: this.claimInformation(s); break;
        case DTP: this.date(s); break;
        case LX: this.lineNumber(s); break;
        case SV1: this.service(s, SERVICE_SEGMENTS.SV1!); break;
        case SV2: this.service(s, SERVICE_SEGMENTS.SV2!); break;
        case SV3: this.service(s, SERVICE_SEGMENTS.SV3!); break;
      }
      if (guide !== null) guide.segment(ix, s);
    }
  }

  // ---- helpers -------------------------------------------------------------------------

  private add(rule: string, severity: Finding['severity'], message: string, span: Span, extra?: Partial<Finding>): void {
    this.result.findings.push({ rule, severity, message, span, ...extra });
  }

  /** add, for the procedure reader. */
  private readonly report: ReportFinding = (rule, severity, message, span, extra) => this.add(rule, severity, message, span, extra);

  /** Reads each service line's procedure composite (procedure.ts). */
  private readonly procedure = new ProcedureReader();

  /** End of the full span of the segment before `segment` (where a loop closed by `segment` ends). */
  private endBefore(segment: number, start: number): number {
    // Before the first segment of a piece: where the piece starts (offset 0 of its text).
    return segment > 0 ? Math.max(start, this.ix.fullEnd(segment - 1)) : Math.max(start, 0);
  }

  private spanOr(segment: number, element: number): Span {
    return this.ix.elementSpan(segment, element) ?? this.ix.segmentSpan(segment);
  }

  /** Finds the elements the reader asks for (see ElementReader): the index would split the whole segment. */
  private readonly elements = new ElementReader();

  /** The elements of segment s, as ix.elementStartOf and elementEnd give them (see ElementReader). */
  private elementsOf(s: number): ElementReader {
    return this.elements.select(this.ix, s);
  }

  /** True when element k of the segment `el` reads is exactly `expected`, as ix.valueEquals. */
  private equals(el: ElementReader, k: number, expected: string): boolean {
    const start = el.start(k);
    if (start < 0 || el.end(k) - start !== expected.length) return false;
    const text = this.text;
    for (let c = 0; c < expected.length; c++) {
      if (text.charCodeAt(start + c) !== expected.charCodeAt(c)) return false;
    }
    return true;
  }

  private trimmed(segment: number, element: number): string {
    const el = this.elementsOf(segment);
    const start = el.start(element);
    if (start < 0) return '';
    const end = el.end(element);
    if (end === start) return '';
    const text = this.text;
    // Nearly every value has nothing to trim: sliced as is, without trim()'s second string.
    const first = text.charCodeAt(start);
    const last = text.charCodeAt(end - 1);
    if (first > 32 && first < 127 && last > 32 && last < 127) return text.slice(start, end);
    return text.slice(start, end).trim();
  }

  private reportOutside(segment: number): void {
    if (this.outsideReported) return;
    this.outsideReported = true;
    const id = this.ix.segmentId(segment);
    // An id is named only when it can be one (letters and digits); otherwise it is described.
    const subject = id === '' ? 'A segment without an id' : shownCode(id).startsWith("'") ? `Segment ${id}` : 'A segment whose id is not a segment id';
    this.add('x12.outside-transaction', 'error', `${subject} is outside a transaction set: segments must sit between ST and SE`, this.ix.segmentSpan(segment));
  }

  // ---- envelope ------------------------------------------------------------------------

  interchangeHeader(s: number): void {
    this.closeClaim(s);
    const where = 'before the next ISA';
    if (this.transaction) this.closeTransactionUnended(s, where);
    if (this.group) this.closeGroupUnended(s, where);
    if (this.interchange) this.closeInterchangeUnended(s, where);
    const model: Interchange = {
      index: this.interchangesSeen++,
      controlNumber: this.trimmed(s, 13),
      span: this.ix.segmentFullSpan(s),
      delimiters: this.ix.delimitersOf(s),
    };
    this.result.interchanges.push(model);
    this.interchange = { model, segment: s, headerSpan: this.ix.segmentSpan(s), groupCount: 0, controlSpan: this.ix.elementSpan(s, 13) };
  }

  interchangeTrailer(s: number): void {
    this.closeClaim(s);
    if (this.transaction) this.closeTransactionUnended(s, 'before IEA');
    if (this.group) this.closeGroupUnended(s, 'before IEA');
    const open = this.interchange;
    if (!open) {
      this.add('x12.envelope-unmatched', 'error', 'IEA without an ISA before it', this.ix.segmentSpan(s));
      return;
    }
    this.checkCount(s, 'x12.iea01-count', 'IEA01', open.groupCount, 'functional group', 'the interchange');
    this.checkControl(s, 'x12.iea02-control', 'IEA02', open.model.controlNumber, 'ISA13', open.controlSpan);
    open.model.span = { start: open.model.span.start, end: this.ix.fullEnd(s) };
    this.interchange = null;
  }

  groupHeader(s: number): void {
    this.closeClaim(s);
    if (this.transaction) this.closeTransactionUnended(s, 'before the next GS');
    if (this.group) this.closeGroupUnended(s, 'before the next GS');
    if (this.interchange) this.interchange.groupCount++;
    else this.add('x12.envelope-unmatched', 'error', 'GS outside an interchange (no ISA before it)', this.ix.segmentSpan(s));
    const model: FunctionalGroup = {
      index: this.groupsSeen++,
      controlNumber: this.trimmed(s, 6),
      span: this.ix.segmentFullSpan(s),
      interchangeIndex: this.interchangesSeen - 1,
    };
    this.result.groups.push(model);
    const implementation = this.trimmed(s, 8) || null;
    this.group = { model, segment: s, headerSpan: this.ix.segmentSpan(s), transactionCount: 0, controlSpan: this.ix.elementSpan(s, 6), implementation };
  }

  groupTrailer(s: number): void {
    this.closeClaim(s);
    if (this.transaction) this.closeTransactionUnended(s, 'before GE');
    const open = this.group;
    if (!open) {
      this.add('x12.envelope-unmatched', 'error', 'GE without a GS before it', this.ix.segmentSpan(s));
      return;
    }
    this.checkCount(s, 'x12.ge01-count', 'GE01', open.transactionCount, 'transaction set', 'the functional group');
    this.checkControl(s, 'x12.ge02-control', 'GE02', open.model.controlNumber, 'GS06', open.controlSpan);
    open.model.span = { start: open.model.span.start, end: this.ix.fullEnd(s) };
    this.group = null;
  }

  transactionHeader(s: number): void {
    this.closeClaim(s);
    if (this.transaction) this.closeTransactionUnended(s, 'before the next ST');
    if (this.group) this.group.transactionCount++;
    else this.add('x12.envelope-unmatched', 'error', 'ST outside a functional group (no GS before it)', this.ix.segmentSpan(s));
    const implementation = this.trimmed(s, 3) || this.group?.implementation || null;
    const model: TransactionSet = {
      index: this.transactionsSeen++,
      controlNumber: this.trimmed(s, 2),
      implementation,
      kind: kindOfImplementation(implementation),
      span: this.ix.segmentFullSpan(s),
      se01Text: null,
      se01Span: null,
      segmentCount: 1,
      groupIndex: this.groupsSeen - 1,
    };
    this.result.transactions.push(model);
    this.transaction = { model, segment: s, headerSpan: this.ix.segmentSpan(s), controlSpan: this.ix.elementSpan(s, 2) };
    this.outsideReported = false;
    this.level = null;
    this.subscriberId = null;
    this.patientId = null;
    this.patientName = null;
    this.payerId = null;
    this.billingProviderId = null;
    this.subscriberNm1 = this.patientNm1 = this.payerNm1 = this.billingProviderNm1 = -1;
    this.parentsKey = null;
  }

  transactionTrailer(s: number): void {
    this.closeClaim(s);
    const open = this.transaction;
    if (!open) {
      this.add('x12.envelope-unmatched', 'error', 'SE without an ST before it', this.ix.segmentSpan(s));
      return;
    }
    const counted = s - open.segment + 1;
    open.model.segmentCount = counted;
    open.model.se01Text = this.ix.value(s, 1);
    open.model.se01Span = this.ix.elementSpan(s, 1);
    this.checkCount(s, 'x12.se01-count', 'SE01', counted, 'segment', 'the transaction set');
    this.checkControl(s, 'x12.se02-control', 'SE02', open.model.controlNumber, 'ST02', open.controlSpan);
    open.model.span = { start: open.model.span.start, end: this.ix.fullEnd(s) };
    this.transaction = null;
  }

  /** Compares a trailer's count element (element 1) with what was counted. */
  private checkCount(s: number, rule: string, name: string, counted: number, unit: string, container: string): void {
    const written = this.trimmed(s, 1);
    if (isDigits(written) && Number(written) === counted) return;
    const message = isDigits(written)
      ? `${name} says ${plural(Number(written), unit)}, but ${container} has ${counted}`
      : `${name} should be the number of ${unit}s in ${container} (${counted}), found ${shownNumber(written)}`;
    this.add(rule, 'error', message, this.spanOr(s, 1));
  }

  /** Compares a trailer's control number (element 2) with its header's. */
  private checkControl(s: number, rule: string, name: string, expected: string, headerName: string, headerSpan: Span | null): void {
    const written = this.trimmed(s, 2);
    if (written === expected) return;
    const shown = (value: string) => (value === '' ? 'empty' : `'${value}'`);
    this.add(
      rule,
      'error',
      `${name} is ${shown(written)}, but ${headerName} is ${shown(expected)}: the control numbers must match`,
      this.spanOr(s, 2),
      headerSpan ? { related: [{ span: headerSpan, message: `${headerName} ${shown(expected)}` }] } : undefined,
    );
  }

  private closeTransactionUnended(s: number, where: string): void {
    const open = this.transaction!;
    open.model.segmentCount = s - open.segment;
    open.model.span = { start: open.model.span.start, end: this.endBefore(s, open.model.span.start) };
    this.add('x12.envelope-unclosed', 'error', `${envelopeName('ST', open.model.controlNumber)} has no SE ${where}`, open.headerSpan);
    this.transaction = null;
  }

  private closeGroupUnended(s: number, where: string): void {
    const open = this.group!;
    open.model.span = { start: open.model.span.start, end: this.endBefore(s, open.model.span.start) };
    this.add('x12.envelope-unclosed', 'error', `${envelopeName('GS', open.model.controlNumber)} has no GE ${where}`, open.headerSpan);
    this.group = null;
  }

  private closeInterchangeUnended(s: number, where: string): void {
    const open = this.interchange!;
    open.model.span = { start: open.model.span.start, end: this.endBefore(s, open.model.span.start) };
    this.add('x12.envelope-unclosed', 'error', `${envelopeName('ISA', open.model.controlNumber)} has no IEA ${where}`, open.headerSpan);
    this.interchange = null;
  }

  // ---- 2000 loops ----------------------------------------------------------------------

  hierarchicalLevel(s: number): void {
    this.closeClaim(s);
    const level = this.levelOf(s);
    this.level = level;
    if (level === 'billingProvider') {
      this.billingProviderId = null;
      this.billingProviderNm1 = -1;
    }
    if (level === 'billingProvider' || level === 'subscriber') {
      this.subscriberId = null;
      this.payerId = null;
      this.subscriberNm1 = this.payerNm1 = -1;
    }
    this.patientId = null;
    this.patientName = null;
    this.patientNm1 = -1;
    this.parentsKey = null;
  }

  /** HL03's level: "20", "22" and "23" read from char codes (a two-character value cannot trim to another). */
  private levelOf(s: number): HlLevel {
    const el = this.elementsOf(s);
    const start = el.start(3);
    if (start < 0) return 'other';
    const length = el.end(3) - start;
    if (length < 2) return 'other';
    if (length > 2) return HL_LEVELS[this.trimmed(s, 3)] ?? 'other';
    const text = this.text;
    if (text.charCodeAt(start) !== 50 /* 2 */) return 'other';
    const second = text.charCodeAt(start + 1);
    return second === 48 ? 'billingProvider' : second === 50 ? 'subscriber' : second === 51 ? 'patient' : 'other';
  }

  entityName(s: number): void {
    // NM101 from char codes: the other names (41, 40, 71, 77, DN...) are never split.
    const qualifier = this.nameQualifier(s);
    if (qualifier === 0) return;
    if (this.claimSegment >= 0) {
      // In a claim only the rendering provider counts: 2420A in a line, 2310B before the first
      // line (NM1*IL or NM1*PR after CLM name another payer's subscriber and payer, 2330A/B).
      if (qualifier !== RENDERING) return;
      if (this.lineSegment >= 0) this.lineRenderingNm1 = s;
      else if (this.claimLineCount === 0) this.claimRenderingNm1 = s;
      return;
    }
    if (qualifier === IL && this.level !== 'patient') this.subscriberNm1 = s;
    else if (qualifier === QC) this.patientNm1 = s;
    else if (qualifier === PR && this.level !== 'patient') this.payerNm1 = s;
    else if (qualifier === BILLING && this.level === 'billingProvider') this.billingProviderNm1 = s;
  }

  /** NM109 of segment s, trimmed; null when empty. */
  private idOf(s: number): string | null {
    return this.trimmed(s, 9) || null;
  }

  /** Reads the ids whose NM1 is known but not read yet (see subscriberNm1). */
  private resolveIds(): void {
    if (this.subscriberNm1 >= 0) this.subscriberId = this.idOf(this.subscriberNm1);
    if (this.payerNm1 >= 0) this.payerId = this.idOf(this.payerNm1);
    if (this.billingProviderNm1 >= 0) this.billingProviderId = this.idOf(this.billingProviderNm1);
    if (this.claimRenderingNm1 >= 0) this.claimRenderingId = this.idOf(this.claimRenderingNm1);
    if (this.lineRenderingNm1 >= 0) this.lineRenderingId = this.idOf(this.lineRenderingNm1);
    const patient = this.patientNm1;
    if (patient >= 0) {
      this.patientId = this.idOf(patient);
      // Without an id, the name (NM103-NM105) tells apart dependants of one subscriber.
      this.patientName =
        this.patientId === null
          ? `${this.trimmed(patient, 3).toUpperCase()}\u0001${this.trimmed(patient, 4).toUpperCase()}\u0001${this.trimmed(patient, 5).toUpperCase()}`
          : null;
    }
    this.subscriberNm1 = this.payerNm1 = this.billingProviderNm1 = this.claimRenderingNm1 = this.lineRenderingNm1 = this.patientNm1 = -1;
  }

  /** Who the open claim is for, as the NCCI checks match patients (see Claim.patientKey). */
  private patientKey(): string {
    if (this.parentsKey !== null) return this.parentsKey;
    return `${this.payerId ?? ''}\u0000${this.subscriberId ?? ''}\u0000${this.patientId ?? this.patientName ?? ''}`;
  }

  /** A qualifier the parser reads (IL, QC, PR, 85, 82) when NM101 is exactly that (as valueEquals says), else 0. The id NM1 is 3 characters and its separator. */
  private nameQualifier(s: number): number {
    const table = this.ix.table;
    const start = table.segmentStart[s]! + 4;
    const end = table.segmentEnd[s]!;
    if (start + 2 > end) return 0;
    const text = this.text;
    const separator = this.ix.delimitersOf(s).element.charCodeAt(0);
    const first = text.charCodeAt(start);
    const second = text.charCodeAt(start + 1);
    // NM101 is these two characters only when neither is a separator and one (or the end) follows.
    if (first === separator || second === separator) return 0;
    if (start + 2 < end && text.charCodeAt(start + 2) !== separator) return 0;
    const pair = first * 65536 + second;
    return pair === IL || pair === QC || pair === PR || pair === BILLING || pair === RENDERING ? pair : 0;
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
  /** The lines built (all of them unless keepLine drops some); the array is made for the first. */
  private claimLines: ServiceLine[] = NO_LINES;
  /** Lines of the open claim, built or not. */
  private claimLineCount = 0;
  /** Line charges of the open claim for the CLM02 check, kept as numbers so that it needs no ServiceLine. */
  private readonly charges = new ClaimCharges();

  /**
   * Which lines become ServiceLine objects, by procedure code and the kind of their claim
   * (lines without a code never do); null: every line. With a filter, a line it drops is read and checked but not
   * built, and a claim with no line built is counted (claimsSeen, linesSeen) but not put in
   * result.claims: for a reader whose claims serve only the coding checks (X12Stream in the
   * CLI), since building every line was most of what reading a big file allocated.
   */
  keepLine: ((code: string, kind: ClaimKind | null) => boolean) | null = null;
  /** The modifiers of lines kept with keepLine, one object per value (codedLines.ts). */
  private readonly sharedModifiers = new SharedModifiers();
  /** Service lines read so far, built or not. */
  linesSeen = 0;
  /** End of the span of the last claim closed in the current piece (-1: none). */
  lastClaimEnd = -1;

  claimInformation(s: number): void {
    this.closeClaim(s);
    this.claimSegment = s;
    this.claimStart = this.ix.table.segmentStart[s]!;
    this.claimIdText = this.claimChargeText = null;
    this.claimDate = null;
    this.claimDateStart = this.claimDateEnd = 0;
    this.claimDateIsService = false;
    this.claimLines = NO_LINES;
    this.claimLineCount = 0;
    this.charges.reset();
    this.claimRenderingId = null;
    this.claimRenderingNm1 = -1;
    // CLM01 and CLM02 are kept as offsets for closeClaim, which then need not split CLM again.
    const el = this.elementsOf(s);
    const idStart = el.start(1);
    this.claimIdStart = idStart < 0 ? NO_OFFSET : idStart;
    this.claimIdEnd = idStart < 0 ? NO_OFFSET : el.end(1);
    const chargeStart = el.start(2);
    const chargeEnd = chargeStart < 0 ? -1 : el.end(2);
    this.claimChargeStart = chargeStart < 0 ? NO_OFFSET : chargeStart;
    this.claimChargeEnd = chargeStart < 0 ? NO_OFFSET : chargeEnd;
    this.claimCharge = chargeStart < 0 ? null : parseDecimalAt(this.text, chargeStart, chargeEnd);
    if (this.claimCharge === null) {
      this.add(
        'x12.amount-invalid',
        'error',
        chargeStart < 0 || chargeEnd === chargeStart
          ? 'CLM02 (total claim charge) is missing'
          : `CLM02 (total claim charge) should be a decimal amount, found ${shownNumber(this.text.slice(chargeStart, chargeEnd))}`,
        this.spanOr(s, 2),
      );
    }
  }

  /** CLM01 and CLM02 of the open claim: offsets (NO_OFFSET when absent) and the parsed charge. */
  private claimIdStart = NO_OFFSET;
  private claimIdEnd = NO_OFFSET;
  private claimChargeStart = NO_OFFSET;
  private claimChargeEnd = NO_OFFSET;
  private claimCharge: number | null = null;

  private closeClaim(s: number): void {
    this.closeLine(s);
    if (this.claimSegment < 0) return;
    this.claimSegment = -1;
    const lines = this.claimLines === NO_LINES ? [] : this.claimLines;
    this.claimLines = NO_LINES;
    const spanStart = this.claimStart;
    const spanEnd = this.endBefore(s, spanStart);
    this.lastClaimEnd = spanEnd;
    const index = this.claimsSeen++;
    const chargeStart = this.claimChargeStart;
    const chargeEnd = this.claimChargeEnd;
    const hasCharge = chargeStart !== NO_OFFSET;
    const sum = this.charges.check(hasCharge ? this.claimCharge : null, chargeStart, chargeEnd);
    if (sum !== null) this.result.findings.push(sum);
    // A claim none of whose lines is kept is of no use to the reader's caller (see keepLine).
    if (this.keepLine !== null && lines.length === 0) return;
    this.resolveIds();
    const claimDate = this.claimDate;
    // One span for the claim and the lines that inherit its date (splice.ts shiftClaim moves it once).
    const claimDateSpan = claimDate === null ? null : { start: this.claimDateStart, end: this.claimDateEnd };
    if (claimDate !== null) {
      for (const line of lines) {
        if (line.dateOfService === null) {
          line.dateOfService = claimDate;
          line.dateSpan = claimDateSpan;
          line.dateInherited = true;
        }
      }
    }
    const text = this.text;
    const idStart = this.claimIdStart;
    const claim: Claim = {
      index,
      id: idStart === NO_OFFSET ? '' : (this.claimIdText ?? text.slice(idStart, this.claimIdEnd)),
      idSpan: idStart === NO_OFFSET ? null : { start: idStart, end: this.claimIdEnd },
      patientId: this.patientId ?? this.subscriberId,
      patientKey: this.patientKey(),
      billingProviderId: this.billingProviderId,
      renderingProviderId: this.claimRenderingId,
      kind: this.transaction ? this.transaction.model.kind : null,
      totalCharge: hasCharge ? this.claimCharge : null,
      totalChargeText: hasCharge ? (this.claimChargeText ?? text.slice(chargeStart, chargeEnd)) : null,
      totalChargeSpan: hasCharge ? { start: chargeStart, end: chargeEnd } : null,
      dateOfService: claimDate,
      dateSpan: claimDateSpan,
      lines,
      span: { start: spanStart, end: spanEnd },
      transactionIndex: this.transaction ? this.transaction.model.index : null,
    };
    this.result.claims.push(claim);
  }

  date(s: number): void {
    const inLine = this.lineSegment >= 0;
    const el = this.elementsOf(s);
    // DTP01 and DTP02 from char codes (as valueEquals compares them): this runs for every line.
    const text = this.text;
    const qualifier = el.start(1);
    const isService = qualifier >= 0 && el.end(1) - qualifier === 3 && text.charCodeAt(qualifier) === 52 && text.charCodeAt(qualifier + 1) === 55 && text.charCodeAt(qualifier + 2) === 50;
    const forLine = inLine && isService;
    const forClaim = !inLine && this.claimSegment >= 0 && (isService || this.equals(el, 1, STATEMENT_DATES));
    const format = el.start(2);
    const formatLength = format < 0 ? -1 : el.end(2) - format;
    const d8 = formatLength === 2 && text.charCodeAt(format) === 68 && text.charCodeAt(format + 1) === 56;
    // Other DTPs are checked only when they say they hold a D8/RD8 date.
    if (!forLine && !forClaim && !d8 && !this.equals(el, 2, 'RD8')) return;
    // DTP03, or the empty span at the segment's end (the span object is made only for a date kept).
    let dateStart = el.start(3);
    let dateEnd: number;
    if (dateStart < 0) dateStart = dateEnd = this.ix.table.segmentEnd[s]!;
    else dateEnd = el.end(3);
    // A valid D8 date (nearly every DTP) is read here; anything else as parseDateAt reads it.
    const day = d8 ? parseD8At(this.text, dateStart, dateEnd) : null;
    let range: DateRange | undefined;
    if (day !== null) {
      range = this.singleDay(day);
    } else {
      const parsed = parseDateAt(d8 ? 'D8' : this.trimmed(s, 2), this.text, dateStart, dateEnd);
      if (!parsed.ok) {
        const qualifier = this.trimmed(s, 1);
        const name = /^\d{1,3}$/.test(qualifier) ? `DTP*${qualifier}` : 'DTP';
        this.add('x12.date-invalid', 'error', `${name}: ${parsed.problem}`, this.spanOr(s, 3));
      }
      range = parsed.ok ? parsed.range : parsed.fallback;
    }
    if (range === undefined) return;
    if (forLine) {
      this.lineDate = range;
      this.lineDateStart = dateStart;
      this.lineDateEnd = dateEnd;
    } else if (forClaim) {
      // 472 (service) wins over 434 (statement) when a claim has both.
      if (this.claimDateIsService && !isService) return;
      this.claimDateIsService = isService;
      this.claimDate = range;
      this.claimDateStart = dateStart;
      this.claimDateEnd = dateEnd;
    }
  }

  // ---- 2400 service line ---------------------------------------------------------------

  /** Segment that opened the line (LX, or a service segment without one); -1 when none is open. */
  private lineSegment = -1;
  private lineHasLx = false;
  private serviceSegment = -1;
  private serviceLayout: ServiceLayout | null = null;
  private lineDate: DateRange | null = null;
  /** The line's DTP03 when lineDate is set (offsets; the span is made for a line that is built). */
  private lineDateStart = 0;
  private lineDateEnd = 0;
  /** LX01 of the open line (offsets; -1 when it has none). */
  private lineNumberStart = -1;
  private lineNumberEnd = -1;

  lineNumber(s: number): void {
    this.closeLine(s);
    if (this.claimSegment < 0) {
      this.add('x12.line-outside-claim', 'error', 'LX (service line) outside a claim: no CLM before it in this loop', this.ix.segmentSpan(s));
      return;
    }
    const expected = this.claimLineCount + 1;
    // LX01 is kept as offsets for closeLine, which then need not find it again.
    const el = this.elementsOf(s);
    const numberStart = el.start(1);
    const numberEnd = numberStart < 0 ? -1 : el.end(1);
    this.lineNumberStart = numberStart;
    this.lineNumberEnd = numberEnd;
    if (unsignedAt(this.text, numberStart, numberEnd) !== expected) {
      this.add(
        'x12.lx-sequence',
        'warning',
        `LX01 should be ${expected} (service lines are numbered 1, 2, 3... within a claim), found ${shownNumber(this.ix.value(s, 1) ?? '')}`,
        this.spanOr(s, 1),
      );
    }
    this.openLine(s, true);
  }

  private openLine(s: number, hasLx: boolean): void {
    this.lineSegment = s;
    this.lineHasLx = hasLx;
    this.serviceSegment = -1;
    this.serviceLayout = null;
    this.lineDate = null;
    this.lineDateStart = this.lineDateEnd = 0;
    this.lineRenderingId = null;
    this.lineRenderingNm1 = -1;
  }

  service(s: number, layout: ServiceLayout): void {
    const ix = this.ix;
    if (this.claimSegment < 0) {
      this.add('x12.line-outside-claim', 'error', `${ix.segmentId(s)} (service line) outside a claim: no CLM before it in this loop`, ix.segmentSpan(s));
      return;
    }
    if (this.lineSegment < 0 || this.serviceSegment >= 0) {
      // A service segment with no LX of its own still is a line of the claim.
      this.closeLine(s);
      this.add('x12.lx-sequence', 'warning', `${ix.segmentId(s)} has no LX before it: each service line starts with LX`, ix.segmentSpan(s));
      this.openLine(s, false);
    }
    this.serviceSegment = s;
    this.serviceLayout = layout;
    if (this.transaction && this.transaction.model.kind === null) this.transaction.model.kind = layout.kind;
  }

  /** Builds the ServiceLine of the open 2400 loop, which segment `s` ends. */
  private closeLine(s: number): void {
    const first = this.lineSegment;
    if (first < 0) return;
    this.lineSegment = -1;
    const ix = this.ix;
    const sv = this.serviceSegment;
    const layout = this.serviceLayout;
    const start = ix.table.segmentStart[first]!;
    const hasProcedure = sv >= 0 && layout !== null;
    const procedure = this.procedure;
    if (hasProcedure) procedure.read(this.ix, this.elementsOf(sv), sv, layout.composite, this.report);
    const text = this.text;
    // Offsets first: the ServiceLine and its spans are made only for a line that is kept.
    let chargeStart = -1;
    let chargeEnd = -1;
    let charge: number | null = null;
    if (layout !== null) {
      const el = this.elementsOf(sv);
      chargeStart = el.start(layout.charge);
      if (chargeStart >= 0) {
        chargeEnd = el.end(layout.charge);
        charge = parseDecimalAt(text, chargeStart, chargeEnd);
      }
      if (charge === null) {
        const name = `${ix.segmentId(sv)}-${String(layout.charge).padStart(2, '0')}`;
        this.add(
          'x12.amount-invalid',
          'error',
          chargeStart < 0 || chargeEnd === chargeStart
            ? `${name} (line charge) is missing`
            : `${name} (line charge) should be a decimal amount, found ${shownNumber(text.slice(chargeStart, chargeEnd))}`,
          this.spanOr(sv, layout.charge),
        );
      }
    }
    if (sv < 0) this.reportServiceMissing(first);
    const index = this.claimLineCount++;
    this.linesSeen++;
    this.charges.note(chargeStart, chargeEnd, charge);
    const code = hasProcedure ? procedure.code : '';
    const keep = this.keepLine;
    if (keep !== null && (code === '' || !this.keeps(keep, code))) return;

    let unitsStart = -1;
    let unitsEnd = -1;
    if (layout !== null) {
      const el = this.elementsOf(sv);
      unitsStart = el.start(layout.units);
      unitsEnd = unitsStart < 0 ? -1 : el.end(layout.units);
    }
    const hasLx = this.lineHasLx;
    const numberStart = hasLx ? this.lineNumberStart : -1;
    const numberEnd = this.lineNumberEnd;
    this.resolveIds();
    if (this.claimLines === NO_LINES) this.claimLines = [];
    if (keep !== null) {
      // A line kept for the coding checks alone (codedLines.ts): what they read, and no more.
      this.claimLines.push({
        index,
        lineNumber: numberStart < 0 ? '' : numberText(text, numberStart, numberEnd),
        lineNumberSpan: null,
        qualifier: procedure.qualifier,
        code,
        codeSpan: { start: procedure.codeStart, end: procedure.codeEnd },
        modifiers: procedure.modifiers(this.sharedModifiers),
        modifierInsert: null,
        charge: null,
        chargeText: null,
        chargeSpan: null,
        units: unitsEnd > unitsStart ? parseDecimalAt(text, unitsStart, unitsEnd) : null,
        unitsSpan: unitsEnd > unitsStart ? { start: unitsStart, end: unitsEnd } : null,
        dateOfService: this.lineDate,
        dateSpan: null,
        dateInherited: false,
        providerId: this.lineRenderingId,
        span: NO_SPAN,
        segmentCount: 0,
        recordSpan: NO_SPAN,
      });
      return;
    }
    const recordSpan = sv >= 0 ? ix.segmentSpan(sv) : null;
    // The opening segment's span is kept only by a line without a procedure or a service segment.
    const lxSpan = !hasProcedure || sv < 0 ? ix.segmentSpan(first) : null;
    const line: ServiceLine = {
      index,
      lineNumber: numberStart < 0 ? '' : numberText(text, numberStart, numberEnd),
      lineNumberSpan: numberStart < 0 ? null : { start: numberStart, end: numberEnd },
      qualifier: hasProcedure ? procedure.qualifier : null,
      code,
      codeSpan: hasProcedure ? { start: procedure.codeStart, end: procedure.codeEnd } : { start: lxSpan!.end, end: lxSpan!.end },
      modifiers: hasProcedure ? procedure.modifiers() : NO_MODIFIERS,
      modifierInsert: hasProcedure ? procedure.insert() : null,
      charge,
      chargeText: chargeStart < 0 ? null : text.slice(chargeStart, chargeEnd),
      chargeSpan: chargeStart < 0 ? null : { start: chargeStart, end: chargeEnd },
      units: unitsEnd > unitsStart ? parseDecimalAt(text, unitsStart, unitsEnd) : null,
      unitsSpan: unitsEnd > unitsStart ? { start: unitsStart, end: unitsEnd } : null,
      dateOfService: this.lineDate,
      dateSpan: this.lineDate === null ? null : { start: this.lineDateStart, end: this.lineDateEnd },
      dateInherited: false,
      providerId: this.lineRenderingId,
      span: { start, end: this.endBefore(s, start) },
      segmentCount: s - first,
      recordSpan: recordSpan ?? lxSpan!,
    };
    this.claimLines.push(line);
  }



  /** A 2400 loop (opened by LX `lx`) that ends without a service segment: it has no code and no charge. */
  private reportServiceMissing(lx: number): void {
    const kind = this.transaction?.model.kind ?? null;
    const expected = kind === null ? 'SV1, SV2 or SV3' : SERVICE_SEGMENT_OF[kind];
    this.add(
      'x12.service-missing',
      'error',
      `Service line ${this.claimLineCount + 1} has no ${expected} segment: each service line (2400 loop) needs one for its procedure code and charge`,
      this.ix.segmentSpan(lx),
    );
  }

  // A big file repeats a few hundred dates and codes: its lines share them (as CSV lines do), so
  // a document keeps one object per distinct value instead of one per line.
  private readonly days = new Map<number, DateRange>();

  // Whether the run keeps a line, by its code: a big file asks it for every line, of a few
  // hundred codes (ProcedureReader keeps the codes themselves likewise).
  private readonly kept = new Map<string, boolean>();
  /** The claim kind `kept` answers for (it is emptied when the kind changes). */
  private keptKind: ClaimKind | null = null;

  /** keep(code, kind of the open transaction), asked once per code and kind. */
  private keeps(keep: (code: string, kind: ClaimKind | null) => boolean, code: string): boolean {
    const kind = this.transaction ? this.transaction.model.kind : null;
    if (kind !== this.keptKind) {
      this.kept.clear();
      this.keptKind = kind;
    }
    let kept = this.kept.get(code);
    if (kept === undefined) {
      if (this.kept.size >= 100000) this.kept.clear();
      kept = keep(code, kind);
      this.kept.set(code, kept);
    }
    return kept;
  }

  /** One shared, frozen DateRange per single day. */
  private singleDay(day: number): DateRange {
    let shared = this.days.get(day);
    if (shared === undefined) {
      if (this.days.size >= 100000) this.days.clear();
      shared = Object.freeze({ from: day, to: day });
      this.days.set(day, shared);
    }
    return shared;
  }
}





/** LX01 as written: one shared string for each line number up to 99 (every line has one), else a slice. */
const LINE_NUMBERS: readonly string[] = Array.from({ length: 100 }, (_, n) => String(n));
function numberText(text: string, start: number, end: number): string {
  const length = end - start;
  if (length === 1 || (length === 2 && text.charCodeAt(start) !== 48)) {
    const n = unsignedAt(text, start, end);
    if (n >= 0) return LINE_NUMBERS[n]!;
  }
  return text.slice(start, end);
}

/** claimLines of a claim with no line built yet (replaced by an array of its own for the first). */
const NO_LINES: ServiceLine[] = [];



export { kindOfImplementation };
