// Found by a user: after `fix` removed a bundled row, the export's totals row still said
// "Total,,,,,,2150" though the lines left charged 1500. A totals row that sums the lines of its
// section (since the previous totals row) or every line above it now loses what those lines lost,
// written as it was; one that sums neither is left alone. Quick fixes and fix-all share the edits
// (fixesEdits.ts, fixesTotalsRows.ts). Synthetic data only.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { applyEdits } from '../../server/src/core/edits';
import { fixAll } from '../../server/src/core/fixesAll';
import { fixesFor } from '../../server/src/core/fixes';
import { emptyKnowledge, loadKnowledge } from '../../server/src/core/rules/knowledge';
import { practitionerMueCsv } from './helpers/ncci-tables';

// The built-in 43214 set: 43200 (and 43235) are bundled into 43214 with indicator 0.
const knowledge = emptyKnowledge(true);

function fixedAll(text: string): string {
  const analysis = analyze(text, knowledge);
  const fix = fixAll(text, analysis.doc, analysis.findings);
  assert.ok(fix, 'fix-all is offered');
  return applyEdits(text, fix.edits);
}

describe('a fix keeps the totals rows of a CSV export right', () => {
  it('one Total row under the lines: lowered by the removed line\'s charge, written as it was', () => {
    const text = 'Claim ID,Patient ID,DOS,CPT Code,Units,Charge\nX1,P1,2026-10-15,43214,1,1500\nX1,P1,2026-10-15,43200,1,650\nTotal,,,,,2150\n';
    assert.equal(fixedAll(text), 'Claim ID,Patient ID,DOS,CPT Code,Units,Charge\nX1,P1,2026-10-15,43214,1,1500\nTotal,,,,,1500\n');
  });

  it('subtotals per claim and a grand total: each loses what its lines lost; a row that sums neither is left alone', () => {
    const text = [
      'Claim ID,Patient ID,DOS,CPT Code,Units,Charge',
      'X1,P1,2026-10-15,43214,1,"$1,500.00"',
      'X1,P1,2026-10-15,43200,1,$400.00',
      'X1,P1,2026-10-15,76000,1,$250.00',
      'Subtotal X1,,,,,"$2,150.00"',
      'X2,P2,2026-10-16,99213,1,$90.00',
      'Subtotal X2,,,,,$90.00',
      'Grand Total,,,,,"$2,240.00"',
      'Total (adjustments),,,,,$5.00',
      '',
    ].join('\n');
    const fixed = fixedAll(text);
    // 43200 and 76000 are both bundled into 43214 (the built-in set): both go.
    assert.match(fixed, /\nSubtotal X1,,,,,"\$1,500\.00"\n/);
    assert.match(fixed, /\nSubtotal X2,,,,,\$90\.00\n/);
    assert.match(fixed, /\nGrand Total,,,,,"\$1,590\.00"\n/);
    assert.match(fixed, /\nTotal \(adjustments\),,,,,\$5\.00\n/);
    assert.doesNotMatch(fixed, /43200|76000/);
  });

  it('the quick fix that removes one line does the same', () => {
    const text = 'Claim ID,Patient ID,DOS,CPT Code,Units,Charge\nX1,P1,2026-10-15,43214,1,1500.00\nX1,P1,2026-10-15,43200,1,650.00\nTotal,,,,,2150.00\n';
    const analysis = analyze(text, knowledge);
    const finding = analysis.findings.find((f) => f.rule === 'ptp.conflict')!;
    const removal = fixesFor(text, analysis.doc, finding).find((fix) => fix.title.startsWith('Remove'))!;
    assert.equal(applyEdits(text, removal.edits), 'Claim ID,Patient ID,DOS,CPT Code,Units,Charge\nX1,P1,2026-10-15,43214,1,1500.00\nTotal,,,,,1500.00\n');
  });

  it('a totals row that does not sum the lines above it is left as it is (control)', () => {
    const text = 'Claim ID,Patient ID,DOS,CPT Code,Units,Charge\nX1,P1,2026-10-15,43214,1,1500\nX1,P1,2026-10-15,43200,1,650\nTotal,,,,,9999\n';
    assert.match(fixedAll(text), /\nTotal,,,,,9999\n$/);
  });
});

