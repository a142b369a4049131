// Finding the header row of a claim CSV, its delimiter, and the role of each column.

import type { CsvColumnRole } from '../model';
import { BILLING_PROVIDER_NAMES, CODE_SET_COLUMN_NAMES, COLUMN_NAMES, EXTRA_COLUMN_NAMES, TYPE_OF_BILL_NAMES, WEAK_PROCEDURE_CODE_NAMES, normalizeHeader } from './columns';
import { unwrapExcelText } from './excelText';
import { CsvReader } from './reader';
import { isWellFormedProcedureCode } from './values';

export type Delimiter = ',' | '\t' | ';' | '|';
export const DELIMITERS: readonly Delimiter[] = [',', '\t', ';', '|'];

type InternalRole = CsvColumnRole | 'dateOfServiceTo' | 'frequency';

export interface ColumnLayout {
  headers: string[];
  /** Role of each column as CsvIndex shows it (null for unused and duplicate columns). */
  roles: (CsvColumnRole | null)[];
  claimId: number;
  patientId: number;
  dateOfService: number;
  /** A separate "to" date column, or -1. */
  dateOfServiceTo: number;
  procedureCode: number;
  /**
   * A column of the other code set (CPT beside HCPCS, or HCPCS beside CPT: CODE_SET_COLUMN_NAMES),
   * read where the procedure-code column's cell is empty; or -1.
   */
  otherProcedureCode: number;
  /** The single column holding several modifiers, or -1. */
  modifiers: number;
  /** Numbered modifier columns in order 1..4 (only those present); empty when none. */
  modifierColumns: number[];
  units: number;
  charge: number;
  lineNumber: number;
  /** Rendering (or billing) provider id column, or -1. */
  providerId: number;
  /**
   * The billing provider's column beside a rendering provider column (BILLING_PROVIDER_NAMES), or
   * -1: then the provider column is the only one, whatever its name. In CsvIndex.roles it shows
   * role null.
   */
  billingProviderId: number;
  /** Claim-type or bill-type column, or -1. */
  claimType: number;
  /**
   * The type of bill's column beside a claim type column (TYPE_OF_BILL_NAMES), or -1: then the
   * claim-type column is the only one, whatever its name. The claim type column names the kind; a
   * type of bill here names the facility type and the frequency (and institutional, when the claim
   * type cell names no kind). In CsvIndex.roles it shows role claimType; it is not counted in
   * otherRoleCount.
   */
  typeOfBill: number;
  /**
   * The claim frequency column (claimFrequency.ts), or -1: then a type of bill (in the type-of-bill
   * column, else the claim-type column) says the frequency. In CsvIndex.roles it shows role null; it is not counted in
   * otherRoleCount, so what is taken for a claim file is as before.
   */
  frequency: number;
  /** The procedure-code column has a generic name ("Code"). */
  weakProcedureCode: boolean;
  /** How many roles other than the procedure code were found. */
  otherRoleCount: number;
}

const NAME_TABLE: Map<string, { role: InternalRole; rank: number }> = (() => {
  const m = new Map<string, { role: InternalRole; rank: number }>();
  const add = (role: InternalRole, names: readonly string[]): void => {
    names.forEach((name, rank) => {
      if (!m.has(name)) m.set(name, { role, rank });
    });
  };
  for (const role of Object.keys(COLUMN_NAMES) as CsvColumnRole[]) add(role, COLUMN_NAMES[role]);
  add('dateOfServiceTo', EXTRA_COLUMN_NAMES.dateOfServiceTo);
  add('frequency', EXTRA_COLUMN_NAMES.frequency);
  return m;
})();

/** The role a single header name would get on its own, or null. */
export function roleOfHeader(header: string): InternalRole | null {
  return NAME_TABLE.get(normalizeHeader(header))?.role ?? null;
}

