// Fix-all: every fix that needs no judgement, at once (fixAll says which). One removed line can
// resolve several findings, so the indicator-0 PTP removals are planned together (in a chain of
// bundled lines only the lines that must go do), and the plan is made again around the lines of a
// replacement or void claim that must stay (fixesRemoval.ts takesAwayReplacement).
import { ptpDaysBeyond } from './fixesPtpDays';
import { capitalized } from './text';
import type { Finding, FindingData, LineRef, ParsedDocument, PtpFindingData } from './model';
import { editLines } from './fixesEdits';
import { unitsWithinMue } from './fixesMue';
import { takesAwayReplacement, type Fix } from './fixesRemoval';
import { CSV_RULES } from './csv/csvRules';

/**
 * The fixes that need no judgement, at once: the column-2 line of every PTP finding no modifier
 * can bypass (indicator 0), the units over an MAI 2 MUE (a policy limit), and the add-on lines of
 * Type 1 AOC findings. Indicator-1 conflicts, MAI 1 and 3 and Type 2 and 3 add-on findings are
 * left for a person: a modifier, a separate line or the records may be the right answer. So is a
 * finding whose fix would remove every line of a replacement or void claim (takesAwayReplacement):
 * that claim's lines stay, the fixes are planned again around them, and the title says how many
 * findings are left for that reason; and every PTP and add-on pair of a CSV that names no patient
 * (NO_PATIENT_REASON).
 */
export function fixAll(text: string, doc: ParsedDocument, findings: Finding[]): Fix | null {
  return fixAllPlanned(text, doc, findings).fix;
}

/** Findings of the kinds fix-all fixes that it leaves for a person, by why. */
export interface LeftForAPerson {
  /** Fixing them would remove the only line of a replacement or void claim (fixesRemoval.ts takesAwayReplacement). */
  replacement: number;
  /** MAI 2 units that cannot be lowered without a judgement (fixesMue.ts unitsWithinMue). */
  units: number;
  /** Pairs or sums of lines of a CSV that names no patient (NO_PATIENT_REASON). */
  noPatient: number;
  /** Add-on lines whose primary is billed on another date (OTHER_DATE_REASON). */
  otherDate: number;
  /** Add-on lines whose primary is billed the same day by another provider (OTHER_PROVIDER_REASON). */
  otherProvider: number;
  /** Indicator-0 pairs whose column-2 line bills days the edit does not reach (DAYS_BEYOND_REASON). */
  days: number;
  /** Indicator-0 pairs that may be of two days: a line dated only by a statement of several days (UNCERTAIN_DAY_REASON). */
  uncertainDay: number;
}

export const NONE_LEFT: Readonly<LeftForAPerson> = Object.freeze({ replacement: 0, units: 0, noPatient: 0, otherDate: 0, otherProvider: 0, days: 0, uncertainDay: 0 });

/**
 * fixAll's fix (null when it has none) and what it leaves for a person, by why: one plan, so that
 * what `claimlint fix` says it left (cli/fixSummary.ts) is what fix-all decided.
 */
export function fixAllPlanned(text: string, doc: ParsedDocument, findings: readonly Finding[]): { fix: Fix | null; left: LeftForAPerson } {
  const kept = new Set<string>();
  let plan = planFixAll(text, doc, findings, kept);
  for (let claims = takesAwayReplacement(doc, plan.remove); claims.length > 0; claims = takesAwayReplacement(doc, plan.remove)) {
    for (const claimIndex of claims) for (const line of doc.claims[claimIndex]!.lines) kept.add(`${claimIndex}:${line.index}`);
    plan = planFixAll(text, doc, findings, kept);
  }
  const { remove, units, resolved, left } = plan;
  if (remove.length === 0 && units.size === 0) return { fix: null, left };
  const parts = [
    ...(remove.length > 0 ? [`remove ${remove.length} service line${remove.length === 1 ? '' : 's'}`] : []),
    ...(units.size > 0 ? [`lower the units of ${units.size} line${units.size === 1 ? '' : 's'} to their MUE`] : []),
  ];
  // What it leaves for a person, each reason its own clause, in one parenthesis.
  const leftFor = [
    leftNote(left.replacement, replacementReason(left.replacement)),
    leftNote(left.noPatient, NO_PATIENT_REASON),
    leftNote(left.otherDate, OTHER_DATE_REASON),
    leftNote(left.otherProvider, OTHER_PROVIDER_REASON),
    leftNote(left.days, DAYS_BEYOND_REASON),
    leftNote(left.uncertainDay, UNCERTAIN_DAY_REASON),
  ].filter((note) => note !== '');
  const notes = leftFor.length === 0 ? '' : ` (${leftFor.join('; ')})`;
  const fix: Fix = {
    title: capitalized(parts.join(' and ')) + notes,
    kind: 'source.fixAll',
    edits: editLines(text, doc, { remove, units }),
    isPreferred: false,
    findings: resolved,
    removes: remove,
  };
  return { fix, left };
}

