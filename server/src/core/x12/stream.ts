// An 837 checked one piece at a time, so that memory is bounded by the largest claim rather than
// by the file or its transaction sets: the CLI reads a big file in blocks, cuts the text just
// before a segment that ends the open claim (HL, CLM, an envelope segment) or before any segment
// while no claim is open, and pushes the pieces in order. The parser carries its open
// envelopes and HL context from piece to piece, so the findings are those that analyze() gives
// for the whole text (with document offsets), and each piece's claims are dropped once checked.
// Pure: the caller does the reading. This module is the blocks fed and cut into pieces; each
// piece is read and checked, its findings moved to document offsets, by streamPieces.ts. The text
// held between cuts is streamText.ts (and the middle of a long segment left out of it,
// streamHole.ts); where the text is cut, streamCut.ts.

import { CodingRun, type CodingTables } from '../rules/codingRun';
import { internalError, type SharedCoding } from '../analyze';
import { detectFormat } from '../parse';
import { isIsaAt, isIsaProblem, readIsaHeader, skipLeadingBlanks } from './isa';
import { GuidePass } from '../guides/pass';
import { CLM, DTP, HL, ISA, LX, NM1, SV1, SV2, SV3 } from './segmentCodes';
import { LONG_SEGMENT, LONG_SEGMENT_HEAD } from './longSegments';
import type { Source } from './source';
import { emptyLike, HeldBytes, HeldStrings, indexOfText, type HeldText } from './streamText';
import { CutSearch, ENVELOPE_CODES, skipGaps } from './streamCut';
import { noteLeftOut, type Hole } from './streamHole';
import { nothing, PieceReader, type PieceResult } from './streamPieces';

export type { PieceResult } from './streamPieces';

/**
 * Segments whose elements the 837 reader reads (Parser837.run), ISA included: any other segment
 * it only counts and spans, so the middle of a long one need not be held (see Hole).
 */
const READ_SEGMENT_CODES: ReadonlySet<number> = new Set([
  ISA, HL, CLM, ...ENVELOPE_CODES,
  NM1, DTP, LX, SV1, SV2, SV3,
]);

/**
 * A claim that has held this many characters without ending is read in pieces cut before its
 * LX segments (the parser carries it open from piece to piece: Parser837.endPiece), so that one
 * claim of a million lines is not held whole.
 */
const LONG_CLAIM = 1 << 20;

function merged(a: PieceResult, b: PieceResult): PieceResult {
  const interchanges = a.interchanges && b.interchanges ? a.interchanges.concat(b.interchanges) : (a.interchanges ?? b.interchanges);
  return { claims: a.claims + b.claims, serviceLines: a.serviceLines + b.serviceLines, findings: a.findings.concat(b.findings), ...(interchanges ? { interchanges } : {}) };
}

export class X12Stream {
  /** Document offset where the next piece starts (the text before it has been read). */
  private offset = 0;

  /** The coded lines of every piece: coding edits pair or sum lines of one patient across transaction sets, so they are checked at the end. */
  private readonly run: CodingRun;
  /** The pieces read and checked, in order (streamPieces.ts). */
  private readonly pieces: PieceReader;

  /** Characters of the longest piece read at once (what memory follows). */
  get longestPiece(): number {
    return this.pieces.longestPiece;
  }
  /** Characters fed so far. */
  private fed = 0;
  /** The middle of a long segment being left out of the pending text (see Hole). */
  private hole: Hole | null = null;
  /** Characters from which a segment is long (LONG_SEGMENT; tests use less). */
  protected longSegment = LONG_SEGMENT;
  /** Characters from which a claim is long (LONG_CLAIM; tests use less). */
  protected longClaim = LONG_CLAIM;

  /**
   * With `shared`, the lines go into a run of several files (checked together) and the run
   * checks them. With `guide`, the implementation-guide checks run as the pieces are read.
   * With `codedLinesOnly`, the reader builds a ServiceLine only for a line the run can keep
   * (CodingRun.tableFilter), and only the claims that have one (or that replace or void others) reach the run: for a run that is
   * all the claims are read for (the CLI's), not one that indexes every claim.
   */
  constructor(
    tables: CodingTables,
    private readonly shared?: SharedCoding,
    options?: { guide?: boolean; codedLinesOnly?: boolean },
  ) {
    this.run = shared?.run ?? new CodingRun(tables);
    this.pieces = new PieceReader(this.run, shared?.file ?? 0, options?.guide ? new GuidePass() : null, options?.codedLinesOnly ?? false);
  }

  /**
   * True when a document that starts with `head` can be read in pieces: it is an 837 by the
   * whole-file path's own test (detectFormat: not UTF-16 read a byte a character, say) and
   * starts with a well-formed ISA header (anything else is read whole, which reports what is
   * wrong with it).
   */
  static canStream(head: string): boolean {
    const at = skipLeadingBlanks(head);
    return isIsaAt(head, at) && !isIsaProblem(readIsaHeader(head, at)) && detectFormat(head) === 'x12';
  }

  /**
   * Text fed but not yet read (what follows the last cut): strings block by block, joined only at
   * a cut, or bytes (streamText.ts). Null until the first block says which.
   */
  private held: HeldText<Source> | null = null;

  /** Characters held (what follows the last cut). */
  private get pendingLength(): number {
    return this.held === null ? 0 : this.held.length;
  }

  /** Where the text fed is cut into pieces, and what that search knows of it (streamCut.ts). */
  private readonly cuts = new CutSearch();


