// A Social Security number, a member id or a birth date typed into a numeric element (a line
// charge, LX01, units), a procedure code element or a DTP date is not quoted in any message:
// messages reach the Problems panel, the CLI report and CI logs. Values with six or more digits
// in a row are described instead; short numbers, codes, versions and real dates still are quoted.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { emptyKnowledge } from '../../server/src/core/rules/knowledge';
import { parseDateValue, shownCode, shownDate, shownNumber } from '../../server/src/core/x12/values';
import { writeX12 } from './helpers/x12-writer';

const day = { from: 20260310, to: 20260310 };
const SSN = '987-65-4329';
const MEMBER = '4451239876';

function planted(): string {
  const { text } = writeX12([{ id: 'C1', date: day, lines: [{ code: '43214', charge: '1500.00', date: day }, { code: '43200', charge: '400.00', date: day }] }], { lineEnding: '\n' });
  const out = text
    .replace(/^LX\*2~/m, `LX*${MEMBER}~`)
    .replace(/^(SV1\*HC:43214\*)1500\.00/m, `$1${SSN}`)
    .replace(/^SV1\*HC:43200/m, `SV1*HC:${MEMBER}`)
    .replace(/^(DTP\*472\*D8\*)20260310~/m, `$1${MEMBER}~`);
  assert.equal((out.match(new RegExp(MEMBER, 'g')) ?? []).length, 3, 'every value planted');
  assert.ok(out.includes(SSN));
  return out;
}

describe('id-shaped values are never quoted in messages', () => {
  const text = planted();
  const analysis = analyze(text, emptyKnowledge(true), undefined, undefined, { guideChecks: 'full' });
  const messages = analysis.findings.flatMap((f) => [f.message, ...(f.related ?? []).map((r) => r.message)]);

  it('each planted value has a finding on it (the messages are about them)', () => {
    const at = (value: string, from = 0) => text.indexOf(value, from);
    const planted = [at(SSN), at(MEMBER), at(MEMBER, at(MEMBER) + 1), at(MEMBER, at(MEMBER, at(MEMBER) + 1) + 1)];
    for (const start of planted) {
      assert.ok(start > 0);
      assert.ok(analysis.findings.some((f) => f.span.start <= start && f.span.end > start), `a finding at ${start}: ${analysis.findings.map((f) => `${f.rule}@${f.span.start}`).join(', ')}`);
    }
  });

  it('no message quotes them or a run of their digits', () => {
    const leaking = messages.filter((m) => m.includes(SSN) || m.includes(MEMBER) || m.includes('6543') || m.includes('512398'));
    assert.deepEqual(leaking, []);
  });
});

describe('what messages still quote', () => {
  it('short numbers and amounts', () => {
    assert.equal(shownNumber('12,50'), "'12,50'");
    assert.equal(shownNumber('1.2.3'), "'1.2.3'");
    assert.equal(shownNumber('12345'), "'12345'");
    assert.match(shownNumber('123456'), /not shown/);
    assert.match(shownNumber('123-45-6789'), /not shown/);
  });

  it('codes, but not a digit run of an id', () => {
    assert.equal(shownCode('4321X'), "'4321X'");
    assert.equal(shownCode('0DTJ4ZZ'), "'0DTJ4ZZ'");
    assert.equal(shownCode('123456789'), 'a value that is not a code');
    assert.equal(shownCode('A12345678'), 'a value that is not a code');
  });

  it('date-shaped values in a date element, but not an id there', () => {
    assert.equal(shownDate('20260230'), "'20260230'");
    assert.equal(shownDate('20260301-2026'), "'20260301-2026'");
    assert.equal(shownDate(SSN), 'a value that is not a date');
    assert.equal(shownDate(MEMBER), 'a value that is not a date');
    const parsed = parseDateValue('D8', '20260230');
    assert.equal(parsed.ok, false);
    assert.match(parsed.ok ? '' : parsed.problem, /'20260230'/);
  });

  it('the implementation guide version of a GS08 Claimlint has no map of', () => {
    const { text } = writeX12([{ id: 'C1', date: day, lines: [{ code: '99213', charge: '100.00', date: day }] }], { lineEnding: '\n' });
    const other = text.replace(/005010X222A1/g, '005010X299A1');
    assert.notEqual(other, text);
    const analysis = analyze(other, emptyKnowledge(true), undefined, undefined, { guideChecks: 'full' });
    const notValidated = analysis.findings.find((f) => f.rule === 'guide.not-validated');
    assert.ok(notValidated, analysis.findings.map((f) => f.rule).join(', '));
    assert.match(notValidated.message, /'005010X299A1'/);
  });
});
