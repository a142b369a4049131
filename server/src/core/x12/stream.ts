// An 837 checked one piece at a time, so that memory is bounded by the largest claim rather than
// by the file or its transaction sets: the CLI reads a big file in blocks, cuts the text just
// before a segment that ends the open claim (HL, CLM, an envelope segment) or before any segment
// while no claim is open, and pushes the pieces in order. The parser carries its open
// envelopes and HL context from piece to piece, so the findings are those that analyze() gives
// for the whole text (with document offsets), and each piece's claims are dropped once checked.
// Pure: the caller does the reading. This module is the pieces handed over: blocks fed, pieces
// read and checked, their findings moved to document offsets. The text held between cuts is
// streamText.ts (and the middle of a long segment left out of it, streamHole.ts); where the
// text is cut, streamCut.ts.

import type { Delimiters, Finding } from '../model';
import { CodingRun, type CodingTables } from '../rules/codingRun';
import { shiftFinding } from '../spans';
import { internalError, type SharedCoding } from '../analyze';
import { detectFormat } from '../parse';
import { isIsaAt, isIsaProblem, readIsaHeader, skipLeadingBlanks } from './isa';
import { withoutRepeats } from '../guides/checks';
import { GuidePass } from '../guides/pass';
import { Parser837 } from './parse837';
import { CLM, DTP, HL, ISA, LX, NM1, SV1, SV2, SV3 } from './segmentCodes';
import { X12SegmentIndex } from './segment-index';
import { tokenize, TokenizerScratch, type TokenizeOptions } from './tokenizer';
import { LONG_SEGMENT, LONG_SEGMENT_HEAD } from './longSegments';
import type { Source } from './source';
import { emptyLike, HeldBytes, HeldStrings, indexOfText, type HeldText } from './streamText';
import { CutSearch, ENVELOPE_CODES, skipGaps } from './streamCut';
import { findingAcrossHole, noteLeftOut, type Hole } from './streamHole';

export interface PieceResult {
  claims: number;
  serviceLines: number;
  /** With document offsets, in the order of the piece (structural by position, then coding). */
  findings: Finding[];
}

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
  return { claims: a.claims + b.claims, serviceLines: a.serviceLines + b.serviceLines, findings: a.findings.concat(b.findings) };
}

function nothing(): PieceResult {
  return { claims: 0, serviceLines: 0, findings: [] };
}

/**
 * A piece's reader findings with the guide findings of the same piece (guideChecks `full`): those
 * the guide repeats go (checks.ts withoutRepeats); a repeat is always about one segment, so
 * the two findings come from the same piece. `end`: the guide pass's last findings too.
 */
function withGuide(findings: Finding[], guide: GuidePass | null, end = false): Finding[] {
  if (guide === null) return findings;
  const found = end ? guide.finish() : guide.take();
  return found.length === 0 ? findings : [...withoutRepeats(findings, found), ...found];
}

export class X12Stream {
  private parser: Parser837 | null = null;
  /** Document offset where the next piece starts (the text before it has been read). */
  private offset = 0;
  /** Delimiters in force at the end of what was read (null before the first piece). */
  private delimiters: Delimiters | null = null;
  private failed = false;

  /** The coded lines of every piece: coding edits pair or sum lines of one patient across transaction sets, so they are checked at the end. */
  private readonly run: CodingRun;
  private readonly file: number;

  /** Characters of the longest piece read at once (what memory follows). */
  longestPiece = 0;
  /** Characters fed so far. */
  private fed = 0;
  /** Document length of the last piece read (its text may leave a hole), and the hole. */
  private pieceLength = 0;
  private pieceHole: Hole | null = null;
  /** The middle of a long segment being left out of the pending text (see Hole). */
  private hole: Hole | null = null;
  /** Characters from which a segment is long (LONG_SEGMENT; tests use less). */
  protected longSegment = LONG_SEGMENT;
  /** Characters from which a claim is long (LONG_CLAIM; tests use less). */
  protected longClaim = LONG_CLAIM;
  /**
   * The arrays each piece is tokenized into: a piece's table is read (by the parser) only until
   * the next piece is pushed, so one set serves them all instead of new arrays for every piece.
   */
  private readonly scratch = new TokenizerScratch();

