// Service lines kept for the coding checks alone (the CLI's 837 reads in pieces: X12Stream with
// codedLinesOnly): only what the checks read (serviceGroups.ts, checkPtp.ts, checkUnits.ts,
// checkAddOns.ts: the code and its span, the modifiers' values, the units and their span, the
// date, the provider, the line's number) is made; the spans only hovers and fixes read are
// NO_SPAN, and modifiers are shared objects, one per value. Such a line (CodedLine) lives until
// its claim ends and becomes a row of the run (keptLines.ts); it holds its spans as offsets.
// (A claim CSV read in pieces keeps its lines as rows from the start: csv/codedClaims.ts.)
import type { Modifier, ServiceLine, Span } from './model';
import { detached } from './text';
import { TextEndedLine } from './offsetLine';

/** The span of what a kept line does not hold (a removal span, a record span): never read, never moved. */
export const NO_SPAN: Span = Object.freeze({ start: 0, end: 0 });

/** One frozen modifier object per value (its span NO_SPAN): a kept line's modifiers are read for their values alone. */
export class SharedModifiers {
  private readonly byValue = new Map<string, Modifier>();

  get(value: string): Modifier {
    let modifier = this.byValue.get(value);
    if (modifier === undefined) {
      if (this.byValue.size >= 50000) this.byValue.clear();
      const own = detached(value);
      modifier = Object.freeze({ value: own, span: NO_SPAN });
      this.byValue.set(own, modifier);
    }
    return modifier;
  }
}

/**
 * A service line kept for the coding checks alone: what they read (its code's, units' and date's
 * spans as offsets, OffsetLine); what only hovers and fixes read is never held. Its modifiers are
 * shared (SharedModifiers) and never moved.
 */
export class CodedLine extends TextEndedLine implements ServiceLine {
  lineNumber = '';
  qualifier: string | null = null;
  dateInherited = false;
  /** Its own date is written but cannot be read: it takes no date from its claim. */
  dateUnreadable = false;
  /** A practitioner's service on a critical access hospital's Method II bill: the practitioner table judges it. */
  professional = false;

  constructor(index: number) {
    super();
    this.index = index;
  }

  get lineNumberSpan(): null {
    return null;
  }
  get modifierInsert(): null {
    return null;
  }
  get segmentCount(): number {
    return 0;
  }
  override get span(): Span {
    return NO_SPAN;
  }
  override get recordSpan(): Span {
    return NO_SPAN;
  }
}
