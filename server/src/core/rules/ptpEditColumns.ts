// The rows of a PTP rule set (ptpTable.ts) as they are added: each edit a row of parallel typed
// arrays, its codes, rationale and source interned to small integers (about 31 bytes an edit once
// indexed, for tables of over a million rows). The index over them is ptpIndex.ts's; the
// questions asked of them, ptpTable.ts's.

import * as codes from './codes';
import { INDICATORS, type ModifierIndicator, type RowScan } from './ptpRows';
import type { PtpEdit } from './ptpTable';
import { detached } from '../text';

/** A row's flags (flagsOf): bits 0-1 its modifier indicator (index in INDICATORS). */
export const INDICATOR_MASK = 3;
/** The index of '9' in INDICATORS: a row that says the pair is no edit. */
export const VOID_INDICATOR = 2;
/** Bit 2 of a row's flags: the edit predates 1996 (CMS's '*' column). */
export const PREEXISTING_FLAG = 4;
/**
 * Bit 3 of a row's flags: a row of a table that does not decide its pair (a built-in row where a
 * loaded table has the pair, as the built-in set is for users without tables; or an older table's
 * where a table loaded later, a newer quarter, has it). Not used. Set by ptpIndex.ts.
 */
export const SHADOWED_FLAG = 8;

type PackedArray = Uint8Array | Uint16Array | Uint32Array;

function grow<T extends PackedArray>(array: T, capacity: number): T {
  const bigger = new (array.constructor as new (length: number) => T)(capacity);
  bigger.set(array.subarray(0, Math.min(array.length, capacity)));
  return bigger;
}

/** A local binding, as in ptpRows.ts: transpiled to CommonJS, each call through an import goes through an export getter. */
const procedureCodeKey = codes.procedureCodeKey;

export class PtpEditColumns {
  /** procedureCodeKey -> code id */
  readonly codeIds = new Map<number, number>();
  readonly codeNames: string[] = [];
  /**
   * Rationales by a hash of their text, so a row's rationale is matched in place without slicing
   * the line: the last rationale added with each hash, and for each rationale the one added before
   * it with the same hash (-1: none).
   */
  private readonly rationaleByHash = new Map<number, number>();
  private readonly nextRationaleOfHash: number[] = [];
  readonly rationaleTexts: string[] = [];
  readonly sourceIds = new Map<string, number>();
  readonly sourceNames: string[] = [];

  /** Number of rows, in the order they were added. */
  count = 0;
  columnOneOf = new Uint32Array(1024);
  columnTwoOf = new Uint32Array(1024);
  effectiveOf = new Uint32Array(1024);
  /** 0 = not deleted. */
  deletionOf = new Uint32Array(1024);
  /** Bits 0-1: index in INDICATORS; bit 2: pre-1996; bit 3: shadowed (the flags above). */
  flagsOf = new Uint8Array(1024);
  rationaleOf = new Uint32Array(1024);
  sourceOf = new Uint16Array(1024);

  /** CMS files are grouped by column 1: most rows repeat the previous row's column-1 code. */
  private lastColumnOneKey = -1;
  private lastColumnOneId = -1;

  /** Interned id of a source name. */
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

  /** Interned id of a code that appears in any row (case and surrounding blanks ignored), else -1. */
  codeId(code: string): number {
    let key = procedureCodeKey(code, 0, code.length);
    if (key < 0) {
      const trimmed = code.trim();
      if (trimmed.length === code.length) return -1;
      key = procedureCodeKey(trimmed, 0, trimmed.length);
    }
    return key < 0 ? -1 : (this.codeIds.get(key) ?? -1);
  }

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

  /** Adds the row just scanned. */
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
  }

  /** Drops the spare capacity left by growing, when it is more than an eighth of the rows. */
  trimToSize(): void {
    const n = this.count;
    if (this.columnOneOf.length <= n + (n >> 3)) return;
    this.columnOneOf = this.columnOneOf.slice(0, n);
    this.columnTwoOf = this.columnTwoOf.slice(0, n);
    this.effectiveOf = this.effectiveOf.slice(0, n);
    this.deletionOf = this.deletionOf.slice(0, n);
    this.flagsOf = this.flagsOf.slice(0, n);
    this.rationaleOf = this.rationaleOf.slice(0, n);
    this.sourceOf = this.sourceOf.slice(0, n);
  }

  /** The row's modifier indicator. */
  indicatorAt(row: number): ModifierIndicator {
    return INDICATORS[this.flagsOf[row]! & INDICATOR_MASK]!;
  }

  /** The edit stored at a row, as an object. */
  editAt(row: number): PtpEdit {
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
}
