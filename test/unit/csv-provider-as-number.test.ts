// Found in a user review (a billing analyst): an NPI a spreadsheet saved as a number
// (1234567893.0, or 1.234567893E+09) was another provider than 1234567893, so a 43214 + 43200
// pair of one provider's became ptp.other-rendering-provider (information) instead of a conflict.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { analyze } from '../../server/src/core/analyze';
import { emptyKnowledge } from '../../server/src/core/rules/knowledge';
import { providerIdAsWritten } from '../../server/src/core/csv/values';

describe('an NPI saved as a number', () => {
  it('is read as its digits: 1234567893.0, 1234567893.00 and 1.234567893E+09 are 1234567893', () => {
    assert.deepEqual(['1234567893.0', '1234567893.00', '1.234567893E+09', '1.234567893e9', '1234567893'].map(providerIdAsWritten), Array(5).fill('1234567893'));
  });

  it('anything else stays as written: digits lost to the exponent, decimals, letters, signs', () => {
    for (const s of ['1.23457E+09', '1234567893.5', 'A123.0', '.0', '1.', '-1234567893.0', '12.34E+02', '1.2E+', '1E+09', '1.2E+999999999999999999']) assert.equal(providerIdAsWritten(s), s, s);
    fc.assert(fc.property(fc.string({ maxLength: 20 }), (s) => {
      const read = providerIdAsWritten(s);
      return read === s || /^\d+$/.test(read);
    }), { numRuns: 2000, seed: 7 });
  });

  it('in a claim CSV: lines of one provider written both ways are one provider\'s pair', () => {
    for (const other of ['1234567893.0', '1.234567893E+09']) {
      const text = `Claim ID,Patient ID,DOS,CPT,Rendering NPI\nA,P1,10/15/2026,43214,1234567893\nB,P1,10/15/2026,43200,${other}\n`;
      assert.deepEqual(analyze(text, emptyKnowledge(true)).findings.map((f) => f.rule), ['ptp.conflict'], other);
    }
  });
});
