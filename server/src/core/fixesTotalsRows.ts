// A CSV export's totals rows ("Total", "Subtotal for C1": csv/totalsRows.ts) kept right by a fix
// that removes lines, lowers their units or lowers their charges: a totals row's charge (or units)
// that sums the lines of its section (those since the previous totals row) or every line above it
// loses what those lines lost, written as it was written ("$2,150.00" -> "$1,500.00", "12" -> "9").
// A cell that is neither sum is left as it is: what it sums cannot be told.
import { readAmount, readUnits, swapMarks } from './csv/amounts';
import type { TextEdit } from './edits';
import { formatAmountLike, formatUnits } from './fixesFormat';
import type { ParsedDocument, ServiceLine, TotalsCell, TotalsRowCells } from './model';
import { toCents } from './x12/values';
import { firstKeyAtOrAfter } from './search';

/** What a fix took off one line: the line starts at `at`; its charge went down by `cents`, its units by `hundredths` of a unit. */
export interface LineDrop {
  at: number;
  cents: number;
  hundredths: number;
}

/** A line's units in hundredths (the most decimals a unit count is read with: csv/amounts.ts), as integers add up exactly. */
export function hundredthsOf(units: number): number {
  return Math.round(units * 100);
}

/** An amount at an offset. */
interface Amount {
  at: number;
  amount: number;
}

/** One column of the totals rows: where its cell is, how it is read, and how a new sum is written like it. */
interface TotalsColumn {
  cell(row: TotalsRowCells): TotalsCell | null;
  /** A line's value in the column's integer unit (cents, hundredths), or null when it has none. */
  lineValue(line: ServiceLine): number | null;
  drop(drop: LineDrop): number;
  /** The cell's written sum in the integer unit, or null when it is not read as one. */
  read(text: string): number | null;
  write(value: number, written: string): string;
}

const CHARGES: TotalsColumn = {
  cell: (row) => row.charge,
  lineValue: (line) => (line.charge === null ? null : toCents(line.charge)),
  drop: (drop) => drop.cents,
  // As the rows' amounts were read: the usual way, else with a decimal comma ("1.250,00").
  read: (text) => {
    const amount = readAmount(text, true);
    return amount === null ? null : toCents(amount);
  },
  write: formatAmountLike,
};

const UNITS: TotalsColumn = {
  cell: (row) => row.units,
  lineValue: (line) => (line.units === null ? null : hundredthsOf(line.units)),
  drop: (drop) => drop.hundredths,
  read: (text) => {
    const units = readUnits(text.trim(), true);
    return units === null ? null : hundredthsOf(units);
  },
  // With as many decimals as the sum was written with ("12.0" -> "9.0"; more when the new sum needs
  // them), and a decimal comma when it was written with one ("12,5").
  write: (hundredths, written) => {
    const text = written.trim();
    const mark = text.search(/[.,]/);
    const decimals = mark < 0 ? 0 : text.length - mark - 1;
    const plain = formatUnits(hundredths / 100);
    const needed = plain.includes('.') ? plain.length - plain.indexOf('.') - 1 : 0;
    const shown = decimals > needed ? (hundredths / 100).toFixed(decimals) : plain;
    return written.includes(',') ? swapMarks(shown) : shown;
  },
};

/** The edits to the totals rows of `doc` for these drops ([] when none sums a section that lost anything). */
export function totalsRowEdits(doc: ParsedDocument & { totalsRows?: TotalsRowCells[] }, drops: readonly LineDrop[]): TextEdit[] {
  const totals = doc.totalsRows;
  if (!totals || totals.length === 0 || drops.length === 0) return [];
  return [...columnEdits(doc, totals, drops, CHARGES), ...columnEdits(doc, totals, drops, UNITS)];
}

function columnEdits(doc: ParsedDocument, totals: readonly TotalsRowCells[], drops: readonly LineDrop[], column: TotalsColumn): TextEdit[] {
  if (!totals.some((row) => column.cell(row) !== null) || !drops.some((drop) => column.drop(drop) !== 0)) return [];
  const values: Amount[] = [];
  for (const claim of doc.claims) {
    for (const line of claim.lines) {
      const value = column.lineValue(line);
      if (value !== null) values.push({ at: line.span.start, amount: value });
    }
  }
  // Sums of the lines' values, and of what they lost, before any offset (a subtotal per claim of a big export: no rescan per row).
  const summed = new RunningSums(values);
  const lost = new RunningSums(drops.map((drop) => ({ at: drop.at, amount: column.drop(drop) })));
  const edits: TextEdit[] = [];
  let sectionStart = 0;
  for (const row of totals) {
    const from = sectionStart;
    sectionStart = row.rowStart;
    const cell = column.cell(row);
    const written = cell === null ? null : column.read(cell.text);
    if (cell === null || written === null) continue;
    // The section's lines, else every line above (a grand total under subtotals, or one total).
    const above = summed.before(row.rowStart);
    const range = written === above - summed.before(from) ? from : written === above ? 0 : -1;
    if (range < 0) continue;
    const dropped = lost.before(row.rowStart) - lost.before(range);
    if (dropped !== 0) edits.push({ span: cell.span, newText: column.write(written - dropped, cell.text) });
  }
  return edits;
}

/** Amounts at offsets, summed over everything before an offset by a binary search. */
class RunningSums {
  private readonly offsets: number[];
  /** sums[k]: the amounts of the first k offsets. */
  private readonly sums: number[];

  constructor(items: readonly Amount[]) {
    const sorted = [...items].sort((a, b) => a.at - b.at);
    this.offsets = sorted.map((item) => item.at);
    this.sums = [0];
    for (const item of sorted) this.sums.push(this.sums[this.sums.length - 1]! + item.amount);
  }

  /** The sum of the amounts at offsets below `offset`. */
  before(offset: number): number {
    return this.sums[firstKeyAtOrAfter(this.offsets.length, (i) => this.offsets[i]!, offset)]!;
  }
}
