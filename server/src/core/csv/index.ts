// Claim CSV parsing: text -> claims, service lines and findings, plus a CsvIndex for hovers.
//
// Design (see also reader.ts, header.ts, values.ts, columns.ts):
// - One pass over the text after the header. Each record is tokenized into reused typed arrays;
//   strings are built only for the cells a claim needs. Memory beyond the claim model is one
//   Uint32Array of record start offsets (for CsvIndex.locate, which re-reads a single record).
// - The header is the first non-blank line (or a later one after a short title preamble). Its
//   delimiter is the candidate (comma, tab, semicolon, pipe) occurring outside quotes that yields
//   a procedure-code column and the most recognized columns. A file whose header has no
//   procedure-code column, or a code column beside only unrecognized ones (a code table such as a
//   descriptor file), is not a claim CSV: parseCsv returns format 'csv' with no claims, no findings
//   and no index, and looksLikeClaimCsv is false.
// - Blank records (only spaces and delimiters) are skipped, and so is a repeat of the header row.
//
// Model choices for CSV:
// - ServiceLine.lineNumber is the 1-based physical line number where the row starts (what the
//   editor shows), as a string.
// - ServiceLine.span is the row plus its line break, so removing it removes the row. The last row
//   of a file without a final line break takes the line break BEFORE it instead, so removing it
//   leaves no empty last line. That line break also ends the previous row's span: a fix removing
//   both of the last two rows must merge their spans rather than send overlapping edits.
// - ServiceLine.recordSpan is the row without its line break.
// - codeSpan, dateSpan, chargeSpan and modifier spans are the spans of the trimmed values, inside
//   the quotes when quoted. Escaped quotes ("") inside a value make the span longer than the value.
// - modifierInsert: {kind:'csv-cell'} for one modifiers column, {kind:'csv-columns'} for numbered
//   columns (only the columns the row actually has). cellSpan is everything between the
//   delimiters (quotes and spaces included); `quoted` tells whether the cell is quoted. To add a
//   modifier: with csv-cell insert `separator + modifier` after the last modifier's span, or
//   replace cellSpan with the modifier when the cell holds none; with csv-columns replace the
//   cellSpan of the first cell that holds no modifier. `separator` is the one the cell already
//   uses, else " " when the delimiter is a comma and "," otherwise.
//   When the file has no modifier column but a code cell reads "99213-25" (a code followed by
//   two-character modifiers), the code and modifiers are split and csv-cell points at that cell.
// - Claims: rows are grouped by claim id in order of first appearance (rows of one claim need not
//   be adjacent); a row with an empty claim id continues the claim of the row before it. Without a
//   claim-id column rows are grouped by patient + date of service (an empty patient or date takes
//   the previous row's), id "<patient> <YYYY-MM-DD>"; with neither column the whole file is one
//   claim with id "". Claim.span runs from the start of its first row to the end of its last row
//   (line break excluded). totalCharge is the sum of the line charges in cents (each charge
//   rounded to cents first, as the X12 reader adds them; null when no line has one); totalChargeText/Span, dateOfService/dateSpan and transactionIndex are null.
// - Findings name lines and columns, never cell contents.
// - To keep a 1M-row file within reach, lines without modifiers share one frozen empty array, each
//   single-day DateRange is one shared frozen object, and codes and modifiers are interned. Treat
//   the model as read-only (mutating these throws in strict mode rather than corrupting others).

import type {
  Claim,
  CsvColumnRole,
  CsvIndex,
  CsvPosition,
  DateRange,
  Finding,
  Modifier,
  ModifierInsertPoint,
  ParsedDocumentWithIndex,
  ServiceLine,
  Span,
} from '../model';
import { CPT_SHAPE, HCPCS_SHAPE } from '../procedureCodes';
import { claimKindOfCell } from './columns';
import { findHeader, mapColumns, type ColumnLayout } from './header';
import { CELL_ESCAPED, CELL_JUNK, CsvReader } from './reader';
import {
  alphanumericRuns,
  DAY_FIRST_ONLY,
  dateOrderEvidence,
  isAlphanumeric,
  MONTH_FIRST_ONLY,
  isWellFormedProcedureCode,
  parseAmount,
  parseDateOfService,
  parseUnits,
  type DateOrder,
} from './values';
import { lastAtOrBefore } from '../search';
import { toCents } from '../x12/values';

