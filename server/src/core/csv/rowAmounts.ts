// The units and charge cells of a claim CSV's rows: a number of units ("2", "2.5") and an amount
// ("125.00", "$1,250.00"), each written with a decimal comma too in a file delimited by anything
// but a comma (amounts.ts), with a finding naming line and column (never the value) for a cell
// that is not one.
import type { Span } from '../model';
import { readAmount, readUnits } from './amounts';
import type { ColumnLayout } from './columnLayout';
import { cellText } from './excelText';
import { hasValue, type CsvReader } from './reader';
import { CSV_RULES, type RowReport } from './csvRules';

/** Reads each row's units and charge (read), keeping what it read in fields: this runs for every row. */
export class AmountCells {
  units: number | null = null;
  unitsSpan: Span | null = null;
  charge: number | null = null;
  /** The charge exactly as written. */
  chargeText: string | null = null;
  chargeSpan: Span | null = null;

  constructor(
    private readonly layout: ColumnLayout,
    /** Amounts and unit counts may be written with a decimal comma ("600,00", "2,5"). */
    private readonly decimalComma: boolean,
    private readonly columnName: (k: number) => string,
    private readonly finding: RowReport,
  ) {}

  /** The row's units and charge into the fields, reporting a value that is neither. */
  read(r: CsvReader): void {
    this.readUnits(r);
    this.readCharge(r);
  }

  /** The units into units/unitsSpan, reporting a value that is not a number of units. */
  private readUnits(r: CsvReader): void {
    const col = this.layout.units;
    // A file without a units column bills each line as one unit (mue.no-units-column says so once, where units are counted),
    // rather than every line being a unit count unknown.
    this.units = col < 0 ? 1 : null;
    this.unitsSpan = null;
    if (!hasValue(r, col)) return;
    const cell = cellText(r, col);
    // An empty Excel text formula (="") is an empty cell.
    if (cell.value === '') return;
    this.unitsSpan = cell.span;
    this.units = readUnits(cell.value, this.decimalComma);
    if (this.units === null) {
      const examples = this.decimalComma ? '1, 2.5 or 2,5' : '1 or 2.5';
      this.finding(
        CSV_RULES.unitsInvalid,
        'warning',
        `Line ${r.recordLine}: the value in ${this.columnName(col)} is not a number of units; expected e.g. ${examples}.`,
        this.unitsSpan,
      );
    }
  }

  /** The line charge into charge/chargeText/chargeSpan, reporting a value that is not an amount. */
  private readCharge(r: CsvReader): void {
    const col = this.layout.charge;
    this.charge = null;
    this.chargeText = null;
    this.chargeSpan = null;
    if (!hasValue(r, col)) return;
    const cell = cellText(r, col);
    if (cell.value === '') return;
    this.chargeText = cell.value;
    this.chargeSpan = cell.span;
    this.charge = readAmount(this.chargeText, this.decimalComma);
    if (this.charge === null) {
      const examples = this.decimalComma ? '125.00, 125,00, 1250 or $1,250.00' : '125.00, 1250 or $1,250.00';
      this.finding(
        CSV_RULES.amountInvalid,
        'error',
        `Line ${r.recordLine}: the value in ${this.columnName(col)} is not an amount; expected e.g. ${examples}.`,
        this.chargeSpan,
      );
    }
  }
}
