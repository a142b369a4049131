// Found by a hospital billing analyst: in a 5010 837I, SV2*360*... (a revenue code that lost its leading zero, 0360)
// passed every check; the guide's map takes any 1-48 characters there, but NUBC revenue codes are
// four digits and payers reject the line. The reader now warns (x12.revenue-code-invalid).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { emptyKnowledge } from '../../server/src/core/rules/knowledge';
import { writeX12 } from './helpers/x12-writer';
import { applyEdits } from '../../server/src/core/edits';
import { fixAllWithGuides, guideFixesFor } from '../../server/src/core/guides/fixes';

const knowledge = emptyKnowledge(true);
const day = { from: 20260310, to: 20260310 };

function findings(revenueCode: string, version: '5010' | '4010' = '5010') {
  const { text } = writeX12([{ id: 'H1', date: day, lines: [{ code: '43214', charge: '100.00', date: day, revenueCode }] }], { kind: 'institutional', lineEnding: '\n', version });
  const found = analyze(text, knowledge).findings.filter((f) => f.rule === 'x12.revenue-code-invalid');
  return found.map((f) => ({ message: f.message, at: text.slice(f.span.start, f.span.end) }));
}

describe('an 837I revenue code is four digits', () => {
  it('360: a warning on SV201 that suggests 0360', () => {
    assert.deepEqual(findings('360'), [{ message: "SV201 (revenue code) should be 4 digits, such as 0450, found '360' (0360, with its leading zero?)", at: '360' }]);
  });

  it('03601 and 036A: a warning without the hint', () => {
    assert.match(findings('03601')[0]!.message, /found '03601'$/);
    assert.match(findings('036A')[0]!.message, /found '036A'$/);
  });

  it('0360: nothing (control)', () => {
    assert.deepEqual(findings('0360'), []);
  });

  it('a 4010 file (the UB-92\'s three digits, as X12\'s own examples write them): nothing', () => {
    assert.deepEqual(findings('360', '4010'), []);
  });
});

// The answer is certain: a quick fix writes the zero back, and fix-all takes it.
describe('the revenue code fix', () => {
  function analysed(revenueCode: string) {
    // A 5010 statement period is an RD8 range (guide-valid, so that the fixed file has no finding at all).
    const statement = { from: 20260310, to: 20260311 };
    const { text } = writeX12([{ id: 'H1', date: statement, lines: [{ code: '43214', charge: '100.00', date: day, revenueCode }] }], { kind: 'institutional', lineEnding: '\n' });
    return { text, analysis: analyze(text, knowledge, undefined, undefined, { guideChecks: 'full' }) };
  }

  it('360: "Write the revenue code as 0360", which leaves no finding; fix-all does the same', () => {
    const { text, analysis } = analysed('360');
    const finding = analysis.findings.find((f) => f.rule === 'x12.revenue-code-invalid')!;
    const fixes = guideFixesFor(text, analysis.doc, finding);
    assert.deepEqual(fixes.map((f) => f.title), ['Write the revenue code as 0360 (with its leading zero)']);
    const fixed = applyEdits(text, fixes[0]!.edits);
    assert.ok(fixed.includes('SV2*0360*'), fixed);
    assert.deepEqual(analyze(fixed, knowledge, undefined, undefined, { guideChecks: 'full' }).findings.map((f) => f.rule), []);
    const all = fixAllWithGuides(text, analysis.doc, analysis.findings);
    assert.ok(all);
    assert.equal(applyEdits(text, all.edits), fixed);
    assert.match(all.title, /write 1 code with its leading zeros right/i);
  });

  it('03601 and 036A: no fix (which code was meant is not certain)', () => {
    for (const code of ['03601', '036A']) {
      const { text, analysis } = analysed(code);
      const finding = analysis.findings.find((f) => f.rule === 'x12.revenue-code-invalid')!;
      assert.deepEqual(guideFixesFor(text, analysis.doc, finding), [], code);
    }
  });
});
