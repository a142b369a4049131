// An 837 checked one piece at a time, so that memory is bounded by the largest claim rather than
// by the file or its transaction sets: the CLI reads a big file in blocks, cuts the text just
// before a segment that ends the open claim (HL, CLM, an envelope segment) or before any segment
// while no claim is open (findCut), and pushes the pieces in order. The parser carries its open
// envelopes and HL context from piece to piece, so the findings are those that analyze() gives
// for the whole text (with document offsets), and each piece's claims are dropped once checked.
// Pure: the caller does the reading.

import type { Delimiters, Finding, Span } from '../model';
import { CodingRun, type CodingTables } from '../rules/codingRun';
import { shiftFinding } from '../spans';
import { internalError, type SharedCoding } from '../analyze';
import { detectFormat } from '../parse';
import { ISA_LOOKAHEAD, isIsaAt, isIsaAtIn, isIsaProblem, readIsaHeader, skipLeadingBlanks, skipLeadingBlanksIn } from './isa';
import { withoutRepeats } from '../guides/checks';
import { GuidePass } from '../guides/pass';
import { Parser837 } from './parse837';
import { CLM, DTP, GE, GS, HL, IEA, ISA, LX, NM1, SE, ST, SV1, SV2, SV3 } from './segmentCodes';
import { X12SegmentIndex } from './segment-index';
import { tokenize, TokenizerScratch, type TokenizeOptions } from './tokenizer';
import { LONG_SEGMENT, LONG_SEGMENT_HEAD } from './longSegments';
import { codeAt, latin1, type Source } from './source';
import { copyText, emptyLike, HeldBytes, HeldStrings, indexOfText, isaHeaderIn, lastIndexOfText, WindowJoiner, type HeldText } from './streamText';

export interface PieceResult {
  claims: number;
  serviceLines: number;
  /** With document offsets, in the order of the piece (structural by position, then coding). */
  findings: Finding[];
}

/** Characters the tokenizer skips after a segment terminator (see isGap in tokenizer.ts). */
function isGap(code: number): boolean {
  if (code > 32) return code === 0xfeff;
  return code === 10 || code === 13 || code === 32 || code === 9 || code === 0 || code === 26;
}

/** Where the segment after a terminator at `from - 1` starts: its gaps skipped. */
function skipGaps(text: Source, from: number): number {
  let at = from;
  while (at < text.length && isGap(codeAt(text, at))) at++;
  return at;
}

/** True when only gaps stand between text[at] and a segment terminator before it (text[at] then starts a segment). */
function startsSegment(text: Source, at: number, terminator: number): boolean {
  for (let q = at - 1; q >= 0; q--) {
    const code = codeAt(text, q);
    if (code === terminator) return true;
    if (!isGap(code)) return false;
  }
  return false;
}

/** segmentIdCode of IEA, GS, GE, ST, SE (segmentCodes.ts, as the other ids here). */
const ENVELOPE_CODES: readonly number[] = [IEA, GS, GE, ST, SE];

/**
 * Segments the parser ends the open claim at (Claim2300.close): a cut just before one never splits a
 * claim. A claim itself opens at CLM (which closes the one before).
 */
function closesClaim(code: number): boolean {
  return code === HL || code === CLM || code === ISA || ENVELOPE_CODES.includes(code);
}

/** The ids of those segments, with their codes. */
const CLOSING_IDS: readonly (readonly [string, number])[] = [
  ['HL', HL], ['CLM', CLM], ['ST', ST], ['SE', SE], ['GS', GS], ['GE', GE], ['IEA', IEA], ['ISA', ISA],
];

/**
 * Segment starts looked at backwards from the end of a block before the closing segments are
 * searched for by their ids instead: a block of claims has one within a few segments, and a
 * block without any (a run of empty or short segments) is then searched in a few passes of
 * indexOf rather than one step per segment.
 */
const BACKWARD_SEGMENTS = 32;

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


/**
 * The middle of a long segment left out of a piece: the piece's text holds its first
 * LONG_SEGMENT_HEAD characters and then goes on from its terminator, so offsets in the piece
 * from `start` on are `length` characters short of the document's. Only a segment the reader
 * reads no element of, with no claim open, is cut short like this, and its piece ends right after
 * it, so nothing read from the piece (its id, where it starts and ends, the segments around it)
 * falls in the part left out.
 */
interface Hole {
  /** Offset in the piece's text. */
  start: number;
  length: number;
  /** True while the segment's terminator has not been fed. */
  open: boolean;
  /**
   * While open: whether the part left out holds a character other than a gap, and how many gaps
   * it ends with after the last such. A segment the document ends without a terminator ends
   * before its trailing gaps (tokenizer.ts unterminatedEnd), so end() puts those back in the
   * piece. Counted, not held: a run of blanks in a long segment is not kept either.
   */
  solid: boolean;
  tail: number;
}

