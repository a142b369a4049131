// Segments that start with blanks (guide.segment-leading-blanks): spaces or tabs between a
// segment's terminator and the next segment's id, or an id that starts with a vertical tab or a
// form feed (the reader skips only spaces, tabs and line breaks between segments). One finding a
// file, on the first such segment, held to the end of the pass: its message counts the others.
// The pass (pass.ts) asks about every segment; pieces of a file read in pieces carry whether the
// gap after the previous piece's last segment held a blank.
import type { Finding, Span } from '../model';
import { shiftSpan } from '../spans';
import type { X12SegmentIndex } from '../x12/segment-index';
import { shownSegmentId } from './shown';
import { withoutHole, type LeftOut } from './findingSpans';

/** The held finding as a checkpoint keeps it (document offsets). */
export interface BlanksState {
  span: Span;
  message: string;
  count: number;
}

export class LeadingBlanks {
  /** The trailing gap of the previous piece's last segment held a blank. */
  private blankBefore = false;
  /** The finding, held to the end (its message counts the segments after it), in document offsets. */
  private held: { finding: Finding; count: number } | null = null;

  /** Takes up the state a checkpoint kept. */
  static restore(state: BlanksState | null): LeadingBlanks {
    const blanks = new LeadingBlanks();
    blanks.held = state && { finding: { rule: 'guide.segment-leading-blanks', severity: 'error', message: state.message, span: state.span }, count: state.count };
    return blanks;
  }

  /** What a checkpoint keeps of it. */
  snapshot(): BlanksState | null {
    const b = this.held;
    return b && { span: b.finding.span, message: b.finding.message, count: b.count };
  }

  /** The span of the held finding, if any (document offsets). */
  span(): Span | null {
    return this.held?.finding.span ?? null;
  }

  /** Is it in the state a checkpoint of an earlier pass kept (its span moved by `move`)? */
  inState(kept: BlanksState | null, move: (span: Span) => Span): boolean {
    const a = this.held;
    if ((a === null) !== (kept === null)) return false;
    if (a && kept) {
      const span = move(kept.span);
      if (a.count !== kept.count || a.finding.span.start !== span.start || a.finding.span.end !== span.end) return false;
      // The message names the first indented segment's id, which an edit of the same length may change.
      if (a.finding.message !== kept.message) return false;
    }
    return true;
  }

  /**
   * Notes segment s when it starts with blanks: `base` is the stream index of the piece's first
   * segment, `textBase` the piece's document offset, `leftOut` the characters of s the piece
   * leaves out.
   */
  segment(ix: X12SegmentIndex, s: number, base: number, textBase: number, leftOut: number): void {
    if (this.startsWithBlanks(ix, s, base)) this.note(ix, s, textBase, leftOut);
  }

  /** The current piece ends: whether the gap after its last segment holds a blank. */
  endPiece(ix: X12SegmentIndex): void {
    const table = ix.table;
    const count = table.segmentCount;
    if (count > 0) this.blankBefore = hasBlank(ix.text, Math.min(table.segmentEnd[count - 1]! + 1, table.trailingEnd), table.trailingEnd);
  }

  /** The finding at the end of the pass (null: no segment started with blanks), in the current piece's offsets. */
  finish(textBase: number, hole: LeftOut | null): Finding | null {
    const held = this.held;
    if (held === null) return null;
    this.held = null;
    // Held with its span in document offsets; given in the current piece's, as every finding
    // (the reader in pieces puts back the middle of a long segment the piece leaves out).
    const message = held.count > 1 ? `${held.finding.message} So do ${held.count - 1} more segments after it.` : held.finding.message;
    return { ...held.finding, message, span: withoutHole(shiftSpan(held.finding.span, -textBase), hole) };
  }

  private startsWithBlanks(ix: X12SegmentIndex, s: number, base: number): boolean {
    const table = ix.table;
    const start = table.segmentStart[s]!;
    const first = start < table.segmentEnd[s]! ? ix.text.charCodeAt(start) : -1;
    const idBlank = first === 11 || first === 12;
    if (s === 0) {
      const blank = this.blankBefore;
      this.blankBefore = false;
      return idBlank || (blank && base > 0);
    }
    const from = table.segmentEnd[s - 1]! + 1;
    return idBlank || (start > from && hasBlank(ix.text, from, start));
  }

  private note(ix: X12SegmentIndex, s: number, textBase: number, leftOut: number): void {
    if (this.held) {
      this.held.count++;
      return;
    }
    // Held in document offsets: a segment whose middle the piece leaves out ends that much later.
    const span = ix.segmentSpan(s);
    const finding: Finding = {
      rule: 'guide.segment-leading-blanks',
      severity: 'error',
      message: `Segment ${shownSegmentId(ix.segmentId(s).trimStart())} starts with blanks.`,
      span: shiftSpan({ start: span.start, end: span.end + leftOut }, textBase),
    };
    this.held = { finding, count: 1 };
  }
}

function hasBlank(text: string, from: number, to: number): boolean {
  for (let at = from; at < to; at++) {
    const c = text.charCodeAt(at);
    if (c === 32 || c === 9) return true;
  }
  return false;
}
