// Found in review: an add-on code's primary that an indicator-0 PTP edit bundles into another line
// did not count (checkAddOns.ts), so the Type 1 add-on got an error and fix-all removed it
// (fixes.ts fixAll). But fix-all removes only the PTP column-2 lines that a line that stays
// bundles (bundledLinesToRemove): when the line the primary is bundled into is itself removed by
// the same fix-all (it is bundled in turn, or it is a Type 1 add-on without its own primary), the
// primary stays and is paid, yet its add-on was gone: a billable add-on line lost (the same in
// `claimlint fix`). Now the add-on check takes a primary as denied only while the line it is
// bundled into is paid itself (checkAddOns.ts Payments), as fix-all decides which lines stay.
// Synthetic PTP and AOC rows (not CMS's real pairings: only the shape matters).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { applyEdits } from '../../server/src/core/edits';
import { fixAll } from '../../server/src/core/fixes';
import { loadKnowledge, type Knowledge } from '../../server/src/core/rules/knowledge';
import { practitionerPtpText } from './helpers/ncci-tables';
import { writeX12 } from './helpers/x12-writer';

const DAY = { from: 20260310, to: 20260310 };

/** The AOC table in the layout of CMS's spreadsheet (Julian dates, blank for no deletion). */
function aocTable(rows: readonly string[]): string {
  return [
    'Add-On Code\tAOC Del Dt (Julian)\tPrimary Code\tPrimary Code Del Dt (Julian)\tAOC Edit Type\tAOC Edit Eff Dt (Julian)\tAOC Edit Del Dt (Julian)\tSpecial Instruction Notes',
    ...rows,
    '',
  ].join('\r\n');
}

function knowledge(ptpRows: readonly string[], aocRows: readonly string[]): Knowledge {
  const files: Record<string, string> = { 'ptp.txt': practitionerPtpText(ptpRows), 'aoc.txt': aocTable(aocRows) };
  const k = loadKnowledge({ builtinEdits: false, ptpFiles: ['ptp.txt'], addOnCodeFiles: ['aoc.txt'], descriptorFiles: [], readFile: (path: string) => files[path]! });
  assert.deepEqual(k.problems, []);
  return k;
}

function fixedCodes(codes: readonly string[], k: Knowledge): { before: string[]; after: string[]; afterFindings: string[] } {
  const { text } = writeX12([{ id: 'C1', lines: codes.map((code) => ({ code, charge: '10.00', date: DAY })) }], { lineEnding: '\n' });
  const analysis = analyze(text, k);
  const fix = fixAll(text, analysis.doc, analysis.findings);
  assert.ok(fix !== null, 'fix-all has something to do');
  const fixed = applyEdits(text, fix.edits);
  return {
    before: analysis.findings.map((f) => `${f.rule} ${f.codes?.[0] ?? ''}`),
    after: (fixed.match(/HC:\w+/g) ?? []).map((c) => c.slice(3)),
    afterFindings: analyze(fixed, k).findings.map((f) => f.rule),
  };
}

describe('fix-all and an add-on whose bundled primary fix-all keeps', () => {
  test('a chain (20610 bundles 20605, 20605 bundles the primary 20600): 20605 goes, 20600 stays, and so must its add-on 20611', () => {
    const k = knowledge(['20610\t20605\t\t20200101\t*\t0\tSynthetic', '20605\t20600\t\t20200101\t*\t0\tSynthetic'], ['20611\t\t20600\t\t1\t2020001\t\t']);
    const result = fixedCodes(['20610', '20605', '20600', '20611'], k);
    // As the PTP chain test holds: only the middle line goes; 20600 conflicts with nothing once it is gone.
    assert.ok(result.after.includes('20600'), `the primary stays: ${result.after.join(', ')}`);
    assert.deepEqual(result.afterFindings, [], 'the file fix-all writes has no finding');
    assert.deepEqual(result.after, ['20610', '20600', '20611'], 'the add-on of a primary that stays, and is paid, is not removed');
  });

  test('the primary is bundled into a Type 1 add-on that fix-all removes for want of its own primary: the primary stays, and so must its add-on', () => {
    // 20605 is a Type 1 add-on of 20610 (not billed) and bundles 20600, the primary of add-on 20611.
    const k = knowledge(['20605\t20600\t\t20200101\t*\t0\tSynthetic'], ['20611\t\t20600\t\t1\t2020001\t\t', '20605\t\t20610\t\t1\t2020001\t\t']);
    const result = fixedCodes(['20605', '20600', '20611'], k);
    assert.ok(result.after.includes('20600'), `the primary stays: ${result.after.join(', ')}`);
    assert.deepEqual(result.after, ['20600', '20611'], 'the add-on of a primary that stays, and is paid, is not removed');
  });
});
