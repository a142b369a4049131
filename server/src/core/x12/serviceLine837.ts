// An 837 claim and its service lines as the reader builds them for a document's model: their
// values, and their spans as pairs of offsets in the object itself rather than as an object
// each (offsetLine.ts). A document holds every claim and line of a big batch (a 50 MB file has
// over 200,000 lines), and their span objects (nine a line, four a claim) were most of the
// objects in its model. Moving a claim after an edit moves its numbers.
//
// They read as a Claim and a ServiceLine; JSON gives the plain objects (toJSON), as tests compare models.
import type { CodedLine } from '../codedLines';
import type { Claim, ClaimKind, DateRange, ModifierInsertPoint, ServiceLine, Span } from '../model';
import { NO_OFFSET, plainClaim, spanAt, TextEndedLine } from '../offsetLine';

/** A line of an 837 claim: built whole, or for the coding checks alone (the CLI's reads in pieces). */
export type Line837 = X12ServiceLine | CodedLine;

/** What a line's compositeShape counts its components in: past any character code. */
const COMPONENTS = 0x10000;

export class X12ServiceLine extends TextEndedLine implements ServiceLine {
  lineNumber = '';
  qualifier: string | null = null;
  /**
   * The segments of the line, twice over, plus 1 when its date is its claim's (dateInherited): two
   * values in one field, as every field of a line is 8 bytes in each of a big file's lines.
   */
  private segmentsAndInherited = 0;
  /** LX01 (start NO_OFFSET: the line has no LX). */
  lineNumberStart = NO_OFFSET;
  lineNumberEnd = NO_OFFSET;
  /** The procedure composite a modifier goes into (start NO_OFFSET: no code, so no modifier). */
  compositeStart = NO_OFFSET;
  compositeEnd = NO_OFFSET;
  /** Its components, times COMPONENTS, plus its separator's character code (setComposite). */
  private compositeShape = 0;

  get segmentCount(): number {
    return Math.floor(this.segmentsAndInherited / 2);
  }
  set segmentCount(count: number) {
    this.segmentsAndInherited = count * 2 + (this.segmentsAndInherited % 2);
  }

  get dateInherited(): boolean {
    return this.segmentsAndInherited % 2 === 1;
  }
  set dateInherited(inherited: boolean) {
    this.segmentsAndInherited = this.segmentCount * 2 + (inherited ? 1 : 0);
  }

  /** The composite's number of components. */
  get componentCount(): number {
    return Math.floor(this.compositeShape / COMPONENTS);
  }

  /** The composite's component separator (ISA16); '' when the line has no code. */
  get componentSeparator(): string {
    return this.compositeStart === NO_OFFSET ? '' : String.fromCharCode(this.compositeShape % COMPONENTS);
  }

  /** Where a modifier goes: the composite [start, end), its number of components and their separator (one character). */
  setComposite(start: number, end: number, componentCount: number, componentSeparator: string): void {
    this.compositeStart = start;
    this.compositeEnd = end;
    this.compositeShape = componentCount * COMPONENTS + componentSeparator.charCodeAt(0);
  }

  get lineNumberSpan(): Span | null {
    return spanAt(this.lineNumberStart, this.lineNumberEnd);
  }

  get modifierInsert(): ModifierInsertPoint | null {
    if (this.compositeStart === NO_OFFSET) return null;
    return {
      kind: 'x12-composite',
      compositeSpan: { start: this.compositeStart, end: this.compositeEnd },
      componentCount: this.componentCount,
      componentSeparator: this.componentSeparator,
    };
  }

  /** Moves every span of the line by `by` (its date's too: the line holds its own copy of an inherited one). */
  override shift(by: number): void {
    super.shift(by);
    if (this.lineNumberStart !== NO_OFFSET) {
      this.lineNumberStart += by;
      this.lineNumberEnd += by;
    }
    for (const modifier of this.modifiers) {
      modifier.span.start += by;
      modifier.span.end += by;
    }
    if (this.compositeStart !== NO_OFFSET) {
      this.compositeStart += by;
      this.compositeEnd += by;
    }
  }
}

export class X12Claim implements Claim {
  index = 0;
  id = '';
  patientId: string | null = null;
  patientKey = '';
  billingProviderId: string | null = null;
  renderingProviderId: string | null = null;
  kind: ClaimKind | null = null;
  facilityType: string | null = null;
  frequency: string | null = null;
  totalCharge: number | null = null;
  totalChargeText: string | null = null;
  dateOfService: DateRange | null = null;
  lines: Line837[] = [];
  transactionIndex: number | null = null;

  // Spans as offsets (start NO_OFFSET: the span is null). CLM01's and CLM02's spans end where
  // their texts, id and totalChargeText, end: those are exactly what they cover.
  idStart = NO_OFFSET;
  chargeStart = NO_OFFSET;
  dateStart = NO_OFFSET;
  dateEnd = NO_OFFSET;
  spanStart = 0;
  spanEnd = 0;

  get idSpan(): Span | null {
    return spanAt(this.idStart, this.idStart + this.id.length);
  }

  get totalChargeSpan(): Span | null {
    return spanAt(this.chargeStart, this.chargeStart + (this.totalChargeText?.length ?? 0));
  }

  get dateSpan(): Span | null {
    return spanAt(this.dateStart, this.dateEnd);
  }

  get span(): Span {
    return { start: this.spanStart, end: this.spanEnd };
  }

  /** Moves the claim's spans and its lines' by `by`. */
  shift(by: number): void {
    if (this.idStart !== NO_OFFSET) this.idStart += by;
    if (this.chargeStart !== NO_OFFSET) this.chargeStart += by;
    if (this.dateStart !== NO_OFFSET) {
      this.dateStart += by;
      this.dateEnd += by;
    }
    this.spanStart += by;
    this.spanEnd += by;
    for (const line of this.lines) line.shift(by);
  }

  /** The claim as a plain Claim. */
  toJSON(): Claim {
    return plainClaim(this);
  }
}
