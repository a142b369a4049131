// A patient group's lines as the PTP pair tests read them (code id, dates, modifiers, providers),
// the edit row that applies to a pair of them, and the pairwise test of a group of a few dozen
// lines: every pair, in run order. checkPtp.ts runs it; a larger group takes the class path
// (ptpLargeGroups.ts), which finds the same pairs in the same order.

import type { DateNumber } from '../model';
import { pairBypassed, type ModifierSignature } from './ptpBypass';
import type { PtpRuleSet } from './ptp';
import type { KeptLines } from './keptLines';
import type { PatientGroup } from './serviceGroups';

/** A line of a group (its row) with what every pair test reads of it. */
export interface CodedLine {
  row: number;
  /** The line's position in the run (KeptLines.order). */
  order: number;
  code: string;
  codeId: number;
  from: DateNumber;
  to: DateNumber;
  signature: ModifierSignature;
  /** KeptLines.providerNumber and billingNumber: equal numbers, equal providers. */
  provider: number;
  billing: number;
  /**
   * The provider is a practitioner: some line of the group names it as its rendering provider,
   * not the billing provider (practitionersOf). Two lines of one practitioner cannot be told apart
   * by XP (pairBypassed).
   */
  practitioner: boolean;
}

export function codedLinesOf(group: PatientGroup, rules: PtpRuleSet): CodedLine[] {
  const out: CodedLine[] = [];
  const lines = group.lines;
  const ids = codeIdsOf(rules);
  for (const row of group.rows) {
    const line = lineWithId(lines, rules, ids, row, null);
    if (line !== null) out.push(line);
  }
  const practitioners = practitionersOfCoded(lines, out);
  if (practitioners.size > 0) for (const line of out) line.practitioner = practitioners.has(line.provider);
  return out;
}

/**
 * The providers (KeptLines.providerNumber) that some line among `rows` whose code is in an edit
 * of the table takes as a person who performed it (KeptLines.person): a rendering provider named
 * apart from the billing provider, or a billing provider that is a person on a claim that names
 * no rendering provider. A line that names only a billing provider that may be a group of several
 * makes none. Read over a patient group's lines.
 */
export function practitionersOf(lines: KeptLines, rules: PtpRuleSet, rows: Iterable<number>): Set<number> {
  const coded: CodedLine[] = [];
  const ids = codeIdsOf(rules);
  for (const row of rows) {
    const line = lineWithId(lines, rules, ids, row, null);
    if (line !== null) coded.push(line);
  }
  return practitionersOfCoded(lines, coded);
}

function practitionersOfCoded(lines: KeptLines, coded: readonly CodedLine[]): Set<number> {
  const out = new Set<number>();
  for (const line of coded) if (lines.person(line.row)) out.add(line.provider);
  return out;
}

/**
 * Per rule set, the code ids of the codes kept lines have had (a kept line's code is one of its
 * run's interned strings): a lookup instead of reading each line's code again (codeId), which
 * made codedLinesOf, compiled with it inlined, one of the dearest compiles of a CLI run. Forgotten
 * when rows are added (a code may then have an id it had not).
 */
const codeIdCache = new WeakMap<PtpRuleSet, { size: number; ids: Map<string, number> }>();

function codeIdsOf(rules: PtpRuleSet): Map<string, number> {
  let cache = codeIdCache.get(rules);
  if (cache === undefined || cache.size !== rules.size) codeIdCache.set(rules, (cache = { size: rules.size, ids: new Map() }));
  return cache.ids;
}

/** Codes whose ids are kept at most (a server reads document after document): then they start again. */
const MAX_CACHED_CODES = 50000;

/** The code's id, now kept in `ids`. */
function newCodeId(ids: Map<string, number>, rules: PtpRuleSet, code: string): number {
  const id = rules.codeId(code);
  if (ids.size >= MAX_CACHED_CODES) ids.clear();
  ids.set(code, id);
  return id;
}

/**
 * A kept line as the pair tests read it, or null when its code is in no edit of the table.
 * `practitioners`: its group's (practitionersOf).
 */
export function codedLineOf(lines: KeptLines, rules: PtpRuleSet, row: number, practitioners: ReadonlySet<number>): CodedLine | null {
  return lineWithId(lines, rules, codeIdsOf(rules), row, practitioners);
}

