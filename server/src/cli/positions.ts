// Where a finding is, as LSP and the report formats count it: zero-based lines and UTF-16
// characters for the offsets the findings name, found in one pass over the text (or its pieces,
// or its bytes: lineBreaks.ts counts the breaks).
import type { SharedCoding } from '../core/analyze';
import type { Finding, Span } from '../core/model';
import type { InterchangeHeader } from '../core/x12/interchangeHeaders';
import type { Position, Range } from '../core/text';
import { lastAtOrBefore } from '../core/search';
import { ByteLineBreaks, LineBreaks, type BreakCounter } from './lineBreaks';

/**
 * The bytes of a text of one byte a character (an ASCII file the CLI reads in blocks), in order:
 * each block is read only until the next one is asked for, so one buffer may hold them all in turn.
 */
export interface ByteBlocks {
  bytes: Iterable<Uint8Array>;
}

/** Positions of a sorted set of offsets: offsets[i] is at lines[i], characters[i]. */
interface Located {
  offsets: Uint32Array;
  lines: Uint32Array;
  characters: Uint32Array;
}

/**
 * Zero-based lines and UTF-16 characters for a set of offsets, as LSP counts them (CR, LF and
 * CRLF each end a line), found in one pass over the text: no per-line table of a large file is
 * kept. The text may be given whole, as pieces in order, or as the bytes of a big file read again
 * in blocks: only the wanted offsets are kept either way.
 */
export class Positions {
  private readonly offsets: Uint32Array;
  private readonly lines: Uint32Array;
  private readonly characters: Uint32Array;

  /**
   * `text` is the whole text, any iterable of its pieces in order (read lazily, once), its bytes
   * in blocks, or the length of a text known to have no line breaks.
   */
  constructor(text: string | Iterable<string> | ByteBlocks | { oneLineOf: number }, wanted: readonly number[]) {
    const located =
      typeof text === 'string'
        ? locateInPieces([text], new LineBreaks(), wanted)
        : 'oneLineOf' in text
          ? locateOnOneLine(text.oneLineOf, wanted)
          : 'bytes' in text
            ? locateInPieces(text.bytes, new ByteLineBreaks(), wanted)
            : locateInPieces(text, new LineBreaks(), wanted);
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
  // Indexed loops: for-of made an iterator for every finding's related list (and an empty list for most).
  for (let f = 0; f < findings.length; f++) {
    const finding = findings[f]!;
    offsets.push(finding.span.start, finding.span.end);
    const related = finding.related;
    // Offsets in this file only (a related location in another file of a run is that file's to place).
    if (related !== undefined) for (let r = 0; r < related.length; r++) if (related[r]!.file === undefined) offsets.push(related[r]!.span.start, related[r]!.span.end);
  }
  return offsets;
}

/** Positions in a text of `length` characters without line breaks: line 0, the offset (clamped) as character. */
function locateOnOneLine(length: number, wanted: readonly number[]): Located {
  const offsets = distinctSorted(wanted, length);
  return { offsets, lines: new Uint32Array(offsets.length), characters: offsets.slice() };
}

/**
 * The offsets, clamped to [0, max], in ascending order without repeats: in a typed array rather
 * than through a Set and its iterators (a big file's findings point at tens of thousands).
 */
function distinctSorted(wanted: readonly number[], max: number): Uint32Array {
  const sorted = new Uint32Array(wanted.length);
  for (let i = 0; i < wanted.length; i++) sorted[i] = Math.max(0, Math.min(wanted[i]!, max));
  sorted.sort();
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
function locateInPieces<P extends { readonly length: number }>(pieces: Iterable<P>, breaks: BreakCounter<P>, wanted: readonly number[]): Located {
  const sorted = distinctSorted(wanted, Infinity);
  const lines = new Uint32Array(sorted.length);
  const characters = new Uint32Array(sorted.length);
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
 * The offsets a file's report needs placed: those its findings point at, with (checked with other
 * files) those the run's coding findings will land on, and the ISA13s a finding of the run may be
 * on (core/x12/controlNumbersAcrossFiles.ts).
 */
export function wantedOffsets(findings: readonly Finding[], shared: SharedCoding | undefined, interchanges: readonly InterchangeHeader[] | undefined): number[] {
  const offsets = offsetsOf(findings);
  if (shared) for (const offset of shared.run.offsetsOf(shared.file)) offsets.push(offset);
  if (interchanges) for (const header of interchanges) offsets.push(header.span.start, header.span.end);
  return offsets;
}
