// An 837 checked one piece at a time, so that memory is bounded by the largest transaction set
// rather than by the file: the CLI reads a big file in blocks, cuts each just before an ST or
// ISA segment (cutPoint), and pushes the pieces in order. The findings are those that analyze()
// gives for the whole text (with document offsets), and each piece's claims are dropped once
// checked. Pure: the caller does the reading.

import type { Delimiters, Finding } from '../model';
import { CodingRun, type CodingTables } from '../rules/codingRun';
import { shiftFinding } from '../spans';
import { internalError, type SharedCoding } from '../analyze';
import { ISA_LOOKAHEAD, isIsaAt, isIsaProblem, readIsaHeader, skipLeadingBlanks } from './isa';
import { Parser837 } from './parse837';
import { X12SegmentIndex } from './segment-index';
import { tokenize } from './tokenizer';

export interface PieceResult {
  claims: number;
  serviceLines: number;
  /** With document offsets, in the order of the piece (structural by position, then coding). */
  findings: Finding[];
}

/** CR, LF, space, tab between segments (as the tokenizer skips them). */
function isBlank(code: number): boolean {
  return code === 10 || code === 13 || code === 32 || code === 9;
}

/** True when only blanks stand between text[at] and a segment terminator before it. */
function followsTerminator(text: string, at: number, terminator: number): boolean {
  for (let q = at - 1; q >= 0; q--) {
    const code = text.charCodeAt(q);
    if (code === terminator) return true;
    if (!isBlank(code)) return false;
  }
  return false;
}

/** Enough of the document's start to hold any ISA header (see ISA_LOOKAHEAD). */
const HEAD_LENGTH = 2 * ISA_LOOKAHEAD;
/**
 * Characters before a block searched with it for a cut. A cut whose line breaks before "ST" run
 * longer than this across a block boundary is missed: the piece then only runs on to a later cut.
 */
const CUT_OVERLAP = 64;

export class X12Stream {
  private parser: Parser837 | null = null;
  /** Document offset where the next piece starts. */
  private offset = 0;
  /** Delimiters in force at the end of what was pushed (null before the first ISA). */
  private delimiters: Delimiters | null = null;
  private failed = false;

  /** The coded lines of every piece: coding edits pair or sum lines of one patient across transaction sets, so they are checked at the end. */
  private readonly run: CodingRun;
  private readonly file: number;

  /** With `shared`, the lines go into a run of several files (checked together) and the run checks them. */
  constructor(
    tables: CodingTables,
    private readonly shared?: SharedCoding,
  ) {
    this.run = shared?.run ?? new CodingRun(tables);
    this.file = shared?.file ?? 0;
  }

  /**
   * True when a document that starts with `head` can be read in pieces: it starts with a
   * well-formed ISA header (anything else is read whole, which reports what is wrong with it).
   */
  static canStream(head: string): boolean {
    const at = skipLeadingBlanks(head);
    return isIsaAt(head, at) && !isIsaProblem(readIsaHeader(head, at));
  }

  /**
   * The last offset (> 0) in `text` where a piece may end: just before an ST or ISA segment,
   * after the terminator of the segment before it and any line breaks. -1 when there is none.
   * `text` continues from what was pushed so far (the first block starts with the ISA).
   */
  cutPoint(text: string): number {
    let delimiters = this.delimiters;
    if (delimiters === null) {
      // Before the first piece: the delimiters of the ISA the document starts with.
      const start = this.head.length > 0 ? this.head : text;
      const at = skipLeadingBlanks(start);
      const header = isIsaAt(start, at) ? readIsaHeader(start, at) : null;
      if (header === null || isIsaProblem(header)) return -1;
      delimiters = header.delimiters;
    }
    // The segment ids are searched for forwards (indexOf skips through the text; lastIndexOf
    // compares at every character), each checked backwards for the terminator: the same cut as
    // walking back terminator by terminator from the end.
    const terminator = delimiters.segment.charCodeAt(0);
    // Enough text after the cut to see the segment id and its separator.
    const last = text.length - 4;
    let best = -1;
    const st = 'ST' + delimiters.element.charAt(0);
    for (let at = text.indexOf(st, 1); at >= 0 && at <= last; at = text.indexOf(st, at + 1)) {
      if (followsTerminator(text, at, terminator)) best = at;
    }
    for (let at = text.indexOf('ISA', best + 1); at >= 0 && at <= last; at = text.indexOf('ISA', at + 1)) {
      if (at > 0 && isIsaAt(text, at) && followsTerminator(text, at, terminator)) best = at;
    }
    return best;
  }

  /** Text fed but not yet read (what follows the last cut point), block by block: joined only at a cut. */
  private pending: string[] = [];
  private pendingLength = 0;
  /** The document's first characters, where the ISA header that sets the delimiters is read. */
  private head = '';

