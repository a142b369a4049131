import type { Span } from './model';

/** Replace the text of `span` with `newText`. Edits of one change never overlap. */
export interface TextEdit {
  span: Span;
  newText: string;
}

/** Applies non-overlapping edits to text (for the CLI, tests and fix-all). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  let out = '';
  let cursor = 0;
  for (const edit of sorted) {
    if (edit.span.start < cursor) throw new Error(`overlapping edits at offset ${edit.span.start}`);
    out += text.slice(cursor, edit.span.start) + edit.newText;
    cursor = edit.span.end;
  }
  return out + text.slice(cursor);
}
