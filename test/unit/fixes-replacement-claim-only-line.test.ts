// Found in review: a replacement claim (CLM05-3 = 7) supersedes the patient's claim with the same
// CLM01 in the file (supersession.ts), so only the replacement's lines are judged. A fix that
// removed the replacement's only service line removed the whole claim (editLines, fixes.ts:
// "Remove claim 3 and its only service line"): the original it replaced was in force again with
// the same line, the quick fix and fix-all resolved nothing (the finding came back on the
// original), and the user lost the replacement claim.
//
// The review's tests expected the conflict to be "resolved" by that removal. For a coder it is not:
// a replacement takes the place of a claim (in the file, or one the payer already has), so sending
// the batch without it leaves the replaced claim in force, with what it billed. Whether to void
// the claim, or replace it again with other lines, is for a person. So no fix removes the last
// line of a replacement or void claim: no quick fix offers it, fix-all leaves the claim and its
// finding (and says so in its title when it has other work), and the other fixes still apply,
// planned around the line that stays (a line it bundles goes, where a chain would have kept it).
// Synthetic 837P claims; the built-in 43214 set (43214/43197 is an indicator-0 pair) and a
// synthetic Type 1 add-on row.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { applyEdits } from '../../server/src/core/edits';
import { fixAll, fixesFor } from '../../server/src/core/fixes';
import { AocTable } from '../../server/src/core/rules/aoc';
import { emptyKnowledge, loadKnowledge, type Knowledge } from '../../server/src/core/rules/knowledge';
import { practitionerPtpText } from './helpers/ncci-tables';
import { writeX12, type WriterClaim } from './helpers/x12-writer';

const DAY = { from: 20260310, to: 20260310 };
const line = (code: string) => ({ code, charge: '100.00', date: DAY });

function coding(text: string, k: Knowledge): string[] {
  return analyze(text, k)
    .findings.filter((f) => /^(ptp|aoc)\./.test(f.rule))
    .map((f) => `${f.rule} ${f.data?.kind === 'ptp' ? f.data.columnTwo : (f.codes?.[0] ?? '')}`);
}

function withAddOn(): Knowledge {
  const aoc = new AocTable();
  aoc.add({ addOn: '11045', primary: '11042', type: 1, addOnEffective: 20110101, addOnDeletion: null, primaryEffective: null, primaryDeletion: null, notes: '', source: 'aoc.txt' });
  return { ...emptyKnowledge(false), aoc };
}

/** The replacement claim B1 (frequency 7), as it is written in the file. */
const REPLACEMENT = /CLM\*B1\*[^~\n]*:7\*/;

const PTP_CLAIMS: WriterClaim[] = [
  { id: 'A1', lines: [line('43214')] },
  { id: 'B1', lines: [line('43197')] },
  // B1 replaced: still 43197, still bundled into 43214 on claim A1.
  { id: 'B1', frequency: '7', lines: [line('43197')] },
];

const AOC_CLAIMS: WriterClaim[] = [
  { id: 'B1', lines: [line('99213'), line('11045')] },
  // B1 replaced: 11045 still without 11042.
  { id: 'B1', frequency: '7', lines: [line('11045')] },
];

