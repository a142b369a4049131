// The shape of a claim CSV's data rows against its header: a quote never closed, fewer cells than
// the header names, values past its last column, and a row that repeats the header (exports
// concatenated). Each finding names the line and the columns, never a cell's value.

import type { ColumnLayout } from './columnLayout';
import { CELL_ESCAPED, CELL_JUNK, hasValue, type CsvReader } from './reader';
import { CSV_RULES, type RowReport } from './csvRules';


export class RowShape {
  /** Header cells up to its last named one (trailing columns without a name are not required). */
  private readonly headerCount: number;
  private readonly lowerHeaders: string[];

  constructor(
    private readonly layout: ColumnLayout,
    private readonly columnName: (k: number) => string,
    private readonly finding: RowReport,
  ) {
    let count = layout.headers.length;
    while (count > 0 && layout.headers[count - 1] === '') count--;
    this.headerCount = count;
    this.lowerHeaders = layout.headers.map((h) => h.toLowerCase());
  }

  quoteCheck(r: CsvReader): void {
    if (r.unterminatedQuote < 0) return;
    const q = r.unterminatedQuote;
    let col = 0;
    for (let k = 0; k < r.cellCount; k++) if (r.rawStart[k]! <= q) col = k;
    this.finding(
      CSV_RULES.quoteUnterminated,
      'error',
      `Line ${r.recordLine}: the quote opening a field in ${this.columnName(col)} is never closed; ` +
        'it was read as an ordinary character. Close the quote or double it ("").',
      { start: q, end: q + 1 },
    );
  }

  /** A data row that repeats the header (concatenated exports). */
  isRepeatedHeader(r: CsvReader): boolean {
    const col = this.layout.procedureCode;
    if (col >= r.cellCount || r.cellCount < this.headerCount) return false;
    if (r.valEnd[col]! - r.valStart[col]! !== this.lowerHeaders[col]!.length && (r.flags[col]! & (CELL_ESCAPED | CELL_JUNK)) === 0) return false;
    if (r.value(col).toLowerCase() !== this.lowerHeaders[col]) return false;
    for (let k = 0; k < r.cellCount; k++) if (r.value(k).toLowerCase() !== (this.lowerHeaders[k] ?? '')) return false;
    return true;
  }

  /**
   * A row with fewer cells than the header names the columns it lacks (five at most). True when it
   * is reported: a cell may be missing from the middle, its later values under the headers before.
   */
  shortRow(r: CsvReader): boolean {
    const n = r.cellCount;
    if (n >= this.headerCount) return false;
    const missing = this.layout.headers.slice(n).map((h, i) => (h ? `"${h}"` : `column ${n + i + 1}`));
    const list =
      missing.length > 5
        ? `${missing.slice(0, 5).join(', ')} and ${missing.length - 5} more`
        : missing.length === 1
          ? missing[0]!
          : `${missing.slice(0, -1).join(', ')} and ${missing[missing.length - 1]}`;
    this.finding(
      CSV_RULES.rowShort,
      'warning',
      `Line ${r.recordLine} has ${n} field${n === 1 ? '' : 's'} but the header has ${this.headerCount}; missing ${list}.`,
      { start: r.recordStart, end: r.recordEnd },
    );
    return true;
  }

  /**
   * A row with values past the header's last column: they are not read, and the values before
   * them may be cut (an unquoted "1,234.00" in the last column reads as 1). Empty cells there
   * (a trailing separator) are not reported. True when it is reported: the row's cells may not be
   * under their headers.
   */
  longRow(r: CsvReader): boolean {
    const n = r.cellCount;
    const header = this.headerCount;
    if (n <= header) return false;
    let extra = header;
    while (extra < n && !hasValue(r, extra)) extra++;
    if (extra === n) return false;
    const last = this.layout.headers[header - 1];
    this.finding(
      CSV_RULES.rowLong,
      'warning',
      `Line ${r.recordLine} has ${n} fields but the header has ${header}; the ${n - header === 1 ? 'field' : `${n - header} fields`} after ${last ? `"${last}"` : `column ${header}`} ${n - header === 1 ? 'is' : 'are'} not read. A value with the separator in it must be quoted ("1,234.00").`,
      { start: r.rawStart[header - 1]!, end: r.recordEnd },
    );
    return true;
  }
}
