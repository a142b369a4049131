// Validates a stream of X12 segments ({ id, elements }) against the implementation guides: the
// loop state machine (walker.ts) places each segment, then its elements are checked against the
// guide's segment (usage, length, type, codes, syntax notes), and HL numbering and control
// numbers are checked across segments. Pure: no text offsets, no editor types; a finding names
// the segment by its index in the input and the element by its position and the guide's
// reference (CLM05-02), so a reader that knows the spans can place it.
//
// Rules follow pyx12 (the reference the issue compares with) unless noted:
//   guide.segment-unexpected   segment where the guide has none (pyx12 seg 1)
//   guide.segment-missing      required segment not seen (seg 3)
//   guide.loop-missing         required loop not seen (seg 3)
//   guide.segment-max-use      segment repeated beyond its max use (seg 5)
//   guide.loop-max-repeat      loop repeated beyond its repeat (seg 4)
//   guide.segment-not-used     segment the guide marks not used (seg 2)
//   guide.loop-not-used        loop the guide marks not used (seg 2)
//   guide.too-many-elements    more elements than the segment has (ele 3)
//   guide.too-many-components  more components than the composite has (ele 3)
//   guide.element-missing      required element or composite empty (ele 1, 2)
//   guide.element-not-used     element or composite the guide marks not used (ele 10, 5)
//   guide.element-length       shorter or longer than the data element allows (ele 4, 5)
//   guide.element-type         not a number, date or time as its type says; a component separator in a simple element (ele 6, 8, 9)
//   guide.character-set        characters outside the X12 extended character set (ele 6)
//   guide.element-trailing-spaces  an AN/ID value padded with spaces (ele 6)
//   guide.code-invalid         value not in the element's code list (ele 7)
//   guide.element-format       value does not match the guide's pattern, e.g. a 9-digit SSN (ele 7)
//   guide.syntax               syntax note broken: P paired, R required, C conditional, E exclusive, L list (ele 2, 10)
//   guide.trailing-separator   segment ends with element separators (SEG1)
//   guide.segment-id-invalid   id not two or three capitals and digits (seg 1)
//   guide.segment-leading-blanks  segment starts with blanks (once per stream, with the count; seg 1)
//   guide.hl-sequence          HL01 not the next number (HL1)
//   guide.hl-parent            HL02 names no open parent level (HL2)
//   guide.hl-child-flag        HL04 says children follow (1) or not (0) and the file says otherwise (not in pyx12)
//   guide.control-number-repeated  ISA13 in the file, GS06 in the interchange, ST02 in the group (isa 025, gs 6, st 23)
//   guide.version-mismatch     GS08 not of ISA12's version, ST03 not GS08, or service lines of another claim type than the guide's (once per set)
//   guide.not-validated        version without a map (information, once per version)
//   guide.nearest-guide        later errata checked with the nearest earlier map (information, once per version)
//
// Severity: error, or warning when the guide calls the element, segment or loop situational.
import { capitalized } from '../text';
import { shownCode, shownSegment, shownSegmentId, VERSION_SHAPE } from './shown';
import { readsAsCode, shownControlNumber } from '../x12/values';
import { kindOfImplementation, SERVICE_SEGMENT_OF } from '../x12/implementations';
import { LONG_SEGMENT, LONG_SEGMENT_HEAD } from '../x12/longSegments';
import { VERSION_MISMATCH_RULE } from './coverage';
import { envelopeFor, guideCoverage, guideFor } from './load';
import type { ValueAt } from './load';
import type { GuideSchema, LoopSpec, SegmentSpec } from './schema';
import { GuideWalker, type WalkerState, type WalkEvent } from './walker';
import { idCodeOf, type KeyAt } from './transitions';
import { checkElements, severityOf, type ElementContext, type GuideSeverity } from './elementChecks';
import { elementsClean, type SegmentReader, type Separators } from './fastCheck';
import { HlNumbering, type HlReport, type HlState } from './hlNumbering';
import { LAST_LISTED, RepeatLimit, StrayRun, type RepeatCarry, type SetEnding } from './repeats';
import { SegmentScan } from './segmentScan';
import { idInfo, isServiceId, SEGMENT_ID, SLOW_IDS, type IdInfo } from './segmentIds';
import { CleanMemo } from './cleanMemo';
import { StepMemo } from './stepMemo';
import { SegmentValues } from './segmentValues';
import { componentOf } from './valueTypes';

