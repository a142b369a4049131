// The pieces of an 837 read in order for X12Stream (stream.ts), which decides where the text is
// cut: each piece tokenized into reused arrays and read by one parser that carries the open
// envelopes and claim from piece to piece, its guide findings joined to the reader's, its claims
// handed to the coding run, its findings moved to document offsets.

import { interchangeHeaders, type InterchangeHeader } from './interchangeHeaders';
import type { Delimiters, Finding } from '../model';
import type { CodingRun } from '../rules/codingRun';
import { shiftFinding } from '../spans';
import { internalError } from '../analyze';
import { joinedWithGuide } from '../guides/checks';
import type { GuidePass } from '../guides/pass';
import { Parser837 } from './parse837';
import { NotEditedClaims } from '../rules/notEdited';
import { tablesMissingFindings } from '../rules/tablesMissing';
import { X12SegmentIndex } from './segment-index';
import { tokenize, TokenizerScratch, type TokenizeOptions } from './tokenizer';
import type { Source } from './source';
import { findingAcrossHole, type Hole } from './streamHole';

export interface PieceResult {
  claims: number;
  serviceLines: number;
  /** With document offsets, in the order of the piece (structural by position, then coding). */
  findings: Finding[];
  /** The interchanges whose ISA the piece read, with document offsets (with the guide checks only). */
  interchanges?: InterchangeHeader[];
}

export function nothing(): PieceResult {
  return { claims: 0, serviceLines: 0, findings: [] };
}

/**
 * A piece's reader findings with the guide findings of the same piece (guideChecks `full`), each
 * problem once (checks.ts joinedWithGuide); a repeat is always about one segment, so
 * the two findings come from the same piece. `end`: the guide pass's last findings too.
 */
function withGuide(findings: Finding[], guide: GuidePass | null, end = false): Finding[] {
  if (guide === null) return findings;
  const found = end ? guide.finish() : guide.take();
  return found.length === 0 ? findings : joinedWithGuide(findings, found);
}

export class PieceReader {
  private parser: Parser837 | null = null;
  /** Delimiters in force at the end of what was read (null before the first piece). */
  private delimiters: Delimiters | null = null;
  /** A piece failed to read: nothing more is read. */
  failed = false;
  /** Characters of the longest piece read at once (what memory follows). */
  longestPiece = 0;
  /** Document length of the last piece read (its text may leave a hole), and the hole. */
  private pieceLength = 0;
  private pieceHole: Hole | null = null;
  /**
   * The arrays each piece is tokenized into: a piece's table is read (by the parser) only until
   * the next piece is read, so one set serves them all instead of new arrays for every piece.
   */
  private readonly scratch = new TokenizerScratch();
  /** The claims read so far that no NCCI table judges, at document offsets (said once, at the end). */
  private readonly notEdited = new NotEditedClaims();

  /**
   * `run`: the coding run the claims go to (as file `file`); `guide`: the implementation-guide
   * checks run in the reader's pass, or null; `codedLinesOnly`: the reader builds only the lines
   * the run keeps (see X12Stream).
   */
  constructor(
    private readonly run: CodingRun,
    private readonly file: number,
    private readonly guide: GuidePass | null,
    private readonly codedLinesOnly: boolean,
  ) {}

  /** Has a piece been read (the parser made)? */
  get started(): boolean {
    return this.parser !== null;
  }

  /**
   * Reads and checks the next piece, which starts at document offset `base` and is `length`
   * characters of the document (more than `source` when it leaves out the middle of a long
   * segment, `hole`); `cutInClaim`: the next piece goes on with its open claim.
   */
  read(source: Source, base: number, length: number, hole: Hole | null, cutInClaim: boolean): PieceResult {
    if (this.failed) return nothing();
    if (source.length > this.longestPiece) this.longestPiece = source.length;
    let claims;
    let claimCount = 0;
    let lineCount = 0;
    let structural: Finding[];
    let interchanges: InterchangeHeader[] | undefined;
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
      // Every claim, counted by the parser: with codedLinesOnly its result holds only those with a line kept.
      const claimsBefore = parser.claimCount;
      const linesBefore = parser.linesSeen;
      parser.run();
      parser.endPiece(cutInClaim);
      this.takeNotEdited(parser, base);
      if (table.delimiterRuns.length > 0) this.delimiters = table.delimiterRuns[table.delimiterRuns.length - 1]!.delimiters;
      claims = parser.result.claims;
      // For the check of ISA13 across the files of a run (controlNumbersAcrossFiles.ts), a guide check.
      if (this.guide !== null && parser.result.interchanges.length > 0) interchanges = interchangeHeaders(index, parser.result.interchanges, base);
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
    return { claims: claimCount, serviceLines: lineCount, findings, ...(interchanges ? { interchanges } : {}) };
  }

  /** What is still open at the end of the document (which ends at offset `end`), as findings with document offsets. */
  finish(end: number): Finding[] {
    const parser = this.parser;
    if (parser === null || this.failed) return [];
    const base = end - this.pieceLength;
    let ended: Finding[];
    try {
      parser.finish();
      this.takeNotEdited(parser, base);
      ended = withGuide(parser.result.findings, this.guide, true);
    } catch (error) {
      return [internalError('reading', error)];
    }
    // In the coordinates of the last piece, which may leave out the middle of a long segment.
    const hole = this.pieceHole;
    if (hole !== null) ended = ended.map((finding) => findingAcrossHole(finding, hole));
    const findings = ended.sort((a, b) => a.span.start - b.span.start).map((finding) => shiftFinding(finding, base));
    this.clearResult();
    // After the reader's and the guide's findings, as analyze() adds it.
    const note = this.notEdited.finding();
    if (note !== null) findings.push(note);
    findings.push(...tablesMissingFindings(this.notEdited, this.run.loaded));
    return findings;
  }

  /** The parser's tally of claims by table since the last piece, their CLM01 moved from the piece's offsets (from `base`) to the document's. */
  private takeNotEdited(parser: Parser837, base: number): void {
    const piece = parser.takeNotEdited();
    piece.shift(base);
    this.notEdited.addAll(piece);
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
