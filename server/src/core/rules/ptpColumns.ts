// The column layout of a PTP table, as data: where each column sits in the CMS quarterly text
// layout and in headerless user tables, and the header words that name each column.

import { normalizeHeader } from './delimitedText';

/** Field positions of each column in a row (-1 when the table has no such column). */
export interface PtpColumns {
  columnOne: number;
  columnTwo: number;
  preexisting: number;
  effective: number;
  deletion: number;
  modifierIndicator: number;
  rationale: number;
}

/** The CMS quarterly text layout. */
export const CMS_PTP_COLUMNS: Readonly<PtpColumns> = {
  columnOne: 0,
  columnTwo: 1,
  preexisting: 2,
  effective: 3,
  deletion: 4,
  modifierIndicator: 5,
  rationale: 6,
};

/** Headerless user tables that leave out the pre-1996 column. */
export const NO_PREEXISTING_COLUMNS: Readonly<PtpColumns> = {
  columnOne: 0,
  columnTwo: 1,
  preexisting: -1,
  effective: 2,
  deletion: 3,
  modifierIndicator: 4,
  rationale: 5,
};

export type PtpColumn = keyof PtpColumns;

/** The words a header cell may use for one column; a cell names the column when any of them matches. */
interface HeaderWords {
  readonly column: PtpColumn;
  /** The cell contains one of these. */
  readonly contains: readonly string[];
  /** The cell is one of these. */
  readonly equals: readonly string[];
  /** The cell starts with one of these. */
  readonly startsWith: readonly string[];
  /** The cell matches this. */
  readonly pattern: RegExp | null;
}

/** An entry of PTP_HEADER_WORDS; every entry has every field, so matching sees one object shape. */
function words(column: PtpColumn, given: Partial<Omit<HeaderWords, 'column'>>): HeaderWords {
  return { column, contains: given.contains ?? [], equals: given.equals ?? [], startsWith: given.startsWith ?? [], pattern: given.pattern ?? null };
}

/**
 * Header words for each column, from the CMS quarterly files' header ("Column 1", "Column 2",
 * "*=in existence prior to 1996", "Effective Date", "Deletion Date", "Modifier Indicator", "PTP
 * Edit Rationale") and the names common exports give them. Matched against the cell after
 * normalizeHeader (lower case, letters and digits only); the first entry that matches wins, so
 * "Column 1 Effective Date" is the effective date and "Reason for modifier" the rationale.
 */
const PTP_HEADER_WORDS: readonly HeaderWords[] = [
  words('rationale', { contains: ['rationale', 'reason'] }),
  words('modifierIndicator', { contains: ['modifier', 'indicator'] }),
  words('effective', { contains: ['effective'], equals: ['eff', 'effdate'] }),
  words('deletion', { contains: ['delet', 'termination'], equals: ['enddate'] }),
  words('preexisting', { contains: ['1996', 'prior', 'existence', 'preexist'] }),
  // Column 1 / col1 / column one, but not column 12.
  words('columnOne', { pattern: /^col(?:umn)?(?:1|one)(?!\d)/, startsWith: ['comprehensive'] }),
  words('columnTwo', { pattern: /^col(?:umn)?(?:2|two)(?!\d)/, startsWith: ['component'] }),
];

/** Indexed loops: this runs for every malformed field of a table (see headerColumn). */
function namesColumn(name: string, entry: HeaderWords): boolean {
  const { contains, equals, startsWith, pattern } = entry;
  for (let i = 0; i < contains.length; i++) if (name.includes(contains[i]!)) return true;
  for (let i = 0; i < equals.length; i++) if (name === equals[i]) return true;
  for (let i = 0; i < startsWith.length; i++) if (name.startsWith(startsWith[i]!)) return true;
  return pattern !== null && pattern.test(name);
}

/**
 * Which column a header cell names, from the words CMS and common exports use (PTP_HEADER_WORDS).
 * Also asked of every malformed field a problem message quotes (quoteForMessage in ptpRows.ts).
 */
export function headerColumn(cell: string): PtpColumn | null {
  const name = normalizeHeader(cell);
  if (name === '') return null;
  for (const entry of PTP_HEADER_WORDS) if (namesColumn(name, entry)) return entry.column;
  return null;
}

/** Column positions named by a header row, or null when it does not name the essential columns. */
export function columnsFromHeader(cells: readonly string[]): PtpColumns | null {
  const columns: PtpColumns = {
    columnOne: -1,
    columnTwo: -1,
    preexisting: -1,
    effective: -1,
    deletion: -1,
    modifierIndicator: -1,
    rationale: -1,
  };
  cells.forEach((cell, index) => {
    const column = headerColumn(cell);
    if (column && columns[column] < 0) columns[column] = index;
  });
  if (columns.columnOne < 0 || columns.columnTwo < 0 || columns.effective < 0 || columns.modifierIndicator < 0) return null;
  // The CMS header is wrapped over several lines, so its first line may not name every column:
  // when what it names sits where CMS puts it, the CMS layout is the complete answer.
  const named = Object.keys(columns) as PtpColumn[];
  if (named.every((column) => columns[column] < 0 || columns[column] === CMS_PTP_COLUMNS[column])) return { ...CMS_PTP_COLUMNS };
  return columns;
}
