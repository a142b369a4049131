// Found in review: a descriptor (and its file name) from a user's licensed file is pasted into the code
// hover's Markdown as is, so Markdown or HTML in it formats, links or injects into the hover.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { hoverAt } from '../../server/src/core/hover/hover';
import { loadKnowledge } from '../../server/src/core/rules/knowledge';

const CSV = 'Claim ID,Patient ID,Date of Service,CPT/HCPCS,Units\nC1,M1,10/15/2026,99999,1\n';

function hoverWith(descriptorFile: string, source: string): string {
  const knowledge = loadKnowledge({ builtinEdits: false, ptpFiles: [], descriptorFiles: [source], readFile: () => descriptorFile });
  assert.equal(knowledge.descriptors.get('99999')?.source, source);
  const analysis = analyze(CSV, knowledge);
  const hover = hoverAt(analysis, CSV.indexOf('99999'), knowledge);
  assert.ok(hover);
  return hover.markdown;
}

/** `text` occurs in the Markdown only with its first character escaped (backslash or HTML entity). */
function unescapedAt(markdown: string, text: string): boolean {
  for (let at = markdown.indexOf(text); at >= 0; at = markdown.indexOf(text, at + 1)) {
    if (markdown[at - 1] !== '\\') return true;
  }
  return false;
}

describe('code hover escapes descriptor text from a user file', () => {
  it('Markdown and HTML in the descriptor are shown as text', () => {
    const markdown = hoverWith(
      'Code,Short,Long\n99999,short,"Synthetic *bold* _it_ [link](https://example.invalid) `tick <img src=x onerror=alert(1)> <b>B</b>"\n',
      '/licensed/synthetic.csv',
    );
    for (const raw of ['*bold*', '_it_', '[link]', '`tick', '<img', '<b>']) {
      assert.ok(!unescapedAt(markdown, raw), `unescaped ${raw} in hover:\n${markdown}`);
    }
  });

  it('the licensed-data notice keeps its italics whatever the file name', () => {
    const markdown = hoverWith('99999,Synthetic descriptor\n', '/licensed/cpt_*v2*_.csv');
    const notice = markdown.split('\n\n').at(-1)!;
    assert.ok(!unescapedAt(notice, '*v2*'), notice);
    assert.ok(!unescapedAt(notice, '_.csv'), notice);
  });
});
