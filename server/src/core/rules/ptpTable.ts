// The PTP rule set: edits from any number of PTP tables packed into typed arrays, with the index
// that answers "is there an edit between these two codes on this date?" quickly, for tables of
// over a million rows.

import type { DateNumber } from '../model';
import * as codes from './codes';
import { BUILTIN_SOURCE } from './descriptors';
import { CMS_PTP_COLUMNS } from './ptpColumns';
import { fieldsAsLine, INDICATORS, RowScan, scanPtpRow, type ModifierIndicator, type PtpRow } from './ptpRows';
import { detached } from '../text';

/** A PTP edit as the rule set returns it: the row plus the file it came from ("builtin" for Claimlint's own). */
export interface PtpEdit extends PtpRow {
  source: string;
}

// A local binding, as in ptpRows.ts: transpiled to CommonJS, each call through an import goes
// through an export getter.
const procedureCodeKey = codes.procedureCodeKey;

const INDICATOR_MASK = 3;
const VOID_INDICATOR = 2; // index of '9'
const PREEXISTING_FLAG = 4;
/** A row of a table that does not decide its pair: a built-in row where a loaded table has the pair (the built-in set is for users without tables), or an older table's where a table loaded later (a newer quarter) has it. Not used. */
const SHADOWED_FLAG = 8;
/** How rows in force on one date rank (by index in INDICATORS): 0 over 1, and either over 9. */
const INDICATOR_RANK = [2, 1, 0];

type PackedArray = Uint8Array | Uint16Array | Uint32Array;

