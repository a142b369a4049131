// Issue 12: what the X12 and CSV readers give the PTP grouping (patient, providers, claim kind),
// and the whole path: analyze, and fix-all across two claims.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { applyEdits } from '../../server/src/core/edits';
import { fixAll } from '../../server/src/core/fixes';
import { emptyKnowledge } from '../../server/src/core/rules';
import { ptpData, ptpOf, readingProblems } from './helpers/ptp-findings';
import { writeSets, writeX12837, type XClaim } from './helpers/ptp-claims';

const DOS = 20260310;

describe('what the readers give the grouping', () => {
  test('837P: patient keys, billing provider, the claim rendering provider and each line\'s own', () => {
    const text = writeX12837([
      { id: 'A1', subscriberId: 'M1', lines: [{ code: '43214', charge: '10', date: DOS }] },
      { id: 'A2', subscriberId: 'M1', rendering: '1111111112', lines: [{ code: '43200', charge: '10', date: DOS }] },
      { id: 'A3', subscriberId: 'M2', lines: [{ code: '43200', charge: '10', date: DOS }] },
      {
        id: 'A4',
        subscriberId: 'M3',
        patient: { first: 'ANN' },
        rendering: '2222222228',
        lines: [
          { code: '43214', charge: '10', date: DOS, provider: '3333333334' },
          { code: '43200', charge: '10', date: DOS },
          { code: '43197', charge: '10', date: DOS, provider: '4444444440' },
        ],
      },
      { id: 'A5', subscriberId: 'M3', patient: { first: 'BEN' }, lines: [{ code: '43200', charge: '10', date: DOS }] },
      { id: 'A6', subscriberId: 'M3', patient: { first: 'ANN' }, lines: [{ code: '43200', charge: '10', date: DOS }] },
      { id: 'A7', subscriberId: 'M3', patient: { first: 'CAL', id: 'Q1' }, lines: [{ code: '43200', charge: '10', date: DOS }] },
      { id: 'A8', subscriberId: 'M3', patient: { first: 'DEE', id: 'Q1' }, lines: [{ code: '43200', charge: '10', date: DOS }] },
    ]);
    const analysis = analyze(text, emptyKnowledge(false));
    assert.deepEqual(readingProblems(analysis.findings), []);
    const claims = analysis.doc.claims;
    const key = (i: number) => claims[i]!.patientKey;
    assert.equal(key(0), key(1), 'two claims of one subscriber');
    assert.notEqual(key(0), key(2), 'another subscriber');
    assert.notEqual(key(3), key(4), 'two dependants of one subscriber, told apart by name');
    assert.equal(key(3), key(5), 'the same dependant again');
    assert.notEqual(key(3), key(0), 'a dependant is not the subscriber');
    assert.notEqual(key(6), key(3));
    assert.equal(key(6), key(7), 'the same patient id (names aside)');
    assert.ok(claims.every((c) => c.billingProviderId === '1234567893'));
    assert.ok(claims.every((c) => c.kind === 'professional'));
    assert.deepEqual(claims.map((c) => c.renderingProviderId), [null, '1111111112', null, '2222222228', null, null, null, null]);
    assert.deepEqual(claims[3]!.lines.map((l) => l.providerId), ['3333333334', null, '4444444440'], 'a line\'s NM1*82 stays on that line');
    assert.deepEqual(claims[1]!.lines.map((l) => l.providerId), [null]);
    assert.equal(claims[4]!.renderingProviderId, null, 'the previous claim\'s rendering provider does not carry over');
  });

  test('837I claims are institutional; each transaction set has its own billing provider', () => {
    const claim: XClaim = { id: 'I1', subscriberId: 'M1', rendering: '1111111112', lines: [{ code: '43214', charge: '10', date: DOS }] };
    const text = writeSets([[claim], [{ ...claim, id: 'I2', rendering: undefined }]], ['1234567893', '9876543213'], 'institutional');
    const analysis = analyze(text, emptyKnowledge(false));
    assert.deepEqual(readingProblems(analysis.findings), []);
    const claims = analysis.doc.claims;
    assert.deepEqual(claims.map((c) => c.kind), ['institutional', 'institutional']);
    assert.deepEqual(claims.map((c) => c.billingProviderId), ['1234567893', '9876543213']);
    assert.deepEqual(claims.map((c) => c.renderingProviderId), ['1111111112', null]);
    assert.equal(claims[0]!.patientKey, claims[1]!.patientKey, 'the same payer and subscriber');
  });

  test('CSV: the patient column, the rendering NPI column and a bill type', () => {
    const text = [
      'Claim ID,Patient ID,DOS,CPT,Modifier,Rendering NPI,Bill Type',
      'C1,P1,2026-03-10,43214,,1111111112,0131',
      'C2,P1,2026-03-10,43200,,1111111112,0131',
      'C3,P2,2026-03-10,43200,,,',
      'C4,P1,2026-03-10,43197,,,',
    ].join('\n') + '\n';
    const analysis = analyze(text, emptyKnowledge(true));
    const claims = analysis.doc.claims;
    assert.deepEqual(claims.map((c) => c.id), ['C1', 'C2', 'C3', 'C4']);
    assert.equal(claims[0]!.patientKey, claims[1]!.patientKey);
    assert.equal(claims[0]!.patientKey, claims[3]!.patientKey);
    assert.notEqual(claims[0]!.patientKey, claims[2]!.patientKey);
    assert.deepEqual(claims.map((c) => c.lines[0]!.providerId), ['1111111112', '1111111112', null, null]);
    assert.deepEqual(claims.map((c) => c.kind), ['institutional', 'institutional', null, null]);
    // C1/C2: one patient, one provider, hospital table (the built-in rows serve it); C4 is the
    // same patient but a practitioner claim, C3 another patient.
    const ptp = ptpOf(analysis.findings);
    assert.deepEqual(ptp.map((f) => [f.rule, ptpData(f)?.table, ptpData(f)?.claimIndex, ptpData(f)?.columnOneClaim]), [['ptp.conflict', 'hospital', 1, 0]]);
    assert.match(ptp[0]!.message, /\(line 2\)/);
  });

  test('CSV: two rendering NPIs are information, not a conflict', () => {
    const text = 'Patient ID,DOS,CPT,Rendering NPI\nP1,2026-03-10,43214,1111111112\nP1,2026-03-10,43200,2222222228\n';
    const ptp = ptpOf(analyze(text, emptyKnowledge(true)).findings);
    assert.deepEqual(ptp.map((f) => [f.rule, f.severity]), [['ptp.other-rendering-provider', 'information']]);
  });
});

