// Positions in a file checked from disk, whose text the server does not keep: one number per line.
import type { Span } from '../core/model';
import { lastAtOrBefore } from '../core/search';
import type { Position, Range } from '../core/text';

/**
 * Line starts of a text given in pieces, in order (CR, LF and CRLF each end a line, as LSP and
 * LineIndex count them; a CRLF split between two pieces is one break), and the positions of
 * offsets in it. A 32-bit number and a byte per line are kept, not the text.
 */
export class LineStarts {
  private starts = new Uint32Array(1024);
  /** breaks[i]: the length of the line break before line i (1, or 2 for CRLF; 0 for line 0). */
  private breaks = new Uint8Array(1024);
  private count = 1;
  private length = 0;
  /** The previous piece ended with a CR: a break, unless this piece starts with LF. */
  private heldCr = false;

  add(piece: string): void {
    if (piece.length === 0) return;
    const base = this.length;
    const crBefore = this.heldCr;
    if (this.heldCr) {
      this.heldCr = false;
      if (piece.charCodeAt(0) !== 10) this.push(base, 1);
    }
    let lf = piece.indexOf('\n');
    let cr = piece.indexOf('\r');
    while (lf >= 0 || cr >= 0) {
      if (cr >= 0 && (lf < 0 || cr < lf)) {
        if (cr === piece.length - 1) this.heldCr = true;
        else if (piece.charCodeAt(cr + 1) !== 10) this.push(base + cr + 1, 1);
        cr = piece.indexOf('\r', cr + 1);
      } else {
        const crlf = lf > 0 ? piece.charCodeAt(lf - 1) === 13 : crBefore;
        this.push(base + lf + 1, crlf ? 2 : 1);
        lf = piece.indexOf('\n', lf + 1);
      }
    }
    this.length += piece.length;
  }

  /** After the last piece: a CR at the very end ends a line. */
  end(): void {
    if (this.heldCr) this.push(this.length, 1);
    this.heldCr = false;
    // Kept while hovers are answered: no room for growth.
    if (this.starts.length > this.count) {
      this.starts = this.starts.slice(0, this.count);
      this.breaks = this.breaks.slice(0, this.count);
    }
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.length));
    const line = Math.max(0, lastAtOrBefore(this.starts, clamped, this.count));
    return { line, character: clamped - this.starts[line]! };
  }

  /** The offset of a position, as the editor's document gives it (a character past the line's end stops before its line break). */
  offsetAt(position: Position): number {
    if (position.line < 0) return 0;
    if (position.line >= this.count) return this.length;
    const lineStart = this.starts[position.line]!;
    const next = position.line + 1;
    const lineEnd = next < this.count ? this.starts[next]! - this.breaks[next]! : this.length;
    return Math.max(lineStart, Math.min(lineStart + Math.max(0, position.character), lineEnd));
  }

  rangeOf(span: Span): Range {
    return { start: this.positionAt(span.start), end: this.positionAt(span.end) };
  }

  /** Bytes held: 5 a line once the last piece is in (end() drops the room kept for growth). */
  get bytes(): number {
    return this.starts.byteLength + this.breaks.byteLength;
  }

  /** A line starts at `start`, after a line break of `breakLength` characters. */
  private push(start: number, breakLength: number): void {
    if (this.count === this.starts.length) {
      const grown = new Uint32Array(this.starts.length * 2);
      grown.set(this.starts);
      this.starts = grown;
      const breaks = new Uint8Array(this.breaks.length * 2);
      breaks.set(this.breaks);
      this.breaks = breaks;
    }
    this.breaks[this.count] = breakLength;
    this.starts[this.count++] = start;
  }
}
