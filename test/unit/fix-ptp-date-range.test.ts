// Found in review (a billing analyst): `fix` removed a whole line billed over a date range (97597 x
// 10, RD8 10/05-10/20, $1000) for an indicator-0 edit with a line of one day in it (11042 on
// 10/14): a PTP edit applies to a date of service, and the services of the other days are bundled
// into nothing. Removing such a line is now offered only as a quick fix that says what it takes
// (not preferred), fix-all and `fix` leave it for a person (split the line), and a line whose days
// the edit all reaches is removed as before.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../server/src/core/analyze';
import { loadKnowledge } from '../../server/src/core/rules';
import { fixAll, fixesFor } from '../../server/src/core/fixes';
import { writeX12 } from './helpers/x12-writer';
import { practitionerPtpText } from './helpers/ncci-tables';

function knowledge() {
  const table = practitionerPtpText(['11042\t97597\t\t20200101\t*\t0\tMisuse of column two code with column one code']);
  return loadKnowledge({ builtinEdits: false, ptpFiles: ['ccipra-v321r0-f1.txt'], descriptorFiles: [], readFile: () => table });
}

function x12(range: { from: number; to: number }): string {
  return writeX12([{ id: 'C1', lines: [{ code: '11042', charge: '150.00', date: { from: 20261014, to: 20261014 } }, { code: '97597', units: '10', charge: '1000.00', date: range }] }]).text;
}

describe('an indicator-0 pair whose column-2 line is billed over more days than the edit reaches', () => {
  it('the removal is offered, not preferred, and says which days it takes', () => {
    const text = x12({ from: 20261005, to: 20261020 });
    const analysis = analyze(text, knowledge());
    const conflict = analysis.findings.find((f) => f.rule === 'ptp.conflict');
    assert.ok(conflict, analysis.findings.map((f) => f.rule).join(', '));
    // The finding says so too: take the code off the day the edit reaches, not the line off the claim.
    assert.match(conflict.message, /no modifier makes the pair payable\. The 97597 line is billed over 10\/05\/2026–10\/20\/2026 and the edit reaches 10\/14\/2026 only: take 97597 off 10\/14\/2026 by splitting the line, rather than remove it, so that the other days stay billed\.$/);
    assert.ok(!conflict.message.includes('Remove the 97597 line'));
    const [removal] = fixesFor(text, analysis.doc, conflict);
    assert.equal(removal?.isPreferred, false);
    assert.match(removal!.title, /bundled into 11042 on 10\/14\/2026 only\), with its other days of 10\/05\/2026–10\/20\/2026$/);
  });

  it('fix-all leaves it for a person, and says why', () => {
    const text = x12({ from: 20261005, to: 20261020 });
    const analysis = analyze(text, knowledge());
    assert.equal(fixAll(text, analysis.doc, analysis.findings), null);
  });

  it('a CSV line over a date range alike', () => {
    const csv = 'Claim ID,Patient ID,From Date,To Date,CPT,Units,Charge\nC1,P1,10/14/2026,10/14/2026,11042,1,150.00\nC1,P1,10/01/2026,10/31/2026,97597,20,2000.00\n';
    const analysis = analyze(csv, knowledge());
    const conflict = analysis.findings.find((f) => f.rule === 'ptp.conflict');
    assert.ok(conflict, analysis.findings.map((f) => f.rule).join(', '));
    assert.equal(fixesFor(csv, analysis.doc, conflict)[0]?.isPreferred, false);
    assert.equal(fixAll(csv, analysis.doc, analysis.findings), null);
  });

  it('a line of the one day, or whose range the column-1 line covers, is removed as before (controls)', () => {
    for (const range of [{ from: 20261014, to: 20261014 }]) {
      const text = x12(range);
      const analysis = analyze(text, knowledge());
      const conflict = analysis.findings.find((f) => f.rule === 'ptp.conflict')!;
      assert.match(conflict.message, /Remove the 97597 line\.$/);
      assert.equal(fixesFor(text, analysis.doc, conflict)[0]?.isPreferred, true);
      assert.ok(fixAll(text, analysis.doc, analysis.findings)?.title.startsWith('Remove 1 service line'));
    }
    const covered = writeX12([{ id: 'C1', lines: [{ code: '11042', charge: '150.00', date: { from: 20261005, to: 20261020 } }, { code: '97597', units: '2', charge: '200.00', date: { from: 20261010, to: 20261012 } }] }]).text;
    const analysis = analyze(covered, knowledge());
    const conflict = analysis.findings.find((f) => f.rule === 'ptp.conflict')!;
    assert.equal(fixesFor(covered, analysis.doc, conflict)[0]?.isPreferred, true);
  });
});
