// Splits X12 text into segments: one indexOf per segment terminator, and the id read from the
// first characters. Only offsets and id codes are stored (in typed arrays); a segment's elements
// are found when someone asks for them (X12SegmentIndex), so the characters of the many
// segments no check reads are never visited one by one.

import type { Delimiters, Finding } from '../model';
import { isaOnLaterLine, isIsaAt, isIsaAtIn, isIsaProblem, readIsaHeader, skipLeadingBlanksIn } from './isa';
import { codeAt, latin1, type Source } from './source';

/** The delimiters in force from `firstSegment` on (one run per ISA). */
export interface DelimiterRun {
  firstSegment: number;
  delimiters: Delimiters;
}

export interface SegmentTable {
  /** The text (decoded from `source` when it is bytes, on first use: the reader reads the bytes). */
  readonly text: string;
  /** What was tokenized: the text, or the bytes of ASCII text (source.ts). */
  readonly source: Source;
  readonly segmentCount: number;
  /** Offset of each segment's first character (its id). */
  readonly segmentStart: Uint32Array;
  /**
   * Offset of each segment's terminator; when the text ends first, where the segment's characters
   * end (before the line breaks and blanks after them, see unterminatedEnd).
   */
  readonly segmentEnd: Uint32Array;
  /** segmentIdCode of each segment's id (the text before its first element separator); 0 when that is not 1..3 ASCII characters. */
  readonly segmentCode: Uint32Array;
  /** Where the last segment's trailing line breaks end (a segment's full span ends where the next begins). */
  readonly trailingEnd: number;
  readonly delimiterRuns: DelimiterRun[];
  readonly findings: Finding[];
}

const INITIAL_CAPACITY = 256;

/** A copy of `array` with room for `capacity` values. */
function grow(array: Uint32Array<ArrayBuffer>, capacity: number): Uint32Array<ArrayBuffer> {
  const next = new Uint32Array(capacity);
  next.set(array);
  return next;
}

/**
 * Room for the segments of a text of `length` characters when `count` segments end before
 * offset `at`: what the rest holds at the same density (and a little more), so that text of one
 * shape (a run of empty segments, short or long segments) grows the arrays once or twice, not
 * by half each time (every growth copies them, and the old and new arrays are held together).
 */
function capacityFor(count: number, at: number, length: number, current: number): number {
  const projected = Math.ceil((count / Math.max(at, 1)) * length * 1.05) + 16;
  return Math.min(Math.max(projected, Math.ceil(current * 1.25), count + 1), length + 1);
}

/** Drops unused capacity when it is over a quarter of the array, so a big document does not keep it. */
function fit(array: Uint32Array<ArrayBuffer>, length: number): Uint32Array<ArrayBuffer> {
  return array.length - length > 4096 && array.length > length * 1.33 ? array.slice(0, length) : array;
}

/**
 * CR, LF, space, tab and BOM between segments belong to no segment's elements; so do NUL and
 * the DOS end-of-file mark (Ctrl-Z) that old transfer tools leave at the end.
 */
/** A character the tokenizer skips after a terminator: line breaks, blanks, NUL, SUB, a BOM (never a segment of its own). */
export function isGap(code: number): boolean {
  // Most characters after a terminator start the next segment id: one comparison for them.
  if (code > 32) return code === 0xfeff;
  return code === 10 || code === 13 || code === 32 || code === 9 || code === 0 || code === 26;
}

/** 128 ** length, for a segment id of 1..3 characters (see segmentIdCode). */
const ID_SCALE = [0, 128, 128 * 128, 128 * 128 * 128] as const;

function firstLineEnd(text: Source, from: number): number {
  let at = from;
  while (at < text.length && at - from < 106) {
    const code = codeAt(text, at);
    if (code === 10 || code === 13) break;
    at++;
  }
  return at;
}

/**
 * Where a segment that starts at `at` and has no terminator before the text ends, ends: before
 * the line breaks and blanks that end the text (tokenizer's gaps; an editor's final newline
 * after an unterminated IEA is no part of IEA02), as they would be after a terminator.
 */
