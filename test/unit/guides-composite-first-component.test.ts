// Found in review: a situational composite that is used, but whose first component (required
// within it) is empty, passes the guide checks. guides/elementChecks.ts checkElement (and
// fastCheck.ts valueClean) skip a missing first component of a situational composite "as pyx12
// does", whether or not the composite's other components are there: `HI*ABK:R69*:I10` (837P
// 5010, HI02 used with its code list qualifier HI02-01 missing, so the code set of I10 is not
// said) and `SV3*AD:D0120*100.00**:R**1` (837D 4010, oral cavity SV304-02 without SV304-01) get
// no finding. An empty composite is judged as a whole; a used one must carry its required
// components.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeX12 } from './helpers/x12-writer';
import { fullFindings, replaced } from './helpers/guide-findings';
import { NOT_EDITED_RULE } from '../../server/src/core/rules/notEdited';

const full = fullFindings;
const day = { from: 20240110, to: 20240110 };

describe('a used situational composite whose required first component is empty', () => {
  const professional = writeX12([{ id: 'C1', lines: [{ code: '99213', charge: '100.00', date: day }] }]).text;
  const dental = writeX12([{ id: 'C1', lines: [{ code: 'D0120', charge: '100.00', date: day }] }], { kind: 'dental', version: '4010' }).text;

  test('the valid forms pass', () => {
    assert.deepEqual(full(replaced(professional, 'HI*ABK:R69~', 'HI*ABK:R69*ABF:I10~')).map((f) => f.rule), []);
    // An 837D's claims are judged by no NCCI table: that note (information) is its only finding.
    assert.deepEqual(full(replaced(dental, 'SV3*AD:D0120*100.00****1~', 'SV3*AD:D0120*100.00**L:R**1~')).map((f) => f.rule), [NOT_EDITED_RULE]);
  });

  test('837P HI*ABK:R69*:I10: HI02-01 (the code list qualifier) is reported missing', () => {
    const found = full(replaced(professional, 'HI*ABK:R69~', 'HI*ABK:R69*:I10~'));
    assert.ok(found.some((f) => f.rule === 'guide.element-missing' && f.message.includes('HI02-01')), JSON.stringify(found.map((f) => f.message)));
  });

  test('837D 4010 SV3 oral cavity :R: SV304-01 is reported missing', () => {
    const found = full(replaced(dental, 'SV3*AD:D0120*100.00****1~', 'SV3*AD:D0120*100.00**:R**1~'));
    assert.ok(found.some((f) => f.rule === 'guide.element-missing' && f.message.includes('SV304-01')), JSON.stringify(found.map((f) => f.message)));
  });
});
