// Found in review: the claim frequency code (CLM05-3) is never read, so a void claim (8, "void /
// cancel of prior claim") and a replacement claim (7) are paired and summed with the other claims
// of the patient like new claims. A void is not adjudicated: it withdraws a claim. Claimlint tells
// the user to remove the void's line (and fix-all removes it, and with it the whole void claim from
// the batch), and adds a voided or replaced claim's units to the claim that replaces it, reporting
// an MUE excess no payer sees. Synthetic 837I claims (type of bill 13x); the built-in 43214 set
// (43214/43197 is an indicator-0 pair) and an in-memory outpatient hospital MUE row.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { applyEdits } from '../../server/src/core/edits';
import { fixAll } from '../../server/src/core/fixes';
import type { Finding } from '../../server/src/core/model';
import { emptyKnowledge, type Knowledge } from '../../server/src/core/rules/knowledge';
import { emptyMueTables } from '../../server/src/core/rules/mue';
import { hospitalClaimsOn } from './helpers/hospital-claims';

const DATE = '20240110';

function coding(findings: readonly Finding[]): Finding[] {
  return findings.filter((f) => f.rule.startsWith('ptp.') || f.rule.startsWith('mue.') || f.rule.startsWith('aoc.'));
}

function readingProblems(findings: readonly Finding[]): string[] {
  return findings.filter((f) => f.rule.startsWith('x12.') || f.rule.startsWith('guide.')).map((f) => `${f.rule}: ${f.message}`);
}

function analyzed(text: string, knowledge: Knowledge) {
  const analysis = analyze(text, knowledge, undefined, undefined, { guideChecks: 'full' });
  assert.deepEqual(readingProblems(analysis.findings), [], 'the 837I is guide-valid');
  return analysis;
}

function withMue(): Knowledge {
  const mue = emptyMueTables();
  mue.hospital.add({ code: '96365', value: 1, mai: 2, rationale: 'Code Descriptor / CPT Instruction', source: 'oph-mue.csv', kind: 'hospital' });
  return { ...emptyKnowledge(false), mue };
}

describe('claim frequency (CLM05-3): void and replacement claims', () => {
  test('a void claim (frequency 8) is not paired with the patient\'s other claims, and fix-all keeps it', () => {
    const knowledge = emptyKnowledge();
    // The same two claims as originals are a conflict (this holds today).
    const originals = hospitalClaimsOn(DATE, [
      { id: 'A1', frequency: '1', lines: [{ code: '43214', charge: '900.00' }] },
      { id: 'B1', frequency: '1', lines: [{ code: '43197', charge: '400.00' }] },
    ]);
    assert.deepEqual(coding(analyzed(originals, knowledge).findings).map((f) => f.rule), ['ptp.conflict']);
    // B1 voided: its line is withdrawn, not billed with 43214.
    const text = hospitalClaimsOn(DATE, [
      { id: 'A1', frequency: '1', lines: [{ code: '43214', charge: '900.00' }] },
      { id: 'B1', frequency: '8', lines: [{ code: '43197', charge: '400.00' }] },
    ]);
    const analysis = analyzed(text, knowledge);
    const fix = fixAll(text, analysis.doc, analysis.findings);
    const fixed = fix === null ? text : applyEdits(text, fix.edits);
    assert.ok(fixed.includes('CLM*B1*'), 'fix-all must not delete the void claim from the batch');
    assert.deepEqual(coding(analysis.findings).map((f) => `${f.rule}: ${f.message}`), []);
  });

  test('MAI 2: a void claim\'s units are not added to the units of the claim it voids', () => {
    const text = hospitalClaimsOn(DATE, [
      { id: 'A1', frequency: '1', lines: [{ code: '96365', charge: '300.00' }] },
      { id: 'A1', frequency: '8', lines: [{ code: '96365', charge: '300.00' }] },
    ]);
    assert.deepEqual(coding(analyzed(text, withMue()).findings).map((f) => `${f.rule}: ${f.message}`), []);
  });

  test('MAI 2: a replacement claim\'s units are not added to the units of the claim it replaces', () => {
    const knowledge = withMue();
    // Two original claims of one unit each are over the MUE of 1 (this holds today).
    const twice = hospitalClaimsOn(DATE, [
      { id: 'A1', frequency: '1', lines: [{ code: '96365', charge: '300.00' }] },
      { id: 'A2', frequency: '1', lines: [{ code: '96365', charge: '300.00' }] },
    ]);
    assert.deepEqual(coding(analyzed(twice, knowledge).findings).map((f) => f.rule), ['mue.exceeded']);
    // A1 and its replacement (same patient control number CLM01, frequency 7): one unit is billed.
    const text = hospitalClaimsOn(DATE, [
      { id: 'A1', frequency: '1', lines: [{ code: '96365', charge: '300.00' }] },
      { id: 'A1', frequency: '7', lines: [{ code: '96365', charge: '300.00' }] },
    ]);
    assert.deepEqual(coding(analyzed(text, knowledge).findings).map((f) => `${f.rule}: ${f.message}`), []);
  });
});
