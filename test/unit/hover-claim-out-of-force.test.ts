// A line of a claim that a replacement or void claim supersedes (or of a void claim) takes no
// part in the checks (rules/supersession.ts), so the conflict it would have with 43214 is not
// underlined; its code's hover listed the same PTP edits as any other line's and did not say
// why nothing was reported. It now says the claim is out of force, and why. Synthetic claims.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { hoverAt } from '../../server/src/core/hover/hover';
import { emptyKnowledge } from '../../server/src/core/rules/knowledge';
import { writeX12 } from './helpers/x12-writer';

const knowledge = emptyKnowledge();

function hoverOn(text: string, needle: string, occurrence = 1): string {
  let at = -1;
  for (let i = 0; i < occurrence; i++) at = text.indexOf(needle, at + 1);
  assert.ok(at >= 0, needle);
  const hover = hoverAt(analyze(text, knowledge), at, knowledge);
  assert.ok(hover);
  return hover.markdown;
}

describe('the hover of a code on a claim out of force', () => {
  const csv =
    'Claim ID,Patient ID,Date of Service,CPT/HCPCS,Units,Frequency\n' +
    'C1,M1,10/15/2026,43214,1,1\n' +
    'C1,M1,10/15/2026,43200,1,1\n' +
    'C1,M1,10/15/2026,43214,1,7\n' +
    'C2,M2,10/15/2026,43214,1,8\n';

  it('a claim a later replacement replaces: says so, after the code line, before the edits', () => {
    const markdown = hoverOn(csv, '43200');
    const paragraphs = markdown.split('\n\n');
    assert.match(paragraphs[0]!, /^\*\*43200\*\*/);
    assert.equal(paragraphs[1], '_A later claim of this patient with the same claim id replaces this one (frequency code 7): its lines take no part in the checks._');
    // And nothing reported on it, which is what the note explains.
    assert.deepEqual(analyze(csv, knowledge).findings.filter((f) => f.rule.startsWith('ptp.')), []);
  });

  it('the replacement itself: no note', () => {
    assert.doesNotMatch(hoverOn(csv, '43214', 2), /take no part/);
  });

  it('a void claim: says it is a void', () => {
    assert.match(hoverOn(csv, '43214', 3), /_This claim is a void \(frequency code 8\): its lines take no part in the checks\._/);
  });

  it('an 837 claim a later void voids', () => {
    const day = { from: 20261015, to: 20261015 };
    const text = writeX12([
      { id: 'A1', subscriberId: 'M1', lines: [{ code: '43214', charge: '100.00', date: day }, { code: '43200', charge: '50.00', date: day }] },
      { id: 'A1', subscriberId: 'M1', frequency: '8', lines: [{ code: '99213', charge: '10.00', date: day }] },
    ]).text;
    assert.match(hoverOn(text, '43200'), /A later claim of this patient with the same claim id voids this one \(frequency code 8\)/);
  });
});