export { isValidDate, isValidTime } from './valueTypes';


/** Segments of an indexed text, read by offsets (X12SegmentIndex is one). */
export interface IndexedSegments extends SegmentReader {
  /** segmentIdCode of the segment's id; 0 when it is not 1..3 ASCII characters. */
  idCode(i: number): number;
  segmentId(i: number): string;
  /** Where each segment starts (its id) and where its terminator is. */
  readonly table: { readonly segmentStart: ArrayLike<number>; readonly segmentEnd: ArrayLike<number> };
  delimitersOf(i: number): { readonly element: string };
}

/** A set as it was: its first `size` entries (sets only grow, and keep their order). */
interface SetPrefix {
  set: ReadonlySet<string>;
  size: number;
}

/** GuideValidator's state between segments (snapshot / restore / inState). */
export interface ValidatorState {
  isaIds: SetPrefix;
  gsIds: SetPrefix;
  group: { guide: GuideSchema | null; version: string | null; stIds: SetPrefix; walker: WalkerState | null } | null;
  envelope: GuideSchema | null;
  reportedVersions: SetPrefix;
  hl: HlState;
  isa12: string;
  gs08: string;
  service: { version: string; kind: string; id: string } | null;
  serviceReported: boolean;
  /** The repeat counts of the transaction set (RepeatLimit.snapshot). */
  repeats: ReadonlyMap<string, number>;
  /** The counts the set ended with, filled in when it ends (RepeatLimit.ending). */
  repeatsEnding: SetEnding;
}

function* prefix(p: SetPrefix): Generator<string> {
  let n = 0;
  for (const value of p.set) {
    if (n++ === p.size) return;
    yield value;
  }
}

function samePrefix(live: ReadonlySet<string>, p: SetPrefix): boolean {
  if (live.size !== p.size) return false;
  const it = prefix(p);
  for (const value of live) if (it.next().value !== value) return false;
  return true;
}

/** SV1, SV2 or SV3. */
/** Codes as a message lists them: up to six, then how many more. */
function listed(codes: readonly string[]): string {
  const shown = codes.slice(0, 6).join(', ');
  return codes.length > 6 ? `${shown} (or ${codes.length - 6} more codes)` : codes.length === 1 ? shown : `one of ${shown}`;
}

/** A version (ISA12, GS08, ST03) as a message shows it: as written when it reads as one (letters and digits), else described. */
function versionShown(value: string): string {
  return readsAsCode(value) || VERSION_SHAPE.test(value) ? value : shownCode(value);
}

/** The first `n` element values of segment i (fewer when it has fewer). */
function firstValues(reader: SegmentReader, i: number, n: number): string[] {
  const count = Math.min(n, reader.elementCount(i));
  const out = new Array<string>(count);
  for (let k = 1; k <= count; k++) out[k - 1] = reader.text.slice(reader.elementStartOf(i, k), reader.elementEnd(i, k));
  return out;
}

/** The element values of segment i (elements[0] is element 01). */
export function valuesOf(reader: SegmentReader, i: number): string[] {
  const count = reader.elementCount(i);
  const out = new Array<string>(count);
  for (let k = 1; k <= count; k++) out[k - 1] = reader.text.slice(reader.elementStartOf(i, k), reader.elementEnd(i, k));
  return out;
}

export interface GuideSegment {
  id: string;
  /** Element values after the id (elements[0] is element 01), composites unsplit. */
  elements: readonly string[];
}

export type { GuideSeverity };

