// Found in review: after a claim re-read that changes the number of segments, the SE's findings
// are derived again (rereadClaim.ts trailerAgain) and put back with replaceAt in the order the
// parser emitted them (SE01 check, then SE02), not in document order. With SE02 missing, the
// SE02 finding's span is the whole SE segment and starts before SE01's: a fresh analyze sorts it
// first, the re-read leaves it second.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, reanalyze } from '../../server/src/core/analyze';
import { reread } from '../../server/src/core/x12/incremental';
import { fuzzKnowledge } from '../fuzz/generators';
import { writeX12 } from './helpers/x12-writer';
import { comparable } from './helpers/analysis';

const knowledge = fuzzKnowledge();
const day = { from: 20260310, to: 20260310 };

describe('claim re-read, SE findings after a change in the segment count', () => {
  it('lists the SE findings in document order, as a fresh analysis does', () => {
    const written = writeX12(
      [
        { id: 'C1', lines: [{ code: '43214', charge: '10.00', date: day }] },
        { id: 'C2', lines: [{ code: '99213', charge: '10.00', date: day }] },
      ],
      { lineEnding: '\n' },
    ).text;
    // SE02 left out: its finding spans the whole SE segment.
    const text = written.replace(/SE\*(\d+)\*0001~/, 'SE*$1~');
    assert.notEqual(text, written);
    // One segment typed into the first claim: SE01 is now one short.
    const edited = text.replace('CLM*C1*10.00***11:B:1*Y*A*Y*Y~\n', 'CLM*C1*10.00***11:B:1*Y*A*Y*Y~\nREF*D9*X~\n');
    assert.notEqual(edited, text);
    assert.equal(reread(text, analyze(text, knowledge).doc, edited, knowledge)?.unit, 'claim');

    const fresh = analyze(edited, knowledge);
    assert.deepEqual(
      fresh.findings.map((f) => f.rule),
      ['x12.se02-control', 'x12.se01-count'],
    );
    const again = reanalyze(analyze(text, knowledge), edited, knowledge);
    assert.deepEqual(comparable(again), comparable(fresh));
  });
});
