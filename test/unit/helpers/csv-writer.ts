// Test helper: writes synthetic claims as a claim CSV, with the delimiter, quoting, line endings,
// header spellings and value formats chosen by the caller. Shared by the CSV parser tests and by
// any test that needs a claim CSV (checks, hovers, fixes).
//
//   const text = writeClaimsCsv([{ id: 'C1', patientId: 'P1', lines: [{ code: '43214', date: 20240315 }] }],
//     { delimiter: '\t', lineEnding: '\r\n', quote: 'all' });
//
// writeClaimsCsvDetailed() also returns, for every data row, the claim and line it came from and
// where it starts, so tests can find the row a ServiceLine should point at.

import type { CsvColumnRole, DateNumber, DateRange } from '../../../server/src/core/model';

export type CsvDelimiter = ',' | '\t' | ';' | '|';
export type CsvLineEnding = '\n' | '\r\n' | '\r';
export type CsvDateFormat = 'YYYY-MM-DD' | 'MM/DD/YYYY' | 'M/D/YY' | 'YYYYMMDD';
export type CsvChargeFormat = 'plain' | 'dollar' | 'thousands';

export interface WriterLine {
  code: string;
  modifiers?: string[];
  /** A single day (CCYYMMDD) or a range; written in one cell as "from - to" unless the file has a dateOfServiceTo column. */
  date?: DateNumber | DateRange | null;
  units?: number | null;
  charge?: number | null;
  /** Rendering provider (the providerId column). */
  provider?: string;
}

export interface WriterClaim {
  id: string;
  patientId?: string;
  /** Claim type cell (the claimType column), e.g. "professional" or a type of bill. */
  claimType?: string;
  lines: WriterLine[];
}

export interface RowContext {
  claim: WriterClaim;
  line: WriterLine;
  claimIndex: number;
  lineIndex: number;
}

/** A column: a role (written from the claim data) or a custom column with its own values. */
export type WriterColumn =
  | CsvColumnRole
  | 'dateOfServiceTo'
  | { header: string; value: (row: RowContext) => string };

export interface CsvWriteOptions {
  /** Default ','. */
  delimiter?: CsvDelimiter;
  /** Default '\n'. */
  lineEnding?: CsvLineEnding;
  /** Line break after the last row. Default true. */
  trailingLineBreak?: boolean;
  /** Start with U+FEFF. Default false. */
  bom?: boolean;
  /**
   * Which fields to quote: 'minimal' (only when needed: delimiter, quote, CR/LF, leading or
   * trailing space), 'all', or a predicate (row 0 is the header, data rows from 1). Fields that
   * need quotes are always quoted.
   */
  quote?: 'minimal' | 'all' | ((row: number, column: number, value: string) => boolean);
  /** Columns in order. Default: claimId, patientId, dateOfService, procedureCode, modifiers, units, charge. */
  columns?: WriterColumn[];
  /** Header text per role; defaults in DEFAULT_HEADERS. */
  headerNames?: Partial<Record<CsvColumnRole | 'dateOfServiceTo', string>>;
  /** Between modifiers in a single modifiers column. Default ' '. */
  modifierSeparator?: string;
  /** Default 'YYYY-MM-DD'. */
  dateFormat?: CsvDateFormat;
  /** Default 'plain' (125.00); 'dollar' ($125.00); 'thousands' ($1,250.00). */
  chargeFormat?: CsvChargeFormat;
  /** Rows in claim order ('grouped', default) or one line of each claim in turn ('interleaved'). */
  rowOrder?: 'grouped' | 'interleaved';
  /** Lines written before the header (a title preamble). */
  preamble?: string[];
  /** Blank lines to write after data row i (0-based). */
  blankLinesAfter?: (row: number) => number;
}

export const DEFAULT_COLUMNS: WriterColumn[] = [
  'claimId', 'patientId', 'dateOfService', 'procedureCode', 'modifiers', 'units', 'charge',
];

export const DEFAULT_HEADERS: Record<CsvColumnRole | 'dateOfServiceTo', string> = {
  claimId: 'Claim ID',
  patientId: 'Patient ID',
  dateOfService: 'Date of Service',
  dateOfServiceTo: 'To Date',
  procedureCode: 'CPT/HCPCS',
  modifiers: 'Modifiers',
  modifier1: 'Modifier 1',
  modifier2: 'Modifier 2',
  modifier3: 'Modifier 3',
  modifier4: 'Modifier 4',
  units: 'Units',
  charge: 'Charge',
  lineNumber: 'Line',
  providerId: 'Rendering Provider NPI',
  claimType: 'Claim Type',
};

