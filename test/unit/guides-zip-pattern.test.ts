// Found in review: the guide's pattern for the 837I 5010 billing provider ZIP code (2010AA
// N403, `[0-9]{9}`: nine digits, ZIP+4) is searched unanchored (guides/patterns.ts GUIDE_PATTERNS,
// "pyx12 searches, unanchored"), so any value holding nine digits in a row passes:
// `N4*SPRINGFIELD*IL*6270100001` (ten digits) and `N4*SPRINGFIELD*IL*627010000X` get no
// guide.element-format, though neither is a nine-digit ZIP code.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeX12 } from './helpers/x12-writer';
import { fullFindings } from './helpers/guide-findings';

const full = fullFindings;
const day = { from: 20240110, to: 20240110 };

/** An 837I 5010 whose billing provider N4 (the first N4, in 2010AA) has this ZIP code. */
function institutional(zip: string): string {
  const good = writeX12([{ id: 'C1', date: { from: 20240110, to: 20240112 }, lines: [{ code: '99213', charge: '100.00', date: day }] }], { kind: 'institutional' }).text;
  const from = 'N4*SPRINGFIELD*IL*000000000~';
  assert.ok(good.includes(from));
  return good.replace(from, `N4*SPRINGFIELD*IL*${zip}~`);
}

describe('837I 2010AA N403 is nine digits', () => {
  test('nine digits pass; five are reported', () => {
    assert.deepEqual(full(institutional('627010000')).map((f) => f.rule), []);
    const five = full(institutional('62701')).filter((f) => f.rule === 'guide.element-format');
    assert.equal(five.length, 1);
    // The form in words a biller reads, not the map's regular expression.
    assert.equal(five[0]!.message, 'N403 (Billing Provider Postal Zone or ZIP Code) is not in the form the guide requires: nine digits.');
  });

  for (const zip of ['6270100001', '627010000X']) {
    test(`${zip} is reported`, () => {
      const found = full(institutional(zip)).filter((f) => f.rule.startsWith('guide.') && f.message.includes('N403'));
      assert.ok(found.length > 0, `no guide finding on N403 ${zip}`);
    });
  }
});
