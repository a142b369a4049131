// One data row of a claim CSV into a service line: its code and modifiers (rowCodes.ts), dates
// (rowDates.ts), units and charge, with a finding for each cell that cannot be read (naming line
// and column, never the value but a claim type's own words or a one-digit frequency) and for a row
// whose shape does not fit the header (rowShape.ts); and the claim's kind from its claim-type cell
// and the type of bill beside it (claimTypes.ts), and its frequency (claimFrequency.ts). Totals
// rows are left out (totalsRows.ts). The line goes to its claim through RowClaims. (Model notes:
// see index.ts; rule ids: csvRules.ts.)

import type { ClaimKind, DateRange, Finding, Modifier, ModifierInsertPoint, Span } from '../model';
import { CsvServiceLine } from './csvLine';
import { NO_MODIFIERS } from '../x12/values';
import type { ColumnLayout } from './columnLayout';
import { detached } from '../text';
import { DateCells, type DateReading } from './rowDates';
import { cellOrNull, hasValue, type CsvReader } from './reader';
import { readAmount, readUnits } from './amounts';
import { ClaimTypeCells, claimTypeUnknownMessage, type ClaimTypeReading } from './claimTypes';
import { FrequencyCells, frequencyInvalidMessage } from './claimFrequency';
import { cellText } from './excelText';
import { TotalsRows } from './totalsRows';
import { CSV_RULES } from './csvRules';
import { RowShape } from './rowShape';
import { CodeCells } from './rowCodes';

export { DateOrderChange, type DateReading } from './rowDates';
export { CSV_RULES, noDateColumnFinding, noPatientColumnFinding } from './csvRules';

/** Where RowParser puts each row's line: the claims of the whole model (ClaimGrouper), or those of a file read in pieces. */
export interface RowClaims<S> {
  /** `frequency`: the claim frequency code the row names (claimFrequency.ts), or null. */
  claimFor(r: CsvReader, date: DateRange | null, dateText: string, frequency: string | null): S;
  /**
   * The date of service the last claimFor grouped its row on: the row's own, or the previous
   * row's when the row's date cell is empty and rows are grouped by date; null when none.
   */
  groupedDate(): DateRange | null;
  /** Whether the line of a row with this code and date is wanted as a ServiceLine (else addLine gets null). */
  wants(code: string, date: DateRange | null): boolean;
  /** The index the claim's next line gets. */
  lineCount(state: S): number;
  /** Whether no row of the claim has named its kind yet (its claim-type cell is then read). */
  needsKind(state: S): boolean;
  /** The kind a row of the claim names, and the facility type code of an institutional claim (null: none). */
  setKind(state: S, kind: ClaimKind, facilityType: string | null): void;
  /** The row's line, or null when it was not wanted (the row is still a line of its claim). */
  addLine(state: S, line: CsvServiceLine | null, r: CsvReader): void;
  /** Once every row is in. */
  finish(): void;
  /** The rows now come from `text`. */
  moveTo(text: string): void;
  /** File offset of the text rows are read from (0 for a whole text; a later piece of a file read in pieces). */
  readonly base: number;
}

/**
 * The first claim-type cell of a claim that named no kind: csv.claim-type-unknown is said of it
 * only when no row of its claim names one (RowParser.finish).
 */
interface UnknownKind {
  line: number;
  column: number;
  /** The cell when a message may show it (ClaimTypeReading.plain), else ''. */
  cell: string;
  reading: ClaimTypeReading;
  /** The cell's span in file offsets (RowClaims.base): the text it was read from may be gone by the end. */
  start: number;
  end: number;
}

/**
 * Claims held at once while a later row may still name their kind (UnknownKind; a claim whose kind
 * is named lets go of its cell). A file whose every claim type is unreadable holds no more than
 * this, not one per claim; and since an export writes a column's few values over every row, when
 * this many wait the first of them nearly always stays unknown.
 */
const MAX_UNKNOWN_KINDS = 1000;

export class RowParser<S> {
  /** The row against the header (quotes, cell counts, a repeated header): rowShape.ts. */
  private readonly shape: RowShape;
  /** The row's code and modifiers: rowCodes.ts. */
  private readonly codes: CodeCells;
  /** Amounts and unit counts may be written with a decimal comma ("600,00", "2,5"): amounts.ts. */
  private readonly decimalComma: boolean;
  private readonly claimTypes = new ClaimTypeCells();
  /** Per claim whose kind no row has named yet, its first claim-type cell that names none, in file order. */
  private readonly unknownKinds = new Map<S, UnknownKind>();
  private readonly frequencies = new FrequencyCells();
  private readonly totals: TotalsRows;

