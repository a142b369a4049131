import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import {
  alphanumericRuns,
  isWellFormedProcedureCode,
  parseAmount,
  parseUnits,
} from '../../server/src/core/csv/values';
import { parseDateOfService } from '../../server/src/core/csv/cellDates';

describe('csv dates', () => {
  const day = (d: number) => ({ from: d, to: d });

  it('reads YYYY-MM-DD (and / or . between)', () => {
    assert.deepEqual(parseDateOfService('2024-03-15'), day(20240315));
    assert.deepEqual(parseDateOfService('2024/3/5'), day(20240305));
    assert.deepEqual(parseDateOfService('2024.03.15'), day(20240315));
  });

  it('reads MM/DD/YYYY and M/D/YYYY (and with hyphens)', () => {
    assert.deepEqual(parseDateOfService('03/15/2024'), day(20240315));
    assert.deepEqual(parseDateOfService('3/5/2024'), day(20240305));
    assert.deepEqual(parseDateOfService('03-15-2024'), day(20240315));
  });

  it('reads M/D/YY with the 69 pivot', () => {
    assert.deepEqual(parseDateOfService('3/5/24'), day(20240305));
    assert.deepEqual(parseDateOfService('12/31/00'), day(20001231));
    assert.deepEqual(parseDateOfService('1/1/68'), day(20680101));
    assert.deepEqual(parseDateOfService('1/1/69'), day(19690101));
    assert.deepEqual(parseDateOfService('07/04/99'), day(19990704));
  });

  it('reads YYYYMMDD', () => {
    assert.deepEqual(parseDateOfService('20240315'), day(20240315));
  });

  it('ignores a time of day', () => {
    assert.deepEqual(parseDateOfService('2024-03-15T00:00:00'), day(20240315));
    assert.deepEqual(parseDateOfService('2024-03-15 10:30:00'), day(20240315));
    assert.deepEqual(parseDateOfService('3/15/2024 9:05 AM'), day(20240315));
    assert.deepEqual(parseDateOfService('2024-03-15T00:00:00.000Z'), day(20240315));
  });

  it('reads a from - to range in one cell', () => {
    const range = { from: 20240301, to: 20240305 };
    assert.deepEqual(parseDateOfService('03/01/2024 - 03/05/2024'), range);
    assert.deepEqual(parseDateOfService('2024-03-01 - 2024-03-05'), range);
    assert.deepEqual(parseDateOfService('2024-03-01-2024-03-05'), range);
    assert.deepEqual(parseDateOfService('20240301-20240305'), range);
    assert.deepEqual(parseDateOfService('3/1/24 to 3/5/24'), range);
    assert.deepEqual(parseDateOfService('3/1/2024 thru 3/5/2024'), range);
    assert.deepEqual(parseDateOfService('3/1/2024 – 3/5/2024'), range);
  });

  it('rejects impossible and malformed dates', () => {
    for (const bad of [
      '2024-02-30', '2023-02-29', '13/01/2024', '00/10/2024', '2024-13-01', '20241301', '2024031',
      '202403150', '15.03.2024', '03/15', 'March 15, 2024', 'N/A', '45366', '3/5/202', '2024-03-15x',
      '03/05/2024 - 03/01/2024', '2024-03-01 to', '2024-03-01to2024-03-05', '0024-03-15', '2301-01-01',
    ]) {
      assert.equal(parseDateOfService(bad), null, bad);
    }
    assert.deepEqual(parseDateOfService('2024-02-29'), day(20240229));
    assert.deepEqual(parseDateOfService('2000-02-29'), day(20000229));
    assert.equal(parseDateOfService('1900-02-29'), null);
  });
});

describe('csv amounts and units', () => {
  it('reads plain, dollar, thousands and negative amounts', () => {
    const cases: [string, number][] = [
      ['125', 125], ['125.00', 125], ['$1,250.00', 1250], ['1,250', 1250], ['1,234,567.89', 1234567.89],
      ['.75', 0.75], ['-5', -5], ['$-5.00', -5], ['-$5.00', -5], ['(12.50)', -12.5], ['$ 80', 80],
      ['+3', 3], ['0', 0],
    ];
    for (const [text, value] of cases) assert.equal(parseAmount(text), value, text);
  });

  it('rejects unreadable amounts', () => {
    for (const bad of ['abc', '12,50', '1,2345', '1234,567', '$', '1.2.3', '--5', '12 USD', ',100', '1,250.00.0', '(-5)']) {
      assert.equal(parseAmount(bad), null, bad);
    }
  });

  it('reads units', () => {
    assert.equal(parseUnits('1'), 1);
    assert.equal(parseUnits('2.5'), 2.5);
    assert.equal(parseUnits('one'), null);
    assert.equal(parseUnits('-1'), null);
    assert.equal(parseUnits('.'), null);
  });
});

describe('csv procedure codes and modifiers', () => {
  it('accepts CPT, Category II/III, PLA, HCPCS and CDT shapes', () => {
    for (const ok of ['43214', '99213', '0001U', '3008F', '0042T', '0001A', '0001M', '1234a', 'J1100', 'A0425', 'V5008', 'D0120', 'g0008']) {
      assert.ok(isWellFormedProcedureCode(ok), ok);
    }
    for (const bad of ['', '4321', '432144', 'W1234', '1234B', 'J110', 'J11000', '99213-25', 'ABCDE', '0001X']) {
      assert.ok(!isWellFormedProcedureCode(bad), bad);
    }
  });

  it('splits modifiers on any non-alphanumeric separator', () => {
    const text = 'x25, 59:XS-GT  LT|RT/76;77y';
    const runs = alphanumericRuns(text, 1, text.length - 1).map((t) => text.slice(t.start, t.end));
    assert.deepEqual(runs, ['25', '59', 'XS', 'GT', 'LT', 'RT', '76', '77']);
    assert.deepEqual(alphanumericRuns(' , ', 0, 3), []);
  });
});
