// The columns of an add-on code table, found by their header names (CMS's spreadsheet saved as
// text, and the names users give them): which column a header cell names, and the words a
// message uses for each.

import { normalizeHeader } from './delimitedText';

export type AocColumn =
  | 'addOn'
  | 'primary'
  | 'type'
  | 'addOnEffective'
  | 'addOnDeletion'
  | 'editEffective'
  | 'editDeletion'
  | 'primaryEffective'
  | 'primaryDeletion'
  | 'notes';

/** The header must be found within this many lines. */
export const AOC_HEADER_SEARCH_LINES = 20;

/** Which column a header cell names. */
function headerColumn(cell: string): AocColumn | null {
  const name = normalizeHeader(cell);
  if (name === '' || name.length > 60) return null;
  if (name.includes('note') || name.includes('instruction')) return 'notes';
  if (name.includes('type')) return 'type';
  const isDate = name.includes('date') || name.includes('eff') || name.includes('del') || name.endsWith('dt') || name.includes('dtjulian') || name.includes('julian');
  if (isDate) {
    const deletion = name.includes('del') || name.includes('end') || name.includes('term');
    const effective = !deletion && (name.includes('eff') || name.includes('begin') || name.includes('start'));
    if (!deletion && !effective) return null;
    if (name.includes('primary')) return deletion ? 'primaryDeletion' : 'primaryEffective';
    if (name.includes('edit')) return deletion ? 'editDeletion' : 'editEffective';
    return deletion ? 'addOnDeletion' : 'addOnEffective';
  }
  if (name.includes('primary')) return 'primary';
  if (name.includes('addon') || name === 'aoc' || name === 'aoccode') return 'addOn';
  return null;
}

export type AocColumns = Record<AocColumn, number>;

export function columnsOf(fields: readonly string[]): AocColumns {
  const columns: AocColumns = {
    addOn: -1,
    primary: -1,
    type: -1,
    addOnEffective: -1,
    addOnDeletion: -1,
    editEffective: -1,
    editDeletion: -1,
    primaryEffective: -1,
    primaryDeletion: -1,
    notes: -1,
  };
  fields.forEach((cell, index) => {
    const column = headerColumn(cell);
    if (column !== null && columns[column] < 0) columns[column] = index;
  });
  return columns;
}

/** Whether a header names the columns a table needs: add-on code, primary code and edit type. */
export function isHeader(columns: AocColumns): boolean {
  return columns.addOn >= 0 && columns.primary >= 0 && columns.type >= 0;
}

export const COLUMN_WORDS: Record<AocColumn, string> = {
  addOn: 'add-on code',
  primary: 'primary code',
  type: 'AOC edit type',
  addOnEffective: 'AOC effective date',
  addOnDeletion: 'AOC deletion date',
  editEffective: 'AOC edit effective date',
  editDeletion: 'AOC edit deletion date',
  primaryEffective: 'primary code effective date',
  primaryDeletion: 'primary code deletion date',
  notes: 'notes',
};
