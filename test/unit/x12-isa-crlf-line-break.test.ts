// A newline-terminated 837 (no `~`) whose ISA line alone ends in CR LF, the rest in LF (a header
// line written by another tool, or edited on Windows). The character after ISA16 is then a CR,
// which was taken as the terminator: every later segment (ended by LF alone) was joined into one,
// and neither the envelopes nor the claims were read. A CR LF after ISA16 is now a line break
// (x12/isa.ts terminatorAfter): LF ends the segments when a line break in the header's lookahead
// is LF alone, so the LF lines stay segments; a file whose lines all end in CR LF keeps CR as its
// terminator (LF is a gap), as before. Synthetic data only.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../server/src/core/analyze';
import { emptyKnowledge } from '../../server/src/core/rules/knowledge';
import { isIsaProblem, readIsaHeader } from '../../server/src/core/x12/isa';
import type { X12SegmentIndex } from '../../server/src/core/x12/segment-index';
import { writeX12 } from './helpers/x12-writer';
import { assertCliAgrees } from './helpers/cli-check';

const knowledge = emptyKnowledge(true);
const day = { from: 20260310, to: 20260310 };
const claims = [{ id: 'C1', lines: [{ code: '43214', charge: '100.00', date: day }, { code: '43200', charge: '50.00', date: day }] }];
const lf = writeX12(claims, { delimiters: { segment: '\n' } }).text;
/** The ISA line ends in CR LF, the others in LF. */
const isaCrLf = lf.replace(/\n(?=GS\*)/, '\r\n');
const allCrLf = lf.replace(/\n/g, '\r\n');

function segmentIds(text: string): string[] {
  const ix = analyze(text, knowledge).doc.x12 as X12SegmentIndex;
  return Array.from({ length: ix.segmentCount }, (_, s) => ix.segmentId(s));
}

describe('a newline-terminated 837 whose ISA line alone ends in CR LF', () => {
  it('reads every LF line as a segment, as the file with LF throughout', () => {
    assert.notEqual(isaCrLf, lf);
    const header = readIsaHeader(isaCrLf, 0);
    assert.ok(!isIsaProblem(header));
    assert.equal(header.delimiters.segment, '\n');
    assert.equal(header.terminatorOffset, 106, 'the LF of the CR LF');
    assert.equal(header.blanks, null, 'the CR is the line break, not padding');
    assert.deepEqual(segmentIds(isaCrLf), segmentIds(lf));
    const analysis = analyze(isaCrLf, knowledge);
    assert.deepEqual(analysis.findings.map((f) => f.rule), ['ptp.conflict']);
    assert.equal(analysis.doc.claims[0]!.lines.length, 2);
  });

  it('a file of CR LF lines keeps CR as its terminator; a file of CR lines too', () => {
    for (const text of [allCrLf, lf.replace(/\n/g, '\r')]) {
      const header = readIsaHeader(text, 0);
      assert.ok(!isIsaProblem(header));
      assert.equal(header.delimiters.segment, '\r');
      assert.equal(header.terminatorOffset, 105);
      assert.deepEqual(segmentIds(text), segmentIds(lf));
      assert.deepEqual(analyze(text, knowledge).findings.map((f) => f.rule), ['ptp.conflict']);
    }
  });

  it('a CR LF GS line after the CR LF ISA line, then LF lines: LF still ends the segments', () => {
    const text = isaCrLf.replace(/\n(?=ST\*)/, '\r\n');
    assert.equal((readIsaHeader(text, 0) as { delimiters: { segment: string } }).delimiters.segment, '\n');
    assert.deepEqual(segmentIds(text), segmentIds(lf));
    assert.deepEqual(analyze(text, knowledge).findings.map((f) => f.rule), ['ptp.conflict']);
  });

  it('~ after ISA16, then CR LF: ~ is the terminator, as before', () => {
    const text = writeX12(claims, { lineEnding: '\r\n' }).text;
    assert.equal((readIsaHeader(text, 0) as { delimiters: { segment: string } }).delimiters.segment, '~');
  });

  it('the CLI, reading the file in pieces, reports what the editor does', async () => {
    await assertCliAgrees(isaCrLf, knowledge);
    await assertCliAgrees(allCrLf, knowledge);
  });
});
