// Found in review (hover Markdown): text from a file is put into the code hover so that it "shows as
// written and cannot format" (markdown.ts), but two paths still let it format:
//  - plainMarkdown escapes inline characters only. A descriptor cell with a line break (a quoted
//    cell of a spreadsheet export, which the loader keeps) puts its next line at the start of a
//    Markdown line, where `---` turns the code and descriptor above it into a heading, `- ` or `1. `
//    starts a list and a blank line ends the paragraph.
//  - the code itself (codeHover.ts, `**${code}**`) is not escaped at all: an SV101 or CSV
//    code cell holding HTML or link syntax is rendered.
// plainMarkdown now turns line breaks into the spaces Markdown shows them as, and a code is quoted
// only when it reads as one (letters and digits), else described. Synthetic descriptors and claims
// only.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { hoverAt } from '../../server/src/core/hover/hover';
import { loadKnowledge } from '../../server/src/core/rules/knowledge';
import { writeX12 } from './helpers/x12-writer';

const CSV = 'Claim ID,Patient ID,Date of Service,CPT/HCPCS,Units\nC1,M1,10/15/2026,99999,1\n';

/** The code hover of 99999 with a descriptor file holding `long` (a quoted cell) as its long descriptor. */
function hoverWithLong(long: string): string {
  const file = `Code,Short,Long\n99999,Synthetic short,"${long}"\n`;
  const knowledge = loadKnowledge({ builtinEdits: false, ptpFiles: [], descriptorFiles: ['/licensed/synthetic.csv'], readFile: () => file });
  assert.equal(knowledge.descriptors.get('99999')?.long, long, 'the loader keeps the line break');
  const hover = hoverAt(analyze(CSV, knowledge), CSV.indexOf('99999'), knowledge);
  assert.ok(hover);
  return hover.markdown;
}

/** The lines of the hover's first block: the code and its descriptor, up to the closing quote mark. */
function descriptorLines(markdown: string): string[] {
  const end = markdown.indexOf('”');
  assert.ok(end > 0, markdown);
  return markdown.slice(0, end + 1).split('\n');
}

/** A line that starts a Markdown block of its own, or underlines the paragraph above it as a heading. */
const BLOCK_START = /^ {0,3}(?:[-+*][ \t]|\d{1,9}[.)][ \t]|#{1,6}(?:[ \t]|$)|>|=+[ \t]*$|-+[ \t]*$|[ \t]*$)/;

describe('a descriptor with line breaks is shown as text, not as Markdown blocks', () => {
  for (const [name, long] of [
    ['a line of dashes (setext heading)', 'Synthetic procedure, first line\n---\nsecond line'],
    ['a line starting with "- " (bullet list)', 'Synthetic procedure\n- with contrast'],
    ['a line starting with "1. " (numbered list)', 'Synthetic procedure\n1. first part'],
    ['a blank line (a second paragraph)', 'Synthetic procedure\n\nsecond paragraph'],
  ] as const) {
    it(name, () => {
      const markdown = hoverWithLong(long);
      for (const line of descriptorLines(markdown).slice(1)) {
        assert.doesNotMatch(line, BLOCK_START, `the descriptor's line ${JSON.stringify(line)} starts a Markdown block:\n${markdown}`);
      }
    });
  }
});

describe('the procedure code in the hover is escaped', () => {
  /** `text` occurs in the Markdown unescaped (not preceded by a backslash). */
  function unescaped(markdown: string, text: string): boolean {
    for (let at = markdown.indexOf(text); at >= 0; at = markdown.indexOf(text, at + 1)) if (markdown[at - 1] !== '\\') return true;
    return false;
  }

  it('an 837P SV101 code holding HTML and link syntax (a value that is no code)', () => {
    const knowledge = loadKnowledge({ builtinEdits: true, ptpFiles: [], descriptorFiles: [], readFile: () => '' });
    let { text } = writeX12([{ id: 'C1', lines: [{ code: '43214', charge: '100.00', date: { from: 20260310, to: 20260310 } }] }], { lineEnding: '\n' });
    text = text.replace('HC:43214', 'HC:<img src=x onerror=alert(1)>[a](x)');
    const analysis = analyze(text, knowledge);
    const hover = hoverAt(analysis, text.indexOf('<img') + 1, knowledge);
    assert.ok(hover, 'a hover on the code element');
    for (const raw of ['<img', '[a]']) assert.ok(!unescaped(hover.markdown, raw), `unescaped ${raw} in hover:\n${hover.markdown}`);
  });
});
