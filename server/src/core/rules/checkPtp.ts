// The PTP check: pairs of service lines of one patient, by one provider, whose dates of service
// overlap and whose codes an NCCI edit in force on those dates says should not be billed
// together, whichever claims (or files) the lines are on. The practitioner table judges 837P
// and CSV lines, the outpatient hospital table 837I lines (serviceGroups.ts groups them).

import { formatDate, formatDateRange } from '../dates';
import type { Claim, DateNumber, Finding, PtpFindingData, PtpTableKind } from '../model';
import { pairBypassed, type ModifierSignature } from './ptpBypass';
import type { PtpRuleSet } from './ptp';
import type { KeptLines } from './keptLines';
import { pairTextsOf } from './ptpTexts';
import { lineLabel, ServiceGrouper, type PatientGroup } from './serviceGroups';
import { firstKeyAtOrAfter } from '../search';

export const PTP_CONFLICT_RULE = 'ptp.conflict';
export const PTP_MODIFIER_REQUIRED_RULE = 'ptp.modifier-required';
export const PTP_OTHER_PROVIDER_RULE = 'ptp.other-rendering-provider';

/** The two tables a check chooses from by claim type. */
export interface PtpTables {
  practitioner: PtpRuleSet;
  hospital: PtpRuleSet;
}

/** A finding and the document (of a run of several) it belongs to. */
export interface RunFinding {
  file: number;
  finding: Finding;
}

/**
 * The PTP findings of one document's claims. See checkPtpGroups for what is reported.
 */
export function checkPtp(claims: readonly Claim[], tables: PtpTables, x12 = true, pairwiseLimit = PAIRWISE_LIMIT): Finding[] {
  const grouper = new ServiceGrouper();
  grouper.add(claims, { x12, keep: keepCoded(tables) });
  return checkPtpGroups(grouper, tables, undefined, pairwiseLimit).map((f) => f.finding);
}

/** A ServiceGrouper filter: lines whose code is in some edit of their table. */
export function keepCoded(tables: PtpTables): (line: { code: string }, table: PtpTableKind) => boolean {
  const keep = keepCodeOf(tables);
  return (line, table) => keep(line.code, table);
}

/** keepCoded by the code alone (for a line not built yet). */
export function keepCodeOf(tables: PtpTables): (code: string, table: PtpTableKind) => boolean {
  return (code, table) => tables[table].codeId(code) >= 0;
}

/**
 * Findings for every pair of lines of a patient group whose dates of service overlap and whose
 * codes an edit in force on those dates pairs as column 1 / column 2:
 * - the same provider: indicator 0 'ptp.conflict' (error); indicator 1 without a modifier that
 *   satisfies it 'ptp.modifier-required' (warning);
 * - other rendering providers of the same billing provider: 'ptp.other-rendering-provider'
 *   (information), only when the same column-2 line has no conflict with that column-1 code.
 * The finding sits on the column-2 line's code, once per column-1 code; its related location is
 * the first column-1 line in run order. Two lines of the same code are never paired. Findings are
 * ordered by their pair of lines (the lower line, then the higher).
 */
export function checkPtpGroups(grouper: ServiceGrouper, tables: PtpTables, fileNames?: readonly string[], pairwiseLimit = PAIRWISE_LIMIT): RunFinding[] {
  const out: RunFinding[] = [];
  for (const group of grouper.groups()) checkPtpGroup(group, tables, out, fileNames, pairwiseLimit);
  return out;
}

/** The PTP findings of one patient group (see checkPtpGroups), added to `out`: they depend on that group's lines alone. */
export function checkPtpGroup(group: PatientGroup, tables: PtpTables, out: RunFinding[], fileNames?: readonly string[], pairwiseLimit = PAIRWISE_LIMIT): void {
  const rules = tables[group.table];
  if (group.rows.length < 2 || rules.size === 0) return;
  rules.finish();
  const coded = codedLinesOf(group, rules);
  if (coded.length < 2) return;
  const lines = group.lines;
  const found = coded.length > pairwiseLimit ? checkLargeGroup(coded, rules) : checkPairwise(coded, rules);
  for (const { columnOne, columnTwo, row, from, to, sameProvider } of found) {
    out.push({ file: lines.file(columnTwo.row), finding: pairFinding(lines, rules, group.table, columnOne, columnTwo, row, from, to, sameProvider, fileNames) });
  }
}

/** A line of a group (its row) with what every pair test reads of it. */
interface CodedLine {
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
}

