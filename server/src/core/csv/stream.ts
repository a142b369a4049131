// A claim CSV read in pieces, for the coding checks of the CLI: the same row findings, claim
// numbers, line counts and coded lines as parseCsv, with no more than a piece of the text and
// the coded lines in memory.
//
// Why pieces cut at record boundaries, rather than a leaner whole-file model: the text itself
// (a string as long as the file) and the model built over it were what took the memory, and
// only a reader that lets go of the text bounds it. Each piece is read with the reader parseCsv
// uses, so a record reads the same as in the whole text exactly when it is read complete:
// - A record is complete when its line break lies before the end of what has been given (a CR
//   at the very end may be the first half of CR LF) and no quote in it was left open (it may
//   close in a later piece). Otherwise the record waits for more text; at the end of the file,
//   what is left is read as the whole-file reader reads the end of the text.
// - The header is taken once what has been given holds everything findHeader read (HeaderReach),
//   so it is the header the whole text has. The format is checked on the first HEAD_CHARS
//   (detectFormat reads the start): a start that is not a claim CSV there gives up.
// - The date order is decided over the whole file: RowParser throws DateOrderChange as it does
//   for parseCsv, and the caller starts again from the first piece in the new order.
// - Rows of one claim need not be adjacent: CodedClaims keeps every claim's number by its id.
// - A kept line has only what the coding checks read (its code and units spans): the spans a
//   piece cannot give right (a last row's removal span takes the line break before it) are not kept.
// - A quote that opens a field and is never closed is read as an ordinary character by the
//   whole-file reader, which looks for its close up to the end of the text. Here, once a record
//   waiting on an open quote holds QUOTE_CHECK characters, `openQuote` names that quote: the caller
//   looks for its close in the rest of the file (closesIn) and, when there is none, says so
//   (`neverClosed`), and the record is read with the quote as an ordinary character, as the
//   whole-file reader reads it. (After such a quote every later quote is one of a "" pair, so
//   every later quoted field closes within its own run of quotes: this happens once a file.)
// A record longer than MAX_PENDING all the same (a quoted field that does close, a file of one
// line) gives up: null from feed/end, and the caller reads the file whole.

import type { ClaimKind, Finding, Span } from '../model';
import { detectFormat } from '../parse';
import { shiftFinding } from '../spans';
import { skipLeadingBlanks } from '../x12/isa';
import { CodedClaims, type LineSink } from './codedClaims';
import { StagedRows } from './stagedRows';
import type { StagedLines } from '../rules/serviceGroups';
import { mapColumns } from './columnLayout';
import { findHeader, type HeaderInfo } from './header';
import { CsvReader } from './reader';
import { noDateColumnFinding, noUnitsColumnFinding, patientColumnNote, RowParser, type DateReading } from './rows';
import { tablesMissingFindings, type LoadedTables } from '../rules/tablesMissing';

/** Text held while a record is not complete: past it, the file is read whole instead. */
export const MAX_PENDING = 16 * 1024 * 1024;
/** The start the format is decided on (unless the file is shorter): detectFormat reads its first 4 KB. */
const HEAD_CHARS = 16 * 1024;
/** Text waiting on an open quote past which the caller is asked whether the quote ever closes (openQuote). */
const QUOTE_CHECK = 1024 * 1024;
/** Text waiting for the rest of its record past which it is read again only once as much more has come (readyAt). */
const WAIT_DOUBLING = 256 * 1024;
/** Characters after the first non-blank one that the X12 test of detectFormat may read. */
const X12_HEAD = 1024;

export interface CsvStreamOptions {
  /** The date order to read in (parseCsv's first reading, or the one DateOrderChange asked for). */
  dates: DateReading;
  /** Whether a line of this code can be named by some loaded edit (CodingRun.lineFilter, under either table). */
  keep: (code: string) => boolean;
  /** Given every line with a code as it is read (a hover index of the file). */
  index?: LineSink;
  /** MUE tables are loaded: a file without a units column is told (once) that each line is taken as one unit. */
  unitsCounted?: boolean;
  /** Which tables are loaded (CodingRun.loaded): claims judged by one that is not are told so (tablesMissing.ts), as analyze() tells them. */
  loaded: LoadedTables;
  /** Tests: MAX_PENDING and QUOTE_CHECK. */
  maxPending?: number;
  quoteCheck?: number;
}

export interface CsvStreamResult {
  claims: number;
  serviceLines: number;
  /** The row findings in file order (file offsets), then the note on a file without patient or claim column. */
  findings: Finding[];
  /** The coded lines, for the coding run (CodingRun.addStaged). */
  coded: StagedLines;
  /** The kind of each claim by its number (as LineSink numbers them), or null when no row names it. */
  kindOf: (claim: number) => ClaimKind | null;
}

