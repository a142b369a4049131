// Text and positions: offsets to LSP lines and UTF-16 characters (LineIndex), line starts found
// in a text or a range of it, and small helpers on strings the model keeps (detached, plainNumber,
// capitalized). A text the server edits in place is editableText.ts.
import type { Span } from './model';
import { OffsetList } from './offsetList';

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
  private lineStarts: OffsetList | null = null;

  constructor(private readonly text: string) {}

  private starts(): OffsetList {
    if (this.lineStarts) return this.lineStarts;
    this.lineStarts = lineStartsOf(this.text);
    return this.lineStarts;
  }

  get lineCount(): number {
    return this.starts().length;
  }

  positionAt(offset: number): Position {
    const starts = this.starts();
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    const low = starts.lastAtOrBefore(clamped);
    return { line: low, character: clamped - starts.at(low) };
  }

  offsetAt(position: Position): number {
    const starts = this.starts();
    if (position.line < 0) return 0;
    if (position.line >= starts.length) return this.text.length;
    const lineStart = starts.at(position.line);
    const nextStart = position.line + 1 < starts.length ? starts.at(position.line + 1) : this.text.length;
    return Math.max(lineStart, Math.min(lineStart + Math.max(0, position.character), nextStart));
  }

  rangeOf(span: Span): Range {
    return { start: this.positionAt(span.start), end: this.positionAt(span.end) };
  }
}

/** Where each line of `text` starts (line 0 at 0). */
export function lineStartsOf(text: string): OffsetList {
  const starts = new OffsetList();
  starts.push(0);
  lineStartsIn(text, 1, text.length, starts);
  return starts;
}

/**
 * Appends to `out` every line start q with from <= q <= to: the offset after a line break (LF,
 * a CR not followed by LF, or the LF of CRLF). Breaks are found with indexOf, which beats reading
 * the characters one by one even for short lines (10 MB of 22-character lines: 35 against 80 ms);
 * a small range (an edit) is read character by character, as indexOf would search past its end.
 */
export function lineStartsIn(text: string, from: number, to: number, out: OffsetList): void {
  // A break character at p starts a line at p + 1.
  const first = Math.max(0, from - 1);
  const last = Math.min(to, text.length) - 1;
  if (last < first) return;
  if (last - first < SMALL_RANGE) {
    lineStartsByCharacter((p) => text.charCodeAt(p), text.length, from, to, out);
    return;
  }
  let lf = text.indexOf('\n', first);
  let cr = text.indexOf('\r', first);
  for (;;) {
    const next = lf < 0 ? cr : cr < 0 ? lf : Math.min(lf, cr);
    if (next < 0 || next > last) return;
    if (next === cr) {
      cr = text.indexOf('\r', next + 1);
      // CRLF: the line starts after the LF (found next).
      if (text.charCodeAt(next + 1) === 10) continue;
    } else {
      lf = text.indexOf('\n', next + 1);
    }
    out.push(next + 1);
  }
}

/** A range this short is read character by character: indexOf would search on past its end. */
const SMALL_RANGE = 4096;

/** lineStartsIn reading the characters one by one through `codeAt`, of a text `length` long (a small range, or a text held as bytes). */
export function lineStartsByCharacter(codeAt: (offset: number) => number, length: number, from: number, to: number, out: OffsetList): void {
  const last = Math.min(to, length) - 1;
  for (let p = Math.max(0, from - 1); p <= last; p++) {
    const code = codeAt(p);
    if (code === 10 || (code === 13 && (p + 1 >= length || codeAt(p + 1) !== 10))) out.push(p + 1);
  }
}

/**
 * A string that holds its own characters. V8 makes a slice of 13 characters or more a view of
 * the string it was cut from (which it keeps alive); joining it to a character and cutting that
 * off again flattens the join into a new string, and the new slice is a view of that one.
 */
export function detached(text: string): string {
  return text.length < 13 ? text : (' ' + text).slice(1);
}

/** The whole number `text` writes in plain decimal (no sign, blanks, leading zeros or exponent), or -1 when it writes none. */
export function plainNumber(text: string): number {
  const n = Number(text);
  return Number.isInteger(n) && n >= 0 && String(n) === text ? n : -1;
}

/** The text with its first letter in capitals (a message or title that starts with a described value). */
export function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
