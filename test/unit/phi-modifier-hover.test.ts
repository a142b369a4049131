// Hover, health information: a modifier that holds claim contents (a member id, a birth date, a
// name or an SSN typed or shifted into SV101-3 or a CSV Modifiers cell) was once quoted whole in
// its hover (valueHovers.ts modifierHover: `**Modifier ${modifier}** — not in Claimlint's modifier
// table.` for any value). A modifier hover now quotes an unknown value only when it is shaped
// like a modifier (two letters or digits) and describes anything else, as codeHover describes a
// procedure code that does not read as one (README "Health information"). Synthetic values only.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { hoverAt } from '../../server/src/core/hover/hover';
import { loadKnowledge } from '../../server/src/core/rules/knowledge';
import { writeX12 } from './helpers/x12-writer';

const knowledge = loadKnowledge({ builtinEdits: true, ptpFiles: [], descriptorFiles: [], readFile: () => '' });
const day = { from: 20260310, to: 20260310 };
const FORBIDDEN = ['QUIXOTE', 'ZELDA', '918273645', '19610423', 'WALLABY', '987-65-4329', '65-4329', '987654329'];
const leaks = (text: string) => FORBIDDEN.filter((s) => text.includes(s));

describe('a modifier holding claim contents is not quoted in its hover', () => {
  for (const value of ['918273645', '19610423', 'QUIXOTE ZELDA', '987-65-4329']) {
    it(`837P SV101-3 ${JSON.stringify(value)}`, () => {
      const { text } = writeX12([{ id: 'C1', date: day, lines: [{ code: '43214', charge: '100.00', date: day }, { code: '43200', modifiers: [value], charge: '40.00', date: day }] }], { lineEnding: '\n' });
      const at = text.indexOf(`:${value}*`) + 1;
      assert.ok(at > 0, 'planted in SV101-3');
      const analysis = analyze(text, knowledge, undefined, undefined, { guideChecks: 'full' });
      const hover = hoverAt(analysis, at + 1, knowledge);
      assert.ok(hover, 'a hover on the modifier');
      assert.deepEqual(leaks(hover.markdown), [], `the hover quotes the value:\n${hover.markdown}`);
    });
  }

  // A CSV cell's words are each read as a modifier ("DOE, JANE" gives DOE and JANE), each of
  // which reads as a code; member ids and birth dates (6 or more digits) never do.
  for (const value of ['918273645', '19610423', '987654329']) {
    it(`CSV Modifiers cell ${value}`, () => {
      const text = ['Claim ID,Patient ID,Date of Service,CPT/HCPCS,Modifiers,Units,Charge', 'C1,P1,2026-03-10,43214,,1,100.00', `C1,P1,2026-03-10,43200,${value},1,40.00`, ''].join('\n');
      const analysis = analyze(text, knowledge);
      assert.equal(analysis.doc.format, 'csv');
      const at = text.indexOf(value) + 2;
      const hover = hoverAt(analysis, at, knowledge);
      assert.ok(hover, 'a hover on the modifier cell');
      assert.deepEqual(leaks(hover.markdown), [], `the hover quotes the value:\n${hover.markdown}`);
    });
  }
});
