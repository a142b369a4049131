// The records of a delimited table whose quoted cells may hold line breaks (the CMS MUE CSV's
// notice and header, a multi-line note of the add-on code spreadsheet): lines joined until their
// quoted cells close. Shared by the MUE and add-on code loaders.

import { ANY_DELIMITER, CELL_START, isInsideQuotes, quoteStateAfter, type QuoteState } from './quotedCells';
import { forEachLine, type TextContent } from './textInput';

/** A quoted cell may hold line breaks; a record still open after this many lines has a quote that is never closed. */
export const MAX_RECORD_LINES = 20;

/** The load problem of a record whose quote is never closed (said on the record's first line). */
export const UNCLOSED_QUOTE_PROBLEM = 'a quoted cell is not closed (a " without its closing ")';

/** Whether text[start, end) has a `"` (a line of a larger string: never searched past end). */
function hasQuote(text: string, start: number, end: number): boolean {
  for (let at = start; at < end; at++) if (text.charCodeAt(at) === 34) return true;
  return false;
}

/**
 * Calls onRecord with each record of a delimited file (CRLF, LF or CR line ends; bytes decoded as
 * forEachLine decodes them) and the line it starts on. A record is a line, except that a quoted
 * cell may hold line breaks: the record ends at the first line end outside a quoted cell (a `"`
 * opens one only at the start of a cell: see quotedCells.ts), and its lines are joined with \n.
 * `delimiter` says the file's delimiter once it is known (the header found), else null: then any
 * candidate delimiter starts a cell. A record still open after MAX_RECORD_LINES lines has a quote
 * that is never closed: onUnclosed gets its first line, and the lines after it are read again on
 * their own. Blank lines are passed too.
 */
export function forEachRecord(
  content: TextContent,
  onRecord: (record: string, line: number) => void,
  onUnclosed: (line: number) => void,
  delimiter: () => string | null = () => null,
): void {
  let pending: string[] = [];
  let pendingLine = 0;
  let state: QuoteState = CELL_START;
  let delimiterCode = ANY_DELIMITER;
  const feed = (text: string, start: number, end: number, lineNumber: number): void => {
    if (pending.length === 0) {
      if (!hasQuote(text, start, end)) {
        onRecord(text.slice(start, end), lineNumber);
        return;
      }
      const known = delimiter();
      delimiterCode = known === null ? ANY_DELIMITER : known.charCodeAt(0);
      state = quoteStateAfter(text, start, end, CELL_START, delimiterCode);
      if (!isInsideQuotes(state)) {
        onRecord(text.slice(start, end), lineNumber);
        return;
      }
      pending = [text.slice(start, end)];
      pendingLine = lineNumber;
      return;
    }
    pending.push(text.slice(start, end));
    // The line break before this line is inside the quoted cell: the state stays quoted across it.
    state = quoteStateAfter(text, start, end, state, delimiterCode);
    if (!isInsideQuotes(state)) {
      const record = pending.join('\n');
      pending = [];
      onRecord(record, pendingLine);
    } else if (pending.length >= MAX_RECORD_LINES) giveUp();
  };
  const giveUp = (): void => {
    const lines = pending;
    const first = pendingLine;
    pending = [];
    onUnclosed(first);
    for (let i = 1; i < lines.length; i++) feed(lines[i]!, 0, lines[i]!.length, first + i);
  };
  forEachLine(content, feed);
  while (pending.length > 0) giveUp();
}

/**
 * forEachRecord for a table loader whose header is found among the records: a quote never closed
 * after the header is a problem of the line it opens on (before it, the notice may hold any text).
 */
export function forEachTableRecord(
  content: TextContent,
  onRecord: (record: string, line: number) => void,
  header: () => { delimiter: string } | null,
  problems: { add(line: number, reason: string): void },
): void {
  forEachRecord(
    content,
    onRecord,
    (line) => {
      if (header() !== null) problems.add(line, UNCLOSED_QUOTE_PROBLEM);
    },
    () => header()?.delimiter ?? null,
  );
}