export class CsvStream {
  /** Text given and not yet read: the record being waited for and what follows. */
  private pending = '';
  /** File offset of pending[0]. */
  private base = 0;
  /** Offset in `pending` of the next record, and its 1-based physical line. */
  private at = 0;
  private line = 1;
  private header: HeaderInfo | null = null;
  private parser: RowParser<number> | null = null;
  private claims: CodedClaims | null = null;
  private headerSpan: Span | null = null;
  /** The header names no procedure code column: a claim CSV without claims (parseCsv's empty document). */
  private noCodeColumn = false;
  private readonly findings: Finding[] = [];
  private pieceFindings: Finding[] = [];
  private failed = false;
  /** The first HEAD_CHARS of the file, until the format has been checked on them. */
  private head: string | null = '';
  /**
   * Before the end, `pending` is read again only once it is this long: after a long record that
   * was not complete, twice what was waiting, so that a record of n characters fed in pieces is
   * read O(log n) times rather than once a piece.
   */
  private readyAt = 0;
  /** File offsets of quotes known never to close (read as ordinary characters). */
  private readonly literals: number[] = [];
  /** File offset of the first quote left open in the record being waited for, or -1. */
  private waitingQuote = -1;

  constructor(private readonly options: CsvStreamOptions) {}

  /** Reads the records `text` completes. False when the file is to be read whole instead (then stop feeding). */
  feed(text: string): boolean {
    if (this.failed) return false;
    this.pending = this.pending.length === 0 ? text : this.pending + text;
    if (this.head !== null) this.head += text.slice(0, Math.max(0, HEAD_CHARS - this.head.length));
    return this.read(false);
  }

  /** The result once every piece has been fed; null when the file is to be read whole instead. */
  end(): CsvStreamResult | null {
    if (this.failed || !this.read(true)) return null;
    const claims = this.claims;
    const findings = this.findings;
    if (claims === null) return { claims: 0, serviceLines: 0, findings, coded: { lines: new StagedRows(), claimCount: 0, kind: () => null, facilityType: () => null, patientKey: () => '' }, kindOf: () => null };
    // What finish finds (a claim whose kind no row named) is relative to the last piece, as a row's findings are.
    this.parser!.finish();
    this.endPiece();
    const layout = this.header!.layout;
    const patientNote = patientColumnNote(layout, claims.claimCount - claims.frequencySplits, this.headerSpan!);
    if (patientNote !== null) findings.push(patientNote);
    // Said when it matters: two lines that an edit could pair.
    if (layout.dateOfService < 0 && claims.serviceLines > 1) findings.push(noDateColumnFinding(this.headerSpan!));
    const tally = claims.notEdited();
    const notEdited = tally.finding(this.headerSpan!);
    if (notEdited !== null) findings.push(notEdited);
    // After the notes parseCsv gives (analyze adds this one after them).
    if (layout.units < 0 && claims.serviceLines > 0 && this.options.unitsCounted === true) findings.push(noUnitsColumnFinding(this.headerSpan!));
    findings.push(...tablesMissingFindings(tally, this.options.loaded, this.headerSpan!));
    return { claims: claims.claimCount, serviceLines: claims.serviceLines, findings, coded: claims.staged(), kindOf: claims.kindsOf() };
  }

  private read(atEnd: boolean): boolean {
    if (!atEnd && this.pending.length < this.readyAt) return this.pending.length - this.at <= this.maxPending || this.fail();
    if (this.header === null && !this.findHeader(atEnd)) {
      if (this.failed) return false;
      this.waitFor(this.pending.length);
      return this.pending.length <= this.maxPending || this.fail();
    }
    if (!this.checkFormat(atEnd)) return false;
    if (this.noCodeColumn) {
      this.pending = '';
      return true;
    }
    this.readRecords(atEnd);
    const waiting = this.pending.length - this.at;
    if (waiting > this.maxPending) return this.fail();
    this.waitFor(waiting);
    return true;
  }

  /** `waiting` characters could not be read yet: read again when there are twice as many (once they are many). */
  private waitFor(waiting: number): void {
    this.readyAt = waiting >= WAIT_DOUBLING ? this.pending.length + waiting : 0;
  }

  private get maxPending(): number {
    return this.options.maxPending ?? MAX_PENDING;
  }

  /**
   * The file offset of a quote that opens a field of the record being waited for, once that
   * record is long (QUOTE_CHECK), or -1: the caller tells whether it ever closes (closesIn).
   */
  get openQuote(): number {
    if (this.waitingQuote < 0 || this.pending.length - this.at < (this.options.quoteCheck ?? QUOTE_CHECK)) return -1;
    return this.waitingQuote;
  }

  /** The quote at file offset `quote` (an openQuote) is never closed in the rest of the file: it is read as an ordinary character. */
  neverClosed(quote: number): void {
    if (!this.literals.includes(quote)) this.literals.push(quote);
    this.waitingQuote = -1;
    this.readyAt = 0;
  }

  /**
   * Whether the file is a claim CSV as detectFormat would tell from the whole text: checked, once
   * the header is found, on the first HEAD_CHARS (or the text the header was found in, when
   * longer) once they are in (true until then). detectFormat of that start is 'csv' only when the
   * whole text's is (its UTF-16 and X12 tests read less, and the header it finds there is the
   * whole text's); a start where it is not gives up, to be safe.
   */
  private checkFormat(atEnd: boolean): boolean {
    const head = this.head;
    if (head === null) return true;
    if (!atEnd && head.length < HEAD_CHARS) return true;
    this.head = null;
    if ((!atEnd && skipLeadingBlanks(head) + X12_HEAD > head.length) || detectFormat(head) !== 'csv') return this.fail();
    return true;
  }

