// Issue 8, "never lose text": every quick fix and fix-all, on generated 837P/I/D and CSV files
// with PTP conflicts and units over their MUE, is compared with an independent oracle: the same
// test writer asked to write the same claims without the removed lines, with the added modifier,
// or with the units the MUE allows (the charge per unit kept). The writer computes LX numbers,
// CLM02 and SE01 itself, so equality proves the counts, the numbering and the totals, that exactly
// the intended lines went or changed, and that every other byte (delimiters, line endings, BOM,
// blanks after terminators, trailing whitespace) is as it was. The oracles are in
// test/fuzz/x12FixOracle.ts and test/fuzz/csvFixOracle.ts (the long fuzz run uses them too).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { csvScenarioArb, runParameters, type CsvScenario } from '../fuzz/generators';
import { checkCsvFixes } from '../fuzz/csvFixOracle';
import type { CheckedFixes } from '../fuzz/fixChanges';
import { checkX12Fixes, x12FixCaseArb } from '../fuzz/x12FixOracle';

function add(total: CheckedFixes, more: CheckedFixes): void {
  total.ptp += more.ptp;
  total.mue += more.mue;
}

describe('837 fixes change exactly what they should', () => {
  test('every quick fix and fix-all equals the writer output for the edited claims', () => {
    const checked: CheckedFixes = { ptp: 0, mue: 0 };
    fc.assert(
      fc.property(x12FixCaseArb, ({ scenario, blanks }) => add(checked, checkX12Fixes(scenario, blanks))),
      runParameters(250, 8101),
    );
    assert.ok(checked.ptp > 100, `only ${checked.ptp} PTP fixes were generated`);
    assert.ok(checked.mue > 100, `only ${checked.mue} MUE fixes were generated`);
  });
});

describe('CSV fixes change exactly what they should', () => {
  test('removals, units fixes and fix-all equal the writer output for the changed rows; a modifier lands in the row only', () => {
    const checked: CheckedFixes = { ptp: 0, mue: 0 };
    fc.assert(
      fc.property(csvScenarioArb, (scenario) => add(checked, checkCsvFixes(scenario))),
      runParameters(250, 8102),
    );
    assert.ok(checked.ptp > 100, `only ${checked.ptp} PTP fixes were generated`);
    assert.ok(checked.mue > 100, `only ${checked.mue} MUE fixes were generated`);
  });
});

describe('cases the long fuzz run found', () => {
  test('fix-all removing the last three rows of a CSV without a final line break leaves no line break (seed 829390885)', () => {
    const line = (code: string) => ({ code, modifiers: [], date: 20260311, units: 1, charge: 0.01 });
    const scenario: CsvScenario = {
      format: 'csv',
      claims: [{ id: 'C-1', patientId: 'M000001', lines: [line('43214'), line('74360'), line('43200'), line('76000')] }],
      options: { delimiter: ',', lineEnding: '\n', trailingLineBreak: false, bom: false, quote: 'minimal', columns: ['claimId', 'patientId', 'dateOfService', 'procedureCode', 'modifiers', 'units', 'charge'], dateFormat: 'YYYY-MM-DD', chargeFormat: 'plain' },
    };
    assert.ok(checkCsvFixes(scenario).ptp >= 3);
  });
});
