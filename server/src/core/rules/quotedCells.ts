// Quoted cells of a delimited rule or descriptor file, read one character at a time: where a
// quoted cell opens and closes, and so which line breaks end records and which are inside a cell.
// The rule is RFC 4180's, as splitDelimitedLine and parseDelimited read it: a `"` opens a quoted
// cell only at the start of a cell (blanks before it tolerated); inside one, `""` is a quote and a
// lone `"` closes it. A `"` anywhere else (an inch mark: 12") is text.

import { CANDIDATE_DELIMITERS } from './delimiters';

/**
 * Where a character falls: at the start of a cell (only blanks so far), inside an unquoted cell,
 * inside a quoted cell, or just after a `"` inside a quoted cell (the closing quote, or the first
 * of `""`).
 */
export type QuoteState = 0 | 1 | 2 | 3;

export const CELL_START: QuoteState = 0;
const IN_CELL: QuoteState = 1;
const QUOTED: QuoteState = 2;
const QUOTE_IN_QUOTED: QuoteState = 3;

/** For nextQuoteState: any candidate delimiter ends a cell (the file's delimiter is not known yet). */
export const ANY_DELIMITER = -1;

const QUOTE = 34;
const SPACE = 32;
const LF = 10;
const CR = 13;

const CANDIDATE_CODES: readonly number[] = CANDIDATE_DELIMITERS.map((delimiter) => delimiter.charCodeAt(0));

function endsCell(code: number, delimiter: number): boolean {
  if (code === LF || code === CR || code === delimiter) return true;
  return delimiter === ANY_DELIMITER && CANDIDATE_CODES.includes(code);
}

/** The state after character `code`; `delimiter` is the delimiter's character code, or ANY_DELIMITER. */
export function nextQuoteState(state: QuoteState, code: number, delimiter: number): QuoteState {
  switch (state) {
    case QUOTED:
      return code === QUOTE ? QUOTE_IN_QUOTED : QUOTED;
    case QUOTE_IN_QUOTED:
      // `""` is a quote; after the closing quote, text up to the delimiter is kept (as spreadsheets do).
      if (code === QUOTE) return QUOTED;
      return endsCell(code, delimiter) ? CELL_START : IN_CELL;
    case CELL_START:
      if (code === QUOTE) return QUOTED;
      if (code === SPACE) return CELL_START;
      return endsCell(code, delimiter) ? CELL_START : IN_CELL;
    default:
      return endsCell(code, delimiter) ? CELL_START : IN_CELL;
  }
}

/** Whether a line break met in this state is inside a quoted cell (and so does not end the record). */
export function isInsideQuotes(state: QuoteState): boolean {
  return state === QUOTED;
}

/** The state after text[start, end), from `state`. */
export function quoteStateAfter(text: string, start: number, end: number, state: QuoteState, delimiter: number): QuoteState {
  for (let at = start; at < end; at++) state = nextQuoteState(state, text.charCodeAt(at), delimiter);
  return state;
}

const UTF8_BOM = [0xef, 0xbb, 0xbf];

/**
 * Which line break a file's records end with, from where records end outside quoted cells: LF
 * (a CR before it dropped) once an LF ends a record; else CR when a CR ends one (Excel for Mac's
 * CR-only CSV keeps LF inside quoted cells, as the CMS MUE header's "HCPCS/<LF>CPT Code"); else,
 * when no line break is outside a quoted cell (a quote never closed), LF when the file has one,
 * else CR. Fed the file's characters (or bytes: every character that matters is ASCII) in order,
 * in pieces of any size; a BOM at the start is skipped. Stops looking once an LF ends a record.
 */
export class LineBreakSurvey {
  private state: QuoteState = CELL_START;
  /** Leading characters matched against the BOM, while they may still be one (-1 once settled). */
  private bom = 0;
  private lineFeed = false;
  private carriageReturn = false;
  private lineFeedEndsRecord = false;
  private carriageReturnEndsRecord = false;

  /** Whether more characters can no longer change the answer. */
  get settled(): boolean {
    return this.lineFeedEndsRecord;
  }

  /** The line break: 10 (LF) or 13 (CR). */
  get separatorByte(): number {
    if (this.lineFeedEndsRecord) return LF;
    if (this.carriageReturnEndsRecord) return CR;
    return this.lineFeed || !this.carriageReturn ? LF : CR;
  }

  /**
   * Bytes, in pieces of any size. Reads the same as feeding them one at a time, but leaps from
   * quote to quote: only a quote changes whether a line break is inside a quoted cell, and an
   * unquoted stretch ends in a cell's start or middle by its last byte that is not a blank.
   */
  feedBytes(bytes: Uint8Array): void {
    let at = 0;
    while (at < bytes.length && this.bom >= 0) this.feed(bytes[at++]!);
    while (at < bytes.length && !this.lineFeedEndsRecord) {
      if (this.state === QUOTE_IN_QUOTED) {
        this.feed(bytes[at++]!);
        continue;
      }
      const quote = bytes.indexOf(QUOTE, at);
      const end = quote < 0 ? bytes.length : quote;
      const stretch = bytes.subarray(at, end);
      const quoted = isInsideQuotes(this.state);
      if (stretch.indexOf(LF) >= 0) {
        this.lineFeed = true;
        if (!quoted) this.lineFeedEndsRecord = true;
      }
      if (stretch.indexOf(CR) >= 0) {
        this.carriageReturn = true;
        if (!quoted) this.carriageReturnEndsRecord = true;
      }
      if (!quoted) {
        let last = end - 1;
        while (last >= at && bytes[last] === SPACE) last--;
        if (last >= at) this.state = endsCell(bytes[last]!, ANY_DELIMITER) ? CELL_START : IN_CELL;
      }
      if (quote < 0) return;
      this.state = nextQuoteState(this.state, QUOTE, ANY_DELIMITER);
      at = quote + 1;
    }
  }

  /** Text already decoded: a leading U+FEFF is its BOM. */
  feedText(text: string): void {
    let at = 0;
    if (this.bom === 0 && text.charCodeAt(0) === 0xfeff) {
      this.bom = -1;
      at = 1;
    }
    for (; at < text.length && !this.lineFeedEndsRecord; at++) this.feed(text.charCodeAt(at));
  }

  private feed(code: number): void {
    if (this.bom >= 0) {
      if (code === UTF8_BOM[this.bom]) {
        if (++this.bom === UTF8_BOM.length) this.bom = -1;
        return;
      }
      // Not a BOM after all: the bytes held back were text at the start of a cell.
      if (this.bom > 0) this.state = IN_CELL;
      this.bom = -1;
    }
    if (code === LF || code === CR) {
      const ends = !isInsideQuotes(this.state);
      if (code === LF) {
        this.lineFeed = true;
        if (ends) this.lineFeedEndsRecord = true;
      } else {
        this.carriageReturn = true;
        if (ends) this.carriageReturnEndsRecord = true;
      }
    }
    this.state = nextQuoteState(this.state, code, ANY_DELIMITER);
  }
}
