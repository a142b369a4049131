// Found by a hospital billing analyst: a replacement (CLM05-3 7) or void (8) claim without REF*F8,
// the payer's control number of the claim it is for, passed every check, though the 837 guides
// require it there and payers reject the claim without it. The reader now says so on CLM01
// (x12.payer-claim-number-missing); a REF*F8 of another payer's loop (2330B) is not the claim's own.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import type { Finding } from '../../server/src/core/model';
import { emptyKnowledge } from '../../server/src/core/rules/knowledge';
import { X12Stream } from '../../server/src/core/x12/stream';
import { writeX12 } from './helpers/x12-writer';

const knowledge = emptyKnowledge(true);
const day = { from: 20260310, to: 20260310 };
const missing = (findings: readonly Finding[]) => findings.filter((f) => f.rule === 'x12.payer-claim-number-missing');

function claim(frequency: string, payerClaimNumber?: string | null, kind: 'professional' | 'institutional' = 'professional'): string {
  const line = kind === 'institutional' ? { code: '43214', charge: '100.00', date: day, revenueCode: '0360' } : { code: '43214', charge: '100.00', date: day };
  return writeX12([{ id: 'C1', frequency, ...(payerClaimNumber === undefined ? {} : { payerClaimNumber }), lines: [line] }], { kind, lineEnding: '\n' }).text;
}

describe('a replacement or void claim names the claim it is for in REF*F8', () => {
  for (const frequency of ['7', '8']) {
    it(`CLM05-3 ${frequency} without REF*F8: an error on CLM01`, () => {
      const text = claim(frequency, null);
      const [finding, ...more] = missing(analyze(text, knowledge).findings);
      assert.ok(finding);
      assert.deepEqual(more, []);
      assert.equal(finding.severity, 'error');
      assert.equal(text.slice(finding.span.start, finding.span.end), 'C1');
      assert.match(finding.message, new RegExp(`^CLM05-3 is ${frequency}, a ${frequency === '7' ? 'replacement' : 'void'} of an earlier claim, but the claim has no REF\\*F8`));
    });
  }

  it('with REF*F8, nothing; an original claim needs none (controls)', () => {
    assert.deepEqual(missing(analyze(claim('7'), knowledge).findings), []);
    assert.deepEqual(missing(analyze(claim('1', null), knowledge).findings), []);
  });

  it('an 837I void without it, too', () => {
    assert.equal(missing(analyze(claim('8', null, 'institutional'), knowledge).findings).length, 1);
  });

  it('a REF*F8 only in another payer\'s loop (2330B) is not the claim\'s own', () => {
    const text = claim('7', null).replace(/(HI\*ABK:R69~\n)/, '$1SBR*S*18*******CI~\nNM1*IL*1*DOE*JANE****MI*M2~\nNM1*PR*2*OTHER PAYER*****PI*P2~\nREF*F8*OTHERPAYERCLAIM~\n');
    assert.ok(text.includes('REF*F8*OTHERPAYERCLAIM'), 'the 2330B REF was written');
    assert.equal(missing(analyze(text, knowledge).findings).length, 1);
  });

  it('read in pieces (the CLI), the same', () => {
    const text = claim('7', null);
    const stream = new X12Stream(knowledge, undefined, { codedLinesOnly: true });
    const findings: Finding[] = [];
    for (let at = 0; at < text.length; at += 64) findings.push(...stream.feed(text.slice(at, at + 64)).findings);
    findings.push(...stream.end().findings);
    const [finding] = missing(findings);
    assert.ok(finding);
    assert.equal(text.slice(finding.span.start, finding.span.end), 'C1');
  });
});
