// Review (fixmod): a claim line carries at most four modifiers (837 SV101-3..6; a CSV export's
// modifier columns map onto those four). addModifierEdit's 'csv-columns' branch (fixes.ts) only
// looks for an empty numbered modifier column: it never counts the modifiers the row already has,
// so a row whose four modifiers sit in fewer columns ("26 LT 76 77" in Modifier 1, or
// "29877-26-LT-76-77" in the code cell) is offered "Add modifier XE", which writes a fifth
// modifier the claim cannot carry. The single-column branch ('csv-cell') has the same hole: it
// returns "put the modifier in the empty cell" before its `line.modifiers.length >= 4` check, so
// four modifiers in the code cell and an empty Modifiers column also get a fifth.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { fixesFor } from '../../server/src/core/fixes';
import { loadKnowledge } from '../../server/src/core/rules/knowledge';
import { practitionerPtpText } from './helpers/ncci-tables';

const TABLE = practitionerPtpText(['29881\t29877\t\t20200101\t*\t1\tMutually exclusive procedures']);
const knowledge = loadKnowledge({ builtinEdits: false, ptpFiles: ['ccipra-v321r0-f1.txt'], descriptorFiles: [], readFile: () => TABLE });

function modifierFixTitles(text: string): string[] {
  const analysis = analyze(text, knowledge);
  const findings = analysis.findings.filter((f) => f.rule === 'ptp.modifier-required');
  assert.equal(findings.length, 1, 'one indicator-1 finding on 29877');
  return fixesFor(text, analysis.doc, findings[0]!).map((fix) => fix.title).filter((title) => title.startsWith('Add modifier'));
}

describe('a fifth modifier is never added (CSV modifier columns)', () => {
  it('Modifier 1 holding four modifiers, Modifier 2 empty: no modifier fix', () => {
    const text = 'Claim ID,Patient,CPT,Modifier 1,Modifier 2,DOS,Charge\nC1,P1,29881,,,2026-03-10,100\nC1,P1,29877,26 LT 76 77,,2026-03-10,50\n';
    assert.deepEqual(modifierFixTitles(text), []);
  });

  it('four modifiers written in the code cell, Modifier 1 empty: no modifier fix', () => {
    const text = 'Claim ID,Patient,CPT,Modifier 1,DOS,Charge\nC1,P1,29881,,2026-03-10,100\nC1,P1,29877-26-LT-76-77,,2026-03-10,50\n';
    assert.deepEqual(modifierFixTitles(text), []);
  });

  it('four modifiers written in the code cell, one Modifiers column empty: no modifier fix', () => {
    const text = 'Claim ID,Patient,CPT,Modifiers,DOS,Charge\nC1,P1,29881,,2026-03-10,100\nC1,P1,29877-26-LT-76-77,,2026-03-10,50\n';
    assert.deepEqual(modifierFixTitles(text), []);
  });
});
