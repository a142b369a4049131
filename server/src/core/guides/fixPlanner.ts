// Work the guide fixes of one request share (fixes.ts): one HL renumbering per transaction set,
// one ISA rewrite per interchange, one count of the ISA13s, one removal of the leading blanks and
// one of the empty segments, whichever of their findings asks first.
import type { Interchange, ParsedDocumentWithIndex } from '../model';
import { guideIdOf } from './fixText';
import { hlGroupOf, renumberHl, trimLeadingBlanks, type HlPlan, type TrimPlan } from './fixPlans';
import { ControlNumbers, interchangeFix, type InterchangeFix } from './isaFix';
import { removeEmptySegments, type EmptySegmentsPlan } from './emptySegmentFix';

/** Work shared by the findings of one request (one HL renumbering per transaction set, one ISA per interchange, one count of ISA13s). */
export class Planner {
  private readonly hl = new Map<number, HlPlan | null>();
  /** The first segment of the HL numbering each HL segment seen belongs to (hlGroupOf's `from`). */
  private readonly hlFrom = new Map<number, number>();
  private readonly isa = new Map<Interchange, InterchangeFix | null>();
  /** The ISA13s of every interchange, counted once for the ISAs of the request (isaFix.ts). */
  private readonly controlNumbers: ControlNumbers;
  private trim: TrimPlan | null | undefined;
  private empty: EmptySegmentsPlan | null | undefined;

  constructor(
    readonly text: string,
    readonly doc: ParsedDocumentWithIndex,
  ) {
    this.controlNumbers = new ControlNumbers(text, doc);
  }

  hlPlan(segment: number): HlPlan | null {
    const ix = this.doc.x12!;
    const known = this.hlFrom.get(segment);
    if (known !== undefined) return this.hl.get(known)!;
    const { from, to } = hlGroupOf(ix, segment);
    this.hlFrom.set(segment, from);
    if (this.hl.has(from)) return this.hl.get(from)!;
    // Every HL of the set is noted once: a set with thousands of HL findings is scanned once, not once per finding.
    for (let i = from; i < to; i++) if (guideIdOf(ix, i) === 'HL') this.hlFrom.set(i, from);
    this.hl.set(from, renumberHl(this.text, ix, from, to));
    return this.hl.get(from)!;
  }

  isaPlan(interchange: Interchange): InterchangeFix | null {
    if (!this.isa.has(interchange)) this.isa.set(interchange, interchangeFix(this.text, this.doc, interchange, this.controlNumbers));
    return this.isa.get(interchange)!;
  }

  trimPlan(): TrimPlan | null {
    if (this.trim === undefined) this.trim = trimLeadingBlanks(this.text, this.doc.x12!);
    return this.trim;
  }

  emptyPlan(): EmptySegmentsPlan | null {
    if (this.empty === undefined) this.empty = removeEmptySegments(this.doc);
    return this.empty;
  }
}