export function mapColumns(headers: string[]): ColumnLayout {
  const best = new Map<InternalRole, { col: number; rank: number }>();
  const norms = headers.map(normalizeHeader);
  norms.forEach((norm, col) => {
    const hit = NAME_TABLE.get(norm);
    if (!hit) return;
    const cur = best.get(hit.role);
    if (!cur || hit.rank < cur.rank) best.set(hit.role, { col, rank: hit.rank });
  });
  const col = (role: InternalRole): number => best.get(role)?.col ?? -1;
  let modifiers = col('modifiers');
  const numbered = [col('modifier1'), col('modifier2'), col('modifier3'), col('modifier4')];
  // Modifier columns that all carry one name ("Modifier, Modifier", "Mod, Mod"): one modifier
  // each, in column order, in the slots no numbered name took.
  const unnumbered = norms.flatMap((norm, c) => (NAME_TABLE.get(norm)?.role === 'modifiers' ? [c] : []));
  if (unnumbered.length > 1) {
    for (const c of unnumbered) {
      const free = numbered.indexOf(-1);
      if (free < 0) break;
      numbered[free] = c;
    }
    numbered.sort((a, b) => (a < 0 ? 1 : b < 0 ? -1 : a - b));
  }
  let modifierColumns: number[] = [];
  const roles: (CsvColumnRole | null)[] = headers.map(() => null);
  if (numbered.some((c) => c >= 0)) {
    if (numbered[0]! < 0 && modifiers >= 0) numbered[0] = modifiers;
    modifiers = -1;
    numbered.forEach((c, i) => {
      if (c >= 0) roles[c] = (['modifier1', 'modifier2', 'modifier3', 'modifier4'] as const)[i]!;
    });
    modifierColumns = numbered.filter((c) => c >= 0);
  } else if (modifiers >= 0) {
    roles[modifiers] = 'modifiers';
  }
  const layout: ColumnLayout = {
    headers,
    roles,
    claimId: col('claimId'),
    patientId: col('patientId'),
    dateOfService: col('dateOfService'),
    dateOfServiceTo: col('dateOfServiceTo'),
    procedureCode: col('procedureCode'),
    otherProcedureCode: -1,
    modifiers,
    modifierColumns,
    units: col('units'),
    charge: col('charge'),
    lineNumber: col('lineNumber'),
    providerId: col('providerId'),
    billingProviderId: -1,
    claimType: col('claimType'),
    typeOfBill: -1,
    frequency: col('frequency'),
    weakProcedureCode: false,
    otherRoleCount: 0,
  };
  const single: [CsvColumnRole, number][] = [
    ['claimId', layout.claimId],
    ['patientId', layout.patientId],
    ['dateOfService', layout.dateOfService],
    ['procedureCode', layout.procedureCode],
    ['units', layout.units],
    ['charge', layout.charge],
    ['lineNumber', layout.lineNumber],
    ['providerId', layout.providerId],
    ['claimType', layout.claimType],
  ];
  for (const [role, c] of single) if (c >= 0) roles[c] = role;
  layout.otherProcedureCode = otherCodeSetColumn(norms, layout.procedureCode);
  if (layout.otherProcedureCode >= 0) roles[layout.otherProcedureCode] = 'procedureCode';
  layout.billingProviderId = billingProviderColumn(norms, layout.providerId);
  layout.typeOfBill = typeOfBillColumn(norms, layout.claimType);
  if (layout.typeOfBill >= 0) roles[layout.typeOfBill] = 'claimType';
  layout.otherRoleCount =
    single.filter(([role, c]) => c >= 0 && role !== 'procedureCode' && role !== 'lineNumber').length +
    (modifiers >= 0 || modifierColumns.length > 0 ? 1 : 0) +
    (layout.dateOfServiceTo >= 0 ? 1 : 0) +
    (layout.billingProviderId >= 0 ? 1 : 0);
  layout.weakProcedureCode =
    layout.procedureCode >= 0 && WEAK_PROCEDURE_CODE_NAMES.includes(norms[layout.procedureCode]!);
  return layout;
}

/**
 * The column of the other code set than the procedure-code column's (its better-ranked one, ties
 * the leftmost), or -1 when the code column is of neither set or the header has no such column.
 */
function otherCodeSetColumn(norms: readonly string[], codeColumn: number): number {
  if (codeColumn < 0) return -1;
  const sets: readonly (readonly string[])[] = [CODE_SET_COLUMN_NAMES.cpt, CODE_SET_COLUMN_NAMES.hcpcs];
  const own = sets.findIndex((names) => names.includes(norms[codeColumn]!));
  if (own < 0) return -1;
  return bestNamedColumn(norms, sets[1 - own]!);
}

/**
 * The billing provider's column when the provider column is a rendering provider's (its name is
 * not a billing one): the best-ranked column of BILLING_PROVIDER_NAMES, ties the leftmost; else -1.
 */
function billingProviderColumn(norms: readonly string[], providerColumn: number): number {
  if (providerColumn < 0 || BILLING_PROVIDER_NAMES.includes(norms[providerColumn]!)) return -1;
  return bestNamedColumn(norms, BILLING_PROVIDER_NAMES);
}

/**
 * The type of bill's column when the claim-type column is not itself one (its name is not a type
 * of bill's): the best-ranked column of TYPE_OF_BILL_NAMES, ties the leftmost; else -1.
 */
function typeOfBillColumn(norms: readonly string[], claimTypeColumn: number): number {
  if (claimTypeColumn < 0 || TYPE_OF_BILL_NAMES.includes(norms[claimTypeColumn]!)) return -1;
  return bestNamedColumn(norms, TYPE_OF_BILL_NAMES);
}

/** The column whose name comes first in `names` (ties: the leftmost), or -1. */
function bestNamedColumn(norms: readonly string[], names: readonly string[]): number {
  let best = -1;
  let bestRank = Infinity;
  norms.forEach((norm, c) => {
    const rank = names.indexOf(norm);
    if (rank >= 0 && rank < bestRank) {
      best = c;
      bestRank = rank;
    }
  });
  return best;
}

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
