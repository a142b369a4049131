// The tokenizer's two loops (tokenizer.ts): the segments of a string, one indexOf per segment
// terminator, and of the bytes of ASCII text, four bytes at a time; each segment's id packed from
// its first characters as it is found. What separates segments (line breaks, blanks) is no part
// of any.

import { isIsaAt, isIsaAtIn } from './isa';
import { makeRoom, type Cursor, type TokenizerScratch } from './segmentTable';
import { codeAt, type Source } from './source';

/**
 * A character the tokenizer skips after a terminator (never a segment of its own): CR, LF, space,
 * tab and BOM between segments belong to no segment's elements; so do NUL and the DOS end-of-file
 * mark (Ctrl-Z) that old transfer tools leave at the end.
 */
export function isGap(code: number): boolean {
  // Most characters after a terminator start the next segment id: one comparison for them.
  if (code > 32) return code === 0xfeff;
  return code === 10 || code === 13 || code === 32 || code === 9 || code === 0 || code === 26;
}

/** 128 ** length, for a segment id of 1..3 characters (see segmentIdCode). */
const ID_SCALE = [0, 128, 128 * 128, 128 * 128 * 128] as const;

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

/** The segments of a string, from the cursor on: one indexOf per segment terminator. */
export function splitText(text: string, cursor: Cursor, readIsa: () => boolean, scratch: TokenizerScratch | undefined, leftOut: number | undefined): void {
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
export function splitBytes(bytes: Uint8Array, cursor: Cursor, readIsa: () => boolean, scratch: TokenizerScratch | undefined, leftOut: number | undefined): void {
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
