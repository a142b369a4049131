// One data row of a claim CSV into a service line: its code, modifiers, dates (rowDates.ts),
// units and charge, with a finding for each cell that cannot be read (naming line and column,
// never the value but a claim type's own words or a one-digit frequency); and the claim's kind
// from its claim-type cell and the type of bill beside it (claimTypes.ts), and its frequency
// (claimFrequency.ts). The line goes to its claim through RowClaims. (Model notes: see index.ts.)

import type { ClaimKind, DateRange, Finding, Modifier, ModifierInsertPoint, Span } from '../model';
import { CsvServiceLine } from './csvLine';
import { CPT_SHAPE, HCPCS_SHAPE } from '../procedureCodes';
import { NO_MODIFIERS } from '../x12/values';
import type { ColumnLayout } from './header';
import { detached } from '../text';
import { DateCells, type DateReading } from './rowDates';
import { CELL_ESCAPED, CELL_JUNK, cellOrNull, hasValue, type CsvReader } from './reader';
import { readAmount, readUnits } from './amounts';
import { ClaimTypeCells, claimTypeUnknownMessage, type ClaimTypeReading } from './claimTypes';
import { FrequencyCells, frequencyInvalidMessage } from './claimFrequency';
import { cellText, excelTextSpan } from './excelText';
import { alphanumericRuns, isAlphanumeric, isWellFormedProcedureCode } from './values';
import { TOTALS_ROW_RULE, TotalsRows } from './totalsRows';

export { DateOrderChange, type DateReading } from './rowDates';

export const CSV_RULES = {
  rowShort: 'csv.row-short',
  rowLong: 'csv.row-long',
  dateInvalid: 'csv.date-invalid',
  amountInvalid: 'csv.amount-invalid',
  unitsInvalid: 'csv.units-invalid',
  claimTypeUnknown: 'csv.claim-type-unknown',
  claimFrequencyInvalid: 'csv.claim-frequency-invalid',
  procedureCodeInvalid: 'csv.procedure-code-invalid',
  quoteUnterminated: 'csv.quote-unterminated',
  noPatientColumn: 'csv.no-patient-column',
  noDateColumn: 'csv.no-date-column',
  totalsRow: TOTALS_ROW_RULE,
} as const;

/** The note on the header of a file that has claims but no patient, member or claim id column. */
export function noPatientColumnFinding(headerSpan: Span): Finding {
  return {
    rule: CSV_RULES.noPatientColumn,
    severity: 'information',
    message:
      'No patient, member or claim id column: when looking for NCCI conflicts every row is taken as the same patient. ' +
      'Add a patient or claim id column to check each patient on their own.',
    span: headerSpan,
  };
}

