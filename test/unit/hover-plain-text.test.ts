// Hover Markdown as plain text (core/hover/plainText.ts), for clients whose hover.contentFormat
// names only plaintext (eglot without markdown-mode): no emphasis or code marks, escapes, fences or
// link syntax left, tables and lists laid out to read, and text escaped by plainMarkdown shown
// exactly as it was written.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyze } from '../../server/src/core/analyze';
import { hoverAt } from '../../server/src/core/hover/hover';
import { plainMarkdown } from '../../server/src/core/hover/markdown';
import { markdownToPlainText } from '../../server/src/core/hover/plainText';
import { loadKnowledge } from '../../server/src/core/rules/knowledge';
import { writeX12 } from './helpers/x12-writer';

const day = { from: 20260310, to: 20260310 };

describe('markdownToPlainText', () => {
  it('drops emphasis and code marks, keeping their text', () => {
    assert.equal(markdownToPlainText('**43214** — _italic_ *also* ***both*** ~~struck~~ `code` ``a ` tick``'), '43214 — italic also both struck code a ` tick');
  });

  it('shows escaped characters as themselves', () => {
    assert.equal(markdownToPlainText('a \\*b\\* \\_c\\_ \\`d\\` \\[e\\] \\<f\\> \\# \\| \\~ \\\\ g'), 'a *b* _c_ `d` [e] <f> # | ~ \\ g');
  });

  it('keeps characters that do not make emphasis', () => {
    assert.equal(markdownToPlainText('snake_case_name, 5 * 3, a lone * star, an _unclosed one, ~tilde~'), 'snake_case_name, 5 * 3, a lone * star, an _unclosed one, ~tilde~');
  });

  it('gives a link its text and its address, an image its text, an autolink its address', () => {
    assert.equal(markdownToPlainText('See [the **CMS** page](https://example.invalid/ncci "NCCI") and ![a chart](chart.png) or <https://example.invalid>.'), 'See the CMS page (https://example.invalid/ncci) and a chart or https://example.invalid.');
    assert.equal(markdownToPlainText('[https://example.invalid](https://example.invalid)'), 'https://example.invalid', 'an address is not repeated');
    assert.equal(markdownToPlainText('[not a link] (x)'), '[not a link] (x)');
  });

  it('keeps headings, list items and rules readable, line by line', () => {
    assert.equal(markdownToPlainText('## Edits ##\n- first **one**\n  * nested\n+ third\n1. numbered\n\n---\n***\nend'), 'Edits\n• first one\n  • nested\n• third\n1. numbered\n\n---\n---\nend');
  });

  it('lays a table out in aligned columns under an underlined header', () => {
    const table = '| Code | Meaning |\n|:-----|-------:|\n| `A1` | first \\| second |\n| **B22** | x |';
    assert.equal(markdownToPlainText(`before\n\n${table}\n\nafter`), ['before', '', 'Code  Meaning', '----  --------------', 'A1    first | second', 'B22   x', '', 'after'].join('\n'));
  });

  it('shows a fenced code block as it is, without its fences', () => {
    assert.equal(markdownToPlainText('text\n```json\n{ "a": "**b**" }\n```\nafter'), 'text\n{ "a": "**b**" }\nafter');
  });

  it('shows text escaped by plainMarkdown exactly as written', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }).filter((s) => !/[\r\n]/.test(s)), (text) => {
        assert.equal(markdownToPlainText(`**99999** — “${plainMarkdown(text)}”`), `99999 — “${text}”`);
      }),
      { numRuns: 500 },
    );
    for (const text of ['*bold* _it_ [link](https://example.invalid) `tick <img src=x> <b>B</b>', 'a\\b\\', '| cell | cell |', '# not a heading', '~~x~~']) {
      assert.equal(markdownToPlainText(`_${plainMarkdown(text)}_`), text);
    }
  });
});

describe('hovers as plain text', () => {
  it('a code hover with a descriptor from a user file reads as the file wrote it', () => {
    const descriptor = 'Synthetic *bold* _it_ [link](https://example.invalid) `tick';
    const knowledge = loadKnowledge({ builtinEdits: true, ptpFiles: [], descriptorFiles: ['/licensed/cpt_*v2*_.csv'], readFile: () => `Code,Short,Long\n43200,short,"${descriptor}"\n` });
    const text = writeX12([{ id: 'C1', lines: [{ code: '43214', charge: '1500.00', date: day }, { code: '43200', charge: '400.00', date: day }] }], { lineEnding: '\n' }).text;
    const analysis = analyze(text, knowledge);
    const hover = hoverAt(analysis, text.indexOf('HC:43200') + 3, knowledge);
    assert.ok(hover);
    const plain = markdownToPlainText(hover.markdown);
    assert.ok(plain.startsWith(`43200 — “${descriptor}”`), plain);
    assert.ok(plain.includes('\n• Column 2: bundled into 43214 — no modifier allowed'), plain);
    assert.ok(plain.endsWith('Descriptor from /licensed/cpt_*v2*_.csv (your file; not distributed with Claimlint)'), plain);
    assert.ok(!plain.includes('**') && !plain.includes('\\'), plain);
  });

  it('an element hover with the guide part has no Markdown left', () => {
    const knowledge = loadKnowledge({ builtinEdits: true, ptpFiles: [], descriptorFiles: [], readFile: () => '' });
    const text = writeX12([{ id: 'C1', lines: [{ code: '43214', charge: '1500.00', date: day }] }], { lineEnding: '\n' }).text;
    const analysis = analyze(text, knowledge);
    const hover = hoverAt(analysis, text.indexOf('NM1*85') + 4, knowledge);
    assert.ok(hover);
    assert.match(hover.markdown, /\*\*NM101\*\*.*`85`/s, 'the Markdown has bold and code');
    const plain = markdownToPlainText(hover.markdown);
    assert.match(plain, /^NM101 Entity Identifier Code\n/);
    assert.match(plain, /\nValid codes: 85\n/);
    // Where the guide has the element comes last, under a rule (the plain text keeps it as ---).
    assert.match(plain, /\n---\n\nImplementation guide [^\n]*, loop 2010AA Billing Provider Name, NM1 Billing Provider Name$/);
    assert.doesNotMatch(plain, /[*`\\]/);
  });
});
