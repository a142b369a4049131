// The 2300 claim loop of an 837: the open claim, from its CLM to the segment that ends it (the
// next CLM, an HL or an envelope segment), kept in fields and built into one X12Claim when it
// ends, with the service lines serviceLines837.ts read for it. Its dates are set by the DTP
// reader (dates837.ts); the walk that calls it is parse837.ts. The open claim lives in fields so
// that each claim object is built once, with its final shape (this runs for every claim of huge
// files).

import type { DateRange, Span } from '../model';
import { detached } from '../text';
import { NO_OFFSET } from './claimTotal';
import { parseDecimalAt, shownNumber, toCents } from './values';
import type { SegmentReading } from './reading837';
import type { Envelopes837 } from './envelope837';
import type { Hierarchy837 } from './hierarchy837';
import type { ServiceLines837 } from './serviceLines837';
import { X12Claim } from './serviceLine837';
import { HiValues } from './hiValues';
import { Clm05Reader, readClm05, type Clm05 } from './clm05';
import { supersedesOthers } from '../rules/supersession';
import { CLAIM_FREQUENCY } from '../data/billTypes';
import { tableForClaim } from '../rules/claimTables';
import { NotEditedClaims } from '../rules/notEdited';
import { formatDateRange } from '../dates';
import { sliceOf } from './source';

/** The open 2300 claim (CLM and its dates) and the claims built so far. */
export class Claim2300 {
  /** The open claim's CLM (-1: none open; 0 once the claim has gone on into a later piece, see goesOn). */
  segment = -1;
  /** Where the open claim's CLM starts. */
  private start = 0;
  /** CLM01 and CLM02 as written, once the claim has gone on past the piece they are in (else read at close). */
  private idText: string | null = null;
  private chargeText: string | null = null;
  /** The claim's date (DTP 472, or 434 on an 837I; set by dates837.ts). */
  date: DateRange | null = null;
  /** The claim's DTP03 (offsets; the span is made for a claim that is built). */
  dateStart = 0;
  dateEnd = 0;
  /** Whether `date` is a 472 service date (which wins over a 434 statement date). */
  dateIsService = false;
  /** CLM01 and CLM02 of the open claim: offsets (NO_OFFSET when absent) and the parsed charge. */
  private idStart = NO_OFFSET;
  private idEnd = NO_OFFSET;
  private chargeStart = NO_OFFSET;
  private chargeEnd = NO_OFFSET;
  private charge: number | null = null;
  /** CLM05 of the open claim, as the coding checks read it. */
  private location: Clm05 = readClm05('', -1, -1, ':');
  /** The open claim has its own REF*F8 (the payer's control number of the claim it replaces or voids). */
  private payerClaimNumber = false;
  /** Reads CLM05 (the same text as the claim before gives the same object). */
  private readonly clm05 = new Clm05Reader();
  /** The values of the HI being read (hiValues.ts), reused from HI to HI. */
  private readonly hiValues = new HiValues();
  /** Claims seen so far (model indexes; result arrays may be emptied between pieces). */
  seen = 0;
  /**
   * Claims closed that no NCCI table judges, at their CLM01 in the current piece's offsets (a
   * reader of pieces takes each piece's: X12Stream). A document read whole counts its claims instead (analyze).
   */
  notEdited = new NotEditedClaims();
  /** End of the span of the last claim closed in the current piece (-1: none). */
  lastEnd = -1;

  constructor(
    private readonly r: SegmentReading,
    private readonly envelopes: Envelopes837,
    private readonly names: Hierarchy837,
    private readonly lines: ServiceLines837,
  ) {}

  /** A CLM opens a claim (the caller has closed the one before). */
  open(s: number): void {
    const r = this.r;
    this.segment = s;
    this.start = r.ix.table.segmentStart[s]!;
    this.idText = this.chargeText = null;
    this.date = null;
    this.dateStart = this.dateEnd = 0;
    this.dateIsService = false;
    this.payerClaimNumber = false;
    this.lines.startClaim();
    this.names.startClaim();
    // CLM01 and CLM02 are kept as offsets for close, which then need not split CLM again.
    const el = r.elementsOf(s, 5);
    const idStart = el.start(1);
    this.idStart = idStart < 0 ? NO_OFFSET : idStart;
    this.idEnd = idStart < 0 ? NO_OFFSET : el.end(1);
    const chargeStart = el.start(2);
    const chargeEnd = chargeStart < 0 ? -1 : el.end(2);
    this.chargeStart = chargeStart < 0 ? NO_OFFSET : chargeStart;
    this.chargeEnd = chargeStart < 0 ? NO_OFFSET : chargeEnd;
    this.charge = chargeStart < 0 ? null : parseDecimalAt(r.source, chargeStart, chargeEnd);
    // CLM05-1 (837I facility type code) and CLM05-3 (claim frequency), read as strings now: a claim may go on past this piece.
    const locationStart = el.start(5);
    this.location = this.clm05.read(r.source, locationStart, locationStart < 0 ? -1 : el.end(5), r.ix.delimitersOf(s).component);
    this.lines.claimFacilityType = this.location.facilityType;
    if (this.charge === null) {
      r.add(
        'x12.amount-invalid',
        'error',
        chargeStart < 0 || chargeEnd === chargeStart
          ? 'CLM02 (total claim charge) is missing'
          : `CLM02 (total claim charge) should be a decimal amount, found ${shownNumber(sliceOf(r.source, chargeStart, chargeEnd))}`,
        r.spanOr(s, 2),
      );
    } else if (this.charge < 0) {
      // The guides: a claim's total charge is zero or more (a credit is a void or replacement, not a negative claim).
      r.add('x12.amount-invalid', 'error', 'CLM02 (total claim charge) is negative: a claim\'s total charge is zero or more (to take back a claim, send a void or a replacement)', r.spanOr(s, 2));
    }
  }