  // What the steps of row() read from the current row, in fields rather than returned objects:
  // this runs for every row of files of a million rows.
  /** The date of service of the current row (DateCells reads it). */
  private readonly dates: DateCells;
  private units: number | null = null;
  private unitsSpan: Span | null = null;
  private charge: number | null = null;
  private chargeText: string | null = null;
  private chargeSpan: Span | null = null;

  constructor(
    private text: string,
    separator: string,
    private readonly layout: ColumnLayout,
    /** Where the row findings go, in row order. */
    private readonly findings: Finding[],
    dates: DateReading,
    private readonly claims: RowClaims<S>,
  ) {
    this.dates = new DateCells(dates, layout, {
      columnName: (k) => this.columnName(k),
      invalid: (message, span) => this.finding(CSV_RULES.dateInvalid, 'error', message, span),
    });
    const columnName = (k: number) => this.columnName(k);
    const finding = (rule: string, severity: Finding['severity'], message: string, span: Span) => this.finding(rule, severity, message, span);
    this.shape = new RowShape(layout, columnName, finding);
    this.codes = new CodeCells(text, layout, separator === ',' ? ' ' : ',', columnName, finding);
    // A file delimited by a comma cannot write a decimal comma unquoted: only others are read so.
    this.decimalComma = separator !== ',';
    this.totals = new TotalsRows(layout);
  }

  /** The rows now come from `text`, a later piece of the file (read in pieces: csv/stream.ts). */
  moveTo(text: string): void {
    this.text = text;
    this.codes.text = text;
    this.claims.moveTo(text);
  }

  /** Reads one data row: a service line of its claim when the row reaches the procedure-code column. */
  row(r: CsvReader): void {
    const shape = this.shape;
    shape.quoteCheck(r);
    shape.shortRow(r);
    shape.longRow(r);
    const layout = this.layout;
    if (layout.procedureCode >= r.cellCount && !(layout.otherProcedureCode >= 0 && layout.otherProcedureCode < r.cellCount)) return;
    const scratch = this.modifierScratch;
    scratch.length = 0;
    const codes = this.codes;
    codes.read(r, scratch);
    this.dates.read(r);
    this.readUnits(r);
    this.readCharge(r);
    const dates = this.dates;
    // Before the claim is chosen: rows of one claim id naming another frequency are another claim.
    const state = this.claims.claimFor(r, dates.dateOfService, dates.dateText, this.readFrequency(r));
    this.readClaimType(r, state);
    // The date the row is grouped on: its own, or the row before's when its date cell is empty.
    const date = this.claims.groupedDate();
    // The modifier cells are read only for a line that is made (they give no findings).
    if (!this.claims.wants(codes.code, date)) {
      this.claims.addLine(state, null, r);
      return;
    }
    const modifierInsert = codes.modifierCells(r, scratch);
    // Exact-size arrays: an array grown by push() keeps room for 17 elements.
    const modifiers: Modifier[] = scratch.length === 0 ? NO_MODIFIERS : scratch.slice();
    this.claims.addLine(state, this.serviceLine(r, this.claims.lineCount(state), modifiers, modifierInsert, date), r);
  }

  /**
   * Sets the claims' totals, patient keys and inherited kinds once every row is in; then says of
   * the first claim whose kind is still unknown that it is judged as professional. Once a file,
   * as for frequency cells: an export writes a column's few values over every row, so one claim's
   * unreadable cell is usually every claim's.
   */
  finish(): void {
    this.claims.finish();
    for (const [state, unknown] of this.unknownKinds) {
      if (!this.claims.needsKind(state)) continue;
      // Relative to the text read last, as every finding of a row is to its own text.
      const base = this.claims.base;
      const message = claimTypeUnknownMessage(unknown.line, this.columnName(unknown.column), unknown.cell, unknown.reading);
      this.finding(CSV_RULES.claimTypeUnknown, 'warning', message, { start: unknown.start - base, end: unknown.end - base });
      break;
    }
    this.unknownKinds.clear();
    const totals = this.totals.finding(this.claims.base);
    if (totals !== null) this.findings.push(totals);
  }

