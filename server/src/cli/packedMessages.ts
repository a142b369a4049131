// Findings' messages held as bytes until the report writes them (findingList.ts), packed: a
// message is cut into runs of digits and runs of other characters; each run of other characters
// is held once and named by its number, and a run of digits is written as its length and value.
// The coding findings of a big file say the same sentences about different codes, rows and
// dates ("43200 should not be billed with 43214 (row 33) on 02/26/2024: NCCI practitioner PTP
// edit, ..."): a million-row export's 25,000 took 6.5 MB as latin-1 bytes, and take a fifth of
// that so. The bytes are in chunks that are never copied. A message is read as its latin-1 bytes
// (copied natively, then scanned as numbers: faster than reading its characters one by one); one
// with a character over U+00FF is held as it is.

import { isDigit } from '../core/chars';

/** Digits written as one run at most (their value stays below 2^30). */
const DIGITS_PER_RUN = 9;
/** Bytes of a chunk, and the bits of an offset's position in its chunk. */
const CHUNK_BITS = 16;
const CHUNK_BYTES = 1 << CHUNK_BITS;
/** Bytes a message's length or a token takes at most. */
const NUMBER_BYTES = 5;
/** The offset of a message held as it is (`held`): past every chunk's. */
const HELD = 0xffffffff;

export class PackedMessages {
  private readonly chunks: Uint8Array[] = [];
  /** The chunk being written, and the next byte of it. */
  private chunk = new Uint8Array(0);
  private used = 0;
  /** The runs of other characters met, by number, their numbers, and their bytes (`text` of run n is textBytes[textStarts[n], textStarts[n + 1])). */
  private readonly texts: string[] = [];
  private readonly textNumbers = new Map<string, number>();
  private textBytes = new Uint8Array(1024);
  private readonly textStarts: number[] = [0];
  /** The run numbers of the message written last, in order: the next message mostly repeats them. */
  private previous: number[] = [];
  /** Messages held as they are (a character over U+00FF), by the number add() gave them. */
  private readonly held: string[] = [];
  /** Where a message's latin-1 bytes are put to be scanned. */
  private scratch = Buffer.allocUnsafe(4096);
  /** Where get() reads next. */
  private at = 0;

  /** Bytes written so far (held messages aside). */
  get size(): number {
    return this.chunks.length === 0 ? 0 : (this.chunks.length - 1) * CHUNK_BYTES + this.used;
  }

  /**
   * Writes `message` and returns what it is read back by: its offset, or, for a message held as
   * it is, HELD - its number among those.
   */
  add(message: string): number {
    const length = message.length;
    // ASCII, as messages nearly always are, is told natively; latin-1 beyond it is scanned.
    if (Buffer.byteLength(message, 'utf8') !== length && !isLatin1(message)) {
      this.held.push(message);
      return HELD - (this.held.length - 1);
    }
    if (length > this.scratch.length) this.scratch = Buffer.allocUnsafe(length);
    const bytes = this.scratch;
    bytes.write(message, 0, 'latin1');
    // A message is never split between chunks: it takes a fresh one when it may not fit.
    const need = NUMBER_BYTES * (length + 1);
    if (this.used + need > this.chunk.length || this.used >= CHUNK_BYTES) this.newChunk(need);
    const start = (this.chunks.length - 1) * CHUNK_BYTES + this.used;
    this.write(length);
    const previous = this.previous;
    const runs: number[] = [];
    for (let at = 0; at < length; ) {
      let end = at;
      if (isDigit(bytes[at]!)) {
        let value = 0;
        while (end < length && end - at < DIGITS_PER_RUN && isDigit(bytes[end]!)) value = value * 10 + (bytes[end++]! - 48);
        // A run of digits: its length (odd: 2 * length + 1), then its value.
        this.write(2 * (end - at) + 1);
        this.write(value);
      } else {
        while (end < length && !isDigit(bytes[end]!)) end++;
        // The run the previous message had here, when it is this one (no string is made for it).
        const guess = runs.length < previous.length ? previous[runs.length]! : -1;
        const n = guess >= 0 && this.textIs(guess, bytes, at, end) ? guess : this.numberOf(bytes.toString('latin1', at, end));
        runs.push(n);
        this.write(2 * n);
      }
      at = end;
    }
    this.previous = runs;
    return start;
  }

  /** The message add() gave `offset` for. */
  get(offset: number): string {
    if (offset > HELD - this.held.length) return this.held[HELD - offset]!;
    const bytes = this.chunks[offset >>> CHUNK_BITS]!;
    this.at = offset & (CHUNK_BYTES - 1);
    const length = this.read(bytes);
    let out = '';
    while (out.length < length) {
      const token = this.read(bytes);
      if ((token & 1) === 0) {
        out += this.texts[token >>> 1]!;
      } else {
        const digits = token >>> 1;
        const value = String(this.read(bytes));
        out += value.length === digits ? value : value.padStart(digits, '0');
      }
    }
    return out;
  }

  private read(bytes: Uint8Array): number {
    let value = 0;
    for (let scale = 1; ; scale *= 128) {
      const b = bytes[this.at++]!;
      value += (b & 0x7f) * scale;
      if (b < 0x80) return value;
    }
  }

  /** Whether run `n` is bytes[at, end). */
  private textIs(n: number, bytes: Uint8Array, at: number, end: number): boolean {
    const from = this.textStarts[n]!;
    if (this.textStarts[n + 1]! - from !== end - at) return false;
    const text = this.textBytes;
    for (let i = end - at - 1; i >= 0; i--) if (text[from + i] !== bytes[at + i]) return false;
    return true;
  }

  private numberOf(text: string): number {
    let n = this.textNumbers.get(text);
    if (n === undefined) {
      n = this.texts.length;
      this.texts.push(text);
      this.textNumbers.set(text, n);
      const from = this.textStarts[n]!;
      if (from + text.length > this.textBytes.length) {
        const grown = new Uint8Array(2 * (from + text.length));
        grown.set(this.textBytes);
        this.textBytes = grown;
      }
      for (let i = 0; i < text.length; i++) this.textBytes[from + i] = text.charCodeAt(i);
      this.textStarts.push(from + text.length);
    }
    return n;
  }

  private newChunk(atLeast: number): void {
    this.chunk = new Uint8Array(Math.max(CHUNK_BYTES, atLeast));
    this.chunks.push(this.chunk);
    this.used = 0;
  }

  /** Seven bits a byte, the low ones first, the high bit set on all but the last. */
  private write(value: number): void {
    const bytes = this.chunk;
    let at = this.used;
    while (value >= 0x80) {
      bytes[at++] = (value % 0x80) | 0x80;
      value = Math.floor(value / 0x80);
    }
    bytes[at++] = value;
    this.used = at;
  }
}

/** Whether every character of `text` is at most U+00FF (it is its latin-1 bytes). */
function isLatin1(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0xff) return false;
  return true;
}
