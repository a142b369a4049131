// The row layer of a PTP table: reading one row of a CMS PTP file (or of CSV/TSV with the same
// columns, or of the built-in JSON) into field bounds and values, with the reason when it is
// malformed. The loader (ptpLoad.ts) and the rule set (ptpTable.ts) use the scanner directly;
// ptp.ts re-exports only parsePtpFields and the row types.

import type { DateNumber } from '../model';
import * as codes from './codes';
import { CMS_PTP_COLUMNS, headerColumn, type PtpColumns } from './ptpColumns';
import { splitDelimitedLine } from './delimitedText';
import { valueForMessage } from './loadProblems';

/** 0 = never together, no modifier helps; 1 = allowed with an NCCI-associated modifier; 9 = void. */
export type ModifierIndicator = '0' | '1' | '9';

/** One row of a PTP table. */
export interface PtpRow {
  columnOne: string;
  columnTwo: string;
  /** `*` in the CMS table: the edit existed before 1996. */
  preexisting: boolean;
  effective: DateNumber;
  /** null when the edit has not been deleted (`*` in the CMS table). */
  deletion: DateNumber | null;
  modifierIndicator: ModifierIndicator;
  rationale: string;
}

// Local bindings for the per-row hot path: transpiled to CommonJS, each call through an import
// goes through an export getter, which costs a few hundred ms over a million rows.
const procedureCodeKey = codes.procedureCodeKey;
const dateNumberAt = codes.dateNumberAt;

export const INDICATORS: readonly ModifierIndicator[] = ['0', '1', '9'];

/** A field for a problem message: quoted when it is a header word or shaped like a rule-file value, else only its length. */
export function quoteForMessage(text: string): string {
  return headerColumn(text) !== null ? JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text) : valueForMessage(text);
}

/** Field bounds and values of one scanned row; reused from row to row so scanning allocates nothing. */
export class RowScan {
  static readonly MAX_FIELDS = 256;
  /** The string the bounds index into (a chunk of the file, or a rebuilt line). */
  text = '';
  readonly starts = new Int32Array(RowScan.MAX_FIELDS);
  readonly ends = new Int32Array(RowScan.MAX_FIELDS);
  fieldCount = 0;
  columnOneKey = -1;
  columnTwoKey = -1;
  /** Where the codes start in text. */
  columnOneAt = 0;
  columnTwoAt = 0;
  effective = 0;
  /** 0 = not deleted. */
  deletion = 0;
  /** Index in INDICATORS. */
  indicator = 0;
  preexisting = false;
  rationaleStart = 0;
  rationaleEnd = 0;
  /**
   * Cache for scanFields: the position of the next `"` in the current chunk (-1: none), and the
   * start and length of the line it was last used for, which tell a new chunk from the same one
   * without comparing text (see scanFields).
   */
  nextQuote = -1;
  quoteLineStart = -1;
  quoteTextLength = -1;
}

function isBlank(code: number): boolean {
  return code === 32 || code === 9 || code === 0xa0;
}

/**
 * Records the trimmed bounds of each field of text[start, end) in scan.starts/ends. Returns false,
 * unless quotesAreText, when the line has a double quote (it needs the quote-aware splitter).
 */
function scanFields(text: string, start: number, end: number, delimiter: string, scan: RowScan, quotesAreText: boolean): boolean {
  if (!quotesAreText) {
    // The next quote in this chunk, found once and reused while lines are before it. forEachLine
    // visits the lines of a chunk in order and starts each chunk at 0, so a line that does not
    // start after the previous one (or a text of another length) is a new chunk. The chunk is
    // never compared by value: two chunks of a table of identical rows are equal strings that are
    // not the same string, and comparing them cost a megabyte a line.
    const newChunk = start <= scan.quoteLineStart || text.length !== scan.quoteTextLength;
    if (newChunk || (scan.nextQuote >= 0 && scan.nextQuote < start)) scan.nextQuote = text.indexOf('"', start);
    scan.quoteLineStart = start;
    scan.quoteTextLength = text.length;
    if (scan.nextQuote >= 0 && scan.nextQuote < end) return false;
  }
  const { starts, ends } = scan;
  let count = 0;
  let fieldStart = start;
  for (;;) {
    let next = text.indexOf(delimiter, fieldStart);
    if (next < 0 || next > end) next = end;
    let s = fieldStart;
    let e = next;
    while (s < e && isBlank(text.charCodeAt(s))) s++;
    while (e > s && isBlank(text.charCodeAt(e - 1))) e--;
    if (count < RowScan.MAX_FIELDS) {
      starts[count] = s;
      ends[count] = e;
    }
    count++;
    if (next === end) break;
    fieldStart = next + 1;
  }
  scan.fieldCount = count;
  return true;
}

function fieldText(scan: RowScan, index: number): string {
  return quoteForMessage(scan.text.slice(scan.starts[index]!, scan.ends[index]!));
}

/** Fields already split (quote-aware, or from JSON) as one tab-separated line for scanPtpRow. */
export function fieldsAsLine(fields: readonly string[]): string {
  return fields.map((field) => (field.includes('\t') ? field.replace(/\t/g, ' ') : field)).join('\t');
}