export interface GuideFinding {
  rule: string;
  severity: GuideSeverity;
  message: string;
  /** Index of the segment in the input. */
  segment: number;
  /** The guide's element reference ('CLM05-02', 'NM103'), when about an element. */
  ref?: string;
  /** 1-based element position and component (0 = the element), when about an element. */
  position?: number;
  component?: number;
  /** The loop the segment was placed in ('2300'), when placed. */
  loop?: string;
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


interface Group {
  guide: GuideSchema | null;
  walker: GuideWalker | null;
  stIds: Set<string>;
  /**
   * GS08 when the map checking the group lists another version (an alias, a later errata, no map:
   * the envelope's); GS08 and ST03 may hold it. Null when they are held to the map's list.
   */
  version: string | null;
}

/**
 * Streaming validator: feed segments in file order with `segment()`, then call `finish()`.
 * Several interchanges, groups and transaction sets may follow each other; each group is
 * validated with the guide its GS08 names (or options.guide).
 */
export class GuideValidator {
  private readonly findings: GuideFinding[] = [];
  private readonly component: string;
  private readonly repetition: string | null;
  private readonly isaIds = new Set<string>();
  private gsIds = new Set<string>();
  private group: Group | null = null;
  private envelope: GuideSchema | null = null;
  private reportedVersions = new Set<string>();
  /** HL numbering of the current transaction set. */
  private hl = new HlNumbering();
  /** Where the HL numbering's findings go. */
  private readonly reportHl: HlReport = (segment, rule, message, position) => {
    this.add(segment, rule, 'error', message, position);
  };
  /** ISA12 of the current interchange, GS08 of the current group. */
  private isa12 = '';
  private gs08 = '';
  /** The service segment (SV1/SV2/SV3) the current transaction set's guide uses, and whether another was reported. */
  private service: { version: string; kind: string; id: string } | null = null;
  private serviceReported = false;
  // Segments starting with blanks: reported once, on the first, with the count.
  private leadingBlanks = 0;
  private leadingBlanksFinding: GuideFinding | null = null;
  /** A run of identical stray segments segmentOf may skip. */
  private readonly stray = new StrayRun();
  /** The last segment checked was placed in the guide. */
  private placedLast = false;
  /** How often each problem was found in the current transaction set. */
  private repeats = new RepeatLimit();
  /** The id of the segment being checked (findings about it are counted by it). */
  private currentId = '';

  // The segment being checked, read by valueAt (one function for all segments, no closure each).
  private current: readonly string[] = [];
  private readonly valueAt: ValueAt = (position, component) => {
    const raw = this.current[position - 1];
    if (raw === undefined) return '';
    return component === 0 ? raw : componentOf(raw, this.component, component);
  };

  constructor(private readonly options: GuideValidatorOptions = {}) {
    this.component = options.componentSeparator ?? ':';
    this.repetition = options.repetitionSeparator ?? null;
    this.values = new SegmentValues(this.component);
    this.componentCode = this.component.charCodeAt(0);
    this.repetitionCode = this.repetition === null ? -1 : this.repetition.charCodeAt(0);
    this.separators = { component: this.componentCode, repetition: this.repetitionCode };
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
  }

  /** Findings so far, in the order found. */
  get results(): readonly GuideFinding[] {
    return this.findings;
  }

  /** What the element checks (elementChecks.ts) read of this validator. */
  private readonly context: ElementContext;
  /** The segment segmentOf is reading, as the walker asks for its values. */
  private readonly values: SegmentValues;
  private readonly separators: Separators;
  private readonly componentCode: number;
  private readonly repetitionCode: number;
  /** The segment segmentOf reads, scanned once. */
  private readonly scan = new SegmentScan();
  /** Segments the clean check passed, whose repeats it need not read again. */
  private readonly cleanMemo = new CleanMemo();
  /** Segments taken before by a plan and found clean, after the same guide segment: their step again, without a scan. */
  private readonly stepMemo = new StepMemo();

  /**
   * Segment `i` of an indexed text, as segment() would take it, without making its values
   * unless a check fails (fastCheck.ts decides that the elements are clean). Envelope and HL
   * segments, and anything unusual about the segment as a whole, go through segment().
   */
  segmentOf(reader: IndexedSegments, i: number, index: number, element: number, leftOut = 0): void {
    const start = reader.table.segmentStart[i]!;
    const end = reader.table.segmentEnd[i]!;
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
    // The same characters after the same guide segment as a segment placed by a plan and found
    // clean: the same plan places it (the walker checks the counts), and it is as clean.
    const walker = this.group === null ? null : this.group.walker;
    const node = walker === null ? null : walker.current;
    if (node !== null) {
      const plan = this.stepMemo.find(this.scan.window, text, start, end, element, node.uid);
      if (plan !== null && walker!.stepByPlan(plan) !== null) {
        const id = plan.next.id;
        this.currentId = id;
        // A service line of another claim type is said once per set (segmentAt says it before the walk, which notes nothing here).
        if (isServiceId(id)) this.checkService(id, index);
        this.placedLast = true;
        this.stray.read(text, i, start, end, false);
        return;
      }
    }
    const repeats = this.repeats;
    const listed = repeats.listed;
    const dropped = repeats.dropped;
    const blanks = this.leadingBlanks;
    this.placedLast = false;
    const info = idInfo(reader.idCode(i), reader, i);
    // An envelope segment, or an id that is none, is read whole.
    const special = info.id === null ? this.wholeSegment(reader, i, index, start, end, element, info) : this.segmentAt(reader, i, index, start, end, element, info);
    const stray = !special && !this.placedLast && repeats.listed === listed && repeats.dropped > dropped && this.leadingBlanks === blanks;
    this.stray.read(text, i, start, end, stray);
  }

