// Inputs on which an 837 read in pieces (X12Stream, and checkInBlocks over a file) once gave a
// report other than one analysis of the whole text (found in review); synthetic data only.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyze } from '../../server/src/core/analyze';
import type { Finding } from '../../server/src/core/model';
import { emptyKnowledge } from '../../server/src/core/rules/knowledge';
import { X12Stream } from '../../server/src/core/x12/stream';
import { LONG_SEGMENT } from '../../server/src/core/x12/longSegments';
import { checkInBlocks } from '../../server/src/cli/stream';
import { decode } from '../../server/src/cli/files';
import { withInputFindings } from '../../server/src/core/inputFindings';
import { writeX12 } from './helpers/x12-writer';

const knowledge = emptyKnowledge(true);

function byPosition(findings: readonly Finding[]): Finding[] {
  return [...findings].sort((a, b) => a.span.start - b.span.start);
}

/** X12Stream with a low length from which a segment is long (its middle left out), as x12-stream.test.ts uses. */
class ShortSegments extends X12Stream {
  constructor(
    protected override longSegment: number,
    guide: boolean,
  ) {
    super(knowledge, undefined, { guide });
  }
}

function shown(findings: readonly Finding[]): string[] {
  return byPosition(findings).map((f) => `${f.rule} ${f.span.start}-${f.span.end} ${f.message}`);
}

function streamed(text: string, size: number, longSegment: number, guide: boolean): string[] {
  const stream = new ShortSegments(longSegment, guide);
  const findings: Finding[] = [];
  for (let at = 0; at < text.length; at += size) findings.push(...stream.feed(text.slice(at, at + size)).findings);
  findings.push(...stream.end().findings);
  return shown(findings);
}

function whole(text: string, guide: boolean): string[] {
  return shown(analyze(text, knowledge, undefined, undefined, { guideChecks: guide ? 'full' : 'envelope' }).findings);
}

const claims = [{ id: 'C1', date: { from: 20260310, to: 20260310 }, lines: [{ code: '43214', charge: '1.00' }, { code: '43200', charge: '1.00' }] }];

describe('an 837 in pieces against one analysis of the whole text', () => {
  it('a long segment left out (a hole) within ISA_LOOKAHEAD of a malformed ISA: the header is read from less text', () => {
    // x12/stream.ts leaveOutLongSegment never checks lastIsa: the piece keeps 64 characters of the
    // long NTE, and readIsaHeader of the malformed ISA (which looks up to 512 characters on) counts
    // other separators, and its firstLineEnd span runs into the hole.
    const text = writeX12(claims).text;
    const header = text.slice(0, 106);
    const set = 'GS*HC*S*R*20260310*1200*1*X*005010X222A1~ST*837*0001*005010X222A1~SE*2*0001~';
    const doc = header + set + 'ISA*00~NTE*' + 'AAAAAAAAA*'.repeat(200) + '~N3*A~';
    assert.deepEqual(streamed(doc, 64, 300, false), whole(doc, false));
  });

  describe('with the guide checks (--guide full), a segment over LONG_SEGMENT characters, whose middle a piece leaves out', () => {
    // The guide reads every segment, the 837 reader only some (READ_SEGMENT_CODES): a long segment
    // is read by both paths from its first LONG_SEGMENT_HEAD characters only, and said to be too long.
    const text = writeX12(claims, { lineEnding: '\n' }).text;
    // Twice LONG_SEGMENT: the piece that holds its start is read before its terminator is fed (else it is held whole).
    const long = '9'.repeat(2 * LONG_SEGMENT);
    const cases: [string, string][] = [
      ['an element of a long segment (BHT03)', text.replace(/BHT\*0019\*00\*([^*]*)\*/, (_m, id: string) => `BHT*0019*00*${id}${long}*`)],
      ['a long segment that starts with blanks', text.replace('\nNM1*41*', `\n  NTE*ADD*${long}~\nNM1*41*`)],
      ['a long segment without a terminator at the end of the file', `${text}NTE*ADD*${long}`],
      // Its piece is the last: the leading-blanks finding, held to the end, is given in that piece's text.
      ['a long segment that starts with blanks at the end of the file', `${text}  NTE*ADD*${long}`],
      ['a long segment with no element separator inside a claim (held whole), then the set ends without SE', text.replace(/SE\*[^~]*~[\s\S]*$/, `${long}~`)],
    ];
    for (const [name, doc] of cases) {
      it(name, () => {
        assert.notEqual(doc, text);
        const expected = whole(doc, true);
        assert.ok(expected.some((f) => f.startsWith('guide.segment-too-long ')), 'the whole path says the segment is too long');
        assert.ok(!expected.some((f) => f.startsWith('guide.element-length ')), 'and checks none of its elements');
        assert.deepEqual(streamed(doc, 65536, LONG_SEGMENT, true), expected);
      });
    }
  });

  it('with the guide checks, an envelope finding on the first segment that starts with blanks is kept, though the guide repeats it', () => {
    // GuidePass holds its leading-blanks finding until finish(); withGuide in x12/stream.ts drops
    // the repeats of a piece's reader findings only against the guide findings of the same piece.
    const text = writeX12([...claims, { id: 'C2', lines: [{ code: '43214', charge: '1.00' }] }], { lineEnding: '\n', transactions: 2 }).text;
    const badCode = text.replace('\nSV1*HC:43200', '\n SV1*HC:4320');
    const lxSequence = text.replace('\nLX*2~', '\n LX*5~');
    for (const doc of [badCode, lxSequence]) {
      assert.notEqual(doc, text);
      // Default sizes: never a long segment here.
      assert.deepEqual(streamed(doc, 100_000, 1 << 20, true), whole(doc, true));
    }
  });

  it('checkInBlocks leaves to the whole-file path an ASCII file that path takes for UTF-16 without a BOM (it once streamed it as an 837)', () => {
    // detectFormat() asks utf16Order() first (a NUL after 3 in 4 of the first 4096 characters);
    // X12Stream.canStream() once asked only for an ISA header, so the streamed report was an
    // 837's. It asks detectFormat too now: the file is not streamed, and gets the whole-file report.
    const text = writeX12(claims).text;
    const bytes = Buffer.from(text.slice(0, 106) + 'X\u0000'.repeat(2100) + text.slice(106), 'latin1');
    const expected = (() => {
      const analysis = analyze(decode(bytes).text, knowledge);
      return { format: analysis.doc.format, findings: shown(withInputFindings(analysis.findings, analysis.doc.format)) };
    })();
    assert.equal(expected.format, null, 'the whole-file path reads no 837 here');
    const folder = mkdtempSync(join(tmpdir(), 'claimlint-review-'));
    try {
      const path = join(folder, 'nul.837');
      writeFileSync(path, bytes);
      const quiet = { checked: () => {}, locating: () => {} };
      const checked = checkInBlocks(path, knowledge, quiet, { block: 4096, feed: 512 });
      assert.equal(checked, null, `streamed instead of left to the whole-file path: ${JSON.stringify(checked && { format: checked.format, findings: shown(checked.findings) })} against ${JSON.stringify(expected)}`);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
