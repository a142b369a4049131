// NCCI medically unlikely edits (MUE): the most units of a code one provider reports for one
// patient on one date of service. Loads the CMS CSV exactly as downloaded: an AMA notice record
// (one long quoted cell over several lines), then a header record whose first cell is the quoted
// two-line "HCPCS/\nCPT Code", then "<Practitioner | Outpatient Hospital | DME Supplier> Services
// MUE Values", "MUE Adjudication Indicator" (cells such as `2 Date of Service Edit: Policy`) and
// "MUE Rationale". Other delimited files with a header naming the same columns (code, MUE value,
// MAI, rationale; tab, comma, semicolon or bar) load the same way.

import { isProcedureCode, normalizeCode } from './codes';
import { nameWords } from './nameWords';
import { PreambleLines } from './preambleLines';
import { forEachTableRecord } from './records';
import { CANDIDATE_DELIMITERS, normalizeHeader, splitDelimitedLine } from './delimitedText';
import { ProblemList, valueForMessage, type LoadProblem } from './loadProblems';
import type { TextContent } from './textInput';

/** Which MUE table: practitioner (837P and CSV claims), outpatient hospital (837I), DME supplier. */
export type MueTableKind = 'practitioner' | 'hospital' | 'dme';

/** How messages and hovers name each MUE table (CMS's own titles: practitioner, outpatient hospital, DME supplier). */
export const MUE_TABLE_NAMES: Readonly<Record<MueTableKind, string>> = { practitioner: 'practitioner', hospital: 'outpatient hospital', dme: 'DME supplier' };

/**
 * The MUE adjudication indicator (MAI): 1 the limit applies to each claim line on its own; 2 units
 * are summed per code, patient, provider and date of service, an absolute policy limit; 3 summed
 * the same way, a clinical limit that can be appealed.
 */
export type MueAdjudication = 1 | 2 | 3;

/** One MUE row. value 0 means the code is not payable. */
export interface MueRow {
  code: string;
  value: number;
  mai: MueAdjudication;
  rationale: string;
  /** The file it came from. */
  source: string;
  kind: MueTableKind;
}

export const MUE_TABLE_KINDS: readonly MueTableKind[] = ['practitioner', 'hospital', 'dme'];

/** The MUE values of one table, by code; a code loaded again (a later file, a later row) takes the newer row. */
export class MueTable {
  private readonly byCode = new Map<string, MueRow>();
  private readonly sourceNames: string[] = [];
  private readonly sourceSet = new Set<string>();

  constructor(readonly kind: MueTableKind) {}

  /** Codes with a value. */
  get size(): number {
    return this.byCode.size;
  }

  /** The code's row (case and surrounding blanks ignored), or undefined. */
  get(code: string): MueRow | undefined {
    return this.byCode.get(code) ?? this.byCode.get(normalizeCode(code).toUpperCase());
  }

  /** Adds a row; the last row loaded for a code wins. Throws when the code is not a procedure code or the value is not a whole number of units. */
  add(row: MueRow): void {
    const code = normalizeCode(row.code).toUpperCase();
    if (!isProcedureCode(code)) throw new Error(`invalid MUE row: ${valueForMessage(code)} is not a procedure code`);
    if (!Number.isInteger(row.value) || row.value < 0) throw new Error(`invalid MUE row for ${code}: the value is not a whole number of units`);
    if (row.mai !== 1 && row.mai !== 2 && row.mai !== 3) throw new Error(`invalid MUE row for ${code}: the adjudication indicator is not 1, 2 or 3`);
    this.byCode.set(code, row.code === code && row.kind === this.kind ? row : { ...row, code, kind: this.kind });
    if (!this.sourceSet.has(row.source)) {
      this.sourceSet.add(row.source);
      this.sourceNames.push(row.source);
    }
  }

  /** Sources that contributed rows, in the order they were first added. */
  get sources(): readonly string[] {
    return this.sourceNames;
  }

  /** Every row, in the order their codes were first added. */
  rows(): IterableIterator<MueRow> {
    return this.byCode.values();
  }
}

/** The three MUE tables, empty. */
export function emptyMueTables(): Record<MueTableKind, MueTable> {
  return { practitioner: new MueTable('practitioner'), hospital: new MueTable('hospital'), dme: new MueTable('dme') };
}

