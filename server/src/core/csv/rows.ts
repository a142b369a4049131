// One data row of a claim CSV into a service line: its code and modifiers (rowCodes.ts), dates
// (rowDates.ts), units and charge (rowAmounts.ts), with a finding for each cell that cannot be
// read (naming line and column, never the value but a claim type's own words or a one-digit
// frequency) and for a row whose shape does not fit the header (rowShape.ts); and what the row
// says of its claim: its kind and frequency (rowClaimKind.ts). Totals rows are left out
// (totalsRows.ts). The line goes to its claim through RowClaims. (Model notes:
// see index.ts; rule ids: csvRules.ts.)

import type { DateRange, Finding, Modifier, ModifierInsertPoint, Span, TotalsRowCells } from '../model';
import { CsvServiceLine } from './csvLine';
import { providerIdAsWritten } from './values';
import { NO_MODIFIERS } from '../x12/values';
import type { ColumnLayout } from './columnLayout';
import { DateCells, type DateReading } from './rowDates';
import { cellOrNull, hasValue, type CsvReader } from './reader';
import { isProfessionalRevenueCodeAt } from '../rules/claimTables';
import { TotalsRows } from './totalsRows';
import { CSV_RULES } from './csvRules';
import { RowShape } from './rowShape';
import { CodeCells } from './rowCodes';
import { AmountCells } from './rowAmounts';
import { ClaimCells, type KindOfClaims } from './rowClaimKind';

export { DateOrderChange, type DateReading } from './rowDates';
export { CSV_RULES, noDateColumnFinding, noUnitsColumnFinding, patientColumnNote } from './csvRules';

/** Where RowParser puts each row's line: the claims of the whole model (ClaimGrouper), or those of a file read in pieces. */
export interface RowClaims<S> extends KindOfClaims<S> {
  /** `frequency`: the claim frequency code the row names (claimFrequency.ts), or null. */
  claimFor(r: CsvReader, date: DateRange | null, dateText: string, frequency: string | null): S;
  /**
   * The date of service the last claimFor grouped its row on: the row's own, or the previous
   * row's when the row's date cell is empty (grouped by claim id: when that row is of the same
   * claim); null when none.
   */
  groupedDate(): DateRange | null;
  /** The text of the date cell groupedDate was read from: '' when the row has none, written or carried (an unreadable one is reported where it is written). */
  groupedDateText(): string;
  /** Whether the line of a row with this code and date is wanted as a ServiceLine (else addLine gets null). */
  wants(code: string, date: DateRange | null): boolean;
  /** The index the claim's next line gets. */
  lineCount(state: S): number;
  /**
   * The row's line, or null when it was not wanted (the row is still a line of its claim);
   * `professionalRevenue`: its revenue code is a professional-fee one (claimTables.ts), which makes
   * the claim, on a critical access hospital's bill, judged by the practitioner table too.
   */
  addLine(state: S, line: CsvServiceLine | null, r: CsvReader, professionalRevenue: boolean): void;
  /**
   * Whether no row of the claim has named a provider yet (a rendering or billing NPI): the next row
   * that names one names the claim's (nameProvider), which its rows with empty provider cells take.
   */
  needsProvider(state: S): boolean;
  /** The claim's provider, named by its first row that names one (needsProvider). */
  nameProvider(state: S, provider: string): void;
  /** Once every row is in. */
  finish(): void;
  /** The rows now come from `text`. */
  moveTo(text: string): void;
}

export class RowParser<S> {
  /** The row against the header (quotes, cell counts, a repeated header): rowShape.ts. */
  private readonly shape: RowShape;
  /** The row's code and modifiers: rowCodes.ts. */
  private readonly codes: CodeCells;
  /** The row's kind of claim and frequency: rowClaimKind.ts. */
  private readonly claimCells: ClaimCells<S>;
  private readonly totals: TotalsRows;

