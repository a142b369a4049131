// Loads an NCCI add-on code (AOC) table: the one CMS publishes as a spreadsheet, saved as
// tab-delimited text or CSV, reading the columns by their header names: at least `Add-on Code`,
// `Primary Code`, `AOC Edit Type`, `AOC Effective Date`, `AOC Deletion Date`, `Primary Code
// Effective Date`, `Primary Code Deletion Date` and `Special Instruction Notes`, and CMS's own
// names (`AOC Del Dt`, `AOC Edit Eff Dt`, `AOC Edit Del Dt`, `Primary Code Del Dt`, with or
// without "(Julian)").

import { isCalendarDate, isLeapYear } from '../dates';
import type { DateNumber } from '../model';
import { isProcedureCode } from './codes';
import { PreambleLines } from './preambleLines';
import { forEachTableRecord } from './records';
import { CANDIDATE_DELIMITERS, splitDelimitedLine } from './delimitedText';
import { ProblemList, valueForMessage, type LoadProblem } from './loadProblems';
import type { TextContent } from './textInput';
import { AOC_NO_EFFECTIVE_DATE, NO_PRIMARY_CODE, type AocEditType, type AocRow, type AocTable } from './aoc';
import { AOC_HEADER_SEARCH_LINES, COLUMN_WORDS, columnsOf, isHeader, type AocColumn, type AocColumns } from './aocColumns';

// ---------------------------------------------------------------------------------------------
// Dates

const DAYS_BEFORE_MONTH = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];

function dateNumber(year: number, month: number, day: number): DateNumber | -1 {
  if (year < 1900 || year > 9999 || !isCalendarDate(year, month, day)) return -1;
  return year * 10000 + month * 100 + day;
}

/**
 * A date as the AOC tables write it: Julian YYYYDDD (CMS's form: 2024001 is January 1, 2024),
 * YYYYMMDD, MM/DD/YYYY (M/D/YYYY too) or YYYY-MM-DD. Returns CCYYMMDD, or -1 when the text is none of these.
 */
export function parseAocDate(text: string): DateNumber | -1 {
  const trimmed = text.trim();
  if (/^\d{7}$/.test(trimmed)) {
    const year = Number(trimmed.slice(0, 4));
    const dayOfYear = Number(trimmed.slice(4));
    const leap = isLeapYear(year) ? 1 : 0;
    if (dayOfYear < 1 || dayOfYear > 365 + leap) return -1;
    let month = 12;
    while (month > 1 && DAYS_BEFORE_MONTH[month - 1]! + (month > 2 ? leap : 0) >= dayOfYear) month--;
    return dateNumber(year, month, dayOfYear - DAYS_BEFORE_MONTH[month - 1]! - (month > 2 ? leap : 0));
  }
  if (/^\d{8}$/.test(trimmed)) return dateNumber(Number(trimmed.slice(0, 4)), Number(trimmed.slice(4, 6)), Number(trimmed.slice(6)));
  let match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(trimmed);
  if (match) return dateNumber(Number(match[3]), Number(match[1]), Number(match[2]));
  match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(trimmed);
  if (match) return dateNumber(Number(match[1]), Number(match[2]), Number(match[3]));
  return -1;
}

/** What loading one AOC file did. */
export interface AocLoadResult {
  source: string;
  /** Rows added. */
  rows: number;
  /** Malformed rows (skipped) and file-level problems; at most MAX_PROBLEMS_PER_FILE plus a summary. */
  problems: LoadProblem[];
}

const TYPE_CELL = /^(?:type\s*)?(1|2|3|i{1,3})(?![0-9a-z])/i;

function editTypeOf(text: string): AocEditType | null {
  const match = TYPE_CELL.exec(text.trim());
  if (match === null) return null;
  const value = match[1]!.toUpperCase();
  return (value === '1' || value === 'I' ? 1 : value === '2' || value === 'II' ? 2 : 3) as AocEditType;
}

