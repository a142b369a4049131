// The PTP check: pairs of service lines on one claim, on the same date of service, that an
// active NCCI edit says should not be billed together.

import { isPtpBypassModifier, PTP_FIX_MODIFIERS } from '../data/modifiers';
import type { Claim, DateNumber, Finding, ServiceLine } from '../model';
import { formatDate } from '../dates';
import type { PtpRuleSet } from './ptp';

export const PTP_CONFLICT_RULE = 'ptp.conflict';
export const PTP_MODIFIER_REQUIRED_RULE = 'ptp.modifier-required';

function hasBypassModifier(line: ServiceLine): boolean {
  for (const modifier of line.modifiers) if (isPtpBypassModifier(modifier.value)) return true;
  return false;
}

function formatDates(from: DateNumber, to: DateNumber): string {
  return from === to ? formatDate(from) : `${formatDate(from)}–${formatDate(to)}`;
}

function listWithOr(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

const FIX_MODIFIER_LIST = listWithOr(PTP_FIX_MODIFIERS.map((modifier) => modifier.code));
const FIX_MODIFIER_MEANINGS = listWithOr(PTP_FIX_MODIFIERS.slice(0, 4).map((modifier) => modifier.meaning));

/**
 * Findings for every pair of lines of a claim whose dates of service overlap and whose codes an
 * edit in force on that date pairs as column 1 / column 2. Indicator 0: 'ptp.conflict' (error);
 * indicator 1 without an NCCI-associated modifier on either line: 'ptp.modifier-required'
 * (warning). The finding sits on the column-2 line's code. Lines without a code or a date, and
 * two lines with the same code, are never paired; a column-2 line is reported once per column-1
 * code even when that code is on several lines.
 */
export function checkPtp(claims: readonly Claim[], rules: PtpRuleSet, pairwiseLimit = PAIRWISE_LIMIT): Finding[] {
  const findings: Finding[] = [];
  if (rules.size === 0) return findings;
  rules.finish();
  // Reused across claims: the lines of the current claim whose code is in some edit, in
  // [0, coded) (a count rather than setting length, which is a call into the runtime).
  const codeIds: number[] = [];
  const lineIndexes: number[] = [];
  // "column-2 line:column-1 code" already reported in this claim: a second copy of the column-1
  // line would only repeat the same finding on the same line.
  const reported = new Set<string>();
  for (const claim of claims) {
    const lines = claim.lines;
    if (lines.length < 2) continue;
    let coded = 0;
    if (reported.size > 0) reported.clear();
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      if (line.code === '' || line.dateOfService === null) continue;
      const id = rules.codeId(line.code);
      if (id < 0) continue;
      codeIds[coded] = id;
      lineIndexes[coded] = i;
      coded++;
    }
    if (coded < 2) continue;
    if (coded > pairwiseLimit) {
      codeIds.length = coded;
      lineIndexes.length = coded;
      checkLargeClaim(claim, rules, codeIds, lineIndexes, findings);
      continue;
    }
    for (let a = 0; a < coded; a++) {
      for (let b = a + 1; b < coded; b++) {
        if (codeIds[a] === codeIds[b]) continue; // the same code twice is a duplicate, not a PTP pair
        const first = lines[lineIndexes[a]!]!;
        const second = lines[lineIndexes[b]!]!;
        const from = Math.max(first.dateOfService!.from, second.dateOfService!.from);
        const to = Math.min(first.dateOfService!.to, second.dateOfService!.to);
        if (from > to) continue;
        // Either line may be column 1; report at most one finding for the pair of lines.
        const finding =
          pairFinding(rules, claim, codeIds[a]!, lineIndexes[a]!, codeIds[b]!, lineIndexes[b]!, from, to) ??
          pairFinding(rules, claim, codeIds[b]!, lineIndexes[b]!, codeIds[a]!, lineIndexes[a]!, from, to);
        if (finding) {
          const key = `${finding.data!.columnTwoLine}:${finding.data!.columnOne}`;
          if (!reported.has(key)) {
            reported.add(key);
            findings.push(finding);
          }
        }
      }
    }
  }
  return findings;
}

