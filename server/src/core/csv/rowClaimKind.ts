// What a claim CSV's rows say of their claim rather than of the line: its kind (a claim-type cell,
// or the type of bill beside it: claimTypes.ts), an institutional claim's facility type, and its
// frequency (a frequency cell, else the type of bill's last digit: claimFrequency.ts). A claim
// none of whose rows names its kind is said to be read as professional, once a file; so is the
// file's first frequency cell that names no code.
import type { ClaimKind } from '../model';
import { detached } from '../text';
import { ClaimTypeCells, claimTypeUnknownMessage, type ClaimTypeReading } from './claimTypes';
import { FrequencyCells, frequencyInvalidMessage } from './claimFrequency';
import type { ColumnLayout } from './columnLayout';
import { CSV_RULES, type RowReport } from './csvRules';
import { cellOrNull, type CsvReader } from './reader';

/** What ClaimCells asks of the claims rows go to (a part of RowClaims, rows.ts). */
export interface KindOfClaims<S> {
  /** Whether no row of the claim has named its kind yet (its claim-type cell is then read). */
  needsKind(state: S): boolean;
  /** The kind a row of the claim names, and the facility type code of an institutional claim (null: none). */
  setKind(state: S, kind: ClaimKind, facilityType: string | null): void;
  /** File offset of the text rows are read from (0 for a whole text; a later piece of a file read in pieces). */
  readonly base: number;
}

/**
 * The first claim-type cell of a claim that named no kind: csv.claim-type-unknown is said of it
 * only when no row of its claim names one (ClaimCells.finish).
 */
interface UnknownKind {
  line: number;
  column: number;
  /** The cell when a message may show it (ClaimTypeReading.plain), else ''. */
  cell: string;
  reading: ClaimTypeReading;
  /** The cell's span in file offsets (KindOfClaims.base): the text it was read from may be gone by the end. */
  start: number;
  end: number;
}

/**
 * Claims held at once while a later row may still name their kind (UnknownKind; a claim whose kind
 * is named lets go of its cell). A file whose every claim type is unreadable holds no more than
 * this, not one per claim; and since an export writes a column's few values over every row, when
 * this many wait the first of them nearly always stays unknown.
 */
const MAX_UNKNOWN_KINDS = 1000;

export class ClaimCells<S> {
  private readonly claimTypes = new ClaimTypeCells();
  /** Per claim whose kind no row has named yet, its first claim-type cell that names none, in file order. */
  private readonly unknownKinds = new Map<S, UnknownKind>();
  private readonly frequencies = new FrequencyCells();

  constructor(
    private readonly layout: ColumnLayout,
    private readonly claims: KindOfClaims<S>,
    private readonly columnName: (k: number) => string,
    private readonly finding: RowReport,
  ) {}

  /**
   * The claim's kind, until a row of the claim names one: its claim-type cell's, else the type of
   * bill's beside it (which says institutional); an institutional claim's facility type is the
   * type of bill's, else the claim-type cell's ("Inpatient"). The claim's first cell that names
   * none is held, to be reported if no row names its kind (finish).
   */
  readKind(r: CsvReader, state: S): void {
    const col = this.layout.claimType;
    if (col < 0 || !this.claims.needsKind(state)) return;
    const cell = cellOrNull(r, col);
    const reading = cell === null ? null : this.claimTypes.read(cell);
    const billCell = cellOrNull(r, this.layout.typeOfBill);
    const bill = billCell === null ? null : this.claimTypes.read(billCell);
    const kind = reading?.kind ?? bill?.kind ?? null;
    if (kind !== null) {
      const facilityType = kind !== 'institutional' ? null : (bill?.kind === 'institutional' ? bill.facilityType : null) ?? reading?.facilityType ?? null;
      this.claims.setKind(state, kind, facilityType);
      this.unknownKinds.delete(state);
    } else if (reading !== null) {
      this.holdUnknown(r, state, col, cell!, reading);
    } else if (bill !== null) {
      this.holdUnknown(r, state, this.layout.typeOfBill, billCell!, bill);
    }
  }

  /** Holds a claim's first claim-type cell that names no kind (UnknownKind), while there is room. */
  private holdUnknown(r: CsvReader, state: S, column: number, cell: string, reading: ClaimTypeReading): void {
    const held = this.unknownKinds;
    if (held.has(state) || held.size >= MAX_UNKNOWN_KINDS) return;
    const span = r.valueSpan(column);
    const base = this.claims.base;
    held.set(state, { line: r.recordLine, column, cell: reading.plain ? detached(cell) : '', reading, start: span.start + base, end: span.end + base });
  }

  /**
   * The claim frequency code the row names: its frequency cell's, else its type of bill's last
   * digit (0137: the type-of-bill column's, else the claim-type column's); null for none. The first frequency cell of the file that names no code is
   * reported (its claim is then read as the type of bill or the claim's other rows say).
   */
  readFrequency(r: CsvReader): string | null {
    const col = this.layout.frequency;
    const cell = cellOrNull(r, col);
    if (cell !== null) {
      const code = this.frequencies.read(cell);
      if (code !== null) return code;
      if (!this.frequencies.reported) {
        this.frequencies.reported = true;
        this.finding(CSV_RULES.claimFrequencyInvalid, 'warning', frequencyInvalidMessage(r.recordLine, this.columnName(col), cell), r.valueSpan(col));
      }
    }
    const billCell = cellOrNull(r, this.layout.typeOfBill);
    const billFrequency = billCell === null ? null : this.claimTypes.read(billCell).frequency;
    if (billFrequency !== null) return billFrequency;
    const typeCell = cellOrNull(r, this.layout.claimType);
    return typeCell === null ? null : this.claimTypes.read(typeCell).frequency;
  }

  /**
   * Once every row is in (and the claims have their kinds): says of the first claim whose kind is
   * still unknown that it is judged as professional. Once a file, as for frequency cells: an
   * export writes a column's few values over every row, so one claim's unreadable cell is usually
   * every claim's.
   */
  finish(): void {
    for (const [state, unknown] of this.unknownKinds) {
      if (!this.claims.needsKind(state)) continue;
      // Relative to the text read last, as every finding of a row is to its own text.
      const base = this.claims.base;
      const message = claimTypeUnknownMessage(unknown.line, this.columnName(unknown.column), unknown.cell, unknown.reading);
      this.finding(CSV_RULES.claimTypeUnknown, 'warning', message, { start: unknown.start - base, end: unknown.end - base });
      break;
    }
    this.unknownKinds.clear();
  }
}