/** The note on the header of a file that has claims but no date-of-service column: no line is paired with another. */
export function noDateColumnFinding(headerSpan: Span): Finding {
  return {
    rule: CSV_RULES.noDateColumn,
    severity: 'information',
    message:
      'No date of service column: NCCI edits pair services of the same date, so no row of this file is checked against another. ' +
      'Add a date of service column (DOS, Date of Service or Service Date).',
    span: headerSpan,
  };
}

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
  private readonly headerCount: number;
  private readonly defaultSeparator: string;
  private readonly lowerHeaders: string[];
  /** Amounts and unit counts may be written with a decimal comma ("600,00", "2,5"): amounts.ts. */
  private readonly decimalComma: boolean;
  private readonly claimTypes = new ClaimTypeCells();
  /** Per claim whose kind no row has named yet, its first claim-type cell that names none, in file order. */
  private readonly unknownKinds = new Map<S, UnknownKind>();
  private readonly frequencies = new FrequencyCells();
  private readonly totals: TotalsRows;

  // What the steps of row() read from the current row, in fields rather than returned objects:
  // this runs for every row of files of a million rows.
  private code = '';
  private codeSpan: Span = { start: 0, end: 0 };
  /** The column the code was read from (the procedure-code column, or the other code set's). */
  private codeColumn = 0;
  /** What separates modifiers written into the code cell ("99213-25"), or null when there are none. */
  private codeCellSeparator: string | null = null;
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
    // Trailing columns without a header name (a header ending in a delimiter) are not required.
    let count = layout.headers.length;
    while (count > 0 && layout.headers[count - 1] === '') count--;
    this.headerCount = count;
    this.defaultSeparator = separator === ',' ? ' ' : ',';
    // A file delimited by a comma cannot write a decimal comma unquoted: only others are read so.
    this.decimalComma = separator !== ',';
    this.lowerHeaders = layout.headers.map((h) => h.toLowerCase());
    this.totals = new TotalsRows(layout);
  }

  /** The rows now come from `text`, a later piece of the file (read in pieces: csv/stream.ts). */
  moveTo(text: string): void {
    this.text = text;
    this.claims.moveTo(text);
  }

  /** Reads one data row: a service line of its claim when the row reaches the procedure-code column. */
  row(r: CsvReader): void {
    this.quoteCheck(r);
    this.reportShortRow(r);
    this.reportLongRow(r);
    const layout = this.layout;
    if (layout.procedureCode >= r.cellCount && !(layout.otherProcedureCode >= 0 && layout.otherProcedureCode < r.cellCount)) return;
    const scratch = this.modifierScratch;
    scratch.length = 0;
    this.readCode(r, scratch);
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
    if (!this.claims.wants(this.code, date)) {
      this.claims.addLine(state, null, r);
      return;
    }
    const modifierInsert = this.readModifierCells(r, scratch);
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

  quoteCheck(r: CsvReader): void {
    if (r.unterminatedQuote < 0) return;
    const q = r.unterminatedQuote;
    let col = 0;
    for (let k = 0; k < r.cellCount; k++) if (r.rawStart[k]! <= q) col = k;
    this.finding(
      CSV_RULES.quoteUnterminated,
      'error',
      `Line ${r.recordLine}: the quote opening a field in ${this.columnName(col)} is never closed; ` +
        'it was read as an ordinary character. Close the quote or double it ("").',
      { start: q, end: q + 1 },
    );
  }

  /** A data row that repeats the header (concatenated exports). */
  isRepeatedHeader(r: CsvReader): boolean {
    const col = this.layout.procedureCode;
    if (col >= r.cellCount || r.cellCount < this.headerCount) return false;
    if (r.valEnd[col]! - r.valStart[col]! !== this.lowerHeaders[col]!.length && (r.flags[col]! & (CELL_ESCAPED | CELL_JUNK)) === 0) return false;
    if (r.value(col).toLowerCase() !== this.lowerHeaders[col]) return false;
    for (let k = 0; k < r.cellCount; k++) if (r.value(k).toLowerCase() !== (this.lowerHeaders[k] ?? '')) return false;
    return true;
  }

  /** A spreadsheet's totals row ("Total", "Grand Total"): not read as a service line (totalsRows.ts). */
  isTotalsRow(r: CsvReader): boolean {
    return this.totals.take(r, this.claims.base);
  }

  // ---- the steps of row() ------------------------------------------------------------------

  /** A row with fewer cells than the header names the columns it lacks (five at most). */
  private reportShortRow(r: CsvReader): void {
    const n = r.cellCount;
    if (n >= this.headerCount) return;
    const missing = this.layout.headers.slice(n).map((h, i) => (h ? `"${h}"` : `column ${n + i + 1}`));
    const list =
      missing.length > 5
        ? `${missing.slice(0, 5).join(', ')} and ${missing.length - 5} more`
        : missing.length === 1
          ? missing[0]!
          : `${missing.slice(0, -1).join(', ')} and ${missing[missing.length - 1]}`;
    this.finding(
      CSV_RULES.rowShort,
      'warning',
      `Line ${r.recordLine} has ${n} field${n === 1 ? '' : 's'} but the header has ${this.headerCount}; missing ${list}.`,
      { start: r.recordStart, end: r.recordEnd },
    );
  }

  /**
   * A row with values past the header's last column: they are not read, and the values before
   * them may be cut (an unquoted "1,234.00" in the last column reads as 1). Empty cells there
   * (a trailing separator) are not reported.
   */
  private reportLongRow(r: CsvReader): void {
    const n = r.cellCount;
    const header = this.headerCount;
    if (n <= header) return;
    let extra = header;
    while (extra < n && !hasValue(r, extra)) extra++;
    if (extra === n) return;
    const last = this.layout.headers[header - 1];
    this.finding(
      CSV_RULES.rowLong,
      'warning',
      `Line ${r.recordLine} has ${n} fields but the header has ${header}; the ${n - header === 1 ? 'field' : `${n - header} fields`} after ${last ? `"${last}"` : `column ${header}`} ${n - header === 1 ? 'is' : 'are'} not read. A value with the separator in it must be quoted ("1,234.00").`,
      { start: r.rawStart[header - 1]!, end: r.recordEnd },
    );
  }

  /**
   * The column a row's code is read from: the procedure-code column, or the other code set's
   * column (a CPT column beside a HCPCS one) when the code column's cell is empty or missing.
   */
  private codeColumnOf(r: CsvReader): number {
    const main = this.layout.procedureCode;
    const other = this.layout.otherProcedureCode;
    if (other < 0 || hasValue(r, main)) return main;
    return hasValue(r, other) || main >= r.cellCount ? other : main;
  }

  /**
   * The procedure code into code/codeSpan (inside an Excel text formula, ="43214", when the cell
   * is one), and modifiers written into the code cell ("99213-25", a code followed by
   * two-character modifiers) into `modifiers`; an empty or malformed code is reported.
   */
  private readCode(r: CsvReader, modifiers: Modifier[]): void {
    const text = this.text;
    const codeCol = this.codeColumnOf(r);
    this.codeColumn = codeCol;
    // The text inside an Excel text formula (="43214"), or null when the cell is not one.
    const formula = excelTextSpan(r, codeCol);
    let code = this.intern(formula !== null ? text.slice(formula.start, formula.end) : r.value(codeCol));
    let codeSpan = formula ?? r.valueSpan(codeCol);
    this.codeCellSeparator = null;
    // The code's text as written (no quotes doubled inside it): its modifiers can be found on it.
    const plain = formula !== null || (r.flags[codeCol]! & (CELL_ESCAPED | CELL_JUNK)) === 0;
    if (code.length > 5 && plain) {
      const runs = alphanumericRuns(text, codeSpan.start, codeSpan.end);
      if (runs.length > 1 && runs[0]!.start === codeSpan.start && runs[runs.length - 1]!.end === codeSpan.end) {
        const first = text.slice(runs[0]!.start, runs[0]!.end);
        let ok = isWellFormedProcedureCode(first);
        for (let i = 1; ok && i < runs.length; i++) ok = runs[i]!.end - runs[i]!.start === 2;
        if (ok) {
          code = this.intern(first);
          codeSpan = { start: runs[0]!.start, end: runs[0]!.end };
          for (let i = 1; i < runs.length; i++) {
            const run = runs[i]!;
            modifiers.push({ value: this.intern(text.slice(run.start, run.end)), span: { start: run.start, end: run.end } });
          }
          this.codeCellSeparator = text.slice(runs[0]!.end, runs[1]!.start);
        }
      }
    }
    this.code = code;
    this.codeSpan = codeSpan;
    if (code === '') {
      const other = this.layout.otherProcedureCode;
      const columns = other >= 0 ? `${this.columnName(this.layout.procedureCode)} and ${this.columnName(other)} are` : `${this.columnName(codeCol)} is`;
      this.finding(CSV_RULES.procedureCodeInvalid, 'warning', `Line ${r.recordLine}: ${columns} empty; expected a procedure code.`, codeSpan);
    } else if (!isWellFormedProcedureCode(code)) {
      this.finding(
        CSV_RULES.procedureCodeInvalid,
        'warning',
        `Line ${r.recordLine}: the value in ${this.columnName(codeCol)} is not a well-formed procedure code; ` +
          `expected ${CPT_SHAPE}, ${HCPCS_SHAPE} or a CDT code (D and 4 digits).`,
        codeSpan,
      );
    }
  }

  /**
   * Modifiers from the modifiers column or the numbered ones into `modifiers`, and where a fix
   * adds one: that column, the numbered columns the row has, or the code cell when the code was
   * written with its modifiers; null when none of them applies.
   */
  private readModifierCells(r: CsvReader, modifiers: Modifier[]): ModifierInsertPoint | null {
    const layout = this.layout;
    const n = r.cellCount;
    if (layout.modifiers >= 0) {
      const k = layout.modifiers;
      if (k >= n) return null;
      if (hasValue(r, k)) this.readModifiers(r.valStart[k]!, r.valEnd[k]!, modifiers);
      else this.firstSeparator = '';
      return { kind: 'csv-cell', column: k, ...insertCell(r, k), separator: this.firstSeparator !== '' ? this.firstSeparator : this.defaultSeparator };
    }
    if (layout.modifierColumns.length > 0) {
      const cells = this.cellScratch;
      cells.length = 0;
      for (const k of layout.modifierColumns) {
        if (k >= n) continue;
        if (hasValue(r, k)) this.readModifiers(r.valStart[k]!, r.valEnd[k]!, modifiers);
        cells.push({ column: k, ...insertCell(r, k) });
      }
      return cells.length > 0 ? { kind: 'csv-columns', cells: cells.slice() } : null;
    }
    if (this.codeCellSeparator === null) return null;
    const codeCol = this.codeColumn;
    return { kind: 'csv-cell', column: codeCol, ...insertCell(r, codeCol), separator: this.codeCellSeparator };
  }

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
    line.code = this.code;
    line.codeStart = this.codeSpan.start;
    line.codeEnd = this.codeSpan.end;
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
  private readonly cellScratch: { column: number; cellSpan: Span; quoted: boolean }[] = [];
  private readonly strings = new Map<string, string>();

  /** A provider cell's NPI (one string per distinct NPI, as for codes), or null when the row has none. */
  private providerCell(r: CsvReader, k: number): string | null {
    const value = cellOrNull(r, k);
    return value === null ? null : this.intern(value);
  }

  /** One string per distinct code, modifier or NPI (a few hundred values repeated over many rows). */
  private intern(s: string): string {
    const known = this.strings.get(s);
    if (known !== undefined) return known;
    if (this.strings.size >= 50000) this.strings.clear();
    // Its own copy: a file read in pieces must not keep a piece alive through a long value.
    const own = detached(s);
    this.strings.set(own, own);
    return own;
  }

  /** Separator between the first two modifiers read by the last readModifiers() call, or ''. */
  private firstSeparator = '';

  /** Appends each run of letters and digits in text[start, end) as a modifier. */
  private readModifiers(start: number, end: number, out: Modifier[]): void {
    const text = this.text;
    let i = start;
    let count = 0;
    let prevEnd = -1;
    this.firstSeparator = '';
    while (i < end) {
      while (i < end && !isAlphanumeric(text.charCodeAt(i))) i++;
      if (i >= end) break;
      const s = i;
      while (i < end && isAlphanumeric(text.charCodeAt(i))) i++;
      if (count === 1) this.firstSeparator = text.slice(prevEnd, s);
      out.push({ value: this.intern(text.slice(s, i)), span: { start: s, end: i } });
      prevEnd = i;
      count++;
    }
  }
}

/**
 * The cell a fix writes a modifier into: the whole cell, or the text inside its Excel text
 * formula (="59"), so that a modifier added goes inside the formula's quotes.
 */
function insertCell(r: CsvReader, k: number): { cellSpan: Span; quoted: boolean } {
  const inner = excelTextSpan(r, k);
  return inner !== null ? { cellSpan: inner, quoted: false } : { cellSpan: r.cellSpan(k), quoted: r.isQuoted(k) };
}