/** The row a record gives, or why it cannot be used. */
function rowOf(fields: readonly string[], columns: AocColumns, source: string): AocRow | string {
  const cell = (column: AocColumn): string => {
    const index = columns[column];
    return index >= 0 && index < fields.length ? fields[index]!.trim() : '';
  };
  const addOn = cell('addOn').toUpperCase();
  if (addOn === '') return 'no add-on code';
  if (!isProcedureCode(addOn)) return `add-on code ${valueForMessage(addOn)} is not a procedure code`;

  const typeText = cell('type');
  const type = editTypeOf(typeText);
  if (type === null) return `AOC edit type ${valueForMessage(typeText.slice(0, 8))} of ${addOn} is not 1, 2 or 3`;

  const primaryText = cell('primary').toUpperCase();
  let primary: string | null = null;
  if (primaryText !== '' && primaryText !== NO_PRIMARY_CODE) {
    if (!isProcedureCode(primaryText)) return `primary code ${valueForMessage(primaryText)} of ${addOn} is not a procedure code or ${NO_PRIMARY_CODE}`;
    primary = primaryText;
  }
  if (type === 1 && primary === null) return `${addOn} is a Type 1 add-on code but the row lists no primary code`;

  // Dates: an empty (or *) cell is no date; the add-on needs an effective date when the table has a column for one.
  const date = (column: AocColumn): DateNumber | null | string => {
    if (columns[column] < 0) return null;
    const text = cell(column);
    if (text === '' || text === '*') return null;
    const value = parseAocDate(text);
    return value < 0 ? `${COLUMN_WORDS[column]} ${valueForMessage(text)} of ${addOn} is not a date (YYYYDDD, YYYYMMDD or MM/DD/YYYY)` : value;
  };
  const addOnEffective = date('addOnEffective');
  const editEffective = date('editEffective');
  const addOnDeletion = date('addOnDeletion');
  const editDeletion = date('editDeletion');
  for (const value of [addOnEffective, editEffective, addOnDeletion, editDeletion]) if (typeof value === 'string') return value;
  if (addOnEffective === null && editEffective === null && (columns.addOnEffective >= 0 || columns.editEffective >= 0)) {
    return `${COLUMN_WORDS[columns.addOnEffective >= 0 ? 'addOnEffective' : 'editEffective']} of ${addOn} is empty`;
  }
  let primaryEffective: DateNumber | null = null;
  let primaryDeletion: DateNumber | null = null;
  if (primary !== null) {
    const effective = date('primaryEffective');
    const deletion = date('primaryDeletion');
    if (typeof effective === 'string') return effective;
    if (typeof deletion === 'string') return deletion;
    primaryEffective = effective;
    primaryDeletion = deletion;
  }
  const effectives = [addOnEffective, editEffective].filter((d): d is number => typeof d === 'number');
  const deletions = [addOnDeletion, editDeletion].filter((d): d is number => typeof d === 'number');
  return {
    addOn,
    primary,
    type,
    addOnEffective: effectives.length > 0 ? Math.max(...effectives) : AOC_NO_EFFECTIVE_DATE,
    addOnDeletion: deletions.length > 0 ? Math.min(...deletions) : null,
    primaryEffective,
    primaryDeletion,
    notes: cell('notes'),
    source,
  };
}

function withArticle(words: string): string {
  return `${/^[aeiouAEIOU]/.test(words) ? 'an' : 'a'} ${words}`;
}

function isBlankRecord(fields: readonly string[]): boolean {
  return fields.every((field) => field.trim() === '');
}

/**
 * Loads an AOC table into `into`. The header row (within the first 20 lines; lines before it,
 * such as a title, are skipped) names the columns; the add-on code, primary code and edit type
 * columns are required. Rows with a malformed code, type or date are reported with their line
 * and skipped; the good rows are kept. The lines before the header, or the header, met again among
 * the rows (parts joined into one file) are skipped quietly.
 */
export function loadAocTable(content: TextContent, source: string, into: AocTable): AocLoadResult {
  const problems = new ProblemList(source);
  // Set by the record callback (kept in an object: a local variable's narrowing would not see it).
  const found: {
    header: { columns: AocColumns; delimiter: string; line: number } | null;
    /** A header naming the add-on column but not the primary or type column (reported when no better one follows). */
    partial: { columns: AocColumns; line: number } | null;
  } = { header: null, partial: null };
  let searching = true;
  let rows = 0;
  // The records before the first row (a title, the header), which a file joined from two parts has again among its rows.
  const preamble = new PreambleLines();

  const takeRecord = (record: string, line: number): void => {
    const header = found.header;
    if (header === null) {
      if (!searching) return;
      if (line > AOC_HEADER_SEARCH_LINES) {
        searching = false;
        return;
      }
      preamble.remember(record);
      for (const delimiter of CANDIDATE_DELIMITERS) {
        if (!record.includes(delimiter)) continue;
        const columns = columnsOf(splitDelimitedLine(record, delimiter));
        if (columns.addOn < 0) continue;
        if (!isHeader(columns)) {
          found.partial ??= { columns, line };
          continue;
        }
        found.header = { columns, delimiter, line };
        return;
      }
      return;
    }
    const fields = record.indexOf('"') < 0 ? record.split(header.delimiter) : splitDelimitedLine(record, header.delimiter);
    if (isBlankRecord(fields)) return;
    const row = rowOf(fields, header.columns, source);
    if (typeof row === 'string') {
      // A title or the header again (parts joined into one file, a repeated header row) is not a row.
      const addOn = fields[header.columns.addOn]?.trim() ?? '';
      if (!isProcedureCode(addOn) && (preamble.has(record) || isHeader(columnsOf(fields)))) return;
      problems.add(line, row);
      return;
    }
    into.add(row);
    rows++;
  };
  forEachTableRecord(content, takeRecord, () => found.header, problems);

  const header = found.header;
  if (header === null) {
    const partial = found.partial;
    if (partial !== null) {
      const missing = (['primary', 'type'] as const).filter((column) => partial.columns[column] < 0).map((column) => withArticle(`${COLUMN_WORDS[column]} column`));
      problems.add(0, `not an add-on code table: the header on line ${partial.line} names an add-on code column but not ${missing.join(' or ')}`);
    } else {
      problems.add(0, `not an add-on code table: no Add-on Code column in the first ${AOC_HEADER_SEARCH_LINES} lines`);
    }
  } else if (rows === 0 && problems.count === 0) {
    problems.add(0, `no add-on code rows found after the header on line ${header.line}`);
  }
  return { source, rows, problems: problems.finish() };
}
