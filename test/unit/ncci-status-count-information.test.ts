// Found in review: what the VS Code status bar counts (ConflictCountNotification.ncciFindings, scheduling.ts and
// diskCheck.ts): the README says it counts the NCCI edits a file hits, "errors and warnings", and
// shows them with an error icon ("$(error) 1 NCCI edit hit"). An add-on code of AOC edit type 2 or
// 3 without a listed primary is reported as Information (the payer may accept another primary:
// "Check that the primary procedure is billed"), like ptp.other-rendering-provider, which the
// status bar rightly leaves out. It must not be counted as an edit the file hits either.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { AocTable, type AocRow } from '../../server/src/core/rules/aoc';
import { emptyKnowledge, type Knowledge } from '../../server/src/core/rules/knowledge';
import { isNcciEditFinding } from '../../server/src/core/rules/ncciFindings';
import { writeX12 } from './helpers/x12-writer';

const DAY = { from: 20260310, to: 20260310 };

function knowledgeWith(rows: Partial<AocRow>[]): Knowledge {
  const addOns = new AocTable();
  for (const row of rows) {
    addOns.add({ addOn: '11045', primary: '11042', type: 1, addOnEffective: 20110101, addOnDeletion: null, primaryEffective: 20110101, primaryDeletion: null, notes: '', source: 'aoc.txt', ...row });
  }
  return { ...emptyKnowledge(false), aoc: addOns };
}

/** The findings of a one-line claim of `code`, and what the status bar would show for it. */
function statusOf(code: string, knowledge: Knowledge): { aoc: [string, string][]; counted: number } {
  const { text } = writeX12([{ id: 'A', lines: [{ code, units: '1', charge: '100.00', date: DAY }] }], { lineEnding: '\n' });
  const { findings } = analyze(text, knowledge);
  return {
    aoc: findings.filter((f) => f.rule.startsWith('aoc.')).map((f) => [f.rule, f.severity]),
    counted: findings.filter(isNcciEditFinding).length,
  };
}

describe('status bar count of add-on code findings', () => {
  test('a type 1 add-on without its primary is an error and is counted', () => {
    const status = statusOf('11045', knowledgeWith([{ addOn: '11045', primary: '11042', type: 1 }]));
    assert.deepEqual(status.aoc, [['aoc.primary-missing', 'error']]);
    assert.equal(status.counted, 1);
  });

  test('a type 2 add-on alone is Information, not an NCCI edit the file hits', () => {
    const status = statusOf('99292', knowledgeWith([{ addOn: '99292', primary: null, type: 2 }]));
    assert.deepEqual(status.aoc, [['aoc.primary-missing', 'information']], 'the finding is there, as Information');
    assert.equal(status.counted, 0, 'the status bar counts errors and warnings only: it would say "$(error) 1 NCCI edit hit" for an Information finding');
  });

  test('a type 3 add-on without a listed primary is Information, not counted', () => {
    const status = statusOf('22552', knowledgeWith([{ addOn: '22552', primary: '22551', type: 3 }]));
    assert.deepEqual(status.aoc, [['aoc.primary-missing', 'information']]);
    assert.equal(status.counted, 0);
  });
});
