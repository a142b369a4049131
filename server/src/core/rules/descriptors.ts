// Code descriptors for hovers: Claimlint's built-in ones (43214 only) merged with the user's
// licensed CPT file or the public HCPCS file, saved as CSV/TSV.

import { detached } from '../text';
import { firstKeyAtOrAfter } from '../search';
import { MAX_RECORD_LINES, UNCLOSED_QUOTE_PROBLEM } from './records';
import { procedureCodeKey } from './codes';
import { descriptorHeaderColumn, HCPCS_MODIFIER_RECORD_IDS, HEADERLESS_DESCRIPTOR_COLUMNS, type DescriptorColumns } from './descriptorColumns';
import { CANDIDATE_DELIMITERS, guessDelimiter, parseDelimited, splitDelimitedLine } from './delimitedText';
import { ProblemList, valueForMessage, type LoadProblem } from './loadProblems';
import { decodeText, type TextContent } from './textInput';

export const BUILTIN_SOURCE = 'builtin';

export interface CodeDescriptor {
  code: string;
  short?: string;
  long?: string;
  /** 'builtin' for Claimlint's own, else the file it was loaded from (licensed: say so in hovers). */
  source: string;
  /** Claimlint's billing note and plain-language summary (built-in codes only). */
  guideline?: string;
  clinicalSummary?: string;
}

/** Descriptors by code; a later set() for the same code replaces the descriptor text. */
export class DescriptorTable {
  private readonly byCode = new Map<string, CodeDescriptor>();
  /** The codes in order, made when first asked for after a change (completion). */
  private sorted: string[] | null = null;

  get size(): number {
    return this.byCode.size;
  }

  get(code: string): CodeDescriptor | undefined {
    return this.byCode.get(code) ?? this.byCode.get(code.trim().toUpperCase());
  }

  /**
   * Adds or replaces a code's descriptor. Short and long text come from the newer descriptor
   * only (never mixed across files, so the source shown is the source of the text); Claimlint's
   * guideline and clinical summary are kept.
   */
  set(descriptor: CodeDescriptor): void {
    const code = descriptor.code.trim().toUpperCase();
    const previous = this.byCode.get(code);
    const merged: CodeDescriptor = { ...descriptor, code };
    if (previous?.guideline !== undefined && merged.guideline === undefined) merged.guideline = previous.guideline;
    if (previous?.clinicalSummary !== undefined && merged.clinicalSummary === undefined) merged.clinicalSummary = previous.clinicalSummary;
    if (!this.byCode.has(code)) this.sorted = null;
    this.byCode.set(code, merged);
  }

  /** The descriptors of the codes that start with `prefix` (upper case), in code order, at most `limit`. */
  startingWith(prefix: string, limit: number): CodeDescriptor[] {
    const sorted = (this.sorted ??= [...this.byCode.keys()].sort());
    // The matches follow the first code not below the prefix.
    const out: CodeDescriptor[] = [];
    for (let i = firstKeyAtOrAfter(sorted.length, (k) => sorted[k]!, prefix); i < sorted.length && out.length < limit && sorted[i]!.startsWith(prefix); i++) out.push(this.byCode.get(sorted[i]!)!);
    return out;
  }
}

/** The line hovers show under a descriptor that came from a user's file. */
export function descriptorNotice(descriptor: CodeDescriptor): string | null {
  return descriptor.source === BUILTIN_SOURCE ? null : `Descriptor from ${descriptor.source} (your file; not distributed with Claimlint)`;
}

export interface DescriptorLoadResult {
  source: string;
  table: DescriptorTable;
  /** Codes read from the file. */
  rows: number;
  problems: LoadProblem[];
}