function unterminatedEnd(text: Source, at: number, elementCode: number, leftOut = -1): number {
  let end = text.length;
  const floor = Math.max(at, leftOut);
  while (end > floor && isGap(codeAt(text, end - 1)) && codeAt(text, end - 1) !== elementCode) end--;
  return end;
}

/**
 * Whether the table's last segment ends in its terminator with only gaps after it (the text
 * after it, if any, would start a segment); false for an unterminated one, whose segmentEnd may
 * fall before trailing line breaks (unterminatedEnd), so it is not told by segmentEnd alone.
 */
export function endsTerminated(table: SegmentTable): boolean {
  const count = table.segmentCount;
  const run = table.delimiterRuns[table.delimiterRuns.length - 1];
  if (count === 0 || run === undefined) return false;
  const end = table.segmentEnd[count - 1]!;
  const source = table.source;
  return end < source.length && codeAt(source, end) === run.delimiters.segment.charCodeAt(0) && table.trailingEnd === source.length;
}

export interface TokenizeOptions {
  /**
   * The delimiters in force where the text starts, when it is a piece of a document that
   * continues an interchange (it starts with a segment after the ISA, so no ISA is looked for).
   */
  continuing?: Delimiters;
  /**
   * Arrays to tokenize into, kept from one call to the next (a document read in pieces, one
   * piece at a time): the table's arrays are then views of them, which the next call with the
   * same scratch overwrites, so a table made this way is read only until the next one is made.
   * Without it, each table has arrays of its own.
   */
  scratch?: TokenizerScratch;
  /**
   * Where the text leaves out the rest of its last segment, not all gaps (the middle of a long
   * segment the CLI's reader does not hold, x12/stream.ts Hole): that segment, when the text ends
   * without its terminator, ends there at the earliest, not before the gaps at the end of the text.
   */
  leftOut?: number;
}

/** Reusable arrays for tokenize (see TokenizeOptions.scratch). */
export class TokenizerScratch {
  segmentStart = new Uint32Array(INITIAL_CAPACITY);
  segmentEnd = new Uint32Array(INITIAL_CAPACITY);
  segmentCode = new Uint32Array(INITIAL_CAPACITY);
}

/**
 * A byte table's text, decoded when first asked for (the reader reads the bytes; a finding about
 * the ISA header, or a check that reads the text itself, asks for it).
 */
class ByteTable implements SegmentTable {
  private decoded: string | null = null;

  constructor(
    readonly source: Uint8Array,
    readonly segmentCount: number,
    readonly segmentStart: Uint32Array,
    readonly segmentEnd: Uint32Array,
    readonly segmentCode: Uint32Array,
    readonly trailingEnd: number,
    readonly delimiterRuns: DelimiterRun[],
    readonly findings: Finding[],
  ) {}

  get text(): string {
    return (this.decoded ??= latin1(this.source));
  }
}

/** Where the tokenizer is in its source: what the loops over a string and over bytes share. */
interface Cursor {
  segmentStart: Uint32Array<ArrayBuffer>;
  segmentEnd: Uint32Array<ArrayBuffer>;
  segmentCode: Uint32Array<ArrayBuffer>;
  segmentCount: number;
  elementCode: number;
  terminatorCode: number;
  trailingEnd: number;
  at: number;
}

/**
 * Splits `source` (text, or the bytes of ASCII text: the same table for the same characters) into
 * segments.
 */
