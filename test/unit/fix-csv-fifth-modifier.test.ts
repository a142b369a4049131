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

/**
 * The modifier fixes offered for the full 29877 line. Its LT also brings the other side's fix for
 * the 29881 line (which has room): a modifier on the other line, not a fifth on this one.
 */
function modifierFixTitles(text: string): string[] {
  const analysis = analyze(text, knowledge);
  const findings = analysis.findings.filter((f) => f.rule === 'ptp.modifier-required');
  assert.equal(findings.length, 1, 'one indicator-1 finding on 29877');
  const titles = fixesFor(text, analysis.doc, findings[0]!).map((fix) => fix.title).filter((title) => title.startsWith('Add modifier'));
  assert.deepEqual(titles.filter((title) => !/ to 29877 /.test(title)), ['Add modifier RT to 29881 (the right side: 29877 is on the left)']);
  return titles.filter((title) => / to 29877 /.test(title));
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
