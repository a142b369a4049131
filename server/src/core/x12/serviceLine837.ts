// An 837 claim and its service lines as the reader builds them for a document's model: their
// values, and their spans as pairs of offsets in the object itself rather than as an object
// each. A document holds every claim and line of a big batch (a 50 MB file has over 200,000
// lines), and their span objects (nine a line, four a claim) were most of the objects in its
// model. A span is made when something asks for it (a hover, a fix, a finding); moving a claim
// after an edit moves its numbers.
//
// They read as a Claim and a ServiceLine; JSON gives the plain objects (toJSON), as tests compare models.
import type { CodedLine } from '../codedLines';
import type { Claim, ClaimKind, DateRange, Modifier, ModifierInsertPoint, ServiceLine, Span } from '../model';

/** An absent span's start. */
const NONE = -1;

function spanOf(start: number, end: number): Span | null {
  return start === NONE ? null : { start, end };
}

/** A line of an 837 claim: built whole, or for the coding checks alone (the CLI's reads in pieces). */
export type Line837 = X12ServiceLine | CodedLine;

export class X12ServiceLine implements ServiceLine {
  index = 0;
  lineNumber = '';
  qualifier: string | null = null;
  code = '';
  modifiers: Modifier[] = [];
  charge: number | null = null;
  chargeText: string | null = null;
  units: number | null = null;
  dateOfService: DateRange | null = null;
  dateInherited = false;
  providerId: string | null = null;
  segmentCount = 0;

  // Spans as offsets (start NONE: the span is null).
  lineNumberStart = NONE;
  lineNumberEnd = NONE;
  codeStart = 0;
  codeEnd = 0;
  chargeStart = NONE;
  chargeEnd = NONE;
  unitsStart = NONE;
  unitsEnd = NONE;
  dateStart = NONE;
  dateEnd = NONE;
  spanStart = 0;
  spanEnd = 0;
  recordStart = 0;
  recordEnd = 0;
  /** The procedure composite a modifier goes into (start NONE: no code, so no modifier). */
  compositeStart = NONE;
  compositeEnd = NONE;
  componentCount = 0;
  componentSeparator = '';

  get lineNumberSpan(): Span | null {
    return spanOf(this.lineNumberStart, this.lineNumberEnd);
  }

  get codeSpan(): Span {
    return { start: this.codeStart, end: this.codeEnd };
  }

  get chargeSpan(): Span | null {
    return spanOf(this.chargeStart, this.chargeEnd);
  }

  get unitsSpan(): Span | null {
    return spanOf(this.unitsStart, this.unitsEnd);
  }

  get dateSpan(): Span | null {
    return spanOf(this.dateStart, this.dateEnd);
  }

  /** A line without a date of its own takes the claim's: its span too. */
  set dateSpan(span: Span | null) {
    this.dateStart = span === null ? NONE : span.start;
    this.dateEnd = span === null ? NONE : span.end;
  }

  get span(): Span {
    return { start: this.spanStart, end: this.spanEnd };
  }

  get recordSpan(): Span {
    return { start: this.recordStart, end: this.recordEnd };
  }

  get modifierInsert(): ModifierInsertPoint | null {
    if (this.compositeStart === NONE) return null;
    return {
      kind: 'x12-composite',
      compositeSpan: { start: this.compositeStart, end: this.compositeEnd },
      componentCount: this.componentCount,
      componentSeparator: this.componentSeparator,
    };
  }

  /** Moves every span of the line by `by` (its date's too: the line holds its own copy of an inherited one). */
  shift(by: number): void {
    if (this.lineNumberStart !== NONE) {
      this.lineNumberStart += by;
      this.lineNumberEnd += by;
    }
    this.codeStart += by;
    this.codeEnd += by;
    for (const modifier of this.modifiers) {
      modifier.span.start += by;
      modifier.span.end += by;
    }
    if (this.chargeStart !== NONE) {
      this.chargeStart += by;
      this.chargeEnd += by;
    }
    if (this.unitsStart !== NONE) {
      this.unitsStart += by;
      this.unitsEnd += by;
    }
    if (this.dateStart !== NONE) {
      this.dateStart += by;
      this.dateEnd += by;
    }
    this.spanStart += by;
    this.spanEnd += by;
    this.recordStart += by;
    this.recordEnd += by;
    if (this.compositeStart !== NONE) {
      this.compositeStart += by;
      this.compositeEnd += by;
    }
  }

  /** The line as a plain ServiceLine. */
  toJSON(): ServiceLine {
    return {
      index: this.index,
      lineNumber: this.lineNumber,
      lineNumberSpan: this.lineNumberSpan,
      qualifier: this.qualifier,
      code: this.code,
      codeSpan: this.codeSpan,
      modifiers: this.modifiers,
      modifierInsert: this.modifierInsert,
      charge: this.charge,
      chargeText: this.chargeText,
      chargeSpan: this.chargeSpan,
      units: this.units,
      unitsSpan: this.unitsSpan,
      dateOfService: this.dateOfService,
      dateSpan: this.dateSpan,
      dateInherited: this.dateInherited,
      providerId: this.providerId,
      span: this.span,
      segmentCount: this.segmentCount,
      recordSpan: this.recordSpan,
    };
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
  totalCharge: number | null = null;
  totalChargeText: string | null = null;
  dateOfService: DateRange | null = null;
  lines: Line837[] = [];
  transactionIndex: number | null = null;

  // Spans as offsets (start NONE: the span is null).
  idStart = NONE;
  idEnd = NONE;
  chargeStart = NONE;
  chargeEnd = NONE;
  dateStart = NONE;
  dateEnd = NONE;
  spanStart = 0;
  spanEnd = 0;

  get idSpan(): Span | null {
    return spanOf(this.idStart, this.idEnd);
  }

  get totalChargeSpan(): Span | null {
    return spanOf(this.chargeStart, this.chargeEnd);
  }

  get dateSpan(): Span | null {
    return spanOf(this.dateStart, this.dateEnd);
  }

  get span(): Span {
    return { start: this.spanStart, end: this.spanEnd };
  }

  /** Moves the claim's spans and its lines' by `by`. */
  shift(by: number): void {
    if (this.idStart !== NONE) {
      this.idStart += by;
      this.idEnd += by;
    }
    if (this.chargeStart !== NONE) {
      this.chargeStart += by;
      this.chargeEnd += by;
    }
    if (this.dateStart !== NONE) {
      this.dateStart += by;
      this.dateEnd += by;
    }
    this.spanStart += by;
    this.spanEnd += by;
    for (const line of this.lines) line.shift(by);
  }

  /** The claim as a plain Claim. */
  toJSON(): Claim {
    return {
      index: this.index,
      id: this.id,
      idSpan: this.idSpan,
      patientId: this.patientId,
      patientKey: this.patientKey,
      billingProviderId: this.billingProviderId,
      renderingProviderId: this.renderingProviderId,
      kind: this.kind,
      totalCharge: this.totalCharge,
      totalChargeText: this.totalChargeText,
      totalChargeSpan: this.totalChargeSpan,
      dateOfService: this.dateOfService,
      dateSpan: this.dateSpan,
      lines: this.lines,
      span: this.span,
      transactionIndex: this.transactionIndex,
    };
  }
}
