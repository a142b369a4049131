// Found in review: guide.segment-leading-blanks is reported for spaces or tabs between a segment
// terminator and the next segment (guides/pass.ts startsWithBlanks), hasGuideFix says it has a
// fix and the README documents "Remove the blanks before segment X", but trimLeadingBlanks
// (guides/fixes.ts) only looks at segment ids that start with a character <= 32 — the tokenizer
// has already skipped spaces and tabs, so those ids never do. No quick fix is offered, fix-all
// (and `claimlint fix`) leave the finding, and for " \vHL" the fix removes the \v but leaves the
// space, so the finding it is offered for stays.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../server/src/core/analyze';
import { applyEdits } from '../../server/src/core/edits';
import { fixAllWithGuides, guideFixesFor, hasGuideFix } from '../../server/src/core/guides/fixes';
import { emptyKnowledge } from '../../server/src/core/rules/knowledge';
import { writeX12 } from './helpers/x12-writer';

const knowledge = emptyKnowledge(true);
const full = (text: string) => analyze(text, knowledge, undefined, undefined, { guideChecks: 'full' });
const day = { from: 20260310, to: 20260310 };
const clean = (lineEnding: string) => writeX12([{ id: 'C1', lines: [{ code: '99213', charge: '100.00', date: day }] }], { lineEnding }).text;

describe('blanks before a segment', () => {
  for (const [name, lineEnding, blanks] of [
    ['two spaces, CRLF', '\r\n', '  '],
    ['a tab, LF', '\n', '\t'],
    ['two spaces, no line breaks', '', '  '],
    ['a space then a vertical tab, CRLF', '\r\n', ' \u000b'],
  ] as const) {
    test(`${name}: the quick fix removes them and the finding goes`, () => {
      const good = clean(lineEnding);
      const text = good.replace(`~${lineEnding}HL*1*`, `~${lineEnding}${blanks}HL*1*`);
      assert.notEqual(text, good);
      const analysis = full(text);
      const finding = analysis.findings.find((f) => f.rule === 'guide.segment-leading-blanks');
      assert.ok(finding, 'the finding is reported');
      assert.equal(hasGuideFix(analysis.doc, finding), true);
      const fixes = guideFixesFor(text, analysis.doc, finding);
      assert.equal(fixes.length, 1, 'a fix is offered for it');
      const fixed = applyEdits(text, fixes[0]!.edits);
      assert.equal(fixed, good);
      assert.deepEqual(full(fixed).findings.map((f) => f.rule), []);
    });
  }

  test('fix-all removes spaces before a segment', () => {
    const good = clean('\n');
    const text = good.replace('~\nLX*1~', '~\n    LX*1~');
    const analysis = full(text);
    assert.ok(analysis.findings.some((f) => f.rule === 'guide.segment-leading-blanks'));
    const fix = fixAllWithGuides(text, analysis.doc, analysis.findings);
    assert.ok(fix, 'fix-all has something to do');
    assert.equal(applyEdits(text, fix.edits), good);
  });

  test('a space and a vertical tab before HL: one finding, naming HL (the pass and the validator each reported one)', () => {
    for (const blanks of [' \u000b', '\u000b']) {
      const good = clean('\n');
      const text = good.replace('~\nHL*1*', `~\n${blanks}HL*1*`);
      assert.notEqual(text, good);
      const found = full(text).findings.filter((f) => f.rule === 'guide.segment-leading-blanks');
      assert.equal(found.length, 1, JSON.stringify(blanks));
      assert.equal(found[0]!.message, "Segment 'HL' starts with blanks.");
    }
  });
});
