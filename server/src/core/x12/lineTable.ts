// The service lines of an 837 document's model as columns, as the reader writes them (what a
// line gives of its row, and the moves and copies of rows, are lineColumns.ts): one row per line,
// its numbers (the offsets of its spans, its dates, its composite's shape, its units and charge)
// in typed arrays that grow by doubling, its strings (code, charge as written, qualifier,
// provider) in arrays of the values the reader already holds once each (procedure.ts,
// shortStrings.ts), its modifiers in a pool of their own (lineModifiers.ts). A document holds
// every line of a big batch (a 50 MB file has over 200,000), and an object per line (232 bytes,
// its arrays of modifiers beside it) was most of its model; a row is about 130 bytes that the
// garbage collector never copies, nor traces but for its four arrays of strings. A line is an
// object (X12ServiceLine, serviceLine837.ts) only when a hover, a fix, a message or a test asks
// for one, and the coding checks read the rows (lineRows.ts).
import type { DateRange } from '../model';
import { NO_OFFSET } from '../offsetLine';
import { ModifierPool } from './lineModifiers';

// The numbers of a row, STRIDE of them, in `ints`. Offsets are NO_OFFSET when the span is absent.
export const INDEX = 0;
export const CODE_START = 1;
export const CHARGE_START = 2;
export const UNITS_START = 3;
export const UNITS_END = 4;
export const DATE_START = 5;
export const DATE_END = 6;
export const SPAN_START = 7;
export const SPAN_END = 8;
export const RECORD_START = 9;
export const RECORD_END = 10;
export const NUMBER_START = 11;
export const NUMBER_END = 12;
export const COMPOSITE_START = 13;
export const COMPOSITE_END = 14;
/** The composite's components times COMPONENTS, plus its separator's character code. */
export const COMPOSITE_SHAPE = 15;
/** The segments of the line four times over, plus DATE_INHERITED and PROFESSIONAL when they hold. */
export const SEGMENTS = 16;
/** Bits of SEGMENTS: its date is its claim's; it is a practitioner's service on a CAH's Method II bill (claimTables.ts). */
export const DATE_INHERITED = 1;
export const PROFESSIONAL = 2;
const FLAGS = DATE_INHERITED | PROFESSIONAL;
/** The date of service (NO_DATE: none). */
export const DATE_FROM = 17;
export const DATE_TO = 18;
/** LX01: as a number when it is a plain one, NO_NUMBER when the line has none, else NUMBER_TEXT (its text in lineNumberTexts). */
export const LINE_NUMBER = 19;
/** The line's modifiers: the first in the pool, and how many. */
export const MODIFIER_FIRST = 20;
export const MODIFIER_COUNT = 21;
export const STRIDE = 22;

/** What a composite's shape counts its components in: past any character code. */
export const COMPONENTS = 0x10000;
export const NO_DATE = -(2 ** 31);
/** DATE_TO of a row with no date (DATE_FROM NO_DATE) whose own DTP*472 is written but cannot be read: it does not take its claim's. */
export const DATE_UNREADABLE = NO_DATE + 1;
export const NO_NUMBER = -1;
export const NUMBER_TEXT = -2;

/** A new row's numbers: no span, no date, no line number, no modifier. */
export const NEW_ROW = new Int32Array(STRIDE).fill(NO_OFFSET);
NEW_ROW[INDEX] = 0;
NEW_ROW[COMPOSITE_SHAPE] = 0;
NEW_ROW[SEGMENTS] = 0;
NEW_ROW[DATE_FROM] = NO_DATE;
NEW_ROW[DATE_TO] = NO_DATE;
NEW_ROW[LINE_NUMBER] = NO_NUMBER;
NEW_ROW[MODIFIER_FIRST] = 0;
NEW_ROW[MODIFIER_COUNT] = 0;

/** The most rows LineTable.trim gives their exact room to. */
export const TRIMMED = 65536;

