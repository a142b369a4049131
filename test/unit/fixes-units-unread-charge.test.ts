// A units fix lowers a line's charge with its units (the charge per unit kept). On a line whose
// charge is written but cannot be read (an X12 SV102 of 600,00), the charge could not be lowered:
// the units are then not lowered either (the X12 twin of the CSV decimal-comma case found in
// review); removing the line is still offered.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { fixAll, fixesFor } from '../../server/src/core/fixes';
import { emptyKnowledge, type Knowledge } from '../../server/src/core/rules/knowledge';
import { emptyMueTables } from '../../server/src/core/rules/mue';
import { writeX12 } from './helpers/x12-writer';

const DAY = { from: 20260310, to: 20260310 };

function knowledge(mai: 1 | 2): Knowledge {
  const tables = emptyMueTables();
  tables.practitioner.add({ code: '97110', value: 4, mai, rationale: 'Clinical: Data', source: 'mue.csv', kind: 'practitioner' });
  return { ...emptyKnowledge(false), mue: tables };
}

for (const mai of [1, 2] as const) {
  describe(`MAI ${mai}: 6 units of 97110 (MUE 4) on a line whose charge cannot be read`, () => {
    const { text } = writeX12([{ id: 'A', lines: [{ code: '97110', units: '6', charge: '600.00', date: DAY }] }], { lineEnding: '\n' });
    const unread = text.replace(/(SV1\*HC:97110\*)600\.00/, '$1600,00');
    assert.notEqual(unread, text);

    it('the same line with a readable charge is offered the units fix (the case the guard is about)', () => {
      const analysis = analyze(text, knowledge(mai));
      const finding = analysis.findings.find((f) => f.rule === 'mue.exceeded');
      assert.ok(finding);
      assert.ok(fixesFor(text, analysis.doc, finding).some((f) => /units/i.test(f.title)));
    });

    it('is offered no units fix, nor one in fix-all', () => {
      const analysis = analyze(unread, knowledge(mai));
      const finding = analysis.findings.find((f) => f.rule === 'mue.exceeded');
      assert.ok(finding, analysis.findings.map((f) => f.rule).join(', '));
      assert.deepEqual(fixesFor(unread, analysis.doc, finding).filter((f) => /units/i.test(f.title)).map((f) => f.title), []);
      const all = fixAll(unread, analysis.doc, analysis.findings);
      assert.ok(all === null || !all.findings.includes(finding), 'fix-all does not lower its units');
    });
  });
}
