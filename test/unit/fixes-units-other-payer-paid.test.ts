// Found in review: on a claim another payer has adjudicated, each line's 2430 SVD02 (paid) and its
// CAS adjustments add up to the line charge SV102 (the 837P's line-level COB balancing), and SVD05
// is the units that payer paid. The MUE units fix (fixesMue.ts unitsWithinMue, fixesEdits.ts editLines) lowers
// SV1-04 and SV1-02 (and CLM02) but leaves SVD and CAS as they were: after "Set the units of 97110
// to 2" the line charges 50.00 while the other payer is said to have paid 80.00 of it and adjusted
// 20.00. Removing a line already takes what the payer paid off 2320 AMT*D (fixes-other-payer-
// paid.test.ts); lowering units leaves the file unbalanced. Such a line's units have no certain
// answer (as a charge that cannot be read: no units fix), or the fix must keep the line balanced.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { applyEdits } from '../../server/src/core/edits';
import { fixAll, fixesFor } from '../../server/src/core/fixes';
import { emptyKnowledge, type Knowledge } from '../../server/src/core/rules/knowledge';
import { emptyMueTables } from '../../server/src/core/rules/mue';
import { claimSegments, writeTransactions, type SegmentSpec } from './helpers/x12-writer';

const DAY = { from: 20260310, to: 20260310 };

function knowledge(mai: 1 | 2): Knowledge {
  const mue = emptyMueTables();
  mue.practitioner.add({ code: '97110', value: 2, mai, rationale: 'Clinical: Data', source: 'mue.csv', kind: 'practitioner' });
  return { ...emptyKnowledge(false), mue };
}

/** A secondary claim: the primary payer P1 paid 80.00 of the 4 units of 97110 (100.00) and adjusted 20.00. */
function secondaryClaim(): string {
  const body: SegmentSpec[] = claimSegments([
    {
      id: 'C1',
      lines: [
        {
          code: '97110',
          units: '4',
          charge: '100.00',
          date: DAY,
          extraSegments: [['SVD', 'P1', '80.00', ['HC', '97110'], '', '4'], ['CAS', 'CO', '45', '20.00'], ['DTP', '573', 'D8', '20260320']],
        },
      ],
    },
  ]);
  const hi = body.findIndex((s) => s[0] === 'HI');
  body.splice(
    hi + 1,
    0,
    ['SBR', 'P', '18', '', '', '', '', '', '', 'CI'],
    ['AMT', 'D', '80.00'],
    ['OI', '', '', 'Y', '', '', 'Y'],
    ['NM1', 'IL', '1', 'DOE', 'JANE', '', '', '', 'MI', 'M000009'],
    ['NM1', 'PR', '2', 'FIRST PAYER', '', '', '', '', 'PI', 'P1'],
  );
  return writeTransactions([body], { lineEnding: '\n' }).text;
}

/** The line charge SV102 and what the other payer's SVD02 and the line's CAS amounts add up to, in cents. */
function lineBalance(text: string): { charge: number; paidAndAdjusted: number } {
  const charge = Math.round(Number(/\nSV1\*[^*]*\*([^*~]*)/.exec(text)![1]) * 100);
  const paid = Math.round(Number(/\nSVD\*P1\*([^*~]*)/.exec(text)![1]) * 100);
  const adjusted = [...text.matchAll(/\nCAS\*[^*]*\*[^*]*\*([^*~]*)/g)].reduce((sum, m) => sum + Math.round(Number(m[1]) * 100), 0);
  return { charge, paidAndAdjusted: paid + adjusted };
}

describe('MUE units fix on a line another payer adjudicated', () => {
  it('the file as written balances: 80.00 paid + 20.00 adjusted = 100.00 charged', () => {
    const b = lineBalance(secondaryClaim());
    assert.equal(b.charge, b.paidAndAdjusted);
  });

  for (const mai of [1, 2] as const) {
    it(`MAI ${mai}: a units fix, if offered, leaves the line balanced with what the other payer paid and adjusted`, () => {
      const text = secondaryClaim();
      const k = knowledge(mai);
      const analysis = analyze(text, k);
      const finding = analysis.findings.find((f) => f.rule === 'mue.exceeded');
      assert.ok(finding, 'the 4 units are over the MUE of 2');
      for (const fix of fixesFor(text, analysis.doc, finding)) {
        if (fix.title.startsWith('Remove')) continue;
        const fixed = applyEdits(text, fix.edits);
        const b = lineBalance(fixed);
        assert.equal(b.charge, b.paidAndAdjusted, `${fix.title}: SV102 ${b.charge / 100} against SVD02 + CAS ${b.paidAndAdjusted / 100}`);
      }
    });
  }

  it('fix-all leaves the line balanced (or leaves it alone)', () => {
    const text = secondaryClaim();
    const k = knowledge(2);
    const analysis = analyze(text, k);
    const all = fixAll(text, analysis.doc, analysis.findings);
    if (all === null) return;
    const fixed = applyEdits(text, all.edits);
    if (!/\nSV1\*/.test(fixed)) return; // the line (and claim) removed
    const b = lineBalance(fixed);
    assert.equal(b.charge, b.paidAndAdjusted, `SV102 ${b.charge / 100} against SVD02 + CAS ${b.paidAndAdjusted / 100}`);
  });
});
