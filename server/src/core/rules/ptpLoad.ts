// Loading a PTP table: finding where the data starts in a CMS quarterly file (a preamble of any
// length, a header wrapped over several lines) or a CSV/TSV export, which delimiter and column
// layout it uses, and adding its rows to a rule set, with a problem for each malformed row.

import * as codes from './codes';
import { PreambleLines } from './preambleLines';
import { CMS_PTP_COLUMNS, columnsFromHeader, NO_PREEXISTING_COLUMNS, type PtpColumns } from './ptpColumns';
import { fieldsAsLine, quoteForMessage, RowScan, scanPtpRow } from './ptpRows';
import { PtpRuleSet } from './ptpTable';
import { CANDIDATE_DELIMITERS, guessDelimiter, splitDelimitedLine } from './delimitedText';
import { ProblemList, type LoadProblem } from './loadProblems';
import { forEachLine, type TextContent } from './textInput';

// Local bindings for the per-row hot path: transpiled to CommonJS, each call through an import
// goes through an export getter, which costs a few hundred ms over a million rows.
const procedureCodeKey = codes.procedureCodeKey;
const dateNumberAt = codes.dateNumberAt;

// ---------------------------------------------------------------------------------------------
// Telling data rows from the preamble

function splitLine(line: string, delimiter: string): string[] {
  return line.indexOf('"') < 0 ? line.split(delimiter) : splitDelimitedLine(line, delimiter);
}

function isBlankRow(line: string): boolean {
  return /^[\s,;|"]*$/.test(line);
}

function isCodeField(field: string | undefined): boolean {
  if (field === undefined) return false;
  const trimmed = field.trim();
  return procedureCodeKey(trimmed, 0, trimmed.length) >= 0;
}

// ---------------------------------------------------------------------------------------------
// Loading a table

/** What loading one table did. */
export interface PtpLoadResult {
  source: string;
  /** The rule set the rows went into. */
  rules: PtpRuleSet;
  /** Rows added. */
  rows: number;
  /** Malformed rows (skipped) and file-level problems; at most MAX_PROBLEMS_PER_FILE plus a summary. */
  problems: LoadProblem[];
  /** Field delimiter found (tab for the CMS files), or null when the file had no PTP rows. */
  delimiter: string | null;
}

/**
 * Loads a PTP table into `into` (a new rule set by default): the CMS quarterly text layout
 * (tab-separated, latin-1, a preamble of any length before the data) or CSV/TSV with the same
 * columns, with or without a header row. A data row is a line whose column 1 and column 2 are
 * procedure codes; rows that look like data but are malformed are reported and skipped. Preamble
 * and header lines are not rows wherever they appear: after the first data row, a line of the
 * preamble again (the CMS parts joined into one file) or a header row is skipped quietly.
 */
export function loadPtpTable(content: TextContent, source: string, into: PtpRuleSet = new PtpRuleSet()): PtpLoadResult {
  const problems = new ProblemList(source);
  const scan = new RowScan();
  const sourceId = into.sourceId(source);
  let rows = 0;
  let delimiter: string | null = null;
  let columns: Readonly<PtpColumns> = CMS_PTP_COLUMNS;
  // Before the first data row: the most recent header row seen in the preamble.
  let headerDelimiter: string | null = null;
  let headerColumns: PtpColumns | null = null;
  // The lines before the first data row: met again among the rows (the CMS parts of a table
  // joined with cat), they are preamble, not malformed rows.
  const preamble = new PreambleLines();

  const addRow = (text: string, start: number, end: number, rowDelimiter: string, lineNumber: number, quotesAreText = false) => {
    const problem = scanPtpRow(text, start, end, rowDelimiter, columns, scan, quotesAreText);
    if (problem === null) {
      into.addScanned(scan, sourceId);
      rows++;
    } else if (scan.columnOneKey >= 0) {
      problems.add(lineNumber, problem);
    } else {
      const line = text.slice(start, end);
      if (!isBlankRow(line) && !isPreamble(line, rowDelimiter)) problems.add(lineNumber, `not a PTP row: ${problem}`);
    }
  };
  /** A line of the preamble again, or a header row (an export that repeats its header). */
  const isPreamble = (line: string, rowDelimiter: string): boolean => preamble.has(line) || columnsFromHeader(splitLine(line, rowDelimiter)) !== null;
  const addFields = (fields: readonly string[], lineNumber: number) => {
    const line = fieldsAsLine(fields);
    addRow(line, 0, line.length, '\t', lineNumber, true);
  };

  forEachLine(content, (text, start, end, lineNumber) => {
    if (delimiter !== null) {
      addRow(text, start, end, delimiter, lineNumber);
      return;
    }
    const line = text.slice(start, end);
    if (isBlankRow(line)) return;

    // Still in the preamble: is this the first data row?
    if (headerDelimiter !== null && headerColumns !== null) {
      const fields = splitLine(line, headerDelimiter);
      if (isCodeField(fields[headerColumns.columnOne]) && isCodeField(fields[headerColumns.columnTwo])) {
        delimiter = headerDelimiter;
        columns = headerColumns;
        addFields(fields, lineNumber);
        return;
      }
    }
    for (const candidate of CANDIDATE_DELIMITERS) {
      if (!line.includes(candidate)) continue;
      const fields = splitLine(line, candidate);
      if (isCodeField(fields[0]) && isCodeField(fields[1])) {
        delimiter = candidate;
        if (headerColumns !== null && headerDelimiter === candidate) columns = headerColumns;
        else if (fields.length >= 5 && dateNumberAt(fields[2]!.trim(), 0, fields[2]!.trim().length) >= 0) {
          columns = NO_PREEXISTING_COLUMNS;
        } else columns = CMS_PTP_COLUMNS;
        addFields(fields, lineNumber);
        return;
      }
    }

    const guessed = guessDelimiter(line);
    const cells = splitLine(line, guessed);
    if (isCodeField(cells[0])) {
      // Looks like data but is not a complete row: report it rather than take it for preamble.
      problems.add(
        lineNumber,
        cells.length < 2
          ? 'too few fields: expected a tab- or comma-separated PTP row'
          : `column 2 ${quoteForMessage(cells[1]!.trim())} is not a procedure code`,
      );
      return;
    }
    preamble.remember(line);
    const header = columnsFromHeader(cells);
    if (header) {
      headerColumns = header;
      headerDelimiter = guessed;
    }
  });

  if (delimiter === null && problems.count === 0) {
    problems.add(
      0,
      'no PTP rows found: expected the CMS tab-separated table, or CSV/TSV with column 1, column 2, effective date, deletion date and modifier indicator',
    );
  }
  return { source, rules: into, rows, problems: problems.finish(), delimiter };
}
