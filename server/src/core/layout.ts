// X12 layout: one segment per line, or every segment on one line, keeping the file's own
// delimiters. Only the whitespace between a segment terminator and the next segment changes.
import type { TextEdit } from './edits';
import type { X12Index } from './model';

export type X12Layout = 'segment-per-line' | 'single-line';

export interface LayoutResult {
  edits: TextEdit[];
  /** Why nothing could be done, when that is the case (e.g. newline is the terminator). */
  reason?: string;
}

export function layoutEdits(text: string, index: X12Index, layout: X12Layout): LayoutResult {
  const eol = lineBreakOf(text);
  const edits: TextEdit[] = [];
  for (let i = 0; i + 1 < index.segmentCount; i++) {
    const terminator = index.delimitersOf(i).segment;
    if (terminator === '\n' || terminator === '\r') {
      if (layout === 'single-line') return { edits: [], reason: 'This file uses a line break as its segment terminator, so its segments cannot share one line.' };
      continue;
    }
    const end = index.segmentSpan(i).end;
    if (text.slice(end, end + terminator.length) !== terminator) continue; // unterminated segment: leave it
    const gapStart = end + terminator.length;
    const gapEnd = index.segmentSpan(i + 1).start;
    const gap = text.slice(gapStart, gapEnd);
    if (!/^[ \t\r\n]*$/.test(gap)) continue; // something other than whitespace: not ours to touch
    const wanted = layout === 'single-line' ? '' : eol;
    if (gap !== wanted) edits.push({ span: { start: gapStart, end: gapEnd }, newText: wanted });
  }
  return { edits };
}

/**
 * The line break the file already uses (its first): CRLF, LF, or a lone CR (classic Mac line
 * ends, which some claim systems still write); LF when it has none. Writing any other would
 * leave a formatted file with mixed line ends, and every gap that already breaks the line in
 * the file's own way an edit.
 */
function lineBreakOf(text: string): string {
  const at = text.search(/[\r\n]/);
  if (at < 0 || text.charCodeAt(at) === 10) return '\n';
  return text.charCodeAt(at + 1) === 10 ? '\r\n' : '\r';
}