  private fail(): false {
    this.failed = true;
    this.pending = '';
    return false;
  }

  /** Finds the header once the start decides it as the whole file would; false while it does not yet (or, with `failed`, not a claim CSV). */
  private findHeader(atEnd: boolean): boolean {
    const text = this.pending;
    const reach = { end: 0 };
    const header = findHeader(text, reach);
    if (!atEnd && reach.end > text.length) return false;
    if (header === null) {
      this.fail();
      return false;
    }
    this.header = header;
    // The format is checked on at least what the header was found in (nothing was cut before it).
    if (this.head !== null && text.length > this.head.length) this.head = text;
    this.at = header.start;
    this.line = header.line;
    return true;
  }

  /** Reads every complete record of `pending`, then drops the text before the next one. */
  private readRecords(atEnd: boolean): void {
    const header = this.header!;
    const text = this.pending;
    this.parser?.moveTo(text);
    const literals = new Set<number>();
    for (const quote of this.literals) if (quote >= this.base) literals.add(quote - this.base);
    const known = literals.size;
    const reader = new CsvReader(text, header.separator, this.at, this.line, literals);
    this.waitingQuote = -1;
    for (;;) {
      const start = reader.pos;
      const line = reader.line;
      if (!reader.next()) break;
      // A quote the reader could not close in the text so far (it may close further on).
      const open = reader.unterminatedQuote >= 0;
      // A quote known never to close is read as an ordinary character without the reader noticing: it is reported as the whole-file reader reports it.
      if (known > 0 && reader.unterminatedQuote < 0) {
        for (const quote of this.literals) if (quote - this.base >= reader.recordStart && quote - this.base < reader.recordNext) reader.unterminatedQuote = quote - this.base;
      }
      if (!atEnd && (reader.recordNext >= text.length || open)) {
        if (open) this.waitingQuote = this.base + firstAdded(literals, known);
        reader.pos = start;
        reader.line = line;
        break;
      }
      if (this.parser === null) {
        if (!this.startRows(reader)) {
          this.pending = '';
          return;
        }
        continue;
      }
      if (reader.isBlank()) continue;
      if (this.parser.isRepeatedHeader(reader) || this.parser.isTotalsRow(reader)) continue;
      this.parser.row(reader);
    }
    this.endPiece();
    const cut = reader.pos;
    this.pending = text.slice(cut);
    this.base += cut;
    this.at = reader.pos - cut;
    this.line = reader.line;
    this.parser?.moveTo(this.pending);
    if (this.claims) this.claims.base = this.base;
  }

  /** The header record: its columns, as parseCsv reads them. False when it names no procedure code column. */
  private startRows(reader: CsvReader): boolean {
    const header = this.header!;
    this.headerSpan = { start: reader.recordStart + this.base, end: reader.recordEnd + this.base };
    const headers: string[] = [];
    for (let k = 0; k < reader.cellCount; k++) headers.push(reader.value(k));
    const layout = mapColumns(headers);
    if (layout.procedureCode < 0) {
      this.noCodeColumn = true;
      return false;
    }
    this.header = { ...header, layout };
    this.claims = new CodedClaims(reader.text, layout, this.options.keep, this.options.index ?? null);
    this.claims.base = this.base;
    this.parser = new RowParser(reader.text, header.separator, layout, this.pieceFindings, this.options.dates, this.claims);
    this.parser.quoteCheck(reader);
    return true;
  }

  /** Moves what the piece's rows found to file offsets (new objects: the row's line had the same spans). */
  private endPiece(): void {
    const base = this.base;
    for (const finding of this.pieceFindings) this.findings.push(shiftFinding(finding, base));
    this.pieceFindings.length = 0;
  }
}

/** The smallest of the quotes the reader added to `literals` after its first `known` (a Set keeps insertion order). */
function firstAdded(literals: Set<number>, known: number): number {
  let first = Infinity;
  let k = 0;
  for (const quote of literals) if (k++ >= known && quote < first) first = quote;
  return first;
}

/**
 * Whether a quote opening a field closes somewhere in `rest`, the text after it given in pieces
 * in order (as CsvReader looks for the close: a quote not followed by another one; two in a row
 * are a quote inside the field). Reads each piece once and holds none.
 */
export function closesIn(rest: Iterable<string>): boolean {
  let quoteBefore = false;
  for (const piece of rest) {
    for (let i = 0; i < piece.length; i++) {
      const c = piece.charCodeAt(i);
      if (quoteBefore) {
        quoteBefore = false;
        if (c !== 34) return true;
      } else if (c === 34) {
        quoteBefore = true;
      }
    }
  }
  // A quote that ends the text closes the field.
  return quoteBefore;
}
