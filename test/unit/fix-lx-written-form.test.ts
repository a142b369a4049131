// Review (fixmod): removing a bundled service line renumbers "the later LX segments of the claim"
// (fixes.ts header). editLines (fixes.ts, the `line.lineNumberSpan` block in the loop over the
// claim's lines) compares every kept line's LX01 with String(n) and rewrites each one that differs,
// before the removed line as well as after it. A claim whose LX01 are written with a leading zero
// ("01", "02", "03": read as lines 1, 2, 3 without any finding) gets its earlier, untouched LX
// segments rewritten by a fix that only removes its last line.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { applyEdits } from '../../server/src/core/edits';
import { fixesFor } from '../../server/src/core/fixes';
import { emptyKnowledge } from '../../server/src/core/rules/knowledge';
import { writeX12 } from './helpers/x12-writer';

const knowledge = emptyKnowledge(true);
const DAY = { from: 20260310, to: 20260310 };

describe('removing the last line keeps the LX of the lines before it as written', () => {
  it('LX*01 and LX*02 stay when line 03 (43200, bundled into 43214) is removed', () => {
    const written = writeX12([{ id: 'A', lines: [
      { code: '43214', charge: '100.00', date: DAY },
      { code: '99213', charge: '20.00', date: DAY },
      { code: '43200', charge: '10.00', date: DAY },
    ] }], { lineEnding: '\n' }).text;
    const text = written.replace('LX*1~', 'LX*01~').replace('LX*2~', 'LX*02~').replace('LX*3~', 'LX*03~');
    const analysis = analyze(text, knowledge);
    assert.deepEqual(analysis.findings.map((f) => f.rule), ['ptp.conflict']);
    const [removal] = fixesFor(text, analysis.doc, analysis.findings[0]!);
    assert.ok(removal);
    const fixed = applyEdits(text, removal.edits);
    const lx = fixed.split('\n').filter((segment) => segment.startsWith('LX*'));
    assert.deepEqual(lx, ['LX*01~', 'LX*02~']);
  });
});
