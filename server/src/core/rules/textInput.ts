// Reading rule and descriptor files: where their bytes come from (whole, or a block at a time),
// their encoding, and their lines. Shared by every table loader so all treat bytes the same way;
// splitting a line or a text into fields is delimitedText.ts's, a file's problems loadProblems.ts's.

import { isAscii, isUtf8 } from 'node:buffer';
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
