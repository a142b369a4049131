// One row of a claim CSV as a service line of the document's model: its values, and its spans as
// pairs of offsets in the line itself rather than as an object each (offsetLine.ts, as the 837
// reader's lines). An export open in the editor holds every row (a 40 MB one has near a
// million), and six span objects, a line-number string and the modifier cell a fix writes into
// a row were most of its model; a span is made when a hover, a fix or a finding asks for one.
// Its claim (CsvClaim) holds its spans likewise.
//
// They read as a ServiceLine and a Claim; JSON gives the plain objects (toJSON).
import type { Claim, ClaimKind, ModifierInsertPoint, ServiceLine, Span } from '../model';
import { NO_OFFSET, OffsetLine, plainClaim, spanAt } from '../offsetLine';

export class CsvServiceLine extends OffsetLine implements ServiceLine {
  /** Where the code and the charge end (the code may be read from inside its cell: an Excel text formula). */
  codeEnd = 0;
  chargeEnd = NO_OFFSET;
  /** The row's line in the file (1-based): its lineNumber. */
  recordLine = 0;
  /** Where a modifier goes, when it is one cell (the modifiers column, or the code cell): as numbers (cellStart NO_OFFSET: not a cell). */
  insertColumn = 0;
  insertStart = NO_OFFSET;
  insertEnd = NO_OFFSET;
  insertQuoted = false;
  insertSeparator = '';
  /**
   * The row's date cell is empty and it has the date of the row before, which it is grouped on
   * (rows grouped by patient and date): its dateInherited; its dateSpan is null.
   */
  dateCarried = false;
  /**
   * The row's billing NPI, when the file has a billing provider column beside its rendering one
   * (ColumnLayout.billingProviderId), else null. The row's providerId is its rendering NPI, else
   * this; the coding checks take rows of one billing NPI for one billing group (serviceGroups.ts),
   * as they take an 837P claim's billing provider (2010AA).
   */
  billingProviderId: string | null = null;
  /**
   * The row has values past its header's last column (csv.row-long: an unquoted "1,000.00" read as
   * 1 and 000.00) or fewer cells than the header (csv.row-short: one may be missing from the
   * middle): its cells may be shifted from their headers, so no fix changes its units, charge or
   * modifiers; it may still be removed whole.
   */
  cellsShifted = false;
  /** Its numbered modifier cells all hold a modifier (ServiceLine.modifierCellsFull). */
  modifierCellsFull = false;
  /**
   * The row's revenue code is a professional-fee one (096x-098x): on a critical access hospital's
   * bill (85x, known once every row is in) the line is a practitioner's (`professional`, set then).
   */
  professionalRevenue = false;
  professional = false;
  /** Where a modifier goes when it is not one cell (the numbered modifier columns), or null. */
  private otherInsert: ModifierInsertPoint | null = null;

  get modifierInsert(): ModifierInsertPoint | null {
    if (this.insertStart === NO_OFFSET) return this.otherInsert;
    return { kind: 'csv-cell', column: this.insertColumn, cellSpan: { start: this.insertStart, end: this.insertEnd }, quoted: this.insertQuoted, separator: this.insertSeparator };
  }

  set modifierInsert(point: ModifierInsertPoint | null) {
    if (point !== null && point.kind === 'csv-cell') {
      this.insertColumn = point.column;
      this.insertStart = point.cellSpan.start;
      this.insertEnd = point.cellSpan.end;
      this.insertQuoted = point.quoted;
      this.insertSeparator = point.separator;
      this.otherInsert = null;
    } else {
      this.insertStart = this.insertEnd = NO_OFFSET;
      this.otherInsert = point;
    }
  }

  get lineNumber(): string {
    return String(this.recordLine);
  }

  get dateInherited(): boolean {
    return this.dateCarried;
  }

  // What a CSV row never has.
  get lineNumberSpan(): null {
    return null;
  }
  get qualifier(): null {
    return null;
  }

  get segmentCount(): number {
    return 0;
  }

  protected shiftEnds(by: number): void {
    this.codeEnd += by;
    if (this.chargeEnd !== NO_OFFSET) this.chargeEnd += by;
  }
}

export class CsvClaim implements Claim {
  id: string;
  patientId: string | null;
  patientKey = '';
  kind: ClaimKind | null = null;
  /** An institutional claim's facility type code, from its type-of-bill cell (Claim.facilityType); absent when none was named. */
  facilityType?: string | null;
  /** The claim frequency code its rows name first (Claim.frequency: claimFrequency.ts); absent when none does. */
  frequency?: string | null;
  /**
   * Its claim id cell as written, '' without one: what a replacement or void claim supersedes
   * others by (rules/supersession.ts), where `id` may be made apart ("A1 (P2)", "A1 (replacement)").
   */
  idCell = '';
  /**
   * The provider its first row that names one names (its rendering NPI, else its billing NPI), or
   * null: the provider of its rows whose provider cells are empty (rows.ts).
   */
  renderingProviderId: string | null = null;
  totalCharge: number | null = null;
  lines: ServiceLine[] = [];
  /** Where the claim id is written (start NO_OFFSET: no claim id column). */
  idStart = NO_OFFSET;
  idEnd = NO_OFFSET;
  /** From its first row to the end of its last. */
  spanStart: number;
  spanEnd: number;

  constructor(
    public index: number,
    id: string,
    idSpan: Span | null,
    patientId: string | null,
    span: Span,
  ) {
    this.id = id;
    this.patientId = patientId;
    if (idSpan !== null) {
      this.idStart = idSpan.start;
      this.idEnd = idSpan.end;
    }
    this.spanStart = span.start;
    this.spanEnd = span.end;
  }

  get idSpan(): Span | null {
    return spanAt(this.idStart, this.idEnd);
  }

  get span(): Span {
    return { start: this.spanStart, end: this.spanEnd };
  }

  // What a CSV claim never has: its total is the sum of its lines (totalCharge).
  get billingProviderId(): null {
    return null;
  }
  get totalChargeText(): null {
    return null;
  }
  get totalChargeSpan(): null {
    return null;
  }
  get dateOfService(): null {
    return null;
  }
  get dateSpan(): null {
    return null;
  }
  get transactionIndex(): null {
    return null;
  }

  /** The claim as a plain Claim. */
  toJSON(): Claim {
    return plainClaim(this);
  }
}
