// With guideChecks `full`, an edit is re-checked by the guide
// pass from its last checkpoint before the edit until its state meets the earlier pass's
// (guides/checkpoints.ts). The leading-blanks finding ("Segment 'HI' starts with blanks.") is held
// to the end of the pass; when the passes meet, joined() keeps the earlier pass's message and
// takes only the span of the new one, and GuidePass.inState compares the blanks finding's span and
// count, not its message (now it compares the message too). So an edit that renamed the first indented segment (same length) left
// the diagnostic naming the old segment id, where a fresh analysis names the new one.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, reanalyze, type Analysis } from '../../server/src/core/analyze';
import { fuzzKnowledge } from '../fuzz/generators';
import { comparable } from './helpers/analysis';
import { writeX12 } from './helpers/x12-writer';

const knowledge = fuzzKnowledge();
const full = { guideChecks: 'full' as const };

function blanks(analysis: Analysis): string[] {
  return analysis.findings.filter((f) => f.rule === 'guide.segment-leading-blanks').map((f) => f.message);
}

describe('review incr: the leading-blanks guide finding after an edit', () => {
  it('names the segment id the edited text has, as a fresh analysis does', () => {
    // 80 one-line claims: the guide pass keeps checkpoints every 256 segments or so, so an edit
    // in the middle restarts from one and meets the earlier pass again at a later one.
    const day = { from: 20260310, to: 20260310 };
    const claims = Array.from({ length: 80 }, (_, i) => ({ id: `C${i}`, subscriberId: `M${i}`, lines: [{ code: '43214', charge: '10.00', date: day }] }));
    let text = writeX12(claims, { lineEnding: '\n' }).text;
    // Claim C40's HI is indented: the only segment with leading blanks.
    const at = text.indexOf('HI*', text.indexOf('CLM*C40*'));
    text = `${text.slice(0, at)}  ${text.slice(at)}`;
    const previous = analyze(text, knowledge, undefined, undefined, full);
    assert.deepEqual(blanks(previous), ["Segment 'HI' starts with blanks."]);

    // The user types over the id: HI becomes HX (same length).
    const edited = `${text.slice(0, at + 2)}HX${text.slice(at + 4)}`;
    const fresh = analyze(edited, knowledge, undefined, undefined, full);
    assert.deepEqual(blanks(fresh), ["Segment 'HX' starts with blanks."]);

    const incremental = reanalyze(previous, edited, knowledge, undefined, full);
    assert.deepEqual(blanks(incremental), blanks(fresh));
    assert.deepEqual(comparable(incremental), comparable(fresh));
  });
});