/** What fix-all does: the lines it removes, the units it sets, the findings that resolves, and what it leaves for a person. */
interface FixAllPlan {
  remove: LineRef[];
  units: Map<string, number>;
  resolved: Finding[];
  left: LeftForAPerson;
}

/** A fix-all title's note on `count` findings left for a person for `reason` ('' when none is). */
function leftNote(count: number, reason: string): string {
  return count === 0 ? '' : `${count} finding${count === 1 ? ' is' : 's are'} left for a person: ${reason}`;
}

/** Why fix-all leaves `count` findings whose fix would remove the last line of a replacement or void claim (takesAwayReplacement). */
export function replacementReason(count: number): string {
  return `fixing ${count === 1 ? 'it' : 'them'} would remove a whole replacement or void claim, and bring back the claim it replaces or voids`;
}

/**
 * Why fix-all leaves the pairs of a CSV that names no patient (csv.no-patient-column): its rows are
 * all taken as one patient's, so a line it would remove may be another patient's.
 */
export const NO_PATIENT_REASON = 'the file names no patient (no patient, member or claim id column), so the lines paired or summed may be different patients\' and removing or lowering one is a judgement';

/** Why fix-all leaves an indicator-0 pair whose column-2 line bills days the edit does not reach (fixesPtpDays.ts). */
export const DAYS_BEYOND_REASON = 'a bundled line is billed over days the edit does not reach, so removing it would take those days\' services too; split the line';

/** Why fix-all leaves an indicator-0 pair a line of which is dated only by its claim's statement period of several days (PtpFindingData.dayUncertain). */
export const UNCERTAIN_DAY_REASON = 'a line of the pair has no date of its own over a statement period of several days, so the two may be of different days; write each line\'s date';

/** Why fix-all leaves an add-on line whose primary is billed on another date (AocFindingData.primaryOnAnotherDate). */
export const OTHER_DATE_REASON = 'an add-on code\'s primary is billed on another date, so the date of service may be what is wrong, not the line';

/** Why fix-all leaves an add-on line whose primary is billed the same day by another provider (AocFindingData.primaryByAnotherProvider). */
export const OTHER_PROVIDER_REASON = 'an add-on code\'s primary is billed the same day by another provider, so a line\'s rendering provider may be what is wrong, not the line';

/** Whether the findings say the document names no patient, so that its pairs of lines are a guess. */
export function patientsGuessed(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.rule === CSV_RULES.noPatientColumn);
}

/**
 * Whether a finding fix-all would fix stands on lines taken as one patient's (in a document that
 * names no patient, patientsGuessed): an indicator-0 pair, a type 1 add-on and its primaries, the
 * lines of an MAI 2 day's sum. An MUE over a single line's units is that line's alone.
 */
export function groupedByGuess(data: FindingData): boolean {
  return (data.kind === 'ptp' && data.modifierIndicator === '0') || (data.kind === 'aoc' && data.type === 1) || (data.kind === 'mue' && data.mai === 2 && data.lines.length > 1);
}

