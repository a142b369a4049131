import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { formatCents, parseD8, parseDateValue, parseDecimal, procedureCodeProblem, toCents } from '../../server/src/core/x12/index';

describe('x12 values', () => {
  it('D8 dates are real calendar dates', () => {
    assert.equal(parseD8('20240229'), 20240229);
    assert.equal(parseD8('20230229'), null);
    assert.equal(parseD8('20000229'), 20000229);
    assert.equal(parseD8('19000229'), null);
    assert.equal(parseD8('20241301'), null);
    assert.equal(parseD8('20240100'), null);
    assert.equal(parseD8('2024010'), null);
    assert.equal(parseD8('2024O101'), null);
  });

  it('RD8 ranges', () => {
    assert.deepEqual(parseDateValue('RD8', '20240101-20240131'), { ok: true, range: { from: 20240101, to: 20240131 } });
    assert.equal(parseDateValue('RD8', '20240131-20240101').ok, false);
    assert.equal(parseDateValue('RD8', '20240101-2024013').ok, false);
    assert.deepEqual(parseDateValue('RD8', '20240101'), {
      ok: false,
      problem: "expected an RD8 range CCYYMMDD-CCYYMMDD, found '20240101'",
      fallback: { from: 20240101, to: 20240101 },
    });
    assert.equal(parseDateValue('DT', '202401011200').ok, false);
  });

  it('decimals (X12 type R)', () => {
    assert.equal(parseDecimal('100'), 100);
    assert.equal(parseDecimal('100.5'), 100.5);
    assert.equal(parseDecimal('.5'), 0.5);
    assert.equal(parseDecimal('-12.25'), -12.25);
    for (const bad of ['', '-', '.', '1.2.3', '1,00', '1e3', ' 1', '+1']) assert.equal(parseDecimal(bad), null, bad);
    assert.equal(toCents(0.1 + 0.2), 30);
    assert.equal(formatCents(14000), '140.00');
    assert.equal(formatCents(-5), '-0.05');
  });

  it('procedure codes by qualifier', () => {
    assert.equal(procedureCodeProblem('HC', '43214'), null);
    assert.equal(procedureCodeProblem('HC', 'G0121'), null);
    assert.match(procedureCodeProblem('HC', 'Z1234')!, /^expected a CPT code .* after qualifier HC, found 'Z1234'$/);
    assert.equal(procedureCodeProblem('AD', 'D0120'), null);
    assert.match(procedureCodeProblem('AD', 'D012')!, /CDT/);
    assert.equal(procedureCodeProblem('N4', 'anything'), null);
  });

  it('a code is well formed for its qualifier exactly when the code set patterns say so', () => {
    const patterns: Record<string, RegExp[]> = {
      // CPT: 5 digits, or 4 digits and F, T, U, M or A (0001A vaccine administration, 0001M MAAA).
      HC: [/^(?:\d{5}|\d{4}[FTUMA])$/, /^[A-V]\d{4}$/],
      AD: [/^D\d{4}$/],
      CJ: [/^(?:\d{5}|\d{4}[FTUMA])$/],
    };
    const char = fc.constantFrom('0', '5', '9', 'A', 'D', 'F', 'M', 'T', 'U', 'V', 'W', 'Z', 'a', 'd', 'm', ' ', '/', ':');
    fc.assert(
      fc.property(fc.constantFrom('HC', 'AD', 'CJ', 'N4', 'hc', ''), fc.array(char, { minLength: 3, maxLength: 6 }), (qualifier, chars) => {
        const code = chars.join('');
        const sets = patterns[qualifier];
        const wellFormed = sets === undefined || sets.some((pattern) => pattern.test(code));
        assert.equal(procedureCodeProblem(qualifier, code) === null, wellFormed, `${qualifier} ${code}`);
      }),
      { numRuns: 5000 },
    );
  });
});
