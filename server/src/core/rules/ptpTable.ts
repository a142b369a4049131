// The PTP rule set: edits from any number of PTP tables, and the questions the checks and hovers
// ask of them ("is there an edit between these two codes on this date?", "what edits has this
// code?"), answered quickly for tables of over a million rows. The rows are held as columns
// (ptpEditColumns.ts), indexed by code (ptpIndex.ts).

import type { DateNumber } from '../model';
import { INDICATOR_MASK, PtpEditColumns, SHADOWED_FLAG, VOID_INDICATOR } from './ptpEditColumns';
import { indexRows, type PtpIndex } from './ptpIndex';
import { CMS_PTP_COLUMNS } from './ptpColumns';
import { fieldsAsLine, RowScan, scanPtpRow, type ModifierIndicator, type PtpRow } from './ptpRows';

/** A PTP edit as the rule set returns it: the row plus the file it came from ("builtin" for Claimlint's own). */
export interface PtpEdit extends PtpRow {
  source: string;
}

/** How rows in force on one date rank (by index in INDICATORS): 0 over 1, and either over 9. */
const INDICATOR_RANK = [2, 1, 0];

/**
 * A set of PTP edits from any number of tables. Codes, rationales and sources are interned to
 * small integers; edits live in parallel typed arrays, in the order they were added (about 31
 * bytes an edit once indexed).
 *
 * Add rows (loadPtpTable, addBuiltinEdits, or add), then query. The index (two permutations of
 * the rows: grouped by column 1 then column 2, and grouped by column 2) is built by finish() or
 * on the first query; adding after that rebuilds it on the next query.
 *
 * When several rows cover a date for the same pair, a 0 row wins over a 1 row and either over a 9
 * row (a 9 row never hides an edit in force); among rows of one indicator, the latest effective
 * date, then the row added last. Only when every row in force is a 9 row does no edit apply.
 * For each pair only the rows of one table count: the table loaded last that has the pair (a
 * folder's newest quarter), else the built-in set.
 */
export class PtpRuleSet {
  private readonly rows = new PtpEditColumns();
  /** Null until built, and again once rows are added after it. */
  private index: PtpIndex | null = null;

  /** Number of rows (edits over all their date windows). */
  get size(): number {
    return this.rows.count;
  }

  /** Sources that contributed rows, in the order they were first added. */
  get sources(): readonly string[] {
    return this.rows.sourceNames;
  }

  /** Adds one row (already parsed, e.g. by parsePtpFields). Throws if a code is not a procedure code. */
  add(row: PtpRow, source: string): void {
    const fields = [row.columnOne, row.columnTwo, '', String(row.effective), String(row.deletion ?? ''), row.modifierIndicator, row.rationale];
    const line = fieldsAsLine(fields);
    const scan = new RowScan();
    const problem = scanPtpRow(line, 0, line.length, '\t', CMS_PTP_COLUMNS, scan, true);
    if (problem !== null) throw new Error(`invalid PTP row: ${problem}`);
    scan.preexisting = row.preexisting;
    this.addScanned(scan, this.sourceId(source));
  }

  /** @internal Interned id of a source name. */
  sourceId(source: string): number {
    return this.rows.sourceId(source);
  }

  /** @internal Adds the row just scanned. */
  addScanned(scan: RowScan, sourceId: number): void {
    this.rows.addScanned(scan, sourceId);
    this.index = null;
  }

  /** Builds the lookup index now (otherwise the first query does). Returns this. */
  finish(): this {
    this.indexed();
    return this;
  }

  private indexed(): PtpIndex {
    return (this.index ??= indexRows(this.rows));
  }

  /** Whether a row is one of a table that does not decide its pair (an older quarter's, or built-in under a loaded table). */
  private isShadowed(row: number): boolean {
    return (this.rows.flagsOf[row]! & SHADOWED_FLAG) !== 0;
  }

  // ---- Low level, by interned code id and row number (for checkers that look up many pairs) ----