export class LineTable {
  /** Rows made so far (a row of a claim read again after an edit stays, unread: see rereadClaim.ts). */
  size = 0;
  protected capacity: number;
  protected ints: Int32Array;
  /** Units and charge, two a row; NaN when absent or unreadable. */
  protected numbers: Float64Array;
  /**
   * Grown by push(), a row at a time, not made with their room: an array made with `new
   * Array(n)` past about 100,000 slots is a dictionary, each write a hash table's.
   */
  protected codes: string[] = [];
  protected chargeTexts: (string | null)[] = [];
  protected qualifiers: (string | null)[] = [];
  protected providers: (string | null)[] = [];
  /** LX01 that is not a plain number (leading zeros), by row: a file seldom writes one. */
  protected readonly lineNumberTexts = new Map<number, string>();

  /** The modifiers of every row. */
  protected readonly pool: ModifierPool;

  /** `rows`: room at first (a claim read again has a few lines, a document thousands). */
  constructor(rows = 1024) {
    this.capacity = rows;
    this.ints = new Int32Array(rows * STRIDE);
    this.numbers = new Float64Array(rows * 2);
    this.pool = new ModifierPool(Math.max(4, rows >> 2));
  }

  /** A new row with no span, date, number or modifier (the reader sets what the line has); returns its number. */
  addRow(index: number, code: string): number {
    const row = this.size;
    if (row === this.capacity) this.grow();
    this.size = row + 1;
    const ints = this.ints;
    const at = row * STRIDE;
    // Field by field: TypedArray.prototype.set with an offset is a call into the runtime, for each of a big file's lines.
    for (let field = 0; field < STRIDE; field++) ints[at + field] = NEW_ROW[field]!;
    ints[at + INDEX] = index;
    this.numbers[row * 2] = NaN;
    this.numbers[row * 2 + 1] = NaN;
    this.codes.push(code);
    this.chargeTexts.push(null);
    this.qualifiers.push(null);
    this.providers.push(null);
    return row;
  }

  // What the reader sets (serviceLines837.ts, claim2300.ts, procedure.ts).

  setCodeStart(row: number, start: number): void {
    this.ints[row * STRIDE + CODE_START] = start;
  }

  setQualifier(row: number, qualifier: string | null): void {
    this.qualifiers[row] = qualifier;
  }

  setProvider(row: number, provider: string | null): void {
    this.providers[row] = provider;
  }

  /** The charge as read (null: none, or unreadable) and as written, which starts at `start` (null and NO_OFFSET: not written). */
  setCharge(row: number, charge: number | null, text: string | null, start: number): void {
    this.numbers[row * 2 + 1] = charge === null ? NaN : charge;
    this.chargeTexts[row] = text;
    this.ints[row * STRIDE + CHARGE_START] = start;
  }

  /** The units as read (null: none, or unreadable). */
  setUnits(row: number, units: number | null): void {
    this.numbers[row * 2] = units === null ? NaN : units;
  }

  setUnitsSpan(row: number, start: number, end: number): void {
    const at = row * STRIDE;
    this.ints[at + UNITS_START] = start;
    this.ints[at + UNITS_END] = end;
  }

  /** The line's date of service, written [start, end) (on the line, or on its claim: `inherited`). */
  setDate(row: number, date: DateRange, start: number, end: number, inherited: boolean): void {
    const at = row * STRIDE;
    this.ints[at + DATE_FROM] = date.from;
    this.ints[at + DATE_TO] = date.to;
    this.ints[at + DATE_START] = start;
    this.ints[at + DATE_END] = end;
    if (inherited) this.ints[at + SEGMENTS] = this.ints[at + SEGMENTS]! | DATE_INHERITED;
  }

  /** The line is a practitioner's service on a critical access hospital's Method II bill: the practitioner table judges it. */
  setProfessional(row: number): void {
    this.ints[row * STRIDE + SEGMENTS] = this.ints[row * STRIDE + SEGMENTS]! | PROFESSIONAL;
  }

  /** The line's own date is written but cannot be read (x12.date-invalid): it is left without one, not given its claim's. */
  markDateUnreadable(row: number): void {
    this.ints[row * STRIDE + DATE_TO] = DATE_UNREADABLE;
  }

  /** The 2400 loop: its span, its number of segments and the span of the segment its code is written in. */
  setSpans(row: number, spanStart: number, spanEnd: number, segments: number, recordStart: number, recordEnd: number): void {
    const at = row * STRIDE;
    this.ints[at + SPAN_START] = spanStart;
    this.ints[at + SPAN_END] = spanEnd;
    this.ints[at + SEGMENTS] = segments * 4 + (this.ints[at + SEGMENTS]! & FLAGS);
    this.ints[at + RECORD_START] = recordStart;
    this.ints[at + RECORD_END] = recordEnd;
  }

