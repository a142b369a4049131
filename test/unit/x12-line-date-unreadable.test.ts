// Found in review (a hospital billing analyst): a line whose own DTP*472 could not be read (a
// range that ends before it starts, 20261017-20261015) took its claim's date, was paired on it,
// and `fix` removed it, though its date (so whether it conflicts at all) is unknown. Such a line
// now keeps no date: it is reported (x12.date-invalid) and paired with nothing, read whole, in
// pieces or again after an edit.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze, reanalyze } from '../../server/src/core/analyze';
import { fixAll } from '../../server/src/core/fixesAll';
import type { Finding } from '../../server/src/core/model';
import { emptyKnowledge } from '../../server/src/core/rules/knowledge';
import { byPosition } from '../../server/src/core/spans';
import { X12Stream } from '../../server/src/core/x12/stream';
import { writeX12 } from './helpers/x12-writer';

const knowledge = emptyKnowledge(true);
const day = { from: 20261015, to: 20261015 };

/** An 837P claim dated 10/15/2026 (DTP*472 on the claim): 43214 dated, 43200 with its own DTP03 written as `date`. */
function claim(date: string): string {
  const { text } = writeX12([{ id: 'C1', date: day, lines: [{ code: '43214', charge: '500.00', date: day }, { code: '43200', charge: '200.00', date: { from: 20991231, to: 20991231 } }] }], { lineEnding: '\n' });
  // The second line's date, written over.
  return text.replace('DTP*472*D8*20991231', `DTP*472*${date}`);
}

const rules = (findings: readonly Finding[]) => byPosition(findings).map((f) => f.rule);

function streamed(text: string): Finding[] {
  const stream = new X12Stream(knowledge, undefined, { codedLinesOnly: true });
  const findings: Finding[] = [];
  for (let at = 0; at < text.length; at += 50) findings.push(...stream.feed(text.slice(at, at + 50)).findings);
  findings.push(...stream.end().findings);
  return findings;
}

describe("a line whose own date cannot be read does not take its claim's", () => {
  it('control: the same line dated 10/15/2026 is bundled into 43214', () => {
    assert.ok(rules(analyze(claim('D8*20261015'), knowledge).findings).includes('ptp.conflict'));
  });

  for (const [name, date] of [
    ['a range that ends before it starts', 'RD8*20261017-20261015'],
    ['a D8 that is no calendar date', 'D8*20261399'],
  ] as const) {
    it(`${name}: reported, not paired, not removed by fix-all; the same in pieces`, () => {
      const text = claim(date);
      const analysis = analyze(text, knowledge);
      assert.deepEqual(rules(analysis.findings), ['x12.date-invalid']);
      assert.equal(analysis.doc.claims[0]!.lines[1]!.dateOfService, null, 'no date');
      assert.equal(fixAll(text, analysis.doc, analysis.findings), null, 'nothing for fix-all to remove');
      assert.deepEqual(rules(streamed(text)), ['x12.date-invalid']);
    });
  }

  it('after an edit that makes the date readable, and back, the same as a fresh analysis', () => {
    const broken = claim('RD8*20261017-20261015');
    const fixed = claim('RD8*20261015-20261015');
    const first = analyze(broken, knowledge);
    const second = reanalyze(first, fixed, knowledge);
    assert.deepEqual(rules(second.findings), rules(analyze(fixed, knowledge).findings));
    assert.ok(rules(second.findings).includes('ptp.conflict'));
    const third = reanalyze(second, broken, knowledge);
    assert.deepEqual(rules(third.findings), ['x12.date-invalid']);
  });
});
