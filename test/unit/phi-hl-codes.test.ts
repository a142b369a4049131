// Claim contents in messages: guide.segment-unexpected names an HL segment with its first four
// elements when they are shaped as HL's (guides/shown.ts shownSegment). HL01 and HL02 are
// counters, but HL03 is a two-character level code (20, 22, 23) and HL04 a one-digit child code:
// when any of them could be up to 12 digits, a member id or birth date in HL03 (a generator that
// wrote the subscriber's id one element early) was quoted whole ("Segment HL*2*1*918273645*0 is
// not expected here"). Now HL03 is shown only as 1-2 digits and HL04 as one, as a code element's
// value is quoted only when it reads as a code elsewhere (x12/values.ts shownCode). Synthetic ids
// only.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { emptyKnowledge } from '../../server/src/core/rules/knowledge';
import { writeX12 } from './helpers/x12-writer';

const day = { from: 20260310, to: 20260310 };

describe('an id in HL03 is not quoted', () => {
  for (const id of ['918273645', '19610423']) {
    it(`HL03 ${id} on the subscriber's HL`, () => {
      const { text } = writeX12([{ id: 'C1', date: day, lines: [{ code: '99213', charge: '100.00', date: day }] }], { lineEnding: '\n' });
      const planted = text.replace(/^HL\*2\*1\*22\*/m, `HL*2*1*${id}*`);
      assert.notEqual(planted, text, 'planted in HL03');
      const analysis = analyze(planted, emptyKnowledge(true), undefined, undefined, { guideChecks: 'full' });
      const messages = analysis.findings.flatMap((f) => [f.message, ...(f.related ?? []).map((r) => r.message)]);
      assert.ok(messages.length > 0, 'the HL is reported (the premise)');
      assert.deepEqual(messages.filter((m) => m.includes(id)), []);
    });
  }
});