  /** A quote never closed in the row (the header row too) is reported. */
  quoteCheck(r: CsvReader): void {
    this.shape.quoteCheck(r);
  }

  /** A data row that repeats the header (concatenated exports). */
  isRepeatedHeader(r: CsvReader): boolean {
    return this.shape.isRepeatedHeader(r);
  }

  /** A spreadsheet's totals row ("Total", "Grand Total"): not read as a service line (totalsRows.ts). */
  isTotalsRow(r: CsvReader): boolean {
    return this.totals.take(r, this.claims.base);
  }

  // ---- the steps of row() ------------------------------------------------------------------

  /**
   * The claim's kind, until a row of the claim names one: its claim-type cell's, else the type of
   * bill's beside it (which says institutional); an institutional claim's facility type is the
   * type of bill's, else the claim-type cell's ("Inpatient"). The claim's first cell that names
   * none is held, to be reported if no row names its kind (finish).
   */
  private readClaimType(r: CsvReader, state: S): void {
    const col = this.layout.claimType;
    if (col < 0 || !this.claims.needsKind(state)) return;
    const cell = cellOrNull(r, col);
    const reading = cell === null ? null : this.claimTypes.read(cell);
    const billCell = cellOrNull(r, this.layout.typeOfBill);
    const bill = billCell === null ? null : this.claimTypes.read(billCell);
    const kind = reading?.kind ?? bill?.kind ?? null;
    if (kind !== null) {
      const facilityType = kind !== 'institutional' ? null : (bill?.kind === 'institutional' ? bill.facilityType : null) ?? reading?.facilityType ?? null;
      this.claims.setKind(state, kind, facilityType);
      this.unknownKinds.delete(state);
    } else if (reading !== null) {
      this.holdUnknown(r, state, col, cell!, reading);
    } else if (bill !== null) {
      this.holdUnknown(r, state, this.layout.typeOfBill, billCell!, bill);
    }
  }

  /** Holds a claim's first claim-type cell that names no kind (UnknownKind), while there is room. */
  private holdUnknown(r: CsvReader, state: S, column: number, cell: string, reading: ClaimTypeReading): void {
    const held = this.unknownKinds;
    if (held.has(state) || held.size >= MAX_UNKNOWN_KINDS) return;
    const span = r.valueSpan(column);
    const base = this.claims.base;
    held.set(state, { line: r.recordLine, column, cell: reading.plain ? detached(cell) : '', reading, start: span.start + base, end: span.end + base });
  }

  /**
   * The claim frequency code the row names: its frequency cell's, else its type of bill's last
   * digit (0137: the type-of-bill column's, else the claim-type column's); null for none. The first frequency cell of the file that names no code is
   * reported (its claim is then read as the type of bill or the claim's other rows say).
   */
  private readFrequency(r: CsvReader): string | null {
    const col = this.layout.frequency;
    const cell = cellOrNull(r, col);
    if (cell !== null) {
      const code = this.frequencies.read(cell);
      if (code !== null) return code;
      if (!this.frequencies.reported) {
        this.frequencies.reported = true;
        this.finding(CSV_RULES.claimFrequencyInvalid, 'warning', frequencyInvalidMessage(r.recordLine, this.columnName(col), cell), r.valueSpan(col));
      }
    }
    const billCell = cellOrNull(r, this.layout.typeOfBill);
    const billFrequency = billCell === null ? null : this.claimTypes.read(billCell).frequency;
    if (billFrequency !== null) return billFrequency;
    const typeCell = cellOrNull(r, this.layout.claimType);
    return typeCell === null ? null : this.claimTypes.read(typeCell).frequency;
  }

  /** The units into units/unitsSpan, reporting a value that is not a number of units. */
  private readUnits(r: CsvReader): void {
    const col = this.layout.units;
    this.units = null;
    this.unitsSpan = null;
    if (!hasValue(r, col)) return;
    const cell = cellText(r, col);
    // An empty Excel text formula (="") is an empty cell.
    if (cell.value === '') return;
    this.unitsSpan = cell.span;
    this.units = readUnits(cell.value, this.decimalComma);
    if (this.units === null) {
      const examples = this.decimalComma ? '1, 2.5 or 2,5' : '1 or 2.5';
      this.finding(
        CSV_RULES.unitsInvalid,
        'warning',
        `Line ${r.recordLine}: the value in ${this.columnName(col)} is not a number of units; expected e.g. ${examples}.`,
        this.unitsSpan,
      );
    }
  }

