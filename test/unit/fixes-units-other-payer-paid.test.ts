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
import { claimSegments, writeTransactions, type SegmentSpec, type WriterLine } from './helpers/x12-writer';

const DAY = { from: 20260310, to: 20260310 };

function knowledge(mai: 1 | 2): Knowledge {
  const mue = emptyMueTables();
  mue.practitioner.add({ code: '97110', value: 2, mai, rationale: 'Clinical: Data', source: 'mue.csv', kind: 'practitioner' });
  return { ...emptyKnowledge(false), mue };
}

/** A secondary claim: the primary payer P1 paid 80.00 of the 4 units of 97110 (100.00) and adjusted 20.00. */
function secondaryClaim(moreLines: WriterLine[] = []): string {
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
        ...moreLines,
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

/**
 * A claim with two lines of 97110, 4 units each, on two days: the first (03/10) adjudicated by P1
 * as in secondaryClaim, the second (03/11) not, so its units can be lowered without unbalancing
 * anything the other payer reported.
 */
function secondaryClaimWithUnpaidLine(): string {
  return secondaryClaim([{ code: '97110', units: '4', charge: '100.00', date: { from: 20260311, to: 20260311 } }]);
}

/**
 * Each service line's charge SV102 and units SV104 and, for a line another payer adjudicated
 * (2430 SVD), what its SVD02 and CAS amounts add up to, in cents; and CLM02 in cents.
 */
function balances(text: string): { clm02: number; lines: { charge: number; units: string; paidAndAdjusted: number | null }[] } {
  const cents = (s: string | undefined) => Math.round(Number(s) * 100);
  let clm02 = NaN;
  const lines: { charge: number; units: string; paidAndAdjusted: number | null }[] = [];
  for (const segment of text.split('~')) {
    const e = segment.trim().split('*');
    const last = lines[lines.length - 1];
    if (e[0] === 'CLM') clm02 = cents(e[2]);
    else if (e[0] === 'SV1') lines.push({ charge: cents(e[2]), units: e[4]!, paidAndAdjusted: null });
    else if (e[0] === 'SVD' && last) last.paidAndAdjusted = (last.paidAndAdjusted ?? 0) + cents(e[2]);
    else if (e[0] === 'CAS' && last) last.paidAndAdjusted = (last.paidAndAdjusted ?? 0) + cents(e[3]);
  }
  return { clm02, lines };
}

/** Every adjudicated line balances (SV102 = SVD02 + CAS) and CLM02 is the sum of the line charges. */
function assertBalanced(text: string, what: string): void {
  const b = balances(text);
  for (const [i, line] of b.lines.entries()) {
    if (line.paidAndAdjusted !== null) assert.equal(line.charge, line.paidAndAdjusted, `${what}: line ${i + 1} SV102 ${line.charge / 100} against SVD02 + CAS ${line.paidAndAdjusted / 100}`);
  }
  assert.equal(b.clm02, b.lines.reduce((sum, l) => sum + l.charge, 0), `${what}: CLM02 against the line charges`);
}

function mueFindings(text: string, k: Knowledge) {
  const analysis = analyze(text, k);
  return { analysis, findings: analysis.findings.filter((f) => f.rule === 'mue.exceeded') };
}

describe('MUE units fix on a line another payer adjudicated', () => {
  it('the file as written balances: 80.00 paid + 20.00 adjusted = 100.00 charged', () => {
    const b = balances(secondaryClaim());
    assert.equal(b.lines.length, 1);
    assert.deepEqual(b.lines[0], { charge: 10000, units: '4', paidAndAdjusted: 10000 });
    assertBalanced(secondaryClaim(), 'as written');
  });

  for (const mai of [1, 2] as const) {
    it(`MAI ${mai}: the adjudicated line over its MUE gets no units fix, only its removal`, () => {
      const text = secondaryClaim();
      const { analysis, findings } = mueFindings(text, knowledge(mai));
      assert.equal(findings.length, 1, 'the 4 units are over the MUE of 2');
      assert.deepEqual(
        fixesFor(text, analysis.doc, findings[0]!).map((f) => f.title),
        ['Remove the claim and its only service line (97110 over its MUE)'],
      );
    });

    it(`MAI ${mai}: beside an adjudicated line, the unpaid line's units fix keeps the adjudicated line and CLM02 balanced`, () => {
      const text = secondaryClaimWithUnpaidLine();
      assertBalanced(text, 'as written');
      const { analysis, findings } = mueFindings(text, knowledge(mai));
      assert.equal(findings.length, 2, 'each day has 4 units over the MUE of 2');
      const [paid, unpaid] = findings.map((f) => fixesFor(text, analysis.doc, f));
      assert.deepEqual(paid!.map((f) => f.title), ['Remove service line 1 (97110 over its MUE)']);
      assert.deepEqual(unpaid!.map((f) => f.title), ['Set the units of 97110 to 2 (its MUE)', 'Remove service line 2 (97110 over its MUE)']);
      const fixed = applyEdits(text, unpaid![0]!.edits);
      assertBalanced(fixed, unpaid![0]!.title);
      assert.deepEqual(balances(fixed).lines, [
        { charge: 10000, units: '4', paidAndAdjusted: 10000 },
        { charge: 5000, units: '2', paidAndAdjusted: null },
      ]);
    });
  }

  it('fix-all leaves the adjudicated line alone: nothing to do on it alone', () => {
    const text = secondaryClaim();
    const { analysis } = mueFindings(text, knowledge(2));
    assert.equal(fixAll(text, analysis.doc, analysis.findings), null);
  });

  it('fix-all lowers the unpaid line beside it and keeps the adjudicated line and CLM02 balanced', () => {
    const text = secondaryClaimWithUnpaidLine();
    const { analysis } = mueFindings(text, knowledge(2));
    const all = fixAll(text, analysis.doc, analysis.findings);
    assert.ok(all, 'the unpaid line can be lowered');
    assert.equal(all.title, 'Lower the units of 1 line to their MUE');
    const fixed = applyEdits(text, all.edits);
    assertBalanced(fixed, all.title);
    assert.deepEqual(balances(fixed), {
      clm02: 15000,
      lines: [
        { charge: 10000, units: '4', paidAndAdjusted: 10000 },
        { charge: 5000, units: '2', paidAndAdjusted: null },
      ],
    });
  });
});