describe('across claims, end to end', () => {
  const claimOne: XClaim = { id: 'C1', subscriberId: 'M1', lines: [{ code: '43214', charge: '500.00', date: DOS }] };
  const claimTwo: XClaim = {
    id: 'C2',
    subscriberId: 'M1',
    lines: [
      { code: '43200', charge: '250.00', date: DOS },
      { code: '99213', charge: '100.00', date: DOS },
    ],
  };

  test('43214 on one claim and 43200 on another of the same patient, date and provider: one conflict on the 43200 line', () => {
    const text = writeX12837([claimOne, claimTwo]);
    const analysis = analyze(text, emptyKnowledge(true));
    assert.deepEqual(readingProblems(analysis.findings), []);
    const ptp = ptpOf(analysis.findings);
    assert.equal(ptp.length, 1);
    const [finding] = ptp;
    const [one, two] = analysis.doc.claims;
    assert.equal(finding!.rule, 'ptp.conflict');
    assert.equal(finding!.severity, 'error');
    assert.deepEqual(finding!.span, two!.lines[0]!.codeSpan);
    assert.equal(text.slice(finding!.span.start, finding!.span.end), '43200');
    assert.match(finding!.message, /43200 should not be billed with 43214 \(claim 1, service line 1\)/);
    assert.deepEqual(finding!.related?.map((r) => r.span), [one!.lines[0]!.codeSpan]);
    assert.deepEqual(finding!.data, {
      kind: 'ptp', columnOne: '43214', columnTwo: '43200', modifierIndicator: '0', table: 'practitioner',
      claimIndex: 1, columnTwoLine: 0, columnOneClaim: 0, columnOneLine: 0, builtin: true,
    });
  });

  test('another rendering provider of the same billing provider: information, whether named per claim or per line', () => {
    const pairs: [XClaim, XClaim][] = [
      [{ ...claimOne, rendering: '1111111112' }, { ...claimTwo, rendering: '2222222228' }],
      [claimOne, { ...claimTwo, lines: [{ ...claimTwo.lines[0]!, provider: '2222222228' }, claimTwo.lines[1]!] }],
    ];
    for (const [a, b] of pairs) {
      const ptp = ptpOf(analyze(writeX12837([a, b]), emptyKnowledge(true)).findings);
      assert.deepEqual(ptp.map((f) => [f.rule, f.severity, f.codes]), [['ptp.other-rendering-provider', 'information', ['43214', '43200']]]);
      assert.match(ptp[0]!.message, /\(claim 1, service line 1\)/);
    }
    // The same rendering provider named on both claims is the same provider.
    const same = ptpOf(analyze(writeX12837([{ ...claimOne, rendering: '1111111112' }, { ...claimTwo, rendering: '1111111112' }]), emptyKnowledge(true)).findings);
    assert.deepEqual(same.map((f) => f.rule), ['ptp.conflict']);
    // A rendering provider equal to the billing provider's id is the billing provider.
    const billing = ptpOf(analyze(writeX12837([claimOne, { ...claimTwo, rendering: '1234567893' }]), emptyKnowledge(true)).findings);
    assert.deepEqual(billing.map((f) => f.rule), ['ptp.conflict']);
  });

  test('different patients: nothing', () => {
    const pairs: [XClaim, XClaim][] = [
      [claimOne, { ...claimTwo, subscriberId: 'M2' }],
      [{ ...claimOne, patient: { first: 'ANN' } }, { ...claimTwo, patient: { first: 'BEN' } }],
    ];
    for (const [a, b] of pairs) {
      assert.deepEqual(ptpOf(analyze(writeX12837([a, b]), emptyKnowledge(true)).findings), []);
    }
    // A different billing provider's other claim of the patient (another transaction set) neither.
    const text = writeSets([[claimOne], [{ ...claimTwo, rendering: '2222222228' }]], ['1234567893', '9876543213']);
    assert.deepEqual(ptpOf(analyze(text, emptyKnowledge(true)).findings), []);
  });

  test('fix-all removes the 43200 line of the second claim and keeps both claims\' CLM02, LX and SE01 right', () => {
    const text = writeX12837([claimOne, claimTwo]);
    const analysis = analyze(text, emptyKnowledge(true));
    const all = fixAll(text, analysis.doc, analysis.findings);
    assert.ok(all);
    const fixed = applyEdits(text, all.edits);
    assert.equal(fixed, writeX12837([claimOne, { ...claimTwo, lines: [claimTwo.lines[1]!] }]));
    const after = analyze(fixed, emptyKnowledge(true));
    assert.deepEqual(readingProblems(after.findings), [], 'no x12.* finding');
    assert.deepEqual(ptpOf(after.findings), [], 'no PTP finding is left');
    assert.deepEqual(after.doc.claims.map((c) => [c.totalChargeText, c.lines.map((l) => l.lineNumber)]), [['500.00', ['1']], ['100.00', ['1']]]);
  });
});
