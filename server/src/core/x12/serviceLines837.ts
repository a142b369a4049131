// The 2400 service-line loops of an 837 claim: LX and the SV1/SV2/SV3 service segment (read by
// serviceSegment837.ts: procedure, charge, units), and the row of the document's columns
// (lineColumns.ts) written when its loop ends (or, when the coding run keeps only some lines,
// keptCodes.ts, the CodedLine it reads).

import type { DateRange, PtpTableKind } from '../model';
import { tableForClaim, tableForLine } from '../rules/claimTables';
import { CRITICAL_ACCESS_HOSPITAL } from '../data/billTypes';
import { ProcedureReader } from './procedure';
import { SERVICE_SEGMENT_OF } from './implementations';
import { KeptCodes } from './keptCodes';
import type { ServiceLayout } from './serviceLayouts';
import { ServiceSegmentReader } from './serviceSegment837';
import { CodedLine, SharedModifiers } from '../codedLines';
import { ClaimCharges } from './claimTotal';
import { ClaimDiagnoses } from './diagnosisPointers';
import { CobBalance } from './cobBalance';
import { DiagnosisCodes } from './diagnosisCodes';
import { toCents } from './values';
import { checkRevenueCode, hasProfessionalRevenueCode } from './revenueCode';
import { NO_OFFSET } from '../offsetLine';
import { LineColumns } from './lineColumns';
import { LxReading, lineNumberText, readLx } from './lx837';
import type { SegmentReading } from './reading837';
import type { Envelopes837 } from './envelope837';
import type { Hierarchy837 } from './hierarchy837';
import { formatDateRange } from '../dates';


/**
 * The open service line and the lines of the open claim. The open line lives in fields and
 * becomes a row of the columns when its loop ends (this runs for every line of huge files); the
 * open claim's lines are the rows from claimFirstRow on.
 */
export class ServiceLines837 {
  /** Segment that opened the line (LX, or a service segment without one); -1 when none is open. */
  lineSegment = -1;
  private lineHasLx = false;
  private serviceSegment = -1;
  private serviceLayout: ServiceLayout | null = null;
  lineDate: DateRange | null = null;
  /** The open line has a DTP*472 of its own, readable or not. */
  lineDateWritten = false;
  /** The line's DTP03 when lineDate is set (offsets; the span is made for a line that is built). */
  lineDateStart = 0;
  lineDateEnd = 0;
  /** LX01 of the open line (offsets; -1 when it has none). */
  private lineNumberStart = -1;
  private lineNumberEnd = -1;

  /** The document's lines, a row each (while keepLine is null). */
  columns: LineColumns;
  /** The open claim's first row in `columns`. */
  claimFirstRow = 0;
  /** The lines kept with keepLine; the array is made for the first. */
  private claimLines: CodedLine[] = NO_LINES;
  /** Lines of the open claim, built or not. */
  claimLineCount = 0;
  /** Lines of the open claim with a procedure code but without a date of their own (DTP*472), kept or not. */
  claimUndatedLines = 0;
  /** Where the last LX's LX01 is (readLx). */
  private readonly lx = new LxReading();
  /** The open line is a practitioner's service on a critical access hospital's Method II bill (claimTables.ts isCahProfessionalLine). */
  private lineProfessional = false;
  /** Such lines of the open claim with a code, kept or not: its claim is judged by the practitioner table too. */
  claimProfessionalLines = 0;
  /** The open claim's statement period (DTP*434, an 837I's), or null. */
  claimStatement: DateRange | null = null;
  /** Line charges of the open claim for the CLM02 check, kept as numbers so that it needs no ServiceLine. */
  readonly charges = new ClaimCharges();
  /** The open claim's diagnosis codes (HI) and its lines' pointers to them, for the pointer check. */
  readonly diagnoses = new ClaimDiagnoses();
  /** Other payers' payments and adjustments of the open claim, which balance (cobBalance.ts). */
  readonly cob: CobBalance;
  /** The form and code set of the open claim's diagnosis codes (diagnosisCodes.ts). */
  readonly diagnosisCodes: DiagnosisCodes;
  /** The latest date of service of the open claim's lines (YYYYMMDD; 0: none yet). */
  claimLatestDate = 0;

