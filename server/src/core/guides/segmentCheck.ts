// The exact check of a segment ({ id, elements }) against the implementation guides, and what
// every way of checking one shares: the findings and the bound on repeated ones (add), the
// separators, and the leading-blanks finding. GuideValidator (validate.ts) extends it with the
// reader's pass's fast path (segmentOf), which sends a shape's first segment, the envelope and
// anything unusual here. The state carried between segments is validatorState.ts's, the envelopes
// (ISA, GS, ST, GE, IEA) envelope.ts's, what findings say findings.ts's.
import { capitalized } from '../text';
import { shownSegmentId } from './shown';
import type { ValueAt } from './lookups';
import type { GuideSchema } from './schema';
import type { GuideWalker } from './walker';
import { idCodeOf, type KeyAt } from './transitions';
import { checkElements, type ElementContext, type GuideSeverity } from './elementChecks';
import { checkRecovered, placeByQualifier } from './qualifierRecovery';
import { LAST_LISTED } from './repeats';
import { isServiceId, SEGMENT_ID, SLOW_IDS } from './segmentIds';
import { componentOf } from './valueTypes';
import { Envelope } from './envelope';
import { reportEvents, unexpectedMessage, type GuideFinding } from './findings';
import { CarriedState } from './validatorState';

export interface GuideSegment {
  id: string;
  /** Element values after the id (elements[0] is element 01), composites unsplit. */
  elements: readonly string[];
}

export interface GuideValidatorOptions {
  /** Component separator (ISA16). Default ':'. */
  componentSeparator?: string;
  /** Repetition separator (ISA11 in 5010), or null. Repeated values are checked one by one. */
  repetitionSeparator?: string | null;
  /** Validate every group with this guide, whatever GS08 says. */
  guide?: GuideSchema;
  /**
   * The caller reports blanks before segments itself (GuidePass, which also sees the spaces and
   * tabs between segments): an id's leading blanks are dropped without a finding of their own.
   */
  blanksReported?: boolean;
}

/**
 * The exact check of a stream of segments: feed segments in file order with `segment()`, then
 * call `finish()` (GuideValidator is the one to make: it adds the reader's pass's fast path).
 */
export abstract class SegmentCheck extends CarriedState {
  private readonly findings: GuideFinding[] = [];
  protected readonly component: string;
  protected readonly repetition: string | null;
  // Segments starting with blanks: reported once, on the first, with the count.
  protected leadingBlanks = 0;
  private leadingBlanksFinding: GuideFinding | null = null;
  /** The last segment checked was placed in the guide. */
  protected placedLast = false;
  /** The id of the segment being checked (findings about it are counted by it). */
  protected currentId = '';

  // The segment being checked, read by valueAt (one function for all segments, no closure each).
  private current: readonly string[] = [];
  private readonly valueAt: ValueAt = (position, component) => {
    const raw = this.current[position - 1];
    if (raw === undefined) return '';
    return component === 0 ? raw : componentOf(raw, this.component, component);
  };

  constructor(protected readonly options: GuideValidatorOptions = {}) {
    super();
    this.component = options.componentSeparator ?? ':';
    this.repetition = options.repetitionSeparator ?? null;
    const group = () => this.group;
    this.context = {
      component: this.component,
      repetition: this.repetition,
      get version() {
        return group()?.version ?? null;
      },
      add: (segment, rule, severity, message, position, component, ref, loop) => {
        this.add(segment, rule, severity, message, position, component, ref, loop);
      },
    };
    this.envelope = new Envelope(options.guide, this.context);
  }

  /** Findings so far, in the order found. */
  get results(): readonly GuideFinding[] {
    return this.findings;
  }

  /** What the element checks (elementChecks.ts) read of this validator. */
  protected readonly context: ElementContext;