  /** segmentOf's work on segment i, text[start, end) (`element`: the element separator's code), read whole (segment()): an envelope segment, or an id that is none. */
  private wholeSegment(reader: IndexedSegments, i: number, index: number, start: number, end: number, element: number, info: IdInfo): boolean {
    this.currentId = '';
    const scan = this.scan;
    scan.scan(reader.text, i, start, end, element, this.componentCode, this.repetitionCode);
    // The walker reads its qualifier from the scan, as for every other segment: the plan lookup,
    // optimized while the first segments go through here, then meets one kind of reader only.
    this.segment({ id: reader.segmentId(i), elements: valuesOf(scan, i) }, index, this.values.at(scan, i).keyAt);
    return info.special;
  }

  /** segmentOf's work on segment i, text[start, end) (`element`: the element separator's code), whose id is a segment id; true when it is one that changes more than the walk (HL, a service line). */
  private segmentAt(reader: IndexedSegments, i: number, index: number, start: number, end: number, element: number, info: IdInfo): boolean {
    const id = info.id!;
    this.currentId = id;
    const special = info.special;
    const scan = this.scan;
    scan.scan(reader.text, i, start, end, element, this.componentCode, this.repetitionCode);
    const count = scan.count;
    if (count > 0 && scan.ends[count] === scan.starts[count]) {
      // Trailing empty elements: read whole, as segment() reports them.
      this.segment({ id: reader.segmentId(i), elements: valuesOf(scan, i) }, index, this.values.at(scan, i).keyAt);
      return special;
    }
    if (info.service) this.checkService(id, index);
    // HL numbering reads HL01, HL02 and HL04 only.
    if (info.hl) this.hl.check(firstValues(scan, i, 4), index, this.reportHl);
    const group = this.group;
    if (!group || !group.walker) return special;
    const values = this.values.at(scan, i);
    // The id is a segment id (SEGMENT_ID: ASCII), whose idCode is the walker's code of it.
    const placed = group.walker.step(id, values.valueAt, values.keyAt, info.code);
    if (group.walker.events.length > 0) this.report(group.walker.events, index);
    if (!placed) {
      this.unexpected(id, valuesOf(scan, i), index);
      return special;
    }
    this.placedLast = true;
    const memo = this.cleanMemo;
    // A segment placed by a plan and found clean: its repeats after the same guide segment take the
    // same step (stepMemo.ts); not an HL, whose numbers the HL checks read.
    const plan = info.hl ? null : group.walker.plan;
    if (memo.has(placed.uid, scan, element)) {
      if (plan !== null) this.stepMemo.add(start, end, plan);
      return special;
    }
    if (elementsClean(placed, scan, this.separators)) {
      memo.add(placed.uid, scan);
      if (plan !== null) this.stepMemo.add(start, end, plan);
    } else checkElements(this.context, placed, valuesOf(scan, i), index);
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
    if (walker.events.length > 0) this.report(walker.events, index);
    if (placed) this.placedLast = true;
  }

