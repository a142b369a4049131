// Validates a stream of X12 segments ({ id, elements }) against the implementation guides: the
// loop state machine (walker.ts) places each segment, then its elements are checked against the
// guide's segment (usage, length, type, codes, syntax notes), and HL numbering and control
// numbers are checked across segments. Pure: no text offsets, no editor types; a finding names
// the segment by its index in the input and the element by its position and the guide's
// reference (CLM05-02), so a reader that knows the spans can place it. The rules are listed in
// findings.ts.
//
// This module is the handover from the reader's pass (segmentOf, segmentAt: the hot path), by the
// shape memo's step, or the scan, the planned walk and the clean check; the exact check of a
// segment (segment()) and the bound on repeated findings (add) are segmentCheck.ts's. The state
// carried between segments and the set's own checks are validatorState.ts's, the envelopes (ISA,
// GS, ST, GE, IEA) envelope.ts's, what findings say findings.ts's.
import { shownSegmentId } from './shown';
import { LONG_SEGMENT, LONG_SEGMENT_HEAD } from '../x12/longSegments';
import { idCodeOf } from './transitions';
import { checkElements } from './elementChecks';
import { elementsClean, type Separators } from './fastCheck';
import { StrayRun } from './repeats';
import { SegmentScan } from './segmentScan';
import { idInfo, type IdInfo } from './segmentIds';
import { CleanMemo } from './cleanMemo';
import { ShapeMemo } from './shapeMemo';
import { firstValues, SegmentValues, valuesOf, type IndexedSegments } from './segmentValues';
import { reportEvents, type GuideFinding } from './findings';
import type { ValidatorState } from './validatorState';
import { SegmentCheck, type GuideSegment, type GuideValidatorOptions } from './segmentCheck';

export { isValidDate, isValidTime } from './valueTypes';
export { valuesOf } from './segmentValues';
export type { IndexedSegments } from './segmentValues';
export type { GuideFinding, GuideSeverity } from './findings';
export type { ValidatorState } from './validatorState';
export type { GuideSegment, GuideValidatorOptions } from './segmentCheck';

/**
 * Streaming validator: feed segments in file order with `segment()`, then call `finish()`.
 * Several interchanges, groups and transaction sets may follow each other; each group is
 * validated with the guide its GS08 names (or options.guide).
 */
export class GuideValidator extends SegmentCheck {
  /** A run of identical stray segments segmentOf may skip. */
  private readonly stray = new StrayRun();

  constructor(options: GuideValidatorOptions = {}) {
    super(options);
    this.values = new SegmentValues(this.component);
    this.componentCode = this.component.charCodeAt(0);
    this.repetitionCode = this.repetition === null ? -1 : this.repetition.charCodeAt(0);
    this.separators = { component: this.componentCode, repetition: this.repetitionCode };
    this.shapeMemo = new ShapeMemo(this.componentCode, this.repetitionCode);
  }

  /** The segment segmentOf is reading, as the walker asks for its values. */
  private readonly values: SegmentValues;
  private readonly separators: Separators;
  private readonly componentCode: number;
  private readonly repetitionCode: number;
  /** The segment segmentOf reads, scanned once. */
  private readonly scan = new SegmentScan();
  /** Segments the clean check passed, whose repeats it need not read again. */
  private readonly cleanMemo = new CleanMemo();
  /** Segments taken by a plan and found clean, after the same guide segment: their step again for segments of the same shape (new ids, names, amounts). */
  private readonly shapeMemo: ShapeMemo;

  /**
   * Segment `i` of an indexed text, as segment() would take it, without making its values
   * unless a check fails (fastCheck.ts decides that the elements are clean). Envelope and HL
   * segments, and anything unusual about the segment as a whole, go through segment().
   */
  segmentOf(reader: IndexedSegments, i: number, index: number, element: number, leftOut = 0): void {
    const start = reader.table.segmentStart[i]!;
    const end = reader.table.segmentEnd[i]!;
    // An empty segment (a terminator right after another) is the reader's finding
    // (x12/emptySegments.ts), not a segment the guide places: the walk goes on as without it.
    if (end === start && leftOut === 0) return;
    const text = reader.text;
    if (end - start + leftOut >= LONG_SEGMENT) {
      const info = idInfo(reader.idCode(i), reader, i);
      // Envelope segments, HL and service lines are never left out of a piece (x12/stream.ts): read as any other.
      if (!info.special) {
        this.longSegment(reader, i, index, start, element, end - start + leftOut, info.id);
        this.stray.read(text, i, start, end, false);
        return;
      }
    }
    // A run of identical segments the guide has no place for (a file of a million stray or empty
    // segments): once one of them adds only findings already listed REPEAT_LIMIT times and leaves
    // the walk where it was, the same text after it would do the same, so it is not read again.
    if (this.stray.skips(text, i, start, end)) return;
    const walker = this.group === null ? null : this.group.walker;
    const node = walker === null ? null : walker.current;
    const info = idInfo(reader.idCode(i), reader, i);
    // An HL's numbers are checked first, from the text (with a trailing empty element segmentAt
    // reads it whole, and checks its numbers there).
    let hlChecked = false;
    if (node !== null && info.hl && text.charCodeAt(end - 1) !== element) {
      this.currentId = 'HL';
      this.hl.checkAt(text, start, end, element, index, this.reportHl);
      hlChecked = true;
    }
    // The same characters, or the same shape (new ids, names, amounts, dates), after the same guide
    // segment as a segment placed by a plan and found clean: the same plan places it (the walker
    // checks the counts), and it is as clean (shapeMemo.ts). Not an envelope segment (no id here).
    if (node !== null && info.id !== null && (hlChecked || !info.hl)) {
      const plan = this.shapeMemo.find(this.scan.window, text, start, end, element, info.code, node.uid);
      if (plan !== null && walker!.stepByPlan(plan) !== null) {
        this.currentId = info.id;
        if (info.service) this.checkService(info.id, index);
        this.placedLast = true;
        this.stray.none();
        return;
      }
    }
    const repeats = this.repeats;
    const listed = repeats.listed;
    const dropped = repeats.dropped;
    const blanks = this.leadingBlanks;
    this.placedLast = false;
    const special = this.segmentAt(reader, i, index, start, end, element, info, hlChecked);
    const stray = !special && !this.placedLast && repeats.listed === listed && repeats.dropped > dropped && this.leadingBlanks === blanks;
    this.stray.read(text, i, start, end, stray);
  }

