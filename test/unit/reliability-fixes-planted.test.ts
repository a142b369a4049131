// The fix oracle of reliability-fixes.test.ts tests the conflicts analyze() reports, so a conflict
// analyze() missed would never be tested. Here the conflict is known by construction: a 43214
// and a 43200 line (a built-in edit, indicator 0) are planted on one day of one claim of a
// generated 837P or 837I, and the finding, its removal fix and fix-all must all be there.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { runParameters } from '../fuzz/generators';
import { checkPlantedX12Fix, x12PlantedFixCaseArb } from '../fuzz/oracles';

describe('fixes of a conflict planted in a generated 837', () => {
  test('the planted 43200 is reported, its removal gives the writer output without it, fix-all removes it, and every other fix checks out', () => {
    let checkedFixes = 0;
    fc.assert(
      fc.property(x12PlantedFixCaseArb, (planted) => {
        checkedFixes += checkPlantedX12Fix(planted);
      }),
      runParameters(150, 8103),
    );
    assert.ok(checkedFixes >= 150, `only ${checkedFixes} fixes were checked`);
  });
});