  /** Segment `seg` (the segment at `index`); `keyAt` reads its packed qualifier values, when the caller has them from offsets. */
  segment(seg: GuideSegment, index: number, keyAt?: KeyAt): void {
    const { elements } = seg;
    // An empty segment (a terminator right after another) is the reader's finding
    // (x12/emptySegments.ts), not a segment the guide places: the walk goes on as without it.
    if (seg.id === '' && elements.length <= 1 && (elements[0] ?? '') === '') return;
    let id = seg.id;
    this.currentId = id;
    if (id.length > 0 && id.charCodeAt(0) <= 32 && id !== id.trimStart()) {
      if (this.options.blanksReported !== true) {
        this.leadingBlanks++;
        if (this.leadingBlanks === 1) {
          this.leadingBlanksFinding = this.add(index, 'guide.segment-leading-blanks', 'error', `Segment ${shownSegmentId(id.trim())} starts with blanks.`);
        }
      }
      id = id.trimStart();
    }
    const idInvalid = !SEGMENT_ID.test(id);
    if (idInvalid) {
      this.add(index, 'guide.segment-id-invalid', 'error', `${capitalized(shownSegmentId(id))} is not a segment identifier (two or three capital letters and digits, starting with a letter).`);
    }
    this.current = elements;
    if (elements.length > 0 && elements[elements.length - 1] === '' && id !== 'ISA') {
      this.add(index, 'guide.trailing-separator', 'warning', `${id} ends with element separators (empty trailing elements).`);
    }

    if (id === 'ISA') {
      this.group = null;
      this.envelope.startInterchange(elements, index);
      return;
    }
    if (id === 'GS') {
      this.envelope.checkGroupControlNumber(elements, index);
      this.endTransaction();
      const group = (this.group = this.envelope.startGroup(elements, index));
      this.envelope.checkGroupHeader(elements, index, group);
      return;
    }
    if (isServiceId(id)) this.checkService(id, index);
    if (id === 'ST') this.startTransaction(elements, index);
    if (id === 'HL') this.hl.check(seg.elements, index, this.reportHl);
    if (id === 'SE') this.endTransaction();

    const group = this.group;
    if (!group || !group.walker) {
      // No map walks these trailers: the envelope map checks them, as it checks the ISA and GS.
      if (id === 'GE' || id === 'IEA') this.envelope.checkTrailer(id, elements, index);
      return;
    }
    // Every step of the validator hands the walker the id's code, so the plan lookup, optimized
    // on the fast path's steps, never meets a step without one (and is not compiled again for it).
    // An envelope segment (SE after a set) takes the full walk: the planned steps, optimized on
    // the segments of a set, never meet a step they have not run (the answer is the same).
    // No guide has a place for an id that is none: segment-id-invalid says so, once (not also "not expected here").
    if (idInvalid) return;
    const placed = group.walker.step(id, this.valueAt, keyAt, idCodeOf(id), !SLOW_IDS.has(id));
    if (group.walker.events.length > 0) reportEvents(group.walker.events, index, this.context.add);
    if (!placed) {
      this.unplaced(group.walker, id, this.valueAt, idCodeOf(id), elements, index);
      return;
    }
    this.placedLast = true;
    checkElements(this.context, placed, seg.elements, index);
  }

  /**
   * A segment the walk did not place: one whose qualifier no segment of its id takes (HL03 21) is
   * placed where it belongs, and its code is the finding (qualifierRecovery.ts); any other is not
   * expected here.
   */
  protected unplaced(walker: GuideWalker, id: string, valueAt: ValueAt, code: number, elements: readonly string[], index: number): void {
    const recovered = placeByQualifier(walker, id, valueAt, code);
    if (!recovered) {
      this.unexpected(id, elements, index);
      return;
    }
    if (walker.events.length > 0) reportEvents(walker.events, index, this.context.add);
    this.placedLast = true;
    checkRecovered(this.context, recovered, elements, index);
  }

  protected unexpected(id: string, elements: readonly string[], index: number): void {
    this.add(index, 'guide.segment-unexpected', 'error', unexpectedMessage(this.group!.walker!, id, elements, this.component));
  }

  /** Ends the stream: checks what only the end tells (the last HL's child flag). */
  finish(): readonly GuideFinding[] {
    this.endTransaction();
    this.repeats.close();
    const first = this.leadingBlanksFinding;
    if (first && this.leadingBlanks > 1) first.message += ` So do ${this.leadingBlanks - 1} more segments after it.`;
    return this.findings;
  }

  /**
   * Records a finding, or drops it when the same problem (rule, segment id, element) was found
   * REPEAT_LIMIT times in this transaction set already: a file of millions of broken segments
   * (a run of empty segments, one segment repeated) then keeps a bounded list. The last one
   * listed says that the rest are not.
   */
  protected override add(segment: number, rule: string, severity: GuideSeverity, message: string, position?: number, component?: number, ref?: string, loop?: string): GuideFinding | null {
    const counted = this.repeats.count(rule, this.currentId, position, component);
    if (counted === 'dropped') return null;
    if (counted === 'last') message += LAST_LISTED;
    const finding: GuideFinding = { rule, severity, message, segment };
    if (ref !== undefined) finding.ref = ref;
    if (position !== undefined) finding.position = position;
    if (component !== undefined) finding.component = component;
    if (loop !== undefined && loop !== '') finding.loop = loop;
    this.findings.push(finding);
    return finding;
  }
}
