// Found by a user: a surname typed or shifted into the procedure code's place (SV1*HC:GARCIA, a CSV
// CPT cell "Jones", "SMITH1") was quoted in x12.procedure-code-invalid's message (CLI text, JSON,
// the editor's diagnostics) and in the code hover ("**GARCIA** — no descriptor loaded"), which
// also looked its PTP edits up. values.ts readsAsCode took any 1-12 letters and digits for a code;
// a run of four letters (more than any code value has) now makes a value described, not quoted,
// as six digits in a row (a member id) already did. Codes stay quoted. Synthetic values only.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { hoverAt } from '../../server/src/core/hover/hover';
import { emptyKnowledge } from '../../server/src/core/rules/knowledge';
import { readsAsCode } from '../../server/src/core/x12/values';
import { writeX12 } from './helpers/x12-writer';

const knowledge = emptyKnowledge(true);
const day = { from: 20260310, to: 20260310 };

describe('a name where the procedure code goes is described, not quoted', () => {
  it('readsAsCode: codes are, names and ids are not', () => {
    for (const code of ['HC', 'ABK', '4320', '43214X', 'J1234', '207RG0100X', 'LEE']) assert.ok(readsAsCode(code), code);
    for (const value of ['GARCIA', 'SMITH1', 'Jones', 'Mary', '123456789']) assert.ok(!readsAsCode(value), value);
  });

  for (const name of ['GARCIA', 'SMITH1', 'Jones']) {
    it(`837P SV101-2 ${name}: neither the finding nor the hover quotes it`, () => {
      const { text } = writeX12([{ id: 'C1', date: day, lines: [{ code: '43214', charge: '100.00', date: day }, { code: name, charge: '40.00', date: day }] }], { lineEnding: '\n' });
      const analysis = analyze(text, knowledge);
      const finding = analysis.findings.find((f) => f.rule === 'x12.procedure-code-invalid');
      assert.ok(finding, 'the value is reported');
      assert.ok(!finding.message.includes(name), finding.message);
      assert.equal(finding.codes, undefined);
      const hover = hoverAt(analysis, text.indexOf(`:${name}*`) + 2, knowledge);
      assert.ok(hover, 'a hover on the value');
      assert.ok(!hover.markdown.includes(name), hover.markdown);
      assert.match(hover.markdown, /^\*\*A value with 4 or more letters in a row\*\* where the procedure code goes/);
    });
  }

  it('a CSV CPT cell holding a name: the hover describes it too', () => {
    const text = 'Claim ID,Member ID,DOS,CPT Code,Units,Charge\nQ1,M1,10/15/2026,43214,1,100\nQ1,M1,10/15/2026,Jones,1,100\n';
    const analysis = analyze(text, knowledge);
    const hover = hoverAt(analysis, text.indexOf('Jones') + 1, knowledge);
    assert.ok(hover);
    assert.ok(!hover.markdown.includes('Jones'), hover.markdown);
  });
});
