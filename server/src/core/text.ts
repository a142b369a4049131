import type { Span } from './model';
import { lastAtOrBefore } from './search';

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** Offset <-> position conversion: LineIndex here, or the editor's own document in the server. */
export interface Positions {
  readonly lineCount: number;
  positionAt(offset: number): Position;
  offsetAt(position: Position): number;
  rangeOf(span: Span): Range;
}

/**
 * Converts offsets to zero-based lines and UTF-16 characters (as LSP counts them).
 * Line starts are computed once, on first use; CR, LF and CRLF each end a line.
 */
export class LineIndex implements Positions {
  private lineStarts: Uint32Array | null = null;

  constructor(private readonly text: string) {}

  private starts(): Uint32Array {
    if (this.lineStarts) return this.lineStarts;
    // One pass, growing a typed array as needed (a 10 MB single-line file has one entry).
    const text = this.text;
    let starts = new Uint32Array(64);
    let n = 1;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
        if (n === starts.length) {
          const grown = new Uint32Array(starts.length * 2);
          grown.set(starts);
          starts = grown;
        }
        starts[n++] = i + 1;
      }
    }
    this.lineStarts = starts.subarray(0, n);
    return this.lineStarts;
  }

  get lineCount(): number {
    return this.starts().length;
  }

  positionAt(offset: number): Position {
    const starts = this.starts();
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    const low = lastAtOrBefore(starts, clamped);
    return { line: low, character: clamped - starts[low]! };
  }

  offsetAt(position: Position): number {
    const starts = this.starts();
    if (position.line < 0) return 0;
    if (position.line >= starts.length) return this.text.length;
    const lineStart = starts[position.line]!;
    const nextStart = position.line + 1 < starts.length ? starts[position.line + 1]! : this.text.length;
    return Math.max(lineStart, Math.min(lineStart + Math.max(0, position.character), nextStart));
  }

  rangeOf(span: Span): Range {
    return { start: this.positionAt(span.start), end: this.positionAt(span.end) };
  }
}
