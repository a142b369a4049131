// The add-on code check and PTP edits (checkAddOns.ts, conflictColumnOneOf in checkPtp.ts): a
// primary that an indicator-0 edit bundles into another line of the same provider and day is
// denied, so it does not count; an indicator-1 pair's primary (a modifier may make it payable),
// another provider's column-1 line, or another day's, leave it counting. Synthetic AOC rows over
// the built-in 43214 edits and the fuzz table's indicator-1 edit 20610/20605.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { applyEdits } from '../../server/src/core/edits';
import { fixAll } from '../../server/src/core/fixes';
import { AocTable, type AocRow } from '../../server/src/core/rules/aoc';
import type { Knowledge } from '../../server/src/core/rules/knowledge';
import { fuzzKnowledge } from '../fuzz/generators';
import { writeX12, type WriterClaim, type WriterLine } from './helpers/x12-writer';

const DAY = { from: 20260310, to: 20260310 };

function knowledgeWith(rows: Partial<AocRow>[]): Knowledge {
  const aoc = new AocTable();
  for (const row of rows) {
    aoc.add({ addOn: '', primary: null, type: 1, addOnEffective: 20110101, addOnDeletion: null, primaryEffective: 20110101, primaryDeletion: null, notes: '', source: 'aoc.txt', ...row });
  }
  return { ...fuzzKnowledge(), aoc };
}

const k = knowledgeWith([
  { addOn: '43283', primary: '43197', type: 1 },
  { addOn: '43283', primary: '43198', type: 1 },
  { addOn: '20606', primary: '20605', type: 1 },
  { addOn: '43499', primary: '43200', type: 3 },
  { addOn: '99292', primary: null, type: 2 },
]);

function line(code: string, more: Partial<WriterLine> = {}): WriterLine {
  return { code, charge: '100.00', date: DAY, ...more };
}

function aocFindings(claims: WriterClaim[]): { severity: string; message: string }[] {
  const { text } = writeX12(claims, { lineEnding: '\n' });
  return analyze(text, k)
    .findings.filter((f) => f.rule === 'aoc.primary-missing')
    .map((f) => ({ severity: f.severity, message: f.message }));
}

describe('add-on codes whose primary a PTP edit bundles', () => {
  it('Type 1: an indicator-0 bundled primary does not count, on another claim too; another primary that is paid does', () => {
    const found = aocFindings([{ id: 'A', lines: [line('43197'), line('43283')] }, { id: 'B', lines: [line('43214')] }]);
    assert.deepEqual(found.map((f) => f.severity), ['error']);
    assert.match(found[0]!.message, /its primary 43197 is bundled into 43214 \(NCCI PTP edit\), so it is not paid/);
    // 43198 is bundled too; both named primaries bundled: still reported.
    assert.equal(aocFindings([{ id: 'A', lines: [line('43214'), line('43197'), line('43198'), line('43283')] }]).length, 1);
    // A listed primary that is not bundled counts.
    const unrelated = knowledgeWith([{ addOn: '43283', primary: '43197', type: 1 }, { addOn: '43283', primary: '99213', type: 1 }]);
    const { text } = writeX12([{ id: 'A', lines: [line('43214'), line('43197'), line('99213'), line('43283')] }], { lineEnding: '\n' });
    assert.deepEqual(analyze(text, unrelated).findings.filter((f) => f.rule.startsWith('aoc.')), []);
  });

  it('the column-1 line of another provider, another day, or a modifier on an indicator-0 pair', () => {
    const other = { extraSegments: [['NM1', '82', '1', 'SMITH', 'ANN', '', '', '', 'XX', '1111111112'] as const] };
    assert.deepEqual(aocFindings([{ id: 'A', lines: [line('43214', other), line('43197'), line('43283')] }]), [], 'another rendering provider');
    assert.deepEqual(aocFindings([{ id: 'A', lines: [line('43214', { date: { from: 20260311, to: 20260311 } }), line('43197'), line('43283')] }]), [], 'another day');
    assert.equal(aocFindings([{ id: 'A', lines: [line('43214'), line('43197', { modifiers: ['59'] }), line('43283')] }]).length, 1, 'indicator 0: no modifier helps');
  });

  it('an indicator-1 pair keeps counting the primary, with or without a modifier', () => {
    assert.deepEqual(aocFindings([{ id: 'A', lines: [line('20610'), line('20605'), line('20606')] }]), []);
    assert.deepEqual(aocFindings([{ id: 'A', lines: [line('20610'), line('20605', { modifiers: ['XS'] }), line('20606')] }]), []);
  });

  it('Type 3 and Type 2 say so as information', () => {
    const three = aocFindings([{ id: 'A', lines: [line('43214'), line('43200'), line('43499')] }]);
    assert.deepEqual(three.map((f) => f.severity), ['information']);
    assert.match(three[0]!.message, /its primary 43200 is bundled into 43214/);
    const two = aocFindings([{ id: 'A', lines: [line('43214', { date: { from: 20260309, to: 20260310 } }), line('76000', { date: { from: 20260310, to: 20260311 } }), line('99292', { date: { from: 20260311, to: 20260311 } })] }]);
    assert.deepEqual(two.map((f) => f.severity), ['information'], 'the only procedure beside 99292 is 76000, bundled into 43214');
    assert.match(two[0]!.message, /76000 is bundled into 43214/);
  });

  it('fix-all removes the add-on with its bundled primary and leaves no add-on error', () => {
    const { text } = writeX12([{ id: 'A', lines: [line('43214'), line('43197'), line('43283'), line('20610'), line('20605'), line('20606')] }], { lineEnding: '\n' });
    const analysis = analyze(text, k);
    const all = fixAll(text, analysis.doc, analysis.findings)!;
    const fixed = applyEdits(text, all.edits);
    assert.doesNotMatch(fixed, /HC:43197\*|HC:43283\*/);
    assert.match(fixed, /HC:20606\*/, 'the add-on of an indicator-1 primary stays');
    assert.deepEqual(analyze(fixed, k).findings.filter((f) => f.rule.startsWith('aoc.') && f.severity === 'error'), []);
  });
});
