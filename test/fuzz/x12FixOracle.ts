// X12 fix oracle: every quick fix and fix-all of a generated 837 against the test writer's output
// for the edited claims (test/unit/reliability-fixes.test.ts, the fixes-x12 fuzz property), for
// the PTP findings (remove the column-2 line, add a modifier) and the MUE findings (set the units
// to the limit, remove the line) of the PTP and MUE tables of fuzzKnowledgeWithUnits. Throws an
// AssertionError on the first difference.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyze, type Analysis } from '../../server/src/core/analyze';
import { applyEdits } from '../../server/src/core/edits';
import { fixAll, fixesFor } from '../../server/src/core/fixes';
import type { Claim, DateRange, LineRef, ParsedDocument, Span } from '../../server/src/core/model';
import { writeX12Scenario, x12ScenarioArb, type X12Scenario } from './generators';
import type { WriterClaim as X12Claim, WriterLine as X12Line } from '../unit/helpers/x12-writer';
import { assertChargePerUnit, contains, keptKeys, keyOf, knowledge, modifierOf, modifierTarget, mueFindings, ptpFindings, removing, structural, type CheckedFixes, type LineChange } from './fixChanges';
import { assertFixAllSettled, checkMueFinding, daysCovered, fixAllExpectation, isEmpty, type CountedLine } from './mueOracle';

/**
 * Writes the scenario, optionally with blanks between each terminator and its line break (they
 * belong to no segment and must survive), so the oracle and the fixed text see the same bytes.
 */
export function writeX12With(s: X12Scenario, claims: X12Claim[], blanks: string): string {
  const text = writeX12Scenario(s, claims);
  if (blanks === '' || !s.options.lineEnding) return text;
  const terminator = s.options.delimiters?.segment ?? '~';
  return text.split(terminator + s.options.lineEnding).join(terminator + blanks + s.options.lineEnding);
}

/** The scenario's claims with `change` applied; `charges` are the new charges of the lines whose units were set. */
export function x12Changed(claims: readonly X12Claim[], change: LineChange, charges: ReadonlyMap<string, string>): X12Claim[] {
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
export function assertX12Result(scenario: X12Scenario, fixed: string, change: LineChange, blanks: string, title: string): Analysis {
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
  return { key: keyOf(ref.claimIndex, ref.lineIndex), code: line.code, units: /^\d+$/.test(units) ? Number(units) : null, days: daysCovered(line.date ?? claim.date), modifiers: line.modifiers ?? [] };
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
        // The fix names the line it adds to: the column-2 line, or (the other side of an anatomic pair) the column-1 line.
        const [claim, line] = modifierTarget(fix, data);
        assert.equal(fixed, writeX12With(scenario, withModifier(scenario.claims, claim, line, modifier), blanks), fix.title);
        assert.deepEqual(structural(analyze(fixed, knowledge).findings, unpadded), [], `${fix.title}: the fixed file is valid`);
      } else result(fixed, removing([keyOf(data.claimIndex, data.columnTwoLine)]), fix.title);
      checked.ptp++;
    }
  }
  const mue = mueFindings(analysis.findings).map((finding) => ({ finding, data: finding.data, lines: finding.data.lines.map((ref) => x12Counted(scenario, ref)) }));
  for (const { finding, lines } of mue) checked.mue += checkMueFinding(text, analysis, finding, lines, x12LineAt(analysis.doc, finding.span), result);
  const ptpRemovals = ptpFindings(analysis.findings)
    .filter((f) => f.data.modifierIndicator === '0' && !f.data.otherProvider)
    .map((f) => keyOf(f.data.claimIndex, f.data.columnTwoLine));
  const expected = fixAllExpectation(ptpRemovals, mue);
  const all = fixAll(text, analysis.doc, analysis.findings);
  assert.equal(all === null, isEmpty(expected), 'fix-all is offered exactly when an indicator-0 conflict or an MAI 2 day over its MUE can be fixed');
  if (all) assertFixAllSettled(result(applyEdits(text, all.edits), expected, 'fix-all'));
  return checked;
}
