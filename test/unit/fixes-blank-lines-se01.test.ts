// Found in review: removing a claim whose only line is bundled (x12Loops.ts removeClaims) lowers
// SE01 by countSegments, which counts the segment terminator characters inside the removed text.
// When the terminator is a line break (newline as terminator, or ISA16 followed by CR and the file
// written with CRLF), a blank line between segments is one more terminator character but no
// segment: the reader skips line breaks between segments (and SE01 as written, which counts
// segments, is right). The fix then lowers SE01 once for every blank line in the removed claim,
// and the file it leaves has x12.se01-count. Removing a line of a claim that keeps others counts
// the reader's segments (ServiceLine.segmentCount) and is right in the same file.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../server/src/core/analyze';
import { applyEdits } from '../../server/src/core/edits';
import { fixAll, fixesFor } from '../../server/src/core/fixes';
import { emptyKnowledge } from '../../server/src/core/rules/knowledge';
import { writeX12 } from './helpers/x12-writer';

const knowledge = emptyKnowledge(true);
const full = (text: string) => analyze(text, knowledge, undefined, undefined, { guideChecks: 'full' });
const day = { from: 20260310, to: 20260310 };

/** Two subscribers' claims: 43200 (claim 2) is bundled into 43214 (claim 1) for the same patient; a third claim of another subscriber stays. */
const claims = [
  { id: 'C1', subscriberId: 'M1', lines: [{ code: '43214', charge: '100.00', date: day }] },
  { id: 'C2', subscriberId: 'M1', lines: [{ code: '43200', charge: '50.00', date: day }] },
  { id: 'C3', subscriberId: 'M3', lines: [{ code: '99213', charge: '30.00', date: day }] },
];

for (const [name, options, lineBreak] of [
  ['newline as the segment terminator', { delimiters: { segment: '\n' } }, '\n'],
  ['CR as the segment terminator, CRLF line ends', { delimiters: { segment: '\r' }, lineEnding: '\n' }, '\r\n'],
] as const) {
  describe(`${name}, a blank line before each claim`, () => {
    // A blank line before every CLM: segments as written are unchanged (SE01 stays right).
    const text = writeX12(claims, options).text.split(`${lineBreak}CLM*`).join(`${lineBreak}${lineBreak}CLM*`);

    test('the file is clean before the fix but for the conflict', () => {
      assert.deepEqual(full(text).findings.map((f) => f.rule), ['ptp.conflict']);
    });

    test('removing claim 2 (its only line) leaves SE01 right', () => {
      const analysis = full(text);
      const finding = analysis.findings.find((f) => f.rule === 'ptp.conflict');
      assert.ok(finding);
      const removal = fixesFor(text, analysis.doc, finding).find((f) => f.title.startsWith('Remove claim 2'));
      assert.ok(removal, 'the removal of claim 2 is offered');
      const fixed = applyEdits(text, removal.edits);
      const after = full(fixed);
      assert.deepEqual(after.doc.claims.map((c) => c.id), ['C1', 'C3']);
      assert.deepEqual(after.findings.map((f) => `${f.rule}: ${f.message}`), []);
    });

    test('fix-all leaves SE01 right too', () => {
      const analysis = full(text);
      const fix = fixAll(text, analysis.doc, analysis.findings);
      assert.ok(fix);
      const after = full(applyEdits(text, fix.edits));
      assert.deepEqual(after.findings.map((f) => `${f.rule}: ${f.message}`), []);
    });
  });
}
