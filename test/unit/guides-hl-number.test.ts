// HL01 and HL02 are read as numbers without a regex (guides/hlNumbering.ts hlNumber, run for
// every HL): the same number the NUMBER pattern and Number() give, and NaN for what the pattern
// refuses, whatever the text (blanks, signs, exponents, hex, long digit strings).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { hlNumber } from '../../server/src/core/guides/hlNumbering';
import { NUMBER } from '../../server/src/core/guides/valueTypes';

function byPattern(text: string): number {
  return NUMBER.test(text) ? Number(text) : NaN;
}

describe('HL numbers', () => {
  it('read as the NUMBER pattern and Number() read them', () => {
    for (const text of ['', '-', '--1', '0', '-0', '007', '12', ' 5', '5 ', '+5', '1e3', '0x10', '1.0', 'Infinity', '١٢', '99999999999999999999', '-12345678901234567890', '1\n', '\n1'])
      assert.ok(Object.is(hlNumber(text), byPattern(text)), JSON.stringify(text));
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'0123456789- +.eE\nxA'), maxLength: 24 }), (text) => Object.is(hlNumber(text), byPattern(text))),
      { numRuns: 2000, seed: 13 },
    );
  });
});
