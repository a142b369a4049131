// Oracles shared by the reliability tests and the long fuzz run; each throws an AssertionError on
// the first difference.
// - Fixes: every quick fix and fix-all of a generated document against the test writer's output
//   for the edited claims (test/unit/reliability-fixes.test.ts), for the PTP findings (remove the
//   column-2 line, add a modifier) and the MUE findings (set the units to the limit, remove the
//   line) of the PTP and MUE tables of fuzzKnowledgeWithUnits.
// - Fixes of findings planted by construction (a 43214 and a 43200 on one day of one claim; a
//   20610 over its MAI 1 limit; two 76000 lines over their MAI 2 limit for one patient and day), so
//   the findings tested are not only those analyze() reports (test/unit/reliability-fixes-planted.test.ts).
// - PTP check: the grouped path for large claims against the pairwise loop, each case holding a
//   planted conflict both must find (test/unit/reliability-ptp-scale.test.ts); the independent
//   reference is the differential test in test/unit/rules-ptp-scope.test.ts.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyze, type Analysis } from '../../server/src/core/analyze';
import { applyEdits } from '../../server/src/core/edits';
import { fixAll, fixesFor, type Fix } from '../../server/src/core/fixes';
import type { Claim, DateRange, Finding, LineRef, MueFindingData, ParsedDocument, PtpFindingData, ServiceLine, Span } from '../../server/src/core/model';
import { checkPtp, PtpRuleSet, type PtpRow } from '../../server/src/core/rules';
import { fuzzKnowledgeWithUnits, writeX12Scenario, x12ScenarioArb, type CsvScenario, type X12Scenario } from './generators';
import { DEFAULT_COLUMNS, DEFAULT_HEADERS, formatCharge, writeClaimsCsvDetailed, type WriterClaim as CsvClaim, type WriterColumn, type WriterLine as CsvLine } from '../unit/helpers/csv-writer';
import type { WriterClaim as X12Claim, WriterLine as X12Line } from '../unit/helpers/x12-writer';

/**
 * The built-in edits, FUZZ_PTP_TABLE and FUZZ_MUE_TABLE. The MUE table adds units findings and
 * changes no PTP finding, so the PTP fixes are checked as with the PTP table alone (and a file
 * without units over a limit is the PTP-only case), besides the MUE fixes and a fix-all mixing both.
 */
const knowledge = fuzzKnowledgeWithUnits();

/** How many quick fixes an oracle checked, by the family of the finding they fix. */
export interface CheckedFixes {
  ptp: number;
  mue: number;
}

type PtpFinding = Finding & { data: PtpFindingData };
type MueFinding = Finding & { data: MueFindingData };

function ptpFindings(findings: Finding[]): PtpFinding[] {
  return findings.filter((f): f is PtpFinding => f.data?.kind === 'ptp');
}

function mueFindings(findings: Finding[]): MueFinding[] {
  return findings.filter((f): f is MueFinding => f.data?.kind === 'mue');
}

/** Findings other than the coding checks' (PTP and MUE, which the generated files have on purpose): each is a problem with the file. */
function structural(findings: Finding[], unpaddedIsa: boolean): string[] {
  return findings
    .filter((f) => !f.rule.startsWith('ptp.') && !f.rule.startsWith('mue.') && !(unpaddedIsa && f.rule === 'x12.isa-width'))
    .map((f) => `${f.rule}: ${f.message}`);
}

function modifierOf(fix: Fix): string | null {
  return /^Add modifier (\w+) /.exec(fix.title)?.[1] ?? null;
}

function contains(outer: Span, inner: Span): boolean {
  return outer.start <= inner.start && inner.end <= outer.end;
}

// ---- What a fix does, in the writer's terms ---------------------------------------------------

const keyOf = (claimIndex: number, lineIndex: number): string => `${claimIndex}:${lineIndex}`;

/**
 * What a fix does to the written claims, keyed "claim:line" in the scenario's terms: the lines it
 * removes, and the lines whose units it sets (each keeping its charge per unit; the claim total
 * follows).
 */
interface LineChange {
  removed: ReadonlySet<string>;
  units: ReadonlyMap<string, number>;
}

function removing(keys: Iterable<string>): LineChange {
  return { removed: new Set(keys), units: new Map() };
}

/** The keys of the written lines a change keeps, in the order they are written. */
function keptKeys(claims: readonly { lines: readonly unknown[] }[], change: LineChange): string[] {
  return claims.flatMap((claim, c) => claim.lines.flatMap((_, l) => (change.removed.has(keyOf(c, l)) ? [] : [keyOf(c, l)])));
}

/** The cents `text` writes: digits with at most two decimals (in a CSV also a $ and thousands commas), or null. */
function amountCents(text: string, csv: boolean): number | null {
  const match = (csv ? /^\$?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?$/ : /^(\d+)(?:\.(\d{1,2}))?$/).exec(text);
  if (!match) return null;
  return Number(match[1]!.split(',').join('')) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}

/** The charge of a line whose units were set keeps its charge per unit, to the cent, and is written as an amount. */
function assertChargePerUnit(text: string, csv: boolean, before: { cents: number; units: number }, units: number, what: string): void {
  const cents = amountCents(text, csv);
  assert.ok(cents !== null, `${what}: the new charge '${text}' is an amount in dollars and cents`);
  const exact = (before.cents * units) / before.units;
  assert.ok(Math.abs(cents - exact) <= 0.5 + 1e-9, `${what}: the new charge ${text} for ${units} units keeps the ${before.cents / 100} for ${before.units} units per unit`);
}

