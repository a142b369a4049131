// Ranges in a document's text, as the server reports them (LSP positions, UTF-16 characters).
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic, Hover, MarkupContent, Range } from 'vscode-languageserver-protocol';

/** The text a range covers. */
export function textAt(text: string, range: Range): string {
  const doc = TextDocument.create('x', 'x12', 0, text);
  return text.slice(doc.offsetAt(range.start), doc.offsetAt(range.end));
}

/** The range of `needle` inside the `nth` (0-based) occurrence of `within` (by default, that occurrence itself). */
export function rangeOf(text: string, within: string, needle = within, nth = 0): Range {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(within, at + 1);
    assert.ok(at >= 0, `occurrence ${nth} of ${JSON.stringify(within)}`);
  }
  const inner = within.indexOf(needle);
  assert.ok(inner >= 0, `${JSON.stringify(needle)} in ${JSON.stringify(within)}`);
  const doc = TextDocument.create('x', 'x12', 0, text);
  return { start: doc.positionAt(at + inner), end: doc.positionAt(at + inner + needle.length) };
}

/** A hover's Markdown (the test fails when there is no hover). */
export function hoverText(hover: Hover | null): string {
  assert.ok(hover, 'a hover');
  return (hover.contents as MarkupContent).value;
}

/** A diagnostic's message as text (LSP 3.18 allows markup). */
export const messageOf = (d: Diagnostic): string => (typeof d.message === 'string' ? d.message : d.message.value);

/** Each diagnostic as its code and the text it covers: `ptp.conflict@43200`. */
export const summary = (diagnostics: Diagnostic[], text: string): string[] => diagnostics.map((d) => `${d.code}@${textAt(text, d.range)}`);
