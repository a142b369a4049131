// The index of a PTP rule set's rows (ptpEditColumns.ts): the rows grouped by column 1 then
// column 2, and grouped by column 2, each with the range of every code id, so that "is there an
// edit between these two codes?" is a binary search in one code's range. Built once the rows are
// in (ptpTable.ts builds it on the first query after rows were added); building it also marks the
// rows of tables that do not decide their pair.

import { BUILTIN_SOURCE } from './descriptors';
import { SHADOWED_FLAG, type PtpEditColumns } from './ptpEditColumns';

export interface PtpIndex {
  /** Rows grouped by column 1, then column 2, then the order they were added. */
  readonly byColumnOne: Uint32Array;
  /** Range in byColumnOne of each column-1 code id: [columnOneStart[id], columnOneStart[id + 1]). */
  readonly columnOneStart: Uint32Array;
  /** Rows grouped by column 2. */
  readonly byColumnTwo: Uint32Array;
  /** Range in byColumnTwo of each column-2 code id. */
  readonly columnTwoStart: Uint32Array;
}

/** Indexes the rows (after dropping their spare capacity), and marks the rows that do not decide their pair. */
export function indexRows(rows: PtpEditColumns): PtpIndex {
  rows.trimToSize();
  const n = rows.count;
  const codes = rows.codeNames.length;
  const { columnOneOf, columnTwoOf } = rows;

  // Two stable counting sorts, linear in the number of rows: by column 2, then that order by
  // column 1. Rows of one pair stay in the order they were added (which breaks ties).
  const columnTwoStart = new Uint32Array(codes + 1);
  for (let i = 0; i < n; i++) columnTwoStart[columnTwoOf[i]! + 1]!++;
  for (let c = 0; c < codes; c++) columnTwoStart[c + 1]! += columnTwoStart[c]!;
  const byColumnTwo = new Uint32Array(n);
  const cursor = columnTwoStart.slice(0, codes);
  for (let i = 0; i < n; i++) byColumnTwo[cursor[columnTwoOf[i]!]!++] = i;

  const columnOneStart = new Uint32Array(codes + 1);
  for (let i = 0; i < n; i++) columnOneStart[columnOneOf[i]! + 1]!++;
  for (let c = 0; c < codes; c++) columnOneStart[c + 1]! += columnOneStart[c]!;
  cursor.set(columnOneStart.subarray(0, codes));
  const byColumnOne = new Uint32Array(n);
  for (let j = 0; j < n; j++) {
    const i = byColumnTwo[j]!;
    byColumnOne[cursor[columnOneOf[i]!]!++] = i;
  }

  shadowRowsOfOlderTables(rows, byColumnOne);
  return { byColumnOne, columnOneStart, byColumnTwo, columnTwoStart };
}

/**
 * Marks, for every pair, the rows of all but the table that decides it (see SHADOWED_FLAG): the
 * table loaded last that has the pair, the built-in set only when no loaded table has a row of
 * its column-1 code (a CMS table's parts, f1...f4, split by column 1, so a table with rows of
 * 43214 as column 1 holds all of them: a pair of the built-in set it lacks is no CMS edit). Each
 * CMS quarterly table is a whole snapshot (an edit it deletes, lowers to indicator 1 or voids keeps
 * its row, changed), so an older quarter's row must not outrank the newer quarter's answer; a
 * folder's tables are loaded oldest quarter first (quarterOrder.ts). Parts of one quarter
 * (f1...f4) hold different column-1 codes, so no pair is split between them.
 */
function shadowRowsOfOlderTables(rows: PtpEditColumns, byColumnOne: Uint32Array): void {
  if (rows.sourceNames.length < 2) return;
  const builtin = rows.sourceIds.get(BUILTIN_SOURCE) ?? -1;
  const { columnOneOf, columnTwoOf, sourceOf, flagsOf } = rows;
  const n = rows.count;
  let columnOneEnd = 0;
  let columnOneLoaded = false;
  for (let first = 0; first < n; ) {
    const r0 = byColumnOne[first]!;
    if (first >= columnOneEnd) {
      // The rows of this column-1 code: whether a loaded table has any.
      columnOneLoaded = false;
      for (columnOneEnd = first; columnOneEnd < n && columnOneOf[byColumnOne[columnOneEnd]!] === columnOneOf[r0]; columnOneEnd++) {
        if (sourceOf[byColumnOne[columnOneEnd]!] !== builtin) columnOneLoaded = true;
      }
    }
    let last = first + 1;
    while (last < n && columnOneOf[byColumnOne[last]!] === columnOneOf[r0] && columnTwoOf[byColumnOne[last]!] === columnTwoOf[r0]) last++;
    // Source ids are given in the order tables are loaded; the built-in set ranks below every table.
    let deciding = -1;
    for (let p = first; p < last; p++) {
      const source = sourceOf[byColumnOne[p]!]!;
      if (source !== builtin && source > deciding) deciding = source;
    }
    // No loaded table has the pair: the built-in set decides it, unless one has its column-1 code (none then does).
    if (deciding < 0 && !columnOneLoaded) deciding = builtin;
    for (let p = first; p < last; p++) {
      const r = byColumnOne[p]!;
      if (sourceOf[r] !== deciding) flagsOf[r]! |= SHADOWED_FLAG;
      else flagsOf[r]! &= ~SHADOWED_FLAG;
    }
    first = last;
  }
}
