// The text the guide pass reads, a window at a time, as bytes: where every character of the window
// is ASCII, its UTF-8 bytes are its character codes, one for one, and the pass's character loops
// (the segment scan, the clean memo's comparisons) read a typed array instead of the string, about
// a third faster. Made by the engine's UTF-8 encoder (a fraction of a millisecond per MB), a
// window after another as the pass moves on, so the copy stays small whatever the text's size.
// A window that holds another character is read from the string, as before: the same codes.

/** Characters per window (a piece of a stream is smaller: one window holds it). */
export const WINDOW = 1 << 18;

/** Bytes past a window's last that bytes[] holds (see ByteWindow.bytes). */
export const SLACK = 4;

/**
 * Characters of a pass's first window; each move doubles it up to WINDOW. A fresh process runs
 * the pass's first segments unoptimized: the windows moved then give the engine its feedback on
 * moving (and on comparing a segment with a copy before the window), so the optimized code has
 * those paths instead of leaving itself, at the first move, to be compiled again.
 */
const FIRST_WINDOW = 1 << 11;

export class ByteWindow {
  /** The text the window is of (null: none yet). */
  private text: string | null = null;
  /** The window: text[start, end), read as bytes[at - start] when `ascii`. */
  start = 0;
  end = 0;
  ascii = false;
  /**
   * WINDOW bytes and SLACK more, never written: a comparison four bytes at a time may read the
   * word a window's last segment ends in whole (the shape memo masks the bytes past its end).
   */
  readonly bytes = new Uint8Array(WINDOW + SLACK);
  /** The first WINDOW bytes, which the encoder fills. */
  private readonly target = this.bytes.subarray(0, WINDOW);
  /** The same bytes, read four at a time (comparisons). */
  readonly view = new DataView(this.bytes.buffer);
  private readonly encoder = new TextEncoder();
  /** Characters of the next window moved to (FIRST_WINDOW doubling up to WINDOW). */
  private size = FIRST_WINDOW;

  /**
   * Moves the window, if need be, to hold text[from, to) (a window starts at the first segment it
   * is moved for); true when that range is read as bytes.
   */
  cover(text: string, from: number, to: number): boolean {
    if (text === this.text && from >= this.start && to <= this.end) return this.ascii;
    if (to - from > WINDOW) return false;
    const size = this.size;
    if (size < WINDOW) this.size = size * 2;
    const end = Math.min(text.length, from + Math.max(size, to - from));
    const { read, written } = this.encoder.encodeInto(text.slice(from, end), this.target);
    this.text = text;
    this.start = from;
    this.end = end;
    this.ascii = read === end - from && written === read;
    return this.ascii;
  }

  /** Is text[from, to) in the window, read as bytes (cover() moves it; this does not)? */
  holds(text: string, from: number, to: number): boolean {
    return this.ascii && text === this.text && from >= this.start && to <= this.end;
  }

  /**
   * Whether text[a, a + length) and text[b, b + length) hold the same characters: four bytes at a
   * time where the window holds both, else character by character. The clean memo's exact
   * comparison of a segment with its earlier copy (cleanMemo.ts).
   */
  sameCharacters(text: string, a: number, b: number, length: number): boolean {
    if (this.holds(text, Math.min(a, b), Math.max(a, b) + length)) {
      const view = this.view;
      const bytes = this.bytes;
      const x = a - this.start;
      const y = b - this.start;
      let k = 0;
      for (; k + 4 <= length; k += 4) if (view.getInt32(x + k) !== view.getInt32(y + k)) return false;
      for (; k < length; k++) if (bytes[x + k] !== bytes[y + k]) return false;
      return true;
    }
    for (let k = 0; k < length; k++) if (text.charCodeAt(a + k) !== text.charCodeAt(b + k)) return false;
    return true;
  }
}
