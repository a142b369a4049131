// Found in review: in a composite, a date format qualifier (1250) and the date after it (1251)
// are not held to each other. The 837I HI occurrence (BH), occurrence span (BI) and the like carry
// them as HI0n-03 / HI0n-04; guides/elementChecks.ts checkComposite passes no format to
// checkElement (and the date component is AN 1-35), so `HI*BH:11:D8:20241340` (month 13),
// `HI*BI:70:RD8:20231301-20231205` and `HI*BH:11:D8:20240101-20240102` (a range under D8) pass
// the guide checks. DTP03 under DTP02 is checked; the same date in HI is not.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { claimSegments, writeTransactions, type SegmentSpec } from './helpers/x12-writer';
import { fullFindings } from './helpers/guide-findings';

const full = fullFindings;

/** A guide-valid 837I 5010 with one more HI (as given) after the principal diagnosis. */
function institutional(hi: readonly string[]): string {
  const body: SegmentSpec[] = claimSegments(
    [{ id: 'C1', date: { from: 20240110, to: 20240112 }, lines: [{ code: '99213', charge: '100.00', date: { from: 20240110, to: 20240110 } }] }],
    'institutional',
  );
  const at = body.findIndex((s) => s[0] === 'HI');
  assert.ok(at > 0);
  body.splice(at + 1, 0, ['HI', hi]);
  return writeTransactions([body], { kind: 'institutional' }).text;
}

describe('HI date components are held to their format qualifier', () => {
  test('valid occurrence and occurrence span codes pass', () => {
    assert.deepEqual(full(institutional(['BH', '11', 'D8', '20240101'])).map((f) => f.rule), []);
    assert.deepEqual(full(institutional(['BI', '70', 'RD8', '20231201-20231205'])).map((f) => f.rule), []);
  });

  for (const [name, hi] of [
    ['an occurrence date in month 13', ['BH', '11', 'D8', '20241340']],
    ['an occurrence span starting in month 13', ['BI', '70', 'RD8', '20231301-20231205']],
    ['a range under D8', ['BH', '11', 'D8', '20240101-20240102']],
  ] as const) {
    test(`${name} is reported on HI01-04`, () => {
      const found = full(institutional(hi)).filter((f) => f.rule.startsWith('guide.') && f.message.includes('HI01-04'));
      assert.ok(found.length > 0, `no guide finding on HI*${hi.join(':')}`);
    });
  }
});
