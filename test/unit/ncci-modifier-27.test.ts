// Modifier 27 (several outpatient hospital E/M encounters on one day) is a hospital outpatient
// (OPPS) modifier: it lets an indicator-1 PTP edit pass on an E/M code of a claim the outpatient
// hospital table judges, and nowhere else. It used to count on either line of any claim, so an
// 837P (or a CSV) E/M pair "passed" on a 27 a practitioner's claim cannot use; and a 27 on a
// procedure passed too. Now those are ptp.modifier-required, with a note that says why.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { applyEdits } from '../../server/src/core/edits';
import { fixesFor } from '../../server/src/core/fixes';
import type { Finding } from '../../server/src/core/model';
import { emptyKnowledge, type Knowledge } from '../../server/src/core/rules/knowledge';
import { hospitalClaimsOn } from './helpers/hospital-claims';
import { writeX12 } from './helpers/x12-writer';

const DAY = { from: 20240110, to: 20240110 };

/** Both tables with the same indicator-1 edits: an emergency visit bundles a clinic visit, and a procedure bundles an injection. */
function knowledge(): Knowledge {
  const k = emptyKnowledge(false);
  for (const table of [k.tables.practitioner, k.tables.hospital]) {
    table.add({ columnOne: '99284', columnTwo: '99213', preexisting: false, effective: 20200101, deletion: null, modifierIndicator: '1', rationale: 'Mutually exclusive procedures' }, 'synthetic');
    table.add({ columnOne: '20610', columnTwo: '96372', preexisting: false, effective: 20200101, deletion: null, modifierIndicator: '1', rationale: 'Standards of medical / surgical practice' }, 'synthetic');
  }
  return k;
}

const ptp = (findings: readonly Finding[]) => findings.filter((f) => f.rule.startsWith('ptp.'));

/** A hospital claim (837I, outpatient) of the two codes, the second written with `modifiers` after it. */
function hospital(one: string, two: string, modifiers: string): string {
  const text = hospitalClaimsOn('20240110', [{ id: 'H1', lines: [{ code: one, charge: '300.00' }, { code: two, charge: '100.00' }] }]);
  return modifiers === '' ? text : text.replace(`HC:${two}*`, `HC:${two}:${modifiers}*`);
}

/** A practitioner's claim (837P) of the two codes, the second with `modifiers`. */
function practitioner(one: string, two: string, modifiers: string[]): string {
  return writeX12([{ id: 'P1', lines: [{ code: one, charge: '300.00', date: DAY }, { code: two, charge: '100.00', date: DAY, modifiers }] }]).text;
}

describe('modifier 27 counts only on a hospital\'s E/M code', () => {
  test('an 837I outpatient claim: 27 on the E/M line lets the pair pass; without it the pair needs a modifier (control)', () => {
    const k = knowledge();
    assert.match(hospital('99284', '99213', '27'), /HC:99213:27\*/);
    assert.deepEqual(ptp(analyze(hospital('99284', '99213', '27'), k).findings), []);
    assert.deepEqual(ptp(analyze(hospital('99284', '99213', ''), k).findings).map((f) => f.rule), ['ptp.modifier-required']);
  });

  test('an 837P: 27 on the E/M line does not count, and the finding says why', () => {
    const [finding, ...more] = ptp(analyze(practitioner('99284', '99213', ['27']), knowledge()).findings);
    assert.deepEqual(more, []);
    assert.equal(finding!.rule, 'ptp.modifier-required');
    assert.match(finding!.message, /27 on the 99213 line counts only on an E\/M code of a hospital's outpatient services/);
  });

  test('27 on a procedure does not count, on either kind of claim', () => {
    const k = knowledge();
    const onHospital = ptp(analyze(hospital('20610', '96372', '27'), k).findings);
    assert.deepEqual(onHospital.map((f) => f.rule), ['ptp.modifier-required']);
    assert.match(onHospital[0]!.message, /27 on the 96372 line counts only on an E\/M code of a hospital's outpatient services/);
    assert.deepEqual(ptp(analyze(practitioner('20610', '96372', ['27']), k).findings).map((f) => f.rule), ['ptp.modifier-required']);
  });

  test('the modifiers that count on a practitioner\'s E/M pair still do (25 on the column-2 visit)', () => {
    assert.deepEqual(ptp(analyze(practitioner('99284', '99213', ['25']), knowledge()).findings), []);
  });

  test('a CSV: on an outpatient hospital claim (bill type 131) 27 counts; on a critical access hospital\'s professional-fee row (851, revenue 0960), judged as a practitioner\'s, it does not', () => {
    const k = knowledge();
    const csv = (bill: string, revenue: string) =>
      ['Claim ID,Patient ID,Bill Type,Revenue Code,DOS,CPT,Modifier,Units,Charge', `H1,P1,${bill},${revenue},01/10/2024,99284,,1,300.00`, `H1,P1,${bill},${revenue},01/10/2024,99213,27,1,100.00`, ''].join('\n');
    assert.deepEqual(ptp(analyze(csv('131', '0450'), k).findings), []);
    const professional = ptp(analyze(csv('851', '0960'), k).findings);
    assert.deepEqual(professional.map((f) => f.rule), ['ptp.modifier-required']);
    assert.match(professional[0]!.message, /NCCI practitioner PTP edit/);
    assert.match(professional[0]!.message, /27 on the 99213 line counts only on an E\/M code of a hospital's outpatient services/);
  });

  test('a hospital\'s pair of E/M codes is told to take 27, and the quick fix adds it; a practitioner\'s, 25 (found by a hospital billing analyst)', () => {
    const k = knowledge();
    const text = hospital('99284', '99213', '');
    const analysis = analyze(text, k);
    const [finding] = ptp(analysis.findings);
    assert.match(finding!.message, /If the 99213 visit was a separate E\/M encounter at the hospital on the same day, add 27 to the 99213 line/);
    const add = fixesFor(text, analysis.doc, finding!).filter((f) => f.title.startsWith('Add modifier'));
    assert.deepEqual(add.map((f) => f.title), ['Add modifier 27 to 99213 (separate E/M encounter at the hospital on the same day)']);
    assert.deepEqual(ptp(analyze(applyEdits(text, add[0]!.edits), k).findings), [], 'the pair passes once 27 is added');
    const [practitioners] = ptp(analyze(practitioner('99284', '99213', []), k).findings);
    assert.match(practitioners!.message, /add 25 to the 99213 line/);
  });
});
