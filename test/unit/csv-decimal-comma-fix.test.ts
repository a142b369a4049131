// Found in review: a semicolon-delimited export with decimal commas ("600,00"): the charge could
// not be read, which was reported, yet fix-all (and `claimlint fix`) still applied the MAI 2 units
// fix, lowering the units and leaving the whole charge: 4 units at 600,00 where 6 units were
// 600,00, a wrong bill. The README promises the units fix keeps the charge per unit right. Such
// amounts are now read in files not delimited by commas (csv/amounts.ts) and written back in
// their own marks, and a units fix is never offered on a row whose charge it cannot read.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { applyEdits } from '../../server/src/core/edits';
import { fixAll, fixesFor } from '../../server/src/core/fixes';
import { parseDecimalCommaAmount, readAmount } from '../../server/src/core/csv/amounts';
import { formatAmountLike } from '../../server/src/core/fixes';
import { emptyKnowledge } from '../../server/src/core/rules/knowledge';
import { emptyMueTables } from '../../server/src/core/rules/mue';

describe('CSV units fix on a row whose charge is written with a decimal comma', () => {
  it('does not lower the units and leave the whole charge', () => {
    const tables = emptyMueTables();
    tables.practitioner.add({ code: '97110', value: 4, mai: 2, rationale: 'Clinical: Data', source: 'mue.csv', kind: 'practitioner' });
    const text = 'Claim;Patient;DOS;CPT;Units;Charge\n1;P1;2026-03-12;97110;6;600,00\n';
    const analysis = analyze(text, { ...emptyKnowledge(), mue: tables });
    assert.ok(analysis.findings.some((f) => f.rule === 'mue.exceeded'));
    const fix = fixAll(text, analysis.doc, analysis.findings);
    const fixed = fix ? applyEdits(text, fix.edits) : text;
    const row = fixed.split('\n')[1]!.split(';');
    // Either the charge follows the units (4 x 100,00), or the units are left for a person.
    if (row[4] !== '6') assert.equal(row[5], '400,00', `fixed row: ${row.join(';')}`);
  });
});

function mue97110() {
  const tables = emptyMueTables();
  tables.practitioner.add({ code: '97110', value: 4, mai: 2, rationale: 'Clinical: Data', source: 'mue.csv', kind: 'practitioner' });
  return { ...emptyKnowledge(), mue: tables };
}

describe('decimal-comma amounts', () => {
  it('are read where the usual reading finds none, in files not delimited by commas', () => {
    const cases: [string, number][] = [['600,00', 600], ['12,5', 12.5], ['1.250,00', 1250], ['$1.250,75', 1250.75], ['(12,50)', -12.5], ['-0,99', -0.99], [',50', 0.5]];
    for (const [text, value] of cases) {
      assert.equal(readAmount(text, true), value, text);
      assert.equal(readAmount(text, false), null, text);
    }
    // The usual forms read as ever: thousands commas, and a dot before the decimals.
    for (const [text, value] of [['1,250.00', 1250], ['1,250', 1250], ['1.5', 1.5], ['$1,250', 1250]] as const) assert.equal(readAmount(text, true), value, text);
    for (const bad of ['1234,567', '1.2345,00', '600,', '600,00 EUR', '1,2,3']) assert.equal(parseDecimalCommaAmount(bad), null, bad);
  });

  it('are written back in their own marks', () => {
    assert.equal(formatAmountLike(40000, '600,00'), '400,00');
    assert.equal(formatAmountLike(183333, '2.750,00'), '1.833,33');
    assert.equal(formatAmountLike(40000, '$600,5'), '$400,0');
    assert.equal(formatAmountLike(40000, '1,250.00'), '400.00');
  });

  it('in a semicolon file: the units fix keeps the charge per unit, thousands dots too, and "1,250.00" is 1250', () => {
    const knowledge = mue97110();
    const cases: [string, string][] = [
      ['2.400,00', '1.600,00'],
      ['1,200.00', '800.00'],
    ];
    for (const [charge, fixedCharge] of cases) {
      const text = `Claim;Patient;DOS;CPT;Units;Charge\n1;P1;2026-03-12;97110;6;${charge}\n`;
      const analysis = analyze(text, knowledge);
      assert.deepEqual(analysis.findings.map((f) => f.rule), ['mue.exceeded']);
      const fix = fixAll(text, analysis.doc, analysis.findings)!;
      assert.equal(applyEdits(text, fix.edits), `Claim;Patient;DOS;CPT;Units;Charge\n1;P1;2026-03-12;97110;4;${fixedCharge}\n`);
    }
  });

  it('a charge still unreadable leaves the units alone: no units fix, the row removal only', () => {
    const text = 'Claim;Patient;DOS;CPT;Units;Charge\n1;P1;2026-03-12;97110;6;600,00 EUR\n';
    const analysis = analyze(text, mue97110());
    assert.deepEqual(analysis.findings.map((f) => f.rule), ['csv.amount-invalid', 'mue.exceeded']);
    assert.match(analysis.findings[0]!.message, /expected e\.g\. 125\.00, 125,00, 1250 or \$1,250\.00/);
    assert.equal(fixAll(text, analysis.doc, analysis.findings), null);
    const quick = fixesFor(text, analysis.doc, analysis.findings[1]!);
    assert.deepEqual(quick.map((f) => f.title), ['Remove line 2 (97110 over its MUE)']);
    assert.equal(quick[0]!.isPreferred, true);
  });

  it('a comma-delimited file does not read a quoted "600,00"', () => {
    const text = 'Claim,Patient,DOS,CPT,Units,Charge\n1,P1,2026-03-12,97110,6,"600,00"\n';
    const analysis = analyze(text, mue97110());
    assert.equal(analysis.doc.claims[0]!.lines[0]!.charge, null);
    assert.equal(fixAll(text, analysis.doc, analysis.findings), null);
  });
});
