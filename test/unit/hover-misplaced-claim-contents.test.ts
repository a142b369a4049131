// Found in review (hover, health information): README says a finding about a value in the wrong
// place describes the value instead of quoting it (guides/shown.ts), and the findings on these
// cases do ("found a value that is not a code", "a segment with an id that is not letters and
// digits"). The hovers on the same places quote the value whole, whatever it holds:
//  - codeHover.ts puts any non-empty SV101-2 / CSV code cell in bold (`**${code}**`), so a
//    patient's name and birth date typed into the code puts them in the hover;
//  - x12Hover.ts names an unknown segment by its "id", which for a line without an element
//    separator is the whole segment (a name and birth date pasted on a line of their own).
// Both now quote only what reads as a code (x12/values.ts readsAsCode) or a segment id
// (guides/shown.ts shownSegmentId), as findings do, and describe anything else; so does the guide's
// part of an element hover in such a segment (guideHover.ts, "no place for this ... segment").
// Synthetic names and dates only.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { hoverAt } from '../../server/src/core/hover/hover';
import { loadKnowledge } from '../../server/src/core/rules/knowledge';
import { writeX12 } from './helpers/x12-writer';

const knowledge = loadKnowledge({ builtinEdits: true, ptpFiles: [], descriptorFiles: [], readFile: () => '' });
const day = { from: 20260310, to: 20260310 };
const NAME = 'DOE JANE';
const BIRTH = '19800101';

function x12(): string {
  return writeX12([{ id: 'C1', lines: [{ code: '43214', charge: '100.00', date: day }] }], { lineEnding: '\n' }).text;
}

describe('hovers on misplaced claim contents describe them instead of quoting them', () => {
  it('a name and birth date in the procedure code of SV101 (the finding does not quote them)', () => {
    const text = x12().replace('HC:43214', `HC:${NAME} ${BIRTH}`);
    const analysis = analyze(text, knowledge);
    const finding = analysis.findings.find((f) => f.rule === 'x12.procedure-code-invalid');
    assert.ok(finding && !finding.message.includes(BIRTH), 'the finding describes the value');
    const hover = hoverAt(analysis, text.indexOf(NAME) + 1, knowledge);
    assert.ok(hover, 'a hover');
    assert.ok(!hover.markdown.includes(NAME) && !hover.markdown.includes(BIRTH), `the hover quotes the name and birth date:\n${hover.markdown}`);
  });

  it('a name and birth date on a line of their own, read as a segment', () => {
    const text = x12().replace('\nSV1', `\n${NAME} ${BIRTH}~\nSV1`);
    const analysis = analyze(text, knowledge, undefined, undefined, { guideChecks: 'full' });
    assert.ok(analysis.findings.every((f) => !f.message.includes(BIRTH)), 'no finding quotes them');
    const hover = hoverAt(analysis, text.indexOf(NAME) + 1, knowledge);
    assert.ok(hover, 'a hover');
    assert.ok(!hover.markdown.includes(NAME) && !hover.markdown.includes(BIRTH), `the hover quotes the name and birth date:\n${hover.markdown}`);
  });

  it("an element of such a line, with the guide's word on it", () => {
    const text = x12().replace('\nSV1', `\n${NAME} ${BIRTH}*X~\nSV1`);
    const analysis = analyze(text, knowledge, undefined, undefined, { guideChecks: 'full' });
    const hover = hoverAt(analysis, text.indexOf(`${BIRTH}*X`) + BIRTH.length + 1, knowledge);
    assert.ok(hover, 'a hover');
    assert.match(hover.markdown, /Implementation guide/, 'the guide is known (the premise)');
    assert.ok(!hover.markdown.includes(NAME) && !hover.markdown.includes(BIRTH), `the hover quotes the name and birth date:\n${hover.markdown}`);
  });
});