// ---- MUE: what its fixes must do -------------------------------------------------------------

/** A line an MUE finding counts, as written: its code, its units (null when the file writes none) and the days its dates cover. */
interface CountedLine {
  key: string;
  code: string;
  units: number | null;
  days: number;
}

function daysCovered(date: DateRange | null | undefined): number {
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
  return lines.every((line) => line.units !== null && line.units > 0) && (mai === 1 || lines.every((line) => line.days === 1));
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
 * - Either: the removal removes the line the finding sits on, the last of its lines.
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
  return {
    units: unitsCertain(lines, 2) ? lowerToValue(lines, data.value) : null,
    removal,
    removalSettles: data.units - unitsPerDay(lines[lines.length - 1]!) <= data.value,
  };
}

function countOf(findings: Finding[], rule: string, code: string): number {
  return mueFindings(findings).filter((f) => f.rule === rule && f.data.code === code).length;
}

function notMue(findings: Finding[]): string[] {
  return findings.filter((f) => !f.rule.startsWith('mue.')).map((f) => `${f.rule}: ${f.message}`);
}

/** The fixes of an MUE finding by what they do (their titles): set the units, or remove a line; nothing else. */
function mueFixes(fixes: Fix[], what: string): { units: Fix[]; removals: Fix[] } {
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
function checkMueFinding(
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
  assert.equal(removals.length, expected.removal ? 1 : 0, `${what}: one removal, except for MAI 3`);
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
function fixAllExpectation(ptpRemovals: readonly string[], mue: readonly { data: MueFindingData; lines: CountedLine[] }[]): LineChange {
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

function isEmpty(change: LineChange): boolean {
  return change.removed.size === 0 && change.units.size === 0;
}

/** After fix-all: no indicator-0 conflict, and no MAI 2 finding whose lines all have their units written. */
function assertFixAllSettled(after: Analysis): void {
  assert.deepEqual(after.findings.filter((f) => f.rule === 'ptp.conflict'), [], 'no indicator-0 conflict is left');
  const written = (ref: LineRef) => after.doc.claims[ref.claimIndex]?.lines[ref.lineIndex]?.units != null;
  const left = mueFindings(after.findings).filter((f) => f.data.mai === 2 && f.data.value > 0 && f.data.lines.every(written));
  assert.deepEqual(left.map((f) => f.message), [], 'no MAI 2 day with its units written is left over its MUE');
}

// ---- X12 ------------------------------------------------------------------------------------

/**
 * Writes the scenario, optionally with blanks between each terminator and its line break (they
 * belong to no segment and must survive), so the oracle and the fixed text see the same bytes.
 */
function writeX12With(s: X12Scenario, claims: X12Claim[], blanks: string): string {
  const text = writeX12Scenario(s, claims);
  if (blanks === '' || !s.options.lineEnding) return text;
  const terminator = s.options.delimiters?.segment ?? '~';
  return text.split(terminator + s.options.lineEnding).join(terminator + blanks + s.options.lineEnding);
}

/** The scenario's claims with `change` applied; `charges` are the new charges of the lines whose units were set. */
function x12Changed(claims: readonly X12Claim[], change: LineChange, charges: ReadonlyMap<string, string>): X12Claim[] {
  return claims.map((claim, c) => ({
    ...claim,
    lines: claim.lines.flatMap((line, l): X12Line[] => {
      const key = keyOf(c, l);
      if (change.removed.has(key)) return [];
      const units = change.units.get(key);
      return [units === undefined ? line : { ...line, units: String(units), charge: charges.get(key)! }];
    }),
  }));
}

/**
 * Checks a fixed 837 against the writer's output for the claims with `change` applied, and that it
 * is valid; returns its analysis. The writer computes LX, CLM02 and SE01 itself. The one thing it
 * cannot know is how the fix writes the new charge of a line whose units were set: that is read
 * from the fixed text and checked to keep the charge per unit (assertChargePerUnit). When the change
 * empties a claim, the fix removes it whole, with the HL loops and envelopes it empties, and
 * renumbers the HLs after it (x12Loops.ts, x12EnvelopeRemoval.ts; the writer would place the
 * remaining claims in other sets): the claims read back must then be the others as written.
 */
function assertX12Result(scenario: X12Scenario, fixed: string, change: LineChange, blanks: string, title: string): Analysis {
  const after = analyze(fixed, knowledge);
  const kept = keptKeys(scenario.claims, change);
  const afterLines = after.doc.claims.flatMap((claim) => claim.lines);
  assert.equal(afterLines.length, kept.length, `${title}: the lines kept are left`);
  const charges = new Map<string, string>();
  for (const [key, units] of change.units) {
    const [c, l] = key.split(':').map(Number) as [number, number];
    const line = scenario.claims[c]!.lines[l]!;
    const charge = afterLines[kept.indexOf(key)]!.chargeText ?? '';
    assertChargePerUnit(charge, false, { cents: Math.round(Number(line.charge) * 100), units: Number(line.units ?? '1') }, units, `${title}, line ${key}`);
    charges.set(key, charge);
  }
  const claims = x12Changed(scenario.claims, change, charges);
  if (claims.every((claim) => claim.lines.length > 0)) {
    assert.equal(fixed, writeX12With(scenario, claims, blanks), title);
  } else {
    const expected = claims.filter((claim) => claim.lines.length > 0).map(claimShown);
    assert.deepEqual(after.doc.claims.map((claim) => claimShown(claimWritten(claim, fixed))), expected, title);
  }
  assert.deepEqual(structural(after.findings, scenario.options.padIsa === false), [], `${title}: the fixed file is valid`);
  return after;
}

/** A claim as a line of text: its id, subscriber, date, and its lines (code, modifiers, charge, units, date) as written. */
function claimShown(claim: X12Claim): string {
  const day = (d: DateRange | null | undefined) => (d ? `${d.from}-${d.to}` : '');
  const lines = claim.lines.map((l) => `${l.code}:${(l.modifiers ?? []).join(':')}*${l.charge}*${l.units ?? '1'}*${day(l.date)}`);
  return `${claim.id} ${claim.subscriberId ?? 'M000001'} ${day(claim.date)} ${lines.join(' ')}`;
}

/** A claim read from `text`, in the writer's terms (the fields claimShown reads, as written). */
function claimWritten(claim: Claim, text: string): X12Claim {
  return {
    id: claim.id,
    subscriberId: claim.patientKey.split('\u0000')[1] ?? '',
    date: claim.dateOfService,
    lines: claim.lines.map((l) => ({
      code: l.code,
      modifiers: l.modifiers.map((m) => m.value),
      charge: l.chargeText ?? '',
      units: l.unitsSpan ? text.slice(l.unitsSpan.start, l.unitsSpan.end) : '',
      date: l.dateInherited ? null : l.dateOfService,
    })),
  };
}

function withModifier(claims: readonly X12Claim[], claimIndex: number, lineIndex: number, modifier: string): X12Claim[] {
  return claims.map((claim, c) =>
    c !== claimIndex ? claim : { ...claim, lines: claim.lines.map((line, l) => (l !== lineIndex ? line : { ...line, modifiers: [...(line.modifiers ?? []), modifier] })) },
  );
}

/** A line of the scenario as an MUE finding counts it (837 lines always write their units; an empty SV1-04 would be none). */
function x12Counted(scenario: X12Scenario, ref: LineRef): CountedLine {
  const claim = scenario.claims[ref.claimIndex]!;
  const line = claim.lines[ref.lineIndex]!;
  const units = line.units ?? '1';
  return { key: keyOf(ref.claimIndex, ref.lineIndex), code: line.code, units: /^\d+$/.test(units) ? Number(units) : null, days: daysCovered(line.date ?? claim.date) };
}

/** The key of the 837 line (a 2400 loop) a span lies in: the claims of an 837 are read in the scenario's order. */
function x12LineAt(doc: ParsedDocument, span: Span): string {
  for (const claim of doc.claims) for (const line of claim.lines) if (contains(line.span, span)) return keyOf(claim.index, line.index);
  assert.fail(`no service line holds ${span.start}-${span.end}`);
}

export const x12FixCaseArb = fc.record({ scenario: x12ScenarioArb, blanks: fc.constantFrom('', '', ' ', ' \t') });

/** Checks every quick fix and fix-all of one generated 837 against the writer; returns how many quick fixes it checked. */
export function checkX12Fixes(scenario: X12Scenario, blanks: string): CheckedFixes {
  const checked: CheckedFixes = { ptp: 0, mue: 0 };
  const text = writeX12With(scenario, scenario.claims, blanks);
  const analysis = analyze(text, knowledge);
  const unpadded = scenario.options.padIsa === false;
  assert.deepEqual(structural(analysis.findings, unpadded), [], 'the generated file is valid');
  const result = (fixed: string, change: LineChange, title: string) => assertX12Result(scenario, fixed, change, blanks, title);
  for (const finding of ptpFindings(analysis.findings)) {
    const data = finding.data;
    for (const fix of fixesFor(text, analysis.doc, finding)) {
      const modifier = modifierOf(fix);
      const fixed = applyEdits(text, fix.edits);
      if (modifier) {
        assert.equal(fixed, writeX12With(scenario, withModifier(scenario.claims, data.claimIndex, data.columnTwoLine, modifier), blanks), fix.title);
        assert.deepEqual(structural(analyze(fixed, knowledge).findings, unpadded), [], `${fix.title}: the fixed file is valid`);
      } else result(fixed, removing([keyOf(data.claimIndex, data.columnTwoLine)]), fix.title);
      checked.ptp++;
    }
  }
  const mue = mueFindings(analysis.findings).map((finding) => ({ finding, data: finding.data, lines: finding.data.lines.map((ref) => x12Counted(scenario, ref)) }));
  for (const { finding, lines } of mue) checked.mue += checkMueFinding(text, analysis, finding, lines, x12LineAt(analysis.doc, finding.span), result);
  const ptpRemovals = ptpFindings(analysis.findings)
    .filter((f) => f.data.modifierIndicator === '0')
    .map((f) => keyOf(f.data.claimIndex, f.data.columnTwoLine));
  const expected = fixAllExpectation(ptpRemovals, mue);
  const all = fixAll(text, analysis.doc, analysis.findings);
  assert.equal(all === null, isEmpty(expected), 'fix-all is offered exactly when an indicator-0 conflict or an MAI 2 day over its MUE can be fixed');
  if (all) assertFixAllSettled(result(applyEdits(text, all.edits), expected, 'fix-all'));
  return checked;
}

/**
 * Generated 837s with a conflict known by construction, not taken from analyze(): a 43214 and a
 * 43200 line (a built-in edit, indicator 0) on one day of one claim, among the scenario's lines.
 */
export const x12PlantedFixCaseArb = fc.record({
  scenario: x12ScenarioArb.filter((s) => s.kind !== 'dental'),
  blanks: fc.constantFrom('', ' '),
  claim: fc.nat(),
  one: fc.nat(),
  two: fc.nat(),
  date: fc.constantFrom(20260310, 20260311),
});

export type X12PlantedFixCase = typeof x12PlantedFixCaseArb extends fc.Arbitrary<infer T> ? T : never;

/**
 * The planted 43200 gets a ptp.conflict naming 43214; its removal fix gives exactly the writer's
 * output for the claims without that line; fix-all removes it too. Then every other fix of the
 * file is checked by checkX12Fixes. Returns how many fixes were checked.
 */
export function checkPlantedX12Fix({ scenario: generated, blanks, claim, one, two, date }: X12PlantedFixCase): CheckedFixes {
  const claimIndex = claim % generated.claims.length;
  const lines = [...generated.claims[claimIndex]!.lines];
  const day = { from: date, to: date };
  lines.splice(one % (lines.length + 1), 0, { code: '43214', charge: '1500.00', date: day });
  const twoIndex = two % (lines.length + 1);
  lines.splice(twoIndex, 0, { code: '43200', charge: '400.00', date: day });
  const scenario: X12Scenario = { ...generated, claims: generated.claims.map((c, i) => (i === claimIndex ? { ...c, lines } : c)) };
  const text = writeX12With(scenario, scenario.claims, blanks);
  const analysis = analyze(text, knowledge);
  const finding = ptpFindings(analysis.findings).find((f) => f.data.claimIndex === claimIndex && f.data.columnTwoLine === twoIndex && f.data.columnOne === '43214');
  assert.ok(finding, `the planted 43200 (claim ${claimIndex}, line ${twoIndex + 1}) is reported`);
  assert.equal(finding.rule, 'ptp.conflict');
  assert.equal(text.slice(finding.span.start, finding.span.end), '43200');
  const withoutPlanted = writeX12With(scenario, x12Changed(scenario.claims, removing([keyOf(claimIndex, twoIndex)]), new Map()), blanks);
  const removals = fixesFor(text, analysis.doc, finding).filter((fix) => modifierOf(fix) === null);
  assert.equal(removals.length, 1, 'one removal fix for the planted line');
  assert.equal(applyEdits(text, removals[0]!.edits), withoutPlanted, removals[0]!.title);
  const all = fixAll(text, analysis.doc, analysis.findings);
  assert.ok(all, 'fix-all is offered');
  const after = analyze(applyEdits(text, all.edits), knowledge);
  const plantedLeft = after.doc.claims[claimIndex]?.lines.filter((l) => l.code === '43200' && l.dateOfService?.from === date && l.chargeText === '400.00') ?? [];
  const plantedBefore = analysis.doc.claims[claimIndex]!.lines.filter((l) => l.code === '43200' && l.dateOfService?.from === date && l.chargeText === '400.00');
  assert.ok(plantedLeft.length < plantedBefore.length, 'fix-all removed the planted 43200');
  return checkX12Fixes(scenario, blanks);
}

/** A subscriber id no generated claim has (theirs are M and six digits): the planted 76000 lines' patient. */
const PLANTED_SUBSCRIBER = 'M0000000';

/**
 * Generated 837Ps with MUE findings known by construction, not taken from analyze(): a 20610 line
 * over its MAI 1 value of 1 (FUZZ_MUE_TABLE) on one claim, on one day or over two or three (RD8);
 * and two 76000 lines (MAI 2, value 1) on one day, on one claim or two, of a patient of their own,
 * with no other 76000 of that patient on that day (`alone`: the later on a claim of its own, which
 * its fixes remove whole).
 */
export const x12PlantedMueCaseArb = fc.record({
  scenario: x12ScenarioArb.filter((s) => s.kind === 'professional'),
  blanks: fc.constantFrom('', ' '),
  date: fc.constantFrom(20260310, 20260311),
  single: fc.record({
    claim: fc.nat(),
    at: fc.nat(),
    days: fc.constantFrom(1, 1, 2, 3),
    /** Units over its days: more than 1 a day. */
    over: fc.integer({ min: 1, max: 6 }),
    charge: fc.constantFrom('90.00', '100', '12.5', '0.07'),
  }),
  pair: fc.array(fc.record({ claim: fc.nat(), at: fc.nat(), units: fc.integer({ min: 1, max: 9 }), charge: fc.constantFrom('60.00', '45', '7.25', '0.01') }), { minLength: 2, maxLength: 2 }),
  alone: fc.boolean(),
});

export type X12PlantedMueCase = typeof x12PlantedMueCaseArb extends fc.Arbitrary<infer T> ? T : never;

/** The one finding on a planted line (its units), checked to sit on them. */
function plantedFinding(text: string, analysis: Analysis, line: ServiceLine, what: string): MueFinding {
  const on = mueFindings(analysis.findings).filter((f) => f.rule === 'mue.exceeded' && contains(line.span, f.span));
  assert.equal(on.length, 1, `${what}: one mue.exceeded finding on it`);
  assert.equal(text.slice(on[0]!.span.start, on[0]!.span.end), text.slice(line.unitsSpan!.start, line.unitsSpan!.end), `${what}: on its units`);
  return on[0]!;
}

/**
 * The planted 20610 gets an MAI 1 finding of its units a day alone; setting its units gives the
 * writer's output with 1 unit a day (its charge per unit kept), removing it the output without it.
 * The later planted 76000 gets the MAI 2 finding of both lines' units; lowering them gives the
 * earlier line 1 unit and removes the later, removing it leaves the earlier. Then every fix of the
 * file is checked by checkX12Fixes. Returns how many fixes were checked.
 */
export function checkPlantedMueFixes({ scenario: generated, blanks, date, single, pair, alone }: X12PlantedMueCase): CheckedFixes {
  const claims = generated.claims.map((claim) => ({ ...claim, lines: [...claim.lines] }));
  const pairClaims = [...new Set(pair.map((p) => p.claim % claims.length))].sort((a, b) => a - b);
  for (const c of pairClaims) {
    const claim = claims[c]!;
    const lines = alone && pairClaims.length === 2 && c === pairClaims[1] ? [] : claim.lines.filter((l) => !(l.code === '76000' && (l.date ?? claim.date)?.from === date));
    claims[c] = { ...claim, subscriberId: PLANTED_SUBSCRIBER, patientId: null, patientName: null, lines };
  }
  const plant = (claim: number, at: number, line: X12Line) => {
    const lines = claims[claim]!.lines;
    lines.splice(at % (lines.length + 1), 0, line);
    return { claim, line };
  };
  const day = { from: date, to: date };
  const planted = pair.map((p) => plant(p.claim % claims.length, p.at, { code: '76000', charge: p.charge, units: String(p.units), date: day }));
  const range = { from: date, to: date + single.days - 1 };
  const units1 = single.days + single.over;
  const mai1 = plant(single.claim % claims.length, single.at, { code: '20610', charge: single.charge, units: String(units1), date: range });
  const scenario: X12Scenario = { ...generated, claims };
  const refOf = (p: { claim: number; line: X12Line }) => ({ claimIndex: p.claim, lineIndex: claims[p.claim]!.lines.indexOf(p.line) });
  const [earlier, later] = planted.map(refOf).sort((a, b) => a.claimIndex - b.claimIndex || a.lineIndex - b.lineIndex) as [LineRef, LineRef];
  const single1 = refOf(mai1);

  const text = writeX12With(scenario, claims, blanks);
  const analysis = analyze(text, knowledge);
  const lineAt = (ref: LineRef) => analysis.doc.claims[ref.claimIndex]!.lines[ref.lineIndex]!;
  const result = (fixed: string, change: LineChange, title: string) => assertX12Result(scenario, fixed, change, blanks, title);
  const fixesOf = (finding: MueFinding, what: string) => {
    const { units, removals } = mueFixes(fixesFor(text, analysis.doc, finding), what);
    assert.equal(units.length, 1, `${what}: one units fix`);
    assert.equal(removals.length, 1, `${what}: one removal`);
    return { units: units[0]!, removal: removals[0]! };
  };

  const what1 = `the planted 20610 (claim ${single1.claimIndex + 1}, line ${single1.lineIndex + 1}, ${units1} units over ${single.days} days)`;
  const one = plantedFinding(text, analysis, lineAt(single1), what1);
  assert.deepEqual(one.data, { kind: 'mue', code: '20610', value: 1, mai: 1, units: Math.ceil(units1 / single.days), lines: [single1] }, what1);
  const oneFixes = fixesOf(one, what1);
  const key1 = keyOf(single1.claimIndex, single1.lineIndex);
  result(applyEdits(text, oneFixes.units.edits), { removed: new Set(), units: new Map([[key1, single.days]]) }, `${what1}: ${oneFixes.units.title}`);
  result(applyEdits(text, oneFixes.removal.edits), removing([key1]), `${what1}: ${oneFixes.removal.title}`);

  const what2 = `the planted 76000 pair (claim ${earlier.claimIndex + 1} line ${earlier.lineIndex + 1}, claim ${later.claimIndex + 1} line ${later.lineIndex + 1})`;
  const two = plantedFinding(text, analysis, lineAt(later), what2);
  const [u1, u2] = [earlier, later].map((ref) => Number(claims[ref.claimIndex]!.lines[ref.lineIndex]!.units)) as [number, number];
  assert.deepEqual(two.data, { kind: 'mue', code: '76000', value: 1, mai: 2, units: u1 + u2, lines: [earlier, later] }, what2);
  const twoFixes = fixesOf(two, what2);
  const laterKey = keyOf(later.claimIndex, later.lineIndex);
  const lowered: LineChange = { removed: new Set([laterKey]), units: new Map(u1 > 1 ? [[keyOf(earlier.claimIndex, earlier.lineIndex), 1]] : []) };
  result(applyEdits(text, twoFixes.units.edits), lowered, `${what2}: ${twoFixes.units.title}`);
  result(applyEdits(text, twoFixes.removal.edits), removing([laterKey]), `${what2}: ${twoFixes.removal.title}`);
  return checkX12Fixes(scenario, blanks);
}

// ---- CSV ------------------------------------------------------------------------------------

/** A charge cell of the fixed CSV: the amount as written and whether the cell is quoted. */
interface ChargeCell {
  text: string;
  quoted: boolean;
}

/**
 * Writes the scenario's claims with `change` applied. The 'lineNumber' column is replaced by one
 * that keeps each line's original number (fixes do not renumber CSV rows). A line whose units were
 * set gets `charges` in its charge cell, quoted where the fixed file quotes it (how the fix writes
 * the amount is its choice; assertChargePerUnit checks its value).
 */
function writeCsvChanged(s: CsvScenario, change: LineChange, charges: ReadonlyMap<string, ChargeCell> = new Map()) {
  const origin = new Map<CsvLine, { key: string; number: number }>();
  const claims: CsvClaim[] = s.claims.map((claim, c) => ({
    ...claim,
    lines: claim.lines.flatMap((line, l): CsvLine[] => {
      const key = keyOf(c, l);
      if (change.removed.has(key)) return [];
      const units = change.units.get(key);
      const written = units === undefined ? line : { ...line, units };
      origin.set(written, { key, number: l + 1 });
      return [written];
    }),
  }));
  const format = s.options.chargeFormat ?? 'plain';
  const columns = (s.options.columns ?? DEFAULT_COLUMNS).map((c): WriterColumn => {
    if (c === 'lineNumber') return { header: DEFAULT_HEADERS.lineNumber, value: (row) => String(origin.get(row.line)!.number) };
    if (c === 'charge') {
      return { header: DEFAULT_HEADERS.charge, value: (row) => charges.get(origin.get(row.line)!.key)?.text ?? (row.line.charge == null ? '' : formatCharge(row.line.charge, format)) };
    }
    return c;
  });
  const chargeColumn = columns.findIndex((c) => typeof c === 'object' && c.header === DEFAULT_HEADERS.charge);
  const quotedRows = new Set<number>();
  claims.flatMap((claim) => claim.lines).forEach((line, i) => {
    if (charges.get(origin.get(line)!.key)?.quoted) quotedRows.add(i + 1);
  });
  const quote = s.options.quote === 'all' ? 'all' : (row: number, column: number) => column === chargeColumn && quotedRows.has(row);
  return writeClaimsCsvDetailed(claims, { ...s.options, columns, quote });
}

/** Which writer line each parsed service line came from, by where its row starts. */
function writerLineOf(doc: ParsedDocument, rows: ReturnType<typeof writeClaimsCsvDetailed>['rows'], claimIndex: number, lineIndex: number): { claimIndex: number; lineIndex: number } {
  const line: ServiceLine = doc.claims[claimIndex]!.lines[lineIndex]!;
  const row = rows.find((r) => r.start === line.recordSpan.start);
  assert.ok(row, `a written row starts at ${line.recordSpan.start}`);
  return { claimIndex: row.claimIndex, lineIndex: row.lineIndex };
}

/**
 * Checks a fixed CSV against the writer's output for the claims with `change` applied (the rows
 * are in the order written, so the fixed file's rows in text order are the lines kept), and that
 * it is valid; returns its analysis.
 */
function assertCsvResult(scenario: CsvScenario, fixed: string, change: LineChange, title: string): Analysis {
  const after = analyze(fixed, knowledge);
  const charges = new Map<string, ChargeCell>();
  if (change.units.size > 0) {
    const kept = keptKeys(scenario.claims, change);
    const rows = after.doc.claims.flatMap((claim) => claim.lines).sort((a, b) => a.recordSpan.start - b.recordSpan.start);
    assert.equal(rows.length, kept.length, `${title}: the rows kept are left`);
    for (const [key, units] of change.units) {
      const [c, l] = key.split(':').map(Number) as [number, number];
      const line = scenario.claims[c]!.lines[l]!;
      const span = rows[kept.indexOf(key)]!.chargeSpan;
      assert.ok(span, `${title}: row ${key} keeps its charge`);
      const text = fixed.slice(span.start, span.end);
      assertChargePerUnit(text, true, { cents: Math.round(line.charge! * 100), units: line.units! }, units, `${title}, row ${key}`);
      charges.set(key, { text, quoted: fixed.charCodeAt(span.start - 1) === 34 });
    }
  }
  assert.equal(fixed, writeCsvChanged(scenario, change, charges).text, title);
  assert.deepEqual(structural(after.findings, false), [], `${title}: the fixed file is valid`);
  return after;
}

/** Checks every quick fix and fix-all of one generated CSV (removals and units against the writer, modifiers in place); returns how many quick fixes it checked. */
export function checkCsvFixes(scenario: CsvScenario): CheckedFixes {
  const checked: CheckedFixes = { ptp: 0, mue: 0 };
  const written = writeCsvChanged(scenario, removing([]));
  const text = written.text;
  const analysis = analyze(text, knowledge);
  assert.deepEqual(structural(analysis.findings, false), [], 'the generated file is valid');
  const source = (ref: LineRef) => {
    const r = writerLineOf(analysis.doc, written.rows, ref.claimIndex, ref.lineIndex);
    return keyOf(r.claimIndex, r.lineIndex);
  };
  const result = (fixed: string, change: LineChange, title: string) => assertCsvResult(scenario, fixed, change, title);
  for (const finding of ptpFindings(analysis.findings)) {
    const data = finding.data;
    const removed = source({ claimIndex: data.claimIndex, lineIndex: data.columnTwoLine });
    for (const fix of fixesFor(text, analysis.doc, finding)) {
      const fixed = applyEdits(text, fix.edits);
      const modifier = modifierOf(fix);
      checked.ptp++;
      if (!modifier) {
        result(fixed, removing([removed]), fix.title);
        continue;
      }
      // One edit, inside the row; the row now reads the old modifiers plus this one, and no other row changed.
      const line = analysis.doc.claims[data.claimIndex]!.lines[data.columnTwoLine]!;
      assert.equal(fix.edits.length, 1, fix.title);
      const edit = fix.edits[0]!;
      assert.ok(edit.span.start >= line.recordSpan.start && edit.span.end <= line.recordSpan.end, `${fix.title}: the edit stays in the row`);
      assert.ok(edit.newText.includes(modifier));
      const after = analyze(fixed, knowledge);
      assert.deepEqual(structural(after.findings, false), [], fix.title);
      const lines = (doc: ParsedDocument) => doc.claims.flatMap((c) => c.lines.map((l) => `${l.code} ${l.modifiers.map((m) => m.value).join(' ')}`));
      const expected = lines(analysis.doc);
      const changed = analysis.doc.claims.slice(0, data.claimIndex).reduce((n, c) => n + c.lines.length, 0) + data.columnTwoLine;
      expected[changed] = `${line.code} ${[...line.modifiers.map((m) => m.value), modifier].join(' ')}`;
      assert.deepEqual(lines(after.doc), expected, fix.title);
    }
  }
  // The units as the file writes them: none without a units column (each line counts 1).
  const hasUnits = (scenario.options.columns ?? DEFAULT_COLUMNS).includes('units');
  const counted = (ref: LineRef): CountedLine => {
    const key = source(ref);
    const [c, l] = key.split(':').map(Number) as [number, number];
    const line = scenario.claims[c]!.lines[l]!;
    return { key, code: line.code, units: hasUnits ? (line.units ?? null) : null, days: 1 };
  };
  const mue = mueFindings(analysis.findings).map((finding) => ({ finding, data: finding.data, lines: finding.data.lines.map(counted) }));
  for (const { finding, lines } of mue) {
    const row = analysis.doc.claims.flatMap((claim) => claim.lines.map((line) => ({ claim, line }))).find(({ line }) => contains(line.recordSpan, finding.span));
    assert.ok(row, `${finding.rule} lies in a row`);
    checked.mue += checkMueFinding(text, analysis, finding, lines, source({ claimIndex: row.claim.index, lineIndex: row.line.index }), result);
  }
  const ptpRemovals = ptpFindings(analysis.findings)
    .filter((f) => f.data.modifierIndicator === '0')
    .map((f) => source({ claimIndex: f.data.claimIndex, lineIndex: f.data.columnTwoLine }));
  const expected = fixAllExpectation(ptpRemovals, mue);
  const all = fixAll(text, analysis.doc, analysis.findings);
  assert.equal(all === null, isEmpty(expected), 'fix-all is offered exactly when an indicator-0 conflict or an MAI 2 day over its MUE can be fixed');
  if (all) assertFixAllSettled(result(applyEdits(text, all.edits), expected, 'fix-all'));
  return checked;
}

// ---- PTP check: grouped path against the pairwise loop ----------------------------------------

const CODES = ['10001', '10002', '10003', '10004', '10005'];
const DAYS = [20200101, 20200102, 20200103, 20200104, 20200105, 20200106];

export const ptpRowArb: fc.Arbitrary<PtpRow> = fc
  .record({
    pair: fc.uniqueArray(fc.constantFrom(...CODES), { minLength: 2, maxLength: 2 }),
    effective: fc.constantFrom(20190101, ...DAYS),
    deletion: fc.option(fc.constantFrom(...DAYS), { nil: null }),
    modifierIndicator: fc.constantFrom<'0' | '1' | '9'>('0', '1', '1', '9'),
  })
  .map(({ pair, effective, deletion, modifierIndicator }) => ({
    columnOne: pair[0]!,
    columnTwo: pair[1]!,
    preexisting: false,
    effective,
    deletion: deletion !== null && deletion < effective ? null : deletion,
    modifierIndicator,
    rationale: `Synthetic ${modifierIndicator}`,
  }));

export interface LineSpec {
  code: string;
  date: DateRange | null;
  modifiers: string[];
  /** The line's rendering provider (none: the claim's billing provider). */
  provider?: string;
}

export const ptpLineArb: fc.Arbitrary<LineSpec> = fc.record({
  code: fc.constantFrom(...CODES, ...CODES, '99999', ''),
  date: fc.oneof(
    { weight: 5, arbitrary: fc.constantFrom(...DAYS).map((d) => ({ from: d, to: d })) },
    { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...DAYS), fc.constantFrom(...DAYS)).map(([a, b]) => ({ from: Math.min(a, b), to: Math.max(a, b) })) },
    { weight: 1, arbitrary: fc.constant(null) },
  ),
  modifiers: fc.constantFrom([], [], ['59'], ['XS'], ['25'], ['25', 'XU']),
});

/** Minimal claims: only what the check reads (codes, dates, modifiers, line numbers and spans). */
export function claimsOf(specs: LineSpec[][], csv: boolean, patients?: readonly string[]): Claim[] {
  let offset = 0;
  return specs.map((lineSpecs, index) => {
    const start = offset;
    const lines = lineSpecs.map((spec, i): ServiceLine => {
      const codeSpan = { start: offset + 4, end: offset + 4 + spec.code.length };
      const line: ServiceLine = {
        index: i,
        lineNumber: String(csv ? i + 2 : i + 1),
        lineNumberSpan: csv ? null : { start: offset + 3, end: offset + 4 },
        qualifier: csv ? null : 'HC',
        code: spec.code,
        codeSpan,
        modifiers: spec.modifiers.map((value, k) => ({ value, span: { start: codeSpan.end + 1 + 3 * k, end: codeSpan.end + 3 + 3 * k } })),
        modifierInsert: null,
        charge: 1,
        chargeText: '1',
        chargeSpan: null,
        units: 1,
        unitsSpan: null,
        dateOfService: spec.date,
        dateSpan: null,
        dateInherited: false,
        providerId: spec.provider ?? null,
        span: { start: offset, end: offset + 40 },
        segmentCount: 3,
        recordSpan: { start: offset, end: offset + 39 },
      };
      offset += 40;
      return line;
    });
    return {
      index,
      id: `C${index}`,
      idSpan: null,
      patientId: null,
      patientKey: patients?.[index] ?? '',
      billingProviderId: null,
      renderingProviderId: null,
      kind: null,
      totalCharge: null,
      totalChargeText: null,
      totalChargeSpan: null,
      dateOfService: null,
      dateSpan: null,
      lines,
      span: { start, end: offset },
      transactionIndex: csv ? null : 0,
    };
  });
}

export function rulesOf(rows: readonly PtpRow[]): PtpRuleSet {
  const rules = new PtpRuleSet();
  for (const row of rows) rules.add(row, 'synthetic.txt');
  return rules.finish();
}

/**
 * A pair planted in every case of ptpPathsCaseArb, so that both paths must find something: codes
 * no random row or line uses, an indicator-0 row in force on every day, and the two lines on one
 * day of one claim. (A comparison of two paths passes when both find nothing.)
 */
const PLANTED_ONE = '20001';
const PLANTED_TWO = '20002';
const PLANTED_ROW: PtpRow = { columnOne: PLANTED_ONE, columnTwo: PLANTED_TWO, preexisting: false, effective: 20190101, deletion: null, modifierIndicator: '0', rationale: 'Planted' };

/** Rules and claims for comparing the PTP check's grouped path with its pairwise loop; every case holds the planted conflict. */
export const ptpPathsCaseArb = fc
  .record({
    rows: fc.array(ptpRowArb, { minLength: 1, maxLength: 14 }),
    specs: fc.array(fc.array(ptpLineArb, { minLength: 2, maxLength: 24 }), { minLength: 1, maxLength: 3 }),
    csv: fc.boolean(),
    planted: fc.record({ claim: fc.nat(), one: fc.nat(), two: fc.nat(), day: fc.constantFrom(...DAYS), modifiers: fc.constantFrom<string[]>([], ['59'], ['XU']) }),
  })
  .map(({ rows, specs, csv, planted }) => {
    const claim = planted.claim % specs.length;
    const lines = [...specs[claim]!];
    const date = { from: planted.day, to: planted.day };
    lines.splice(planted.one % (lines.length + 1), 0, { code: PLANTED_ONE, date, modifiers: [] });
    // Indicator 0: no modifier on the column-2 line lets it pass.
    lines.splice(planted.two % (lines.length + 1), 0, { code: PLANTED_TWO, date, modifiers: planted.modifiers });
    return { rows: [...rows, PLANTED_ROW], specs: specs.map((s, i) => (i === claim ? lines : s)), csv };
  });

/**
 * The grouped path (pairwiseLimit 0) and the pairwise loop report the same findings in the same
 * order, and both report the planted conflict. Both paths share pairFinding and the bypass rules,
 * so this is no proof that either is right: the differential test in
 * test/unit/rules-ptp-scope.test.ts checks checkPtp against a reference written independently.
 */
export function checkPtpPathsAgree({ rows, specs, csv }: { rows: PtpRow[]; specs: LineSpec[][]; csv: boolean }): void {
  const rules = rulesOf(rows);
  const tables = { practitioner: rules, hospital: new PtpRuleSet() };
  // Every claim one patient's (the whole file, as a CSV without patient or claim column).
  const claims = claimsOf(specs, csv);
  const grouped = checkPtp(claims, tables, !csv, 0);
  assert.deepEqual(grouped, checkPtp(claims, tables, !csv, Infinity));
  const planted = specs.flatMap((lines, c) => lines.flatMap((line, l) => (line.code === PLANTED_TWO ? [{ c, l }] : [])));
  for (const { c, l } of planted) {
    assert.ok(
      grouped.some((f) => f.rule === 'ptp.conflict' && f.data?.kind === 'ptp' && f.data.claimIndex === c && f.data.columnTwoLine === l && f.data.columnOne === PLANTED_ONE),
      `the planted conflict on claim ${c} line ${l} is found`,
    );
  }
}