  /** Segment `seg` (the segment at `index`); `keyAt` reads its packed qualifier values, when the caller has them from offsets. */
  segment(seg: GuideSegment, index: number, keyAt?: KeyAt): void {
    const { elements } = seg;
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
    if (!SEGMENT_ID.test(id)) {
      this.add(index, 'guide.segment-id-invalid', 'error', `${capitalized(shownSegmentId(id))} is not a segment identifier (two or three capital letters and digits, starting with a letter).`);
    }
    this.current = elements;
    if (elements.length > 0 && elements[elements.length - 1] === '' && id !== 'ISA') {
      this.add(index, 'guide.trailing-separator', 'warning', `${id} ends with element separators (empty trailing elements).`);
    }

    if (id === 'ISA') {
      this.startInterchange(seg, index);
      return;
    }
    if (id === 'GS') {
      this.startGroup(seg, index);
      return;
    }
    if (isServiceId(id)) this.checkService(id, index);
    if (id === 'ST') this.startTransaction(seg, index);
    if (id === 'HL') this.hl.check(seg.elements, index, this.reportHl);
    if (id === 'SE') this.endTransaction();

    const group = this.group;
    if (!group || !group.walker) {
      // No map walks these trailers: the envelope map checks them, as it checks the ISA and GS.
      if (id === 'GE' || id === 'IEA') this.checkTrailer(id, elements, index);
      return;
    }
    // Every step of the validator hands the walker the id's code, so the plan lookup, optimized
    // on the fast path's steps, never meets a step without one (and is not compiled again for it).
    // An envelope segment (SE after a set) takes the full walk: the planned steps, optimized on
    // the segments of a set, never meet a step they have not run (the answer is the same).
    const placed = group.walker.step(id, this.valueAt, keyAt, idCodeOf(id), !SLOW_IDS.has(id));
    if (group.walker.events.length > 0) this.report(group.walker.events, index);
    if (!placed) {
      this.unexpected(id, elements, index);
      return;
    }
    this.placedLast = true;
    checkElements(this.context, placed, seg.elements, index);
  }

  private unexpected(id: string, elements: readonly string[], index: number): void {
    const walker = this.group!.walker!;
    const shown = shownSegment(id, elements, this.component);
    const where = walker.currentLoop().id || 'the transaction';
    // The guide may have this segment here with other qualifiers (SV1 with SV101-01 HC, ER...):
    // then it is the qualifier that is wrong, which the message says (as a clearinghouse would).
    const qualifiers = walker.allowedNext().flatMap((spec) => (spec.id === id && spec.qualifier ? [spec.qualifier] : []));
    const because =
      qualifiers.length === 0
        ? ''
        : `: ${id} is allowed here only with ${qualifiers[0]!.ref} ${listed([...new Set(qualifiers.flatMap((q) => q.codes))])} (a required ${id} is then also reported missing)`;
    this.add(index, 'guide.segment-unexpected', 'error', `Segment ${shown} is not expected here (after ${walker.current?.id ?? 'the start'} in loop ${where})${because}.`);
  }

  // ---- checkpoints (checkpoints.ts): the state between segments, to restart a pass after an edit

  /** The state between segments, sharing the growing sets (their first `size` entries are the state). */
  snapshot(): ValidatorState {
    const group = this.group;
    return {
      isaIds: { set: this.isaIds, size: this.isaIds.size },
      gsIds: { set: this.gsIds, size: this.gsIds.size },
      group: group && { guide: group.guide, version: group.version, stIds: { set: group.stIds, size: group.stIds.size }, walker: group.walker?.snapshot() ?? null },
      envelope: this.envelope,
      reportedVersions: { set: this.reportedVersions, size: this.reportedVersions.size },
      hl: this.hl.snapshot(),
      isa12: this.isa12,
      gs08: this.gs08,
      service: this.service,
      serviceReported: this.serviceReported,
      repeats: this.repeats.snapshot(),
      repeatsEnding: this.repeats.ending,
    };
  }

  /** A validator in a state snapshot() gave, with no findings yet; `shift` moves its segment indexes. */
  static restore(options: GuideValidatorOptions, state: ValidatorState, shift = 0): GuideValidator {
    const v = new GuideValidator(options);
    for (const id of prefix(state.isaIds)) v.isaIds.add(id);
    v.gsIds = new Set(prefix(state.gsIds));
    const g = state.group;
    v.group = g && { guide: g.guide, version: g.version, stIds: new Set(prefix(g.stIds)), walker: g.walker && g.guide ? GuideWalker.restore(g.guide, g.walker) : null };
    v.envelope = state.envelope;
    v.reportedVersions = new Set(prefix(state.reportedVersions));
    v.hl = HlNumbering.restore(state.hl, shift);
    v.isa12 = state.isa12;
    v.gs08 = state.gs08;
    v.service = state.service;
    v.serviceReported = state.serviceReported;
    v.repeats = RepeatLimit.restore(state.repeats);
    return v;
  }