export function tokenize(source: Source, options: TokenizeOptions = {}): SegmentTable {
  const length = source.length;
  const findings: Finding[] = [];
  const delimiterRuns: DelimiterRun[] = [];
  // The text of bytes, for the ISA headers (read from a string): decoded once, when one is read.
  let decoded: string | null = typeof source === 'string' ? source : null;
  const text = (): string => (decoded ??= latin1(source as Uint8Array));

  // Sized from what 837s hold (about 22 characters a segment) so that a large file seldom
  // grows or trims, each of which copies the array.
  const scratch = options.scratch;
  const wanted = Math.max(INITIAL_CAPACITY, (length / 20) | 0);
  if (scratch && scratch.segmentStart.length < wanted) {
    scratch.segmentStart = new Uint32Array(wanted);
    scratch.segmentEnd = new Uint32Array(wanted);
    scratch.segmentCode = new Uint32Array(wanted);
  }
  const cursor: Cursor = {
    segmentStart: scratch ? scratch.segmentStart : new Uint32Array(wanted),
    segmentEnd: scratch ? scratch.segmentEnd : new Uint32Array(wanted),
    segmentCode: scratch ? scratch.segmentCode : new Uint32Array(wanted),
    segmentCount: 0,
    elementCode: -1,
    terminatorCode: -1,
    trailingEnd: 0,
    at: 0,
  };

  let at = skipLeadingBlanksIn(source);
  const continuing = options.continuing;
  if (continuing) {
    cursor.elementCode = continuing.element.charCodeAt(0);
    cursor.terminatorCode = continuing.segment.charCodeAt(0);
    delimiterRuns.push({ firstSegment: 0, delimiters: continuing });
  } else if (!isIsaAtIn(source, at)) {
    // Sample files sometimes carry a note above the header: accept an ISA that starts a later line.
    const later = isaOnLaterLine(text(), at, length);
    if (later < 0) {
      findings.push({
        rule: 'x12.isa-missing',
        severity: 'error',
        message:
          at >= length
            ? 'The document is empty: an X12 file starts with an ISA segment'
            : 'No ISA segment at the start: an X12 interchange must begin with ISA, which sets the delimiters',
        span: { start: at, end: firstLineEnd(source, at) },
      });
      at = length;
    } else {
      let end = later;
      while (end > at && isGap(codeAt(source, end - 1))) end--;
      findings.push({
        rule: 'x12.text-before-isa',
        severity: 'warning',
        message: 'Text before the ISA header is not part of the interchange; receivers expect the file to start with ISA',
        span: { start: at, end },
      });
      at = later;
    }
  }
  cursor.at = at;

  /**
   * The ISA at the cursor: its delimiters from then on (a run), or the finding about its
   * header. False when the segments cannot be split (a malformed header with no delimiters before it).
   */
  const readIsa = (): boolean => {
    const at = cursor.at;
    const header = readIsaHeader(text(), at);
    if (isIsaProblem(header)) {
      findings.push({
        rule: 'x12.isa-malformed',
        severity: 'error',
        message: header.message,
        span: { start: at, end: firstLineEnd(source, at) },
      });
      // Without delimiters from an earlier interchange there is nothing to split on.
      return cursor.elementCode >= 0;
    }
    cursor.elementCode = header.delimiters.element.charCodeAt(0);
    cursor.terminatorCode = header.delimiters.segment.charCodeAt(0);
    delimiterRuns.push({ firstSegment: cursor.segmentCount, delimiters: header.delimiters });
    if (!header.fixedWidth) {
      findings.push({
        rule: 'x12.isa-width',
        severity: 'warning',
        message: 'ISA fields are not padded to their fixed widths (the header should be 106 characters); many receivers reject it',
        span: { start: at, end: header.terminatorOffset },
      });
    }
    return true;
  };

  if (typeof source === 'string') splitText(source, cursor, readIsa, scratch, options.leftOut);
  else splitBytes(source, cursor, readIsa, scratch, options.leftOut);

  const segmentCount = cursor.segmentCount;
  const segmentStart = scratch ? cursor.segmentStart.subarray(0, segmentCount) : fit(cursor.segmentStart, segmentCount);
  const segmentEnd = scratch ? cursor.segmentEnd.subarray(0, segmentCount) : fit(cursor.segmentEnd, segmentCount);
  const segmentCode = scratch ? cursor.segmentCode.subarray(0, segmentCount) : fit(cursor.segmentCode, segmentCount);
  if (typeof source !== 'string') {
    return new ByteTable(source, segmentCount, segmentStart, segmentEnd, segmentCode, cursor.trailingEnd, delimiterRuns, findings);
  }
  return { text: source, source, segmentCount, segmentStart, segmentEnd, segmentCode, trailingEnd: cursor.trailingEnd, delimiterRuns, findings };
}

