// The comparison the shape memo makes (shapeMemo.ts) of a segment's bytes with an entry's: is
// each byte of the text in its range? A range is kept as two bytes per character, `above` (0x7f - the
// highest byte allowed) and `below` (0x80 - the lowest), so that four bytes are tested at once: a
// byte x is in range when x + above has no top bit and x + below has it (no byte carries into the
// next, as every byte is ASCII). The ranges are kept in Int32Arrays, word by word.

/** The top bit of each of four bytes. */
const TOPS = 0x80808080 | 0;

/** The platform's byte order (an Int32Array's). */
const LITTLE_ENDIAN = new Uint8Array(new Int32Array([1]).buffer)[0] === 1;

/**
 * TAIL[n]: a word, in the platform's byte order, whose first n bytes (in memory) are 0xff and the
 * rest 0: the last word of a text of length 4k + n with the bytes past its end cleared.
 */
const TAIL = new Int32Array(new Uint8Array([0, 0, 0, 0, 0xff, 0, 0, 0, 0xff, 0xff, 0, 0, 0xff, 0xff, 0xff, 0]).buffer);

/**
 * Are the `length` bytes of `view` from `x0` in the ranges kept from word `w0` of `above` and
 * `below`? The view must hold the whole last word (the window has slack past its end); the bytes
 * past the text's end are cleared, and their ranges must let any ASCII character through.
 */
export function inRanges(view: DataView, x0: number, above: Int32Array, below: Int32Array, w0: number, length: number): boolean {
  const words = length >> 2;
  // (The view's word is read in the platform's byte order, as the Int32Arrays are, so that each
  // byte meets its own range; the test is per byte, so the order is otherwise no matter.)
  for (let k = 0; k < words; k++) {
    const x = view.getInt32(x0 + 4 * k, LITTLE_ENDIAN);
    if (((x + above[w0 + k]!) | ~(x + below[w0 + k]!)) & TOPS) return false;
  }
  if ((length & 3) === 0) return true;
  const x = view.getInt32(x0 + 4 * words, LITTLE_ENDIAN) & TAIL[length & 3]!;
  return (((x + above[w0 + words]!) | ~(x + below[w0 + words]!)) & TOPS) === 0;
}