/** The words of a name that say which MUE table it is (nameWords.ts: whole words, so hospitalist says nothing). */
const MUE_TABLE_WORDS: Readonly<Record<string, MueTableKind>> = {
  practitioner: 'practitioner',
  outpatient: 'hospital',
  hospital: 'hospital',
  oph: 'hospital',
  opps: 'hospital',
  dme: 'dme',
  dmepos: 'dme',
};

/** Which kind wins when a name has words of two (an MUE name says one; a practitioner file is the usual default). */
const MUE_KIND_ORDER: readonly MueTableKind[] = ['practitioner', 'hospital', 'dme'];

/**
 * Which MUE table a name says (a file name, or a header cell such as "Outpatient Hospital Services
 * MUE Values"): practitioner when a word of it is practitioner, outpatient hospital when one is
 * outpatient, hospital, OPH or OPPS, DME when one is DME or DMEPOS; null when none is
 * (hospitalist-mue.csv, ophthalmology.csv). Of a path, only the last component is read (a folder
 * named hospital says nothing about its files).
 */
export function mueKindFromName(name: string): MueTableKind | null {
  const said = new Set<MueTableKind>();
  for (const word of nameWords(name)) {
    const kind = Object.hasOwn(MUE_TABLE_WORDS, word) ? MUE_TABLE_WORDS[word] : undefined;
    if (kind !== undefined) said.add(kind);
  }
  return MUE_KIND_ORDER.find((kind) => said.has(kind)) ?? null;
}

/** What loading one MUE file did. */
export interface MueLoadResult {
  source: string;
  /** Rows added (a code repeated in the file counts each time). */
  rows: number;
  /** Malformed rows (skipped) and file-level problems; at most MAX_PROBLEMS_PER_FILE plus a summary. */
  problems: LoadProblem[];
  /** The table the header names, or null when the header does not say. */
  kind: MueTableKind | null;
}

/** The header must be found within this many lines (the CMS notice takes 7). */
export const MUE_HEADER_SEARCH_LINES = 20;

/** A header cell is a column name, not the AMA notice: longer cells are never a column. */
const MAX_HEADER_CELL = 60;

type MueColumn = 'code' | 'value' | 'mai' | 'rationale';

function headerColumn(cell: string): MueColumn | null {
  const name = normalizeHeader(cell);
  if (name === '' || name.length > MAX_HEADER_CELL) return null;
  if (name.includes('rationale') || name.includes('reason')) return 'rationale';
  if (name.includes('adjudication') || name === 'mai' || name.includes('indicator')) return 'mai';
  if (name.includes('muevalue') || name === 'mue' || name === 'value' || name === 'values' || name.includes('maxunits') || name === 'units') return 'value';
  // Short names only: a sentence that mentions a code (a PTP rationale, a notice) is not a column.
  if (name.length <= 24 && (name.includes('hcpcs') || name.includes('cpt') || name === 'code' || name === 'procedurecode' || name === 'procedure')) return 'code';
  return null;
}

interface MueHeader {
  columns: Record<MueColumn, number>;
  /** The cell that named the value column (it says which table). */
  valueCell: string;
  delimiter: string;
}

/** The columns a record names, when it names at least a code column (value and MAI may be missing: the caller says so). */
function headerOf(fields: readonly string[], delimiter: string): MueHeader | null {
  const columns: Record<MueColumn, number> = { code: -1, value: -1, mai: -1, rationale: -1 };
  let valueCell = '';
  fields.forEach((cell, index) => {
    const column = headerColumn(cell);
    if (column !== null && columns[column] < 0) {
      columns[column] = index;
      if (column === 'value') valueCell = cell;
    }
  });
  return columns.code < 0 ? null : { columns, valueCell, delimiter };
}

/**
 * Whether a record is a header again (a file that repeats its header row) naming the same table:
 * a header naming another table (two tables joined into one file) is not passed over quietly.
 */
function namesSameTable(fields: readonly string[], delimiter: string, kind: MueTableKind | null): boolean {
  const named = headerOf(fields, delimiter);
  return named !== null && named.columns.value >= 0 && named.columns.mai >= 0 && mueKindFromName(named.valueCell) === kind;
}