/** Notes text[from, to), left out of an open hole (see Hole.solid). */
function noteLeftOut(hole: Hole, text: Source, from: number, to: number): void {
  let at = to;
  while (at > from && isGap(codeAt(text, at - 1))) at--;
  if (at > from) {
    hole.solid = true;
    hole.tail = to - at;
  } else hole.tail += to - from;
}

function acrossHole(span: Span, hole: Hole): Span {
  return {
    start: span.start >= hole.start ? span.start + hole.length : span.start,
    end: span.end >= hole.start ? span.end + hole.length : span.end,
  };
}

/** A finding of a piece with a hole, with the offsets of its text without one. */
function findingAcrossHole(finding: Finding, hole: Hole): Finding {
  const moved: Finding = { ...finding, span: acrossHole(finding.span, hole) };
  if (finding.related) moved.related = finding.related.map((related) => ({ ...related, span: acrossHole(related.span, hole) }));
  return moved;
}

function merged(a: PieceResult, b: PieceResult): PieceResult {
  return { claims: a.claims + b.claims, serviceLines: a.serviceLines + b.serviceLines, findings: a.findings.concat(b.findings) };
}

/**
 * The id code the tokenizer gives the segment starting at `at` (its segmentCode), or -1 when
 * the text ends before that is decided (the id runs to the element separator or the
 * terminator, and is read from at most 4 characters).
 */
function idCodeAt(text: Source, at: number, element: number, terminator: number): number {
  let code = 0;
  for (let q = at; q < at + 4; q++) {
    if (q >= text.length) return -1;
    const c = codeAt(text, q);
    if (c === element || c === terminator) {
      const length = q - at;
      return length >= 1 ? length * 128 ** length + code : 0;
    }
    if (c > 127) return 0;
    code = code * 128 + c;
  }
  return 0;
}

/** Index in `text` of the last LX segment starting in [from, to) (after a terminator and gaps), or -1. */
function lastLineStart(text: Source, from: number, to: number, element: number, terminator: number): number {
  for (let at = lastIndexOfText(text, 'LX', to - 2); at >= from; at = at > 0 ? lastIndexOfText(text, 'LX', at - 1) : -1) {
    if (startsSegment(text, at, terminator) && idCodeAt(text, at, element, terminator) === LX) return at;
  }
  return -1;
}