/** codedLineOf, the code's id looked up in `ids` (codeIdsOf); `practitioners` null: not known yet (false). */
function lineWithId(lines: KeptLines, rules: PtpRuleSet, ids: Map<string, number>, row: number, practitioners: ReadonlySet<number> | null): CodedLine | null {
  const code = lines.code(row);
  const id = ids.get(code) ?? newCodeId(ids, rules, code);
  if (id < 0) return null;
  const provider = lines.providerNumber(row);
  return { row, order: lines.order(row), code, codeId: id, from: lines.from(row), to: lines.to(row), signature: lines.signature(row), provider, billing: lines.billingNumber(row), practitioner: practitioners?.has(provider) === true };
}

/** One pair that yields a finding. */
export interface FoundPair {
  columnOne: CodedLine;
  columnTwo: CodedLine;
  row: number;
  from: DateNumber;
  to: DateNumber;
  sameProvider: boolean;
}

/** How two lines relate: the same provider, another provider of the same billing provider, or neither. */
function relation(a: CodedLine, b: CodedLine): 'same' | 'billing' | null {
  if (a.provider === b.provider) return 'same';
  return a.billing === b.billing ? 'billing' : null;
}

/** Whether two lines are one practitioner's: the same provider, whom the group names as a rendering provider (CodedLine.practitioner). */
export function onePractitioner(one: CodedLine, two: CodedLine): boolean {
  return one.provider === two.provider && one.practitioner;
}

/** The edit row by which column one's code bundles column two's on a day of [from, to], or -1. */
export function applyingRow(rules: PtpRuleSet, one: CodedLine, two: CodedLine, from: DateNumber, to: DateNumber): number {
  return applyingRowFor(rules, one, two, from, to, onePractitioner(one, two));
}

/** applyingRow as if the two lines were (or were not) one practitioner's, whatever their providers. */
export function applyingRowFor(rules: PtpRuleSet, one: CodedLine, two: CodedLine, from: DateNumber, to: DateNumber, practitioner: boolean): number {
  if (!rules.hasColumnOneEdits(one.codeId)) return -1;
  const row = rules.activeRowInRange(one.codeId, two.codeId, from, to);
  if (row < 0) return -1;
  if (rules.modifierIndicatorAt(row) === '1' && pairBypassed(one.signature, two.signature, two.code, practitioner)) return -1;
  return row;
}

/** Every pair of lines, in run order; at most one finding per pair and per (column-2 line, column-1 code, relation). */
export function checkPairwise(lines: readonly CodedLine[], rules: PtpRuleSet): FoundPair[] {
  const found: FoundPair[] = [];
  const reported = new Set<string>();
  const informational: FoundPair[] = [];
  for (let a = 0; a < lines.length; a++) {
    const first = lines[a]!;
    for (let b = a + 1; b < lines.length; b++) {
      const second = lines[b]!;
      if (first.codeId === second.codeId) continue;
      const from = Math.max(first.from, second.from);
      const to = Math.min(first.to, second.to);
      if (from > to) continue;
      const how = relation(first, second);
      if (how === null) continue;
      let one = first;
      let two = second;
      let row = applyingRow(rules, first, second, from, to);
      if (row < 0) {
        one = second;
        two = first;
        row = applyingRow(rules, second, first, from, to);
      }
      if (row < 0) continue;
      const key = `${two.order}:${one.codeId}:${how}`;
      if (reported.has(key)) continue;
      reported.add(key);
      const pair = { columnOne: one, columnTwo: two, row, from, to, sameProvider: how === 'same' };
      (how === 'same' ? found : informational).push(pair);
    }
  }
  return mergeInformational(found, informational);
}

/** Adds the informational pairs whose column-2 line has no conflict with the same column-1 code, keeping pair order. */
export function mergeInformational(found: FoundPair[], informational: FoundPair[]): FoundPair[] {
  if (informational.length === 0) return found;
  const conflicts = new Set(found.map((p) => `${p.columnTwo.order}:${p.columnOne.codeId}`));
  const all = found.concat(informational.filter((p) => !conflicts.has(`${p.columnTwo.order}:${p.columnOne.codeId}`)));
  return all.sort(byPair);
}

export function byPair(a: FoundPair, b: FoundPair): number {
  const lowA = Math.min(a.columnOne.order, a.columnTwo.order);
  const lowB = Math.min(b.columnOne.order, b.columnTwo.order);
  if (lowA !== lowB) return lowA - lowB;
  return Math.max(a.columnOne.order, a.columnTwo.order) - Math.max(b.columnOne.order, b.columnTwo.order);
}
