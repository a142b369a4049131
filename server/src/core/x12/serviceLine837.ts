// An 837 claim and its service lines as a document's model gives them: a claim is an object that
// holds its spans as pairs of offsets rather than as an object each, its lines rows of the
// document's columns (lineColumns.ts), made into objects (X12ServiceLine) only when asked for. A
// document holds every claim and line of a big batch (a 50 MB file has over 200,000 lines): their
// span objects (nine a line, four a claim), then an object per line, were most of its model.
// Moving a claim after an edit moves its numbers and its rows'.
//
// They read as a Claim and a ServiceLine; JSON gives the plain objects (toJSON), as tests compare models.
import type { CodedLine } from '../codedLines';
import type { Claim, ClaimKind, DateRange, Modifier, ModifierInsertPoint, ServiceLine, Span } from '../model';
import { NO_OFFSET, plainClaim, plainLine, spanAt } from '../offsetLine';
import { Field, type LineColumns } from './lineColumns';

/** A line of an 837 claim: a row of its document's columns, or one kept for the coding checks alone (the CLI's reads in pieces). */
export type Line837 = X12ServiceLine | CodedLine;

/**
 * A service line of an 837 document: a view of its row in the document's columns
 * (lineColumns.ts), made when a hover, a fix, a message or a test asks for the line. It holds
 * nothing of its own, so that a claim moved after an edit (its rows moved) reads the same line.
 */
export class X12ServiceLine implements ServiceLine {
  constructor(
    readonly columns: LineColumns,
    readonly row: number,
  ) {}

  get index(): number {
    return this.columns.index(this.row);
  }
  get lineNumber(): string {
    return this.columns.lineNumber(this.row);
  }
  get lineNumberSpan(): Span | null {
    return this.spanOf(Field.numberStart, Field.numberEnd);
  }
  get qualifier(): string | null {
    return this.columns.qualifier(this.row);
  }
  get code(): string {
    return this.columns.code(this.row);
  }
  /** Ends where the code, exactly what it covers, ends. */
  get codeSpan(): Span {
    const start = this.columns.codeStart(this.row);
    return { start, end: start + this.code.length };
  }
  get modifiers(): Modifier[] {
    return this.columns.modifiers(this.row);
  }
  get modifierInsert(): ModifierInsertPoint | null {
    const compositeSpan = this.spanOf(Field.compositeStart, Field.compositeEnd);
    if (compositeSpan === null) return null;
    const columns = this.columns;
    return { kind: 'x12-composite', compositeSpan, componentCount: columns.componentCount(this.row), componentSeparator: columns.componentSeparator(this.row) };
  }
  get charge(): number | null {
    return this.columns.charge(this.row);
  }
  get chargeText(): string | null {
    return this.columns.chargeText(this.row);
  }
  /** Ends where chargeText, exactly what it covers, ends. */
  get chargeSpan(): Span | null {
    const start = this.columns.chargeStart(this.row);
    return spanAt(start, start + (this.chargeText?.length ?? 0));
  }
  get units(): number | null {
    return this.columns.units(this.row);
  }
  get unitsSpan(): Span | null {
    return this.spanOf(Field.unitsStart, Field.unitsEnd);
  }
  get dateOfService(): DateRange | null {
    return this.columns.dateOfService(this.row);
  }
  get dateSpan(): Span | null {
    return this.spanOf(Field.dateStart, Field.dateEnd);
  }
  get dateInherited(): boolean {
    return this.columns.dateInherited(this.row);
  }
  get professional(): boolean {
    return this.columns.professional(this.row);
  }
  get providerId(): string | null {
    return this.columns.providerId(this.row);
  }
  get span(): Span {
    return this.spanOf(Field.spanStart, Field.spanEnd)!;
  }
  get segmentCount(): number {
    return this.columns.segmentCount(this.row);
  }
  get recordSpan(): Span {
    return this.spanOf(Field.recordStart, Field.recordEnd)!;
  }