  /** Parser837.keepLine: which lines become ServiceLine objects, by code and the table of their claim; null: every line. */
  keepLine: ((code: string, table: PtpTableKind | null) => boolean) | null = null;
  /** The open claim's facility type code (CLM05-1 read by Parser837), for the table keepLine is asked about. */
  claimFacilityType: string | null = null;
  /** keepLine's answers, once per code and table. */
  private readonly keptCodes = new KeptCodes();
  /** The modifiers of lines kept with keepLine, one object per value (codedLines.ts). */
  private readonly sharedModifiers = new SharedModifiers();
  /** Service lines read so far, built or not. */
  linesSeen = 0;

  /** Reads each service line's procedure composite (procedure.ts). */
  private readonly procedure = new ProcedureReader();
  /** Reads the charge and units of each line's service segment (serviceSegment837.ts). */
  private readonly segment: ServiceSegmentReader;

  /** The table the open claim is judged by: its transaction's kind and its facility type. */
  private claimTable(): PtpTableKind | null {
    const transaction = this.envelopes.transaction;
    return tableForClaim(transaction ? transaction.model.kind : null, this.claimFacilityType);
  }

  constructor(
    private readonly r: SegmentReading,
    private readonly envelopes: Envelopes837,
    private readonly names: Hierarchy837,
    /** Room for rows at first. */
    rows: number,
  ) {
    this.columns = new LineColumns(rows);
    this.segment = new ServiceSegmentReader(r, this.procedure);
    this.cob = new CobBalance(r);
    this.diagnosisCodes = new DiagnosisCodes(r);
  }

  /** A claim starts (CLM): no line yet. */
  startClaim(): void {
    this.claimLines = NO_LINES;
    this.claimFirstRow = this.columns.size;
    this.claimLineCount = 0;
    this.claimUndatedLines = 0;
    this.claimProfessionalLines = 0;
    this.charges.reset();
    this.diagnoses.reset();
    this.cob.reset();
    this.diagnosisCodes.reset();
    this.claimLatestDate = 0;
    this.claimStatement = null;
  }

  /** The lines kept with keepLine for the claim that ends (a new array when none was). */
  takeLines(): CodedLine[] {
    // Exact size: an array grown by push() keeps room for 17 lines, and a document keeps every claim's.
    // The few lines of most claims as array literals: V8 sees from a literal's site that its arrays
    // live on and allocates them in the old generation, where no scavenge copies them (a copy by
    // slice() is allocated young).
    const built = this.claimLines;
    this.claimLines = NO_LINES;
    switch (built === NO_LINES ? 0 : built.length) {
      case 0: return [];
      case 1: return [built[0]!];
      case 2: return [built[0]!, built[1]!];
      case 3: return [built[0]!, built[1]!, built[2]!];
      case 4: return [built[0]!, built[1]!, built[2]!, built[3]!];
      default: return built.slice();
    }
  }

  /** The open claim goes on into the next piece: its lines' offsets move back by `shift` (Claim2300.goesOn). */
  moveBack(shift: number): void {
    this.charges.moveBack(shift);
    this.diagnoses.moveBack(shift);
    this.cob.moveBack(shift);
    this.diagnosisCodes.moveBack(shift);
    for (const line of this.claimLines) line.shift(-shift);
    this.columns.shift(this.claimFirstRow, this.columns.size, -shift);
  }

  /**
   * The next piece of a file starts (Parser837.continueWith), a claim open or not: the rows go on
   * in columns of their own, the open claim's copied into them, so that the rows of the claims
   * handed over with the piece go with them (X12Stream drops each piece's claims).
   */
  nextPiece(claimOpen: boolean): void {
    if (this.keepLine !== null) return;
    const columns = this.columns;
    this.columns = columns.rowsFrom(claimOpen ? this.claimFirstRow : columns.size, columns.size);
    this.claimFirstRow = 0;
  }

  /** LX at segment s; `inClaim` when a claim is open. */
  lineNumber(s: number, inClaim: boolean): void {
    const r = this.r;
    this.closeLine(s);
    if (!inClaim) {
      r.add('x12.line-outside-claim', 'error', 'LX (service line) outside a claim: no CLM before it in this loop', r.ix.segmentSpan(s));
      return;
    }
    const lx = this.lx;
    readLx(r, s, this.claimLineCount + 1, lx);
    this.lineNumberStart = lx.start;
    this.lineNumberEnd = lx.end;
    this.openLine(s, true);
  }