export { COLUMN_NAMES, EXTRA_COLUMN_NAMES, normalizeHeader } from './columns';
export { TWO_DIGIT_YEAR_PIVOT } from './values';

export const CSV_RULES = {
  rowShort: 'csv.row-short',
  dateInvalid: 'csv.date-invalid',
  amountInvalid: 'csv.amount-invalid',
  unitsInvalid: 'csv.units-invalid',
  procedureCodeInvalid: 'csv.procedure-code-invalid',
  quoteUnterminated: 'csv.quote-unterminated',
  noPatientColumn: 'csv.no-patient-column',
} as const;

/** True when the text is a CSV/TSV whose header names a procedure-code column. Reads only the first lines. */
export function looksLikeClaimCsv(text: string): boolean {
  return findHeader(text) !== null;
}

function emptyDocument(): ParsedDocumentWithIndex {
  return { format: 'csv', claims: [], findings: [], interchanges: [], groups: [], transactions: [] };
}

export function parseCsv(text: string): ParsedDocumentWithIndex {
  // Month first unless a date column can only be read day first (see RowParser.checkDateOrder):
  // rows already read are then read again in the other order.
  let dates: DateReading = { order: 'month-first', settled: false };
  for (;;) {
    try {
      return parseCsvWith(text, dates);
    } catch (error) {
      if (!(error instanceof DateOrderChange)) throw error;
      dates = error.next;
    }
  }
}

/** The order day-and-month-first dates are read in, and whether finding another is still possible. */
interface DateReading {
  order: DateOrder;
  /** True when the date columns mix both orders: they are read month first, and no row changes that. */
  settled: boolean;
}

/** Thrown by RowParser when the rows read so far show the date order must change; parseCsv starts again. */
class DateOrderChange {
  constructor(readonly next: DateReading) {}
}

/**
 * Which order CSV dates such as 03/04/2026 were read in: 'day-first' when the date column can
 * only be read that way (a day over 12 in some row and no month over 12), else 'month-first'.
 */
export function dateOrderOf(index: CsvIndex): DateOrder {
  return index instanceof CsvIndexImpl ? index.dateOrder : 'month-first';
}

/**
 * A line for the date hover saying how a date cell with day and month before the year was read,
 * or '' for other cells (2026-10-15, 20261015) and other indexes.
 */
export function dateOrderNote(index: CsvIndex, cellValue: string): string {
  if (!(index instanceof CsvIndexImpl) || !/^\s*\d{1,2}[/.-]\d{1,2}[/.-]\d/.test(cellValue)) return '';
  return index.dateOrder === 'day-first'
    ? '\n\nRead day first (DD/MM/YYYY): a row of this column has a day over 12 in the first place.'
    : '\n\nRead month first (MM/DD/YYYY).';
}

function parseCsvWith(text: string, dates: DateReading): ParsedDocumentWithIndex {
  const header = findHeader(text);
  const doc = emptyDocument();
  if (header === null) return doc;
  const literalQuotes = new Set<number>();
  const reader = new CsvReader(text, header.separator, header.start, header.line, literalQuotes);
  reader.next();
  const headerSpan: Span = { start: reader.recordStart, end: reader.recordEnd };
  const headers: string[] = [];
  for (let k = 0; k < reader.cellCount; k++) headers.push(reader.value(k));
  const layout = mapColumns(headers);
  if (layout.procedureCode < 0) return doc;
  const parser = new RowParser(text, header.separator, layout, doc, dates);
  parser.quoteCheck(reader);
  const starts = new RecordStarts();
  starts.push(reader.recordStart);
  while (reader.next()) {
    if (reader.isBlank()) continue;
    if (parser.isRepeatedHeader(reader)) continue;
    starts.push(reader.recordStart);
    parser.row(reader);
  }
  parser.finish();
  if (layout.patientId < 0 && layout.claimId < 0 && doc.claims.length > 0) {
    doc.findings.push({
      rule: CSV_RULES.noPatientColumn,
      severity: 'information',
      message:
        'No patient, member or claim id column: when looking for NCCI conflicts every row is taken as the same patient. ' +
        'Add a patient or claim id column to check each patient on their own.',
      span: headerSpan,
    });
  }
  doc.csv = new CsvIndexImpl(text, header.separator, headers, layout.roles, starts.done(), literalQuotes, dates.order);
  return doc;
}