  /** The implementation-guide checks, run in the reader's pass (guideChecks `full`), or null. */
  private readonly guide: GuidePass | null;
  /** Whether the reader builds only the lines the run keeps (see codedLinesOnly). */
  private readonly codedLinesOnly: boolean;

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
    this.file = shared?.file ?? 0;
    this.guide = options?.guide ? new GuidePass() : null;
    this.codedLinesOnly = options?.codedLinesOnly ?? false;
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
    const last = rest.length > 0 || this.parser === null ? this.push(rest, hole) : nothing();
    last.findings.push(...this.finish());
    if (!this.failed && this.shared === undefined) {
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
    if (this.failed) return nothing();
    const base = this.offset;
    const length = source.length + (hole === null ? 0 : hole.length);
    this.offset += length;
    if (source.length > this.longestPiece) this.longestPiece = source.length;
    let claims;
    let claimCount = 0;
    let lineCount = 0;
    let structural: Finding[];
    try {
      const options: TokenizeOptions = this.parser === null || this.delimiters === null ? { scratch: this.scratch } : { continuing: this.delimiters, scratch: this.scratch };
      if (hole !== null && hole.open && hole.solid) options.leftOut = hole.start;
      // Bytes are tokenized as bytes with the guide checks too (splitBytes: about a third of
      // splitText's time); the checks read the piece's text, which the table decodes once (ByteTable).
      const table = tokenize(source, options);
      const index = new X12SegmentIndex(table);
      if (this.parser === null) {
        this.parser = new Parser837(index);
        this.parser.guide = this.guide;
        if (this.codedLinesOnly) this.parser.keepLine = this.run.tableFilter();
      } else this.parser.continueWith(index, this.pieceLength);
      this.pieceLength = length;
      this.pieceHole = hole;
      this.guide?.pieceHole(hole);
      const parser = this.parser;
      // Counted by the parser: with codedLinesOnly its claims are only those with a line kept.
      const claimsBefore = parser.claimCount;
      const linesBefore = parser.linesSeen;
      parser.run();
      parser.endPiece(this.cuts.cutInClaim);
      this.cuts.cutInClaim = false;
      if (table.delimiterRuns.length > 0) this.delimiters = table.delimiterRuns[table.delimiterRuns.length - 1]!.delimiters;
      claims = parser.result.claims;
      claimCount = parser.claimCount - claimsBefore;
      lineCount = parser.linesSeen - linesBefore;
      structural = withGuide([...table.findings, ...parser.result.findings], this.guide).sort((a, b) => a.span.start - b.span.start);
      if (hole !== null) {
        structural = structural.map((finding) => findingAcrossHole(finding, hole));
        // A claim in a piece with a hole ends before the long segment (none is open at it); claims end in order.
        if (claimCount > 0 && parser.lastClaimEnd > hole.start) throw new Error('a claim reaches into a long segment left out of its piece');
      }
      this.clearResult();
    } catch (error) {
      this.failed = true;
      return { claims: 0, serviceLines: 0, findings: [internalError('reading', error)] };
    }
    // Only the lines a PTP edit can pair are kept (with their offsets in the document).
    this.run.add(claims, { file: this.file, x12: true, base });
    const findings = structural.map((finding) => shiftFinding(finding, base));
    return { claims: claimCount, serviceLines: lineCount, findings };
  }

  private finish(): Finding[] {
    const parser = this.parser;
    if (parser === null || this.failed) return [];
    const base = this.offset - this.pieceLength;
    let ended: Finding[];
    try {
      parser.finish();
      ended = withGuide(parser.result.findings, this.guide, true);
    } catch (error) {
      return [internalError('reading', error)];
    }
    // In the coordinates of the last piece, which may leave out the middle of a long segment.
    const hole = this.pieceHole;
    if (hole !== null) ended = ended.map((finding) => findingAcrossHole(finding, hole));
    const findings = ended.sort((a, b) => a.span.start - b.span.start).map((finding) => shiftFinding(finding, base));
    this.clearResult();
    return findings;
  }

  private clearResult(): void {
    const result = this.parser!.result;
    result.claims = [];
    result.findings = [];
    result.interchanges = [];
    result.groups = [];
    result.transactions = [];
  }
}

