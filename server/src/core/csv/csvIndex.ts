// The CsvIndex of a parsed claim CSV: which cell is at an offset (for hovers), from the record
// start offsets alone, and the order its dates were read in.

import type { CsvColumnRole, CsvIndex, CsvPosition } from '../model';
import { lastAtOrBefore } from '../search';
import { CsvReader } from './reader';
import type { DateOrder } from './cellDates';

/** Record start offsets, growing without a JavaScript array (one number per row of a huge file). */
export class RecordStarts {
  private a = new Uint32Array(1024);
  private n = 0;
  push(v: number): void {
    if (this.n === this.a.length) {
      const b = new Uint32Array(this.a.length * 2);
      b.set(this.a);
      this.a = b;
    }
    this.a[this.n++] = v;
  }
  done(): Uint32Array {
    return this.a.subarray(0, this.n);
  }
}

export class CsvIndexImpl implements CsvIndex {
  constructor(
    private readonly text: string,
    readonly separator: string,
    readonly headers: string[],
    readonly roles: (CsvColumnRole | null)[],
    readonly uses: readonly (string | null)[],
    private readonly starts: Uint32Array,
    private readonly literalQuotes: Set<number>,
    readonly dateOrder: DateOrder,
  ) {}

  locate(offset: number): CsvPosition | null {
    const starts = this.starts;
    const lo = lastAtOrBefore(starts, offset);
    if (lo < 0) return null;
    const r = new CsvReader(this.text, this.separator, starts[lo]!, 1, this.literalQuotes);
    if (!r.next() || offset > r.recordEnd) return null;
    let k = -1;
    for (let i = 0; i < r.cellCount; i++) {
      if (r.rawStart[i]! <= offset && offset < r.rawEnd[i]!) {
        k = i;
        break;
      }
      if (offset === r.rawEnd[i]!) {
        k = i;
        break;
      }
    }
    if (k < 0) return null;
    return {
      record: lo,
      column: k,
      header: this.headers[k] ?? '',
      role: this.roles[k] ?? null,
      span: r.cellSpan(k),
      value: r.value(k),
    };
  }
}

/**
 * Which order CSV dates such as 03/04/2026 were read in: 'day-first' when the date column can
 * only be read that way (a day over 12, or a date written with dots, in some row, and no month
 * over 12), else 'month-first'.
 */
export function dateOrderOf(index: CsvIndex): DateOrder {
  return index instanceof CsvIndexImpl ? index.dateOrder : 'month-first';
}

/**
 * A line for the date hover saying how a date cell with day and month before the year was read,
 * or '' for other cells (2026-10-15, 20261015) and other indexes.
 */
export function dateOrderNote(index: CsvIndex, cellValue: string): string {
  if (!(index instanceof CsvIndexImpl) || !/^\s*\d{1,2}[/.-]\d{1,2}[/.-]\d/.test(cellValue)) return '';
  if (index.dateOrder !== 'day-first') return '\n\nRead month first (MM/DD/YYYY).';
  return /^\s*\d{1,2}\.\d{1,2}\./.test(cellValue)
    ? '\n\nRead day first (DD.MM.YYYY): dates written with dots are day first.'
    : '\n\nRead day first (DD/MM/YYYY): a row of this column has a day over 12 in the first place, or writes its date with dots.';
}