  /** LX01 as the reader gives it (serviceLines837.ts numberText), written [start, end). */
  setLineNumber(row: number, text: string, start: number, end: number): void {
    const at = row * STRIDE;
    if (text === '') this.ints[at + LINE_NUMBER] = NO_NUMBER;
    else if (isPlainNumber(text)) this.ints[at + LINE_NUMBER] = Number(text);
    else {
      this.ints[at + LINE_NUMBER] = NUMBER_TEXT;
      this.lineNumberTexts.set(row, text);
    }
    this.ints[at + NUMBER_START] = start;
    this.ints[at + NUMBER_END] = end;
  }

  /** Where a modifier goes: the composite [start, end), its number of components and their separator (one character). */
  setComposite(row: number, start: number, end: number, componentCount: number, componentSeparator: string): void {
    const at = row * STRIDE;
    this.ints[at + COMPOSITE_START] = start;
    this.ints[at + COMPOSITE_END] = end;
    this.ints[at + COMPOSITE_SHAPE] = componentCount * COMPONENTS + componentSeparator.charCodeAt(0);
  }

  /** Adds a modifier of the last row made (its modifiers are added in order, before the next row is made). */
  addModifier(row: number, value: string, start: number, end: number): void {
    const n = this.pool.add(value, start, end);
    const at = row * STRIDE;
    if (this.ints[at + MODIFIER_COUNT] === 0) this.ints[at + MODIFIER_FIRST] = n;
    this.ints[at + MODIFIER_COUNT]!++;
  }

  /**
   * No more room than the rows take, once a document or a part of one is read (Parser837): a
   * claim read again after an edit has columns of its own (rereadClaim.ts), which live as long as
   * the claim, and a thousand edits must not keep a thousand tables of 1,024 rows; a document
   * given room by its length may have far fewer lines. Past TRIMMED rows, columns are copied only
   * when a third of their room or more is empty: a copy costs time and, for a moment, memory.
   */
  trim(): void {
    const rows = this.size;
    if (rows === this.capacity || (rows > TRIMMED && rows * 3 > this.capacity * 2)) return;
    this.capacity = rows;
    this.ints = this.ints.slice(0, rows * STRIDE);
    this.numbers = this.numbers.slice(0, rows * 2);
    // The arrays of strings have the rows' length (push): a copy has no room to spare.
    this.codes = this.codes.slice();
    this.chargeTexts = this.chargeTexts.slice();
    this.qualifiers = this.qualifiers.slice();
    this.providers = this.providers.slice();
    this.pool.trim();
  }

  /** Twice the room: the arrays are copied (old and new are held together meanwhile). */
  private grow(): void {
    const capacity = Math.max(16, this.capacity * 2);
    this.capacity = capacity;
    const ints = new Int32Array(capacity * STRIDE);
    ints.set(this.ints);
    this.ints = ints;
    const numbers = new Float64Array(capacity * 2);
    numbers.set(this.numbers);
    this.numbers = numbers;
  }
}

/** The offsets a line's spans are read from (LineColumns.offset). */
export const Field = {
  codeStart: CODE_START,
  chargeStart: CHARGE_START,
  unitsStart: UNITS_START,
  unitsEnd: UNITS_END,
  dateStart: DATE_START,
  dateEnd: DATE_END,
  spanStart: SPAN_START,
  spanEnd: SPAN_END,
  recordStart: RECORD_START,
  recordEnd: RECORD_END,
  numberStart: NUMBER_START,
  numberEnd: NUMBER_END,
  compositeStart: COMPOSITE_START,
  compositeEnd: COMPOSITE_END,
} as const;
export type Field = (typeof Field)[keyof typeof Field];

/** Whether `text` is digits, without a leading 0 unless it is "0", of up to 9: what String(Number(text)) gives back. */
function isPlainNumber(text: string): boolean {
  const length = text.length;
  if (length === 0 || length > 9 || (length > 1 && text.charCodeAt(0) === 48)) return false;
  for (let i = 0; i < length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}
