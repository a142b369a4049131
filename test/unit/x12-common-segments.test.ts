// The 837 reader reads the DTP and LX most files are made of (DTP*472*D8*CCYYMMDD with a valid
// date, LX*n numbered as expected) from their bytes, without splitting their elements; anything
// else goes the general way. Both ways give the same dates, spans and findings, for text and for
// the bytes of ASCII text (the CLI's blocks), and a fast-path segment next to one that is not.

import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { emptyKnowledge } from '../../server/src/core/rules/knowledge';
import { X12Stream } from '../../server/src/core/x12/stream';
import type { Finding } from '../../server/src/core/model';
import { writeX12 } from './helpers/x12-writer';

const knowledge = emptyKnowledge(true);
const day = { from: 20260310, to: 20260310 };

function shown(findings: readonly Finding[]): string[] {
  return [...findings].sort((a, b) => a.span.start - b.span.start).map((f) => `${f.rule} ${f.span.start}-${f.span.end} ${f.message}`);
}

/** One analysis of the whole text, and the text's bytes fed to X12Stream: the same findings. */
function read(text: string): { findings: string[]; dates: (number | null)[]; dateSpans: string[] } {
  const analysis = analyze(text, knowledge);
  const stream = new X12Stream(knowledge);
  const streamed = [...stream.feed(Buffer.from(text, 'latin1')).findings, ...stream.end().findings];
  const findings = shown(analysis.findings);
  assert.deepEqual(shown(streamed), findings, 'read from bytes in pieces');
  const lines = analysis.doc.claims.flatMap((claim) => claim.lines);
  return {
    findings,
    dates: lines.map((line) => line.dateOfService?.from ?? null),
    dateSpans: lines.map((line) => (line.dateSpan ? text.slice(line.dateSpan.start, line.dateSpan.end) : '')),
  };
}

describe('DTP and LX as most files write them', () => {
  const text = writeX12([{ id: 'C1', date: day, lines: [{ code: '99213', charge: '1.00', date: day }, { code: '71046', charge: '1.00', date: day }] }]).text;

  it('reads the line dates and numbers of a well-formed claim', () => {
    const outcome = read(text);
    assert.deepEqual(outcome.dates, [20260310, 20260310]);
    assert.deepEqual(outcome.dateSpans, ['20260310', '20260310']);
    assert.deepEqual(outcome.findings, []);
  });

  const variants: [string, string, (outcome: ReturnType<typeof read>) => void][] = [
    ['a date that is no calendar date', 'DTP*472*D8*20260231', (o) => assert.ok(o.findings.some((f) => f.startsWith('x12.date-invalid ')))],
    ['a date with a blank after it', 'DTP*472*D8*20260311 ', (o) => assert.deepEqual(o.dateSpans[0], '20260311')],
    ['an RD8 range', 'DTP*472*RD8*20260301-20260302', (o) => assert.deepEqual(o.dates[0], 20260301)],
    ['another qualifier', 'DTP*573*D8*20260311', (o) => assert.deepEqual(o.dates[0], 20260310)],
    ['a D8 with letters', 'DTP*472*D8*2026031A', (o) => assert.ok(o.findings.some((f) => f.startsWith('x12.date-invalid ')))],
    ['one more element', 'DTP*472*D8*20260311*X', (o) => assert.ok(o.dates[0] !== undefined)],
  ];
  for (const [name, dtp, check] of variants) {
    it(`reads ${name} the general way`, () => {
      const changed = text.replace('DTP*472*D8*20260310~LX*2', `${dtp}~LX*2`);
      assert.notEqual(changed, text);
      check(read(changed));
    });
  }

  it('reports an LX out of sequence or no number, and reads one with a leading zero, a blank or another element after it as its number', () => {
    for (const lx of ['LX*3', 'LX*02', 'LX*2 ', 'LX*A', 'LX*', 'LX', 'LX*2*1']) {
      const changed = text.replace('~LX*2~', `~${lx}~`);
      assert.notEqual(changed, text);
      const outcome = read(changed);
      const sequence = outcome.findings.some((f) => f.startsWith('x12.lx-sequence '));
      assert.equal(sequence, !['LX*02', 'LX*2 ', 'LX*2*1'].includes(lx), lx);
    }
  });
});
