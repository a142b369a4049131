// The PTP pair test of a large patient group (a CSV without a patient or claim-id column is one
// patient): the pairwise test's findings, in its order, without visiting every pair of lines
// (ptpPairs.ts checkPairwise; checkPtp.ts chooses by the group's size).

import type { DateNumber } from '../model';
import type { PtpRuleSet } from './ptp';
import { applyingRow, applyingRowFor, byPair, mergeInformational, type CodedLine, type FoundPair } from './ptpPairs';
import { firstKeyAtOrAfter } from '../search';

/** Lines of one code that every pair test treats alike: the same dates, modifiers and providers. */
interface LineClass {
  provider: number;
  billing: number;
  /** The provider is a practitioner (CodedLine.practitioner). */
  practitioner: boolean;
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
  /** Some line of the code is distinct by XP alone (namesXp). */
  namesXp: boolean;
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
export function checkLargeGroup(lines: readonly CodedLine[], rules: PtpRuleSet): FoundPair[] {
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
        // over them (then only a line before x's line yields the pair); once for lines of other
        // providers and once for lines of one practitioner, for whom XP does not count.
        const others = splitByEdit(rules, candidates, columnOne.maxSpan, x, false);
        const oneOf = columnOne.namesXp || namesXp(firstLineOf(x)) ? splitByEdit(rules, candidates, columnOne.maxSpan, x, true) : others;
        if (others.empty && oneOf.empty) continue;
        for (const lineClass of x.classes.values()) {
          for (const how of ['same', 'billing'] as const) {
            const { always, before } = how === 'same' && lineClass.practitioner ? oneOf : others;
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

/** The column-1 edit classes whose edit applies over x, split as checkLargeGroup reads them. */
interface EditSplit {
  always: EditClass[];
  before: EditClass[];
  empty: boolean;
}

/** EditSplit of the `candidates` (sorted by `from`, spanning at most `maxSpan` days) over x, for two lines of one practitioner or not. */
function splitByEdit(rules: PtpRuleSet, candidates: readonly EditClass[], maxSpan: number, x: EditClass, practitioner: boolean): EditSplit {
  const always: EditClass[] = [];
  const before: EditClass[] = [];
  const probe = firstLineOf(x);
  for (let at = lowerBound(candidates, x.from - maxSpan); at < candidates.length && candidates[at]!.from <= x.to; at++) {
    const c = candidates[at]!;
    if (c.to < x.from) continue;
    const from = Math.max(c.from, x.from);
    const to = Math.min(c.to, x.to);
    const first = firstLineOf(c);
    if (applyingRowFor(rules, first, probe, from, to, practitioner) < 0) continue;
    (applyingRowFor(rules, probe, first, from, to, practitioner) >= 0 ? before : always).push(c);
  }
  return { always, before, empty: always.length === 0 && before.length === 0 };
}

/** Whether the line is distinct by XP alone: only a pair with such a line can be judged otherwise for one practitioner's lines. */
function namesXp(line: CodedLine): boolean {
  return line.signature.distinct && !line.signature.distinctBesidesXp;
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
      if (!group) groups.set(line.codeId, (group = { code: line.codeId, name: line.code, classes: [], maxSpan: 0, namesXp: false }));
      group.classes.push(editClass);
      group.maxSpan = Math.max(group.maxSpan, line.to - line.from);
      if (namesXp(line)) group.namesXp = true;
    }
    const providers = `${line.provider}:${line.billing}`;
    let lineClass = editClass.classes.get(providers);
    if (!lineClass) editClass.classes.set(providers, (lineClass = { provider: line.provider, billing: line.billing, practitioner: line.practitioner, lines: [] }));
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
