// MUE: what its fixes must do. A model of the fixes of an MUE finding from the rules (README,
// MueFindingData) and the lines as written (mueExpectation, checkMueFinding), and of what fix-all
// must do for the PTP and MUE findings of a file (fixAllExpectation, assertFixAllSettled). Used by
// the X12 and CSV fix oracles (x12FixOracle.ts, x12PlantedFixOracle.ts, csvFixOracle.ts).
import assert from 'node:assert/strict';
import type { Analysis } from '../../server/src/core/analyze';
import { applyEdits } from '../../server/src/core/edits';
import { fixesFor, type Fix } from '../../server/src/core/fixes';
import type { DateRange, Finding, LineRef, MueFindingData } from '../../server/src/core/model';
import { mueFindings, removing, type LineChange, type MueFinding } from './fixChanges';

/** A line an MUE finding counts, as written: its code, its units (null when the file writes none) and the days its dates cover. */
export interface CountedLine {
  key: string;
  code: string;
  units: number | null;
  days: number;
  /** Its modifiers as written (a bilateral procedure's LT and RT lines have no units fix). */
  modifiers: readonly string[];
}

/**
 * Whether one line names the left side (LT, not RT) and another the right (RT, not LT): a
 * bilateral procedure, which Medicare pays as one line with 50; a units fix would drop one side
 * (README: what fix leaves), so none is certain.
 */
function bothSides(lines: readonly CountedLine[]): boolean {
  const sides = new Set(
    lines.map((line) => {
      const written = new Set(line.modifiers.map((m) => m.trim().toUpperCase()));
      return written.has('LT') === written.has('RT') ? '' : written.has('LT') ? 'LT' : 'RT';
    }),
  );
  return sides.has('LT') && sides.has('RT');
}

export function daysCovered(date: DateRange | null | undefined): number {
  if (!date) return 1;
  const utc = (d: number) => Date.UTC(Math.floor(d / 10000), (Math.floor(d / 100) % 100) - 1, d % 100);
  return Math.round((utc(date.to) - utc(date.from)) / 86_400_000) + 1;
}

/** The units a line counts on each of its days (README: a date range counts its units per day, rounded up; no units count as 1). */
function unitsPerDay(line: CountedLine): number {
  return Math.ceil((line.units ?? 1) / line.days);
}

/**
 * The day's lines brought down to `value` units, the last ones first, a line left with none
 * removed (MueFindingData: "the last ones are reduced first by a fix"). Each line is on one day.
 */
function lowerToValue(lines: readonly CountedLine[], value: number): LineChange {
  const removed = new Set<string>();
  const units = new Map<string, number>();
  let excess = lines.reduce((sum, line) => sum + line.units!, 0) - value;
  for (let i = lines.length - 1; i >= 0 && excess > 0; i--) {
    const line = lines[i]!;
    const kept = Math.max(0, line.units! - excess);
    excess -= line.units! - kept;
    if (kept === 0) removed.add(line.key);
    else units.set(line.key, kept);
  }
  return { removed, units };
}

/** Whether the lines' units are known and each lies on one day: what a units fix needs for a certain answer. */
function unitsCertain(lines: readonly CountedLine[], mai: 1 | 2 | 3): boolean {
  return lines.every((line) => line.units !== null && line.units > 0) && (mai === 1 || (lines.every((line) => line.days === 1) && !bothSides(lines)));
}

interface MueExpectation {
  /** The units fix, or null when none has a certain answer (none may be offered then). */
  units: LineChange | null;
  /** The removal of the line the finding is on, or null (MAI 3: none may be offered). */
  removal: LineChange | null;
  /** Whether the finding is gone after the removal. */
  removalSettles: boolean;
}