describe('units lowered to an MAI 2 MUE lower the totals by the charge taken off', () => {
  it('a Total row under the lines', () => {
    const mue = practitionerMueCsv(['36415,1,2,Policy']);
    const withMue = loadKnowledge({ builtinEdits: false, ptpFiles: [], descriptorFiles: [], mueFiles: ['MCR_MUE_PractitionerServices.csv'], readFile: () => mue });
    const text = 'Claim ID,Patient ID,DOS,CPT Code,Units,Charge\nX1,P1,2026-10-15,99213,1,90.00\nX1,P1,2026-10-15,36415,3,30.00\nTotal,,,,,120.00\n';
    const analysis = analyze(text, withMue);
    const fix = fixAll(text, analysis.doc, analysis.findings);
    assert.ok(fix, 'fix-all lowers the units');
    assert.equal(applyEdits(text, fix.edits), 'Claim ID,Patient ID,DOS,CPT Code,Units,Charge\nX1,P1,2026-10-15,99213,1,90.00\nX1,P1,2026-10-15,36415,1,10.00\nTotal,,,,,100.00\n');
  });
});

describe('a totals row that sums the units follows them too', () => {
  const mue = practitionerMueCsv(['36415,1,2,Policy']);
  const withMue = loadKnowledge({ builtinEdits: false, ptpFiles: [], descriptorFiles: [], mueFiles: ['MCR_MUE_PractitionerServices.csv'], readFile: () => mue });

  it('units lowered to an MAI 2 MUE: the units total loses what the line lost, the charge total too', () => {
    const text = 'Claim ID,Patient ID,DOS,CPT Code,Units,Charge\nX1,P1,2026-10-15,99213,1,90.00\nX1,P1,2026-10-15,36415,3,30.00\nTotal,,,,4,120.00\n';
    const analysis = analyze(text, withMue);
    const fix = fixAll(text, analysis.doc, analysis.findings);
    assert.ok(fix, 'fix-all lowers the units');
    assert.equal(applyEdits(text, fix.edits), 'Claim ID,Patient ID,DOS,CPT Code,Units,Charge\nX1,P1,2026-10-15,99213,1,90.00\nX1,P1,2026-10-15,36415,1,10.00\nTotal,,,,2,100.00\n');
  });

  it("a removed line takes its units off the section's total and the grand total; one that sums neither is left", () => {
    const text = [
      'Claim ID,Patient ID,DOS,CPT Code,Units,Charge',
      'X1,P1,2026-10-15,43214,1,1500',
      'X1,P1,2026-10-15,43200,2,650',
      'Subtotal,,,,3,2150',
      'X2,P2,2026-10-16,99213,1.5,90',
      'Subtotal,,,,1.5,90',
      'Grand Total,,,,4.5,2240',
      'Total (visits),,,,7,',
      '',
    ].join('\n');
    const fixed = fixedAll(text);
    assert.doesNotMatch(fixed, /43200/);
    assert.match(fixed, /\nSubtotal,,,,1,1500\nX2/);
    assert.match(fixed, /\nSubtotal,,,,1\.5,90\n/);
    assert.match(fixed, /\nGrand Total,,,,2\.5,1590\n/);
    assert.match(fixed, /\nTotal \(visits\),,,,7,\n$/);
  });

  it('a units total written with decimals keeps them (found in review: 12.0 became 9)', () => {
    const text = 'Claim ID,Patient ID,DOS,CPT Code,Units,Charge\nX1,P1,2026-10-15,43214,1,1500\nX1,P1,2026-10-15,43200,2,650\nTotal,,,,3.0,2150\n';
    assert.match(fixedAll(text), /\nTotal,,,,1\.0,1500\n$/);
  });

  it('a units total written with a decimal comma keeps it', () => {
    const text = 'Claim ID;Patient ID;DOS;CPT Code;Units;Charge\nX1;P1;2026-10-15;43214;1;1500\nX1;P1;2026-10-15;43200;2;650\nX1;P1;2026-10-15;99213;0,5;45\nTotal;;;;3,5;2195\n';
    assert.match(fixedAll(text), /\nTotal;;;;1,5;1545\n$/);
  });
});

describe('an export with a subtotal under every claim', () => {
  it('3,000 claims: every subtotal and the grand total follow', () => {
    const rows = ['Claim ID,Patient ID,DOS,CPT Code,Units,Charge'];
    const claims = 3000;
    for (let c = 0; c < claims; c++) {
      rows.push(`X${c},P${c},2026-10-15,43214,1,1500`, `X${c},P${c},2026-10-15,43200,1,650`, `Subtotal X${c},,,,,2150`);
    }
    rows.push(`Grand Total,,,,,${2150 * claims}`, '');
    const fixed = fixedAll(rows.join('\n'));
    assert.equal(fixed.match(/^Subtotal X\d+,,,,,1500$/gm)?.length, claims);
    assert.match(fixed, new RegExp(`\\nGrand Total,,,,,${1500 * claims}\\n$`));
  });
});
