// A rule or descriptor file's fields: one line split on its delimiter, or a whole text parsed
// into records whose quoted fields may span lines (RFC 4180, read leniently as spreadsheets
// write it); the delimiter guessed from a header, and header names compared as letters and digits.

import { CANDIDATE_DELIMITERS } from './delimiters';

/**
 * Splits one line on a delimiter, honouring "quoted" fields with "" escapes (RFC 4180 within a
 * line). Fields are not trimmed.
 */
export function splitDelimitedLine(line: string, delimiter: string): string[] {
  if (line.indexOf('"') < 0) return line.split(delimiter);
  const fields: string[] = [];
  let pos = 0;
  for (;;) {
    // Leading blanks before an opening quote are tolerated: a, "b, c", d
    let start = pos;
    while (start < line.length && line[start] === ' ') start++;
    if (line[start] === '"') {
      let value = '';
      let i = start + 1;
      for (;;) {
        const quote = line.indexOf('"', i);
        if (quote < 0) {
          value += line.slice(i); // unterminated: take the rest
          i = line.length;
          break;
        }
        value += line.slice(i, quote);
        if (line[quote + 1] === '"') {
          value += '"';
          i = quote + 2;
        } else {
          i = quote + 1;
          break;
        }
      }
      const next = line.indexOf(delimiter, i);
      // Text between the closing quote and the delimiter is kept (lenient, like spreadsheets).
      value += next < 0 ? line.slice(i) : line.slice(i, next);
      fields.push(value);
      if (next < 0) return fields;
      pos = next + delimiter.length;
    } else {
      const next = line.indexOf(delimiter, pos);
      if (next < 0) {
        fields.push(line.slice(pos));
        return fields;
      }
      fields.push(line.slice(pos, next));
      pos = next + delimiter.length;
    }
  }
}

/** One record of a delimited file, with the 1-based line it starts on. */
export interface DelimitedRecord {
  fields: string[];
  line: number;
}

const QUOTE = 34;
const CR = 13;
const LF = 10;
const SPACE = 32;

/** Line breaks in text[start, end): LF, and CR not followed by LF (a CR before LF is one break with it). */
function lineBreaksIn(text: string, start: number, end: number): number {
  let count = 0;
  for (let at = start; at < end; at++) {
    const c = text.charCodeAt(at);
    if (c === LF || (c === CR && text.charCodeAt(at + 1) !== LF)) count++;
  }
  return count;
}

/** The offset after the first line break at or after `at` (CRLF one break), or the text's length. */
function afterLineBreak(text: string, at: number): number {
  for (; at < text.length; at++) {
    const c = text.charCodeAt(at);
    if (c === LF) return at + 1;
    if (c === CR) return text.charCodeAt(at + 1) === LF ? at + 2 : at + 1;
  }
  return text.length;
}

/**
 * How parseDelimited treats a quote that is never closed, as the MUE and add-on code loaders do
 * (records.ts): without it, the quoted field takes the rest of the text.
 */
export interface UnclosedQuotes {
  /** A record still inside a quoted field after this many lines has a quote that is never closed. */
  maxRecordLines: number;
  /** Given the line such a record starts on; the record is dropped and the lines after that one are read again on their own. */
  onUnclosed(line: number): void;
}

/**
 * Parses a whole delimited text into records; quoted fields may span lines (long descriptors
 * sometimes do). Blank lines are skipped. A field is taken as slices of the text (a run of plain
 * characters, the text between two quotes), joined only across a doubled quote, so that a cell of
 * many megabytes costs its size, not a string node per character. With `unclosed`, a quote never
 * closed (a typo, a file cut short) costs its own record, not every record after it.
 */
export function parseDelimited(text: string, delimiter: string, unclosed?: UnclosedQuotes): DelimitedRecord[] {
  const records: DelimitedRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let quoted = false;
  // A character other than a blank is in the field (or a quoted part was): a quote is then a plain character.
  let fieldStarted = false;
  const pushRecord = () => {
    fields.push(field);
    if (fields.length > 1 || fields[0]!.trim() !== '') records.push({ fields, line: recordLine });
    fields = [];
    field = '';
    fieldStarted = false;
  };
  const length = text.length;
  const delimiterStart = delimiter.charCodeAt(0);
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  /** Offset of the record's first character (where an unclosed quote's record is read again from). */
  let recordStart = i;
  while (i < length) {
    if (quoted) {
      // Up to the next quote, as one slice; an unterminated quote takes the rest of the text (unless `unclosed`).
      const quote = text.indexOf('"', i);
      const end = quote < 0 ? length : quote;
      line += lineBreaksIn(text, i, end);
      if (unclosed !== undefined && (quote < 0 || line - recordLine >= unclosed.maxRecordLines)) {
        unclosed.onUnclosed(recordLine);
        // Which later quote was meant to close it cannot be told: its first line is dropped, and
        // the next line starts a record (records.ts gives up on such a record so).
        i = afterLineBreak(text, recordStart);
        recordStart = i;
        line = recordLine + 1;
        recordLine = line;
        fields = [];
        field = '';
        fieldStarted = false;
        quoted = false;
        continue;
      }
      field += text.slice(i, end);
      if (quote < 0) break;
      if (text.charCodeAt(quote + 1) === QUOTE) {
        field += '"';
        i = quote + 2;
      } else {
        quoted = false;
        i = quote + 1;
      }
      continue;
    }
    const c = text.charCodeAt(i);
    // Only blanks before it: the quote opens a quoted field (the blanks are dropped).
    if (c === QUOTE && !fieldStarted) {
      quoted = true;
      fieldStarted = true;
      field = '';
      i++;
      continue;
    }
    if (text.startsWith(delimiter, i)) {
      fields.push(field);
      field = '';
      fieldStarted = false;
      i += delimiter.length;
      continue;
    }
    if (c === CR || c === LF) {
      pushRecord();
      i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
      line++;
      recordLine = line;
      recordStart = i;
      continue;
    }
    // A run of plain characters: this one, and those after it up to one that may end the field or open a quote.
    let end = i + 1;
    while (end < length) {
      const next = text.charCodeAt(end);
      if (next === CR || next === LF || next === QUOTE || next === delimiterStart) break;
      end++;
    }
    if (!fieldStarted) {
      for (let at = i; at < end; at++) {
        if (text.charCodeAt(at) !== SPACE) {
          fieldStarted = true;
          break;
        }
      }
    }
    field += text.slice(i, end);
    i = end;
  }
  if (fields.length > 0 || field !== '' || fieldStarted) pushRecord();
  return records;
}

/** Delimiters a rule or descriptor file may use, most likely first (data in delimiters.ts). */
export { CANDIDATE_DELIMITERS };

/** The delimiter of a header or first row: the first candidate that occurs in it, else tab. */
export function guessDelimiter(line: string): string {
  for (const delimiter of CANDIDATE_DELIMITERS) if (line.includes(delimiter)) return delimiter;
  return '\t';
}

/** Lower-case, letters and digits only: "Column 1 " -> "column1", "*=in existence" -> "inexistence". */
export function normalizeHeader(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}