  /** Is this validator in the state a snapshot gave (its segment indexes moved by `shift`)? */
  inState(state: ValidatorState, shift: number): boolean {
    const g = state.group;
    const group = this.group;
    if ((g === null) !== (group === null)) return false;
    if (g && group) {
      if (g.guide !== group.guide || g.version !== group.version || !samePrefix(group.stIds, g.stIds)) return false;
      if ((g.walker === null) !== (group.walker === null)) return false;
      if (g.walker && group.walker && !group.walker.inState(g.walker)) return false;
    }
    if (!this.hl.inState(state.hl, shift)) return false;
    const service = this.service;
    const oldService = state.service;
    if ((service === null) !== (oldService === null)) return false;
    if (service && oldService && (service.version !== oldService.version || service.id !== oldService.id)) return false;
    return (
      this.envelope === state.envelope &&
      this.isa12 === state.isa12 &&
      this.gs08 === state.gs08 &&
      this.serviceReported === state.serviceReported &&
      this.repeats.meets(state.repeats, state.repeatsEnding) &&
      samePrefix(this.isaIds, state.isaIds) &&
      samePrefix(this.gsIds, state.gsIds) &&
      samePrefix(this.reportedVersions, state.reportedVersions)
    );
  }

  /**
   * Takes up an earlier pass this validator is in the state of (inState): the set ends as the
   * earlier one did, its counts moved by what this pass found more or fewer times.
   */
  carryRepeats(state: ValidatorState): RepeatCarry {
    return this.repeats.carry(state.repeats, state.repeatsEnding);
  }

  /** The ending of the current set's repeat counts (see SetEnding). */
  get repeatsEnding(): SetEnding {
    return this.repeats.ending;
  }

  /** Ends the stream: checks what only the end tells (the last HL's child flag). */
  finish(): readonly GuideFinding[] {
    this.endTransaction();
    this.repeats.close();
    const first = this.leadingBlanksFinding;
    if (first && this.leadingBlanks > 1) first.message += ` So do ${this.leadingBlanks - 1} more segments after it.`;
    return this.findings;
  }

  // ---- envelope

  private startInterchange(seg: GuideSegment, index: number): void {
    const controlNumber = seg.elements[12] ?? '';
    if (this.isaIds.has(controlNumber)) {
      this.add(index, 'guide.control-number-repeated', 'error', `ISA13 interchange control number ${shownControlNumber(controlNumber)} is used by an earlier interchange in this file.`, 13);
    }
    this.isaIds.add(controlNumber);
    this.gsIds = new Set();
    this.group = null;
    const version = seg.elements[11] ?? '';
    this.isa12 = version.trim();
    this.envelope = envelopeFor(version);
    // The ISA is checked against the envelope map of its version, as pyx12 does (the transaction
    // maps' own ISA keeps 4010's ISA11 'U'); a forced guide's ISA when there is none.
    const guide = this.options.guide ?? null;
    const isa = (this.envelope ? isaOf(this.envelope) : null) ?? (guide ? isaOf(guide) : null);
    if (isa) checkElements(this.context, isa, seg.elements, index);
    this.checkRepetitionSeparator(seg, index);
  }

  /**
   * ISA11 in 00501 is the repetition separator: a special character. The 00501 envelope map
   * lists no codes for it, and the reader takes a letter, digit or blank there as no separator at
   * all (4010's ISA11 is the letter U), so a 4010 header copied into a 5010 file would pass.
   */
  private checkRepetitionSeparator(seg: GuideSegment, index: number): void {
    if (!this.isa12.startsWith('00501')) return;
    const isa11 = seg.elements[10] ?? '';
    if (isa11.length === 1 && !/[A-Za-z0-9\s]/.test(isa11)) return;
    this.add(
      index,
      'guide.element-format',
      'error',
      `ISA11 (repetition separator) is ${isa11.trim() === '' ? 'blank' : shownCode(isa11)}: in version 00501 it is one special character, not a letter, digit or blank (U is 4010's standards identifier).`,
      11,
    );
  }

