// Claim contents in messages: x12.clm02-sum says both amounts and lists each line charge
// (x12/claimTotal.ts check). A member id or an SSN without dashes typed into CLM02 or a line
// charge (SV102) is a well-formed amount, so the mismatch it makes was once reported with the id
// in full ("CLM02 is 918273645.00"), in the Problems panel and every CLI report. An amount whose
// whole-dollar part has 6 or more digits (no charge of an 837P line or claim a coder types) is
// described instead (x12/values.ts shownAmount), as shownNumber never quotes six or more digits
// in a row (README "Health information"). Synthetic ids only.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { emptyKnowledge } from '../../server/src/core/rules/knowledge';
import { writeX12 } from './helpers/x12-writer';

const day = { from: 20260310, to: 20260310 };
const MEMBER_ID = '918273645';

function messagesOf(text: string): string[] {
  const analysis = analyze(text, emptyKnowledge(true), undefined, undefined, { guideChecks: 'full' });
  assert.ok(analysis.findings.some((f) => f.rule === 'x12.clm02-sum'), `the totals differ (the premise): ${analysis.findings.map((f) => f.rule).join(', ')}`);
  return analysis.findings.flatMap((f) => [f.message, ...(f.related ?? []).map((r) => r.message)]);
}

describe('a member id typed as an amount is not quoted by x12.clm02-sum', () => {
  it('in CLM02', () => {
    const { text } = writeX12([{ id: 'C1', date: day, totalCharge: MEMBER_ID, lines: [{ code: '99213', charge: '100.00', date: day }] }], { lineEnding: '\n' });
    assert.deepEqual(messagesOf(text).filter((m) => m.includes(MEMBER_ID)), []);
  });

  it('in a line charge (SV102)', () => {
    const { text } = writeX12([{ id: 'C1', date: day, totalCharge: '140.00', lines: [{ code: '99213', charge: '100.00', date: day }, { code: '97110', charge: MEMBER_ID, date: day }] }], { lineEnding: '\n' });
    assert.deepEqual(messagesOf(text).filter((m) => m.includes(MEMBER_ID)), []);
  });
});
