// A one-pass CSV record reader over a string (RFC 4180 plus the usual leniencies).
//
// - Records end at CR, LF or CRLF outside quotes; a quoted field may hold delimiters, line breaks
//   and doubled quotes ("").
// - A field is quoted when its first character that is not a space (or tab, unless tab is the
//   delimiter) is a double quote. A quote anywhere else is an ordinary character.
// - Text after a closing quote and before the next delimiter ("abc"def) is kept and appended to
//   the value; spaces after the closing quote are ignored.
// - A quote that is never closed before the end of the text is reported (unterminatedQuote) and
//   read as an ordinary character, so the rest of the record and of the file is still read. After
//   such a quote no other quote can be unterminated (every later quote was consumed in "" pairs),
//   so the text is scanned at most twice.
// - Values are trimmed of spaces and tabs. Cell bounds are kept in typed arrays reused from record
//   to record; value strings are built only when asked for.
//
// Time is linear in the text; there are no regular expressions.

import type { Span } from '../model';

export const CELL_QUOTED = 1;
export const CELL_ESCAPED = 2;
export const CELL_JUNK = 4;

const QUOTE = 34;
const LF = 10;
const CR = 13;
const SPACE = 32;
const TAB = 9;

export class CsvReader {
  readonly text: string;
  readonly sep: number;
  private readonly len: number;
  /** Offset of the next record. */
  pos: number;
  /** 1-based physical line number at `pos`. */
  line: number;

  /** The record just read. */
  recordStart = 0;
  /** End of the record's last cell (before the line break). */
  recordEnd = 0;
  /** After the record's line break (= recordEnd at end of text). */
  recordNext = 0;
  /** 1-based physical line of recordStart. */
  recordLine = 1;
  cellCount = 0;
  /** Offset of a quote in this record that was never closed, or -1. */
  unterminatedQuote = -1;

  /** Cell bounds: everything between the delimiters. */
  rawStart: Int32Array;
  rawEnd: Int32Array;
  /** Trimmed value bounds (inside the quotes when quoted). */
  valStart: Int32Array;
  valEnd: Int32Array;
  /** Offset of the opening quote, or -1. */
  openQuote: Int32Array;
  /** Offset of the closing quote, or -1. */
  closeQuote: Int32Array;
  flags: Uint8Array;

  /** Quote offsets known to be unterminated: read as ordinary characters. */
  private readonly literalQuotes: Set<number>;

  constructor(text: string, sep: string, pos = 0, line = 1, literalQuotes?: Set<number>) {
    this.text = text;
    this.len = text.length;
    this.sep = sep.charCodeAt(0);
    this.pos = pos;
    this.line = line;
    this.literalQuotes = literalQuotes ?? new Set();
    const cap = 16;
    this.rawStart = new Int32Array(cap);
    this.rawEnd = new Int32Array(cap);
    this.valStart = new Int32Array(cap);
    this.valEnd = new Int32Array(cap);
    this.openQuote = new Int32Array(cap);
    this.closeQuote = new Int32Array(cap);
    this.flags = new Uint8Array(cap);
  }

  private grow(): void {
    const cap = this.rawStart.length * 2;
    const g32 = (a: Int32Array): Int32Array => {
      const b = new Int32Array(cap);
      b.set(a);
      return b;
    };
    this.rawStart = g32(this.rawStart);
    this.rawEnd = g32(this.rawEnd);
    this.valStart = g32(this.valStart);
    this.valEnd = g32(this.valEnd);
    this.openQuote = g32(this.openQuote);
    this.closeQuote = g32(this.closeQuote);
    const f = new Uint8Array(cap);
    f.set(this.flags);
    this.flags = f;
  }