  /**
   * Takes the next block of the document's text (blocks may be cut anywhere) and reads and
   * checks what it completes, up to the last cut point seen so far. Each block is searched for a
   * cut once (with a few characters of the text before it), and held text is joined only when a
   * cut is found, so a long transaction set fed in small blocks costs time in proportion to it.
   */
  feed(block: string): PieceResult {
    if (this.head.length < HEAD_LENGTH) this.head += block.slice(0, HEAD_LENGTH - this.head.length);
    const last = this.pending.length > 0 ? this.pending[this.pending.length - 1]! : '';
    // A cut needs a terminator, blanks and "ST*" or "ISA*" around it: they may begin in the text before the block.
    const overlap = last.slice(Math.max(0, last.length - CUT_OVERLAP));
    const cut = this.cutIn(overlap, block);
    const inBlock = cut - overlap.length;
    if (cut >= 0 && inBlock >= 0) {
      // The usual cut, inside the block: only the piece is joined (the rest stays a slice of the
      // block), so each character is copied once, into the piece that holds it.
      const head = block.slice(0, inBlock);
      let piece = head;
      if (this.pending.length > 0) {
        if (head !== '') this.pending.push(head);
        piece = this.pending.length === 1 ? this.pending[0]! : this.pending.join('');
      }
      const rest = block.slice(inBlock);
      this.pending = rest.length > 0 ? [rest] : [];
      this.pendingLength = rest.length;
      return this.push(piece);
    }
    this.pending.push(block);
    this.pendingLength += block.length;
    if (cut < 0) return { claims: 0, serviceLines: 0, findings: [] };
    const text = this.pending.length === 1 ? block : this.pending.join('');
    const at = this.pendingLength - block.length - overlap.length + cut;
    const rest = text.slice(at);
    this.pending = rest.length > 0 ? [rest] : [];
    this.pendingLength = rest.length;
    return this.push(text.slice(0, at));
  }

  /**
   * cutPoint(overlap + block), without joining them (which copies the block): a cut whose
   * terminator is in the block is found in the block alone, and only one that follows the
   * block's leading blanks (its terminator before the block) needs the text before it.
   */
  private cutIn(overlap: string, block: string): number {
    const inBlock = this.cutPoint(block);
    if (inBlock >= 0 || overlap.length === 0) return inBlock < 0 ? inBlock : inBlock + overlap.length;
    let blanks = 0;
    while (blanks < block.length && isBlank(block.charCodeAt(blanks))) blanks++;
    // Room after the last such position for the segment id and its separator (as in the whole).
    return this.cutPoint(overlap + block.slice(0, blanks + 8));
  }

  /** Reads the rest, and reports what is still open at the end of the document (an ST without SE...). */
  end(): PieceResult {
    const rest = this.pending.join('');
    this.pending = [];
    this.pendingLength = 0;
    const last = rest.length > 0 || this.parser === null ? this.push(rest) : { claims: 0, serviceLines: 0, findings: [] };
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

  /** Reads and checks the next piece; its text starts where the previous piece ended. */
  private push(piece: string): PieceResult {
    if (this.failed) return { claims: 0, serviceLines: 0, findings: [] };
    const base = this.offset;
    this.offset += piece.length;
    let claims;
    let structural: Finding[];
    try {
      const table = tokenize(piece, this.parser === null || this.delimiters === null ? {} : { continuing: this.delimiters });
      const index = new X12SegmentIndex(table);
      if (this.parser === null) this.parser = new Parser837(index);
      else this.parser.continueWith(index);
      const parser = this.parser;
      parser.run();
      parser.endPiece();
      if (table.delimiterRuns.length > 0) this.delimiters = table.delimiterRuns[table.delimiterRuns.length - 1]!.delimiters;
      claims = parser.result.claims;
      structural = [...table.findings, ...parser.result.findings].sort((a, b) => a.span.start - b.span.start);
      this.clearResult();
    } catch (error) {
      this.failed = true;
      return { claims: 0, serviceLines: 0, findings: [internalError('reading', error)] };
    }
    // Only the lines a PTP edit can pair are kept (with their offsets in the document).
    this.run.add(claims, { file: this.file, x12: true, base });
    let serviceLines = 0;
    for (const claim of claims) serviceLines += claim.lines.length;
    const findings = structural.map((finding) => shiftFinding(finding, base));
    return { claims: claims.length, serviceLines, findings };
  }

  private finish(): Finding[] {
    const parser = this.parser;
    if (parser === null || this.failed) return [];
    const base = this.offset - parser.textLength;
    try {
      parser.finish();
    } catch (error) {
      return [internalError('reading', error)];
    }
    const findings = parser.result.findings.sort((a, b) => a.span.start - b.span.start).map((finding) => shiftFinding(finding, base));
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

