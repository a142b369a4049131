// HlNumbering.checkAt reads an HL's numbers from the text (quick) and leaves to check() every HL
// that is not plain digits or would add a finding: the findings and the numbering's state after
// each HL must be check()'s of the four values, whatever the HLs (numbers off the count, parents
// not open, signs, long numbers, other child flags, missing elements).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { HlNumbering } from '../../server/src/core/guides/hlNumbering';
import { firstFourValues } from '../../server/src/core/guides/segmentValues';

type Finding = [number, string, string, number];

function run(texts: readonly string[], quick: boolean): { findings: Finding[]; states: unknown[] } {
  const hl = new HlNumbering();
  const findings: Finding[] = [];
  const states: unknown[] = [];
  const report = (segment: number, rule: string, message: string, position: number) => void findings.push([segment, rule, message, position]);
  texts.forEach((text, index) => {
    // A text of its own per HL, with something before and after it, as a segment in a file.
    const file = `XX~${text}~YY`;
    const start = 3;
    const end = 3 + text.length;
    if (quick) hl.checkAt(file, start, end, 42, index, report);
    else hl.check(firstFourValues(file, start, end, 42), index, report);
    states.push(hl.snapshot());
  });
  hl.end(report);
  return { findings, states };
}

const number = fc.oneof(
  fc.integer({ min: 1, max: 12 }).map(String),
  fc.constantFrom('', '0', '-1', '007', '1234567890', '12345678901', 'A', '1:2'),
);
// HL01 mostly the count (so that the quick reading is taken), else anything `number` gives.
const hlSet = fc
  .array(
    fc.tuple(fc.oneof({ arbitrary: fc.constant(null), weight: 4 }, { arbitrary: number, weight: 1 }), fc.oneof(fc.integer({ min: 1, max: 6 }).map(String), number, fc.constant('')), fc.constantFrom('20', '22', '23', ''), fc.constantFrom('0', '1', '', '2', '01', 'X'), fc.integer({ min: 0, max: 5 })),
    { maxLength: 14 },
  )
  .map((hls) => hls.map(([id, parent, code, flag, count], at) => ['HL', id ?? String(at + 1), parent, code, flag, 'Z'].slice(0, count + 1).join('*')).filter((text) => !text.endsWith('*')));

describe('HL numbers read from the text', () => {
  it('gives check()\'s findings and state on plain sets', () => {
    const texts = ['HL*1**20*1', 'HL*2*1*22*0', 'HL*3*1*22*1', 'HL*4*3*23*0', 'HL*5**20*1', 'HL*6*5*22*0'];
    assert.deepEqual(run(texts, true), run(texts, false));
    // A last HL whose number is -1 (read by check()) and says children follow: an HL with no parent is not its child.
    const negative = ['HL*-1**20*1', 'HL*2'];
    assert.deepEqual(run(negative, true), run(negative, false));
    assert.equal(run(negative, true).findings.filter(([, rule, message]) => rule === 'guide.hl-child-flag' && message.includes('next HL')).length, 1);
  });
  it('gives check()\'s findings and state on any sequence', () => {
    fc.assert(
      fc.property(hlSet, (texts) => {
        assert.deepEqual(run(texts, true), run(texts, false));
      }),
      { numRuns: 3000, seed: 7 },
    );
  });
});
