// The column layout of a descriptor file, as data: the header words that name each column, the
// layout of a headerless file, and the record ids of the public HCPCS file.

import { normalizeHeader } from './delimitedText';

export type DescriptorColumn = 'code' | 'short' | 'long' | 'recordId';

/** Field positions of each column (-1 when the file has no such column). */
export type DescriptorColumns = Record<DescriptorColumn, number>;

/** A headerless file: code, short descriptor, optional long descriptor. */
export const HEADERLESS_DESCRIPTOR_COLUMNS: Readonly<DescriptorColumns> = { code: 0, short: 1, long: 2, recordId: -1 };

/** Header names of the public HCPCS file's record id column (RECID), after normalizeHeader. */
const RECORD_ID_NAMES: readonly string[] = ['recid', 'recordid', 'recordidentifier'];

/**
 * The RECID values of the public HCPCS file's modifier records: 7 a modifier's first line, 8 its
 * continuation (3 and 4 are the procedure codes'). Modifiers are not procedure codes: their rows
 * are not descriptors, and not malformed rows either.
 */
export const HCPCS_MODIFIER_RECORD_IDS: ReadonlySet<string> = new Set(['7', '8']);

/** Which column a header cell names ('description': a plain description, short or long by what else the header names). */
export function descriptorHeaderColumn(cell: string): DescriptorColumn | 'description' | null {
  const name = normalizeHeader(cell);
  if (RECORD_ID_NAMES.includes(name)) return 'recordId';
  if (name.includes('short')) return 'short';
  if (name.includes('long') || name.includes('full')) return 'long';
  if (name.includes('desc') || name === 'text' || name === 'title') return 'description';
  if (name.includes('code') || name.startsWith('hcpc') || name === 'cpt' || name === 'procedure') return 'code';
  return null;
}