  // What the steps of row() read from the current row, in the fields of their readers rather than
  // returned objects: this runs for every row of files of a million rows.
  /** The date of service of the current row: rowDates.ts. */
  private readonly dates: DateCells;
  /** The units and charge of the current row: rowAmounts.ts. */
  private readonly amounts: AmountCells;

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
    this.amounts = new AmountCells(layout, separator !== ',', columnName, finding);
    this.claimCells = new ClaimCells(layout, claims, columnName, finding);
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
    // Cells missing or past the header (csv.row-short, csv.row-long): they may not be under their headers.
    const short = shape.shortRow(r);
    const cellsShifted = shape.longRow(r) || short;
    const layout = this.layout;
    if (layout.procedureCode >= r.cellCount && !(layout.otherProcedureCode >= 0 && layout.otherProcedureCode < r.cellCount)) return;
    const scratch = this.modifierScratch;
    scratch.length = 0;
    const codes = this.codes;
    codes.read(r, scratch);
    codes.checkModifiers(r, scratch);
    this.dates.read(r);
    this.amounts.read(r);
    const dates = this.dates;
    // Before the claim is chosen: rows of one claim id naming another frequency are another claim.
    const state = this.claims.claimFor(r, dates.dateOfService, dates.dateText, this.claimCells.readFrequency(r));
    this.claimCells.readKind(r, state);
    // The date the row is grouped on: its own, or the row before's when its date cell is empty.
    const date = this.claims.groupedDate();
    // A code with no date, written or carried: never paired, counted or looked at for add-on codes.
    if (date === null && codes.code !== '' && this.claims.groupedDateText() === '' && layout.dateOfService >= 0) {
      const column = this.columnName(layout.dateOfService);
      this.finding(CSV_RULES.dateMissing, 'warning', `Line ${r.recordLine}: ${column} is empty, and no row of its claim before it gives a date of service: no NCCI edit is checked on this line (the checks pair the lines of one day). Write the date of service.`, codes.codeSpan);
    }
    const revenue = this.layout.revenueCode;
    const professionalRevenue = codes.code !== '' && hasValue(r, revenue) && isProfessionalRevenueCodeAt(r.text, r.valStart[revenue]!, r.valEnd[revenue]!);
    // The claim's provider, for its rows whose provider cells are empty (the claim's fields written
    // on its first row only, or a rendering NPI left blank on some rows): read from every row, kept
    // or not, until one names it.
    if (this.claims.needsProvider(state)) {
      const provider = this.providerCell(r, layout.providerId) ?? this.providerCell(r, layout.billingProviderId);
      if (provider !== null) this.claims.nameProvider(state, provider);
    }
    // The modifier cells are read only for a line that is made (checkModifiers has reported their problems).
    if (!this.claims.wants(codes.code, date)) {
      this.claims.addLine(state, null, r, professionalRevenue);
      return;
    }
    // A row with cells missing or past its header's last column may have them shifted from their
    // headers: no fix writes into them (the row may still be removed whole).
    const insert = codes.modifierCells(r, scratch);
    const modifierInsert = cellsShifted ? null : insert;
    // Exact-size arrays: an array grown by push() keeps room for 17 elements.
    const modifiers: Modifier[] = scratch.length === 0 ? NO_MODIFIERS : scratch.slice();
    const line = this.serviceLine(r, this.claims.lineCount(state), modifiers, modifierInsert, date);
    line.cellsShifted = cellsShifted;
    if (codes.cellsFull) line.modifierCellsFull = true;
    line.professionalRevenue = professionalRevenue;
    this.claims.addLine(state, line, r, professionalRevenue);
  }

  /**
   * Sets the claims' totals, patient keys and inherited kinds once every row is in; then says of
   * the first claim whose kind is still unknown that it is judged as professional (ClaimCells.finish).
   */
  finish(): void {
    this.claims.finish();
    this.claimCells.finish();
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

  /** The charge and units cells of the totals rows taken so far. */
  get totalsCells(): TotalsRowCells[] {
    return this.totals.kept;
  }

  // ---- the steps of row() ------------------------------------------------------------------

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
    const amounts = this.amounts;
    line.charge = amounts.charge;
    line.chargeText = amounts.chargeText;
    const charge = amounts.chargeSpan;
    if (charge !== null) {
      line.chargeStart = charge.start;
      line.chargeEnd = charge.end;
    }
    line.units = amounts.units;
    const units = amounts.unitsSpan;
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
    // The rendering NPI, else the billing NPI (as an 837P line's provider falls back to 2010AA);
    // null when the row names neither: it is then the claim's (RowClaims.nameProvider).
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
  /**
   * A provider cell's NPI (one string per distinct NPI, as for codes), or null when the row has
   * none; an NPI a spreadsheet saved as a number (1234567893.0, 1.234567893E+09) is read as its digits.
   */
  private providerCell(r: CsvReader, k: number): string | null {
    const value = cellOrNull(r, k);
    return value === null ? null : this.codes.intern(providerIdAsWritten(value));
  }
}