  private openLine(s: number, hasLx: boolean): void {
    this.lineSegment = s;
    this.lineHasLx = hasLx;
    this.serviceSegment = -1;
    this.serviceLayout = null;
    this.lineDate = null;
    this.lineDateWritten = false;
    this.lineDateStart = this.lineDateEnd = 0;
    this.lineProfessional = false;
    this.names.startLine();
  }

  /** A service segment (SV1, SV2 or SV3, laid out as `layout`) at segment s; `inClaim` when a claim is open. */
  service(s: number, layout: ServiceLayout, inClaim: boolean): void {
    const r = this.r;
    const ix = r.ix;
    if (!inClaim) {
      r.add('x12.line-outside-claim', 'error', `${ix.segmentId(s)} (service line) outside a claim: no CLM before it in this loop`, ix.segmentSpan(s));
      return;
    }
    if (this.lineSegment < 0 || this.serviceSegment >= 0) {
      // A service segment with no LX of its own still is a line of the claim.
      this.closeLine(s);
      r.add('x12.lx-sequence', 'warning', `${ix.segmentId(s)} has no LX before it: each service line starts with LX`, ix.segmentSpan(s));
      this.openLine(s, false);
    }
    this.serviceSegment = s;
    this.serviceLayout = layout;
    const transaction = this.envelopes.transaction;
    if (layout.kind === 'institutional' && transaction?.model.implementation?.startsWith('005010')) checkRevenueCode(this.r, s);
    // A CAH's bill (85x): its professional-fee revenue codes are practitioner services (the rest of its bills read no SV201 here).
    if (layout.kind === 'institutional' && this.claimFacilityType === CRITICAL_ACCESS_HOSPITAL) this.lineProfessional = hasProfessionalRevenueCode(r, s);
    if (transaction && transaction.model.kind === null) transaction.model.kind = layout.kind;
  }

