// Found in review: completion at the start of a segment in an 837 whose segment terminator is a
// line break (ISA16 followed by LF or CR, no `~`). core/completion.ts segmentStart skips line
// breaks backwards as blanks before it looks for the terminator, so with a line-break
// terminator it skips the terminator itself, lands on the last character of the segment before,
// and offers nothing; the same file with `~` (plus a line break) gets the segments the guide
// allows. Synthetic data only.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../server/src/core/analyze';
import { completionsAt } from '../../server/src/core/completion';
import { loadKnowledge } from '../../server/src/core/rules/knowledge';
import { writeX12 } from './helpers/x12-writer';

const knowledge = loadKnowledge({ builtinEdits: true, ptpFiles: [], descriptorFiles: [], readFile: () => '' });
const DAY = { from: 20260310, to: 20260310 };
const claims = [{ id: 'C1', lines: [{ code: '43214', charge: '100.00', date: DAY }] }];

/** Labels offered at the start of the segment after the service line's SV1 (its DTP*472). */
function atSegmentAfterSv1(text: string): string[] {
  const analysis = analyze(text, knowledge, undefined, undefined, { guideChecks: 'full' });
  const dtp = text.indexOf('DTP*472');
  assert.ok(dtp > 0);
  return completionsAt(analysis, dtp).map((entry) => entry.label);
}

test('with `~` and a line break: the segments the guide allows after SV1 are offered (the reference)', () => {
  const { text } = writeX12(claims, { lineEnding: '\n' });
  const labels = atSegmentAfterSv1(text);
  assert.ok(labels.includes('DTP*472'), labels.join(' '));
});

for (const [name, segment] of [
  ['LF', '\n'],
  ['CR', '\r'],
] as const) {
  test(`with ${name} as the segment terminator: the same segments are offered at the start of a segment`, () => {
    const { text } = writeX12(claims, { delimiters: { segment } });
    assert.equal(text.includes('~'), false);
    // The file reads cleanly: the terminator is taken from the ISA.
    assert.deepEqual(analyze(text, knowledge, undefined, undefined, { guideChecks: 'full' }).findings.map((f) => f.rule), []);
    const labels = atSegmentAfterSv1(text);
    assert.ok(labels.includes('DTP*472'), `offered: [${labels.join(' ')}]`);
  });
}
