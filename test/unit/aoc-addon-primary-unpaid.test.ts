// Found in review: CMS pays a Type 1 add-on code only when one of its listed primaries "is also
// eligible for payment to the same practitioner for the same patient on the same date". Some listed
// primaries are add-on codes themselves (a spine add-on for each further interspace lists the
// first-interspace add-on among its primaries). The add-on check (checkAddOns.ts) took any line of
// a listed code as a paid primary unless a PTP edit bundled it: a listed primary that is a Type 1
// add-on billed without its own primary (so not paid; Claimlint reports it as an error) still
// counted. The add-on that depended on it got no finding, and fix-all removed the unpaid add-on,
// which left a new Type 1 error in the file it wrote. Now an add-on primary counts only with a
// paid primary of its own, and add-ons that are each other's only primaries count for neither.
// Synthetic AOC rows in CMS's spreadsheet layout (the shape of CMS's 22632/22634/22633 rows).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { applyEdits } from '../../server/src/core/edits';
import { fixAll } from '../../server/src/core/fixes';
import { loadKnowledge } from '../../server/src/core/rules/knowledge';
import { writeX12 } from './helpers/x12-writer';

const DAY = { from: 20260310, to: 20260310 };

const AOC = [
  'Add-On Code\tAOC Del Dt (Julian)\tPrimary Code\tPrimary Code Del Dt (Julian)\tAOC Edit Type\tAOC Edit Eff Dt (Julian)\tAOC Edit Del Dt (Julian)\tSpecial Instruction Notes',
  // 22634 is paid only with 22633.
  '22634\t\t22633\t\t1\t2020001\t\t',
  // 22632 is paid only with 22630, 22633 or 22634.
  '22632\t\t22630\t\t1\t2020001\t\t',
  '22632\t\t22633\t\t1\t2020001\t\t',
  '22632\t\t22634\t\t1\t2020001\t\t',
  // Two synthetic add-ons that list only each other.
  '0001T\t\t0002T\t\t1\t2020001\t\t',
  '0002T\t\t0001T\t\t1\t2020001\t\t',
  '',
].join('\r\n');

const knowledge = loadKnowledge({ builtinEdits: false, ptpFiles: [], addOnCodeFiles: ['aoc.txt'], descriptorFiles: [], readFile: () => AOC });

// One claim: an E/M visit, 22634 without 22633, and 22632 whose only listed primary billed is 22634.
const { text } = writeX12([{ id: 'C1', lines: ['99213', '22634', '22632'].map((code) => ({ code, charge: '10.00', date: DAY })) }], { lineEnding: '\n' });

function aocErrors(t: string): string[] {
  return analyze(t, knowledge)
    .findings.filter((f) => f.rule === 'aoc.primary-missing' && f.severity === 'error')
    .map((f) => f.codes![0]!);
}

describe('an add-on whose only primary billed is an add-on without its own primary', () => {
  test('is reported: that primary is not paid', () => {
    assert.deepEqual(knowledge.problems, []);
    assert.deepEqual(aocErrors(text), ['22634', '22632']);
  });

  test('fix-all leaves no Type 1 add-on error behind', () => {
    const analysis = analyze(text, knowledge);
    const fix = fixAll(text, analysis.doc, analysis.findings);
    assert.ok(fix !== null);
    const fixed = applyEdits(text, fix.edits);
    assert.deepEqual(aocErrors(fixed), [], `the fixed file's lines: ${(fixed.match(/HC:\w+/g) ?? []).join(', ')}`);
  });

  test('with 22633 billed, 22634 is paid and so is 22632', () => {
    const { text: paid } = writeX12([{ id: 'C1', lines: ['22633', '22634', '22632'].map((code) => ({ code, charge: '10.00', date: DAY })) }], { lineEnding: '\n' });
    assert.deepEqual(aocErrors(paid), []);
  });

  test('add-ons that are each other\'s only primaries are both reported, and the message says why', () => {
    const { text: cycle } = writeX12([{ id: 'C1', lines: ['99213', '0001T', '0002T'].map((code) => ({ code, charge: '10.00', date: DAY })) }], { lineEnding: '\n' });
    assert.deepEqual(aocErrors(cycle), ['0001T', '0002T']);
    const message = analyze(cycle, knowledge).findings.find((f) => f.rule === 'aoc.primary-missing')!.message;
    assert.match(message, /its primary 0002T is itself an add-on code without a paid primary of its own, so it is not paid/);
  });
});
