// A service line of a document's model that holds its spans as pairs of offsets rather than as
// an object each: the lines the CLI keeps for the coding checks alone (codedLines.ts) and a claim
// CSV's rows (csv/csvLine.ts) extend it (an 837 document's lines are rows of its columns,
// x12/lineColumns.ts, whose objects hold nothing of their own). A document holds every line of a
// big batch, and their span objects were most of its model; a span is made when a hover, a fix
// or a finding asks for one.
import type { Claim, DateRange, Modifier, ModifierInsertPoint, ServiceLine, Span } from './model';
import { NO_MODIFIERS } from './x12/values';

/**
 * An absent span's start (and end). Not -1: a line of a claim carried from one piece of a file
 * into the next has its offsets moved below 0 (x12/stream.ts), so a sign cannot tell an absent
 * span; no offset of a piece comes near -2^30 (a document read is at most 1 GB). A small integer,
 * so that the fields stay small integers and not boxed numbers.
 */
export const NO_OFFSET = -(2 ** 30);

/** The span [start, end), or null when start is NO_OFFSET. */
export function spanAt(start: number, end: number): Span | null {
  return start === NO_OFFSET ? null : { start, end };
}

/** A claim that holds its spans as offsets (an 837's, a CSV's) as a plain Claim: what its toJSON gives. */
export function plainClaim(claim: Claim): Claim {
  const plain: Claim = {
    index: claim.index,
    id: claim.id,
    idSpan: claim.idSpan,
    patientId: claim.patientId,
    patientKey: claim.patientKey,
    billingProviderId: claim.billingProviderId,
    renderingProviderId: claim.renderingProviderId,
    kind: claim.kind,
    totalCharge: claim.totalCharge,
    totalChargeText: claim.totalChargeText,
    totalChargeSpan: claim.totalChargeSpan,
    dateOfService: claim.dateOfService,
    dateSpan: claim.dateSpan,
    lines: claim.lines,
    span: claim.span,
    transactionIndex: claim.transactionIndex,
  };
  // What only some formats have (X12's CLM05), after the rest.
  if (claim.facilityType !== undefined) plain.facilityType = claim.facilityType;
  if (claim.frequency !== undefined) plain.frequency = claim.frequency;
  if (claim.billingProviderPerson === true) plain.billingProviderPerson = true;
  return plain;
}

/** A line that holds its spans as offsets (an 837's row, a CSV's row) as a plain ServiceLine: what its toJSON gives, as tests compare models. */
export function plainLine(line: ServiceLine): ServiceLine {
  return {
    index: line.index,
    lineNumber: line.lineNumber,
    lineNumberSpan: line.lineNumberSpan,
    qualifier: line.qualifier,
    code: line.code,
    codeSpan: line.codeSpan,
    modifiers: line.modifiers,
    modifierInsert: line.modifierInsert,
    charge: line.charge,
    chargeText: line.chargeText,
    chargeSpan: line.chargeSpan,
    units: line.units,
    unitsSpan: line.unitsSpan,
    dateOfService: line.dateOfService,
    dateSpan: line.dateSpan,
    dateInherited: line.dateInherited,
    providerId: line.providerId,
    span: line.span,
    segmentCount: line.segmentCount,
    recordSpan: line.recordSpan,
    ...(line.professional ? { professional: true } : {}),
  };
}

/** What every such line holds; the subclass adds what its format has (LX01 and its span, a CSV row's line number...). */
export abstract class OffsetLine {
  // What the format gives (a field or a getter in the subclass).
  abstract readonly lineNumber: string;
  abstract readonly lineNumberSpan: Span | null;
  abstract readonly qualifier: string | null;
  abstract readonly modifierInsert: ModifierInsertPoint | null;
  abstract readonly dateInherited: boolean;
  abstract readonly segmentCount: number;
  /**
   * Where the code and the charge end: held by a CSV row, whose code may be read from inside its
   * cell; an 837 line's end where its code and chargeText, exactly what they cover, end
   * (TextEndedLine), which saves it two of its fields.
   */
  abstract readonly codeEnd: number;
  abstract readonly chargeEnd: number;

  index = 0;
  code = '';
  modifiers: Modifier[] = NO_MODIFIERS;
  charge: number | null = null;
  chargeText: string | null = null;
  units: number | null = null;
  dateOfService: DateRange | null = null;
  providerId: string | null = null;

  // Spans as offsets (start NO_OFFSET: the span is null).
  codeStart = 0;
  chargeStart = NO_OFFSET;
  unitsStart = NO_OFFSET;
  unitsEnd = NO_OFFSET;
  dateStart = NO_OFFSET;
  dateEnd = NO_OFFSET;
  /** What removing the line removes. */
  spanStart = 0;
  spanEnd = 0;
  /** The segment or row its code is written in. */
  recordStart = 0;
  recordEnd = 0;

  get codeSpan(): Span {
    return { start: this.codeStart, end: this.codeEnd };
  }

  get chargeSpan(): Span | null {
    return spanAt(this.chargeStart, this.chargeEnd);
  }

  get unitsSpan(): Span | null {
    return spanAt(this.unitsStart, this.unitsEnd);
  }

  get dateSpan(): Span | null {
    return spanAt(this.dateStart, this.dateEnd);
  }

  get span(): Span {
    return { start: this.spanStart, end: this.spanEnd };
  }

  get recordSpan(): Span {
    return { start: this.recordStart, end: this.recordEnd };
  }

  /**
   * Moves the spans held here by `by` (a claim after an edit, or carried into the next piece of
   * a file); a subclass moves what it adds.
   */
  shift(by: number): void {
    this.codeStart += by;
    if (this.chargeStart !== NO_OFFSET) this.chargeStart += by;
    this.shiftEnds(by);
    if (this.unitsStart !== NO_OFFSET) {
      this.unitsStart += by;
      this.unitsEnd += by;
    }
    if (this.dateStart !== NO_OFFSET) {
      this.dateStart += by;
      this.dateEnd += by;
    }
    this.spanStart += by;
    this.spanEnd += by;
    this.recordStart += by;
    this.recordEnd += by;
  }

  /** Moves codeEnd and chargeEnd by `by`, where the line holds them (shift). */
  protected abstract shiftEnds(by: number): void;

  /** The line as a plain ServiceLine (what JSON gives, as tests compare models). */
  toJSON(): ServiceLine {
    return plainLine(this);
  }
}

/**
 * A line whose code and chargeText are exactly the text of their spans (an 837's kept for the
 * coding checks alone), so that the spans end where those end: two offsets fewer in each of a
 * big file's lines.
 */
export abstract class TextEndedLine extends OffsetLine {
  get codeEnd(): number {
    return this.codeStart + this.code.length;
  }

  get chargeEnd(): number {
    return this.chargeStart === NO_OFFSET ? NO_OFFSET : this.chargeStart + (this.chargeText?.length ?? 0);
  }

  protected shiftEnds(): void {
    // Nothing held: the ends follow the starts.
  }
}
