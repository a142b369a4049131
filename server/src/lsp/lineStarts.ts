// Positions in a file checked from disk, whose text the server does not keep: one number per line.
import type { Span } from '../core/model';
import { lastAtOrBefore } from '../core/search';
import type { Position, Range } from '../core/text';

/**
 * Line starts of a text given in pieces, in order (CR, LF and CRLF each end a line, as LSP and
 * LineIndex count them; a CRLF split between two pieces is one break), and the positions of
 * offsets in it. One 32-bit number per line is kept, not the text.
 */
export class LineStarts {
  private starts = new Uint32Array(1024);
  private count = 1;
  private length = 0;
  /** The previous piece ended with a CR: a break, unless this piece starts with LF. */
  private heldCr = false;

  add(piece: string): void {
    if (piece.length === 0) return;
    const base = this.length;
    if (this.heldCr) {
      this.heldCr = false;
      if (piece.charCodeAt(0) !== 10) this.push(base);
    }
    let lf = piece.indexOf('\n');
    let cr = piece.indexOf('\r');
    while (lf >= 0 || cr >= 0) {
      if (cr >= 0 && (lf < 0 || cr < lf)) {
        if (cr === piece.length - 1) this.heldCr = true;
        else if (piece.charCodeAt(cr + 1) !== 10) this.push(base + cr + 1);
        cr = piece.indexOf('\r', cr + 1);
      } else {
        this.push(base + lf + 1);
        lf = piece.indexOf('\n', lf + 1);
      }
    }
    this.length += piece.length;
  }

  /** After the last piece: a CR at the very end ends a line. */
  end(): void {
    if (this.heldCr) this.push(this.length);
    this.heldCr = false;
    // Kept while hovers are answered: no room for growth.
    if (this.starts.length > this.count) this.starts = this.starts.slice(0, this.count);
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.length));
    const line = Math.max(0, lastAtOrBefore(this.starts, clamped, this.count));
    return { line, character: clamped - this.starts[line]! };
  }

  /** The offset of a position, as LineIndex.offsetAt gives it (a character past the line's end stops at the next line's start). */
  offsetAt(position: Position): number {
    if (position.line < 0) return 0;
    if (position.line >= this.count) return this.length;
    const lineStart = this.starts[position.line]!;
    const nextStart = position.line + 1 < this.count ? this.starts[position.line + 1]! : this.length;
    return Math.max(lineStart, Math.min(lineStart + Math.max(0, position.character), nextStart));
  }

  rangeOf(span: Span): Range {
    return { start: this.positionAt(span.start), end: this.positionAt(span.end) };
  }

  /** Bytes held: 4 a line once the last piece is in (end() drops the room kept for growth). */
  get bytes(): number {
    return this.starts.byteLength;
  }

  private push(start: number): void {
    if (this.count === this.starts.length) {
      const grown = new Uint32Array(this.starts.length * 2);
      grown.set(this.starts);
      this.starts = grown;
    }
    this.starts[this.count++] = start;
  }
}
