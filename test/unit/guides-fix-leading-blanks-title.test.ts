// The title of the fix for guide.segment-leading-blanks names a lone segment as the finding's
// message does (guides/shown.ts shownSegmentId): an id quoted, anything else described. It put
// the id as read into the title, and what starts with blanks may be a stray line of free text
// that the tokenizer reads as one segment, its whole line the "id": claim contents in the title.
// (The editor's side: test/protocol/leading-blanks-fix-title-claim-contents.test.ts.)
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { guideFixesFor } from '../../server/src/core/guides/fixes';
import { emptyKnowledge } from '../../server/src/core/rules/knowledge';
import { writeX12 } from './helpers/x12-writer';

const day = { from: 20260310, to: 20260310 };
const clean = writeX12([{ id: 'C1', lines: [{ code: '99213', charge: '100.00', date: day }] }], { lineEnding: '\n' }).text;

function trimTitle(text: string): string {
  const analysis = analyze(text, emptyKnowledge(true), undefined, undefined, { guideChecks: 'full' });
  const finding = analysis.findings.find((f) => f.rule === 'guide.segment-leading-blanks');
  assert.ok(finding, 'the finding is reported');
  const [fix] = guideFixesFor(text, analysis.doc, finding);
  assert.ok(fix, 'a fix is offered');
  return fix.title;
}

describe('the title of the fix for blanks before a segment', () => {
  test('a segment id is quoted', () => {
    assert.equal(trimTitle(clean.replace('~\nLX*1~', '~\n  LX*1~')), "Remove the blanks before segment 'LX'");
  });

  test('a line of free text is described, not quoted', () => {
    const title = trimTitle(clean.replace('~\nLX*1~', '~\nLX*1~\n  ROE RICHARD MBR 987654321~'));
    assert.equal(title, 'Remove the blanks before a segment with an id that is not letters and digits');
  });
});