/**
 * Shared by every line without modifiers; frozen so that a mutation fails loudly instead of
 * changing every such line.
 */
const NO_MODIFIERS: Modifier[] = Object.freeze([]) as unknown as Modifier[];

class RecordStarts {
  private a = new Uint32Array(1024);
  private n = 0;
  push(v: number): void {
    if (this.n === this.a.length) {
      const b = new Uint32Array(this.a.length * 2);
      b.set(this.a);
      this.a = b;
    }
    this.a[this.n++] = v;
  }
  done(): Uint32Array {
    return this.a.subarray(0, this.n);
  }
}

interface ClaimState {
  claim: Claim;
  /** Sum of the line charges in whole cents, each line rounded as the X12 reader rounds it. */
  cents: number;
  hasCharge: boolean;
}

function formatDate(d: number): string {
  const s = String(d);
  return `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}`;
}

class RowParser {
  private readonly claimsById = new Map<string, ClaimState>();
  private readonly states: ClaimState[] = [];
  private current: ClaimState | null = null;
  private lastPatient = '';
  private lastDateKey = '';
  private lastDateLabel = '';
  private readonly headerCount: number;
  private readonly defaultSeparator: string;
  private readonly lowerHeaders: string[];

  constructor(
    private readonly text: string,
    separator: string,
    private readonly layout: ColumnLayout,
    private readonly doc: ParsedDocumentWithIndex,
    private readonly dates: DateReading,
  ) {
    // Trailing columns without a header name (a header ending in a delimiter) are not required.
    let count = layout.headers.length;
    while (count > 0 && layout.headers[count - 1] === '') count--;
    this.headerCount = count;
    this.defaultSeparator = separator === ',' ? ' ' : ',';
    this.lowerHeaders = layout.headers.map((h) => h.toLowerCase());
  }

  private columnName(k: number): string {
    const h = this.layout.headers[k];
    return h ? `column "${h}"` : `column ${k + 1}`;
  }

