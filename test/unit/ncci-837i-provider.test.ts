// Found in review: who "the same provider" is on an 837I. The outpatient hospital NCCI edits
// (PTP, MUE, add-on codes) apply to services "provided to that beneficiary by the same hospital on
// the same date of service": the facility that bills them (2010AA NM1*85), whichever physicians
// the claim names. Claimlint takes an 837I line's provider as it does an 837P's: the line's NM1*82
// (837I 2420C), else the claim's (837I 2310D), else the billing provider. So two lines of one
// hospital claim with different rendering physicians are "another rendering provider": an
// indicator-0 pair the hospital is denied becomes an Information finding, their units are not
// summed against the hospital MUE, and an add-on code whose primary another physician performed is
// reported as billed without its primary.
// Synthetic claims; the built-in 43214 set (43214/43197 is an indicator-0 pair), in-memory MUE and
// add-on rows.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import type { Finding } from '../../server/src/core/model';
import { AocTable } from '../../server/src/core/rules/aoc';
import { emptyKnowledge, type Knowledge } from '../../server/src/core/rules/knowledge';
import { emptyMueTables } from '../../server/src/core/rules/mue';
import { hospitalClaimsOn } from './helpers/hospital-claims';
import { writeX12 } from './helpers/x12-writer';

const DATE = '20240110';

function coding(findings: readonly Finding[]): Finding[] {
  return findings.filter((f) => f.rule.startsWith('ptp.') || f.rule.startsWith('mue.') || f.rule.startsWith('aoc.'));
}

function readingProblems(findings: readonly Finding[]): string[] {
  return findings.filter((f) => f.rule.startsWith('x12.') || f.rule.startsWith('guide.')).map((f) => `${f.rule}: ${f.message}`);
}

function check(text: string, knowledge: Knowledge): Finding[] {
  const analysis = analyze(text, knowledge, undefined, undefined, { guideChecks: 'full' });
  assert.deepEqual(readingProblems(analysis.findings), [], 'the 837I is guide-valid');
  return coding(analysis.findings);
}

const builtin = emptyKnowledge();

describe('837I: the provider is the hospital', () => {
  test('an indicator-0 pair on one hospital claim is a conflict whichever physicians rendered the two lines', () => {
    // 837P: physicians are the providers, so another rendering physician is Information (this holds today).
    const professional = writeX12([{ id: 'P1', lines: [{ code: '43214', charge: '900.00', date: { from: 20240110, to: 20240110 } }, { code: '43197', charge: '400.00', date: { from: 20240110, to: 20240110 }, extraSegments: [['NM1', '82', '1', 'DOCTOR', 'BOB', '', '', '', 'XX', '2222222228']] }] }]).text;
    assert.deepEqual(coding(analyze(professional, builtin).findings).map((f) => f.rule), ['ptp.other-rendering-provider']);
    // The same hospital, patient and date: the pair is denied to the hospital.
    const hospital = hospitalClaimsOn(DATE, [{ id: 'C1', lines: [{ code: '43214', charge: '900.00', rendering: '1111111112' }, { code: '43197', charge: '400.00', rendering: '2222222228' }] }]);
    assert.deepEqual(coding(check(hospital, builtin)).map((f) => [f.rule, f.severity, f.codes]), [['ptp.conflict', 'error', ['43214', '43197']]]);
  });

  test('across two claims of one hospital, a 2310D rendering physician on one does not make the hospital another provider', () => {
    const text = hospitalClaimsOn(DATE, [
      { id: 'C1', rendering: '1111111112', lines: [{ code: '43214', charge: '900.00' }] },
      { id: 'C2', lines: [{ code: '43197', charge: '400.00' }] },
    ]);
    assert.deepEqual(check(text, builtin).map((f) => [f.rule, f.severity]), [['ptp.conflict', 'error']]);
  });

  test('MAI 2: units of one code on one hospital claim are summed whichever physicians rendered the lines', () => {
    const mue = emptyMueTables();
    mue.hospital.add({ code: '96365', value: 1, mai: 2, rationale: 'Code Descriptor / CPT Instruction', source: 'oph-mue.csv', kind: 'hospital' });
    const knowledge: Knowledge = { ...emptyKnowledge(false), mue };
    const text = hospitalClaimsOn(DATE, [{ id: 'C1', lines: [{ code: '96365', charge: '300.00', rendering: '1111111112' }, { code: '96365', charge: '300.00', rendering: '2222222228' }] }]);
    assert.deepEqual(check(text, knowledge).map((f) => [f.rule, f.severity]), [['mue.exceeded', 'error']]);
  });

  test('a type 1 add-on code on a hospital claim has its primary when another physician rendered the primary', () => {
    const aoc = new AocTable();
    aoc.add({ addOn: '11045', primary: '11042', type: 1, addOnEffective: 20110101, addOnDeletion: null, primaryEffective: 20110101, primaryDeletion: null, notes: '', source: 'aoc.txt' });
    const knowledge: Knowledge = { ...emptyKnowledge(false), aoc };
    // Without a primary at all, the add-on is reported (this holds today).
    assert.deepEqual(check(hospitalClaimsOn(DATE, [{ id: 'C0', lines: [{ code: '11045', charge: '100.00' }] }]), knowledge).map((f) => f.rule), ['aoc.primary-missing']);
    const text = hospitalClaimsOn(DATE, [{ id: 'C1', lines: [{ code: '11042', charge: '500.00', rendering: '1111111112' }, { code: '11045', charge: '100.00', rendering: '2222222228' }] }]);
    assert.deepEqual(check(text, knowledge).map((f) => `${f.rule}: ${f.message}`), []);
  });
});
