// The implementation-guide checks as part of the 837 reader's one pass (`guideChecks: full`):
// Parser837 hands each segment here as it reads it, from the same segment index, and the
// validator (validate.ts) places it in the guide and checks its elements from their offsets
// (fastCheck.ts), making strings only for what fails. Findings get their spans at once, in the
// coordinates of the piece being read, so a reader that takes a file in pieces (X12Stream) takes
// them with the piece's own findings.
//
// One validator runs over the whole file (ISA13 is unique in the file, GS06 in an interchange,
// ST02 in a group); an interchange whose component or repetition separator differs from the one
// before starts a new validator.
import { internalError } from '../internalError';
import type { Delimiters, Finding, Severity, Span } from '../model';
import { shiftSpan } from '../spans';
import { segmentIdCode, type X12SegmentIndex } from '../x12/segment-index';
import { spanOf, type EarlierHl, type LeftOut } from './findingSpans';
import { LeadingBlanks, type BlanksState } from './leadingBlanks';
import type { RepeatCarry } from './repeats';
import { GuideValidator, type GuideFinding, type ValidatorState } from './validate';

const HL_CODE = segmentIdCode('HL');

/** A whole-document pass keeps a checkpoint before an HL at least this many segments after the last one. */
const CHECKPOINT_SPACING = 256;
/**
 * ... and keeps no more than about this many: in a longer document they are spaced further apart
 * (a 100 MB file's 18,000 at 256 cost the pass about 8% more CPU in garbage collection; a 10 MB
 * file's 1,855 at 2,048 cost a fresh `full` read about 25 ms more than its 1,020 at 1,024, while
 * an edit of a 10 or 50 MB file takes as long with either, about 12 and 40 ms).
 */
const MAX_CHECKPOINTS = 1024;

/** The pass's state before a segment (an HL), to start again there after an edit (checkpoints.ts). */
export interface GuideCheckpoint {
  /** Index of the segment the state is before. */
  segment: number;
  /** Findings emitted before it. */
  found: number;
  component: string;
  repetition: string | null;
  validator: ValidatorState | null;
  blanks: BlanksState | null;
}

/** A whole-document pass's findings (as finish() gives them) and its checkpoints. */
export interface GuideRun {
  findings: Finding[];
  checkpoints: GuideCheckpoint[];
  /** Segments this run read (after an edit, fewer than the document's when an earlier run was taken up again). */
  read?: number;
}

export class GuidePass {
  private validator: GuideValidator | null = null;
  /** The delimiters of the last segment read (null: none yet), and the code of its element separator. */
  private delimiters: Delimiters | null = null;
  private element = -1;
  private component = '';
  private repetition: string | null = null;
  /** Validator findings turned into Findings so far (of the current validator). */
  private converted = 0;
  /** Index (in the whole stream) of the current piece's first segment. */
  private base = 0;
  /** Document offset of the current piece's first character (its spans are relative to it). */
  private textBase = 0;
  private ix: X12SegmentIndex | null = null;
  /** The last HL read in the current piece (its index there), or -1. */
  private pieceHl = -1;
  /**
   * HL04 of the last HL of an earlier piece, by stream index, in document offsets: the child-flag
   * finding about it comes with the next HL, which may be in a later piece.
   */
  private earlierHl: EarlierHl | null = null;
  private found: Finding[] = [];
  /** Segments that start with blanks: one finding, held to the end. */
  private blanks = new LeadingBlanks();

  /**
   * The middle of a long segment left out of the current piece's text (X12Stream's Hole): its
   * offset in the piece, where the segment's terminator follows its first characters, and its length.
   */
  private hole: LeftOut | null = null;

  /** A failure inside the checks: reported once, and the pass stops (the reader goes on). */
  private failed = false;

  /** Checkpoints kept (a pass over a whole document), else null. */
  private checkpoints: GuideCheckpoint[] | null;
  private lastCheckpoint = -Infinity;
  /** The spacing of checkpoints in the current piece's text (CHECKPOINT_SPACING, or more in a long one). */
  private spacing = CHECKPOINT_SPACING;

