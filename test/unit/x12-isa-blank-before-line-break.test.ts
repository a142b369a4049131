// A newline-terminated 837 (no `~`: each segment ends at its line break) whose ISA line carries a
// trailing blank, as exports that pad their lines leave it. The character after ISA16 was taken
// as the segment terminator (x12/isa.ts readIsaHeader): a space, which the padded ISA fields hold,
// so the header was said to be 'incomplete: it ends before its 16th element' and nothing of the
// file was read. Blanks after ISA16 followed by a line break are now padding: the line break is
// the terminator (isa.ts terminatorAfter) and the file is read. They are still reported, as an
// x12.isa-malformed error on the blanks (parse837.ts): a receiver takes the character after ISA16
// as the terminator, so it would reject the file as it stands. Synthetic data only.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../server/src/core/analyze';
import { emptyKnowledge } from '../../server/src/core/rules/knowledge';
import { isIsaProblem, readIsaHeader } from '../../server/src/core/x12/isa';
import { writeX12 } from './helpers/x12-writer';
import { assertCliAgrees } from './helpers/cli-check';

const knowledge = emptyKnowledge(true);
const day = { from: 20260310, to: 20260310 };
const claims = [{ id: 'C1', lines: [{ code: '43214', charge: '100.00', date: day }, { code: '43200', charge: '50.00', date: day }] }];

/** The claims with segments ended by LF, and with `blanks` then `lineBreak` after ISA16 instead. */
function padded(blanks: string, lineBreak = '\n'): { text: string; plain: string } {
  const { text: plain } = writeX12(claims, { delimiters: { segment: '\n' } });
  const text = (lineBreak === '\n' ? plain : plain.replace(/\n/g, lineBreak)).replace(/:(\r?\n)GS\*/, `:${blanks}$1GS*`);
  assert.notEqual(text, plain);
  return { text, plain };
}

describe('an ISA header followed by blanks, then the line break that ends it', () => {
  it('is read, and the blank is reported as what it is, not as a header that ends before its 16th element', () => {
    const { text, plain } = padded(' ');
    // All 16 elements are there: ISA16 is the ':' 104 characters after the I, as in the file without the blank.
    assert.equal(text.slice(0, 105), plain.slice(0, 105));

    const analysis = analyze(text, knowledge);
    const header = analysis.findings.filter((f) => f.rule === 'x12.isa-malformed');
    assert.equal(header.length, 1, JSON.stringify(analysis.findings.map((f) => f.rule)));
    const finding = header[0]!;
    assert.doesNotMatch(finding.message, /incomplete|before its 16th element/, `the message says the header lacks elements it has: ${finding.message}`);
    assert.match(finding.message, /blank follows ISA16/);
    assert.equal(finding.severity, 'error');
    assert.deepEqual(finding.span, { start: 105, end: 106 }, 'on the blank');
    // The rest of the file is read as without the blank.
    assert.deepEqual(analysis.findings.map((f) => f.rule), ['x12.isa-malformed', 'ptp.conflict']);
    assert.equal(analysis.doc.claims.length, 1);
    assert.equal(analysis.doc.interchanges[0]!.delimiters.segment, '\n');
  });

  it('readIsaHeader: the line break is the terminator, and the blanks are told', () => {
    for (const blanks of [' ', '\t', '   ']) {
      const { text } = padded(blanks);
      const header = readIsaHeader(text, 0);
      assert.ok(!isIsaProblem(header), JSON.stringify(header));
      assert.equal(header.delimiters.segment, '\n');
      assert.equal(header.terminatorOffset, 105 + blanks.length);
      assert.deepEqual(header.blanks, { start: 105, end: 105 + blanks.length });
    }
    const { plain } = padded(' ');
    const header = readIsaHeader(plain, 0);
    assert.ok(!isIsaProblem(header));
    assert.equal(header.blanks, null);
  });

  it('in a file of CR LF lines: CR stays the terminator, and the blanks are reported the same way', () => {
    const { text } = padded('  ', '\r\n');
    const header = readIsaHeader(text, 0);
    assert.ok(!isIsaProblem(header));
    assert.equal(header.delimiters.segment, '\r');
    assert.deepEqual(header.blanks, { start: 105, end: 107 });
    assert.deepEqual(analyze(text, knowledge).findings.map((f) => f.rule), ['x12.isa-malformed', 'ptp.conflict']);
  });

  it('blanks that end the text, or a blank before another segment on the same line, are still the terminator', () => {
    const { plain } = padded(' ');
    const isa = plain.slice(0, 105);
    assert.ok(isIsaProblem(readIsaHeader(`${isa} `, 0)));
    assert.ok(isIsaProblem(readIsaHeader(`${isa} GS*HC\n`, 0)));
  });

  it('the CLI, reading the file in pieces, reports what the editor does', async () => {
    await assertCliAgrees(padded(' ').text, knowledge);
    await assertCliAgrees(padded('  ', '\r\n').text, knowledge);
  });
});