/** Header spellings people use, per role (all recognized by the parser). */
export const HEADER_SPELLINGS: Record<CsvColumnRole | 'dateOfServiceTo', string[]> = {
  claimId: ['Claim ID', 'claim', 'CLAIM_NO', 'Claim Number', 'ClaimID', 'ICN', 'TCN', 'Claim #'],
  patientId: ['Patient ID', 'Member ID', 'MRN', 'Subscriber ID', 'patient', 'Member', 'Account', 'Acct #'],
  dateOfService: ['DOS', 'Date of Service', 'Service Date', 'From Date', 'SVC_DATE', 'DOS From', 'date_of_service'],
  dateOfServiceTo: ['To Date', 'DOS To', 'Thru Date', 'Service To Date'],
  procedureCode: ['CPT', 'HCPCS', 'CPT/HCPCS', 'CPT Code', 'Procedure Code', 'proc', 'Proc Code', 'cpt_code'],
  modifiers: ['Modifiers', 'modifier', 'MODS', 'Mod', 'CPT Modifiers'],
  modifier1: ['Modifier 1', 'MOD1', 'Modifier_1', 'mod 1', 'Modifier A'],
  modifier2: ['Modifier 2', 'MOD2', 'Modifier_2', 'mod 2', 'Modifier B'],
  modifier3: ['Modifier 3', 'MOD3', 'Modifier_3', 'mod 3', 'Modifier C'],
  modifier4: ['Modifier 4', 'MOD4', 'Modifier_4', 'mod 4', 'Modifier D'],
  providerId: ['Rendering Provider NPI', 'Rendering NPI', 'Provider NPI', 'NPI', 'Provider'],
  claimType: ['Claim Type', 'Bill Type', 'Type of Bill', 'TOB'],
  units: ['Units', 'QTY', 'Quantity', 'Days or Units', 'unit'],
  charge: ['Charge', 'Charges', 'Amount', 'Billed', 'Billed Amount', 'Line Charge', 'charge_amt'],
  lineNumber: ['Line', 'Line No', 'line_number', 'Line #'],
};

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

export function formatDate(d: DateNumber, format: CsvDateFormat): string {
  const y = Math.floor(d / 10000);
  const m = Math.floor(d / 100) % 100;
  const day = d % 100;
  switch (format) {
    case 'YYYY-MM-DD':
      return `${pad(y, 4)}-${pad(m, 2)}-${pad(day, 2)}`;
    case 'MM/DD/YYYY':
      return `${pad(m, 2)}/${pad(day, 2)}/${pad(y, 4)}`;
    case 'M/D/YY':
      return `${m}/${day}/${pad(y % 100, 2)}`;
    case 'YYYYMMDD':
      return `${pad(y, 4)}${pad(m, 2)}${pad(day, 2)}`;
  }
}

export function formatCharge(v: number, format: CsvChargeFormat): string {
  const negative = v < 0;
  const fixed = Math.abs(v).toFixed(2);
  let body = fixed;
  if (format === 'thousands') {
    const [int, frac] = fixed.split('.') as [string, string];
    body = `${int.replace(/\B(?=(\d{3})+$)/g, ',')}.${frac}`;
  }
  const withDollar = format === 'plain' ? body : `$${body}`;
  return negative ? `-${withDollar}` : withDollar;
}

function toRange(date: DateNumber | DateRange | null | undefined): DateRange | null {
  if (date === null || date === undefined) return null;
  return typeof date === 'number' ? { from: date, to: date } : date;
}

function needsQuotes(value: string, delimiter: string): boolean {
  return (
    value.includes(delimiter) ||
    value.includes('"') ||
    value.includes('\n') ||
    value.includes('\r') ||
    value !== value.trim()
  );
}

export interface WrittenRow {
  claimIndex: number;
  lineIndex: number;
  /** 1-based physical line where the row starts. */
  line: number;
  /** Offset of the row's first character. */
  start: number;
}

export interface WrittenCsv {
  text: string;
  rows: WrittenRow[];
  headers: string[];
}