  /** An HI of the open claim's own (2300) loop, segment `s`: the diagnosis codes its lines' pointers name. */
  diagnoses(s: number): void {
    const ix = this.r.ix;
    const table = ix.table;
    const source = this.r.source;
    const start = table.segmentStart[s]!;
    const end = table.segmentEnd[s]!;
    // Read once, for the pointers' count and the codes' checks.
    const values = this.hiValues.read(source, start, end, ix.elementCodeOf(s), ix.delimitersOf(s).component.charCodeAt(0));
    this.lines.diagnoses.noteHi(source, start, end, values);
    this.lines.diagnosisCodes.hi(values);
  }

  /** A REF of the open claim's own (2300) loop, segment `s`: F8 names the claim it replaces or voids. */
  reference(s: number): void {
    const r = this.r;
    if (r.equals(r.elementsOf(s, 1), 1, 'F8')) this.payerClaimNumber = true;
  }

  /**
   * An outpatient 837I claim whose statement covers more than a day, with `undated` lines (no
   * DTP*472): the guide requires each line's date there, and each such line is taken over the whole
   * statement period, where a per-day MUE spreads its units thin. Said once per claim, on CLM01.
   */
  private undatedOutpatientLines(undated: number, claimDate: DateRange): void {
    if (undated === 0 || claimDate.to <= claimDate.from) return;
    const transaction = this.envelopes.transaction;
    if (transaction?.model.kind !== 'institutional' || tableForClaim('institutional', this.location.facilityType) === null) return;
    this.r.add(
      'x12.line-date-missing',
      'warning',
      `${undated === 1 ? '1 service line with a procedure code has' : `${undated} service lines with a procedure code have`} no date of service (DTP*472) on an outpatient claim whose statement covers ${formatDateRange(claimDate)}: the implementation guide requires each line's date when the statement covers more than a day, and without one a line is taken over the whole period (its units spread over every day of it for the MUE checks)`,
      this.claimIdSpan(),
    );
  }

  /** Where a finding about the open claim goes: its CLM01, else the CLM id. */
  private claimIdSpan(): Span {
    return this.idStart !== NO_OFFSET ? { start: this.idStart, end: this.idEnd } : { start: this.start, end: this.start + 3 };
  }

  /**
   * The open claim goes on into the next piece (Parser837.endPiece with claimGoesOn): what it
   * holds of this piece is kept as text, and its offsets are moved to the next piece's (before
   * its start).
   */
  goesOn(shift: number): void {
    const source = this.r.source;
    if (this.idText === null && this.idStart !== NO_OFFSET) this.idText = detached(sliceOf(source, this.idStart, this.idEnd));
    if (this.chargeText === null && this.chargeStart !== NO_OFFSET) this.chargeText = detached(sliceOf(source, this.chargeStart, this.chargeEnd));
    this.segment = 0;
    this.start -= shift;
    if (this.idStart !== NO_OFFSET) {
      this.idStart -= shift;
      this.idEnd -= shift;
    }
    if (this.chargeStart !== NO_OFFSET) {
      this.chargeStart -= shift;
      this.chargeEnd -= shift;
    }
    this.dateStart -= shift;
    this.dateEnd -= shift;
    this.lines.moveBack(shift);
  }