  // The offsets as the line held them when it was an object of its own (NO_OFFSET: absent).
  get codeStart(): number {
    return this.columns.codeStart(this.row);
  }
  get codeEnd(): number {
    return this.codeStart + this.code.length;
  }
  get chargeStart(): number {
    return this.columns.chargeStart(this.row);
  }
  get chargeEnd(): number {
    return this.chargeStart === NO_OFFSET ? NO_OFFSET : this.chargeStart + (this.chargeText?.length ?? 0);
  }
  get unitsStart(): number {
    return this.columns.offset(this.row, Field.unitsStart);
  }
  get unitsEnd(): number {
    return this.columns.offset(this.row, Field.unitsEnd);
  }
  get dateStart(): number {
    return this.columns.offset(this.row, Field.dateStart);
  }
  get dateEnd(): number {
    return this.columns.offset(this.row, Field.dateEnd);
  }
  get spanStart(): number {
    return this.columns.offset(this.row, Field.spanStart);
  }
  get spanEnd(): number {
    return this.columns.offset(this.row, Field.spanEnd);
  }
  get recordStart(): number {
    return this.columns.offset(this.row, Field.recordStart);
  }
  get recordEnd(): number {
    return this.columns.offset(this.row, Field.recordEnd);
  }
  get lineNumberStart(): number {
    return this.columns.offset(this.row, Field.numberStart);
  }
  get lineNumberEnd(): number {
    return this.columns.offset(this.row, Field.numberEnd);
  }
  /** The procedure composite a modifier goes into (NO_OFFSET: no code, so no modifier). */
  get compositeStart(): number {
    return this.columns.offset(this.row, Field.compositeStart);
  }
  get compositeEnd(): number {
    return this.columns.offset(this.row, Field.compositeEnd);
  }
  /** The composite's number of components. */
  get componentCount(): number {
    return this.columns.componentCount(this.row);
  }
  /** The composite's component separator (ISA16); '' when the line has no code. */
  get componentSeparator(): string {
    return this.columns.componentSeparator(this.row);
  }

  private spanOf(start: Field, end: Field): Span | null {
    return spanAt(this.columns.offset(this.row, start), this.columns.offset(this.row, end));
  }

  /** The line as a plain ServiceLine (what JSON gives, as tests compare models). */
  toJSON(): ServiceLine {
    return plainLine(this);
  }
}

export class X12Claim implements Claim {
  index = 0;
  id = '';
  patientId: string | null = null;
  patientKey = '';
  billingProviderId: string | null = null;
  billingProviderPerson = false;
  renderingProviderId: string | null = null;
  kind: ClaimKind | null = null;
  facilityType: string | null = null;
  frequency: string | null = null;
  totalCharge: number | null = null;
  totalChargeText: string | null = null;
  dateOfService: DateRange | null = null;
  /**
   * Its lines: rows [firstRow, firstRow + lineCount) of `columns`, made into objects when first
   * asked for (and kept: code reads claim.lines[i] in loops); or, with no columns, the lines the
   * CLI keeps for the coding checks alone.
   */
  columns: LineColumns | null = null;
  firstRow = 0;
  private rows = 0;
  private held: Line837[] | null = null;
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

  get lines(): Line837[] {
    let lines = this.held;
    if (lines === null) {
      const columns = this.columns;
      lines = [];
      if (columns !== null) for (let row = this.firstRow, end = row + this.rows; row < end; row++) lines.push(new X12ServiceLine(columns, row));
      this.held = lines;
    }
    return lines;
  }
  set lines(lines: Line837[]) {
    this.columns = null;
    this.rows = lines.length;
    this.held = lines;
  }

  /** Its number of lines (without making them). */
  get lineCount(): number {
    return this.columns === null ? (this.held?.length ?? 0) : this.rows;
  }

  /** Its lines are rows [first, first + count) of `columns`. */
  setRows(columns: LineColumns, first: number, count: number): void {
    this.columns = columns;
    this.firstRow = first;
    this.rows = count;
    this.held = null;
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
    if (this.columns !== null) this.columns.shift(this.firstRow, this.firstRow + this.rows, by);
    else if (this.held !== null) for (const line of this.held) if (!(line instanceof X12ServiceLine)) line.shift(by);
  }

  /** The claim as a plain Claim. */
  toJSON(): Claim {
    return plainClaim(this);
  }
}

/** A claim's number of lines, without making an 837 document's line objects (X12Claim.lineCount). */
export function lineCountOf(claim: Claim): number {
  return claim instanceof X12Claim ? claim.lineCount : claim.lines.length;
}
