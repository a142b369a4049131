// Fixes of findings planted by construction in a generated 837, so the findings tested are not
// only those analyze() reports (test/unit/reliability-fixes-planted.test.ts, the fixes-mue fuzz
// property): a 43214 and a 43200 on one day of one claim; a 20610 over its MAI 1 limit; two 76000
// lines over their MAI 2 limit for one patient and day. Each then checks every fix of the file
// with checkX12Fixes (x12FixOracle.ts). Throws an AssertionError on the first difference.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyze, type Analysis } from '../../server/src/core/analyze';
import { applyEdits } from '../../server/src/core/edits';
import { fixAll, fixesFor } from '../../server/src/core/fixes';
import type { LineRef, ServiceLine } from '../../server/src/core/model';
import { x12ScenarioArb, type X12Scenario } from './generators';
import type { WriterLine as X12Line } from '../unit/helpers/x12-writer';
import { contains, keyOf, knowledge, modifierOf, mueFindings, ptpFindings, removing, type CheckedFixes, type LineChange, type MueFinding } from './fixChanges';
import { mueFixes } from './mueOracle';
import { assertX12Result, checkX12Fixes, writeX12With, x12Changed } from './x12FixOracle';

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
export function checkPlantedX12Fix({ scenario: generated, blanks, claim, one, two, date: wanted }: X12PlantedFixCase): CheckedFixes {
  const claimIndex = claim % generated.claims.length;
  // An 837I's lines fall in their claim's statement period (x12.line-date-outside-statement): the pair is planted on a day of it.
  const statement = generated.kind === 'institutional' ? (generated.claims[claimIndex]!.date ?? null) : null;
  const date = statement !== null && (wanted < statement.from || wanted > statement.to) ? statement.from : wanted;
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
  /** The units fix and the removal; `removal` false: the units fix is that removal, offered once. */
  const fixesOf = (finding: MueFinding, what: string, removal = true) => {
    const { units, removals } = mueFixes(fixesFor(text, analysis.doc, finding), what);
    assert.equal(units.length, 1, `${what}: one units fix`);
    assert.equal(removals.length, removal ? 1 : 0, `${what}: ${removal ? 'one removal' : 'no removal beside the units fix that is one'}`);
    return { units: units[0]!, removal: removals[0] ?? units[0]! };
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
  // With 1 unit on the earlier line, lowering the day takes the later line whole and nothing else: the removal itself.
  const twoFixes = fixesOf(two, what2, u1 > 1);
  const laterKey = keyOf(later.claimIndex, later.lineIndex);
  const lowered: LineChange = { removed: new Set([laterKey]), units: new Map(u1 > 1 ? [[keyOf(earlier.claimIndex, earlier.lineIndex), 1]] : []) };
  result(applyEdits(text, twoFixes.units.edits), lowered, `${what2}: ${twoFixes.units.title}`);
  result(applyEdits(text, twoFixes.removal.edits), removing([laterKey]), `${what2}: ${twoFixes.removal.title}`);
  return checkX12Fixes(scenario, blanks);
}