/**
 * Claims with more coded lines than this take the grouped path below (same findings, same order)
 * instead of comparing every pair of lines: a CSV without a claim-id column is one claim, and
 * 8,000 rows of it took 28 seconds pairwise.
 */
const PAIRWISE_LIMIT = 64;

/** Lines of one code with the same dates and bypass modifiers: every pair check treats them alike. */
interface LineClass {
  from: DateNumber;
  to: DateNumber;
  bypass: boolean;
  /** Line indexes, ascending. */
  lines: number[];
}

interface CodeGroup {
  code: number;
  /** The code as written on the group's first line. */
  name: string;
  /** Sorted by `from`. */
  classes: LineClass[];
  /** Longest `to - from` of the classes (0 when every line is a single day). */
  maxSpan: number;
}

/**
 * The pairwise loop's findings, without visiting every pair of lines. What the loop does, restated
 * per column-2 line x and column-1 code A: it reports (x, A) from the first pair in its order (by
 * lower line index, then higher) that yields that finding. A pair {x, y} with y of code A yields it
 * when y < x and A-over-x applies, or when y > x, A-over-x applies and x-over-A does not (the loop
 * tries the lower line as column 1 first). Both depend only on the classes of x and y, so per pair
 * of classes (X, C) it is enough to know the lowest line of C; the reported y is the lowest such
 * line over the classes of A, and the findings are put back in the loop's order at the end.
 */
function checkLargeClaim(claim: Claim, rules: PtpRuleSet, codeIds: readonly number[], lineIndexes: readonly number[], out: Finding[]): void {
  const lines = claim.lines;
  const groups = new Map<number, CodeGroup>();
  const classes = new Map<string, LineClass>();
  for (let k = 0; k < codeIds.length; k++) {
    const code = codeIds[k]!;
    const index = lineIndexes[k]!;
    const line = lines[index]!;
    const { from, to } = line.dateOfService!;
    const bypass = hasBypassModifier(line);
    const key = `${code}:${from}:${to}:${bypass ? 1 : 0}`;
    let lineClass = classes.get(key);
    if (!lineClass) {
      lineClass = { from, to, bypass, lines: [] };
      classes.set(key, lineClass);
      let group = groups.get(code);
      if (!group) groups.set(code, (group = { code, name: line.code, classes: [], maxSpan: 0 }));
      group.classes.push(lineClass);
      group.maxSpan = Math.max(group.maxSpan, to - from);
    }
    lineClass.lines.push(index);
  }
  if (groups.size < 2) return;
  for (const group of groups.values()) group.classes.sort((a, b) => a.from - b.from);

  const applies = (columnOne: number, one: LineClass, columnTwo: number, two: LineClass, from: DateNumber, to: DateNumber): boolean => {
    if (!rules.hasColumnOneEdits(columnOne)) return false;
    const row = rules.activeRowInRange(columnOne, columnTwo, from, to);
    if (row < 0) return false;
    const indicator = rules.modifierIndicatorAt(row);
    return indicator === '0' || (indicator === '1' && !one.bypass && !two.bypass);
  };

  const found: { low: number; high: number; finding: Finding }[] = [];
  const all = [...groups.values()];
  for (const columnTwo of all) {
    for (const columnOne of columnOneGroupsOf(columnTwo, all, groups, rules)) {
      const candidates = columnOne.classes;
      for (const x of columnTwo.classes) {
        // Classes of the column-1 code whose dates overlap x's: from <= x.to and to >= x.from.
        let start = lowerBound(candidates, x.from - columnOne.maxSpan);
        let always = Infinity; // lowest line of a class that yields (x, A) from either side
        let below = Infinity; // lowest line of a class that yields it only from below x
        for (; start < candidates.length && candidates[start]!.from <= x.to; start++) {
          const c = candidates[start]!;
          if (c.to < x.from) continue;
          const from = Math.max(c.from, x.from);
          const to = Math.min(c.to, x.to);
          if (!applies(columnOne.code, c, columnTwo.code, x, from, to)) continue;
          if (applies(columnTwo.code, x, columnOne.code, c, from, to)) below = Math.min(below, c.lines[0]!);
          else always = Math.min(always, c.lines[0]!);
        }
        if (always === Infinity && below === Infinity) continue;
        for (const line of x.lines) {
          const y = below < line ? Math.min(always, below) : always;
          if (y === Infinity) continue;
          const one = lines[y]!.dateOfService!;
          const two = lines[line]!.dateOfService!;
          const finding = pairFinding(rules, claim, columnOne.code, y, columnTwo.code, line, Math.max(one.from, two.from), Math.min(one.to, two.to));
          if (finding) found.push({ low: Math.min(y, line), high: Math.max(y, line), finding });
        }
      }
    }
  }
  found.sort((a, b) => a.low - b.low || a.high - b.high);
  for (const { finding } of found) out.push(finding);
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

function lowerBound(classes: readonly LineClass[], from: number): number {
  let low = 0;
  let high = classes.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (classes[mid]!.from < from) low = mid + 1;
    else high = mid;
  }
  return low;
}

