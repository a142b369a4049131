// A spreadsheet's summary row in a claim export ("Total", "Grand Total:", "Subtotal for C1"
// under the claim id, with summed units and charges): not a service line. Read as one, it made a
// claim of its own and a warning that its code cell is empty. A row is a totals row when its
// first cell with a value starts with a totals label (data/totalsLabels.ts) as a whole word, it
// has no date of service, and no procedure-code cell of it holds a well-formed code. Such rows
// are not read; the first of a file is named in one Information finding that counts the rest.

import { TOTALS_LABELS } from '../data/totalsLabels';
import type { Finding, TotalsCell, TotalsRowCells } from '../model';
import type { ColumnLayout } from './columnLayout';
import { hasValue, type CsvReader } from './reader';
import { isAlphanumeric, isWellFormedProcedureCode } from './values';

export const TOTALS_ROW_RULE = 'csv.totals-row';

/** Totals rows whose cells a fix keeps right: a file has a few (a subtotal per claim at most). */
const MAX_KEPT = 10000;

/** The label a cell's value starts with as a whole word (any case, one space for each run of blanks), or null. */
export function totalsLabelOf(value: string): string | null {
  const text = value.trim().toLowerCase().replace(/\s+/g, ' ');
  for (const label of TOTALS_LABELS) {
    if (!text.startsWith(label)) continue;
    if (text.length === label.length || !isAlphanumeric(text.charCodeAt(label.length))) return label;
  }
  return null;
}

/** The first capital of each word of a label, as the message names it ("Grand Total"). */
function shown(label: string): string {
  return label.replace(/(^|[ -])([a-z])/g, (_, before: string, letter: string) => before + letter.toUpperCase());
}

/** The totals rows of one file: which rows are, and the finding that names them. */
export class TotalsRows {
  private count = 0;
  private first: { line: number; label: string; start: number; end: number } | null = null;
  /** The charge and units cells of the totals rows (file offsets), at most MAX_KEPT: what a fix keeps right. */
  readonly kept: TotalsRowCells[] = [];

  constructor(private readonly layout: ColumnLayout) {}

  /**
   * Whether row `r` is a totals row; if so it is counted. `base`: the file offset of the text
   * `r` reads (a file read in pieces), so the finding can be made when the row's text is gone.
   */
  take(r: CsvReader, base: number): boolean {
    const layout = this.layout;
    // Most rows have a date of service: one test for them.
    if (hasValue(r, layout.dateOfService)) return false;
    let k = 0;
    while (k < r.cellCount && !hasValue(r, k)) k++;
    if (k === r.cellCount) return false;
    // A cheap look at the first character before the cell is made a string (t, g, c, p, r, b, s).
    const c = r.text.charCodeAt(r.valStart[k]!) | 0x20;
    if (c !== 0x74 && c !== 0x67 && c !== 0x63 && c !== 0x70 && c !== 0x72 && c !== 0x62 && c !== 0x73) return false;
    const label = totalsLabelOf(r.value(k));
    if (label === null) return false;
    for (const code of [layout.procedureCode, layout.otherProcedureCode]) {
      if (hasValue(r, code) && isWellFormedProcedureCode(r.value(code).trim())) return false;
    }
    if (this.count++ === 0) this.first = { line: r.recordLine, label, start: r.recordStart + base, end: r.recordEnd + base };
    const charge = cellOf(r, layout.charge, base);
    const units = cellOf(r, layout.units, base);
    if ((charge !== null || units !== null) && this.kept.length < MAX_KEPT) this.kept.push({ rowStart: r.recordStart + base, charge, units });
    return true;
  }

  /** The finding on the first totals row (spans relative to `base`, the text read last), or null when there was none. */
  finding(base: number): Finding | null {
    const first = this.first;
    if (first === null) return null;
    const others = this.count - 1;
    return {
      rule: TOTALS_ROW_RULE,
      severity: 'information',
      message:
        `Line ${first.line} is a totals row ("${shown(first.label)}"), not a service line: it is not read as a claim` +
        (others === 0 ? '.' : `, nor ${others === 1 ? 'is 1 other row' : `are ${others} other rows`} like it.`),
      span: { start: first.start - base, end: first.end - base },
    };
  }
}

/** Cell k of row `r` at file offsets (`base`: where the text `r` reads starts), or null when it has no value. */
function cellOf(r: CsvReader, k: number, base: number): TotalsCell | null {
  if (!hasValue(r, k)) return null;
  const span = r.valueSpan(k);
  return { span: { start: span.start + base, end: span.end + base }, text: r.value(k) };
}
