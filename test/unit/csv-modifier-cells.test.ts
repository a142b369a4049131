// A claim CSV's modifier cells are checked on every row: a run of letters and digits that is not
// two long is not a modifier (csv.modifier-invalid, on the run), more than four modifiers on a row
// cannot all be sent (on the fifth), and an export's word for none (NULL, N/A) is an empty cell:
// no finding, no modifier, and a modifier fix writes over it.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { parseCsv } from '../../server/src/core/csv/index';
import { addModifierEdit } from '../../server/src/core/fixes';
import { applyEdits } from '../../server/src/core/edits';
import { emptyKnowledge } from '../../server/src/core/rules/knowledge';

const RULE = 'csv.modifier-invalid';

function modifierFindings(text: string): { message: string; at: string }[] {
  return parseCsv(text)
    .findings.filter((f) => f.rule === RULE)
    .map((f) => ({ message: f.message, at: text.slice(f.span.start, f.span.end) }));
}

const mods = (text: string): string[][] => parseCsv(text).claims.flatMap((c) => c.lines.map((l) => l.modifiers.map((m) => m.value)));

describe('CSV modifier cells', () => {
  it('says nothing of two-character modifiers in one column or in numbered ones, in any case', () => {
    assert.deepEqual(modifierFindings('Claim ID,CPT,Modifiers,DOS\nC1,43239,"59, lt",2026-03-10\nC1,43200,XS:RT,2026-03-10\n'), []);
    assert.deepEqual(modifierFindings('Claim ID,CPT,Modifier 1,Modifier 2,DOS\nC1,43239,59,LT,2026-03-10\nC1,43200,,,2026-03-10\n'), []);
  });

  it('reports a run that is not two long, on the run, naming line and column but not the value', () => {
    const text = 'Claim ID,CPT,Modifiers,DOS\nC1,43239,591,2026-03-10\nC1,43200,"25, 5",2026-03-10\n';
    assert.deepEqual(modifierFindings(text), [
      { message: 'Line 2: column "Modifiers" holds 3 letters or digits together where a modifier has two (25, 59, XS, LT).', at: '591' },
      { message: 'Line 3: column "Modifiers" holds a single letter or digit where a modifier has two (25, 59, XS, LT).', at: '5' },
    ]);
  });

  it('reports one bad run per cell, in each numbered column', () => {
    const text = 'Claim ID,CPT,Modifier 1,Modifier 2,DOS\nC1,43239,ABC DEF,7,2026-03-10\n';
    assert.deepEqual(
      modifierFindings(text).map((f) => f.at),
      ['ABC', '7'],
    );
  });

  it('reports a fifth modifier on a row, counting those written into the code cell', () => {
    const five = modifierFindings('Claim ID,CPT,Modifier 1,Modifier 2,DOS\nC1,29877,26 LT 76,77 XS,2026-03-10\n');
    assert.equal(five.length, 1);
    assert.equal(five[0]!.at, 'XS');
    assert.match(five[0]!.message, /^Line 2: the row has 5 modifiers; a claim line takes at most 4/);
    const inCode = modifierFindings('Claim ID,CPT,Modifiers,DOS\nC1,29877-26-LT-76,77 XS,2026-03-10\n');
    assert.deepEqual(
      inCode.map((f) => f.at),
      ['XS'],
    );
    assert.deepEqual(modifierFindings('Claim ID,CPT,Modifiers,DOS\nC1,29877-26-LT-76,77,2026-03-10\n'), []);
  });

  it('takes NULL, None, N/A and #N/A for an empty cell: no finding and no modifier', () => {
    const text = 'Claim ID,CPT,Modifier 1,Modifier 2,DOS\nC1,43239,NULL,n/a,2026-03-10\nC1,43200,None,#N/A,2026-03-10\n';
    assert.deepEqual(modifierFindings(text), []);
    assert.deepEqual(mods(text), [[], []]);
  });

  it('checks rows whose line is not kept as well (the code takes part in no edit)', () => {
    // 99999 is in no built-in edit: the row is still a line, and its modifier cell is still read.
    const text = 'Claim ID,Patient,CPT,Modifiers,DOS\nC1,P1,99999,5,2026-03-10\n';
    const analysis = analyze(text, emptyKnowledge(true));
    assert.deepEqual(
      analysis.findings.filter((f) => f.rule === RULE).map((f) => text.slice(f.span.start, f.span.end)),
      ['5'],
    );
  });

  it('a modifier fix writes over NULL rather than beside it, in one column or in numbered ones', () => {
    const one = 'Claim ID,Patient,CPT,Modifiers,DOS,Charge\nC1,P1,76000,NULL,2026-03-10,50.00\n';
    assert.equal(withModifier(one, '59'), 'Claim ID,Patient,CPT,Modifiers,DOS,Charge\nC1,P1,76000,59,2026-03-10,50.00\n');
    const numbered = 'Claim ID,Patient,CPT,Modifier 1,Modifier 2,DOS,Charge\nC1,P1,76000,LT,"N/A",2026-03-10,50.00\n';
    assert.equal(withModifier(numbered, 'XS'), 'Claim ID,Patient,CPT,Modifier 1,Modifier 2,DOS,Charge\nC1,P1,76000,LT,"XS",2026-03-10,50.00\n');
  });
});

/** The text with `modifier` added to its only line by the modifier fix's edit. */
function withModifier(text: string, modifier: string): string {
  const line = parseCsv(text).claims[0]!.lines[0]!;
  const edit = addModifierEdit(text, line, modifier);
  assert.ok(edit !== null, 'a modifier position is free');
  return applyEdits(text, [edit]);
}
