// Service lines kept for the coding checks alone (the CLI's 837 reads in pieces: X12Stream with
// codedLinesOnly): only what the checks read (serviceGroups.ts, checkPtp.ts, checkUnits.ts,
// checkAddOns.ts: the code and its span, the modifiers' values, the units and their span, the
// date, the provider, the line's number) is made; the spans only hovers and fixes read are
// NO_SPAN, and modifiers are shared objects, one per value. Such a line (CodedLine) lives until
// its claim ends and becomes a row of the run (keptLines.ts); it holds its two spans as offsets.
// (A claim CSV read in pieces keeps its lines as rows from the start: csv/codedClaims.ts.)
import type { DateRange, Modifier, ServiceLine, Span } from './model';
import { detached } from './text';
import { NO_OFFSET, spanAt } from './offsetLine';
import { NO_MODIFIERS } from './x12/values';

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

/** A service line kept for the coding checks alone: what they read, its code's and units' spans as offsets. */
export class CodedLine implements ServiceLine {
  lineNumber = '';
  qualifier: string | null = null;
  code = '';
  modifiers: Modifier[] = NO_MODIFIERS;
  units: number | null = null;
  dateOfService: DateRange | null = null;
  /** Set when the line takes its claim's date (not read by the checks). */
  dateSpan: Span | null = null;
  dateInherited = false;
  providerId: string | null = null;
  codeStart = 0;
  codeEnd = 0;
  /** NO_OFFSET: no units written (a carried line's offsets may be below 0: see NO_OFFSET). */
  unitsStart = NO_OFFSET;
  unitsEnd = NO_OFFSET;

  constructor(public index: number) {}

  get codeSpan(): Span {
    return { start: this.codeStart, end: this.codeEnd };
  }

  get unitsSpan(): Span | null {
    return spanAt(this.unitsStart, this.unitsEnd);
  }

  // What hovers and fixes read: never held.
  get lineNumberSpan(): null {
    return null;
  }
  get modifierInsert(): null {
    return null;
  }
  get charge(): null {
    return null;
  }
  get chargeText(): null {
    return null;
  }
  get chargeSpan(): null {
    return null;
  }
  get span(): Span {
    return NO_SPAN;
  }
  get recordSpan(): Span {
    return NO_SPAN;
  }
  get segmentCount(): number {
    return 0;
  }

  /** Moves its spans by `by` (a claim read in pieces, carried into the next one). */
  shift(by: number): void {
    this.codeStart += by;
    this.codeEnd += by;
    if (this.unitsStart !== NO_OFFSET) {
      this.unitsStart += by;
      this.unitsEnd += by;
    }
    if (this.dateSpan !== null) this.dateSpan = { start: this.dateSpan.start + by, end: this.dateSpan.end + by };
  }
}