  /** Interned id of a code that appears in any edit (case and surrounding blanks ignored), else -1. */
  codeId(code: string): number {
    return this.rows.codeId(code);
  }

  /** Whether the code (id) is column 1 of any row. */
  hasColumnOneEdits(id: number): boolean {
    const starts = this.indexed().columnOneStart;
    return id >= 0 && id < this.rows.codeNames.length && starts[id]! < starts[id + 1]!;
  }

  /** Row of the edit that applies to the pair on `date`, or -1 (none, or the winning row has indicator 9). */
  activeRow(columnOneId: number, columnTwoId: number, date: DateNumber): number {
    return this.activeRowInRange(columnOneId, columnTwoId, date, date);
  }

  /**
   * Row of the edit that applies to the pair on some day of [from, to] (RD8 ranges): a 0 row in
   * force on any day, else the 1 row of the earliest such day; -1 when none.
   */
  activeRowInRange(columnOneId: number, columnTwoId: number, from: DateNumber, to: DateNumber): number {
    const rows = this.rows;
    if (columnOneId < 0 || columnTwoId < 0 || columnOneId >= rows.codeNames.length) return -1;
    const { columnOneStart: starts, byColumnOne } = this.indexed();
    const columnTwoOf = rows.columnTwoOf;
    let low = starts[columnOneId]!;
    const end = starts[columnOneId + 1]!;
    if (low === end) return -1;
    let high = end;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (columnTwoOf[byColumnOne[mid]!]! < columnTwoId) low = mid + 1;
      else high = mid;
    }
    const first = low;
    let last = first;
    while (last < end && columnTwoOf[byColumnOne[last]!] === columnTwoId) last++;
    if (first === last) return -1;