function pairFinding(
  rules: PtpRuleSet,
  claim: Claim,
  columnOneId: number,
  columnOneIndex: number,
  columnTwoId: number,
  columnTwoIndex: number,
  from: DateNumber,
  to: DateNumber,
): Finding | null {
  if (!rules.hasColumnOneEdits(columnOneId)) return null;
  const row = rules.activeRowInRange(columnOneId, columnTwoId, from, to);
  if (row < 0) return null;
  const columnOneLine = claim.lines[columnOneIndex]!;
  const columnTwoLine = claim.lines[columnTwoIndex]!;
  const indicator = rules.modifierIndicatorAt(row);
  if (indicator === '1' && (hasBypassModifier(columnOneLine) || hasBypassModifier(columnTwoLine))) return null;
  if (indicator === '9') return null; // activeRow never returns a void edit; kept for the type
  const edit = rules.editAt(row);
  const { columnOne, columnTwo } = edit;
  const when = formatDates(from, to);
  // Where the column-1 code is, without claim contents: LX number in X12, row number in CSV.
  const where = columnOneLine.lineNumberSpan ? `service line ${columnOneLine.lineNumber}` : `row ${columnOneLine.lineNumber}`;
  const why = edit.rationale === '' ? '' : ` (${edit.rationale})`;
  const message =
    indicator === '0'
      ? `${columnTwo} should not be billed with ${columnOne} (${where}) on ${when}: NCCI PTP edit, column 1 ${columnOne}, column 2 ${columnTwo}${why}, ` +
        `modifier indicator 0, so no modifier makes the pair payable. Remove the ${columnTwo} line.`
      : `${columnTwo} is bundled into ${columnOne} (${where}) on ${when}: NCCI PTP edit, column 1 ${columnOne}, column 2 ${columnTwo}${why}, ` +
        `modifier indicator 1. If ${columnTwo} was a distinct service (${FIX_MODIFIER_MEANINGS}), add ${FIX_MODIFIER_LIST} ` +
        `to the ${columnTwo} line; otherwise remove that line.`;
  return {
    rule: indicator === '0' ? PTP_CONFLICT_RULE : PTP_MODIFIER_REQUIRED_RULE,
    severity: indicator === '0' ? 'error' : 'warning',
    message,
    span: columnTwoLine.codeSpan,
    codes: [columnOne, columnTwo],
    related: [{ span: columnOneLine.codeSpan, message: `Column 1 code ${columnOne} is on this line` }],
    data: {
      kind: 'ptp',
      columnOne,
      columnTwo,
      modifierIndicator: indicator,
      claimIndex: claim.index,
      columnOneLine: columnOneIndex,
      columnTwoLine: columnTwoIndex,
    },
  };
}
