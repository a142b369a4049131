// Found in review: a claim CSV with two modifier columns (Mod 1, Mod 2), both filled on the
// column-2 row of an indicator-1 pair, was told to "add XE, XS, XP, XU or 59 to the line" with
// nothing said about where: the row has no free modifier cell, and the quick fixes rightly offer
// no modifier there. The finding now says the row's cells are all filled, as an 837 line's four
// positions are said to be; a row with a free cell gets no such note, and a fix that fills it.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { applyEdits } from '../../server/src/core/edits';
import { fixesFor } from '../../server/src/core/fixes';
import { emptyKnowledge, type Knowledge } from '../../server/src/core/rules/knowledge';

function knowledge(): Knowledge {
  const k = emptyKnowledge(false);
  k.tables.practitioner.add({ columnOne: '43235', columnTwo: '43200', preexisting: false, effective: 20200101, deletion: null, modifierIndicator: '1', rationale: 'Misuse of column two code with column one code' }, 'synthetic');
  return k;
}

function csv(mod1: string, mod2: string): string {
  return ['Claim ID,Patient ID,DOS,CPT,Mod 1,Mod 2,Units,Charge', 'A1,P1,10/15/2026,43235,,,1,900.00', `A1,P1,10/15/2026,43200,${mod1},${mod2},1,400.00`, ''].join('\n');
}

describe('a CSV row whose modifier cells are all filled', () => {
  test('the finding says so, and no fix adds a modifier', () => {
    const k = knowledge();
    const text = csv('26', 'GA');
    const analysis = analyze(text, k);
    const [finding, ...more] = analysis.findings.filter((f) => f.rule.startsWith('ptp.'));
    assert.deepEqual(more, []);
    assert.equal(finding!.rule, 'ptp.modifier-required');
    assert.match(finding!.message, /The 43200 row's modifier cells are all filled: a modifier can go there only in place of one of them/);
    const titles = fixesFor(text, analysis.doc, finding!).map((f) => f.title);
    assert.ok(titles.length > 0 && titles.every((t) => !t.startsWith('Add modifier')), JSON.stringify(titles));
  });

  test('a row with a free cell: no such note, and the fix writes the modifier into that cell (control)', () => {
    const k = knowledge();
    const text = csv('26', '');
    const analysis = analyze(text, k);
    const [finding] = analysis.findings.filter((f) => f.rule.startsWith('ptp.'));
    assert.doesNotMatch(finding!.message, /modifier cells are all filled/);
    const add = fixesFor(text, analysis.doc, finding!).find((f) => f.title.startsWith('Add modifier XE'));
    assert.ok(add);
    assert.match(applyEdits(text, add.edits), /A1,P1,10\/15\/2026,43200,26,XE,1,400\.00/);
  });

  test('an empty-cell word (NULL) is a free cell too', () => {
    const [finding] = analyze(csv('26', 'NULL'), knowledge()).findings.filter((f) => f.rule.startsWith('ptp.'));
    assert.doesNotMatch(finding!.message, /modifier cells are all filled/);
  });
});
