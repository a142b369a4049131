// Reading rule and descriptor files: decoding, line iteration and delimited-field splitting.
// Shared by the PTP loader and the descriptor loader so both treat bytes the same way.

import { isAscii, isUtf8 } from 'node:buffer';

/** File content as read from disk (bytes) or already decoded text. */
export type TextContent = Buffer | Uint8Array | string;

/** Largest rule or descriptor file loaded. CMS practitioner parts are tens of MB each; anything this big is a mistake. */
export const MAX_RULE_FILE_BYTES = 512 * 1024 * 1024;

export function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / (1024 * 1024))} MB` : `${bytes} bytes`;
}

/**
 * A field's value for a load problem: quoted when it is shaped like what rule files hold (a code
 * or indicator of up to 5 characters with a digit in it, a date of 6 to 8 digits, or *), else only
 * its length. A claim file set as a rule file by mistake must not put names or member ids in the
 * log and the warning: a short word of letters only (a surname such as DOE) is never quoted.
 */
export function valueForMessage(text: string): string {
  return /^(?:(?=[A-Za-z]{0,4}\d)[A-Za-z0-9]{1,5}|\d{6,8}|\*)$/.test(text) ? JSON.stringify(text) : `(a ${text.length}-character value)`;
}

/** One problem found while loading a file. line is 1-based; 0 means the file as a whole. */
export interface LoadProblem {
  source: string;
  line: number;
  reason: string;
}

/** Keep at most this many problems per file, so a wrong file (a PDF, a claim file) cannot flood the list. */
export const MAX_PROBLEMS_PER_FILE = 200;

/** Collects a file's problems up to MAX_PROBLEMS_PER_FILE, then only counts them. */
export class ProblemList {
  readonly problems: LoadProblem[] = [];
  private dropped = 0;

  constructor(private readonly source: string) {}

  add(line: number, reason: string): void {
    if (this.problems.length < MAX_PROBLEMS_PER_FILE) this.problems.push({ source: this.source, line, reason });
    else this.dropped++;
  }

  get count(): number {
    return this.problems.length + this.dropped;
  }

  /** The problems, with a closing summary when some were dropped. */
  finish(): LoadProblem[] {
    if (this.dropped > 0) {
      this.problems.push({ source: this.source, line: 0, reason: `${this.dropped} more problems not listed` });
      this.dropped = 0;
    }
    return this.problems;
  }
}

export type TextEncodingName = 'utf8' | 'latin1';

const UTF8_BOM = [0xef, 0xbb, 0xbf];

function hasUtf8Bom(bytes: Uint8Array): boolean {
  return bytes.length >= 3 && bytes[0] === UTF8_BOM[0] && bytes[1] === UTF8_BOM[1] && bytes[2] === UTF8_BOM[2];
}

/**
 * CMS publishes latin-1; users often save CSV as UTF-8 (with or without a BOM). Bytes that are
 * valid UTF-8 are read as UTF-8 (pure ASCII reads the same either way); anything else as latin-1,
 * which never fails and maps 0xE9 to é.
 */
export function detectEncoding(bytes: Uint8Array): TextEncodingName {
  if (hasUtf8Bom(bytes)) return 'utf8';
  // Pure ASCII reads the same either way, and latin-1 decodes fastest.
  return !isAscii(bytes) && isUtf8(bytes) ? 'utf8' : 'latin1';
}

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Decodes a whole file (BOM stripped). */
export function decodeText(content: TextContent): string {
  if (typeof content === 'string') return content.charCodeAt(0) === 0xfeff ? content.slice(1) : content;
  const buffer = asBuffer(content);
  const encoding = detectEncoding(buffer);
  const start = hasUtf8Bom(buffer) ? 3 : 0;
  return buffer.toString(encoding, start);
}

/** Buffers are decoded this many bytes at a time (cut at a line end), never as one huge string. */
const CHUNK_BYTES = 1 << 20;

/** Receives one line as text[start, end) (line terminator excluded), 1-based line numbers. */
export type LineVisitor = (text: string, start: number, end: number, lineNumber: number) => void;

function visitLines(text: string, position: number, separator: string, lineNumber: number, onLine: LineVisitor): number {
  const length = text.length;
  while (position < length) {
    const next = text.indexOf(separator, position);
    const end = next < 0 ? length : next;
    const lineEnd = separator === '\n' && end > position && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
    onLine(text, position, lineEnd, ++lineNumber);
    position = end + 1;
  }
  return lineNumber;
}

/**
 * Calls onLine for each line (CRLF, LF, or CR-only files), without a BOM. Lines are passed as
 * ranges of a larger string so that a million-row table costs no string per line; Buffers are
 * decoded a chunk at a time.
 */
export function forEachLine(content: TextContent, onLine: LineVisitor): void {
  if (typeof content === 'string') {
    const separator = content.indexOf('\n') >= 0 || content.indexOf('\r') < 0 ? '\n' : '\r';
    visitLines(content, content.charCodeAt(0) === 0xfeff ? 1 : 0, separator, 0, onLine);
    return;
  }
  const buffer = asBuffer(content);
  const encoding = detectEncoding(buffer);
  const separatorByte = buffer.indexOf(10) >= 0 || buffer.indexOf(13) < 0 ? 10 : 13;
  const separator = String.fromCharCode(separatorByte);
  let position = hasUtf8Bom(buffer) ? 3 : 0;
  let lineNumber = 0;
  while (position < buffer.length) {
    let end = Math.min(position + CHUNK_BYTES, buffer.length);
    if (end < buffer.length) {
      const lastBreak = buffer.lastIndexOf(separatorByte, end - 1);
      if (lastBreak >= position) end = lastBreak + 1;
      else {
        const nextBreak = buffer.indexOf(separatorByte, end);
        end = nextBreak < 0 ? buffer.length : nextBreak + 1;
      }
    }
    lineNumber = visitLines(buffer.toString(encoding, position, end), 0, separator, lineNumber, onLine);
    position = end;
  }
}

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

/**
 * Parses a whole delimited text into records; quoted fields may span lines (long descriptors
 * sometimes do). Blank lines are skipped.
 */
export function parseDelimited(text: string, delimiter: string): DelimitedRecord[] {
  const records: DelimitedRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let quoted = false;
  let fieldStarted = false;
  const pushRecord = () => {
    fields.push(field);
    if (fields.length > 1 || fields[0]!.trim() !== '') records.push({ fields, line: recordLine });
    fields = [];
    field = '';
    fieldStarted = false;
  };
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      if (c === '\n') line++;
      else if (c === '\r' && text[i + 1] !== '\n') line++;
      field += c;
      i++;
      continue;
    }
    if (c === '"' && !fieldStarted && field.trim() === '') {
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
    if (c === '\r' || c === '\n') {
      pushRecord();
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line++;
      recordLine = line;
      continue;
    }
    field += c;
    if (c !== ' ') fieldStarted = true;
    i++;
  }
  if (fields.length > 0 || field !== '' || fieldStarted) pushRecord();
  return records;
}

/** Delimiters a rule or descriptor file may use, most likely first. */
export const CANDIDATE_DELIMITERS = ['\t', ',', ';', '|'] as const;

/** The delimiter of a header or first row: the first candidate that occurs in it, else tab. */
export function guessDelimiter(line: string): string {
  for (const delimiter of CANDIDATE_DELIMITERS) if (line.includes(delimiter)) return delimiter;
  return '\t';
}

/** Lower-case, letters and digits only: "Column 1 " -> "column1", "*=in existence" -> "inexistence". */
export function normalizeHeader(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}