/** fixAll's plan when the lines `kept` ("claimIndex:lineIndex") must stay. */
function planFixAll(text: string, doc: ParsedDocument, findings: readonly Finding[], kept: ReadonlySet<string>): FixAllPlan {
  const remove: LineRef[] = [];
  const units = new Map<string, number>();
  const resolved: Finding[] = [];
  const removed = new Set<string>();
  const left: LeftForAPerson = { ...NONE_LEFT };
  const keyOf = (ref: LineRef) => `${ref.claimIndex}:${ref.lineIndex}`;
  const removeLine = (ref: LineRef) => {
    const key = keyOf(ref);
    if (removed.has(key)) return;
    removed.add(key);
    remove.push(ref);
  };
  const bundled: { finding: Finding; data: PtpFindingData }[] = [];
  // Pairs of lines are a guess in a CSV that names no patient: none is removed.
  const guessed = patientsGuessed(findings);
  for (const finding of findings) {
    const data = finding.data;
    if (!data) continue;
    // Another rendering provider's pair: information, for a person (its quick fix is XP), never fixed here.
    if (data.kind === 'ptp' && data.otherProvider) continue;
    if (guessed && groupedByGuess(data)) {
      left.noPatient++;
      continue;
    }
    // Its primary is on another date: the date may be what is wrong, not the line.
    if (data.kind === 'aoc' && data.primaryOnAnotherDate) {
      left.otherDate++;
      continue;
    }
    // Its primary is another provider's that day: a rendering provider may be what is wrong.
    if (data.kind === 'aoc' && data.primaryByAnotherProvider) {
      left.otherProvider++;
      continue;
    }
    if (data.kind === 'ptp' && data.modifierIndicator === '0') {
      // A line over days the edit does not reach: removing it takes those days' services too.
      if (ptpDaysBeyond(doc, data) !== null) {
        left.days++;
        continue;
      }
      // Lines that may be of two days (dated only by their claim's statement period).
      if (data.dayUncertain === true) {
        left.uncertainDay++;
        continue;
      }
      bundled.push({ finding, data });
      continue;
    }
    if (data.kind === 'aoc' && data.type === 1) {
      if (kept.has(keyOf(data.line))) {
        left.replacement++;
        continue;
      }
      removeLine(data.line);
    } else if (data.kind === 'mue' && data.mai === 2 && data.value > 0) {
      const within = unitsWithinMue(text, doc, data);
      if (!within) {
        left.units++;
        continue;
      }
      if (within.remove.some((ref) => kept.has(keyOf(ref)))) {
        left.replacement++;
        continue;
      }
      within.remove.forEach(removeLine);
      for (const [key, value] of within.units) units.set(key, Math.min(value, units.get(key) ?? Infinity));
    } else continue;
    resolved.push(finding);
  }
  const { lines, goes } = bundledLinesToRemove(bundled.map((b) => b.data), removed, kept);
  for (const line of lines) removeLine(line);
  for (const { finding, data } of bundled) {
    // Resolved when either line of the pair goes; else its column-2 line is a kept one.
    if (goes.has(bundledKey(data.claimIndex, data.columnTwoLine)) || goes.has(bundledKey(data.columnOneClaim, data.columnOneLine, data.columnOneFile))) resolved.push(finding);
    else left.replacement++;
  }
  for (const key of removed) units.delete(key);
  return { remove, units, resolved, left };
}

/** A line of a PTP finding as bundledLinesToRemove names it (a column-1 line may be in another file of the run). */
function bundledKey(claim: number, line: number, file?: number): string {
  return file === undefined ? `${claim}:${line}` : `file ${file}:${claim}:${line}`;
}

/**
 * The column-2 lines to remove for indicator-0 PTP findings, and no more: a line goes when a line
 * that stays bundles it, and stays when every line that bundles it goes (or none does). In a chain
 * (A bundles B, B bundles C) only B goes: with B gone, C conflicts with nothing. Lines in a cycle
 * of edits, which this does not decide, are taken in the findings' order. `removed`: the lines
 * other fixes remove; `kept`: lines that stay whatever bundles them (the lines it bundles go).
 * `goes`: every line that goes, those of `removed` included.
 */
function bundledLinesToRemove(pairs: readonly PtpFindingData[], removed: ReadonlySet<string>, kept: ReadonlySet<string>): { lines: LineRef[]; goes: Set<string> } {
  const edges = pairs.map((p) => ({ one: bundledKey(p.columnOneClaim, p.columnOneLine, p.columnOneFile), two: bundledKey(p.claimIndex, p.columnTwoLine), ref: { claimIndex: p.claimIndex, lineIndex: p.columnTwoLine } }));
  const goes = new Set<string>(removed);
  const stays = new Set<string>(kept);
  const bundlers = new Map<string, string[]>();
  for (const edge of edges) {
    const list = bundlers.get(edge.two);
    if (list) list.push(edge.one);
    else bundlers.set(edge.two, [edge.one]);
  }
  const lines = new Set(edges.flatMap((edge) => [edge.one, edge.two]));
  for (let changed = true; changed; ) {
    changed = false;
    for (const line of lines) {
      if (goes.has(line) || stays.has(line)) continue;
      const by = bundlers.get(line) ?? [];
      if (by.some((one) => stays.has(one))) goes.add(line);
      else if (by.every((one) => goes.has(one))) stays.add(line);
      else continue;
      changed = true;
    }
  }
  const out: LineRef[] = [];
  const listed = new Set<string>();
  for (const edge of edges) {
    // Undecided only in a cycle: the first finding's column-2 line goes (unless it must stay).
    if (!goes.has(edge.two) && !goes.has(edge.one) && !stays.has(edge.two)) goes.add(edge.two);
    if (!goes.has(edge.two) || removed.has(edge.two) || listed.has(edge.two)) continue;
    listed.add(edge.two);
    out.push(edge.ref);
  }
  return { lines: out, goes };
}