  /** The line charge into charge/chargeText/chargeSpan, reporting a value that is not an amount. */
  private readCharge(r: CsvReader): void {
    const col = this.layout.charge;
    this.charge = null;
    this.chargeText = null;
    this.chargeSpan = null;
    if (!hasValue(r, col)) return;
    const cell = cellText(r, col);
    if (cell.value === '') return;
    this.chargeText = cell.value;
    this.chargeSpan = cell.span;
    this.charge = readAmount(this.chargeText, this.decimalComma);
    if (this.charge === null) {
      const examples = this.decimalComma ? '125.00, 125,00, 1250 or $1,250.00' : '125.00, 1250 or $1,250.00';
      this.finding(
        CSV_RULES.amountInvalid,
        'error',
        `Line ${r.recordLine}: the value in ${this.columnName(col)} is not an amount; expected e.g. ${examples}.`,
        this.chargeSpan,
      );
    }
  }

  /** The service line of row `r` from what the steps read; `index` is its place in its claim, `date` the date it is grouped on. */
  private serviceLine(r: CsvReader, index: number, modifiers: Modifier[], modifierInsert: ModifierInsertPoint | null, date: DateRange | null): CsvServiceLine {
    const line = new CsvServiceLine();
    line.index = index;
    line.recordLine = r.recordLine;
    const codes = this.codes;
    line.code = codes.code;
    line.codeStart = codes.codeSpan.start;
    line.codeEnd = codes.codeSpan.end;
    line.modifiers = modifiers;
    line.modifierInsert = modifierInsert;
    line.charge = this.charge;
    line.chargeText = this.chargeText;
    const charge = this.chargeSpan;
    if (charge !== null) {
      line.chargeStart = charge.start;
      line.chargeEnd = charge.end;
    }
    line.units = this.units;
    const units = this.unitsSpan;
    if (units !== null) {
      line.unitsStart = units.start;
      line.unitsEnd = units.end;
    }
    line.dateOfService = date;
    // A date taken from the row before: none is written on the row (its dateSpan stays null).
    line.dateCarried = date !== null && this.dates.dateOfService === null;
    const dateSpan = this.dates.dateSpan;
    if (dateSpan !== null) {
      line.dateStart = dateSpan.start;
      line.dateEnd = dateSpan.end;
    }
    // The rendering NPI, else the billing NPI (as an 837P line's provider falls back to 2010AA).
    const billing = this.providerCell(r, this.layout.billingProviderId);
    line.billingProviderId = billing;
    line.providerId = this.providerCell(r, this.layout.providerId) ?? billing;
    this.setRemovalSpan(r, line);
    line.recordStart = r.recordStart;
    line.recordEnd = r.recordEnd;
    return line;
  }

  /**
   * What removing the row removes, into the line: the row and its line break, or for a last row
   * without one, the line break before it (so no empty last line is left).
   */
  private setRemovalSpan(r: CsvReader, line: CsvServiceLine): void {
    line.spanEnd = r.recordNext > r.recordEnd ? r.recordNext : r.recordEnd;
    let s = r.recordStart;
    if (r.recordNext <= r.recordEnd) {
      const text = this.text;
      if (s > 0 && text.charCodeAt(s - 1) === 10) s -= s > 1 && text.charCodeAt(s - 2) === 13 ? 2 : 1;
      else if (s > 0 && text.charCodeAt(s - 1) === 13) s -= 1;
    }
    line.spanStart = s;
  }

  // ---- helpers -----------------------------------------------------------------------------

  private columnName(k: number): string {
    const h = this.layout.headers[k];
    return h ? `column "${h}"` : `column ${k + 1}`;
  }

  private finding(rule: string, severity: Finding['severity'], message: string, span: Span): void {
    this.findings.push({ rule, severity, message, span });
  }

  private readonly modifierScratch: Modifier[] = [];
  /** A provider cell's NPI (one string per distinct NPI, as for codes), or null when the row has none. */
  private providerCell(r: CsvReader, k: number): string | null {
    const value = cellOrNull(r, k);
    return value === null ? null : this.codes.intern(value);
  }
}