function isBlankRecord(record: string): boolean {
  return /^[\s,;|\t"]*$/.test(record);
}

const MAI_CELL = /^\s*([123])(?![0-9])/;
const UNITS = /^(\d{1,9})(?:\.0*)?$/;

/**
 * Loads an MUE table into one of `tables`: the table its header names, else the one
 * `kindFromName` says (from the file name: see mueKindFromName), else practitioner. Rows whose
 * code is not a procedure code, whose value is not a whole number of units (0 is valid: not
 * payable) or whose adjudication indicator does not start with 1, 2 or 3 are reported with their
 * line and skipped; the good rows are kept. A file without the header gives one problem saying so.
 * The notice or header met again among the rows (two files of one table joined) is skipped quietly.
 */
export function loadMueTable(
  content: TextContent,
  source: string,
  tables: Record<MueTableKind, MueTable>,
  kindFromName: MueTableKind | null = null,
): MueLoadResult {
  const problems = new ProblemList(source);
  // Set by takeRecord (a closure, so kept in an object: a local variable's narrowing would not see it).
  const found: {
    header: MueHeader | null;
    /** A header that named a code column but not the value or MAI column (reported when no better one follows). */
    partial: { header: MueHeader; line: number } | null;
  } = { header: null, partial: null };
  let headerKind: MueTableKind | null = null;
  let table: MueTable | null = null;
  let headerLine = 0;
  let rows = 0;
  let searching = true;
  // The records before the first row (the notice, the header), which a file joined from two
  // tables has again among its rows.
  const preamble = new PreambleLines();

  const takeRecord = (record: string, line: number): void => {
    const header = found.header;
    if (header === null) {
      if (!searching) return;
      if (line > MUE_HEADER_SEARCH_LINES) {
        searching = false;
        return;
      }
      preamble.remember(record);
      for (const delimiter of CANDIDATE_DELIMITERS) {
        if (!record.includes(delimiter)) continue;
        const named = headerOf(splitDelimitedLine(record, delimiter), delimiter);
        if (named === null) continue;
        if (named.columns.value < 0 || named.columns.mai < 0) {
          found.partial ??= { header: named, line };
          continue;
        }
        found.header = named;
        headerLine = line;
        headerKind = mueKindFromName(named.valueCell);
        table = tables[headerKind ?? kindFromName ?? 'practitioner'];
        return;
      }
      return;
    }
    if (isBlankRecord(record)) return;
    const { columns, delimiter } = header;
    const fields = record.indexOf('"') < 0 ? record.split(delimiter) : splitDelimitedLine(record, delimiter);
    const cell = (index: number): string => (index >= 0 && index < fields.length ? fields[index]!.trim() : '');
    const code = cell(columns.code).toUpperCase();
    if (!isProcedureCode(code)) {
      if (preamble.has(record) || namesSameTable(fields, delimiter, headerKind)) return;
      problems.add(line, code === '' ? 'no HCPCS/CPT code' : `HCPCS/CPT code ${valueForMessage(code)} is not a procedure code`);
      return;
    }
    if (fields.length <= Math.max(columns.value, columns.mai)) {
      problems.add(line, `too few fields (${fields.length}): expected the code, the MUE value and the MUE adjudication indicator`);
      return;
    }
    const valueText = cell(columns.value);
    const units = UNITS.exec(valueText);
    if (units === null) {
      problems.add(line, `MUE value ${valueForMessage(valueText)} of ${code} is not a whole number of units`);
      return;
    }
    const maiText = cell(columns.mai);
    const mai = MAI_CELL.exec(maiText);
    if (mai === null) {
      problems.add(line, `MUE adjudication indicator ${valueForMessage(maiText.split(/\s/)[0]!)} of ${code} is not 1, 2 or 3`);
      return;
    }
    table!.add({
      code,
      value: Number(units[1]),
      mai: Number(mai[1]) as MueAdjudication,
      rationale: cell(columns.rationale),
      source,
      kind: table!.kind,
    });
    rows++;
  };

  forEachTableRecord(content, takeRecord, () => found.header, problems);

  if (found.header === null) {
    const partial = found.partial;
    if (partial !== null) {
      const missing = partial.header.columns.value < 0 ? 'an MUE value column' : 'an MUE Adjudication Indicator column';
      problems.add(0, `not an MUE table: the header on line ${partial.line} names a HCPCS/CPT code column but not ${missing}`);
    } else {
      problems.add(0, `not an MUE table: no HCPCS/CPT code column in the first ${MUE_HEADER_SEARCH_LINES} lines`);
    }
  } else if (rows === 0 && problems.count === 0) {
    problems.add(0, `no MUE rows found after the header on line ${headerLine}`);
  }
  return { source, rows, problems: problems.finish(), kind: headerKind };
}