export function writeClaimsCsvDetailed(claims: WriterClaim[], options: CsvWriteOptions = {}): WrittenCsv {
  const delimiter = options.delimiter ?? ',';
  const eol = options.lineEnding ?? '\n';
  const columns = options.columns ?? DEFAULT_COLUMNS;
  const dateFormat = options.dateFormat ?? 'YYYY-MM-DD';
  const chargeFormat = options.chargeFormat ?? 'plain';
  const modifierSeparator = options.modifierSeparator ?? ' ';
  const quote = options.quote ?? 'minimal';
  const hasToColumn = columns.includes('dateOfServiceTo');

  const field = (row: number, column: number, value: string): string => {
    const q =
      needsQuotes(value, delimiter) ||
      quote === 'all' ||
      (typeof quote === 'function' && quote(row, column, value));
    return q ? `"${value.split('"').join('""')}"` : value;
  };

  const cellValue = (column: WriterColumn, ctx: RowContext): string => {
    if (typeof column === 'object') return column.value(ctx);
    const { claim, line } = ctx;
    const range = toRange(line.date);
    switch (column) {
      case 'claimId':
        return claim.id;
      case 'patientId':
        return claim.patientId ?? '';
      case 'dateOfService':
        if (range === null) return '';
        if (hasToColumn || range.from === range.to) return formatDate(range.from, dateFormat);
        return `${formatDate(range.from, dateFormat)} - ${formatDate(range.to, dateFormat)}`;
      case 'dateOfServiceTo':
        return range === null ? '' : formatDate(range.to, dateFormat);
      case 'procedureCode':
        return line.code;
      case 'modifiers':
        return (line.modifiers ?? []).join(modifierSeparator);
      case 'modifier1':
        return line.modifiers?.[0] ?? '';
      case 'modifier2':
        return line.modifiers?.[1] ?? '';
      case 'modifier3':
        return line.modifiers?.[2] ?? '';
      case 'modifier4':
        return line.modifiers?.[3] ?? '';
      case 'units':
        return line.units === null || line.units === undefined ? '' : String(line.units);
      case 'charge':
        return line.charge === null || line.charge === undefined ? '' : formatCharge(line.charge, chargeFormat);
      case 'lineNumber':
        return String(ctx.lineIndex + 1);
      case 'providerId':
        return line.provider ?? '';
      case 'claimType':
        return claim.claimType ?? '';
    }
  };

  const headers = columns.map((c) =>
    typeof c === 'object' ? c.header : options.headerNames?.[c] ?? DEFAULT_HEADERS[c],
  );

  const order: RowContext[] = [];
  if (options.rowOrder === 'interleaved') {
    const longest = Math.max(0, ...claims.map((c) => c.lines.length));
    for (let li = 0; li < longest; li++) {
      claims.forEach((claim, ci) => {
        const line = claim.lines[li];
        if (line) order.push({ claim, line, claimIndex: ci, lineIndex: li });
      });
    }
  } else {
    claims.forEach((claim, ci) =>
      claim.lines.forEach((line, li) => order.push({ claim, line, claimIndex: ci, lineIndex: li })),
    );
  }

  const parts: string[] = [];
  let offset = 0;
  let lineNo = 1;
  const emit = (s: string): void => {
    parts.push(s);
    offset += s.length;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c === 10 || (c === 13 && s.charCodeAt(i + 1) !== 10)) lineNo++;
    }
  };
  if (options.bom) {
    parts.push('\uFEFF');
    offset += 1;
  }
  for (const p of options.preamble ?? []) emit(p + eol);
  emit(headers.map((h, k) => field(0, k, h)).join(delimiter));
  const rows: WrittenRow[] = [];
  order.forEach((ctx, i) => {
    emit(eol);
    rows.push({ claimIndex: ctx.claimIndex, lineIndex: ctx.lineIndex, line: lineNo, start: offset });
    emit(columns.map((c, k) => field(i + 1, k, cellValue(c, ctx))).join(delimiter));
    const blanks = options.blankLinesAfter?.(i) ?? 0;
    for (let b = 0; b < blanks; b++) emit(eol);
  });
  if (options.trailingLineBreak ?? true) emit(eol);
  return { text: parts.join(''), rows, headers };
}

export function writeClaimsCsv(claims: WriterClaim[], options: CsvWriteOptions = {}): string {
  return writeClaimsCsvDetailed(claims, options).text;
}
