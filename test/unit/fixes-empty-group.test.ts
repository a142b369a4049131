// Found in review: removing a claim (its only service line) runs emptiedEnvelopes
// (x12EnvelopeRemoval.ts) over every interchange of the file, and a functional group with no
// transaction set at all counts as "emptied" there ([].every(...) is true). So the removal
// deletes an unrelated GS..GE pair with no set in it (and lowers IEA01), text that has nothing
// to do with the finding the fix is offered for, and which that fix does not say it resolves.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../server/src/core/analyze';
import { applyEdits } from '../../server/src/core/edits';
import { fixesFor } from '../../server/src/core/fixes';
import { fuzzKnowledgeWithUnits } from '../fuzz/generators';
import { writeX12 } from './helpers/x12-writer';

const knowledge = fuzzKnowledgeWithUnits();
const day = { from: 20260310, to: 20260310 };

const GS = 'GS*HC*SENDER01*RECEIVER01*20240115*1200*1*X*005010X222A1~\n';
const EMPTY_GROUP = 'GS*HC*SENDER01*RECEIVER01*20240115*1200*7*X*005010X222A1~\nGE*0*7~\n';

/** `text` with a group without sets before its own (IEA01 counting it), and the removal fix of its MUE finding applied. */
function removedWithEmptyGroup(text: string): string {
  assert.ok(text.includes(GS));
  const withEmptyGroup = text.replace(GS, EMPTY_GROUP + GS).replace('IEA*1*', 'IEA*2*');
  const analysis = analyze(withEmptyGroup, knowledge);
  const mue = analysis.findings.find((f) => f.rule === 'mue.exceeded');
  assert.ok(mue);
  const removal = fixesFor(withEmptyGroup, analysis.doc, mue).find((f) => f.title.startsWith('Remove'));
  assert.ok(removal);
  return applyEdits(withEmptyGroup, removal.edits);
}

describe('removing a claim', () => {
  test('leaves a group it has nothing to do with', () => {
    const { text } = writeX12([
      // 20610: MUE 1, MAI 1 in the synthetic table: its fixes are "set the units" and "remove".
      { id: 'C1', lines: [{ code: '20610', charge: '80.00', units: '3', date: day }] },
      { id: 'C2', subscriberId: 'M2', lines: [{ code: '99213', charge: '10.00', date: day }] },
    ], { lineEnding: '\n' });
    const fixed = removedWithEmptyGroup(text);
    assert.ok(fixed.includes(EMPTY_GROUP), 'the group without sets is still there');
    assert.ok(fixed.includes('IEA*2*'), 'IEA01 still counts it');
    assert.ok(!fixed.includes('CLM*C1*'));
  });

  test('of the only set of a group beside a group without sets: its group stays, the interchange does not keep only the empty one', () => {
    const { text } = writeX12([{ id: 'C1', lines: [{ code: '20610', charge: '80.00', units: '3', date: day }] }], { lineEnding: '\n' });
    const fixed = removedWithEmptyGroup(text);
    assert.ok(!fixed.includes('CLM*C1*'));
    assert.ok(fixed.includes(EMPTY_GROUP) && fixed.includes(GS) && fixed.includes('IEA*2*'), 'both groups stay');
    assert.ok(/\nST\*837\*/.test(fixed), 'the group keeps its set');
  });
});