    const row = this.activeAt(byColumnOne, first, last, from);
    if (to <= from || (row >= 0 && rows.indicatorAt(row) === '0')) return row;
    // Over a range the winning row can change only where a window starts or just after one ends
    // (CCYYMMDD + 1 may not be a calendar date, but it orders correctly, which is all that matters).
    // A 0 row in force on any day wins over a 1 row on an earlier day: a wider range never says less.
    const changes: number[] = [];
    for (let p = first; p < last; p++) {
      const r = byColumnOne[p]!;
      const effective = rows.effectiveOf[r]!;
      const dayAfterDeletion = rows.deletionOf[r]! === 0 ? 0 : rows.deletionOf[r]! + 1;
      if (effective > from && effective <= to) changes.push(effective);
      if (dayAfterDeletion > from && dayAfterDeletion <= to) changes.push(dayAfterDeletion);
    }
    changes.sort((a, b) => a - b);
    let best = row;
    for (const date of changes) {
      const changed = this.activeAt(byColumnOne, first, last, date);
      if (changed < 0) continue;
      if (rows.indicatorAt(changed) === '0') return changed;
      if (best < 0) best = changed;
    }
    return best;
  }

  /** Among byColumnOne[first, last) (one pair's rows), the row in force on date, or -1 (none, or only 9 rows). */
  private activeAt(byColumnOne: Uint32Array, first: number, last: number, date: DateNumber): number {
    const { flagsOf, effectiveOf, deletionOf } = this.rows;
    let best = -1;
    let bestRank = -1;
    let bestEffective = -1;
    for (let p = first; p < last; p++) {
      const r = byColumnOne[p]!;
      const flags = flagsOf[r]!;
      if ((flags & SHADOWED_FLAG) !== 0) continue;
      const effective = effectiveOf[r]!;
      const deletion = deletionOf[r]!;
      if (effective > date || (deletion !== 0 && date > deletion)) continue;
      const rank = INDICATOR_RANK[flags & INDICATOR_MASK]!;
      if (rank > bestRank || (rank === bestRank && effective >= bestEffective)) {
        best = r;
        bestRank = rank;
        bestEffective = effective;
      }
    }
    return best >= 0 && (flagsOf[best]! & INDICATOR_MASK) === VOID_INDICATOR ? -1 : best;
  }

  modifierIndicatorAt(row: number): ModifierIndicator {
    this.indexed();
    return this.rows.indicatorAt(row);
  }

  /** The edit stored at a row (rows are numbered in the order they were added). */
  editAt(row: number): PtpEdit {
    this.indexed();
    return this.rows.editAt(row);
  }

  // ---- By code ----

  /** Whether the code appears in any edit, as column 1 or column 2. */
  hasEdits(code: string): boolean {
    return this.codeId(code) >= 0;
  }

  /** The edit that applies to the pair on the date of service, or null. */
  lookup(columnOne: string, columnTwo: string, date: DateNumber): PtpEdit | null {
    const row = this.activeRow(this.codeId(columnOne), this.codeId(columnTwo), date);
    return row < 0 ? null : this.editAt(row);
  }

  /** The edit that applies to the pair on some day of [from, to] (earliest first), or null. */
  lookupInRange(columnOne: string, columnTwo: string, from: DateNumber, to: DateNumber): PtpEdit | null {
    const row = this.activeRowInRange(this.codeId(columnOne), this.codeId(columnTwo), from, to);
    return row < 0 ? null : this.editAt(row);
  }

  /**
   * Edits with this code as column 1. Without a date: every row (all windows, indicator 9 too).
   * With a date: the edit in force for each pair on that date (with `to`, on some day of
   * [date, to], as the check judges a line over a date range). Sorted by column 2, then effective date.
   */
  editsAsColumnOne(code: string, date?: DateNumber, to: DateNumber | undefined = date): PtpEdit[] {
    const id = this.codeId(code);
    if (!this.hasColumnOneEdits(id)) return [];
    const { columnOneStart: starts, byColumnOne } = this.indexed();
    const columnTwoOf = this.rows.columnTwoOf;
    const rows: number[] = [];
    let previousColumnTwo = -1;
    for (let p = starts[id]!; p < starts[id + 1]!; p++) {
      const r = byColumnOne[p]!;
      if (date === undefined) {
        if (!this.isShadowed(r)) rows.push(r);
      }
      else if (columnTwoOf[r] !== previousColumnTwo) {
        previousColumnTwo = columnTwoOf[r]!;
        const active = to === undefined || to === date ? this.activeRow(id, previousColumnTwo, date) : this.activeRowInRange(id, previousColumnTwo, date, to);
        if (active >= 0) rows.push(active);
      }
    }
    return this.sortedEdits(rows, 'columnTwo');
  }

  /** Edits with this code as column 2; same conventions as editsAsColumnOne, sorted by column 1. */
  editsAsColumnTwo(code: string, date?: DateNumber, to: DateNumber | undefined = date): PtpEdit[] {
    const id = this.codeId(code);
    if (id < 0) return [];
    const { columnTwoStart: starts, byColumnTwo } = this.indexed();
    const rows: number[] = [];
    const seen = new Set<number>();
    for (let j = starts[id]!; j < starts[id + 1]!; j++) {
      const r = byColumnTwo[j]!;
      if (date === undefined) {
        if (!this.isShadowed(r)) rows.push(r);
      }
      else {
        const columnOneId = this.rows.columnOneOf[r]!;
        if (seen.has(columnOneId)) continue;
        seen.add(columnOneId);
        const active = to === undefined || to === date ? this.activeRow(columnOneId, id, date) : this.activeRowInRange(columnOneId, id, date, to);
        if (active >= 0) rows.push(active);
      }
    }
    return this.sortedEdits(rows, 'columnOne');
  }

  private sortedEdits(rows: number[], by: 'columnOne' | 'columnTwo'): PtpEdit[] {
    return rows
      .map((row) => this.editAt(row))
      .sort((a, b) => (a[by] < b[by] ? -1 : a[by] > b[by] ? 1 : a.effective - b.effective));
  }
}
