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
    const starts: number[] = [0];
    lineStartsIn(this.text, 1, this.text.length, starts);
    this.lineStarts = Uint32Array.from(starts);
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

/**
 * Appends to `out` every line start q with from <= q <= to: the offset after a line break (LF,
 * a CR not followed by LF, or the LF of CRLF). Breaks are found with indexOf, which beats reading
 * the characters one by one even for short lines (10 MB of 22-character lines: 35 against 80 ms);
 * a small range (an edit) is read character by character, as indexOf would search past its end.
 */
export function lineStartsIn(text: string, from: number, to: number, out: number[]): void {
  // A break character at p starts a line at p + 1.
  const first = Math.max(0, from - 1);
  const last = Math.min(to, text.length) - 1;
  if (last < first) return;
  if (last - first < SMALL_RANGE) {
    for (let p = first; p <= last; p++) {
      const code = text.charCodeAt(p);
      if (code === 10 || (code === 13 && text.charCodeAt(p + 1) !== 10)) out.push(p + 1);
    }
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

/**
 * A text that is edited in place (an open document), with its line starts kept up to date by
 * each edit instead of recomputed: the server's view of an editor's buffer.
 */
export class EditableText implements Positions {
  private starts: number[];

  constructor(private content: string) {
    this.starts = [0];
    lineStartsIn(content, 1, content.length, this.starts);
  }

  get text(): string {
    return this.content;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** Replaces [start, end) with `inserted`. */
  replace(start: number, end: number, inserted: string): void {
    const old = this.content;
    const from = Math.max(0, Math.min(start, old.length));
    const to = Math.max(from, Math.min(end, old.length));
    this.content = old.slice(0, from) + inserted + old.slice(to);
    const delta = inserted.length - (to - from);
    // Line starts below `from` depend only on text before it. Those in [from, to + 1] may change
    // (a CR just before the edit can meet an LF, or lose one); they are found again in the new text.
    const starts = this.starts;
    // The first line start above from - 1, and above to + 1.
    const keep = Math.max(1, lastAtOrBefore(starts, from - 1) + 1); // line 0 always starts at 0
    const resume = lastAtOrBefore(starts, to + 1) + 1;
    const found: number[] = [];
    lineStartsIn(this.content, from, from + inserted.length + 1, found);
    if (found.length < 4096) {
      starts.splice(keep, resume - keep, ...found);
    } else {
      // A big paste: too many to pass as arguments.
      const tail = starts.slice(resume);
      starts.length = keep;
      for (const q of found) starts.push(q);
      for (const q of tail) starts.push(q);
    }
    if (delta !== 0) for (let i = keep + found.length; i < starts.length; i++) starts[i]! += delta;
  }

  // As the LSP reference implementation (vscode-languageserver-textdocument) answers: a
  // position never falls inside a line break, so a CRLF is never split.
  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.content.length));
    const line = lastAtOrBefore(this.starts, clamped);
    const lineStart = this.starts[line]!;
    return { line, character: this.beforeLineBreak(clamped, lineStart) - lineStart };
  }

  offsetAt(position: Position): number {
    const starts = this.starts;
    if (position.line >= starts.length) return this.content.length;
    if (position.line < 0) return 0;
    const lineStart = starts[position.line]!;
    if (position.character <= 0) return lineStart;
    const nextStart = position.line + 1 < starts.length ? starts[position.line + 1]! : this.content.length;
    return this.beforeLineBreak(Math.min(lineStart + position.character, nextStart), lineStart);
  }

  private beforeLineBreak(offset: number, lineStart: number): number {
    let at = offset;
    while (at > lineStart) {
      const code = this.content.charCodeAt(at - 1);
      if (code !== 10 && code !== 13) break;
      at--;
    }
    return at;
  }

  rangeOf(span: Span): Range {
    return { start: this.positionAt(span.start), end: this.positionAt(span.end) };
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