  private startGroup(seg: GuideSegment, index: number): void {
    const controlNumber = seg.elements[5] ?? '';
    if (this.gsIds.has(controlNumber)) {
      this.add(index, 'guide.control-number-repeated', 'error', `GS06 group control number ${shownControlNumber(controlNumber)} is used by an earlier group in this interchange.`, 6);
    }
    this.gsIds.add(controlNumber);
    this.endTransaction();
    const version = seg.elements[7] ?? '';
    let guide = this.options.guide ?? null;
    if (!guide) {
      const coverage = guideCoverage(version);
      if (coverage.status === 'validated' || coverage.status === 'nearest') {
        guide = coverage.guide;
        if (coverage.status === 'nearest' && !this.reportedVersions.has(version)) {
          this.reportedVersions.add(version);
          this.add(index, 'guide.nearest-guide', 'information', coverage.message, 8);
        }
      } else if (!this.reportedVersions.has(version)) {
        this.reportedVersions.add(version);
        const message = coverage.status === 'not-validated' ? coverage.message : `${capitalized(VERSION_SHAPE.test(version) ? `'${version}'` : shownCode(version))} is not an 837 implementation guide Claimlint has a map of: its transaction sets are not checked against a guide. The envelope, counts and coding checks still run.`;
        this.add(index, 'guide.not-validated', 'information', message, 8);
      }
    }
    this.gs08 = version;
    if (this.isa12 !== '' && version !== '' && version.slice(0, 5) !== this.isa12) {
      this.add(index, VERSION_MISMATCH_RULE, 'error', `GS08 ${versionShown(version)} is not a version of the interchange's ISA12 ${versionShown(this.isa12)}.`, 8);
    }
    const walker = guide ? new GuideWalker(guide) : null;
    const gs = guide ? gsOf(guide) : null;
    if (walker && gs) walker.positionAt(gs);
    // GS08 and ST03 may hold the group's own version where the map checking them lists another: a
    // version a map covers exactly (X223A1, served by the X223A2 map), a later errata checked with
    // its nearest map, or a version with no map, whose GS the envelope map checks (the last two
    // are said once above; a forced guide holds them to its own list).
    const ownVersion = guide === null || (this.options.guide === undefined && guide.key !== version);
    this.group = { guide, walker, stIds: new Set(), version: ownVersion ? version : null };
    // GS is checked against the transaction's guide, as pyx12 does: its GS08 list names the
    // guide's version. A group with no map (837 Dental 5010) against the envelope map of ISA12's
    // version, as pyx12's control map checks it: the envelope checks still run for it.
    const spec = gs ?? (this.envelope ? gsOf(this.envelope) : null);
    if (spec) checkElements(this.context, spec, seg.elements, index);
  }

  /** GE or IEA against the envelope map of ISA12's version (a group no transaction map walks). */
  private checkTrailer(id: 'GE' | 'IEA', elements: readonly string[], index: number): void {
    const envelope = this.envelope;
    const spec = envelope ? envelopeSegment(envelope, id === 'GE' ? ['ISA_LOOP', 'GS_LOOP'] : ['ISA_LOOP'], id) : null;
    if (spec) checkElements(this.context, spec, elements, index);
  }

  private startTransaction(seg: GuideSegment, index: number): void {
    this.endTransaction();
    if (!this.group) {
      // A transaction set on its own (no GS before it): use the forced guide, or the one ST03 names
      // (whose ST03 may then be a version the map covers exactly, as in startGroup).
      const st03 = seg.elements[2] ?? '';
      const guide = this.options.guide ?? guideFor(st03);
      const walker = guide ? new GuideWalker(guide) : null;
      const gs = guide ? gsOf(guide) : null;
      if (walker && gs) walker.positionAt(gs);
      const ownVersion = guide !== null && this.options.guide === undefined && guide.key !== st03;
      this.group = { guide, walker, stIds: new Set(), version: ownVersion ? st03 : null };
    }
    const controlNumber = seg.elements[1] ?? '';
    if (this.group.stIds.has(controlNumber)) {
      this.add(index, 'guide.control-number-repeated', 'error', `ST02 transaction set control number ${shownControlNumber(controlNumber)} is used by an earlier transaction set in this group.`, 2);
    }
    this.group.stIds.add(controlNumber);
    const st03 = seg.elements[2] ?? '';
    if (st03 !== '' && this.gs08 !== '' && st03 !== this.gs08) {
      this.add(index, VERSION_MISMATCH_RULE, 'error', `ST03 ${versionShown(st03)} does not match GS08 ${versionShown(this.gs08)}.`, 3);
    }
    const implementation = st03 !== '' ? st03 : this.gs08;
    const kind = kindOfImplementation(implementation);
    this.service = kind ? { version: implementation, kind, id: SERVICE_SEGMENT_OF[kind] } : null;
    this.serviceReported = false;
    this.hl.reset();
    this.repeats.reset();
  }

