// Finding the header row of a claim CSV and its delimiter (the role of each column: columnLayout.ts).

import { mapColumns, type ColumnLayout } from './columnLayout';
import { unwrapExcelText } from './excelText';
import { CsvReader } from './reader';
import { isWellFormedProcedureCode } from './values';

export type Delimiter = ',' | '\t' | ';' | '|';
export const DELIMITERS: readonly Delimiter[] = [',', '\t', ';', '|'];

export interface HeaderInfo {
  separator: Delimiter;
  /** Offset of the header row. */
  start: number;
  /** 1-based physical line of the header row. */
  line: number;
  layout: ColumnLayout;
}

/** Lines before the header that can be skipped: titles such as "Claims export" (at most this many). */
const MAX_PREAMBLE_LINES = 10;
/**
 * No header name or title is longer than this: a cell that is (raw text between delimiters, a
 * binary or single-line file) ends the search for a header. The line itself may be as long as
 * its columns make it. A quoted section that runs past it is taken as an unterminated quote (the
 * line is then read up to its first raw line break).
 */
const MAX_HEADER_CELL = 4096;
/** Nor has a header more columns than a spreadsheet (16,384 in Excel): a longer run of delimiters is data. */
const MAX_HEADER_COLUMNS = 16384;
/** Data rows sampled to confirm a generically named procedure-code column. */
const WEAK_SAMPLE_ROWS = 20;

interface LineScan {
  end: number;
  next: number;
  counts: number[];
  /** What the scan read depends on text[0, reach) alone (past the end of the text when it ran into it). */
  reach: number;
  /** A cell of the line is longer than MAX_HEADER_CELL, or it has MAX_HEADER_COLUMNS cells: no header (nor title) does. */
  tooLong?: boolean;
}

/**
 * Scans one line for the delimiter candidates outside quotes. A quote opens a quoted section only
 * at the start of the line or after a candidate delimiter (spaces allowed in between).
 */
function scanLine(text: string, pos: number): LineScan {
  const counts = [0, 0, 0, 0];
  let inQuotes = false;
  let fieldStart = true;
  // Where the current cell began (after the last candidate delimiter).
  let cellStart = pos;
  let i = pos;
  const len = text.length;
  for (; i < len; i++) {
    const c = text.charCodeAt(i);
    if (inQuotes) {
      if (c === 34) {
        if (text.charCodeAt(i + 1) === 34) i++;
        else inQuotes = false;
      } else if (i - cellStart > MAX_HEADER_CELL) {
        break;
      }
      continue;
    }
    if (c === 10 || c === 13) {
      return { end: i, next: i + (c === 13 && text.charCodeAt(i + 1) === 10 ? 2 : 1), counts, reach: i + 2 };
    }
    if (i - cellStart > MAX_HEADER_CELL) return { end: i, next: i, counts, tooLong: true, reach: i + 1 };
    const d = c === 44 ? 0 : c === 9 ? 1 : c === 59 ? 2 : c === 124 ? 3 : -1;
    if (d >= 0) {
      if (++counts[d]! >= MAX_HEADER_COLUMNS) return { end: i, next: i, counts, tooLong: true, reach: i + 1 };
      fieldStart = true;
      cellStart = i + 1;
    } else if (c === 34 && fieldStart) {
      inQuotes = true;
    } else if (c !== 32) {
      fieldStart = false;
    }
  }
  if (!inQuotes) return { end: len, next: len, counts, reach: len + 1 };
  // A quote that does not close (soon): fall back to the first raw line break, no quotes.
  // The quoted scan above read up to i (the end of the text when it got there).
  const quotedReach = i >= len ? len + 1 : i + 2;
  const fallback: LineScan = { end: len, next: len, counts: [0, 0, 0, 0], reach: len + 1 };
  cellStart = pos;
  for (i = pos; i < len; i++) {
    const c = text.charCodeAt(i);
    if (i - cellStart > MAX_HEADER_CELL) return { end: i, next: i, counts, tooLong: true, reach: Math.max(quotedReach, i + 1) };
    if (c === 10 || c === 13) {
      fallback.end = i;
      fallback.next = i + (c === 13 && text.charCodeAt(i + 1) === 10 ? 2 : 1);
      fallback.reach = Math.max(quotedReach, i + 2);
      break;
    }
    const d = c === 44 ? 0 : c === 9 ? 1 : c === 59 ? 2 : c === 124 ? 3 : -1;
    if (d >= 0) {
      if (++fallback.counts[d]! >= MAX_HEADER_COLUMNS) return { end: i, next: i, counts, tooLong: true, reach: Math.max(quotedReach, i + 1) };
      cellStart = i + 1;
    }
  }
  return fallback;
}

function recordValues(line: string, sep: Delimiter): string[] {
  const r = new CsvReader(line, sep);
  if (!r.next()) return [];
  const out: string[] = [];
  for (let k = 0; k < r.cellCount; k++) out.push(r.value(k));
  return out;
}

