// Found in review (a coder who knows the 837): PWK*OZ*EL~, a report sent apart from the claim with
// no attachment control number, passed every check, at the claim and at the line. The guides
// require PWK05 and PWK06 when PWK02 is BM, EL, EM, FX or FT (the payer matches the attachment to
// the claim by that number); the maps hold them as situational with only their pair rule, so
// neither pyx12 nor the guide checks say it. Synthetic data only.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { emptyKnowledge } from '../../server/src/core/rules/knowledge';
import { writeX12 } from './helpers/x12-writer';

const day = { from: 20261015, to: 20261015 };
const { text: plain } = writeX12([{ id: 'C1', lines: [{ code: '99213', charge: '80.00', date: day }] }], { lineEnding: '\n' });

/** `pwk` in the claim (2300, after CLM: PWK comes before HI there) or on its line (2400, after SV1). */
function withPwk(pwk: string, where: 'claim' | 'line'): string {
  const at = where === 'claim' ? /(CLM\*[^~]*~\n)/ : /(SV1\*[^~]*~\n)/;
  const text = plain.replace(at, `$1${pwk}~\n`).replace(/SE\*(\d+)\*/, (_, n: string) => `SE*${Number(n) + 1}*`);
  assert.notEqual(text, plain);
  return text;
}

const findingsOf = (text: string, guideChecks: 'off' | 'envelope' | 'full' = 'full') => analyze(text, emptyKnowledge(true), undefined, undefined, { guideChecks }).findings;

describe('x12.attachment-control-missing: an attachment sent apart from the claim has its control number', () => {
  for (const where of ['claim', 'line'] as const) {
    it(`${where}: PWK*OZ*EL alone is reported on PWK02; with PWK05 AC and PWK06 the file is clean (control)`, () => {
      assert.deepEqual(findingsOf(withPwk('PWK*OZ*EL***AC*ATT0001', where)).map((f) => f.rule), []);
      const text = withPwk('PWK*OZ*EL', where);
      const found = findingsOf(text);
      assert.deepEqual(found.map((f) => f.rule), ['x12.attachment-control-missing']);
      assert.equal(found[0]!.severity, 'error');
      assert.equal(found[0]!.message, 'PWK02 EL says the attachment is sent electronically only, apart from the claim, so PWK05 (AC) and PWK06 (the attachment control number) are required: the payer matches the attachment to the claim by that number');
      assert.equal(text.slice(found[0]!.span.start, found[0]!.span.end), 'EL');
    });
  }

  it('by mail, fax, e-mail and file transfer too; AA (available at the provider\'s site) needs no number', () => {
    for (const how of ['BM', 'FX', 'EM', 'FT']) assert.deepEqual(findingsOf(withPwk(`PWK*OZ*${how}`, 'claim')).map((f) => f.rule), ['x12.attachment-control-missing'], how);
    assert.deepEqual(findingsOf(withPwk('PWK*OZ*AA', 'claim')).map((f) => f.rule), []);
  });

  it('one of the pair given: the guide\'s pair rule says it, not this one; envelope mode says it too, off does not', () => {
    const half = findingsOf(withPwk('PWK*OZ*EL***AC', 'claim')).map((f) => f.rule);
    assert.ok(!half.includes('x12.attachment-control-missing'), half.join(', '));
    assert.ok(half.length > 0, 'the guide reports the pair');
    assert.deepEqual(findingsOf(withPwk('PWK*OZ*EL', 'claim'), 'envelope').map((f) => f.rule), ['x12.attachment-control-missing']);
    assert.deepEqual(findingsOf(withPwk('PWK*OZ*EL', 'claim'), 'off').map((f) => f.rule), []);
  });
});
