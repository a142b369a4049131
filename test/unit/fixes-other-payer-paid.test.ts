// Found in review: on a claim that reports another payer's adjudication (2320 SBR with AMT*D,
// the amount that payer paid, and a 2430 SVD per line with what it paid on the line), removing a
// bundled line removes the line's SVD with its 2400 loop and lowers CLM02 by the line's charge,
// but leaves 2320 AMT*D as it was (fixesEdits.ts editLines touches only LX, CLM02 and SE01). The
// 837's coordination-of-benefits balancing (005010X222A1, 2320 AMT*D / 2430 SVD02) wants the
// claim-level paid amount to equal the line-level paid amounts for that payer less the claim-level
// adjustments: after the fix the claim says the other payer paid 120.00 for a claim of 100.00 whose
// one line it paid 80.00. The promise is "keeping every X12 count and total right".
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../server/src/core/analyze';
import { applyEdits } from '../../server/src/core/edits';
import { fixAll, fixesFor } from '../../server/src/core/fixes';
import { emptyKnowledge } from '../../server/src/core/rules/knowledge';
import { claimSegments, writeTransactions, type SegmentSpec } from './helpers/x12-writer';

const knowledge = emptyKnowledge(true);
const full = (text: string) => analyze(text, knowledge, undefined, undefined, { guideChecks: 'full' });
const day = { from: 20260310, to: 20260310 };

/** A secondary claim: the other payer (P2) paid 80.00 of 43214 and 40.00 of 43200 (a contractual adjustment on each). */
function secondaryClaim(): string {
  const body: SegmentSpec[] = claimSegments([{ id: 'C1', lines: [
    { code: '43214', charge: '100.00', date: day, extraSegments: [['SVD', 'P2', '80.00', ['HC', '43214'], '', '1'], ['CAS', 'CO', '45', '20.00'], ['DTP', '573', 'D8', '20260320']] },
    { code: '43200', charge: '50.00', date: day, extraSegments: [['SVD', 'P2', '40.00', ['HC', '43200'], '', '1'], ['CAS', 'CO', '45', '10.00'], ['DTP', '573', 'D8', '20260320']] },
  ] }]);
  const hi = body.findIndex((s) => s[0] === 'HI');
  body.splice(hi + 1, 0,
    ['SBR', 'S', '18', '', '', '', '', '', '', 'CI'],
    ['AMT', 'D', '120.00'],
    ['OI', '', '', 'Y', '', '', 'Y'],
    ['NM1', 'IL', '1', 'DOE', 'JANE', '', '', '', 'MI', 'M000002'],
    ['NM1', 'PR', '2', 'OTHER PAYER', '', '', '', '', 'PI', 'P2'],
  );
  return writeTransactions([body], { lineEnding: '\n' }).text;
}

const paid = (text: string) => /\nAMT\*D\*([^~]*)~/.exec(text)?.[1];
const linePaid = (text: string) => [...text.matchAll(/\nSVD\*P2\*([^*~]*)/g)].map((m) => m[1]);

describe('removing a line of a claim with another payer\'s payments', () => {
  test('the file is as written: the payer paid 120.00, 80.00 + 40.00 on the lines; only the conflict is reported', () => {
    const text = secondaryClaim();
    assert.equal(paid(text), '120.00');
    assert.deepEqual(linePaid(text), ['80.00', '40.00']);
    assert.deepEqual(full(text).findings.map((f) => f.rule), ['ptp.conflict']);
  });

  test('the claim\'s paid amount (2320 AMT*D) is lowered by what the payer paid on the removed line', () => {
    const text = secondaryClaim();
    const analysis = full(text);
    const finding = analysis.findings.find((f) => f.rule === 'ptp.conflict');
    assert.ok(finding);
    const removal = fixesFor(text, analysis.doc, finding).find((f) => f.title.startsWith('Remove'));
    assert.ok(removal);
    const fixed = applyEdits(text, removal.edits);
    assert.deepEqual(linePaid(fixed), ['80.00'], 'the removed line\'s SVD went with it');
    assert.ok(fixed.includes('CLM*C1*100.00*'), 'CLM02 lowered by the line charge');
    assert.equal(paid(fixed), '80.00', 'AMT*D still balances with the lines the payer paid');
  });
});

describe('two other payers on one claim', () => {
  /**
   * Primary P1 paid 60.00 + 30.00, secondary P2 paid 20.00 + 10.00; each 2320 loop has its own
   * AMT*D, and each payment its adjustments (CAS), so that every amount balances (cobBalance.ts).
   */
  function tertiaryClaim(): string {
    const body: SegmentSpec[] = claimSegments([{ id: 'C1', lines: [
      { code: '43214', charge: '100.00', date: day, extraSegments: [['SVD', 'P1', '60.00', ['HC', '43214'], '', '1'], ['CAS', 'CO', '45', '40'], ['DTP', '573', 'D8', '20260320'], ['SVD', 'P2', '20.00', ['HC', '43214'], '', '1'], ['CAS', 'PR', '1', '80'], ['DTP', '573', 'D8', '20260320']] },
      { code: '43200', charge: '50.00', date: day, extraSegments: [['SVD', 'P1', '30.00', ['HC', '43200'], '', '1'], ['CAS', 'CO', '45', '20'], ['DTP', '573', 'D8', '20260320'], ['SVD', 'P2', '10.00', ['HC', '43200'], '', '1'], ['CAS', 'PR', '1', '40'], ['DTP', '573', 'D8', '20260320']] },
    ] }]);
    const hi = body.findIndex((s) => s[0] === 'HI');
    body.splice(hi + 1, 0,
      ['SBR', 'P', '18', '', '', '', '', '', '', 'CI'],
      ['AMT', 'D', '90'],
      ['OI', '', '', 'Y', '', '', 'Y'],
      ['NM1', 'IL', '1', 'DOE', 'JANE', '', '', '', 'MI', 'M000001'],
      ['NM1', 'PR', '2', 'FIRST PAYER', '', '', '', '', 'PI', 'P1'],
      ['SBR', 'S', '18', '', '', '', '', '', '', 'CI'],
      ['AMT', 'D', '30.00'],
      ['OI', '', '', 'Y', '', '', 'Y'],
      ['NM1', 'IL', '1', 'DOE', 'JANE', '', '', '', 'MI', 'M000002'],
      ['NM1', 'PR', '2', 'SECOND PAYER', '', '', '', '', 'PI', 'P2'],
    );
    return writeTransactions([body], { lineEnding: '\n' }).text;
  }

  test('fix-all lowers each payer\'s AMT*D by what that payer paid on the removed line, written as it was', () => {
    const text = tertiaryClaim();
    const analysis = full(text);
    assert.deepEqual(analysis.findings.map((f) => f.rule), ['ptp.conflict']);
    const fix = fixAll(text, analysis.doc, analysis.findings);
    assert.ok(fix);
    const fixed = applyEdits(text, fix.edits);
    assert.deepEqual([...fixed.matchAll(/\nAMT\*D\*([^~]*)~/g)].map((m) => m[1]), ['60', '20.00']);
    assert.deepEqual(full(fixed).findings.map((f) => f.rule), []);
  });

  test('a payer whose id no SVD names keeps its paid amount', () => {
    const text = tertiaryClaim().replace(/SVD\*P2\*/g, 'SVD*P9*');
    const analysis = full(text);
    const fix = fixAll(text, analysis.doc, analysis.findings);
    assert.ok(fix);
    assert.deepEqual([...applyEdits(text, fix.edits).matchAll(/\nAMT\*D\*([^~]*)~/g)].map((m) => m[1]), ['60', '30.00']);
  });
});