  /** Builds the ServiceLine of the open 2400 loop, which segment `s` ends. */
  closeLine(s: number): void {
    const first = this.lineSegment;
    if (first < 0) return;
    this.lineSegment = -1;
    const r = this.r;
    const ix = r.ix;
    const sv = this.serviceSegment;
    const layout = this.serviceLayout;
    const start = ix.table.segmentStart[first]!;
    const hasProcedure = sv >= 0 && layout !== null;
    const procedure = this.procedure;
    const text = r.source;
    // Offsets first: the ServiceLine and its spans are made only for a line that is kept.
    const read = this.segment;
    if (layout !== null) read.charge(sv, layout, hasProcedure);
    else read.none();
    const chargeStart = read.chargeStart;
    const chargeEnd = read.chargeEnd;
    const charge = read.chargeValue;
    if (sv < 0) this.reportServiceMissing(first);
    const index = this.claimLineCount++;
    this.linesSeen++;
    this.charges.note(chargeStart, chargeEnd, charge);
    this.cob.lineEnds(charge === null ? null : toCents(charge), r.result.findings);
    if (layout !== null && layout.pointers > 0) {
      read.element(sv, layout, layout.pointers);
      if (read.elementEnd > read.elementStart) {
        this.diagnoses.notePointers(text, read.elementStart, read.elementEnd, ix.delimitersOf(sv).component.charCodeAt(0), index, layout.id, layout.pointers);
      }
    }
    const code = hasProcedure ? procedure.code : '';
    // A revenue code alone (room, supplies) is not counted against an MUE: its date does not matter here.
    if (!this.lineDateWritten && code !== '') this.claimUndatedLines++;
    if (this.lineDate !== null && this.claimStatement !== null) this.outsideStatement(this.lineDate, this.claimStatement);
    if (this.lineDate !== null && this.lineDate.to > this.claimLatestDate) this.claimLatestDate = this.lineDate.to;
    const keep = this.keepLine;
    const professional = this.lineProfessional;
    if (professional && code !== '') this.claimProfessionalLines++;
    if (keep !== null && (code === '' || !this.keptCodes.keeps(keep, code, procedure.codeKey, tableForLine(this.claimTable(), professional)))) return;

    if (layout !== null) read.units(sv, layout);
    const unitsStart = read.unitsStart;
    const unitsEnd = read.unitsEnd;
    const units = read.unitsValue;
    const hasLx = this.lineHasLx;
    const numberStart = hasLx ? this.lineNumberStart : -1;
    const numberEnd = this.lineNumberEnd;
    const names = this.names;
    names.resolveIds();
    if (keep !== null) {
      if (this.claimLines === NO_LINES) this.claimLines = [];
      // A line kept for the coding checks alone (codedLines.ts): what they read, and no more.
      const line = new CodedLine(index);
      if (numberStart >= 0) line.lineNumber = lineNumberText(text, numberStart, numberEnd);
      line.qualifier = procedure.qualifier;
      line.code = code;
      line.codeStart = procedure.codeStart;
      line.modifiers = procedure.modifiers(r.strings, this.sharedModifiers);
      line.units = units;
      if (unitsEnd > unitsStart) {
        line.unitsStart = unitsStart;
        line.unitsEnd = unitsEnd;
      }
      line.dateOfService = this.lineDate;
      line.dateUnreadable = this.lineDateWritten && this.lineDate === null;
      line.professional = professional;
      line.providerId = names.lineRenderingId;
      this.claimLines.push(line);
      return;
    }
    const columns = this.columns;
    const row = columns.addRow(index, code);
    if (numberStart >= 0) columns.setLineNumber(row, lineNumberText(text, numberStart, numberEnd), numberStart, numberEnd);
    // The service segment's span; a line without one has its opening segment's.
    const record = sv >= 0 ? sv : first;
    if (hasProcedure) {
      columns.setQualifier(row, procedure.qualifier);
      columns.setCodeStart(row, procedure.codeStart);
      procedure.modifiersInto(r.strings, columns, row);
      procedure.insertInto(columns, row);
    } else {
      // No code: an empty span at the end of the opening segment.
      columns.setCodeStart(row, ix.table.segmentEnd[first]!);
    }
    // As written; a file writes a few thousand amounts, each held once (shortStrings.ts).
    if (chargeStart >= 0) columns.setCharge(row, charge, r.strings.of(text, chargeStart, chargeEnd), chargeStart);
    else columns.setCharge(row, charge, null, NO_OFFSET);
    columns.setUnits(row, units);
    if (unitsEnd > unitsStart) columns.setUnitsSpan(row, unitsStart, unitsEnd);
    if (this.lineDate !== null) columns.setDate(row, this.lineDate, this.lineDateStart, this.lineDateEnd, false);
    else if (this.lineDateWritten) columns.markDateUnreadable(row);
    if (professional) columns.setProfessional(row);
    columns.setProvider(row, names.lineRenderingId);
    columns.setSpans(row, start, r.endBefore(s, start), s - first, ix.table.segmentStart[record]!, ix.table.segmentEnd[record]!);
  }

  /**
   * A line's own date (DTP*472) outside its claim's statement period (DTP*434): the line's service
   * is not of the period the bill covers, and payers return such a claim to the provider (Medicare
   * among them); the line is paired on its date as written.
   */
  private outsideStatement(date: DateRange, statement: DateRange): void {
    if (date.from >= statement.from && date.to <= statement.to) return;
    this.r.add(
      'x12.line-date-outside-statement',
      'error',
      `The line's date of service (DTP*472, ${formatDateRange(date)}) is outside its claim's statement period (DTP*434, ${formatDateRange(statement)}): each line's date must fall in the period the bill covers, and payers return such a claim to the provider. Correct the line's date, or the statement period.`,
      { start: this.lineDateStart, end: this.lineDateEnd },
    );
  }

  /** A 2400 loop (opened by LX `lx`) that ends without a service segment: it has no code and no charge. */
  private reportServiceMissing(lx: number): void {
    const kind = this.envelopes.transaction?.model.kind ?? null;
    const expected = kind === null ? 'SV1, SV2 or SV3' : SERVICE_SEGMENT_OF[kind];
    this.r.add(
      'x12.service-missing',
      'error',
      `Service line ${this.claimLineCount + 1} has no ${expected} segment: each service line (2400 loop) needs one for its procedure code and charge`,
      this.r.ix.segmentSpan(lx),
    );
  }
}

/** claimLines of a claim with no line built yet (replaced by an array of its own for the first). */
const NO_LINES: CodedLine[] = [];