  /**
   * `maxCheckpoints`: about how many checkpoints a piece gets at most (MAX_CHECKPOINTS; tests take
   * fewer).
   */
  constructor(options: { checkpoints?: boolean; maxCheckpoints?: number } = {}) {
    this.checkpoints = options.checkpoints ? [] : null;
    this.maxCheckpoints = options.maxCheckpoints ?? MAX_CHECKPOINTS;
  }

  private readonly maxCheckpoints: number;

  /** A pass that goes on from a checkpoint, with the findings and checkpoints before it. */
  static resume(from: GuideCheckpoint, found: Finding[], checkpoints: GuideCheckpoint[]): GuidePass {
    const pass = new GuidePass({ checkpoints: true });
    pass.checkpoints = checkpoints;
    pass.lastCheckpoint = from.segment;
    pass.found = found;
    pass.component = from.component;
    pass.repetition = from.repetition;
    pass.validator = from.validator && GuideValidator.restore({ componentSeparator: from.component, repetitionSeparator: from.repetition, blanksReported: true }, from.validator);
    // The checkpoints kept from the set the pass goes on in get this pass's ending of it (the earlier pass's may differ).
    const ending = from.validator?.repeatsEnding;
    if (ending && pass.validator) {
      const to = pass.validator.repeatsEnding;
      for (let i = checkpoints.length - 1; i >= 0; i--) {
        const v = checkpoints[i]!.validator;
        if (!v || v.repeatsEnding !== ending) break;
        checkpoints[i] = { ...checkpoints[i]!, validator: { ...v, repeatsEnding: to } };
      }
    }
    pass.blanks = LeadingBlanks.restore(from.blanks);
    return pass;
  }

  /** Is the pass in the state of a checkpoint of an earlier pass (segments moved by `shift`, spans by `move`)? */
  inState(cp: GuideCheckpoint, shift: number, move: (span: Span) => Span): boolean {
    if (this.failed || cp.component !== this.component || cp.repetition !== this.repetition) return false;
    if ((cp.validator === null) !== (this.validator === null)) return false;
    if (cp.validator && this.validator && !this.validator.inState(cp.validator, shift)) return false;
    return this.blanks.inState(cp.blanks, move);
  }

  /**
   * Takes up the earlier pass at checkpoint `cp`, which this pass is in the state of (inState):
   * what its later checkpoints of the same set carry (see RepeatCarry); null when it has no validator.
   */
  carryRepeats(cp: GuideCheckpoint): RepeatCarry | null {
    return cp.validator && this.validator ? this.validator.carryRepeats(cp.validator) : null;
  }

  /** Ends a whole-document pass: its findings and checkpoints. */
  finishRun(): GuideRun {
    const findings = this.finish();
    return { findings, checkpoints: this.checkpoints ?? [] };
  }

  /**
   * Stops a whole-document pass where an earlier pass takes over (checkpoints.ts): the findings
   * and checkpoints so far, and the span of the blanks finding it holds, if any.
   */
  finishPrefix(): { findings: Finding[]; checkpoints: GuideCheckpoint[]; blanks: Span | null } {
    return { findings: this.take(), checkpoints: this.checkpoints ?? [], blanks: this.blanks.span() };
  }

  /** The next segment of the current piece (its index in `ix`). */
  segment(ix: X12SegmentIndex, s: number): void {
    this.segments(ix, s, s + 1);
  }

  /**
   * Segments [from, to) of the current piece, one after another: a failure is reported once (an
   * internal-error finding) and ends the pass.
   */
  segments(ix: X12SegmentIndex, from: number, to: number): void {
    if (this.failed) return;
    try {
      for (let s = from; s < to; s++) this.check(ix, s);
    } catch (error) {
      this.failed = true;
      this.found.push(internalError('checking', error));
    }
  }

  /** The current piece leaves out the middle of a long segment (or null: nothing). */
  pieceHole(hole: LeftOut | null): void {
    this.hole = hole;
  }

  /** Characters of segment s left out of the piece's text. */
  private leftOut(ix: X12SegmentIndex, s: number): number {
    const hole = this.hole;
    return hole !== null && ix.table.segmentEnd[s] === hole.start ? hole.length : 0;
  }