  /**
   * segmentOf's work on segment i, text[start, end) (`element`: the element separator's code); true
   * when its id is one that changes more than the walk (an envelope segment, HL, a service line).
   * `hlChecked`: an HL whose numbers segmentOf checked.
   */
  private segmentAt(reader: IndexedSegments, i: number, index: number, start: number, end: number, element: number, info: IdInfo, hlChecked: boolean): boolean {
    const id = info.id;
    this.currentId = id ?? '';
    const special = info.special;
    const scan = this.scan;
    scan.scan(reader.text, i, start, end, element, this.componentCode, this.repetitionCode);
    const count = scan.count;
    // An envelope segment or an id that is none, and a segment with trailing empty elements, are
    // read whole (segment(), which reports the empty elements). One call for all three: the
    // first segments of a process (ISA, GS, ST) run before the engine keeps feedback, and a
    // separate call for the envelope would first meet the optimized code at the first SE.
    // The walker reads its qualifier from the scan, as for every other segment: the plan lookup
    // then meets one kind of reader only.
    if (id === null || (count > 0 && scan.ends[count] === scan.starts[count])) {
      this.segment({ id: reader.segmentId(i), elements: valuesOf(scan, i) }, index, this.values.at(scan, i).keyAt);
      return special;
    }
    if (info.service) this.checkService(id, index);
    // HL numbering reads HL01, HL02 and HL04 only.
    if (info.hl && !hlChecked) this.hl.check(firstValues(scan, i, 4), index, this.reportHl);
    const group = this.group;
    if (!group || !group.walker) return special;
    const values = this.values.at(scan, i);
    // The id is a segment id (SEGMENT_ID: ASCII), whose idCode is the walker's code of it.
    const placed = group.walker.step(id, values.valueAt, values.keyAt, info.code);
    if (group.walker.events.length > 0) reportEvents(group.walker.events, index, this.context.add);
    if (!placed) {
      this.unplaced(group.walker, id, values.valueAt, info.code, valuesOf(scan, i), index);
      return special;
    }
    this.placedLast = true;
    const memo = this.cleanMemo;
    let clean = memo.has(placed.uid, scan, element);
    if (!clean && elementsClean(placed, scan, this.separators)) {
      memo.add(placed.uid, scan);
      clean = true;
    }
    if (!clean) {
      checkElements(this.context, placed, valuesOf(scan, i), index);
      return special;
    }
    // A segment placed by a plan and found clean: its repeats and segments of its shape after the
    // same guide segment take the same step (shapeMemo.ts). (One call for both ways of finding it
    // clean: the first segments, run before the engine keeps feedback, make both.)
    const plan = group.walker.plan;
    if (plan !== null) this.shapeMemo.add(scan, group.walker.guide, plan);
    return special;
  }

  /**
   * A segment of `length` characters, more than any segment of a guide: a terminator missing, or
   * text that is not X12. Only its first LONG_SEGMENT_HEAD characters are read (all that the
   * reader in pieces holds of it): the walk places it by its id and qualifier, and its elements
   * are not checked.
   */
  private longSegment(reader: IndexedSegments, i: number, index: number, start: number, element: number, length: number, id: string | null): void {
    this.currentId = id ?? '';
    this.placedLast = false;
    const scan = this.scan;
    scan.scan(reader.text, i, start, start + LONG_SEGMENT_HEAD, element, this.componentCode, this.repetitionCode);
    const shown = id === null ? shownSegmentId(reader.text.slice(start, scan.ends[0])) : `'${id}'`;
    this.add(
      index,
      'guide.segment-too-long',
      'error',
      `Segment ${shown} is ${length.toLocaleString('en-US')} characters long, longer than any segment of the guide (is a segment terminator missing?); its elements were not checked.`,
    );
    const walker = this.group?.walker;
    if (id === null || !walker) return;
    const values = this.values.at(scan, i);
    const placed = walker.step(id, values.valueAt, values.keyAt, idCodeOf(id));
    if (walker.events.length > 0) reportEvents(walker.events, index, this.context.add);
    if (placed) this.placedLast = true;
  }

  /** A validator in a state snapshot() gave, with no findings yet; `shift` moves its segment indexes. */
  static restore(options: GuideValidatorOptions, state: ValidatorState, shift = 0): GuideValidator {
    const v = new GuideValidator(options);
    v.restoreState(state, shift);
    return v;
  }

}

/** Validates a whole sequence of segments (a file, or one transaction set from ST to SE). */
export function validateSegments(segments: readonly GuideSegment[], options: GuideValidatorOptions = {}): GuideFinding[] {
  const validator = new GuideValidator(options);
  segments.forEach((s, i) => validator.segment(s, i));
  return [...validator.finish()];
}
