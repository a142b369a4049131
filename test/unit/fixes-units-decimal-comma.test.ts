// A units fix (fixesEdits.ts editLines) wrote the new units with a dot whatever the row wrote: in a
// semicolon export with decimal commas ("2,5" units beside "62,50" charges, csv/amounts.ts) it
// wrote "1.5" beside "37,50". The units are now written in the style of the text they replace, as
// formatAmountLike writes a charge: a comma where the row's units (or, when they are whole, its
// charge) use one. Synthetic rows and an in-memory MUE row (97110, 4 a day, MAI 2).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { applyEdits } from '../../server/src/core/edits';
import { fixAll } from '../../server/src/core/fixes';
import { emptyKnowledge } from '../../server/src/core/rules/knowledge';
import { emptyMueTables } from '../../server/src/core/rules/mue';

function mue97110() {
  const tables = emptyMueTables();
  tables.practitioner.add({ code: '97110', value: 4, mai: 2, rationale: 'Clinical: Data', source: 'mue.csv', kind: 'practitioner' });
  return { ...emptyKnowledge(), mue: tables };
}

const HEADER = 'Claim;Patient;DOS;CPT;Units;Charge';
const file = (rows: string[]) => [HEADER, ...rows.map((row) => `1;P1;2026-03-12;97110;${row}`), ''].join('\n');

/** The file after fix-all. */
function fixed(text: string): string {
  const analysis = analyze(text, mue97110());
  assert.deepEqual(analysis.findings.map((f) => f.rule), ['mue.exceeded']);
  const fix = fixAll(text, analysis.doc, analysis.findings);
  assert.ok(fix);
  return applyEdits(text, fix.edits);
}

describe('units lowered in a file that writes decimal commas', () => {
  it('"2,5" units become "1,5", beside their charge in the same marks', () => {
    assert.equal(fixed(file(['2,5;62,50', '2,5;62,50'])), file(['2,5;62,50', '1,5;37,50']));
  });

  it('whole units beside a decimal-comma charge: the comma too', () => {
    assert.equal(fixed(file(['2,5;62,50', '2;50,00'])), file(['2,5;62,50', '1,5;37,50']));
  });

  it('a row that writes a dot keeps it, in the same file', () => {
    assert.equal(fixed(file(['2,5;62,50', '2.5;62.50'])), file(['2,5;62,50', '1.5;37.50']));
    assert.equal(fixed(file(['2,5;62,50', '2;50.00'])), file(['2,5;62,50', '1.5;37.50']));
  });

  it('what the fix writes is read back as the units it set: no finding is left', () => {
    const text = fixed(file(['2,5;62,50', '2;50,00']));
    const line = analyze(text, mue97110()).doc.claims[0]!.lines[1]!;
    assert.equal(line.units, 1.5);
    assert.equal(line.charge, 37.5);
    assert.deepEqual(analyze(text, mue97110()).findings.map((f) => f.rule), []);
  });
});

// Found in a user review: units written with decimals ("5.50", "2,00") lowered to a whole count
// lost them ("3", "1"): the fix changed how the cell is written, not only its value.
describe('units lowered keep the decimals they were written with', () => {
  it('"2.50" lowered to 1 (3 + 1 = 4 a day) is "1.00", "2,00" is "1,00"', () => {
    assert.equal(fixed(file(['3.00;75.00', '2.50;62.50'])), file(['3.00;75.00', '1.00;25.00']));
    assert.equal(fixed(file(['3,00;75,00', '2,00;50,00'])), file(['3,00;75,00', '1,00;25,00']));
  });

  it('whole units stay whole, and more decimals than three are not written', () => {
    assert.equal(fixed(file(['3;75.00', '2;50.00'])), file(['3;75.00', '1;25.00']));
    assert.equal(fixed(file(['3;75.00', '2.0000;50.00'])), file(['3;75.00', '1;25.00']));
  });
});