  /** A service line of another claim type than the transaction set's guide: once per set. */
  private checkService(id: string, index: number): void {
    const expected = this.service;
    if (expected === null || this.serviceReported || id === expected.id) return;
    this.serviceReported = true;
    const kind = id === 'SV1' ? 'a professional' : id === 'SV2' ? 'an institutional' : 'a dental';
    this.add(index, VERSION_MISMATCH_RULE, 'error', `${id} is ${kind} service line, but this transaction set is sent under ${expected.version}, the 837 ${expected.kind} guide.`);
  }

  private endTransaction(): void {
    this.hl.end(this.reportHl);
  }

  // ---- walk events

  private report(events: readonly WalkEvent[], index: number): void {
    for (const e of events) {
      switch (e.kind) {
        case 'segment-missing':
          this.add(index, 'guide.segment-missing', 'error', `Required segment ${describe(e.segment)} is missing before this segment.`, undefined, undefined, undefined, e.segment.loop.id);
          break;
        case 'loop-missing':
          this.add(index, 'guide.loop-missing', 'error', `Required loop ${e.loop.id} (${e.loop.name}) is missing before this segment.`, undefined, undefined, undefined, e.loop.id);
          break;
        case 'segment-max-use':
          this.add(index, 'guide.segment-max-use', severityOf(e.segment.usage), `${describe(e.segment)} is used ${e.count} times in loop ${e.segment.loop.id}; the guide allows ${e.segment.maxUse}.`, undefined, undefined, undefined, e.segment.loop.id);
          break;
        case 'loop-max-repeat':
          this.add(index, 'guide.loop-max-repeat', severityOf(e.loop.usage), `Loop ${e.loop.id} (${e.loop.name}) repeats ${e.count} times; the guide allows ${e.loop.maxRepeat}.`, undefined, undefined, undefined, e.loop.id);
          break;
        case 'segment-not-used':
          this.add(index, 'guide.segment-not-used', 'error', `${describe(e.segment)} is marked not used in loop ${e.segment.loop.id}.`, undefined, undefined, undefined, e.segment.loop.id);
          break;
        case 'loop-not-used':
          this.add(index, 'guide.loop-not-used', 'error', `Loop ${e.loop.id} (${e.loop.name}) is marked not used.`, undefined, undefined, undefined, e.loop.id);
          break;
      }
    }
  }

  /**
   * Records a finding, or drops it when the same problem (rule, segment id, element) was found
   * REPEAT_LIMIT times in this transaction set already: a file of millions of broken segments
   * (a run of empty segments, one segment repeated) then keeps a bounded list. The last one
   * listed says that the rest are not.
   */
  private add(segment: number, rule: string, severity: GuideSeverity, message: string, position?: number, component?: number, ref?: string, loop?: string): GuideFinding | null {
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

function describe(segment: SegmentSpec): string {
  const q = segment.qualifier;
  const qualifier = q && q.codes.length <= 3 ? `*${q.codes.join('/')}` : '';
  return `${segment.id}${qualifier} (${segment.name})`;
}

function envelopeSegment(guide: GuideSchema, loops: string[], id: string): SegmentSpec | null {
  let loop: LoopSpec = guide.root;
  for (const l of loops) {
    const next = loop.children.find((c): c is LoopSpec => c.kind === 'loop' && c.id === l);
    if (!next) return null;
    loop = next;
  }
  return loop.children.find((c): c is SegmentSpec => c.kind === 'segment' && c.id === id) ?? null;
}

function isaOf(guide: GuideSchema): SegmentSpec | null {
  return envelopeSegment(guide, ['ISA_LOOP'], 'ISA');
}

function gsOf(guide: GuideSchema): SegmentSpec | null {
  return envelopeSegment(guide, ['ISA_LOOP', 'GS_LOOP'], 'GS');
}

/** Validates a whole sequence of segments (a file, or one transaction set from ST to SE). */
export function validateSegments(segments: readonly GuideSegment[], options: GuideValidatorOptions = {}): GuideFinding[] {
  const validator = new GuideValidator(options);
  segments.forEach((s, i) => validator.segment(s, i));
  return [...validator.finish()];
}