  /** Segment s of the current piece. */
  private check(ix: X12SegmentIndex, s: number): void {
    if (ix !== this.ix) {
      this.ix = ix;
      this.spacing = Math.max(CHECKPOINT_SPACING, Math.ceil(ix.segmentCount / this.maxCheckpoints));
    }
    const hl = ix.idCode(s) === HL_CODE;
    if (hl && this.checkpoints !== null && s - this.lastCheckpoint >= this.spacing) this.checkpoint(s);
    const delimiters = ix.delimitersOf(s);
    // The same delimiters as the segment before (nearly always: one object per run of them).
    if (delimiters !== this.delimiters || this.validator === null) this.takeDelimiters(delimiters);
    const leftOut = this.leftOut(ix, s);
    this.blanks.segment(ix, s, this.base, this.textBase, leftOut);
    const validator = this.validator!;
    validator.segmentOf(ix, s, this.base + s, this.element, leftOut);
    if (hl) this.pieceHl = s;
    // Asked here, not in convert(): nearly every segment adds nothing, and a call per segment shows
    // (check() is too big for the engine to inline convert() into it).
    if (validator.results.length > this.converted) this.convert();
  }

  /** The delimiters of the next segment, `delimiters`: another component or repetition separator starts a new validator. */
  private takeDelimiters(delimiters: Delimiters): void {
    if (this.validator === null || delimiters.component !== this.component || delimiters.repetition !== this.repetition) {
      this.finishValidator();
      this.component = delimiters.component;
      this.repetition = delimiters.repetition;
      this.validator = new GuideValidator({ componentSeparator: this.component, repetitionSeparator: this.repetition, blanksReported: true });
      this.converted = 0;
    }
    this.delimiters = delimiters;
    this.element = delimiters.element.charCodeAt(0);
  }

  private checkpoint(s: number): void {
    this.lastCheckpoint = s;
    this.checkpoints!.push({
      segment: s,
      found: this.found.length,
      component: this.component,
      repetition: this.repetition,
      validator: this.validator?.snapshot() ?? null,
      blanks: this.blanks.snapshot(),
    });
  }

  /** The current piece ends after `count` segments; the next piece's index follows. */
  endPiece(ix: X12SegmentIndex): void {
    if (this.pieceHl >= 0) {
      const s = this.pieceHl;
      const end = ix.segmentSpan(s).end;
      this.earlierHl = { index: this.base + s, span: shiftSpan(ix.elementSpan(s, 4) ?? { start: end, end }, this.textBase) };
      this.pieceHl = -1;
    }
    this.blanks.endPiece(ix);
    this.base += ix.table.segmentCount;
  }

  /** The next piece starts `length` characters after the current one (call after endPiece). */
  moveText(length: number): void {
    this.textBase += length;
  }

  /** Findings made since the last take, in the coordinates of the piece they were found in. */
  take(): Finding[] {
    const out = this.found;
    this.found = [];
    return out;
  }

  /** Ends the stream: the last transaction set's checks, and the leading-blanks finding. */
  finish(): Finding[] {
    if (!this.failed) this.finishValidator();
    const blanks = this.blanks.finish(this.textBase, this.hole);
    if (blanks) this.found.push(blanks);
    return this.take();
  }

  private finishValidator(): void {
    if (this.validator === null) return;
    this.validator.finish();
    this.convert();
    this.validator = null;
  }

  private convert(): void {
    const results = this.validator!.results;
    for (; this.converted < results.length; this.converted++) this.found.push(this.toFinding(results[this.converted]!));
  }

  private toFinding(f: GuideFinding): Finding {
    const finding: Finding = { rule: f.rule, severity: f.severity as Severity, message: f.message, span: spanOf(f, this.ix!, this.base, this.textBase, this.earlierHl) };
    // The loop and element, for a report that matches a 999 or 277CA by them (JSON, SARIF).
    if (f.loop !== undefined || f.ref !== undefined) finding.guide = { ...(f.loop !== undefined ? { loop: f.loop } : {}), ...(f.ref !== undefined ? { element: f.ref } : {}) };
    return finding;
  }
}
