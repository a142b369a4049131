// Reading rule and descriptor files: decoding, line iteration and delimited-field splitting.
// Shared by the PTP loader and the descriptor loader so both treat bytes the same way.

import { isAscii, isUtf8 } from 'node:buffer';
import { CANDIDATE_DELIMITERS } from './delimiters';
import { LineBreakSurvey } from './quotedCells';

/**
 * A file read a block at a time (`openFileBlocks` in Node), so a large table is never held whole:
 * each call of `blocks()` reads it again from the start. A block's bytes may be read over when the
 * next block is asked for: keep a copy of what must outlive it.
 */
export interface BlockSource {
  readonly byteLength: number;
  blocks(): Iterable<Uint8Array>;
}

/** File content as read from disk (bytes, whole or a block at a time) or already decoded text. */
export type TextContent = Buffer | Uint8Array | string | BlockSource;

function isBlockSource(content: TextContent): content is BlockSource {
  return typeof content !== 'string' && !(content instanceof Uint8Array);
}

/** Largest rule or descriptor file loaded. CMS practitioner parts are tens of MB each; anything this big is a mistake. */
export const MAX_RULE_FILE_BYTES = 512 * 1024 * 1024;

export function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / (1024 * 1024))} MB` : `${bytes} bytes`;
}

/**
 * A field's value for a load problem: quoted when it is shaped like a code or indicator (up to 5
 * characters with a digit in it) or is *, else only its length. A claim file set as a rule file by
 * mistake must not put names, member ids or birth dates in the log and the warning: a short word
 * of letters only (a surname such as DOE) is never quoted, nor is a run of 6 or more digits (a
 * member id, or a date, which may be a birth date).
 */
export function valueForMessage(text: string): string {
  if (/^(?:(?=[A-Za-z]{0,4}\d)[A-Za-z0-9]{1,5}|\*)$/.test(text)) return JSON.stringify(text);
  const n = text.length;
  // "an 8-character value", "an 11-character value", "an 18-character value".
  const article = n === 11 || n === 18 || String(n).startsWith('8') ? 'an' : 'a';
  return `(${article} ${n}-character value)`;
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
 * What reading a file's lines needs to know of all its bytes: its encoding and its line break.
 * CMS publishes latin-1; users often save CSV as UTF-8 (with or without a BOM). Bytes that are
 * valid UTF-8 are read as UTF-8 (pure ASCII reads the same either way, and latin-1 decodes
 * fastest); anything else as latin-1, which never fails and maps 0xE9 to é, even behind a BOM (a
 * latin-1 file an editor or a concatenation gave one). Lines end at LF (a CR before it dropped)
 * or at CR, as LineBreakSurvey decides from where records end outside quoted cells.
 */
interface Survey {
  encoding: TextEncodingName;
  separatorByte: number;
}

/** Surveys the bytes a block at a time: a UTF-8 character cut by a block's end is checked whole. */
function survey(blocks: Iterable<Uint8Array>): Survey {
  let ascii = true;
  let utf8 = true;
  const lineBreak = new LineBreakSurvey();
  let tail: Buffer | null = null;
  for (const block of blocks) {
    const bytes = asBuffer(block);
    if (!lineBreak.settled) lineBreak.feedBytes(bytes);
    if (!utf8 || (tail === null && isAscii(bytes))) continue;
    ascii = false;
    const joined: Buffer = tail === null ? bytes : Buffer.concat([tail, bytes]);
    const cut = lastCharacterStart(joined);
    utf8 = isUtf8(joined.subarray(0, cut));
    tail = Buffer.from(joined.subarray(cut));
  }
  if (tail !== null && utf8) utf8 = isUtf8(tail);
  // A BOM alone is not UTF-8 text: what follows it must be valid UTF-8 too.
  return { encoding: !ascii && utf8 ? 'utf8' : 'latin1', separatorByte: lineBreak.separatorByte };
}

/** Where the last character of the bytes starts, if they are UTF-8 (a lead byte at most 3 bytes back). */
function lastCharacterStart(bytes: Uint8Array): number {
  let i = bytes.length - 1;
  while (i > 0 && i > bytes.length - 4 && (bytes[i]! & 0xc0) === 0x80) i--;
  return Math.max(i, 0);
}

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function blocksOf(content: Uint8Array | BlockSource): Iterable<Uint8Array> {
  return isBlockSource(content) ? content.blocks() : [content];
}

/** The bytes of a block source in one buffer (of its byteLength, grown only if it gives more). */
function wholeOf(content: BlockSource): Buffer {
  let whole = Buffer.allocUnsafe(content.byteLength);
  let used = 0;
  for (const block of content.blocks()) {
    if (used + block.length > whole.length) {
      const grown = Buffer.allocUnsafe(Math.max(2 * whole.length, used + block.length));
      whole.copy(grown, 0, 0, used);
      whole = grown;
    }
    whole.set(block, used);
    used += block.length;
  }
  return whole.subarray(0, used);
}

/** Decodes a whole file (BOM stripped). */
export function decodeText(content: TextContent): string {
  if (typeof content === 'string') return content.charCodeAt(0) === 0xfeff ? content.slice(1) : content;
  const buffer = isBlockSource(content) ? wholeOf(content) : asBuffer(content);
  const { encoding } = survey([buffer]);
  const start = hasUtf8Bom(buffer) ? 3 : 0;
  return buffer.toString(encoding, start);
}

/** Bytes are decoded this many at a time (cut at a line end), never as one huge string. */
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
 * The bytes in pieces of about CHUNK_BYTES that each end at a line break (or the end of the file),
 * without a BOM. A line longer than a piece is one piece; a line cut by a block's end is joined.
 */
function* lineChunks(blocks: Iterable<Uint8Array>, separatorByte: number): Generator<Buffer> {
  // The start of a line cut by a block's end, in copies (the block's memory holds the next
  // block's bytes once it is read), joined once its line break comes: a file with no line break
  // is copied once, not once a block.
  const pending: Buffer[] = [];
  // The BOM is in the first piece whole: a piece ends at a line break.
  let first = true;
  const piece = (bytes: Buffer): Buffer => {
    const withoutBom = first && hasUtf8Bom(bytes) ? bytes.subarray(3) : bytes;
    first = false;
    return withoutBom;
  };
  for (const block of blocks) {
    const bytes: Buffer = asBuffer(block);
    let position = 0;
    if (pending.length > 0) {
      const lineEnd = bytes.indexOf(separatorByte) + 1;
      if (lineEnd === 0) {
        pending.push(Buffer.from(bytes));
        continue;
      }
      pending.push(bytes.subarray(0, lineEnd));
      yield piece(Buffer.concat(pending));
      pending.length = 0;
      position = lineEnd;
    }
    while (position < bytes.length) {
      const windowEnd = Math.min(position + CHUNK_BYTES, bytes.length);
      const lastBreak = bytes.lastIndexOf(separatorByte, windowEnd - 1);
      const end = lastBreak >= position ? lastBreak + 1 : bytes.indexOf(separatorByte, windowEnd) + 1;
      if (end === 0) break;
      yield piece(bytes.subarray(position, end));
      position = end;
    }
    if (position < bytes.length) pending.push(Buffer.from(bytes.subarray(position)));
  }
  if (pending.length > 0) yield piece(Buffer.concat(pending));
}

/**
 * Calls onLine for each line (CRLF, LF, or CR-only files), without a BOM. Lines are passed as
 * ranges of a larger string so that a million-row table costs no string per line; bytes are
 * decoded a chunk at a time, and a BlockSource is read a block at a time (twice: the encoding and
 * line break depend on all its bytes).
 */
export function forEachLine(content: TextContent, onLine: LineVisitor): void {
  if (typeof content === 'string') {
    const lineBreak = new LineBreakSurvey();
    lineBreak.feedText(content);
    const separator = String.fromCharCode(lineBreak.separatorByte);
    visitLines(content, content.charCodeAt(0) === 0xfeff ? 1 : 0, separator, 0, onLine);
    return;
  }
  const { encoding, separatorByte } = survey(blocksOf(content));
  const separator = String.fromCharCode(separatorByte);
  let lineNumber = 0;
  for (const chunk of lineChunks(blocksOf(content), separatorByte)) {
    lineNumber = visitLines(chunk.toString(encoding), 0, separator, lineNumber, onLine);
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