  /** Reads the record at `pos`. Returns false at the end of the text. */
  next(): boolean {
    const text = this.text;
    const len = this.len;
    const sep = this.sep;
    let p = this.pos;
    if (p >= len) return false;
    this.recordStart = p;
    this.recordLine = this.line;
    this.unterminatedQuote = -1;
    let n = 0;
    for (;;) {
      if (n === this.rawStart.length) this.grow();
      const cellStart = p;
      let q = p;
      let c = 0;
      while (q < len && ((c = text.charCodeAt(q)) === SPACE || (c === TAB && sep !== TAB))) q++;
      let end = -1;
      if (q < len && c === QUOTE && !(this.literalQuotes.size > 0 && this.literalQuotes.has(q))) {
        const lineBefore = this.line;
        let line = lineBefore;
        let i = q + 1;
        let close = -1;
        let flags = CELL_QUOTED;
        while (i < len) {
          c = text.charCodeAt(i);
          if (c === QUOTE) {
            if (i + 1 < len && text.charCodeAt(i + 1) === QUOTE) {
              flags |= CELL_ESCAPED;
              i += 2;
              continue;
            }
            close = i;
            i++;
            break;
          }
          if (c === LF || (c === CR && (i + 1 >= len || text.charCodeAt(i + 1) !== LF))) line++;
          i++;
        }
        if (close >= 0) {
          this.line = line;
          // After the closing quote: spaces, then a delimiter, a line break or the end.
          let j = i;
          let junk = false;
          while (j < len && (c = text.charCodeAt(j)) !== sep && c !== LF && c !== CR) {
            if (c !== SPACE && c !== TAB) junk = true;
            j++;
          }
          let vs = q + 1;
          let ve = close;
          if (junk) {
            flags |= CELL_JUNK;
            ve = j;
            while (ve > vs && ((c = text.charCodeAt(ve - 1)) === SPACE || c === TAB)) ve--;
          } else {
            while (ve > vs && ((c = text.charCodeAt(ve - 1)) === SPACE || c === TAB)) ve--;
          }
          while (vs < ve && ((c = text.charCodeAt(vs)) === SPACE || c === TAB)) vs++;
          this.rawStart[n] = cellStart;
          this.rawEnd[n] = j;
          this.valStart[n] = vs;
          this.valEnd[n] = ve;
          this.openQuote[n] = q;
          this.closeQuote[n] = close;
          this.flags[n] = flags;
          end = j;
        } else {
          // Never closed: report it and read the quote as an ordinary character.
          this.unterminatedQuote = q;
          this.literalQuotes.add(q);
        }
      }
      if (end < 0) {
        let j = q;
        while (j < len && (c = text.charCodeAt(j)) !== sep && c !== LF && c !== CR) j++;
        let ve = j;
        while (ve > q && ((c = text.charCodeAt(ve - 1)) === SPACE || c === TAB)) ve--;
        this.rawStart[n] = cellStart;
        this.rawEnd[n] = j;
        this.valStart[n] = q;
        this.valEnd[n] = ve;
        this.openQuote[n] = -1;
        this.closeQuote[n] = -1;
        this.flags[n] = 0;
        end = j;
      }
      n++;
      p = end;
      if (p < len && text.charCodeAt(p) === sep) {
        p++;
        continue;
      }
      this.cellCount = n;
      this.recordEnd = p;
      if (p < len) {
        p += text.charCodeAt(p) === CR && p + 1 < len && text.charCodeAt(p + 1) === LF ? 2 : 1;
        this.line++;
      }
      this.recordNext = p;
      this.pos = p;
      return true;
    }
  }

  /** True when every cell of the record is empty (a blank line, or only delimiters / ""). */
  isBlank(): boolean {
    for (let k = 0; k < this.cellCount; k++) if (this.valEnd[k]! > this.valStart[k]!) return false;
    return true;
  }

  /** The cell's value: trimmed, quotes removed, doubled quotes undoubled. */
  value(k: number): string {
    const vs = this.valStart[k]!;
    const ve = this.valEnd[k]!;
    const flags = this.flags[k]!;
    if ((flags & (CELL_ESCAPED | CELL_JUNK)) === 0) return this.text.slice(vs, ve);
    const close = this.closeQuote[k]!;
    let v: string;
    if (flags & CELL_JUNK) {
      v = this.text.slice(vs, close) + this.text.slice(close + 1, ve);
    } else {
      v = this.text.slice(vs, ve);
    }
    return flags & CELL_ESCAPED ? v.split('""').join('"') : v;
  }

  isQuoted(k: number): boolean {
    return (this.flags[k]! & CELL_QUOTED) !== 0;
  }

  /** Span of the cell's value as written (inside the quotes, trimmed). */
  valueSpan(k: number): Span {
    return { start: this.valStart[k]!, end: this.valEnd[k]! };
  }

  /** Span of the whole cell: everything between the delimiters, quotes and spaces included. */
  cellSpan(k: number): Span {
    return { start: this.rawStart[k]!, end: this.rawEnd[k]! };
  }
}

/** The trimmed value of column k of the record, or null when it has no such cell or the cell is empty. */
export function cellOrNull(r: CsvReader, k: number): string | null {
  if (k < 0 || k >= r.cellCount || r.valEnd[k]! <= r.valStart[k]!) return null;
  const value = r.value(k).trim();
  return value === '' ? null : value;
}

/** Whether column k of the record holds a value (a cell that exists and is not empty). */
export function hasValue(r: CsvReader, k: number): boolean {
  return k >= 0 && k < r.cellCount && r.valEnd[k]! > r.valStart[k]!;
}
