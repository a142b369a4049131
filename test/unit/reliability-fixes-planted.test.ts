// The fix oracle of reliability-fixes.test.ts tests the findings analyze() reports, so a finding
// analyze() missed would never be tested. Here the findings are known by construction, planted in
// a generated 837 (test/fuzz/x12PlantedFixOracle.ts): a 43214 and a 43200 line (a built-in edit,
// indicator 0) on one day of one claim of an 837P or 837I; and in an 837P, a 20610 over its MAI 1
// limit and two 76000 lines of one patient and day over their MAI 2 limit. The findings, their
// fixes and fix-all must all be there.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { runParameters } from '../fuzz/generators';
import { checkPlantedMueFixes, checkPlantedX12Fix, x12PlantedFixCaseArb, x12PlantedMueCaseArb } from '../fuzz/x12PlantedFixOracle';

describe('fixes of a conflict planted in a generated 837', () => {
  test('the planted 43200 is reported, its removal gives the writer output without it, fix-all removes it, and every other fix checks out', () => {
    let checkedFixes = 0;
    fc.assert(
      fc.property(x12PlantedFixCaseArb, (planted) => {
        checkedFixes += checkPlantedX12Fix(planted).ptp;
      }),
      runParameters(150, 8103),
    );
    assert.ok(checkedFixes >= 150, `only ${checkedFixes} fixes were checked`);
  });
});

describe('fixes of units over their MUE planted in a generated 837P', () => {
  test('the planted 20610 and 76000 pair are reported with their units, setting or lowering the units and removing the line give the writer output, and every other fix checks out', () => {
    let checkedFixes = 0;
    fc.assert(
      fc.property(x12PlantedMueCaseArb, (planted) => {
        checkedFixes += checkPlantedMueFixes(planted).mue;
      }),
      runParameters(100, 8104),
    );
    assert.ok(checkedFixes >= 400, `only ${checkedFixes} MUE fixes were checked`);
  });
});