/**
 * THE row parser: every PTP row, from a CMS file, a CSV/TSV file or the built-in JSON, is checked
 * here. Reads text[start, end), fills `scan` and returns null, or returns why the row is
 * malformed (scan.columnOneKey < 0 when column 1 is not a procedure code: then it is not a data
 * row at all). `quotesAreText`: the fields were already split, a `"` is just a character.
 */
export function scanPtpRow(
  text: string,
  start: number,
  end: number,
  delimiter: string,
  columns: Readonly<PtpColumns>,
  scan: RowScan,
  quotesAreText = false,
): string | null {
  scan.text = text;
  if (!scanFields(text, start, end, delimiter, scan, quotesAreText)) {
    // Quoted fields: split properly, then scan the fields as a tab-separated line.
    const line = fieldsAsLine(splitDelimitedLine(text.slice(start, end), delimiter));
    scan.text = line;
    scanFields(line, 0, line.length, '\t', scan, true);
  }
  const line = scan.text;
  const { starts, ends } = scan;
  const count = Math.min(scan.fieldCount, RowScan.MAX_FIELDS);
  const columnOneKey = columns.columnOne < count ? procedureCodeKey(line, starts[columns.columnOne]!, ends[columns.columnOne]!) : -1;
  scan.columnOneKey = columnOneKey;
  if (columnOneKey < 0) {
    return columns.columnOne < count ? `column 1 ${fieldText(scan, columns.columnOne)} is not a procedure code` : 'too few fields';
  }
  const required = Math.max(columns.columnTwo, columns.effective, columns.modifierIndicator);
  if (count <= required) {
    return `too few fields (${scan.fieldCount}): expected column 1, column 2, effective date and modifier indicator at least`;
  }
  scan.columnOneAt = starts[columns.columnOne]!;
  scan.columnTwoAt = starts[columns.columnTwo]!;
  scan.columnTwoKey = procedureCodeKey(line, scan.columnTwoAt, ends[columns.columnTwo]!);
  if (scan.columnTwoKey < 0) return `column 2 ${fieldText(scan, columns.columnTwo)} is not a procedure code`;

  scan.effective = dateNumberAt(line, starts[columns.effective]!, ends[columns.effective]!);
  if (scan.effective < 0) return `effective date ${fieldText(scan, columns.effective)} is not a YYYYMMDD date`;

  scan.deletion = 0;
  if (columns.deletion >= 0 && columns.deletion < count) {
    const from = starts[columns.deletion]!;
    const to = ends[columns.deletion]!;
    if (to > from && !(to - from === 1 && line.charCodeAt(from) === 42) /* `*` = none */) {
      scan.deletion = dateNumberAt(line, from, to);
      if (scan.deletion < 0) return `deletion date ${fieldText(scan, columns.deletion)} is not a YYYYMMDD date or *`;
    }
  }

  const indicatorAt = starts[columns.modifierIndicator]!;
  const indicator = ends[columns.modifierIndicator]! - indicatorAt === 1 ? line.charCodeAt(indicatorAt) : 0;
  scan.indicator = indicator === 48 ? 0 : indicator === 49 ? 1 : indicator === 57 ? 2 : -1;
  if (scan.indicator < 0) return `modifier indicator ${fieldText(scan, columns.modifierIndicator)} is not 0, 1 or 9`;

  scan.preexisting = false;
  if (columns.preexisting >= 0 && columns.preexisting < count) {
    const from = starts[columns.preexisting]!;
    const to = ends[columns.preexisting]!;
    // `*` in the CMS files; Y/Yes/X/1 in home-made tables.
    scan.preexisting = to > from && (line.charCodeAt(from) === 42 || !/^(?:n|no|false|0)$/i.test(line.slice(from, to)));
  }
  if (columns.rationale >= 0 && columns.rationale < count) {
    scan.rationaleStart = starts[columns.rationale]!;
    scan.rationaleEnd = ends[columns.rationale]!;
  } else {
    scan.rationaleStart = scan.rationaleEnd = 0;
  }
  return null;
}

const sharedScan = new RowScan();

/**
 * Parses one row's fields (as split from a line, or as stored in the built-in JSON) into a PtpRow,
 * or returns the reason it is malformed. The same parser as the table loader's.
 */
export function parsePtpFields(fields: readonly string[], columns: Readonly<PtpColumns> = CMS_PTP_COLUMNS): PtpRow | string {
  const line = fieldsAsLine(fields);
  const scan = sharedScan;
  const problem = scanPtpRow(line, 0, line.length, '\t', columns, scan, true);
  if (problem !== null) return problem;
  const text = (index: number) => scan.text.slice(scan.starts[index]!, scan.ends[index]!);
  return {
    columnOne: text(columns.columnOne).toUpperCase(),
    columnTwo: text(columns.columnTwo).toUpperCase(),
    preexisting: scan.preexisting,
    effective: scan.effective,
    deletion: scan.deletion === 0 ? null : scan.deletion,
    modifierIndicator: INDICATORS[scan.indicator]!,
    rationale: scan.text.slice(scan.rationaleStart, scan.rationaleEnd),
  };
}
