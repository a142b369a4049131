// Found in review: an add-on code is paid only with its primary procedure; a primary that an
// indicator-0 PTP edit bundles into another line of the day is denied, and its add-on with it.
// checkAddOns.ts counts any line of a listed primary code as the primary, bundled or not, and
// fixAll (fixes.ts) removes the bundled column-2 line without its add-on: the file it writes has a
// Type 1 `aoc.primary-missing` error the file before it did not have, which "fix all" (and
// `claimlint fix`) should never leave behind.
// Synthetic tables: the built-in indicator-0 edit 43214 / 43197, and a Type 1 add-on row that
// lists 43197 as the only primary of add-on 43283 (not CMS's real pairing: only the shape matters).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { applyEdits } from '../../server/src/core/edits';
import { fixAll } from '../../server/src/core/fixes';
import { AocTable } from '../../server/src/core/rules/aoc';
import { emptyKnowledge, type Knowledge } from '../../server/src/core/rules/knowledge';
import { writeX12 } from './helpers/x12-writer';

const DAY = { from: 20260310, to: 20260310 };

function knowledge(): Knowledge {
  const aoc = new AocTable();
  aoc.add({ addOn: '43283', primary: '43197', type: 1, addOnEffective: 20110101, addOnDeletion: null, primaryEffective: 20110101, primaryDeletion: null, notes: '', source: 'aoc.txt' });
  // Built-in edits on: 43214 bundles 43197, modifier indicator 0.
  return { ...emptyKnowledge(true), aoc };
}

function coding(text: string, k: Knowledge): string[] {
  return analyze(text, k)
    .findings.filter((f) => f.rule.startsWith('ptp.') || f.rule.startsWith('aoc.'))
    .map((f) => `${f.rule} ${f.severity} ${f.codes?.[0] ?? ''}`);
}

describe('add-on code whose only primary is bundled away by an indicator-0 PTP edit', () => {
  it('fix-all does not leave the add-on without its primary', () => {
    const k = knowledge();
    const { text } = writeX12(
      [{ id: 'A', lines: [{ code: '43214', charge: '500.00', date: DAY }, { code: '43197', charge: '200.00', date: DAY }, { code: '43283', charge: '80.00', date: DAY }] }],
      { lineEnding: '\n' },
    );
    const analysis = analyze(text, k);
    assert.ok(analysis.findings.some((f) => f.rule === 'ptp.conflict' && f.data?.kind === 'ptp' && f.data.columnTwo === '43197'), 'the 43214/43197 conflict is found');
    const all = fixAll(text, analysis.doc, analysis.findings);
    assert.ok(all !== null);
    const fixed = applyEdits(text, all.edits);
    assert.doesNotMatch(fixed, /SV1\*HC:43197\*/, 'the bundled 43197 line is removed');
    assert.deepEqual(
      coding(fixed, k).filter((f) => f.startsWith('aoc.primary-missing error')),
      [],
      'no Type 1 add-on error is left by fix-all (43283 goes with its primary, or was reported before)',
    );
  });
});
