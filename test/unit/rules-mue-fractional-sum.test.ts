// Found in review: MUE MAI 2/3 sum the units of a day. The NCCI reference (README, How lines are paired): "MAI 2: units summed
// per date of service, an absolute policy limit; MAI 3: summed per date". An 837 quantity may be a
// decimal (SV1-04 / SV2-05, e.g. drug units on an 837I revenue line). checkUnits.ts rounds each
// single-day line up to a whole unit before summing (unitsPerDay: Math.ceil), so two 0.5-unit lines
// (1 unit that day) are reported as "2 units" over an MUE of 1. Rounding up belongs to a line over
// a date range (README: "a date range counts its units per day, rounded up"), not to one day.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { emptyKnowledge, type Knowledge } from '../../server/src/core/rules/knowledge';
import { emptyMueTables } from '../../server/src/core/rules/mue';
import { writeX12 } from './helpers/x12-writer';

const DAY = { from: 20260310, to: 20260310 };

function knowledge(value: number, mai: 1 | 2 | 3): Knowledge {
  const tables = emptyMueTables();
  for (const kind of ['practitioner', 'hospital'] as const) tables[kind].add({ code: 'J1100', value, mai, rationale: 'Clinical: Data', source: 'mue.csv', kind });
  return { ...emptyKnowledge(false), mue: tables };
}

function mueFindings(units: string[], k: Knowledge, kind: 'professional' | 'institutional') {
  const { text } = writeX12(
    [{ id: 'A', date: kind === 'institutional' ? DAY : null, lines: units.map((u) => ({ code: 'J1100', units: u, charge: '10.00', date: DAY, revenueCode: '0636' })) }],
    { kind },
  );
  return analyze(text, k).findings.filter((f) => f.rule.startsWith('mue.'));
}

describe('MAI 2/3 sum fractional units as written', () => {
  it('837I: 0.5 + 0.5 units on one day is 1 unit, within an MUE of 1 (MAI 2)', () => {
    assert.deepEqual(mueFindings(['0.5', '0.5'], knowledge(1, 2), 'institutional').map((f) => f.message), []);
  });

  it('837P: 0.5 + 0.5 + 1 units on one day is 2 units, within an MUE of 2 (MAI 3)', () => {
    assert.deepEqual(mueFindings(['0.5', '0.5', '1'], knowledge(2, 3), 'professional').map((f) => f.message), []);
  });

  it('over the value is still reported (control): 1.5 + 1 is over 2', () => {
    assert.equal(mueFindings(['1.5', '1'], knowledge(2, 2), 'professional').length, 1);
  });
});
