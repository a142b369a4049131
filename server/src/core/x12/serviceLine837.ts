// An 837 claim and its service lines as the reader builds them for a document's model: their
// values, and their spans as pairs of offsets in the object itself rather than as an object
// each (offsetLine.ts). A document holds every claim and line of a big batch (a 50 MB file has
// over 200,000 lines), and their span objects (nine a line, four a claim) were most of the
// objects in its model. Moving a claim after an edit moves its numbers.
//
// They read as a Claim and a ServiceLine; JSON gives the plain objects (toJSON), as tests compare models.
import type { CodedLine } from '../codedLines';
import type { Claim, ClaimKind, DateRange, ModifierInsertPoint, ServiceLine, Span } from '../model';
import { NO_OFFSET, OffsetLine, plainClaim, spanAt } from '../offsetLine';

/** A line of an 837 claim: built whole, or for the coding checks alone (the CLI's reads in pieces). */
export type Line837 = X12ServiceLine | CodedLine;

export class X12ServiceLine extends OffsetLine implements ServiceLine {
  lineNumber = '';
  qualifier: string | null = null;
  dateInherited = false;
  segmentCount = 0;
  /** LX01 (start NO_OFFSET: the line has no LX). */
  lineNumberStart = NO_OFFSET;
  lineNumberEnd = NO_OFFSET;
  /** The procedure composite a modifier goes into (start NO_OFFSET: no code, so no modifier). */
  compositeStart = NO_OFFSET;
  compositeEnd = NO_OFFSET;
  componentCount = 0;
  componentSeparator = '';

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

  // Spans as offsets (start NO_OFFSET: the span is null).
  idStart = NO_OFFSET;
  idEnd = NO_OFFSET;
  chargeStart = NO_OFFSET;
  chargeEnd = NO_OFFSET;
  dateStart = NO_OFFSET;
  dateEnd = NO_OFFSET;
  spanStart = 0;
  spanEnd = 0;

  get idSpan(): Span | null {
    return spanAt(this.idStart, this.idEnd);
  }

  get totalChargeSpan(): Span | null {
    return spanAt(this.chargeStart, this.chargeEnd);
  }

  get dateSpan(): Span | null {
    return spanAt(this.dateStart, this.dateEnd);
  }

  get span(): Span {
    return { start: this.spanStart, end: this.spanEnd };
  }

  /** Moves the claim's spans and its lines' by `by`. */
  shift(by: number): void {
    if (this.idStart !== NO_OFFSET) {
      this.idStart += by;
      this.idEnd += by;
    }
    if (this.chargeStart !== NO_OFFSET) {
      this.chargeStart += by;
      this.chargeEnd += by;
    }
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