/** Room for one more segment in the cursor's arrays (and the scratch's). */
function makeRoom(cursor: Cursor, length: number, scratch: TokenizerScratch | undefined): void {
  const capacity = capacityFor(cursor.segmentCount, cursor.at, length, cursor.segmentStart.length);
  cursor.segmentStart = grow(cursor.segmentStart, capacity);
  cursor.segmentEnd = grow(cursor.segmentEnd, capacity);
  cursor.segmentCode = grow(cursor.segmentCode, capacity);
  if (scratch) {
    scratch.segmentStart = cursor.segmentStart;
    scratch.segmentEnd = cursor.segmentEnd;
    scratch.segmentCode = cursor.segmentCode;
  }
}

/** The segments of a string, from the cursor on: one indexOf per segment terminator. */
function splitText(text: string, cursor: Cursor, readIsa: () => boolean, scratch: TokenizerScratch | undefined, leftOut: number | undefined): void {
  const length = text.length;
  let segmentStart = cursor.segmentStart;
  let segmentEnd = cursor.segmentEnd;
  let segmentCode = cursor.segmentCode;
  let segmentCount = cursor.segmentCount;
  let elementCode = cursor.elementCode;
  let terminatorCode = cursor.terminatorCode;
  let terminatorChar = terminatorCode < 0 ? '' : String.fromCharCode(terminatorCode);
  let at = cursor.at;
  let trailingEnd = cursor.trailingEnd;
  while (at < length) {
    const first = text.charCodeAt(at);
    if (first === 73 /* I */ && isIsaAt(text, at)) {
      cursor.at = at;
      cursor.segmentCount = segmentCount;
      if (!readIsa()) break;
      elementCode = cursor.elementCode;
      terminatorCode = cursor.terminatorCode;
      terminatorChar = String.fromCharCode(terminatorCode);
    }

    if (segmentCount === segmentStart.length) {
      cursor.at = at;
      cursor.segmentCount = segmentCount;
      makeRoom(cursor, length, scratch);
      segmentStart = cursor.segmentStart;
      segmentEnd = cursor.segmentEnd;
      segmentCode = cursor.segmentCode;
    }
    segmentStart[segmentCount] = at;

    // An empty segment (a run of terminators) is told without a call to indexOf.
    let end = terminatorCode < 0 ? -1 : first === terminatorCode ? at : text.indexOf(terminatorChar, at);
    if (end < 0) end = unterminatedEnd(text, at, elementCode, leftOut);
    // The id: up to the first element separator (or the terminator), packed as segmentIdCode
    // does; an id with a character past ASCII is none (no segment id has one), and so is one
    // of 4 or more characters. Read character by character, unrolled: this runs for every segment.
    const size = end - at;
    let code = 0;
    if (size > 0 && first !== elementCode && first < 128) {
      const second = size > 1 ? text.charCodeAt(at + 1) : elementCode;
      if (second === elementCode) code = ID_SCALE[1] + first;
      else if (second < 128) {
        const third = size > 2 ? text.charCodeAt(at + 2) : elementCode;
        if (third === elementCode) code = 2 * ID_SCALE[2] + first * 128 + second;
        else if (third < 128 && (size === 3 || text.charCodeAt(at + 3) === elementCode)) code = 3 * ID_SCALE[3] + (first * 128 + second) * 128 + third;
      }
    }
    segmentCode[segmentCount] = code;
    let i = end;
    segmentEnd[segmentCount++] = i;
    if (i < length && text.charCodeAt(i) === terminatorCode) i++; // the terminator
    while (i < length && isGap(text.charCodeAt(i))) i++;
    trailingEnd = i;
    at = i;
  }
  cursor.segmentCount = segmentCount;
  cursor.trailingEnd = trailingEnd;
}

const NO_WORDS = new Int32Array(0);

/**
 * Index of the first `code` in bytes[from..], or bytes.length: four bytes at a time (`words`, the
 * bytes read as little-endian int32s; `pattern` is `code` in each of a word's bytes), as a word
 * holds a byte equal to `code` when (x - 0x01010101) & ~x & 0x80808080 is not 0 for x = word ^
 * pattern, and its lowest set bit is that of the first such byte. Segments are some 20 bytes, and
 * this takes about a third of the time of reading them one by one (or of a call to indexOf).
 */
