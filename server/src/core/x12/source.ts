// What the 837 reader reads its characters from: the text, or the bytes of a file that is ASCII
// (a byte a character, so byte offsets are character offsets), which the CLI reads in blocks and
// hands over as they are. A character read from a byte array costs about half of one read from a
// string (charCodeAt), and bytes need no decoding into strings that are dropped a piece later; only
// the values a check keeps (claim ids, codes, amounts as written) are decoded, one at a time.
//
// The readers take a Source and read it through codeAt and sliceOf, which are small enough to be
// inlined where they are called.

/** Text, or the bytes of ASCII text (byte i is character i). */
export type Source = string | Uint8Array;

/** The character code at `at` (NaN past the end of a string; undefined, which compares alike, past the end of bytes). */
export function codeAt(source: Source, at: number): number {
  return typeof source === 'string' ? source.charCodeAt(at) : source[at]!;
}

/** The characters [start, end) as a string of their own. */
export function sliceOf(source: Source, start: number, end: number): string {
  return typeof source === 'string' ? source.slice(start, end) : latin1(source, start, end);
}

/** Bytes [start, end) decoded a byte a character. */
export function latin1(bytes: Uint8Array, start = 0, end = bytes.length): string {
  if (end <= start) return '';
  // The few bytes of a value (a code, an amount, an id) in one call that makes the string: a call
  // into the runtime, or a string grown a character at a time, costs several times more.
  const b = bytes;
  const s = start;
  switch (end - start) {
    case 1: return String.fromCharCode(b[s]!);
    case 2: return String.fromCharCode(b[s]!, b[s + 1]!);
    case 3: return String.fromCharCode(b[s]!, b[s + 1]!, b[s + 2]!);
    case 4: return String.fromCharCode(b[s]!, b[s + 1]!, b[s + 2]!, b[s + 3]!);
    case 5: return String.fromCharCode(b[s]!, b[s + 1]!, b[s + 2]!, b[s + 3]!, b[s + 4]!);
    case 6: return String.fromCharCode(b[s]!, b[s + 1]!, b[s + 2]!, b[s + 3]!, b[s + 4]!, b[s + 5]!);
    case 7: return String.fromCharCode(b[s]!, b[s + 1]!, b[s + 2]!, b[s + 3]!, b[s + 4]!, b[s + 5]!, b[s + 6]!);
    case 8: return String.fromCharCode(b[s]!, b[s + 1]!, b[s + 2]!, b[s + 3]!, b[s + 4]!, b[s + 5]!, b[s + 6]!, b[s + 7]!);
    case 9: return String.fromCharCode(b[s]!, b[s + 1]!, b[s + 2]!, b[s + 3]!, b[s + 4]!, b[s + 5]!, b[s + 6]!, b[s + 7]!, b[s + 8]!);
    case 10: return String.fromCharCode(b[s]!, b[s + 1]!, b[s + 2]!, b[s + 3]!, b[s + 4]!, b[s + 5]!, b[s + 6]!, b[s + 7]!, b[s + 8]!, b[s + 9]!);
    case 11: return String.fromCharCode(b[s]!, b[s + 1]!, b[s + 2]!, b[s + 3]!, b[s + 4]!, b[s + 5]!, b[s + 6]!, b[s + 7]!, b[s + 8]!, b[s + 9]!, b[s + 10]!);
    case 12: return String.fromCharCode(b[s]!, b[s + 1]!, b[s + 2]!, b[s + 3]!, b[s + 4]!, b[s + 5]!, b[s + 6]!, b[s + 7]!, b[s + 8]!, b[s + 9]!, b[s + 10]!, b[s + 11]!);
  }
  return Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString('latin1');
}

/** The source's length in characters. */
export function lengthOf(source: Source): number {
  return source.length;
}
