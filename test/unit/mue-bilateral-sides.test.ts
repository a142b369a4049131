// Found in review (a billing analyst): 64483-RT and 64483-LT on the same day (MUE 1, MAI 2) were
// "fixed" by removing the LT line (and with it its claim). A bilateral procedure is billed as one
// line with modifier 50 (Medicare Claims Processing Manual, ch. 12), which pays both sides: removing
// one gives up the other side's payment. Such a day's units are now left for a person: no units fix,
// the removal is offered but not preferred, and fix-all leaves it. Lines of one side, or of no side,
// are lowered as before.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { fixAll, fixesFor } from '../../server/src/core/fixes';
import { emptyKnowledge, type Knowledge } from '../../server/src/core/rules/knowledge';
import { emptyMueTables } from '../../server/src/core/rules/mue';
import { writeX12 } from './helpers/x12-writer';

const DAY = { from: 20261014, to: 20261014 };

function knowledge(): Knowledge {
  const tables = emptyMueTables();
  tables.practitioner.add({ code: '64483', value: 1, mai: 2, rationale: 'Anatomic Consideration', source: 'mue.csv', kind: 'practitioner' });
  return { ...emptyKnowledge(false), mue: tables };
}

function analysed(modifiers: [string[], string[]]) {
  const { text } = writeX12([
    { id: 'A', lines: [{ code: '64483', modifiers: modifiers[0], charge: '300.00', date: DAY }] },
    { id: 'B', lines: [{ code: '64483', modifiers: modifiers[1], charge: '300.00', date: DAY }] },
  ]);
  const analysis = analyze(text, knowledge());
  const finding = analysis.findings.find((f) => f.rule === 'mue.exceeded');
  assert.ok(finding, analysis.findings.map((f) => f.rule).join(', '));
  return { text, analysis, finding };
}

describe('MAI 2 over the MUE with the two sides (LT, RT) on lines of their own', () => {
  it('no units fix, the removal not preferred, fix-all leaves it', () => {
    const { text, analysis, finding } = analysed([['RT'], ['LT']]);
    const fixes = fixesFor(text, analysis.doc, finding);
    assert.ok(!fixes.some((f) => f.title.startsWith('Lower the units') || f.title.startsWith('Set the units')), fixes.map((f) => f.title).join(' | '));
    assert.ok(fixes.every((f) => !f.isPreferred), fixes.map((f) => `${f.title}: ${f.isPreferred}`).join(' | '));
    assert.equal(fixAll(text, analysis.doc, analysis.findings), null);
  });

  it('two lines of one side, or of none, are lowered as before (controls)', () => {
    for (const modifiers of [[['RT'], ['RT']], [[], []]] as [string[], string[]][]) {
      const { text, analysis, finding } = analysed(modifiers);
      assert.ok(fixesFor(text, analysis.doc, finding).some((f) => f.isPreferred), JSON.stringify(modifiers));
      assert.ok(fixAll(text, analysis.doc, analysis.findings) !== null, JSON.stringify(modifiers));
    }
  });
});
