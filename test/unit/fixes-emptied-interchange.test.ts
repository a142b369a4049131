// Found in review: removing every claim of one interchange (its only claim's only line bundled
// into a claim of another interchange of the file) kept that interchange's last transaction set,
// its envelope and its billing provider loop, without a claim: the fixed file then had
// guide.loop-missing. The interchange now goes whole (ISA to IEA) while the file keeps another.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { applyEdits } from '../../server/src/core/edits';
import { fixAll, fixesFor } from '../../server/src/core/fixes';
import { emptyKnowledge } from '../../server/src/core/rules/knowledge';
import { writeX12 } from './helpers/x12-writer';

const knowledge = emptyKnowledge(true);
const full = (text: string) => analyze(text, knowledge, undefined, undefined, { guideChecks: 'full' });
const day = { from: 20260310, to: 20260310 };

/** Claim 1 (43214) in the first interchange, claim 2 (43200, bundled into it) alone in the second. */
function twoInterchanges(): string {
  return writeX12(
    [
      { id: 'C1', lines: [{ code: '43214', charge: '100.00', date: day }] },
      { id: 'C2', lines: [{ code: '43200', charge: '50.00', date: day }] },
    ],
    { interchanges: 2, lineEnding: '\n' },
  ).text;
}

describe('removing the only claim of an interchange', () => {
  it('the file as written has two interchanges and the one conflict', () => {
    const text = twoInterchanges();
    assert.equal(text.match(/^ISA\*/gm)?.length, 2);
    assert.deepEqual(full(text).findings.map((f) => f.rule), ['ptp.conflict']);
  });

  for (const [name, fixOf] of [
    ['the quick fix', (text: string) => {
      const analysis = full(text);
      return fixesFor(text, analysis.doc, analysis.findings.find((f) => f.rule === 'ptp.conflict')!).find((f) => f.title.startsWith('Remove'))!;
    }],
    ['fix-all', (text: string) => {
      const analysis = full(text);
      return fixAll(text, analysis.doc, analysis.findings)!;
    }],
  ] as const) {
    it(`${name} removes that interchange whole and leaves a file without findings`, () => {
      const text = twoInterchanges();
      const fix = fixOf(text);
      assert.ok(fix);
      const fixed = applyEdits(text, fix.edits);
      assert.equal(fixed.match(/^ISA\*/gm)?.length, 1);
      assert.deepEqual(fixed.match(/HC:\d+/g), ['HC:43214']);
      assert.deepEqual(full(fixed).findings.map((f) => `${f.rule}: ${f.message}`), []);
    });
  }
});