describe('a fix that would remove the only line of a replacement claim', () => {
  test('fix-all leaves the replacement and its indicator-0 conflict for a person', () => {
    const k = emptyKnowledge(true);
    const { text } = writeX12(PTP_CLAIMS, { lineEnding: '\n' });
    assert.deepEqual(coding(text, k), ['ptp.conflict 43197'], 'one conflict, on the replacement (the original is superseded)');
    const analysis = analyze(text, k);
    assert.equal(fixAll(text, analysis.doc, analysis.findings), null, 'nothing fix-all may do: the only removal would take the replacement claim away');
  });

  test('fix-all applies the other fixes, and its title says what it leaves', () => {
    const k = emptyKnowledge(true);
    // A1 also bills 43197 beside 43214: that line may go.
    const claims: WriterClaim[] = [{ id: 'A1', lines: [line('43214'), line('43197')] }, ...PTP_CLAIMS.slice(1)];
    const { text } = writeX12(claims, { lineEnding: '\n' });
    assert.deepEqual(coding(text, k), ['ptp.conflict 43197', 'ptp.conflict 43197']);
    const analysis = analyze(text, k);
    const fix = fixAll(text, analysis.doc, analysis.findings);
    assert.ok(fix !== null);
    assert.equal(fix.title, 'Remove 1 service line (1 finding is left for a person: fixing it would remove a whole replacement or void claim, and bring back the claim it replaces or voids)');
    assert.equal(fix.findings.length, 1, 'only the conflict on claim A1 is resolved');
    const fixed = applyEdits(text, fix.edits);
    assert.match(fixed, REPLACEMENT, 'the replacement claim is still in the file');
    assert.deepEqual(coding(fixed, k), ['ptp.conflict 43197'], 'the replacement\'s conflict, left for a person');
  });

  test('no quick fix removes the replacement\'s only line', () => {
    const k = emptyKnowledge(true);
    const { text } = writeX12(PTP_CLAIMS, { lineEnding: '\n' });
    const analysis = analyze(text, k);
    const finding = analysis.findings.find((f) => f.rule === 'ptp.conflict')!;
    assert.deepEqual(fixesFor(text, analysis.doc, finding), [], 'indicator 0: no modifier helps, and the removal would bring the original back');
  });

  test('a Type 1 add-on on the replacement: no quick fix, and fix-all leaves it', () => {
    const k = withAddOn();
    const { text } = writeX12(AOC_CLAIMS, { lineEnding: '\n' });
    assert.deepEqual(coding(text, k), ['aoc.primary-missing 11045']);
    const analysis = analyze(text, k);
    const finding = analysis.findings.find((f) => f.rule === 'aoc.primary-missing')!;
    assert.deepEqual(fixesFor(text, analysis.doc, finding), []);
    assert.equal(fixAll(text, analysis.doc, analysis.findings), null);
  });

  test('a replacement with another line left: its bundled line is removed as before', () => {
    const k = emptyKnowledge(true);
    const claims: WriterClaim[] = [PTP_CLAIMS[0]!, PTP_CLAIMS[1]!, { id: 'B1', frequency: '7', lines: [line('99213'), line('43197')] }];
    const { text } = writeX12(claims, { lineEnding: '\n' });
    const analysis = analyze(text, k);
    const finding = analysis.findings.find((f) => f.rule === 'ptp.conflict')!;
    const [removal] = fixesFor(text, analysis.doc, finding);
    assert.ok(removal, 'a removal is offered');
    const fixed = applyEdits(text, removal.edits);
    assert.match(fixed, REPLACEMENT);
    assert.deepEqual(coding(fixed, k), []);
    const fix = fixAll(text, analysis.doc, analysis.findings);
    assert.ok(fix !== null);
    assert.deepEqual(coding(applyEdits(text, fix.edits), k), []);
  });

  test('a chain through the replacement\'s only line: that line stays, so the line it bundles goes', () => {
    // Synthetic: 20610 bundles 20605, 20605 bundles 20600 (indicator 0). Without the replacement
    // only the middle line 20605 would go; kept, it still bundles 20600 on claim A1.
    const files: Record<string, string> = { 'ptp.txt': practitionerPtpText(['20610\t20605\t\t20200101\t*\t0\tSynthetic', '20605\t20600\t\t20200101\t*\t0\tSynthetic']) };
    const k = loadKnowledge({ builtinEdits: false, ptpFiles: ['ptp.txt'], addOnCodeFiles: [], descriptorFiles: [], readFile: (path: string) => files[path]! });
    const claims: WriterClaim[] = [
      { id: 'A1', lines: [line('20610'), line('20600')] },
      { id: 'B1', lines: [line('20605')] },
      { id: 'B1', frequency: '7', lines: [line('20605')] },
    ];
    const { text } = writeX12(claims, { lineEnding: '\n' });
    assert.deepEqual(coding(text, k), ['ptp.conflict 20605', 'ptp.conflict 20600']);
    const analysis = analyze(text, k);
    const fix = fixAll(text, analysis.doc, analysis.findings);
    assert.ok(fix !== null);
    assert.deepEqual(fix.removes, [{ claimIndex: 0, lineIndex: 1 }], 'the 20600 line of claim A1');
    const fixed = applyEdits(text, fix.edits);
    assert.match(fixed, REPLACEMENT);
    assert.deepEqual(coding(fixed, k), ['ptp.conflict 20605'], 'the replacement\'s conflict, left for a person');
  });
});