function codedLinesOf(group: PatientGroup, rules: PtpRuleSet): CodedLine[] {
  const out: CodedLine[] = [];
  const lines = group.lines;
  const ids = codeIdsOf(rules);
  for (const row of group.rows) {
    const code = lines.code(row);
    const id = ids.get(code) ?? newCodeId(ids, rules, code);
    if (id < 0) continue;
    out.push({
      row,
      order: lines.order(row),
      code,
      codeId: id,
      from: lines.from(row),
      to: lines.to(row),
      signature: lines.signature(row),
      provider: lines.providerNumber(row),
      billing: lines.billingNumber(row),
    });
  }
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

/** A kept line as the pair tests read it, or null when its code is in no edit of the table. */
function codedLineOf(lines: KeptLines, rules: PtpRuleSet, row: number): CodedLine | null {
  const code = lines.code(row);
  const id = rules.codeId(code);
  if (id < 0) return null;
  return { row, order: lines.order(row), code, codeId: id, from: lines.from(row), to: lines.to(row), signature: lines.signature(row), provider: lines.providerNumber(row), billing: lines.billingNumber(row) };
}

/**
 * Whether another line of the same patient group (by its row) is the column-1 line of a
 * 'ptp.conflict' with line `row` as column 2, as checkPtpGroup reports it: the same provider,
 * dates that overlap, and an indicator-0 edit in force with the other line's code as column 1 (so
 * no modifier helps), the pair taken the way the pair test takes it (the earlier line as column 1
 * first). While such a line is paid, this one is denied (an add-on code whose primary it is has
 * no paid primary: checkAddOns.ts). Null when line `row`'s code is in no edit: no line is.
 */
export function conflictColumnOneTest(lines: KeptLines, rules: PtpRuleSet, row: number): ((other: number) => boolean) | null {
  if (rules.size === 0) return null;
  const two = codedLineOf(lines, rules, row);
  if (two === null) return null;
  return (other) => {
    if (other === row) return false;
    const one = codedLineOf(lines, rules, other);
    if (one === null || one.codeId === two.codeId || one.provider !== two.provider) return false;
    const from = Math.max(one.from, two.from);
    const to = Math.min(one.to, two.to);
    if (from > to) return false;
    // The pair test takes the later line as column 1 only when the earlier one is not.
    if (two.order < one.order && applyingRow(rules, two, one, from, to) >= 0) return false;
    const edit = applyingRow(rules, one, two, from, to);
    return edit >= 0 && rules.modifierIndicatorAt(edit) === '0';
  };
}

/**
 * Whether an indicator-0 edit with these codes as column 1 and column 2 is in force on some day
 * of [from, to]: a line of the one can be the column-1 line of a conflict with a line of the other
 * (conflictColumnOneTest) on those days only then, since a 0 row in force on some day of a range
 * is what the index answers for the whole range.
 */
export function mayConflict(rules: PtpRuleSet, columnOne: string, columnTwo: string, from: DateNumber, to: DateNumber): boolean {
  const one = rules.codeId(columnOne);
  if (one < 0 || !rules.hasColumnOneEdits(one)) return false;
  const row = rules.activeRowInRange(one, rules.codeId(columnTwo), from, to);
  return row >= 0 && rules.modifierIndicatorAt(row) === '0';
}

/** One pair that yields a finding. */
interface FoundPair {
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

/** The edit row by which column one's code bundles column two's on a day of [from, to], or -1. */
function applyingRow(rules: PtpRuleSet, one: CodedLine, two: CodedLine, from: DateNumber, to: DateNumber): number {
  if (!rules.hasColumnOneEdits(one.codeId)) return -1;
  const row = rules.activeRowInRange(one.codeId, two.codeId, from, to);
  if (row < 0) return -1;
  if (rules.modifierIndicatorAt(row) === '1' && pairBypassed(one.signature, two.signature)) return -1;
  return row;
}

/** Every pair of lines, in run order; at most one finding per pair and per (column-2 line, column-1 code, relation). */
function checkPairwise(lines: readonly CodedLine[], rules: PtpRuleSet): FoundPair[] {
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
function mergeInformational(found: FoundPair[], informational: FoundPair[]): FoundPair[] {
  if (informational.length === 0) return found;
  const conflicts = new Set(found.map((p) => `${p.columnTwo.order}:${p.columnOne.codeId}`));
  const all = found.concat(informational.filter((p) => !conflicts.has(`${p.columnTwo.order}:${p.columnOne.codeId}`)));
  return all.sort(byPair);
}

function byPair(a: FoundPair, b: FoundPair): number {
  const lowA = Math.min(a.columnOne.order, a.columnTwo.order);
  const lowB = Math.min(b.columnOne.order, b.columnTwo.order);
  if (lowA !== lowB) return lowA - lowB;
  return Math.max(a.columnOne.order, a.columnTwo.order) - Math.max(b.columnOne.order, b.columnTwo.order);
}

/**
 * Groups with more coded lines than this take the class path below (same findings, same order)
 * instead of comparing every pair of lines: a CSV without a patient or claim-id column is one
 * patient, and 8,000 rows of it took 28 seconds pairwise.
 */
const PAIRWISE_LIMIT = 64;

/** Lines of one code that every pair test treats alike: the same dates, modifiers and providers. */
interface LineClass {
  provider: number;
  billing: number;
  /** The lines, in run order. */
  lines: CodedLine[];
}

/**
 * The line classes of one code that the edit index treats alike: the same dates and modifiers,
 * whichever providers billed them. The index is asked once per pair of these, not per pair of
 * line classes: with one NPI column every line shares the empty billing provider, so the classes
 * of a day's many rendering providers would all pair with each other.
 */
interface EditClass {
  from: DateNumber;
  to: DateNumber;
  /** By `${provider}:${billing}`, in the order first seen. */
  classes: Map<string, LineClass>;
  /** The first line (in run order) of each provider's classes. */
  firstByProvider: Map<number, CodedLine>;
  /** Per billing provider, the first lines of its two earliest providers: the first of another provider than a given one is among them. */
  firstByBilling: Map<number, CodedLine[]>;
}

interface CodeGroup {
  code: number;
  name: string;
  /** Sorted by `from`. */
  classes: EditClass[];
  /** Longest `to - from` of the classes. */
  maxSpan: number;
}

/**
 * The pairwise loop's findings without visiting every pair of lines. What the loop does, restated
 * per column-2 line x, column-1 code A and relation R: it reports (x, A, R) from the first pair
 * in its order (lower line, then higher) that yields it. A pair {x, y} with y of code A yields it
 * when y is before x and A-over-x applies, or when y is after x, A-over-x applies and x-over-A
 * does not (the loop tries the earlier line as column 1 first). Both depend only on the classes of
 * x and y, so per pair of classes it is enough to know the first line of the column-1 class; and
 * whether an edit applies depends only on their edit classes, so the index is asked per pair of
 * edit classes and the providers are matched after.
 */
function checkLargeGroup(lines: readonly CodedLine[], rules: PtpRuleSet): FoundPair[] {
  const groups = codeGroupsOf(lines);
  if (groups.size < 2) return [];
  const found: FoundPair[] = [];
  const informational: FoundPair[] = [];
  const all = [...groups.values()];
  for (const columnTwo of all) {
    for (const columnOne of columnOneGroupsOf(columnTwo, all, groups, rules)) {
      const candidates = columnOne.classes;
      for (const x of columnTwo.classes) {
        // The column-1 edit classes whose edit applies over x, split by whether x's also applies
        // over them (then only a line before x's line yields the pair).
        const always: EditClass[] = [];
        const before: EditClass[] = [];
        const probe = firstLineOf(x);
        for (let at = lowerBound(candidates, x.from - columnOne.maxSpan); at < candidates.length && candidates[at]!.from <= x.to; at++) {
          const c = candidates[at]!;
          if (c.to < x.from) continue;
          const from = Math.max(c.from, x.from);
          const to = Math.min(c.to, x.to);
          const first = firstLineOf(c);
          if (applyingRow(rules, first, probe, from, to) < 0) continue;
          (applyingRow(rules, probe, first, from, to) >= 0 ? before : always).push(c);
        }
        if (always.length === 0 && before.length === 0) continue;
        for (const lineClass of x.classes.values()) {
          for (const how of ['same', 'billing'] as const) {
            // The first column-1 line of that relation that yields (x, A) from either side, and the first that yields it only from before x.
            const a = firstRelated(always, lineClass, how);
            const b0 = firstRelated(before, lineClass, how);
            if (a === null && b0 === null) continue;
            for (const line of lineClass.lines) {
              const b = b0 !== null && b0.order < line.order ? b0 : null;
              const y = a === null ? b : b === null ? a : a.order < b.order ? a : b;
              if (y === null) continue;
              const from = Math.max(y.from, line.from);
              const to = Math.min(y.to, line.to);
              const row = applyingRow(rules, y, line, from, to);
              const pair = { columnOne: y, columnTwo: line, row, from, to, sameProvider: how === 'same' };
              (how === 'same' ? found : informational).push(pair);
            }
          }
        }
      }
    }
  }
  return mergeInformational(found.sort(byPair), informational);
}

/** The lines grouped by code, then by edit class, then by line class. */
function codeGroupsOf(lines: readonly CodedLine[]): Map<number, CodeGroup> {
  const groups = new Map<number, CodeGroup>();
  const editClasses = new Map<string, EditClass>();
  for (const line of lines) {
    const key = `${line.codeId}:${line.from}:${line.to}:${line.signature.key}`;
    let editClass = editClasses.get(key);
    if (!editClass) {
      editClass = { from: line.from, to: line.to, classes: new Map(), firstByProvider: new Map(), firstByBilling: new Map() };
      editClasses.set(key, editClass);
      let group = groups.get(line.codeId);
      if (!group) groups.set(line.codeId, (group = { code: line.codeId, name: line.code, classes: [], maxSpan: 0 }));
      group.classes.push(editClass);
      group.maxSpan = Math.max(group.maxSpan, line.to - line.from);
    }
    const providers = `${line.provider}:${line.billing}`;
    let lineClass = editClass.classes.get(providers);
    if (!lineClass) editClass.classes.set(providers, (lineClass = { provider: line.provider, billing: line.billing, lines: [] }));
    lineClass.lines.push(line);
    // Lines come in run order: the first seen of a provider is its first.
    if (!editClass.firstByProvider.has(line.provider)) editClass.firstByProvider.set(line.provider, line);
    const billing = editClass.firstByBilling.get(line.billing);
    if (billing === undefined) editClass.firstByBilling.set(line.billing, [line]);
    else if (billing.length < 2 && billing[0]!.provider !== line.provider) billing.push(line);
  }
  for (const group of groups.values()) group.classes.sort((a, b) => a.from - b.from);
  return groups;
}

/** An edit class's first line, which stands for it in the edit index (every line of it reads the same). */
function firstLineOf(editClass: EditClass): CodedLine {
  return editClass.classes.values().next().value!.lines[0]!;
}

/**
 * The first line, in run order, of the given edit classes that relates to a line class as asked:
 * by the same provider, or by another provider of the same billing provider; null when none.
 */
function firstRelated(editClasses: readonly EditClass[], x: LineClass, how: 'same' | 'billing'): CodedLine | null {
  let first: CodedLine | null = null;
  for (const c of editClasses) {
    const y = how === 'same' ? c.firstByProvider.get(x.provider) : c.firstByBilling.get(x.billing)?.find((line) => line.provider !== x.provider);
    if (y !== undefined && (first === null || y.order < first.order)) first = y;
  }
  return first;
}

/** The groups whose code is column 1 of some edit with the given group's code as column 2. */
function columnOneGroupsOf(columnTwo: CodeGroup, all: readonly CodeGroup[], groups: ReadonlyMap<number, CodeGroup>, rules: PtpRuleSet): CodeGroup[] {
  if (all.length <= 64) return all.filter((g) => g !== columnTwo && rules.hasColumnOneEdits(g.code));
  // Many distinct codes: ask the index for the column-1 codes of this column-2 code instead.
  const out: CodeGroup[] = [];
  const seen = new Set<number>();
  for (const edit of rules.editsAsColumnTwo(columnTwo.name)) {
    const id = rules.codeId(edit.columnOne);
    const group = groups.get(id);
    if (group && group !== columnTwo && !seen.has(id)) {
      seen.add(id);
      out.push(group);
    }
  }
  return out;
}

function lowerBound(classes: readonly EditClass[], from: number): number {
  return firstKeyAtOrAfter(classes.length, (i) => classes[i]!.from, from);
}

function pairFinding(
  lines: KeptLines,
  rules: PtpRuleSet,
  table: PtpTableKind,
  one: CodedLine,
  two: CodedLine,
  row: number,
  from: DateNumber,
  to: DateNumber,
  sameProvider: boolean,
  fileNames: readonly string[] | undefined,
): Finding {
  const texts = pairTextsOf(rules, table, row);
  const { columnOne, columnTwo } = texts;
  const indicator = texts.indicator as '0' | '1';
  const around = `${lineLabel(lines, one.row, two.row, fileNames)}) on ${from === to ? formatDate(from) : formatDateRange({ from, to })}`;
  const span = lines.codeSpan(two.row);
  const oneFile = lines.file(one.row);
  const twoFile = lines.file(two.row);
  const related = oneFile === twoFile ? [{ span: lines.codeSpan(one.row), message: texts.related }] : [];
  if (!sameProvider) {
    return { rule: PTP_OTHER_PROVIDER_RULE, severity: 'information', message: texts.otherHead + around + texts.otherTail, span, codes: [columnOne, columnTwo], related };
  }
  const data: PtpFindingData = {
    kind: 'ptp',
    columnOne,
    columnTwo,
    modifierIndicator: indicator,
    table,
    claimIndex: lines.claimIndex(two.row),
    columnTwoLine: lines.lineIndex(two.row),
    columnOneClaim: lines.claimIndex(one.row),
    columnOneLine: lines.lineIndex(one.row),
  };
  // Last, as the report writes the data's fields in this order.
  if (oneFile !== twoFile) data.columnOneFile = oneFile;
  return {
    rule: indicator === '0' ? PTP_CONFLICT_RULE : PTP_MODIFIER_REQUIRED_RULE,
    severity: indicator === '0' ? 'error' : 'warning',
    message: texts.head + around + texts.tail,
    span,
    codes: [columnOne, columnTwo],
    related,
    data,
  };
}