/** The first line with a value in it (not blanks and delimiters only). */
function firstNonBlankLine(text: string): string {
  for (const line of text.slice(0, 65536).split(/\r\n|\r|\n/)) if (!/^[\s,;|"]*$/.test(line)) return line;
  return '';
}

function isCode(text: string): boolean {
  return procedureCodeKey(text, 0, text.length) >= 0;
}

/**
 * The delimiter of a file from its first line: the candidate whose first field is a procedure
 * code (a headerless file: the descriptor after it may hold commas), else one under which a cell
 * names the code column (a header), else the first that occurs in the line.
 */
function delimiterOf(line: string): string {
  const present = CANDIDATE_DELIMITERS.filter((delimiter) => line.includes(delimiter));
  const cells = (delimiter: string) => splitDelimitedLine(line, delimiter).map((cell) => cell.trim());
  return (
    present.find((delimiter) => isCode(cells(delimiter)[0]!)) ??
    present.find((delimiter) => cells(delimiter).some((cell) => descriptorHeaderColumn(cell) === 'code')) ??
    guessDelimiter(line)
  );
}

function isBlankRecord(fields: readonly string[]): boolean {
  return fields.every((field) => field.trim() === '');
}

/**
 * Loads a descriptor file into `into` (a new table by default): code, short descriptor,
 * optional long descriptor; CSV or TSV (or ; or | separated); header row optional (columns found
 * by name when present); UTF-8 or latin-1. A code on several consecutive rows with an empty short
 * descriptor continues the long descriptor (the HCPCS file splits long text that way). Rows of
 * empty cells, and the HCPCS file's modifier records (by its RECID column), are skipped.
 */
export function loadDescriptorFile(content: TextContent, source: string, into: DescriptorTable = new DescriptorTable()): DescriptorLoadResult {
  const problems = new ProblemList(source);
  const text = decodeText(content);
  // A quote never closed is reported on its line, in line order with the rows' problems below.
  const unclosed: number[] = [];
  let reported = 0;
  const reportUnclosedBefore = (line: number) => {
    for (; reported < unclosed.length && unclosed[reported]! < line; reported++) problems.add(unclosed[reported]!, UNCLOSED_QUOTE_PROBLEM);
  };
  // A quoted cell may hold line breaks (a long descriptor); one still open after MAX_RECORD_LINES
  // lines has a quote that is never closed, as the MUE and add-on code loaders read it (records.ts).
  // Rows of empty cells (a spreadsheet's formatted but empty rows) are no rows.
  const quotes = { maxRecordLines: MAX_RECORD_LINES, onUnclosed: (line: number) => unclosed.push(line) };
  const records = parseDelimited(text, delimiterOf(firstNonBlankLine(text)), quotes).filter((record) => !isBlankRecord(record.fields));
  let columns: Readonly<DescriptorColumns> = HEADERLESS_DESCRIPTOR_COLUMNS;
  let first = 0;
  if (records.length > 0 && !isCode(records[0]!.fields[0]!.trim())) {
    first = 1;
    reportUnclosedBefore(records[0]!.line);
    const named: DescriptorColumns = { code: -1, short: -1, long: -1, recordId: -1 };
    const descriptions: number[] = [];
    records[0]!.fields.forEach((cell, index) => {
      const column = descriptorHeaderColumn(cell);
      if (column === 'description') descriptions.push(index);
      else if (column && named[column] < 0) named[column] = index;
    });
    // A plain "Description" column is the short text when there is no "Short" column, else the long.
    for (const index of descriptions) {
      if (named.short < 0) named.short = index;
      else if (named.long < 0) named.long = index;
    }
    if (named.code >= 0 && (named.short >= 0 || named.long >= 0)) columns = named;
    else problems.add(records[0]!.line, 'header row does not name a code column and a descriptor column; reading columns as code, short, long');
  }

  let rows = 0;
  let previous: CodeDescriptor | null = null;
  // Fields are slices of the file's text (parseDelimited): a kept value is copied, so the table does not hold the whole file.
  const cell = (fields: string[], index: number) => (index >= 0 ? detached((fields[index] ?? '').trim()) : '');
  for (let r = first; r < records.length; r++) {
    const { fields, line } = records[r]!;
    reportUnclosedBefore(line);
    if (columns.recordId >= 0 && HCPCS_MODIFIER_RECORD_IDS.has(cell(fields, columns.recordId))) continue;
    const code = cell(fields, columns.code).toUpperCase();
    if (!isCode(code)) {
      problems.add(line, code === '' ? 'no procedure code' : `code ${valueForMessage(code)} is not a procedure code`);
      continue;
    }
    const short = cell(fields, columns.short);
    const long = cell(fields, columns.long);
    if (previous !== null && previous.code === code && short === '' && long !== '') {
      previous.long = previous.long ? `${previous.long} ${long}` : long;
      continue;
    }
    if (short === '' && long === '') {
      problems.add(line, `no descriptor for ${code}`);
      continue;
    }
    const descriptor: CodeDescriptor = { code, source };
    if (short !== '') descriptor.short = short;
    if (long !== '') descriptor.long = long;
    if (previous !== null) into.set(previous);
    previous = descriptor;
    rows++;
  }
  if (previous !== null) into.set(previous);
  reportUnclosedBefore(Infinity);
  if (rows === 0 && problems.count === 0) problems.add(0, 'no descriptors found');
  return { source, table: into, rows, problems: problems.finish() };
}
