// No fix removes the last line of a replacement or void claim (fixesRemoval.ts takesAwayReplacement):
// without it the claim it replaces is in force again, whether in the file or with the payer. The
// guard looked at 837 claims only; a CSV claim now carries a frequency too (csv/claimFrequency.ts:
// a frequency column, or a type of bill's last digit), and a CSV claim whose rows are all removed
// is gone as an 837 claim is. The quick fix and fix-all removed a replacement's only row. They
// leave it now, and still remove the rows of an original. Synthetic rows; the built-in 43214 set
// (43214/43197 is an indicator-0 pair).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { applyEdits } from '../../server/src/core/edits';
import { fixAll, fixesFor } from '../../server/src/core/fixes';
import { emptyKnowledge } from '../../server/src/core/rules/knowledge';

const knowledge = emptyKnowledge(true);
const csv = (header: string, rows: string[]) => [header, ...rows, ''].join('\n');

/** The ptp findings' quick fix titles, and fix-all's title (null: none). */
function fixesOf(text: string): { quick: string[]; all: string | null } {
  const analysis = analyze(text, knowledge);
  const ptp = analysis.findings.filter((f) => f.rule.startsWith('ptp.'));
  assert.ok(ptp.length > 0, `a PTP finding: ${analysis.findings.map((f) => f.rule).join(', ')}`);
  return { quick: ptp.flatMap((f) => fixesFor(text, analysis.doc, f).map((fix) => fix.title)), all: fixAll(text, analysis.doc, analysis.findings)?.title ?? null };
}

describe('a CSV replacement or void claim whose only row a fix would remove', () => {
  test('a replacement by its frequency column: no quick fix, no fix-all', () => {
    const text = csv('Claim ID,Patient ID,Claim Frequency,Date of Service,CPT,Charge', [
      'A1,M1,1,2026-03-10,43214,100.00',
      'B1,M1,1,2026-03-10,43197,100.00',
      // B1 replaced: still 43197, still bundled into 43214 on claim A1 (the original B1 is superseded).
      'B1,M1,7,2026-03-10,43197,100.00',
    ]);
    assert.deepEqual(fixesOf(text), { quick: [], all: null });
  });

  test('a replacement by its type of bill (0137)', () => {
    const text = csv('Claim ID,Patient ID,Bill Type,Date of Service,CPT,Charge', [
      'A1,M1,0131,2026-03-10,43214,100.00',
      'B1,M1,0131,2026-03-10,43197,100.00',
      'B1,M1,0137,2026-03-10,43197,100.00',
    ]);
    assert.deepEqual(fixesOf(text), { quick: [], all: null });
  });

  test('fix-all removes the original\'s row and leaves the replacement\'s, and says so', () => {
    const text = csv('Claim ID,Patient ID,Claim Frequency,Date of Service,CPT,Charge', [
      'A1,M1,1,2026-03-10,43214,100.00',
      'A1,M1,1,2026-03-10,43197,100.00',
      'B1,M1,7,2026-03-10,43197,100.00',
    ]);
    const analysis = analyze(text, knowledge);
    const fix = fixAll(text, analysis.doc, analysis.findings);
    assert.ok(fix);
    assert.match(fix.title, /^Remove 1 service line \(1 finding is left for a person: fixing it would remove a whole replacement or void claim/);
    assert.equal(applyEdits(text, fix.edits), csv('Claim ID,Patient ID,Claim Frequency,Date of Service,CPT,Charge', ['A1,M1,1,2026-03-10,43214,100.00', 'B1,M1,7,2026-03-10,43197,100.00']));
  });

  test('a replacement keeps a row when another stays: that row may go', () => {
    const text = csv('Claim ID,Patient ID,Claim Frequency,Date of Service,CPT,Charge', [
      'B1,M1,7,2026-03-10,43214,100.00',
      'B1,M1,7,2026-03-10,43197,100.00',
    ]);
    const { quick, all } = fixesOf(text);
    assert.deepEqual(quick, ['Remove line 3 (43197, bundled into 43214)']);
    assert.equal(all, 'Remove 1 service line');
  });
});