/**
 * What the fixes of an MUE finding must do, from the rules (README, MueFindingData) and the lines
 * as written, checking first that the finding says what the file says:
 * - MAI 1 (per line): the units fix sets the line to its value on each of its days.
 * - MAI 2 (per day, a policy limit): the units fix brings the day's units down to the value, and no
 *   lower, from the last of the finding's lines (lowerToValue); not for lines over several days.
 * - Either: the removal removes the line the finding sits on, the last of its lines; not offered
 *   when the units fix does just that (it takes all of that line's units and no other's).
 * - MAI 3 (a clinical limit, appealed with records) has no fix; an MUE of 0, the removal alone.
 * No units fix when a line's units are not written (they count as 1).
 */
function mueExpectation(finding: MueFinding, lines: CountedLine[], on: string, what: string): MueExpectation {
  const { data } = finding;
  assert.ok(lines.length > 0, `${what}: the finding names its lines`);
  assert.equal(new Set(lines.map((l) => l.key)).size, lines.length, `${what}: each line named once`);
  for (const line of lines) assert.equal(line.code, data.code, `${what}: line ${line.key} is a ${data.code}`);
  assert.equal(on, lines[lines.length - 1]!.key, `${what}: the finding is on the last of its lines`);
  const counted = data.mai === 1 || data.value === 0 ? unitsPerDay(lines[0]!) : lines.reduce((sum, line) => sum + unitsPerDay(line), 0);
  if (data.mai === 1 || data.value === 0) assert.equal(lines.length, 1, `${what}: MAI 1 and MUE 0 judge one line`);
  assert.equal(data.units, counted, `${what}: the units counted are the lines' units`);
  if (data.value === 0) return { units: null, removal: removing([on]), removalSettles: true };
  assert.ok(data.units > data.value, `${what}: over its MUE of ${data.value}`);
  if (data.mai === 3) return { units: null, removal: null, removalSettles: false };
  const removal = removing([on]);
  if (data.mai === 1) {
    const line = lines[0]!;
    return { units: unitsCertain(lines, 1) ? { removed: new Set(), units: new Map([[line.key, data.value * line.days]]) } : null, removal, removalSettles: true };
  }
  const units = unitsCertain(lines, 2) ? lowerToValue(lines, data.value) : null;
  return {
    units,
    // Lowering the units may take all of the last line's and no other's: that is the removal, offered once (as the units fix).
    removal: units !== null && sameChange(units, removal) ? null : removal,
    removalSettles: data.units - unitsPerDay(lines[lines.length - 1]!) <= data.value,
  };
}

/** Whether two changes remove the same lines and set the same units. */
export function sameChange(a: LineChange, b: LineChange): boolean {
  return a.removed.size === b.removed.size && [...a.removed].every((key) => b.removed.has(key)) && a.units.size === b.units.size && [...a.units].every(([key, value]) => b.units.get(key) === value);
}

function countOf(findings: Finding[], rule: string, code: string): number {
  return mueFindings(findings).filter((f) => f.rule === rule && f.data.code === code).length;
}

function notMue(findings: Finding[]): string[] {
  return findings.filter((f) => !f.rule.startsWith('mue.')).map((f) => `${f.rule}: ${f.message}`);
}

/** The fixes of an MUE finding by what they do (their titles): set the units, or remove a line; nothing else. */
export function mueFixes(fixes: Fix[], what: string): { units: Fix[]; removals: Fix[] } {
  const units = fixes.filter((fix) => /^(Set|Lower) the units of /.test(fix.title));
  const removals = fixes.filter((fix) => fix.title.startsWith('Remove '));
  assert.equal(units.length + removals.length, fixes.length, `${what}: every fix sets units or removes a line: ${fixes.map((f) => f.title).join('; ')}`);
  return { units, removals };
}

/**
 * Checks every fix offered for one MUE finding: exactly the fixes mueExpectation allows, each
 * giving what `assertResult` finds the writer writes for its change (it returns the analysis of
 * the fixed text). A units fix settles its finding and no other, and changes no other finding; a
 * removal settles it when the rest of the day is within the value. Returns how many fixes it checked.
 */