/** The terminator `segment` and window[from..] after it: the carry of a search (bytes copied). */
function withTerminator(segment: string, window: Source, from: number): Source {
  if (typeof window === 'string') return segment + window.slice(from);
  const carry = new Uint8Array(1 + window.length - from);
  carry[0] = segment.charCodeAt(0);
  carry.set(window.subarray(from), 1);
  return carry;
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
  /** The last cut was before an LX inside a claim: the piece before it leaves the claim open. */
  private cutInClaim = false;
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

  // What the search for cuts knows about the text fed so far (see findCut).
  /** Delimiters in force after the text searched (null until the document's first ISA is read). */
  private scanDelimiters: Delimiters | null = null;
  /** True when the document does not start with a well-formed ISA: it is read whole, at the end. */
  private whole = false;
  /** Whether a claim is open after the last segment searched (a cut before a segment that does not close it would split it). */
  private claimOpen = false;
  /** Document offset of the last ISA segment seen: no cut within ISA_LOOKAHEAD after it (reading its header looks that far). */
  private lastIsa = -1;
  /** Where the text a malformed ISA's header is read from ends, for the last one seen (a long segment within it is held up to there). */
  private malformedIsaReach = -1;
  /** Document offset of the document's first ISA, which the first piece starts with. */
  private firstIsa = -1;
  /** The last segment start found, its id code, whether it is an ISA, and whether a claim is open before it. */
  private lastStart = -1;
  private lastStartCode = 0;
  private lastStartIsIsa = false;
  private openBeforeLastStart = true;
  /** Document offset of the last segment terminator found. */
  private lastTerminator = -1;
  /**
   * The end of the text searched that must be searched again with the next block: a terminator
   * and what follows it when the segment after it is not yet known, or an ISA whose header is
   * not yet complete. Gaps in the middle may be left out (only the offsets after them are used).
   */
  private carry: Source = '';
  /** Where the carry and the next block are joined (bytes: one buffer, used again). */
  private readonly windows = new WindowJoiner();

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
      this.carry = emptyLike(block);
    } else if (typeof block !== typeof this.carry) throw new Error('X12Stream: text and bytes fed to one stream');
    if (this.hole !== null) return this.feedHole(this.hole, block);
    const held = this.held;
    held.add(block);
    this.fed += block.length;
    const end = this.fed;
    const window = this.carry.length > 0 ? this.windows.join(this.carry, block) : block;
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
    const start = this.lastStart;
    if (start < this.offset || this.lastTerminator >= start || this.fed - start < this.longSegment) return;
    if (this.openBeforeLastStart || this.lastStartIsIsa || READ_SEGMENT_CODES.has(this.lastStartCode)) return;
    // A malformed ISA just before reads its header from the segment's first characters too: they are kept.
    const keep = Math.max(start + LONG_SEGMENT_HEAD, this.malformedIsaReach) - this.offset;
    if (keep >= this.pendingLength) return;
    const held = this.held!;
    const text = held.all();
    this.hole = { start: keep, length: text.length - keep, open: true, solid: false, tail: 0 };
    noteLeftOut(this.hole, text, keep, text.length);
    held.truncate(keep);
    this.carry = emptyLike(this.carry);
  }

  /** Feeds a block while a long segment is being left out: up to its terminator, then to the next segment, where its piece ends. */
  private feedHole(hole: Hole, block: Source): PieceResult {
    let from = 0;
    const held = this.held!;
    if (hole.open) {
      const t = indexOfText(block, this.scanDelimiters!.segment, 0);
      this.fed += t < 0 ? block.length : t;
      if (t < 0) {
        hole.length += block.length;
        noteLeftOut(hole, block, 0, block.length);
        return nothing();
      }
      hole.length += t;
      hole.open = false;
      this.lastTerminator = this.fed;
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
    this.carry = typeof block === 'string' ? this.scanDelimiters!.segment : Uint8Array.of(this.scanDelimiters!.segment.charCodeAt(0));
    return merged(result, this.feed(block.slice(next)));
  }

  /**
   * The last document offset (after the last cut) where a piece may end, in `window` (text
   * whose first character is at document offset `start`, ending with everything fed), or -1;
   * and what the next search needs to know. A piece ends just before a segment (after the
   * terminator and the gaps before it, where the tokenizer starts a segment in the whole text):
   * one that ends the open claim (HL, CLM, an envelope segment), or any segment while no claim
   * is open; never within ISA_LOOKAHEAD after an ISA (whose header is read from that much text).
   * Segments are looked at backwards from the end, so a block full of claims is searched over
   * its last few segments; ISAs (which change the delimiters) are looked for forwards first.
   */
  protected findCut(window: Source, start: number): number {
    this.carry = emptyLike(window);
    if (this.whole) return -1;
    let previousIsa = this.lastIsa;
    let from = 0;
    /** Index in window of the last well-formed ISA: what comes after it uses its delimiters, and nothing before it is searched. */
    let floor = -1;
    let delimiters = this.scanDelimiters;
    if (delimiters === null) {
      // The document's first ISA: the first piece starts with it, and its header sets the delimiters.
      const at = skipLeadingBlanksIn(window);
      if (window.length < at + ISA_LOOKAHEAD) {
        if (at > ISA_LOOKAHEAD) this.whole = true;
        else this.carry = copyText(window, 0);
        return -1;
      }
      const header = isIsaAtIn(window, at) ? isaHeaderIn(window, at) : null;
      if (header === null || isIsaProblem(header)) {
        this.whole = true;
        return -1;
      }
      delimiters = header.delimiters;
      this.firstIsa = start + at;
      this.lastIsa = previousIsa = start + at;
      floor = at;
      from = at + 3;
    }
    let terminator = delimiters.segment.charCodeAt(0);
    let element = delimiters.element.charCodeAt(0);
    /** ISA segments in the window (indexes), whatever their headers. */
    const isas: number[] = [];
    /** Index of what may be an ISA whose header is not complete in the window: nothing from it on is searched yet. */
    let undecided = -1;
    for (let at = indexOfText(window, 'ISA', from); at >= 0; at = indexOfText(window, 'ISA', at + 1)) {
      if (!startsSegment(window, at, terminator)) continue;
      if (at + ISA_LOOKAHEAD > window.length && (at + 3 >= window.length || isIsaAtIn(window, at))) {
        undecided = at;
        break;
      }
      if (!isIsaAtIn(window, at)) continue;
      isas.push(at);
      const header = isaHeaderIn(window, at);
      if (!isIsaProblem(header)) {
        delimiters = header.delimiters;
        terminator = delimiters.segment.charCodeAt(0);
        element = delimiters.element.charCodeAt(0);
        floor = at;
      } else {
        // Read from up to ISA_LOOKAHEAD characters, separators of later segments included.
        this.malformedIsaReach = Math.max(this.malformedIsaReach, start + at + ISA_LOOKAHEAD);
      }
    }
    const limit = undecided >= 0 ? undecided : window.length;
    const lowest = Math.max(floor, 0);
    // Backwards from the end to the last segment that ends a claim: the segments after it do not.
    const segment = delimiters.segment;
    let last = -1;
    let closer = -1;
    let closerCode = 0;
    let seen = 0;
    let lastCode = 0;
    let lastTerminator = -1;
    for (let t = limit - 1; t >= lowest; t--) {
      if (codeAt(window, t) !== terminator) continue;
      if (lastTerminator < 0) lastTerminator = t;
      const at = skipGaps(window, t + 1);
      if (at >= limit) continue;
      const code = idCodeAt(window, at, element, terminator);
      if (code < 0) continue;
      if (closesClaim(code)) {
        closer = at;
        closerCode = code;
        break;
      }
      if (last < 0) {
        last = at;
        lastCode = code;
      }
      if (++seen === BACKWARD_SEGMENTS) {
        // The last closing segment before t, found by its id.
        for (const [id, code] of CLOSING_IDS) {
          for (let at = indexOfText(window, id, Math.max(lowest, closer + 1)); at >= 0 && at < t; at = indexOfText(window, id, at + 1)) {
            if (startsSegment(window, at, terminator) && idCodeAt(window, at, element, terminator) === code) {
              closer = at;
              closerCode = code;
            }
          }
        }
        break;
      }
    }
    if (closer < 0 && floor >= 0) {
      closer = floor;
      closerCode = ISA;
    }
    // Whether a claim is open before `last` (and after everything searched).
    const open = closer >= 0 ? closerCode === CLM : this.claimOpen;

    const mayCut = (index: number): boolean => {
      const at = start + index;
      if (index < 0 || at <= this.offset || at <= this.firstIsa) return false;
      let isa = previousIsa;
      for (const i of isas) if (i < index) isa = start + i;
      return isa < 0 || at >= isa + ISA_LOOKAHEAD;
    };
    let cut = -1;
    if (last >= 0 && !open && mayCut(last)) cut = start + last;
    else if (mayCut(closer)) cut = start + closer;
    else if (floor !== closer && mayCut(floor)) cut = start + floor;
    else if (open && this.pendingLength >= this.longClaim) {
      // A claim too long to hold: cut before its last LX searched (the claim goes on in the next piece).
      const lx = lastLineStart(window, Math.max(lowest, closer + 1), limit, element, terminator);
      if (mayCut(lx)) {
        cut = start + lx;
        this.cutInClaim = true;
      }
    }

    // What the next search starts from.
    if (isas.length > 0) this.lastIsa = start + isas[isas.length - 1]!;
    if (lastTerminator >= 0) this.lastTerminator = start + lastTerminator;
    const lastStart = last >= 0 ? last : closer;
    if (lastStart >= 0 && start + lastStart > this.lastStart) {
      this.lastStart = start + lastStart;
      this.lastStartCode = last >= 0 ? lastCode : closerCode;
      this.lastStartIsIsa = isIsaAtIn(window, lastStart);
      // Before a closing segment the claim may be open either way: that segment is read anyway.
      this.openBeforeLastStart = last >= 0 ? open : true;
    }
    this.claimOpen = open;
    this.scanDelimiters = delimiters;
    if (undecided >= 0) {
      this.carry = withTerminator(segment, window, undecided);
    } else {
      // The segment after the last terminator, when it is not known yet (gaps or the start of its id).
      const t = lastIndexOfText(window, segment);
      if (t >= 0) {
        const at = skipGaps(window, t + 1);
        if (at >= window.length || idCodeAt(window, at, element, terminator) < 0) {
          this.carry = withTerminator(segment, window, Math.max(t + 1, window.length - 8));
        }
      }
    }
    return cut;
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
    // The guide checks read the text of a piece (and keep some of it): they are given it decoded.
    const piece = this.guide !== null && typeof source !== 'string' ? latin1(source) : source;
    const base = this.offset;
    const length = piece.length + (hole === null ? 0 : hole.length);
    this.offset += length;
    if (piece.length > this.longestPiece) this.longestPiece = piece.length;
    let claims;
    let claimCount = 0;
    let lineCount = 0;
    let structural: Finding[];
    try {
      const options: TokenizeOptions = this.parser === null || this.delimiters === null ? { scratch: this.scratch } : { continuing: this.delimiters, scratch: this.scratch };
      if (hole !== null && hole.open && hole.solid) options.leftOut = hole.start;
      const table = tokenize(piece, options);
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
      parser.endPiece(this.cutInClaim);
      this.cutInClaim = false;
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

