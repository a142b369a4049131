// The format hovers are sent in (lsp/convert.ts): the client's first choice among the two the
// server writes, in textDocument.hover.contentFormat's order of preference; Markdown otherwise.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hoverContents, hoverFormatOf } from '../../server/src/lsp/convert';

test('the hover format follows the client\'s contentFormat', () => {
  assert.equal(hoverFormatOf(['plaintext']), 'plaintext', 'eglot without markdown-mode');
  assert.equal(hoverFormatOf(['plaintext', 'markdown']), 'plaintext');
  assert.equal(hoverFormatOf(['markdown', 'plaintext']), 'markdown');
  assert.equal(hoverFormatOf(['asciidoc', 'plaintext']), 'plaintext');
  assert.equal(hoverFormatOf(undefined), 'markdown', 'a client that says nothing gets Markdown');
  assert.equal(hoverFormatOf([]), 'markdown');
  assert.equal(hoverFormatOf(['asciidoc']), 'markdown');
});

test('hover contents are the Markdown, or its plain text', () => {
  assert.deepEqual(hoverContents('**43214** `code`', 'markdown'), { kind: 'markdown', value: '**43214** `code`' });
  assert.deepEqual(hoverContents('**43214** `code`', 'plaintext'), { kind: 'plaintext', value: '43214 code' });
});
