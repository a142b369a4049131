// Where a finding is, as LSP and the report formats count it: zero-based lines and UTF-16
// characters for the offsets the findings name, found in one pass over the text (or its pieces).
import type { Finding, Span } from '../core/model';
import type { Position, Range } from '../core/text';
import { lastAtOrBefore } from '../core/search';

/** Positions of a sorted set of offsets: offsets[i] is at lines[i], characters[i]. */
interface Located {
  offsets: Uint32Array;
  lines: Uint32Array;
  characters: Uint32Array;
}

/**
 * Zero-based lines and UTF-16 characters for a set of offsets, as LSP counts them (CR, LF and
 * CRLF each end a line), found in one pass over the text that skips from line break to line break
 * with indexOf: no per-line table of a large file is kept. The text may be given whole, or as
 * pieces in order (a big file read again in blocks): only the wanted offsets are kept either way.
 */
export class Positions {
  private readonly offsets: Uint32Array;
  private readonly lines: Uint32Array;
  private readonly characters: Uint32Array;

  /**
   * `text` is the whole text, any iterable of its pieces in order (read lazily, once), or the
   * length of a text known to have no line breaks.
   */
  constructor(text: string | Iterable<string> | { oneLineOf: number }, wanted: Iterable<number>) {
    const located =
      typeof text === 'string' ? locateInPieces([text], wanted) : 'oneLineOf' in text ? locateOnOneLine(text.oneLineOf, wanted) : locateInPieces(text, wanted);
    this.offsets = located.offsets;
    this.lines = located.lines;
    this.characters = located.characters;
  }

  /** The position of an offset given to the constructor (others get the nearest one before). */
  at(offset: number): Position {
    if (this.offsets.length === 0) return { line: 0, character: 0 };
    const low = Math.max(0, lastAtOrBefore(this.offsets, offset));
    return { line: this.lines[low]!, character: this.characters[low]! };
  }

  /** at(offset) without the object: an index for lineAt and characterAt (-1 when no offset was given). */
  indexOf(offset: number): number {
    return this.offsets.length === 0 ? -1 : Math.max(0, lastAtOrBefore(this.offsets, offset));
  }

  lineAt(index: number): number {
    return index < 0 ? 0 : this.lines[index]!;
  }

  characterAt(index: number): number {
    return index < 0 ? 0 : this.characters[index]!;
  }

  range(span: Span): Range {
    return { start: this.at(span.start), end: this.at(span.end) };
  }

  /** Positions of the findings' offsets in a text of `length` characters without line breaks. */
  static onOneLine(length: number, findings: readonly Finding[]): Positions {
    return new Positions({ oneLineOf: length }, offsetsOf(findings));
  }

  /** Positions for every offset the findings point at, in the text or its pieces. */
  static forFindings(text: string | Iterable<string>, findings: readonly Finding[]): Positions {
    return new Positions(text, offsetsOf(findings));
  }
}

/** Every offset the findings point at (span and related spans, start and end). */
export function offsetsOf(findings: readonly Finding[]): number[] {
  const offsets: number[] = [];
  for (const finding of findings) {
    offsets.push(finding.span.start, finding.span.end);
    for (const related of finding.related ?? []) offsets.push(related.span.start, related.span.end);
  }
  return offsets;
}

/** Positions in a text of `length` characters without line breaks: line 0, the offset (clamped) as character. */
function locateOnOneLine(length: number, wanted: Iterable<number>): Located {
  const offsets = distinctSorted(wanted, length);
  return { offsets, lines: new Uint32Array(offsets.length), characters: offsets.slice() };
}

/**
 * The offsets, clamped to [0, max], in ascending order without repeats: in a typed array rather
 * than through a Set and its iterators (a big file's findings point at tens of thousands).
 */
function distinctSorted(wanted: Iterable<number>, max: number): Uint32Array {
  const all: number[] = [];
  for (const offset of wanted) all.push(Math.max(0, Math.min(offset, max)));
  const sorted = Uint32Array.from(all).sort();
  let count = 0;
  for (let i = 0; i < sorted.length; i++) {
    if (count === 0 || sorted[i] !== sorted[count - 1]) sorted[count++] = sorted[i]!;
  }
  return sorted.slice(0, count);
}

/**
 * Lines and characters of the wanted offsets in a text given as pieces in order (a whole text is
 * one piece). An offset is placed in the piece that holds the character at it (all line breaks
 * before it are then known); offsets at or past the end of the text are placed at its end. Stops
 * reading once every offset is placed.
 */
function locateInPieces(pieces: Iterable<string>, wanted: Iterable<number>): Located {
  const sorted = distinctSorted(wanted, Infinity);
  const lines = new Uint32Array(sorted.length);
  const characters = new Uint32Array(sorted.length);
  const breaks = new LineBreaks();
  let placed = 0;
  if (sorted.length === 0) return { offsets: new Uint32Array(0), lines, characters };
  for (const piece of pieces) {
    if (piece.length === 0) continue;
    const end = breaks.begin(piece);
    for (; placed < sorted.length && sorted[placed]! < end; placed++) {
      breaks.countBefore(sorted[placed]!);
      lines[placed] = breaks.line;
      characters[placed] = sorted[placed]! - breaks.lineStart;
    }
    if (placed === sorted.length) break;
    breaks.endPiece();
  }
  if (placed === sorted.length) return { offsets: sorted, lines, characters };
  // The rest are at or past the end of the text: they all become the one offset of its end.
  const length = breaks.end();
  lines[placed] = breaks.line;
  characters[placed] = length - breaks.lineStart;
  sorted[placed] = length;
  const count = placed + 1;
  return { offsets: sorted.slice(0, count), lines: lines.slice(0, count), characters: characters.slice(0, count) };
}

/**
 * Counts line breaks through a text given in pieces. A CR that ends a piece is held back until the
 * next piece shows whether an LF follows it (then the LF is the break, not the CR).
 */
class LineBreaks {
  line = 0;
  /** Document offset where the current line starts. */
  lineStart = 0;
  /** Document offset of the current piece. */
  private base = 0;
  private text = '';
  private nextLf = -1;
  private nextCr = -1;
  /** Document offset of a CR that ended the previous piece, or -1. */
  private heldCr = -1;

  /** Starts the next (non-empty) piece; returns the document offset where it ends. */
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

  /** Counts the breaks of this piece before document offset `target`, which lies inside the piece. */
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

  /** Counts the rest of the piece's breaks; a CR at its very end waits for the next piece. */
  endPiece(): void {
    const last = this.text.length - 1;
    this.countBefore(this.base + last);
    const code = this.text.charCodeAt(last);
    if (code === 13) this.heldCr = this.base + last;
    else if (code === 10) this.count(this.base + last);
    this.base += this.text.length;
    this.text = '';
  }

  /** After the last piece: a held CR ends a line (nothing follows it). Returns the text's length. */
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
