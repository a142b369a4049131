// The guide checks after an edit, without a pass over the whole document: start again from the
// last checkpoint before the edit (a whole-document GuidePass keeps one before an HL every few
// hundred segments), and stop at the first checkpoint after the edit where the pass is in the
// same state as the earlier pass was there (walker position and counts, HL numbering, control
// numbers seen, ...). From there on the earlier pass's findings and checkpoints hold, moved by
// the edit. The result is what a pass over the whole edited document gives; when no checkpoint
// comes before the edit, or the state never meets the old one again, the pass simply runs on.
// Pure: no editor types.
import type { Finding, Span } from '../model';
import { lastAtOrBefore } from '../search';
import { shiftSpan } from '../spans';
import type { X12SegmentIndex } from '../x12/segment-index';
import type { TextDifference } from '../x12/splice';
import { GuidePass, type GuideCheckpoint, type GuideRun } from './pass';
import { movedCounts, type RepeatCarry } from './repeats';

/** Where an edit falls in the segments of the text before it. */
export interface EditedSegments {
  /** The last segment starting before the edit (the pass restarts at a checkpoint at or before it); -1 when none. */
  before: number;
  /** The first segment starting after the edit's end. */
  after: number;
  /** Segments after the edit minus before it. */
  shift: number;
  /** Characters after the edit minus before it. */
  delta: number;
  /** Where the edit ends in the text before it. */
  oldEnd: number;
}

/** Where an edit falls, from the index of the text before it (call before the old index is re-read), and its segment count. */
export function editedSegments(old: X12SegmentIndex, change: TextDifference): Omit<EditedSegments, 'shift'> & { count: number } {
  const starts = old.table.segmentStart;
  const count = old.segmentCount;
  return {
    count,
    before: lastAtOrBefore(starts, change.start - 1, count),
    after: lastAtOrBefore(starts, change.oldEnd, count) + 1,
    delta: change.newEnd - change.oldEnd,
    oldEnd: change.oldEnd,
  };
}

/** The guide run of the edited document, from the run before the edit. Null when the earlier run cannot be used (the pass failed). */
export function guideRunAfter(previous: GuideRun, edit: EditedSegments, ix: X12SegmentIndex): GuideRun | null {
  const old = previous.checkpoints;
  const findings = previous.findings;
  if (findings.some((f) => f.rule === 'claimlint.internal-error')) return null;
  let r = -1;
  for (let i = old.length - 1; i >= 0; i--) {
    if (old[i]!.segment <= edit.before) {
      r = i;
      break;
    }
  }
  const move = (span: Span): Span => (span.start >= edit.oldEnd ? shiftSpan(span, edit.delta) : span);
  let pass: GuidePass;
  let start: number;
  if (r < 0) {
    pass = new GuidePass({ checkpoints: true });
    start = 0;
  } else {
    const from = old[r]!;
    pass = GuidePass.resume(from, findings.slice(0, from.found), old.slice(0, r + 1));
    start = from.segment;
  }
  const lastIsBlanks = findings.length > 0 && findings[findings.length - 1]!.rule === 'guide.segment-leading-blanks';
  let c = r + 1;
  for (let s = start; s < ix.segmentCount; s++) {
    while (c < old.length && old[c]!.segment + edit.shift < s) c++;
    const cp = old[c];
    if (cp && cp.segment + edit.shift === s && s > start && meets(cp, edit) && pass.inState(cp, edit.shift, move)) {
      return { ...joined(pass, previous, cp, old.slice(c), edit, move, lastIsBlanks), read: s - start };
    }
    pass.segment(ix, s);
  }
  return { ...pass.finishRun(), read: ix.segmentCount - start };
}

/** Can the earlier pass be taken up again at this checkpoint: past the edit, and its last HL too? */
function meets(cp: GuideCheckpoint, edit: EditedSegments): boolean {
  if (cp.segment < edit.after) return false;
  const last = cp.validator?.hl.last;
  return !last || last.segment >= edit.after;
}

/** The new pass up to checkpoint `cp`, then the earlier pass's findings and checkpoints from there, moved. */
function joined(pass: GuidePass, previous: GuideRun, cp: GuideCheckpoint, rest: GuideCheckpoint[], edit: EditedSegments, move: (span: Span) => Span, lastIsBlanks: boolean): GuideRun {
  const head = pass.finishPrefix();
  const end = lastIsBlanks ? previous.findings.length - 1 : previous.findings.length;
  const tail: Finding[] = [];
  for (let i = cp.found; i < end; i++) {
    const f = previous.findings[i]!;
    tail.push({ ...f, span: move(f.span) });
  }
  const findings = head.findings.concat(tail);
  if (lastIsBlanks) {
    // The blanks finding as the earlier pass ended it (same count), where this pass found the first.
    const last = previous.findings[previous.findings.length - 1]!;
    findings.push({ ...last, span: head.blanks ?? move(last.span) });
  }
  const offset = head.findings.length - cp.found;
  const carry = pass.carryRepeats(cp);
  const moved = rest.map((k) => movedCheckpoint(k, edit, offset, move, carry));
  return { findings, checkpoints: head.checkpoints.concat(moved) };
}

function movedCheckpoint(cp: GuideCheckpoint, edit: EditedSegments, offset: number, move: (span: Span) => Span, carry: RepeatCarry | null): GuideCheckpoint {
  const v = cp.validator;
  // In the set the passes met in, the counts differ by what the new pass found more or fewer times.
  const repeats = v && carry && v.repeatsEnding === carry.from ? { repeats: movedCounts(v.repeats, carry.diff), repeatsEnding: carry.to } : null;
  return {
    ...cp,
    segment: cp.segment + edit.shift,
    found: cp.found + offset,
    validator: v && { ...v, ...repeats, hl: { ...v.hl, last: v.hl.last && { ...v.hl.last, segment: v.hl.last.segment + edit.shift } } },
    blanks: cp.blanks && { ...cp.blanks, span: move(cp.blanks.span) },
  };
}