  /** Segment `s` ends the open line and claim, if any: the claim is checked and built into the reader's result. */
  close(s: number): void {
    const lineReader = this.lines;
    lineReader.closeLine(s);
    if (this.segment < 0) return;
    this.segment = -1;
    const r = this.r;
    const lines = lineReader.takeLines();
    const spanStart = this.start;
    const spanEnd = r.endBefore(s, spanStart);
    this.lastEnd = spanEnd;
    const index = this.seen++;
    const chargeStart = this.chargeStart;
    const chargeEnd = this.chargeEnd;
    const hasCharge = chargeStart !== NO_OFFSET;
    const sum = lineReader.charges.check(hasCharge ? this.charge : null, chargeStart, chargeEnd);
    if (sum !== null) r.result.findings.push(sum);
    lineReader.cob.claimEnds(hasCharge && this.charge !== null ? toCents(this.charge) : null, r.result.findings);
    // ICD-9 after its end date is judged in 5010 only: the 4010 guides have no ICD-10 qualifiers.
    if (this.envelopes.transaction?.model.implementation?.startsWith('005010')) {
      const latest = Math.max(this.date?.to ?? 0, lineReader.claimLatestDate);
      lineReader.diagnosisCodes.claimEnds(latest > 0 ? latest : null, r.result.findings);
    }
    if (lineReader.diagnoses.pending()) lineReader.diagnoses.check(this.claimIdSpan(), r.result.findings);
    // A replacement (7) or void (8) names the claim it is for in REF*F8: the guides require it, and a payer rejects the claim without it.
    if (supersedesOthers(this.location.frequency) && !this.payerClaimNumber) {
      const kind = this.location.frequency === CLAIM_FREQUENCY.replacement ? 'a replacement' : 'a void';
      r.add(
        'x12.payer-claim-number-missing',
        'error',
        `CLM05-3 is ${this.location.frequency}, ${kind} of an earlier claim, but the claim has no REF*F8 naming that claim (the payer's claim control number): the implementation guide requires it, and the payer rejects the claim without it`,
        this.claimIdSpan(),
      );
    }
    if (this.date !== null) this.undatedOutpatientLines(lineReader.claimUndatedLines, this.date);
    const kind = this.envelopes.transaction?.model.kind ?? null;
    const facilityType = kind === 'institutional' ? this.location.facilityType : null;
    // Most claims are judged by a table: their CLM01 span is made only for one that is not.
    const notEdited = this.notEdited;
    const professional = lineReader.claimProfessionalLines > 0;
    notEdited.add(kind, facilityType, professional, notEdited.wantsSpan(kind, facilityType, professional) ? this.claimIdSpan() : null);
    // A claim none of whose lines is kept is of no use to the reader's caller (see Parser837.keepLine),
    // unless it replaces or voids others (their lines then take no part in the coding checks).
    const location = this.location;
    if (lineReader.keepLine !== null && lines.length === 0 && !supersedesOthers(location.frequency)) return;
    const names = this.names;
    names.resolveIds();
    const claimDate = this.date;
    // Its lines: rows of the columns, or (with keepLine) the lines kept.
    const columns = lineReader.columns;
    const firstRow = lineReader.claimFirstRow;
    const rows = lineReader.keepLine === null ? columns.size - firstRow : 0;
    // A line whose own date cannot be read (x12.date-invalid) keeps none: the claim's may not be
    // its date, and a line paired on it might be removed by a fix for a conflict it is not in.
    if (claimDate !== null) {
      for (let row = firstRow; row < firstRow + rows; row++) {
        if (!columns.hasDate(row) && !columns.dateUnreadable(row)) columns.setDate(row, claimDate, this.dateStart, this.dateEnd, true);
      }
      for (const line of lines) {
        if (line.dateOfService === null && !line.dateUnreadable) {
          line.dateOfService = claimDate;
          line.dateStart = this.dateStart;
          line.dateEnd = this.dateEnd;
          line.dateInherited = true;
        }
      }
    }
    const source = r.source;
    const idStart = this.idStart;
    const transaction = this.envelopes.transaction;
    const claim = new X12Claim();
    claim.index = index;
    if (idStart !== NO_OFFSET) {
      claim.id = this.idText ?? sliceOf(source, idStart, this.idEnd);
      claim.idStart = idStart;
    }
    claim.patientId = names.patientOrSubscriberId();
    claim.patientKey = names.patientKey();
    claim.billingProviderId = names.billingProviderId;
    claim.billingProviderPerson = names.billingProviderPerson;
    claim.renderingProviderId = names.claimRenderingId;
    claim.kind = transaction ? transaction.model.kind : null;
    // CLM05-1 is the facility type code on an 837I only (an 837P's is the place of service).
    claim.facilityType = claim.kind === 'institutional' ? location.facilityType : null;
    claim.frequency = location.frequency;
    if (hasCharge) {
      claim.totalCharge = this.charge;
      claim.totalChargeText = this.chargeText ?? r.strings.of(source, chargeStart, chargeEnd);
      claim.chargeStart = chargeStart;
    }
    claim.dateOfService = claimDate;
    if (claimDate !== null) {
      claim.dateStart = this.dateStart;
      claim.dateEnd = this.dateEnd;
    }
    if (lineReader.keepLine === null) claim.setRows(columns, firstRow, rows);
    else claim.lines = lines;
    claim.spanStart = spanStart;
    claim.spanEnd = spanEnd;
    claim.transactionIndex = transaction ? transaction.model.index : null;
    r.result.claims.push(claim);
  }
}
