// The service lines of an 837 document's model as columns (lineTable.ts): what a line gives of
// its row, to the object made for it (X12ServiceLine, serviceLine837.ts) and to the coding run
// (lineRows.ts), and the moves and copies of rows a claim's edits and a file's pieces make.
import type { DateRange, Modifier } from '../model';
import { NO_OFFSET } from '../offsetLine';
import { NO_MODIFIERS } from './values';
import {
  CODE_START, COMPONENTS, COMPOSITE_END, COMPOSITE_SHAPE, COMPOSITE_START, DATE_FROM, DATE_TO, Field, INDEX, LINE_NUMBER,
  LineTable, MODIFIER_COUNT, MODIFIER_FIRST, NO_DATE, DATE_UNREADABLE, DATE_INHERITED, PROFESSIONAL, NO_NUMBER, SEGMENTS, STRIDE, CHARGE_START,
} from './lineTable';

export { Field } from './lineTable';

/** LX01 as written for a plain number up to 99: one string each, as the reader gives them. */
const LINE_NUMBERS: readonly string[] = Array.from({ length: 100 }, (_, n) => String(n));

/** A plain line number as a string: the one shared string for each up to 99 (every line has one). */
export function lineNumberString(n: number): string {
  return n < LINE_NUMBERS.length ? LINE_NUMBERS[n]! : String(n);
}

export class LineColumns extends LineTable {
  // What a line gives (X12ServiceLine, lineRows.ts).

  index(row: number): number {
    return this.ints[row * STRIDE + INDEX]!;
  }

  code(row: number): string {
    return this.codes[row]!;
  }

  codeStart(row: number): number {
    return this.ints[row * STRIDE + CODE_START]!;
  }

  qualifier(row: number): string | null {
    return this.qualifiers[row]!;
  }

  providerId(row: number): string | null {
    return this.providers[row]!;
  }

  charge(row: number): number | null {
    const charge = this.numbers[row * 2 + 1]!;
    return Number.isNaN(charge) ? null : charge;
  }

  chargeText(row: number): string | null {
    return this.chargeTexts[row]!;
  }

  chargeStart(row: number): number {
    return this.ints[row * STRIDE + CHARGE_START]!;
  }

  units(row: number): number | null {
    const units = this.numbers[row * 2]!;
    return Number.isNaN(units) ? null : units;
  }

  /** The start (NO_OFFSET: not written) or the end of a span of the row: field is one of the constants of Field. */
  offset(row: number, field: Field): number {
    return this.ints[row * STRIDE + field]!;
  }

  hasDate(row: number): boolean {
    return this.ints[row * STRIDE + DATE_FROM] !== NO_DATE;
  }

  /** No date, because the line's own is written but cannot be read (LineTable.markDateUnreadable). */
  dateUnreadable(row: number): boolean {
    const at = row * STRIDE;
    return this.ints[at + DATE_FROM] === NO_DATE && this.ints[at + DATE_TO] === DATE_UNREADABLE;
  }

  dateFrom(row: number): number {
    return this.ints[row * STRIDE + DATE_FROM]!;
  }

  dateTo(row: number): number {
    return this.ints[row * STRIDE + DATE_TO]!;
  }

  dateOfService(row: number): DateRange | null {
    const at = row * STRIDE;
    const from = this.ints[at + DATE_FROM]!;
    return from === NO_DATE ? null : { from, to: this.ints[at + DATE_TO]! };
  }

  dateInherited(row: number): boolean {
    return (this.ints[row * STRIDE + SEGMENTS]! & DATE_INHERITED) !== 0;
  }

  /** A practitioner's service on a critical access hospital's Method II bill (LineTable.setProfessional). */
  professional(row: number): boolean {
    return (this.ints[row * STRIDE + SEGMENTS]! & PROFESSIONAL) !== 0;
  }

  segmentCount(row: number): number {
    return this.ints[row * STRIDE + SEGMENTS]! >> 2;
  }