function grow<T extends PackedArray>(array: T, capacity: number): T {
  const bigger = new (array.constructor as new (length: number) => T)(capacity);
  bigger.set(array.subarray(0, Math.min(array.length, capacity)));
  return bigger;
}

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
  /** procedureCodeKey -> code id */
  private readonly codeIds = new Map<number, number>();
  private readonly codeNames: string[] = [];
  /**
   * Rationales by a hash of their text, so a row's rationale is matched in place without slicing
   * the line: the last rationale added with each hash, and for each rationale the one added before
   * it with the same hash (-1: none).
   */
  private readonly rationaleByHash = new Map<number, number>();
  private readonly nextRationaleOfHash: number[] = [];
  private readonly rationaleTexts: string[] = [];
  private readonly sourceIds = new Map<string, number>();
  private readonly sourceNames: string[] = [];

  private count = 0;
  private columnOneOf = new Uint32Array(1024);
  private columnTwoOf = new Uint32Array(1024);
  private effectiveOf = new Uint32Array(1024);
  /** 0 = not deleted. */
  private deletionOf = new Uint32Array(1024);
  /** Bits 0-1: index in INDICATORS; bit 2: pre-1996. */
  private flagsOf = new Uint8Array(1024);
  private rationaleOf = new Uint32Array(1024);
  private sourceOf = new Uint16Array(1024);

  /** Rows grouped by column 1, then column 2, then the order they were added. */
  private byColumnOne: Uint32Array | null = null;
  /** Range in byColumnOne of each column-1 code id: [columnOneStart[id], columnOneStart[id + 1]). */
  private columnOneStart: Uint32Array | null = null;
  /** Range in byColumnTwo of each column-2 code id. */
  private columnTwoStart: Uint32Array | null = null;
  /** Rows grouped by column 2. */
  private byColumnTwo: Uint32Array | null = null;

  /** Number of rows (edits over all their date windows). */
  get size(): number {
    return this.count;
  }

  /** Sources that contributed rows, in the order they were first added. */
  get sources(): readonly string[] {
    return this.sourceNames;
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
    let id = this.sourceIds.get(source);
    if (id === undefined) {
      if (this.sourceNames.length > 0xffff) throw new Error('too many PTP sources');
      id = this.sourceNames.length;
      this.sourceNames.push(source);
      this.sourceIds.set(source, id);
    }
    return id;
  }

  /** CMS files are grouped by column 1: most rows repeat the previous row's column-1 code. */
  private lastColumnOneKey = -1;
  private lastColumnOneId = -1;

  private internCode(key: number, line: string, start: number): number {
    let id = this.codeIds.get(key);
    if (id === undefined) {
      id = this.codeNames.length;
      this.codeNames.push(line.slice(start, start + 5).toUpperCase());
      this.codeIds.set(key, id);
    }
    return id;
  }

  private internRationale(line: string, start: number, end: number): number {
    const length = end - start;
    // Found by a hash of its characters (no string made per row), then compared: a table whose
    // every row has its own rationale must not compare each row with all the others.
    let hash = length;
    for (let i = start; i < end; i++) hash = Math.imul(hash ^ line.charCodeAt(i), 0x01000193);
    const first = this.rationaleByHash.get(hash);
    for (let id = first ?? -1; id >= 0; id = this.nextRationaleOfHash[id]!) {
      const text = this.rationaleTexts[id]!;
      if (text.length === length && line.startsWith(text, start)) return id;
    }
    const id = this.rationaleTexts.length;
    this.rationaleTexts.push(detached(line.slice(start, end)));
    this.nextRationaleOfHash.push(first ?? -1);
    this.rationaleByHash.set(hash, id);
    return id;
  }

  /** @internal Adds the row just scanned. */
  addScanned(scan: RowScan, sourceId: number): void {
    const line = scan.text;
    const n = this.count;
    if (n === this.columnOneOf.length) {
      const capacity = Math.max(1024, n * 2);
      this.columnOneOf = grow(this.columnOneOf, capacity);
      this.columnTwoOf = grow(this.columnTwoOf, capacity);
      this.effectiveOf = grow(this.effectiveOf, capacity);
      this.deletionOf = grow(this.deletionOf, capacity);
      this.flagsOf = grow(this.flagsOf, capacity);
      this.rationaleOf = grow(this.rationaleOf, capacity);
      this.sourceOf = grow(this.sourceOf, capacity);
    }
    if (scan.columnOneKey !== this.lastColumnOneKey) {
      this.lastColumnOneId = this.internCode(scan.columnOneKey, line, scan.columnOneAt);
      this.lastColumnOneKey = scan.columnOneKey;
    }
    this.columnOneOf[n] = this.lastColumnOneId;
    this.columnTwoOf[n] = this.internCode(scan.columnTwoKey, line, scan.columnTwoAt);
    this.effectiveOf[n] = scan.effective;
    this.deletionOf[n] = scan.deletion;
    this.flagsOf[n] = scan.indicator | (scan.preexisting ? PREEXISTING_FLAG : 0);
    this.rationaleOf[n] = this.internRationale(line, scan.rationaleStart, scan.rationaleEnd);
    this.sourceOf[n] = sourceId;
    this.count = n + 1;
    this.columnOneStart = null;
  }

  /** Builds the lookup index now (otherwise the first query does). Returns this. */
  finish(): this {
    if (this.columnOneStart !== null) return this;
    const n = this.count;
    const codes = this.codeNames.length;
    if (this.columnOneOf.length > n + (n >> 3)) this.trimToSize();
    const columnOneOf = this.columnOneOf;
    const columnTwoOf = this.columnTwoOf;

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

    this.columnTwoStart = columnTwoStart;
    this.byColumnTwo = byColumnTwo;
    this.byColumnOne = byColumnOne;
    this.columnOneStart = columnOneStart;
    this.shadowRowsOfOlderTables();
    return this;
  }

  /**
   * Marks, for every pair, the rows of all but the table that decides it (see SHADOWED_FLAG): the
   * table loaded last that has the pair, the built-in set only when no loaded table has it. Each
   * CMS quarterly table is a whole snapshot (an edit it deletes, lowers to indicator 1 or voids keeps
   * its row, changed), so an older quarter's row must not outrank the newer quarter's answer; a
   * folder's tables are loaded oldest quarter first (quarterOrder.ts). Parts of one quarter
   * (f1...f4) hold different column-1 codes, so no pair is split between them.
   */
  private shadowRowsOfOlderTables(): void {
    if (this.sourceNames.length < 2) return;
    const builtin = this.sourceIds.get(BUILTIN_SOURCE) ?? -1;
    const byColumnOne = this.byColumnOne!;
    const { columnOneOf, columnTwoOf, sourceOf, flagsOf } = this;
    const n = this.count;
    for (let first = 0; first < n; ) {
      const r0 = byColumnOne[first]!;
      let last = first + 1;
      while (last < n && columnOneOf[byColumnOne[last]!] === columnOneOf[r0] && columnTwoOf[byColumnOne[last]!] === columnTwoOf[r0]) last++;
      // Source ids are given in the order tables are loaded; the built-in set ranks below every table.
      let deciding = -1;
      for (let p = first; p < last; p++) {
        const source = sourceOf[byColumnOne[p]!]!;
        if (source !== builtin && source > deciding) deciding = source;
      }
      if (deciding < 0) deciding = builtin;
      for (let p = first; p < last; p++) {
        const r = byColumnOne[p]!;
        if (sourceOf[r] !== deciding) flagsOf[r]! |= SHADOWED_FLAG;
        else flagsOf[r]! &= ~SHADOWED_FLAG;
      }
      first = last;
    }
  }

  /** Whether a row is one of a table that does not decide its pair (an older quarter's, or built-in under a loaded table). */
  private isShadowed(row: number): boolean {
    return (this.flagsOf[row]! & SHADOWED_FLAG) !== 0;
  }

  /** Drops the spare capacity left by growing. */
  private trimToSize(): void {
    const n = this.count;
    this.columnOneOf = this.columnOneOf.slice(0, n);
    this.columnTwoOf = this.columnTwoOf.slice(0, n);
    this.effectiveOf = this.effectiveOf.slice(0, n);
    this.deletionOf = this.deletionOf.slice(0, n);
    this.flagsOf = this.flagsOf.slice(0, n);
    this.rationaleOf = this.rationaleOf.slice(0, n);
    this.sourceOf = this.sourceOf.slice(0, n);
  }

  // ---- Low level, by interned code id and row number (for checkers that look up many pairs) ----

  /** Interned id of a code that appears in any edit (case and surrounding blanks ignored), else -1. */
  codeId(code: string): number {
    let key = procedureCodeKey(code, 0, code.length);
    if (key < 0) {
      const trimmed = code.trim();
      if (trimmed.length === code.length) return -1;
      key = procedureCodeKey(trimmed, 0, trimmed.length);
    }
    return key < 0 ? -1 : (this.codeIds.get(key) ?? -1);
  }

  /** Whether the code (id) is column 1 of any row. */
  hasColumnOneEdits(id: number): boolean {
    const starts = this.finish().columnOneStart!;
    return id >= 0 && id < this.codeNames.length && starts[id]! < starts[id + 1]!;
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
    if (columnOneId < 0 || columnTwoId < 0 || columnOneId >= this.codeNames.length) return -1;
    const starts = this.finish().columnOneStart!;
    const byColumnOne = this.byColumnOne!;
    const columnTwoOf = this.columnTwoOf;
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

    const row = this.activeAt(first, last, from);
    if (to <= from || (row >= 0 && this.modifierIndicatorAt(row) === '0')) return row;
    // Over a range the winning row can change only where a window starts or just after one ends
    // (CCYYMMDD + 1 may not be a calendar date, but it orders correctly, which is all that matters).
    // A 0 row in force on any day wins over a 1 row on an earlier day: a wider range never says less.
    const changes: number[] = [];
    for (let p = first; p < last; p++) {
      const r = byColumnOne[p]!;
      const effective = this.effectiveOf[r]!;
      const dayAfterDeletion = this.deletionOf[r]! === 0 ? 0 : this.deletionOf[r]! + 1;
      if (effective > from && effective <= to) changes.push(effective);
      if (dayAfterDeletion > from && dayAfterDeletion <= to) changes.push(dayAfterDeletion);
    }
    changes.sort((a, b) => a - b);
    let best = row;
    for (const date of changes) {
      const changed = this.activeAt(first, last, date);
      if (changed < 0) continue;
      if (this.modifierIndicatorAt(changed) === '0') return changed;
      if (best < 0) best = changed;
    }
    return best;
  }

  /** Among byColumnOne[first, last) (one pair's rows), the row in force on date, or -1 (none, or only 9 rows). */
  private activeAt(first: number, last: number, date: DateNumber): number {
    const byColumnOne = this.byColumnOne!;
    let best = -1;
    let bestRank = -1;
    let bestEffective = -1;
    for (let p = first; p < last; p++) {
      const r = byColumnOne[p]!;
      const flags = this.flagsOf[r]!;
      if ((flags & SHADOWED_FLAG) !== 0) continue;
      const effective = this.effectiveOf[r]!;
      const deletion = this.deletionOf[r]!;
      if (effective > date || (deletion !== 0 && date > deletion)) continue;
      const rank = INDICATOR_RANK[flags & INDICATOR_MASK]!;
      if (rank > bestRank || (rank === bestRank && effective >= bestEffective)) {
        best = r;
        bestRank = rank;
        bestEffective = effective;
      }
    }
    return best >= 0 && (this.flagsOf[best]! & INDICATOR_MASK) === VOID_INDICATOR ? -1 : best;
  }

  modifierIndicatorAt(row: number): ModifierIndicator {
    return INDICATORS[this.finish().flagsOf[row]! & INDICATOR_MASK]!;
  }

  /** The edit stored at a row (rows are numbered in the order they were added). */
  editAt(row: number): PtpEdit {
    this.finish();
    const flags = this.flagsOf[row]!;
    const deletion = this.deletionOf[row]!;
    return {
      columnOne: this.codeNames[this.columnOneOf[row]!]!,
      columnTwo: this.codeNames[this.columnTwoOf[row]!]!,
      preexisting: (flags & PREEXISTING_FLAG) !== 0,
      effective: this.effectiveOf[row]!,
      deletion: deletion === 0 ? null : deletion,
      modifierIndicator: INDICATORS[flags & INDICATOR_MASK]!,
      rationale: this.rationaleTexts[this.rationaleOf[row]!]!,
      source: this.sourceNames[this.sourceOf[row]!]!,
    };
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
    const starts = this.columnOneStart!;
    const byColumnOne = this.byColumnOne!;
    const rows: number[] = [];
    let previousColumnTwo = -1;
    for (let p = starts[id]!; p < starts[id + 1]!; p++) {
      const r = byColumnOne[p]!;
      if (date === undefined) {
        if (!this.isShadowed(r)) rows.push(r);
      }
      else if (this.columnTwoOf[r] !== previousColumnTwo) {
        previousColumnTwo = this.columnTwoOf[r]!;
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
    this.finish();
    const starts = this.columnTwoStart!;
    const byColumnTwo = this.byColumnTwo!;
    const rows: number[] = [];
    const seen = new Set<number>();
    for (let j = starts[id]!; j < starts[id + 1]!; j++) {
      const r = byColumnTwo[j]!;
      if (date === undefined) {
        if (!this.isShadowed(r)) rows.push(r);
      }
      else {
        const columnOneId = this.columnOneOf[r]!;
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
