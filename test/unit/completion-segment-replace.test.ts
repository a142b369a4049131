// Found in review: what a segment completion replaces. core/completion.ts segmentStart takes as
// its range the id typed so far plus up to three letters or digits after the cursor, and its
// insert text is the id and an element separator. In an 837 written on one line (the usual form)
// the characters after the cursor are the next segment's id: typing `L` after a `~` and taking
// `LX` turns `~LSE*20*0001~` into `~LX**20*0001~`, the SE segment gone. At the start of an
// existing segment the id is replaced and a second separator added (`SV1**HC:...`).
// Synthetic data only.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../server/src/core/analyze';
import { completionsAt } from '../../server/src/core/completion';
import { emptyKnowledge } from '../../server/src/core/rules/knowledge';
import { writeX12 } from './helpers/x12-writer';

const knowledge = emptyKnowledge();
const claims = [{ id: 'C1', lines: [{ code: '43214', charge: '100', date: { from: 20261015, to: 20261015 } }] }];

/** The text after accepting the entry labelled `label` at `offset`. */
function accept(text: string, offset: number, label: string): string {
  const entries = completionsAt(analyze(text, knowledge, undefined, undefined, { guideChecks: 'full' }), offset);
  const entry = entries.find((e) => e.label === label);
  assert.ok(entry, `${label} offered: ${entries.map((e) => e.label).join(' ')}`);
  return text.slice(0, entry.span.start) + entry.insertText + text.slice(entry.span.end);
}

describe('segment completion replaces only what was typed', () => {
  it('one-line 837: typing L before the SE segment and taking LX keeps the SE segment', () => {
    const { text: base } = writeX12(claims);
    const text = base.replace('~SE*', '~LSE*');
    const cursor = text.indexOf('~LSE*') + 2;
    const after = accept(text, cursor, 'LX');
    assert.ok(after.includes('~LX*'), after.slice(cursor - 30, cursor + 30));
    assert.ok(after.includes('SE*23*0001~'), `the SE segment was overwritten: ${after.slice(cursor - 30, cursor + 30)}`);
  });

  it('one-line 837: taking a DTP at the start of the SE segment keeps the SE segment', () => {
    // (DTP*472 as the reviewer wrote it: its max use of 1 in the 2400 is now kept, so another date, 471.)
    const { text } = writeX12(claims);
    const cursor = text.indexOf('~SE*') + 1;
    const after = accept(text, cursor, 'DTP*471');
    assert.ok(after.includes('SE*23*0001~'), `the SE segment was overwritten: ${after.slice(cursor - 30, cursor + 30)}`);
  });

  it('one-line 837: taking a segment allowed there (LX) at the start of the SE segment inserts it before SE', () => {
    const { text } = writeX12(claims);
    const cursor = text.indexOf('~SE*') + 1;
    const after = accept(text, cursor, 'LX');
    assert.ok(after.includes('~LX*SE*23*0001~'), after.slice(cursor - 30, cursor + 30));
  });

  it('taking the id of the segment already at the cursor writes no second element separator', () => {
    const { text } = writeX12(claims, { lineEnding: '\n' });
    const cursor = text.indexOf('SV1*HC');
    const after = accept(text, cursor, 'SV1');
    assert.ok(after.includes('\nSV1*HC:43214*'), after.slice(cursor - 10, cursor + 20));
  });
});
