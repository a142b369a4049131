// Where X12Stream cuts the text it is fed into pieces: just before a segment that ends the open
// claim (HL, CLM, an envelope segment), or before any segment while no claim is open, so that
// the reader, which carries its open envelopes from piece to piece, reads each piece as it would
// read the whole text; and a claim too long to hold whole before one of its LX segments. Each
// block is searched once, backwards from its end, with the few characters before it that the
// search needs (the carry). The held text is streamText.ts; the pieces are read in stream.ts.

import type { Delimiters } from '../model';
import { ISA_LOOKAHEAD, isIsaAtIn, isIsaProblem, skipLeadingBlanksIn } from './isa';
import { CLM, GE, GS, HL, IEA, ISA, LX, SE, ST } from './segmentCodes';
import { codeAt, type Source } from './source';
import { copyText, emptyLike, indexOfText, isaHeaderIn, lastIndexOfText, WindowJoiner } from './streamText';

/** Characters the tokenizer skips after a segment terminator (see isGap in segmentSplit.ts). */
export function isGap(code: number): boolean {
  if (code > 32) return code === 0xfeff;
  return code === 10 || code === 13 || code === 32 || code === 9 || code === 0 || code === 26;
}

/** Where the segment after a terminator at `from - 1` starts: its gaps skipped. */
export function skipGaps(text: Source, from: number): number {
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
export const ENVELOPE_CODES: readonly number[] = [IEA, GS, GE, ST, SE];

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

/** The search for cuts, and what it knows about the text fed so far. */
export class CutSearch {
  /** Delimiters in force after the text searched (null until the document's first ISA is read). */
  scanDelimiters: Delimiters | null = null;
  /** True when the document does not start with a well-formed ISA: it is read whole, at the end. */
  private whole = false;
  /** Whether a claim is open after the last segment searched (a cut before a segment that does not close it would split it). */
  private claimOpen = false;
  /** Document offset of the last ISA segment seen: no cut within ISA_LOOKAHEAD after it (reading its header looks that far). */
  private lastIsa = -1;
  /** Where the text a malformed ISA's header is read from ends, for the last one seen (a long segment within it is held up to there). */
  malformedIsaReach = -1;
  /** Document offset of the document's first ISA, which the first piece starts with. */
  private firstIsa = -1;
  /** The last segment start found, its id code, whether it is an ISA, and whether a claim is open before it. */
  lastStart = -1;
  lastStartCode = 0;
  lastStartIsIsa = false;
  openBeforeLastStart = true;
  /** Document offset of the last segment terminator found. */
  lastTerminator = -1;
  /**
   * The end of the text searched that must be searched again with the next block: a terminator
   * and what follows it when the segment after it is not yet known, or an ISA whose header is
   * not yet complete. Gaps in the middle may be left out (only the offsets after them are used).
   */
  carry: Source = '';
  /** Where the carry and the next block are joined (bytes: one buffer, used again). */
  readonly windows = new WindowJoiner();
  /** The last cut was before an LX inside a claim: the piece before it leaves the claim open. */
  cutInClaim = false;

  /** The window searched for `block`: the carry and the block joined, or the block when there is no carry. */
  windowWith(block: Source): Source {
    return this.carry.length > 0 ? this.windows.join(this.carry, block) : block;
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
   * `offset`: where the text not yet read starts (the last cut); `pendingLength`: characters held
   * after it; `longClaim`: characters from which an open claim is cut before an LX.
   */
  find(window: Source, start: number, offset: number, pendingLength: number, longClaim: number): number {
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
      if (index < 0 || at <= offset || at <= this.firstIsa) return false;
      let isa = previousIsa;
      for (const i of isas) if (i < index) isa = start + i;
      return isa < 0 || at >= isa + ISA_LOOKAHEAD;
    };
    let cut = -1;
    if (last >= 0 && !open && mayCut(last)) cut = start + last;
    else if (mayCut(closer)) cut = start + closer;
    else if (floor !== closer && mayCut(floor)) cut = start + floor;
    else if (open && pendingLength >= longClaim) {
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
}
