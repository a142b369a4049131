// The lines beside a line, as the add-on code check (checkAddOns.ts) asks for them: the same
// patient group and provider, dates that overlap (and, for a message, a primary on another date). A group is indexed once, by provider and then by
// code, so a line asks only for the codes it can use (its listed primaries, the codes that may
// bundle it) and stops at the first line that settles it: a CSV without a patient column is one
// patient, and a day of thousands of lines walked in full for each of them took seconds.

import type { KeptLines } from './keptLines';
import type { PatientGroup } from './serviceGroups';

/** One code's lines of a provider. */
interface CodeLines {
  /** Indexes in ProviderLines.rows, ascending: sorted by first date, then in run order. */
  at: number[];
  /** Longest date range of the lines, in CCYYMMDD steps (an upper bound is enough). */
  maxSpan: number;
}

/** One provider's lines of a group, sorted by first date (then in run order), and by code. */
export class ProviderLines {
  /** Rows of the group's table. */
  readonly rows: number[] = [];
  /** By code (trimmed, upper case). */
  readonly byCode = new Map<string, CodeLines>();
  private readonly all: CodeLines = { at: [], maxSpan: 0 };

  constructor(private readonly lines: KeptLines) {}

  /** @internal Called by byProvider once every row is added. */
  index(): void {
    const lines = this.lines;
    this.rows.sort((a, b) => lines.from(a) - lines.from(b));
    for (let at = 0; at < this.rows.length; at++) {
      const row = this.rows[at]!;
      const span = lines.to(row) - lines.from(row);
      const key = codeKey(lines, row);
      let code = this.byCode.get(key);
      if (!code) this.byCode.set(key, (code = { at: [], maxSpan: 0 }));
      code.at.push(at);
      code.maxSpan = Math.max(code.maxSpan, span);
      this.all.at.push(at);
      this.all.maxSpan = Math.max(this.all.maxSpan, span);
    }
  }

  /**
   * The provider's other lines whose dates overlap line `row`'s, of the given codes (null: of any
   * code), in the order of `rows`, one at a time: the caller stops at the one that settles it.
   */
  *beside(row: number, codes: Iterable<string> | null): Generator<number> {
    const lists: CodeLines[] = [];
    if (codes === null) lists.push(this.all);
    else
      for (const code of codes) {
        const list = this.byCode.get(code);
        if (list !== undefined) lists.push(list);
      }
    if (lists.length === 0) return;
    const lines = this.lines;
    const from = lines.from(row);
    const to = lines.to(row);
    // One cursor per code, at its next line that may overlap; the lowest index into `rows` goes
    // next, which keeps their order. A cursor past `to` is done.
    const cursors = lists.map((list) => ({ at: list.at, next: this.firstFrom(list.at, from - list.maxSpan) }));
    for (;;) {
      let pick: (typeof cursors)[number] | null = null;
      let index = -1;
      for (const cursor of cursors) {
        if (cursor.next >= cursor.at.length) continue;
        const at = cursor.at[cursor.next]!;
        if (lines.from(this.rows[at]!) > to) cursor.next = cursor.at.length;
        else if (pick === null || at < index) {
          pick = cursor;
          index = at;
        }
      }
      if (pick === null) return;
      pick.next++;
      const other = this.rows[index]!;
      if (other !== row && from <= lines.to(other)) yield other;
    }
  }

  /** The first index into `at` whose line starts on or after `from`. */
  private firstFrom(at: readonly number[], from: number): number {
    let low = 0;
    let high = at.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.lines.from(this.rows[at[mid]!]!) < from) low = mid + 1;
      else high = mid;
    }
    return low;
  }
}

/** A line's code as the add-on table keys it. */
export function codeKey(lines: KeptLines, row: number): string {
  return lines.code(row).trim().toUpperCase();
}

/** A group's lines by provider (KeptLines.providerNumber), indexed. */
export function byProvider(group: PatientGroup): Map<number, ProviderLines> {
  const lines = group.lines;
  const out = new Map<number, ProviderLines>();
  for (const row of group.rows) {
    const provider = lines.providerNumber(row);
    let entry = out.get(provider);
    if (!entry) out.set(provider, (entry = new ProviderLines(lines)));
    entry.rows.push(row);
  }
  for (const entry of out.values()) entry.index();
  return out;
}

/** The group's other rows whose code is one of `primaries` (those of the add-on line `row`). */
function* primaryRows(group: PatientGroup, row: number, primaries: readonly string[]): Generator<number> {
  if (primaries.length === 0) return;
  const wanted = new Set(primaries);
  for (const other of group.rows) if (other !== row && wanted.has(codeKey(group.lines, other))) yield other;
}

/**
 * A row of the group by another provider than the add-on line's, on its date, whose code is one
 * of `primaries` (the first in run order); -1 when none. The same patient's primary the same day
 * under another rendering NPI is most often one line's provider written wrong.
 */
export function primaryByAnotherProvider(group: PatientGroup, row: number, primaries: readonly string[]): number {
  const lines = group.lines;
  for (const other of primaryRows(group, row, primaries)) {
    if (lines.providerNumber(other) !== lines.providerNumber(row) && lines.from(other) <= lines.to(row) && lines.to(other) >= lines.from(row)) return other;
  }
  return -1;
}

/** A row of the group by the add-on line's provider, on another date, whose code is one of `primaries` (the nearest in time); -1 when none. */
export function primaryOnAnotherDate(group: PatientGroup, row: number, primaries: readonly string[]): number {
  const lines = group.lines;
  const from = lines.from(row);
  let best = -1;
  for (const other of primaryRows(group, row, primaries)) {
    if (lines.providerNumber(other) !== lines.providerNumber(row)) continue;
    if (lines.from(other) <= from && lines.to(other) >= from) continue;
    if (best < 0 || Math.abs(lines.from(other) - from) < Math.abs(lines.from(best) - from)) best = other;
  }
  return best;
}
