// Counting line breaks through a text given in pieces, as LSP counts them (CR, LF and CRLF each
// end a line), for positions.ts: on strings, or on the bytes of a file the CLI read in blocks
// (ASCII, so byte i is character i), which then need no decoding into strings that are dropped
// right after: on the 100 MB 837P of a segment a line, decoding the blocks and skipping from break
// to break with indexOf took about 170 ms, the bytes read a word at a time about 60.

/** What positions.ts asks of a counter, for pieces of type P (the text in order, none empty). */
export interface BreakCounter<P> {
  /** Line breaks counted so far. */
  readonly line: number;
  /** Document offset where the current line starts. */
  readonly lineStart: number;
  /** Starts the next (non-empty) piece; returns the document offset where it ends. */
  begin(piece: P): number;
  /** Counts the breaks of this piece before document offset `target`, which lies inside the piece. */
  countBefore(target: number): void;
  /** Counts the rest of the piece's breaks; a CR at its very end waits for the next piece. */
  endPiece(): void;
  /** After the last piece: a held CR ends a line (nothing follows it). Returns the text's length. */
  end(): number;
}

/**
 * Counts line breaks through strings, skipping from break to break with indexOf. A CR that ends a
 * piece is held back until the next piece shows whether an LF follows it (then the LF is the
 * break, not the CR).
 */
export class LineBreaks implements BreakCounter<string> {
  line = 0;
  lineStart = 0;
  /** Document offset of the current piece. */
  private base = 0;
  private text = '';
  private nextLf = -1;
  private nextCr = -1;
  /** Document offset of a CR that ended the previous piece, or -1. */
  private heldCr = -1;

  begin(piece: string): number {
    if (this.heldCr >= 0) {
      if (piece.charCodeAt(0) !== 10) this.count(this.heldCr);
      this.heldCr = -1;
    }
    this.text = piece;
    this.nextLf = piece.indexOf('\n');
    this.nextCr = piece.indexOf('\r');
    return this.base + piece.length;
  }

  countBefore(target: number): void {
    const text = this.text;
    const limit = target - this.base;
    for (;;) {
      // A CR directly before an LF is not a line break of its own: the LF is.
      while (this.nextCr >= 0 && text.charCodeAt(this.nextCr + 1) === 10) this.nextCr = text.indexOf('\r', this.nextCr + 1);
      const next = this.nextLf < 0 ? this.nextCr : this.nextCr < 0 ? this.nextLf : Math.min(this.nextLf, this.nextCr);
      if (next < 0 || next >= limit) return;
      this.count(this.base + next);
      if (next === this.nextLf) this.nextLf = text.indexOf('\n', next + 1);
      else this.nextCr = text.indexOf('\r', next + 1);
    }
  }

  endPiece(): void {
    const last = this.text.length - 1;
    this.countBefore(this.base + last);
    const code = this.text.charCodeAt(last);
    if (code === 13) this.heldCr = this.base + last;
    else if (code === 10) this.count(this.base + last);
    this.base += this.text.length;
    this.text = '';
  }

  end(): number {
    if (this.heldCr >= 0) this.count(this.heldCr);
    this.heldCr = -1;
    return this.base;
  }

  private count(breakAt: number): void {
    this.line++;
    this.lineStart = breakAt + 1;
  }
}

const NO_BYTES = new Uint8Array(0);

/** Whether an Int32Array holds its bytes least significant first (so byte i of a word is bits 8i to 8i + 7). */
const LITTLE_ENDIAN = new Uint8Array(new Int32Array([1]).buffer)[0] === 1;

/** 0x80 in each byte of w that is 0, and 0 in the others (no borrow runs from one byte into the next). */
function zeroBytes(w: number): number {
  return ~(((w & 0x7f7f7f7f) + 0x7f7f7f7f) | w | 0x7f7f7f7f);
}
const NO_WORDS = new Int32Array(0);

/**
 * Counts line breaks through the bytes of a text of one byte a character, as LineBreaks counts
 * them through its strings. The bytes are read four at a time: a word with no byte below 14 (all
 * but about one in five words of a file of short lines) holds no CR or LF and is passed over, and
 * one whose only breaks are LFs is counted from a mask of them, without looking at its bytes one
 * by one (a byte loop took three times as long). A piece is read only while it is the current one (the CLI hands
 * over one reused buffer).
 */
export class ByteLineBreaks implements BreakCounter<Uint8Array> {
  line = 0;
  lineStart = 0;
  /** Document offset of the current piece. */
  private base = 0;
  private bytes: Uint8Array = NO_BYTES;
  /** The piece's whole aligned words (an Int32Array must start at a multiple of 4 in its buffer), from piece offset `wordsFrom`. */
  private words: Int32Array = NO_WORDS;
  private wordsFrom = 0;
  /** Piece offset up to which the breaks are counted. */
  private at = 0;
  /** Document offset of a CR that ended the previous piece, or -1. */
  private heldCr = -1;
  /** The current piece holds no CR: its breaks are its LFs, counted without a branch a word (countLfs). */
  private lfOnly = false;