  private finding(rule: string, severity: Finding['severity'], message: string, span: Span): void {
    this.doc.findings.push({ rule, severity, message, span });
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

  row(r: CsvReader): void {
    const text = this.text;
    const layout = this.layout;
    const n = r.cellCount;
    const lineNo = r.recordLine;
    this.quoteCheck(r);
    const recordSpan: Span = { start: r.recordStart, end: r.recordEnd };
    if (n < this.headerCount) {
      const missing = layout.headers.slice(n).map((h, i) => (h ? `"${h}"` : `column ${n + i + 1}`));
      const list =
        missing.length > 5
          ? `${missing.slice(0, 5).join(', ')} and ${missing.length - 5} more`
          : missing.length === 1
            ? missing[0]!
            : `${missing.slice(0, -1).join(', ')} and ${missing[missing.length - 1]}`;
      this.finding(
        CSV_RULES.rowShort,
        'warning',
        `Line ${lineNo} has ${n} field${n === 1 ? '' : 's'} but the header has ${this.headerCount}; missing ${list}.`,
        recordSpan,
      );
    }
    const codeCol = layout.procedureCode;
    if (codeCol >= n) return;

    // Procedure code (and modifiers written into the code cell: "99213-25").
    let code = this.intern(r.value(codeCol));
    let codeSpan: Span = r.valueSpan(codeCol);
    const scratch = this.modifierScratch;
    scratch.length = 0;
    let modifierInsert: ModifierInsertPoint | null = null;
    let codeCellSeparator: string | null = null;
    if (code.length > 5 && (r.flags[codeCol]! & (CELL_ESCAPED | CELL_JUNK)) === 0) {
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
            scratch.push({ value: this.intern(text.slice(run.start, run.end)), span: { start: run.start, end: run.end } });
          }
          codeCellSeparator = text.slice(runs[0]!.end, runs[1]!.start);
        }
      }
    }
    if (code === '') {
      this.finding(
        CSV_RULES.procedureCodeInvalid,
        'warning',
        `Line ${lineNo}: ${this.columnName(codeCol)} is empty; expected a procedure code.`,
        codeSpan,
      );
    } else if (!isWellFormedProcedureCode(code)) {
      this.finding(
        CSV_RULES.procedureCodeInvalid,
        'warning',
        `Line ${lineNo}: the value in ${this.columnName(codeCol)} is not a well-formed procedure code; ` +
          `expected ${CPT_SHAPE}, ${HCPCS_SHAPE} or a CDT code (D and 4 digits).`,
        codeSpan,
      );
    }

    // Modifiers.
    if (layout.modifiers >= 0) {
      const k = layout.modifiers;
      if (k < n) {
        if (r.valEnd[k]! > r.valStart[k]!) {
          this.readModifiers(r.valStart[k]!, r.valEnd[k]!, scratch);
        } else {
          this.firstSeparator = '';
        }
        modifierInsert = {
          kind: 'csv-cell',
          column: k,
          cellSpan: r.cellSpan(k),
          quoted: r.isQuoted(k),
          separator: this.firstSeparator !== '' ? this.firstSeparator : this.defaultSeparator,
        };
      }
    } else if (layout.modifierColumns.length > 0) {
      const cells = this.cellScratch;
      cells.length = 0;
      for (const k of layout.modifierColumns) {
        if (k >= n) continue;
        if (r.valEnd[k]! > r.valStart[k]!) this.readModifiers(r.valStart[k]!, r.valEnd[k]!, scratch);
        cells.push({ column: k, cellSpan: r.cellSpan(k), quoted: r.isQuoted(k) });
      }
      if (cells.length > 0) modifierInsert = { kind: 'csv-columns', cells: cells.slice() };
    } else if (codeCellSeparator !== null) {
      modifierInsert = {
        kind: 'csv-cell',
        column: codeCol,
        cellSpan: r.cellSpan(codeCol),
        quoted: r.isQuoted(codeCol),
        separator: codeCellSeparator,
      };
    }

    // Exact-size arrays: an array grown by push() keeps room for 17 elements.
    const modifiers: Modifier[] = scratch.length === 0 ? NO_MODIFIERS : scratch.slice();

    // Date of service.
    let dateOfService: DateRange | null = null;
    let dateSpan: Span | null = null;
    let dateText = '';
    const dateCol = layout.dateOfService;
    if (dateCol >= 0 && dateCol < n && r.valEnd[dateCol]! > r.valStart[dateCol]!) {
      dateText = r.value(dateCol);
      const span = r.valueSpan(dateCol);
      const range = parseDateOfService(dateText, this.dates.order);
      this.checkDateOrder();
      if (range === null) {
        this.dateFinding(lineNo, dateCol, span, this.mixedOrderRow() ? 'day-first-in-month-first' : 'unreadable');
      } else {
        dateOfService = this.singleDay(range);
        dateSpan = span;
        const toCol = layout.dateOfServiceTo;
        if (toCol >= 0 && toCol < n && r.valEnd[toCol]! > r.valStart[toCol]!) {
          const to = parseDateOfService(r.value(toCol), this.dates.order);
          this.checkDateOrder();
          if (to === null) this.dateFinding(lineNo, toCol, r.valueSpan(toCol), this.mixedOrderRow() ? 'day-first-in-month-first' : 'unreadable-end');
          else if (to.from !== to.to) this.dateFinding(lineNo, toCol, r.valueSpan(toCol), 'range-as-end');
          else if (to.from < range.from) this.dateFinding(lineNo, toCol, r.valueSpan(toCol), 'before-start');
          else if (range.from === range.to) {
            dateOfService = { from: range.from, to: to.to };
          }
        }
      }
    }

    // Units and charge.
    let units: number | null = null;
    let unitsSpan: Span | null = null;
    const unitsCol = layout.units;
    if (unitsCol >= 0 && unitsCol < n && r.valEnd[unitsCol]! > r.valStart[unitsCol]!) {
      unitsSpan = r.valueSpan(unitsCol);
      units = parseUnits(r.value(unitsCol));
      if (units === null) {
        this.finding(
          CSV_RULES.unitsInvalid,
          'warning',
          `Line ${lineNo}: the value in ${this.columnName(unitsCol)} is not a number of units; expected e.g. 1 or 2.5.`,
          r.valueSpan(unitsCol),
        );
      }
    }
    let charge: number | null = null;
    let chargeText: string | null = null;
    let chargeSpan: Span | null = null;
    const chargeCol = layout.charge;
    if (chargeCol >= 0 && chargeCol < n && r.valEnd[chargeCol]! > r.valStart[chargeCol]!) {
      chargeText = r.value(chargeCol);
      chargeSpan = r.valueSpan(chargeCol);
      charge = parseAmount(chargeText);
      if (charge === null) {
        this.finding(
          CSV_RULES.amountInvalid,
          'error',
          `Line ${lineNo}: the value in ${this.columnName(chargeCol)} is not an amount; expected e.g. 125.00, 1250 or $1,250.00.`,
          chargeSpan,
        );
      }
    }

    // Claim.
    const state = this.claimFor(r, dateOfService, dateText);
    const claim = state.claim;
    let span: Span;
    if (r.recordNext > r.recordEnd) {
      span = { start: r.recordStart, end: r.recordNext };
    } else {
      let s = r.recordStart;
      if (s > 0 && text.charCodeAt(s - 1) === 10) s -= s > 1 && text.charCodeAt(s - 2) === 13 ? 2 : 1;
      else if (s > 0 && text.charCodeAt(s - 1) === 13) s -= 1;
      span = { start: s, end: r.recordEnd };
    }
    const line: ServiceLine = {
      index: claim.lines.length,
      lineNumber: String(lineNo),
      lineNumberSpan: null,
      qualifier: null,
      code,
      codeSpan,
      modifiers,
      modifierInsert,
      charge,
      chargeText,
      chargeSpan,
      units,
      unitsSpan,
      dateOfService,
      dateSpan,
      dateInherited: false,
      providerId: this.cellOrNull(r, this.layout.providerId),
      span,
      segmentCount: 0,
      recordSpan,
    };
    if (claim.kind === null && this.layout.claimType >= 0) {
      const type = this.cellOrNull(r, this.layout.claimType);
      if (type !== null) claim.kind = claimKindOfCell(type);
    }
    claim.lines.push(line);
    claim.span.end = r.recordEnd;
    if (charge !== null) {
      state.cents += toCents(charge);
      state.hasCharge = true;
    }
  }

  private readonly modifierScratch: Modifier[] = [];
  private readonly cellScratch: { column: number; cellSpan: Span; quoted: boolean }[] = [];
  private readonly strings = new Map<string, string>();

  /** One string per distinct code or modifier (a few hundred values repeated over many rows). */
  private intern(s: string): string {
    const known = this.strings.get(s);
    if (known !== undefined) return known;
    if (this.strings.size >= 50000) this.strings.clear();
    this.strings.set(s, s);
    return s;
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

  /** One shared, frozen DateRange per single day (most rows repeat a handful of dates). */
  private singleDay(range: DateRange): DateRange {
    if (range.from !== range.to) return range;
    let shared = this.days.get(range.from);
    if (shared === undefined) {
      if (this.days.size >= 100000) this.days.clear();
      shared = Object.freeze(range);
      this.days.set(range.from, shared);
    }
    return shared;
  }

  private readonly days = new Map<number, DateRange>();

  /** A date read so far showed month first (10/15/2026): a later day-first one means the column mixes both. */
  private sawMonthFirst = false;

  /**
   * After each date cell read: the first one that can only be read day first (15/10/2026) makes
   * the whole file read day first, unless a month-first one was seen; a month-first one in a file
   * read day first means the columns mix both orders, and the file is read month first again.
   */
  private checkDateOrder(): void {
    const evidence = dateOrderEvidence();
    if (evidence === 0 || this.dates.settled) return;
    if (evidence & MONTH_FIRST_ONLY) {
      if (this.dates.order === 'day-first') throw new DateOrderChange({ order: 'month-first', settled: true });
      this.sawMonthFirst = true;
    }
    if (evidence & DAY_FIRST_ONLY && this.dates.order === 'month-first' && !this.sawMonthFirst) {
      throw new DateOrderChange({ order: 'day-first', settled: false });
    }
  }

  /** Whether the date cell just read is day first in a file read month first. */
  private mixedOrderRow(): boolean {
    return this.dates.order === 'month-first' && (dateOrderEvidence() & DAY_FIRST_ONLY) !== 0;
  }

  /**
   * A date cell that cannot be used: `unreadable` in the date-of-service column (which may hold
   * one date or a range), or in the "to" column (one date, the last day of service) a value that
   * is `unreadable-end`, a `range-as-end`, or a date `before-start`.
   */
  private dateFinding(
    lineNo: number,
    col: number,
    span: Span,
    problem: 'unreadable' | 'unreadable-end' | 'range-as-end' | 'before-start' | 'day-first-in-month-first',
  ): void {
    const column = this.columnName(col);
    const forms = 'YYYY-MM-DD, MM/DD/YYYY, M/D/YY or YYYYMMDD';
    const message =
      problem === 'day-first-in-month-first'
        ? `Line ${lineNo}: the date in ${column} reads only as day/month/year, but other rows of ${column} are month/day/year; ` +
          'write every date in one order (YYYY-MM-DD cannot be misread).'
        : problem === 'before-start'
        ? `Line ${lineNo}: the date in ${column} is before the date of service it should end.`
        : problem === 'range-as-end'
          ? `Line ${lineNo}: ${column} holds a range of dates; it should hold one date, the last day of service (${forms}).`
          : problem === 'unreadable-end'
            ? `Line ${lineNo}: the value in ${column} is not a readable date; expected ${forms}.`
            : `Line ${lineNo}: the value in ${column} is not a readable date; expected ${forms}, or a range "from - to".`;
    this.finding(CSV_RULES.dateInvalid, 'error', message, span);
  }

  private newClaim(id: string, idSpan: Span | null, patientId: string | null, r: CsvReader): ClaimState {
    const claim: Claim = {
      index: this.states.length,
      id,
      idSpan,
      patientId,
      patientKey: '',
      billingProviderId: null,
      renderingProviderId: null,
      kind: null,
      totalCharge: null,
      totalChargeText: null,
      totalChargeSpan: null,
      dateOfService: null,
      dateSpan: null,
      lines: [],
      span: { start: r.recordStart, end: r.recordEnd },
      transactionIndex: null,
    };
    const state: ClaimState = { claim, cents: 0, hasCharge: false };
    this.states.push(state);
    this.doc.claims.push(claim);
    return state;
  }

  /** Where the previous row's claim id was written (to skip the map for runs of one claim). */
  private lastIdStart = -1;
  private lastIdLength = -1;

  private claimFor(r: CsvReader, date: DateRange | null, dateText: string): ClaimState {
    const layout = this.layout;
    const n = r.cellCount;
    const patientCol = layout.patientId;
    let state: ClaimState | undefined;
    if (layout.claimId >= 0) {
      const idCol = layout.claimId;
      const vs = idCol < n ? r.valStart[idCol]! : 0;
      const length = idCol < n ? r.valEnd[idCol]! - vs : 0;
      if (length === 0) {
        state = this.current ?? undefined;
        this.lastIdLength = -1;
      } else if (this.current !== null && length === this.lastIdLength && this.sameText(vs, this.lastIdStart, length)) {
        state = this.current;
      } else {
        state = this.claimsById.get(r.value(idCol));
        this.lastIdStart = vs;
        this.lastIdLength = length;
      }
      if (state === undefined) {
        const id = length === 0 ? '' : r.value(idCol);
        state = this.newClaim(id, length === 0 ? null : r.valueSpan(idCol), null, r);
        this.claimsById.set(id, state);
      }
      if (state.claim.patientId === null && patientCol >= 0 && patientCol < n && r.valEnd[patientCol]! > r.valStart[patientCol]!) {
        state.claim.patientId = r.value(patientCol);
      }
    } else {
      let p = patientCol >= 0 && patientCol < n ? r.value(patientCol) : '';
      if (p === '') p = this.lastPatient;
      // An unreadable date groups the rows that wrote the same text, and names the claim with it
      // (a claim id must not repeat: the outline and fixes tell claims apart by it).
      let dateKey = date !== null ? `${date.from}-${date.to}` : dateText === '' ? '' : `?${dateText}`;
      let dateLabel = date === null ? dateText : date.from === date.to ? formatDate(date.from) : `${formatDate(date.from)} - ${formatDate(date.to)}`;
      if (dateKey === '') {
        dateKey = this.lastDateKey;
        dateLabel = this.lastDateLabel;
      }
      this.lastPatient = p;
      this.lastDateKey = dateKey;
      this.lastDateLabel = dateLabel;
      const key = `${p}\u0000${dateKey}`;
      state = this.claimsById.get(key);
      if (state === undefined) {
        const id = p !== '' && dateLabel !== '' ? `${p} ${dateLabel}` : p + dateLabel;
        state = this.newClaim(id, null, p === '' ? null : p, r);
        this.claimsById.set(key, state);
      }
    }
    this.current = state;
    return state;
  }

  /** The trimmed value of column k of the row, or null when the row has no such cell or it is empty. */
  private cellOrNull(r: CsvReader, k: number): string | null {
    if (k < 0 || k >= r.cellCount || r.valEnd[k]! <= r.valStart[k]!) return null;
    const value = r.value(k).trim();
    return value === '' ? null : value;
  }

  private sameText(a: number, b: number, length: number): boolean {
    const text = this.text;
    for (let i = 0; i < length; i++) if (text.charCodeAt(a + i) !== text.charCodeAt(b + i)) return false;
    return true;
  }

  finish(): void {
    const byClaimId = this.layout.claimId >= 0;
    for (const s of this.states) {
      if (s.hasCharge) s.claim.totalCharge = s.cents / 100;
      // The patient as the NCCI checks match them: the patient column, else the claim (each claim
      // its own patient), else '' (the whole file is one patient; parseCsv says so on the header).
      const claim = s.claim;
      claim.patientKey = claim.patientId !== null ? `p\u0000${claim.patientId}` : byClaimId ? `c\u0000${claim.id}\u0000${claim.index}` : '';
    }
  }
}

class CsvIndexImpl implements CsvIndex {
  constructor(
    private readonly text: string,
    readonly separator: string,
    readonly headers: string[],
    readonly roles: (CsvColumnRole | null)[],
    private readonly starts: Uint32Array,
    private readonly literalQuotes: Set<number>,
    readonly dateOrder: DateOrder,
  ) {}

  locate(offset: number): CsvPosition | null {
    const starts = this.starts;
    const lo = lastAtOrBefore(starts, offset);
    if (lo < 0) return null;
    const r = new CsvReader(this.text, this.separator, starts[lo]!, 1, this.literalQuotes);
    if (!r.next() || offset > r.recordEnd) return null;
    let k = -1;
    for (let i = 0; i < r.cellCount; i++) {
      if (r.rawStart[i]! <= offset && offset < r.rawEnd[i]!) {
        k = i;
        break;
      }
      if (offset === r.rawEnd[i]!) {
        k = i;
        break;
      }
    }
    if (k < 0) return null;
    return {
      record: lo,
      column: k,
      header: this.headers[k] ?? '',
      role: this.roles[k] ?? null,
      span: r.cellSpan(k),
      value: r.value(k),
    };
  }
}
