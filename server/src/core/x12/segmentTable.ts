// The segment table the tokenizer (tokenizer.ts) fills: each segment's start, terminator and id
// code in typed arrays that grow with the text (sized from its density, trimmed when done), kept
// from one piece of a file to the next when the reader asks (TokenizerScratch), and a table of
// bytes whose text is decoded only when asked for.

import type { Delimiters, Finding } from '../model';
import { codeAt, latin1, type Source } from './source';

/** The delimiters in force from `firstSegment` on (one run per ISA). */
export interface DelimiterRun {
  firstSegment: number;
  delimiters: Delimiters;
}

export interface SegmentTable {
  /** The text (decoded from `source` when it is bytes, on first use: the reader reads the bytes). */
  readonly text: string;
  /** What was tokenized: the text, or the bytes of ASCII text (source.ts). */
  readonly source: Source;
  readonly segmentCount: number;
  /** Offset of each segment's first character (its id). */
  readonly segmentStart: Uint32Array;
  /**
   * Offset of each segment's terminator; when the text ends first, where the segment's characters
   * end (before the line breaks and blanks after them, see unterminatedEnd).
   */
  readonly segmentEnd: Uint32Array;
  /** segmentIdCode of each segment's id (the text before its first element separator); 0 when that is not 1..3 ASCII characters. */
  readonly segmentCode: Uint32Array;
  /** Where the last segment's trailing line breaks end (a segment's full span ends where the next begins). */
  readonly trailingEnd: number;
  readonly delimiterRuns: DelimiterRun[];
  readonly findings: Finding[];
}

export const INITIAL_CAPACITY = 256;

/** A copy of `array` with room for `capacity` values. */
function grow(array: Uint32Array<ArrayBuffer>, capacity: number): Uint32Array<ArrayBuffer> {
  const next = new Uint32Array(capacity);
  next.set(array);
  return next;
}

/**
 * Room for the segments of a text of `length` characters when `count` segments end before
 * offset `at`: what the rest holds at the same density (and a little more), so that text of one
 * shape (a run of empty segments, short or long segments) grows the arrays once or twice, not
 * by half each time (every growth copies them, and the old and new arrays are held together).
 */
function capacityFor(count: number, at: number, length: number, current: number): number {
  const projected = Math.ceil((count / Math.max(at, 1)) * length * 1.05) + 16;
  return Math.min(Math.max(projected, Math.ceil(current * 1.25), count + 1), length + 1);
}

/** Drops unused capacity when it is over a quarter of the array, so a big document does not keep it. */
export function fit(array: Uint32Array<ArrayBuffer>, length: number): Uint32Array<ArrayBuffer> {
  return array.length - length > 4096 && array.length > length * 1.33 ? array.slice(0, length) : array;
}

/**
 * Whether the table's last segment ends in its terminator with only gaps after it (the text
 * after it, if any, would start a segment); false for an unterminated one, whose segmentEnd may
 * fall before trailing line breaks (unterminatedEnd), so it is not told by segmentEnd alone.
 */
export function endsTerminated(table: SegmentTable): boolean {
  const count = table.segmentCount;
  const run = table.delimiterRuns[table.delimiterRuns.length - 1];
  if (count === 0 || run === undefined) return false;
  const end = table.segmentEnd[count - 1]!;
  const source = table.source;
  return end < source.length && codeAt(source, end) === run.delimiters.segment.charCodeAt(0) && table.trailingEnd === source.length;
}

/** Reusable arrays for tokenize (see TokenizeOptions.scratch). */
export class TokenizerScratch {
  segmentStart = new Uint32Array(INITIAL_CAPACITY);
  segmentEnd = new Uint32Array(INITIAL_CAPACITY);
  segmentCode = new Uint32Array(INITIAL_CAPACITY);
}

/**
 * A byte table's text, decoded when first asked for (the reader reads the bytes; a finding about
 * the ISA header, or a check that reads the text itself, asks for it).
 */
export class ByteTable implements SegmentTable {
  private decoded: string | null = null;

  constructor(
    readonly source: Uint8Array,
    readonly segmentCount: number,
    readonly segmentStart: Uint32Array,
    readonly segmentEnd: Uint32Array,
    readonly segmentCode: Uint32Array,
    readonly trailingEnd: number,
    readonly delimiterRuns: DelimiterRun[],
    readonly findings: Finding[],
  ) {}

  get text(): string {
    return (this.decoded ??= latin1(this.source));
  }
}

/** Where the tokenizer is in its source: what the loops over a string and over bytes share. */
export interface Cursor {
  segmentStart: Uint32Array<ArrayBuffer>;
  segmentEnd: Uint32Array<ArrayBuffer>;
  segmentCode: Uint32Array<ArrayBuffer>;
  segmentCount: number;
  elementCode: number;
  terminatorCode: number;
  trailingEnd: number;
  at: number;
}

/** Room for one more segment in the cursor's arrays (and the scratch's). */
export function makeRoom(cursor: Cursor, length: number, scratch: TokenizerScratch | undefined): void {
  const capacity = capacityFor(cursor.segmentCount, cursor.at, length, cursor.segmentStart.length);
  cursor.segmentStart = grow(cursor.segmentStart, capacity);
  cursor.segmentEnd = grow(cursor.segmentEnd, capacity);
  cursor.segmentCode = grow(cursor.segmentCode, capacity);
  if (scratch) {
    scratch.segmentStart = cursor.segmentStart;
    scratch.segmentEnd = cursor.segmentEnd;
    scratch.segmentCode = cursor.segmentCode;
  }
}