  begin(piece: Uint8Array): number {
    if (this.heldCr >= 0) {
      if (piece[0] !== 10) this.count(this.heldCr);
      this.heldCr = -1;
    }
    this.bytes = piece;
    this.at = 0;
    // Buffer's search (memchr): far quicker than the words loop it spares.
    this.lfOnly = Buffer.prototype.indexOf.call(piece, 13) < 0;
    const head = (4 - (piece.byteOffset & 3)) & 3;
    this.wordsFrom = head;
    this.words = piece.length > head ? new Int32Array(piece.buffer, piece.byteOffset + head, (piece.length - head) >>> 2) : NO_WORDS;
    return this.base + piece.length;
  }

  countBefore(target: number): void {
    this.countTo(target - this.base);
  }

  endPiece(): void {
    const bytes = this.bytes;
    const last = bytes.length - 1;
    this.countTo(last);
    const code = bytes[last];
    if (code === 13) this.heldCr = this.base + last;
    else if (code === 10) this.count(this.base + last);
    this.base += bytes.length;
    this.bytes = NO_BYTES;
    this.words = NO_WORDS;
  }

  end(): number {
    if (this.heldCr >= 0) this.count(this.heldCr);
    this.heldCr = -1;
    return this.base;
  }

  /**
   * Counts the breaks at piece offsets [at, limit), limit < the piece's length (so a CR's next
   * byte is always in the piece: a CR at the very end is left to endPiece).
   */
  private countTo(limit: number): void {
    const from = this.at;
    if (from >= limit) return;
    this.at = limit;
    const wordsFrom = this.wordsFrom;
    // Whole words inside [from, limit): words[first] up to, not including, words[stop].
    const first = from <= wordsFrom ? 0 : (from - wordsFrom + 3) >>> 2;
    const stop = limit <= wordsFrom ? 0 : Math.min(this.words.length, (limit - wordsFrom) >>> 2);
    if (stop <= first) {
      this.countBytes(from, limit);
      return;
    }
    this.countBytes(from, wordsFrom + first * 4);
    if (this.lfOnly) {
      this.countLfs(first, stop);
      this.countBytes(wordsFrom + stop * 4, limit);
      return;
    }
    const words = this.words;
    const wordBase = this.base + wordsFrom;
    let line = this.line;
    let lineStart = this.lineStart;
    for (let k = first; k < stop; k++) {
      const w = words[k]!;
      // Some byte of w is below 14 (exactly so for bytes below 128; a byte of 128 or more is never
      // a break): most words have none, and are passed over.
      if (((w - 0x0e0e0e0e) & ~w & 0x80808080) === 0) continue;
      const lf = zeroBytes(w ^ 0x0a0a0a0a);
      if (LITTLE_ENDIAN && zeroBytes(w ^ 0x0d0d0d0d) === 0) {
        // LFs only (a word with a CR is looked at byte by byte): their count, and the last one's
        // byte, from the mask, whose byte i is the word's byte i on a little-endian machine.
        if (lf === 0) continue;
        line += Math.imul(lf >>> 7, 0x01010101) >>> 24;
        lineStart = wordBase + k * 4 + ((31 - Math.clz32(lf)) >>> 3) + 1;
        continue;
      }
      this.line = line;
      this.lineStart = lineStart;
      this.countBytes(wordsFrom + k * 4, wordsFrom + k * 4 + 4);
      line = this.line;
      lineStart = this.lineStart;
    }
    this.line = line;
    this.lineStart = lineStart;
    this.countBytes(wordsFrom + stop * 4, limit);
  }

  /**
   * countTo's whole words [first, stop) of a piece without a CR: the LFs of each word summed from
   * its mask, and the line start read after the last of them (Buffer's lastIndexOf). With a
   * segment a line about one word in five holds an LF, and the general loop's test of each word
   * for a break mispredicted that often; this loop has no branch (the positions of 25,000 offsets
   * in the 100 MB bench file of a segment a line, read in 4 MB blocks: 80 -> 72 ms, 16 of them
   * reading).
   */
  private countLfs(first: number, stop: number): void {
    const words = this.words;
    let lfs = 0;
    for (let k = first; k < stop; k++) lfs += Math.imul(zeroBytes(words[k]! ^ 0x0a0a0a0a) >>> 7, 0x01010101) >>> 24;
    if (lfs === 0) return;
    this.line += lfs;
    const lastLf: number = Buffer.prototype.lastIndexOf.call(this.bytes, 10, this.wordsFrom + stop * 4 - 1);
    this.lineStart = this.base + lastLf + 1;
  }

  private countBytes(from: number, to: number): void {
    const bytes = this.bytes;
    for (let p = from; p < to; p++) {
      const c = bytes[p]!;
      // A CR directly before an LF is not a line break of its own: the LF is.
      if (c === 10 || (c === 13 && bytes[p + 1] !== 10)) {
        this.line++;
        this.lineStart = this.base + p + 1;
      }
    }
  }

  private count(breakAt: number): void {
    this.line++;
    this.lineStart = breakAt + 1;
  }
}