export function checkMueFinding(
  text: string,
  analysis: Analysis,
  finding: MueFinding,
  lines: CountedLine[],
  on: string,
  assertResult: (fixed: string, change: LineChange, title: string) => Analysis,
): number {
  const what = `${finding.rule} on ${finding.data.code} (lines ${lines.map((l) => l.key).join(' ')})`;
  const expected = mueExpectation(finding, lines, on, what);
  const { units, removals } = mueFixes(fixesFor(text, analysis.doc, finding), what);
  assert.equal(units.length, expected.units ? 1 : 0, `${what}: a units fix exactly when the units have a certain answer`);
  assert.equal(removals.length, expected.removal ? 1 : 0, `${what}: one removal, except for MAI 3 and where the units fix is that removal`);
  const before = countOf(analysis.findings, finding.rule, finding.data.code);
  for (const fix of units) {
    const after = assertResult(applyEdits(text, fix.edits), expected.units!, fix.title);
    assert.equal(countOf(after.findings, finding.rule, finding.data.code), before - 1, `${fix.title}: settles its finding and no other`);
    if (expected.units!.removed.size === 0) assert.deepEqual(notMue(after.findings), notMue(analysis.findings), `${fix.title}: no other finding changes`);
  }
  for (const fix of removals) {
    const after = assertResult(applyEdits(text, fix.edits), expected.removal!, fix.title);
    assert.equal(countOf(after.findings, finding.rule, finding.data.code), before - (expected.removalSettles ? 1 : 0), `${fix.title}: settles its finding when the rest is within the MUE`);
  }
  return units.length + removals.length;
}

/**
 * What fix-all must do (README: the fixes that need no judgement): remove the column-2 line of
 * every indicator-0 PTP conflict, and bring every MAI 2 day over its MUE down to it, over the lines
 * those removals leave, where that has a certain answer. Indicator-1 conflicts, MAI 1 and MAI 3
 * are left for a person (a modifier, a separate line or the records may be the answer).
 */
export function fixAllExpectation(ptpRemovals: readonly string[], mue: readonly { data: MueFindingData; lines: CountedLine[] }[]): LineChange {
  const ptp = new Set(ptpRemovals);
  const removed = new Set(ptp);
  const units = new Map<string, number>();
  for (const { data, lines } of mue) {
    if (data.mai !== 2 || data.value === 0 || !unitsCertain(lines, 2)) continue;
    const lowered = lowerToValue(
      lines.filter((line) => !ptp.has(line.key)),
      data.value,
    );
    lowered.removed.forEach((key) => removed.add(key));
    lowered.units.forEach((value, key) => units.set(key, value));
  }
  return { removed, units };
}

export function isEmpty(change: LineChange): boolean {
  return change.removed.size === 0 && change.units.size === 0;
}

/** After fix-all: no indicator-0 conflict, and no MAI 2 finding whose lines all have their units written (but a bilateral procedure's LT and RT lines). */
export function assertFixAllSettled(after: Analysis): void {
  assert.deepEqual(after.findings.filter((f) => f.rule === 'ptp.conflict'), [], 'no indicator-0 conflict is left');
  // Written: in a cell of the line (a CSV without a units column takes each line as one unit, written nowhere).
  const written = (ref: LineRef) => {
    const line = after.doc.claims[ref.claimIndex]?.lines[ref.lineIndex];
    return line?.units != null && line.unitsSpan !== null;
  };
  const counted = (ref: LineRef): CountedLine => {
    const line = after.doc.claims[ref.claimIndex]!.lines[ref.lineIndex]!;
    return { key: `${ref.claimIndex}:${ref.lineIndex}`, code: line.code, units: line.units, days: 1, modifiers: line.modifiers.map((m) => m.value) };
  };
  const left = mueFindings(after.findings).filter((f) => f.data.mai === 2 && f.data.value > 0 && f.data.lines.every(written) && !bothSides(f.data.lines.map(counted)));
  assert.deepEqual(left.map((f) => f.message), [], 'no MAI 2 day with its units written is left over its MUE');
}