  /**
   * Takes the next block of the document's text (blocks may be cut anywhere) and reads and
   * checks what it completes, up to the last cut found so far. Each block is searched for a cut
   * once (with the few characters before it that it needs), and held text is joined only when a
   * cut is found, so a long run without one costs time in proportion to it.
   */
  feed(block: Source): PieceResult {
    if (block.length === 0) return nothing();
    if (this.held === null) {
      this.held = typeof block === 'string' ? new HeldStrings() : new HeldBytes();
      this.cuts.carry = emptyLike(block);
    } else if (typeof block !== typeof this.cuts.carry) throw new Error('X12Stream: text and bytes fed to one stream');
    if (this.hole !== null) return this.feedHole(this.hole, block);
    const held = this.held;
    held.add(block);
    this.fed += block.length;
    const end = this.fed;
    const window = this.cuts.windowWith(block);
    const cut = this.findCut(window, end - window.length);
    if (cut < 0) {
      this.leaveOutLongSegment();
      return nothing();
    }
    const result = this.push(held.cut(cut - this.offset));
    this.leaveOutLongSegment();
    return result;
  }

  /**
   * When the pending text ends with a segment over LONG_SEGMENT characters that has no
   * terminator yet, that the reader reads no element of and that no open claim holds, keeps only
   * its first characters: the rest of it is counted, not held, until its terminator (see Hole).
   */
  private leaveOutLongSegment(): void {
    const start = this.cuts.lastStart;
    if (start < this.offset || this.cuts.lastTerminator >= start || this.fed - start < this.longSegment) return;
    if (this.cuts.openBeforeLastStart || this.cuts.lastStartIsIsa || READ_SEGMENT_CODES.has(this.cuts.lastStartCode)) return;
    // A malformed ISA just before reads its header from the segment's first characters too: they are kept.
    const keep = Math.max(start + LONG_SEGMENT_HEAD, this.cuts.malformedIsaReach) - this.offset;
    if (keep >= this.pendingLength) return;
    const held = this.held!;
    const text = held.all();
    this.hole = { start: keep, length: text.length - keep, open: true, solid: false, tail: 0 };
    noteLeftOut(this.hole, text, keep, text.length);
    held.truncate(keep);
    this.cuts.carry = emptyLike(this.cuts.carry);
  }

  /** Feeds a block while a long segment is being left out: up to its terminator, then to the next segment, where its piece ends. */
  private feedHole(hole: Hole, block: Source): PieceResult {
    let from = 0;
    const held = this.held!;
    if (hole.open) {
      const t = indexOfText(block, this.cuts.scanDelimiters!.segment, 0);
      this.fed += t < 0 ? block.length : t;
      if (t < 0) {
        hole.length += block.length;
        noteLeftOut(hole, block, 0, block.length);
        return nothing();
      }
      hole.length += t;
      hole.open = false;
      this.cuts.lastTerminator = this.fed;
      block = block.slice(t);
      from = 1;
    }
    // The terminator and the gaps after it end the segment's piece; the next segment starts the next piece.
    const next = skipGaps(block, from);
    held.add(block.slice(0, next));
    this.fed += next;
    if (next === block.length) return nothing();
    const piece = held.cut(held.length);
    this.hole = null;
    const result = this.push(piece, hole);
    // The search goes on from a segment start, as after a cut.
    this.cuts.carry = typeof block === 'string' ? this.cuts.scanDelimiters!.segment : Uint8Array.of(this.cuts.scanDelimiters!.segment.charCodeAt(0));
    return merged(result, this.feed(block.slice(next)));
  }


  /**
   * The last document offset (after the last cut) where a piece may end, in `window` (text whose
   * first character is at document offset `start`, ending with everything fed), or -1: see
   * CutSearch.find (streamCut.ts).
   */
  protected findCut(window: Source, start: number): number {
    return this.cuts.find(window, start, this.offset, this.pendingLength, this.longClaim);
  }

  /** Reads the rest, and reports what is still open at the end of the document (an ST without SE...). */
  end(): PieceResult {
    const held = this.held ?? new HeldStrings();
    const hole = this.hole;
    this.hole = null;
    if (hole !== null && hole.open && hole.solid) {
      // The document ends in a long segment without a terminator that runs on past its first
      // characters: it ends where the part left out ends, before the gaps after it, which the
      // piece holds again (as line breaks: gaps are all alike to the tokenizer, and nothing else
      // reads the text after the last segment) for one analysis of the whole text reads them.
      held.addLineBreaks(hole.tail);
      hole.length -= hole.tail;
    }
    const rest = held.cut(held.length);
    const last = rest.length > 0 || !this.pieces.started ? this.push(rest, hole) : nothing();
    last.findings.push(...this.pieces.finish(this.offset));
    if (!this.pieces.failed && this.shared === undefined) {
      try {
        for (const finding of this.run.findings()) last.findings.push(finding);
      } catch (error) {
        last.findings.push(internalError('checking', error));
      }
    }
    return last;
  }

  /** Reads and checks the next piece; its text starts where the previous piece ended (and may leave out the middle of a long segment). */
  private push(source: Source, hole: Hole | null = null): PieceResult {
    const base = this.offset;
    const length = source.length + (hole === null ? 0 : hole.length);
    this.offset += length;
    const result = this.pieces.read(source, base, length, hole, this.cuts.cutInClaim);
    this.cuts.cutInClaim = false;
    return result;
  }
}
