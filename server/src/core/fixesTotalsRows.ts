// A CSV export's totals rows ("Total", "Subtotal for C1": csv/totalsRows.ts) kept right by a fix
// that removes lines or lowers their charges: a totals row that sums the lines of its section
// (those since the previous totals row) or every line above it loses what those lines lost,
// written as it was written ("$2,150.00" -> "$1,500.00"). A totals row whose amount is neither
// sum is left as it is: what it sums cannot be told.
import { readAmount } from './csv/amounts';
import type { TextEdit } from './edits';
import { formatAmountLike } from './fixesFormat';
import type { ParsedDocument, TotalsRowCharge } from './model';
import { toCents } from './x12/values';
import { firstKeyAtOrAfter } from './search';

/** A line's charge changed by a fix: the line starts at `at`, its charge goes down by `cents`. */
export interface ChargeDrop {
  at: number;
  cents: number;
}

/** The edits to the totals rows of `doc` for these drops ([] when none sums a section that lost anything). */
export function totalsRowEdits(doc: ParsedDocument & { totalsRows?: TotalsRowCharge[] }, drops: readonly ChargeDrop[]): TextEdit[] {
  const totals = doc.totalsRows;
  if (!totals || totals.length === 0 || drops.length === 0) return [];
  const charges: ChargeDrop[] = [];
  for (const claim of doc.claims) for (const line of claim.lines) if (line.charge !== null) charges.push({ at: line.span.start, cents: toCents(line.charge) });
  // Sums of the lines' charges, and of what they lost, before any offset (a subtotal per claim of a big export: no rescan per row).
  const charged = new RunningSums(charges);
  const lost = new RunningSums(drops);
  const edits: TextEdit[] = [];
  let sectionStart = 0;
  for (const row of totals) {
    // As the rows' amounts were read: the usual way, else with a decimal comma ("1.250,00").
    const written = readAmount(row.text, true);
    const from = sectionStart;
    sectionStart = row.rowStart;
    if (written === null) continue;
    const cents = toCents(written);
    // The section's lines, else every line above (a grand total under subtotals, or one total).
    const above = charged.before(row.rowStart);
    const range = cents === above - charged.before(from) ? from : cents === above ? 0 : -1;
    if (range < 0) continue;
    const dropped = lost.before(row.rowStart) - lost.before(range);
    if (dropped !== 0) edits.push({ span: row.span, newText: formatAmountLike(cents - dropped, row.text) });
  }
  return edits;
}

/** Amounts at offsets, summed over everything before an offset by a binary search. */
class RunningSums {
  private readonly offsets: number[];
  /** sums[k]: the amounts of the first k offsets. */
  private readonly sums: number[];

  constructor(items: readonly ChargeDrop[]) {
    const sorted = [...items].sort((a, b) => a.at - b.at);
    this.offsets = sorted.map((item) => item.at);
    this.sums = [0];
    for (const item of sorted) this.sums.push(this.sums[this.sums.length - 1]! + item.cents);
  }

  /** The sum of the amounts at offsets below `offset`. */
  before(offset: number): number {
    return this.sums[firstKeyAtOrAfter(this.offsets.length, (i) => this.offsets[i]!, offset)]!;
  }
}