function findByte(bytes: Uint8Array, words: Int32Array, from: number, code: number, pattern: number): number {
  const wordCount = words.length;
  let w = from >> 2;
  if (w < wordCount) {
    // The word `from` is in, without its bytes before `from`: a byte equal to `code` among those
    // may mark the bytes after it too, so each marked byte is checked.
    const x = words[w]! ^ pattern;
    let bits = (x - 0x01010101) & ~x & (0x80808080 << ((from & 3) << 3));
    while (bits !== 0) {
      const at = (w << 2) + ((31 - Math.clz32(bits & -bits)) >> 3);
      if (bytes[at] === code) return at;
      bits &= bits - 1;
    }
    for (w++; w < wordCount; w++) {
      const y = words[w]! ^ pattern;
      const found = (y - 0x01010101) & ~y & 0x80808080;
      if (found !== 0) return (w << 2) + ((31 - Math.clz32(found & -found)) >> 3);
    }
  }
  // The bytes after the last whole word (all of them when the bytes are not read as words).
  const length = bytes.length;
  for (let at = Math.max(from, wordCount << 2); at < length; at++) if (bytes[at] === code) return at;
  return length;
}

/**
 * The segments of the bytes of ASCII text, from the cursor on: splitText's segments, found by
 * reading the bytes (a call to indexOf per segment would cost more than the few bytes of one).
 */
function splitBytes(bytes: Uint8Array, cursor: Cursor, readIsa: () => boolean, scratch: TokenizerScratch | undefined, leftOut: number | undefined): void {
  const length = bytes.length;
  let segmentStart = cursor.segmentStart;
  let segmentEnd = cursor.segmentEnd;
  let segmentCode = cursor.segmentCode;
  let segmentCount = cursor.segmentCount;
  let elementCode = cursor.elementCode;
  let terminatorCode = cursor.terminatorCode;
  let pattern = (terminatorCode * 0x01010101) | 0;
  // The bytes four at a time, where they start on a multiple of 4 (the stream's buffers do).
  const words = bytes.byteOffset % 4 === 0 ? new Int32Array(bytes.buffer, bytes.byteOffset, length >> 2) : NO_WORDS;
  let at = cursor.at;
  let trailingEnd = cursor.trailingEnd;
  while (at < length) {
    const first = bytes[at]!;
    if (first === 73 /* I */ && isIsaAtIn(bytes, at)) {
      cursor.at = at;
      cursor.segmentCount = segmentCount;
      if (!readIsa()) break;
      elementCode = cursor.elementCode;
      terminatorCode = cursor.terminatorCode;
      pattern = (terminatorCode * 0x01010101) | 0;
    }

    if (segmentCount === segmentStart.length) {
      cursor.at = at;
      cursor.segmentCount = segmentCount;
      makeRoom(cursor, length, scratch);
      segmentStart = cursor.segmentStart;
      segmentEnd = cursor.segmentEnd;
      segmentCode = cursor.segmentCode;
    }
    segmentStart[segmentCount] = at;

    let end = terminatorCode < 0 ? length : first === terminatorCode ? at : findByte(bytes, words, at, terminatorCode, pattern);
    if (end === length) end = unterminatedEnd(bytes, at, elementCode, leftOut);
    // The id, as splitText reads it (ASCII bytes are all below 128).
    const size = end - at;
    let code = 0;
    if (size > 0 && first !== elementCode) {
      const second = size > 1 ? bytes[at + 1]! : elementCode;
      if (second === elementCode) code = ID_SCALE[1] + first;
      else {
        const third = size > 2 ? bytes[at + 2]! : elementCode;
        if (third === elementCode) code = 2 * ID_SCALE[2] + first * 128 + second;
        else if (size === 3 || bytes[at + 3] === elementCode) code = 3 * ID_SCALE[3] + (first * 128 + second) * 128 + third;
      }
    }
    segmentCode[segmentCount] = code;
    let i = end;
    segmentEnd[segmentCount++] = i;
    if (i < length && bytes[i] === terminatorCode) i++; // the terminator
    // isGap for bytes: no BOM in ASCII.
    while (i < length) {
      const c = bytes[i]!;
      if (c > 32 || !(c === 10 || c === 13 || c === 32 || c === 9 || c === 0 || c === 26)) break;
      i++;
    }
    trailingEnd = i;
    at = i;
  }
  cursor.segmentCount = segmentCount;
  cursor.trailingEnd = trailingEnd;
}