  lineNumber(row: number): string {
    const n = this.ints[row * STRIDE + LINE_NUMBER]!;
    if (n >= 0) return lineNumberString(n);
    return n === NO_NUMBER ? '' : this.lineNumberTexts.get(row)!;
  }

  /** LX01 as a number when it is a plain one, else -1. */
  plainLineNumber(row: number): number {
    const n = this.ints[row * STRIDE + LINE_NUMBER]!;
    return n >= 0 ? n : -1;
  }

  componentCount(row: number): number {
    return Math.floor(this.ints[row * STRIDE + COMPOSITE_SHAPE]! / COMPONENTS);
  }

  componentSeparator(row: number): string {
    const at = row * STRIDE;
    return this.ints[at + COMPOSITE_START] === NO_OFFSET ? '' : String.fromCharCode(this.ints[at + COMPOSITE_SHAPE]! % COMPONENTS);
  }

  modifierCountOf(row: number): number {
    return this.ints[row * STRIDE + MODIFIER_COUNT]!;
  }

  /** The modifiers' values, in order (what the coding checks read: no span). */
  modifierValue(row: number, k: number): string {
    return this.pool.value(this.ints[row * STRIDE + MODIFIER_FIRST]! + k);
  }

  /** The row's modifiers as the model's objects (new ones each time: their spans are the rows'). */
  modifiers(row: number): Modifier[] {
    const at = row * STRIDE;
    const count = this.ints[at + MODIFIER_COUNT]!;
    if (count === 0) return NO_MODIFIERS;
    const first = this.ints[at + MODIFIER_FIRST]!;
    const pool = this.pool;
    const modifiers: Modifier[] = [];
    for (let m = first; m < first + count; m++) modifiers.push({ value: pool.value(m), span: { start: pool.start(m), end: pool.end(m) } });
    return modifiers;
  }

  /**
   * Moves every span of rows [first, end) by `by` (their dates' too: a row holds its own copy of
   * an inherited one), their modifiers' with them: a claim after an edit, or carried into the
   * next piece of a file.
   */
  shift(first: number, end: number, by: number): void {
    const ints = this.ints;
    for (let row = first; row < end; row++) {
      const at = row * STRIDE;
      for (let field = CODE_START; field <= COMPOSITE_END; field++) {
        const offset = ints[at + field]!;
        if (offset !== NO_OFFSET) ints[at + field] = offset + by;
      }
      this.pool.shift(ints[at + MODIFIER_FIRST]!, ints[at + MODIFIER_COUNT]!, by);
    }
  }

  /**
   * The rows [first, end) copied into a new table of their own (their modifiers with them), as
   * rows 0 on: the open claim's lines when a piece of a file ends, so that the rows of the
   * claims handed over with that piece can go (X12Stream drops each piece's claims).
   */
  rowsFrom(first: number, end: number): LineColumns {
    const into = new LineColumns(Math.max(1024, end - first));
    for (let row = first; row < end; row++) {
      const to = into.addRow(this.index(row), this.codes[row]!);
      into.ints.set(this.ints.subarray(row * STRIDE, (row + 1) * STRIDE), to * STRIDE);
      into.numbers[to * 2] = this.numbers[row * 2]!;
      into.numbers[to * 2 + 1] = this.numbers[row * 2 + 1]!;
      into.chargeTexts[to] = this.chargeTexts[row]!;
      into.qualifiers[to] = this.qualifiers[row]!;
      into.providers[to] = this.providers[row]!;
      const text = this.lineNumberTexts.get(row);
      if (text !== undefined) into.lineNumberTexts.set(to, text);
      const count = this.ints[row * STRIDE + MODIFIER_COUNT]!;
      const from = this.ints[row * STRIDE + MODIFIER_FIRST]!;
      into.ints[to * STRIDE + MODIFIER_COUNT] = 0;
      const pool = this.pool;
      for (let m = from; m < from + count; m++) into.addModifier(to, pool.value(m), pool.start(m), pool.end(m));
    }
    return into;
  }

}
