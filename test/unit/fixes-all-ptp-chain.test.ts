// Found in review: fix-all (fixes.ts fixAll) removes the column-2 line of every indicator-0 PTP
// finding, computed on the file as it is. When findings chain (A bundles B, B bundles C, all on
// one claim and date), removing B already resolves both findings, yet fix-all removes C too: a
// billable service line that no finding holds against once B is gone is lost. The same happens
// in `claimlint fix` (fixAllWithGuides). Synthetic PTP rows (not real NCCI edits).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../server/src/core/analyze';
import { applyEdits } from '../../server/src/core/edits';
import { fixAll } from '../../server/src/core/fixes';
import { loadKnowledge } from '../../server/src/core/rules/knowledge';
import { writeX12 } from './helpers/x12-writer';

const TABLE = [
  'Synthetic PTP table for a review test',
  'Column 1\tColumn 2\t*=in existence prior to 1996\tEffective Date\tDeletion Date\tModifier Indicator\tPTP Edit Rationale',
  '20610\t20605\t\t20200101\t*\t0\tSynthetic',
  '20605\t20600\t\t20200101\t*\t0\tSynthetic',
  '',
].join('\r\n');
const knowledge = loadKnowledge({ builtinEdits: false, ptpFiles: ['chain.txt'], descriptorFiles: [], readFile: () => TABLE });
const day = { from: 20260310, to: 20260310 };

describe('fix-all over a chain of indicator-0 PTP findings', () => {
  test('removes only the middle line: the last one conflicts with nothing once it is gone', () => {
    assert.deepEqual(knowledge.problems, []);
    const { text } = writeX12([{ id: 'C1', lines: [
      { code: '20610', charge: '100.00', date: day },
      { code: '20605', charge: '50.00', date: day },
      { code: '20600', charge: '25.00', date: day },
    ] }], { lineEnding: '\n' });
    const analysis = analyze(text, knowledge);
    assert.deepEqual(analysis.findings.map((f) => f.rule), ['ptp.conflict', 'ptp.conflict']);
    // Removing 20605 alone leaves a file without findings that keeps 20600.
    const keep = writeX12([{ id: 'C1', lines: [
      { code: '20610', charge: '100.00', date: day },
      { code: '20600', charge: '25.00', date: day },
    ] }], { lineEnding: '\n' }).text;
    assert.deepEqual(analyze(keep, knowledge).findings, []);
    const fix = fixAll(text, analysis.doc, analysis.findings);
    assert.ok(fix);
    const fixed = applyEdits(text, fix.edits);
    assert.deepEqual(analyze(fixed, knowledge).doc.claims[0]!.lines.map((l) => l.code), ['20610', '20600']);
    assert.equal(fixed, keep);
  });

  test('three codes that bundle each other in a ring: two go (any two lines left would still conflict), and no finding is left', () => {
    const ring = loadKnowledge({
      builtinEdits: false,
      ptpFiles: ['ring.txt'],
      descriptorFiles: [],
      readFile: () =>
        [...TABLE.split('\r\n').slice(0, 4), '20600\t20610\t\t20200101\t*\t0\tSynthetic', ''].join('\r\n'),
    });
    assert.deepEqual(ring.problems, []);
    const { text } = writeX12([{ id: 'C1', lines: [
      { code: '20610', charge: '100.00', date: day },
      { code: '20605', charge: '50.00', date: day },
      { code: '20600', charge: '25.00', date: day },
    ] }], { lineEnding: '\n' });
    const analysis = analyze(text, ring);
    assert.equal(analysis.findings.filter((f) => f.rule === 'ptp.conflict').length, 3);
    const fix = fixAll(text, analysis.doc, analysis.findings);
    assert.ok(fix);
    const fixed = analyze(applyEdits(text, fix.edits), ring);
    assert.equal(fixed.doc.claims[0]!.lines.length, 1);
    assert.deepEqual(fixed.findings, []);
  });
});