function countLineBreaks(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) n++;
  }
  return n;
}

/**
 * Picks the delimiter for a header line: among the candidates that occur in it, the one whose
 * columns include a procedure code, then the most recognized columns, then the most occurrences.
 * A line with none of them is a single column.
 */
function bestLayout(line: string, counts: number[]): { sep: Delimiter; layout: ColumnLayout } {
  let best: { sep: Delimiter; layout: ColumnLayout; score: number } | null = null;
  for (let d = 0; d < DELIMITERS.length; d++) {
    if (counts[d] === 0) continue;
    const sep = DELIMITERS[d]!;
    const layout = mapColumns(recordValues(line, sep));
    const score = (layout.procedureCode >= 0 ? 1e9 : 0) + layout.otherRoleCount * 1e6 + counts[d]!;
    if (best === null || score > best.score) best = { sep, layout, score };
  }
  if (best !== null) return best;
  return { sep: ',', layout: mapColumns(recordValues(line, ',')) };
}

/** A code cell written with its modifiers ("43214-59", "43200 XS:LT"), as rows.ts splits it: the code. */
const CODE_WITH_MODIFIERS = /^\s*([A-Za-z0-9]{5})(?:[ \-:,;]+[A-Za-z0-9]{2})+\s*$/;

/** The procedure code a cell holds: the cell (inside an Excel text formula), or the code it writes before its modifiers. */
function codeOfCell(cell: string): string {
  const value = unwrapExcelText(cell);
  return CODE_WITH_MODIFIERS.exec(value)?.[1] ?? value;
}

function hasWellFormedCode(text: string, sep: Delimiter, pos: number, col: number, reach: HeaderReach): boolean {
  const r = new CsvReader(text, sep, pos);
  let seen = 0;
  let found = false;
  let unterminated = false;
  while (seen < WEAK_SAMPLE_ROWS && r.next()) {
    // A quote never closed was looked for up to the end of the text.
    if (r.unterminatedQuote >= 0) unterminated = true;
    if (r.isBlank()) continue;
    seen++;
    if (col < r.cellCount && isWellFormedProcedureCode(codeOfCell(r.value(col)))) {
      found = true;
      break;
    }
  }
  // The reader peeks one character past a record's line break (CR LF); at the end it ran into the end.
  const end = unterminated || r.pos >= text.length ? text.length + 1 : r.pos + 1;
  reach.end = Math.max(reach.end, end);
  return found;
}

/**
 * How far findHeader read: its answer depends on text[0, end) alone, so the same header is found
 * in any longer text that starts with those characters (a file read in pieces checks this before
 * trusting its first piece). Past the end of the text when it ran into it.
 */
export interface HeaderReach {
  end: number;
}

/**
 * Finds the header row: the first non-blank line, or a later one when the lines before it look
 * like a title (at most two non-empty cells each, at most MAX_PREAMBLE_LINES of them). The header
 * must name a procedure-code column and another claim column (claim id, patient, date, modifiers,
 * units, charge); a first-line header may instead consist only of recognized columns ("CPT").
 * Returns null for a file that is not a claim CSV.
 */
export function findHeader(text: string, reach: HeaderReach = { end: 0 }): HeaderInfo | null {
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let seen = 0;
  reach.end = Math.max(reach.end, 1);
  while (pos < text.length && seen <= MAX_PREAMBLE_LINES) {
    const scan = scanLine(text, pos);
    reach.end = Math.max(reach.end, scan.reach);
    if (scan.tooLong) return null;
    const line = text.slice(pos, scan.end);
    let blank = true;
    for (let i = 0; i < line.length && blank; i++) {
      const c = line.charCodeAt(i);
      if (c !== 32 && c !== 9) blank = false;
    }
    if (!blank) {
      const { sep, layout } = bestLayout(line, scan.counts);
      // A code column alone makes a claim file only when every named column is understood: a
      // list of codes ("CPT", "CPT,Line") is one claim, a code table ("HCPCS,Short Description",
      // e.g. a descriptor file) is not.
      const onlyKnown = layout.headers.every((h, k) => h === '' || layout.roles[k] !== null);
      if (layout.procedureCode >= 0 && (layout.otherRoleCount > 0 || (seen === 0 && onlyKnown))) {
        if (
          !layout.weakProcedureCode ||
          (layout.otherRoleCount > 0 && hasWellFormedCode(text, sep, scan.next, layout.procedureCode, reach))
        ) {
          return { separator: sep, start: pos, line: 1 + countLineBreaks(text, 0, pos), layout };
        }
      }
      const nonEmpty = layout.headers.filter((h) => h !== '').length;
      if (nonEmpty > 2) return null;
      seen++;
    }
    pos = scan.next;
  }
  // Ran out of text (or of preamble lines, which the text so far decided).
  if (pos >= text.length) reach.end = text.length + 1;
  return null;
}
