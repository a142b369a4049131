// The column layout of a PTP table: where each column sits in the CMS quarterly text layout and in
// headerless user tables, and which column a header cell names.

import { normalizeHeader } from './textInput';

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

/** Which column a header cell names, from the words CMS and common exports use. */
export function headerColumn(cell: string): PtpColumn | null {
  const name = normalizeHeader(cell);
  if (name === '') return null;
  if (name.includes('rationale') || name.includes('reason')) return 'rationale';
  if (name.includes('modifier') || name.includes('indicator')) return 'modifierIndicator';
  if (name.includes('effective') || name === 'eff' || name === 'effdate') return 'effective';
  if (name.includes('delet') || name.includes('termination') || name === 'enddate') return 'deletion';
  if (name.includes('1996') || name.includes('prior') || name.includes('existence') || name.includes('preexist')) {
    return 'preexisting';
  }
  if (/^col(?:umn)?(?:1|one)(?!\d)/.test(name) || name.startsWith('comprehensive')) return 'columnOne';
  if (/^col(?:umn)?(?:2|two)(?!\d)/.test(name) || name.startsWith('component')) return 'columnTwo';
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
