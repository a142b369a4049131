// The date-of-service cells of a claim CSV's rows: one date, a range in the cell, or up to a
// "to" column, read in the order the file's dates are written in (month or day first). The first
// date that can only be read day first (15/10/2026, or one written with dots, 03.12.2026) makes
// the whole file read day first, unless a month-first one came before it; parseCsv then starts
// again (DateOrderChange).
import type { DateRange, Span } from '../model';
import type { ColumnLayout } from './columnLayout';
import { cellText } from './excelText';
import { hasValue, type CsvReader } from './reader';
import { DAY_FIRST_ONLY, dateOrderEvidence, MONTH_FIRST_ONLY, parseDateOfService, type DateOrder } from './cellDates';

/** The order day-and-month-first dates are read in, and whether finding another is still possible. */
export interface DateReading {
  order: DateOrder;
  /** True when the date columns mix both orders: they are read month first, and no row changes that. */
  settled: boolean;
}

/** Thrown by RowParser when the rows read so far show the date order must change; parseCsv starts again. */
export class DateOrderChange {
  constructor(readonly next: DateReading) {}
}

type DateProblem = 'unreadable' | 'unreadable-end' | 'range-as-end' | 'before-start' | 'day-first-in-month-first';

const DATE_FORMS = 'YYYY-MM-DD, MM/DD/YYYY, M/D/YY or YYYYMMDD';

/** Where DateCells reports a date cell that cannot be used (naming its column, never its value). */
export interface DateReports {
  columnName(k: number): string;
  invalid(message: string, span: Span): void;
}

/** Reads each row's date of service (read), keeping what it read in fields: this runs for every row. */
export class DateCells {
  dateOfService: DateRange | null = null;
  dateSpan: Span | null = null;
  /** The date cell as written ('' when empty): an unreadable date still groups rows by it. */
  dateText = '';

  constructor(
    private readonly dates: DateReading,
    private readonly layout: ColumnLayout,
    private readonly reports: DateReports,
  ) {}

  /**
   * The date of service (one date, or a range in the cell, or up to the "to" column) into
   * dateOfService/dateSpan/dateText, reporting a date that cannot be used. Each date read may
   * change the order the file's dates are read in (checkDateOrder).
   */
  read(r: CsvReader): void {
    const lineNo = r.recordLine;
    const layout = this.layout;
    this.dateOfService = null;
    this.dateSpan = null;
    this.dateText = '';
    const dateCol = layout.dateOfService;
    if (!hasValue(r, dateCol)) return;
    const cell = cellText(r, dateCol);
    // An empty Excel text formula (="") is an empty cell.
    if (cell.value === '') return;
    this.dateText = cell.value;
    const span = cell.span;
    const range = parseDateOfService(this.dateText, this.dates.order);
    this.checkDateOrder();
    if (range === null) {
      this.report(lineNo, dateCol, span, this.mixedOrderRow() ? 'day-first-in-month-first' : 'unreadable');
      return;
    }
    this.dateOfService = this.singleDay(range);
    this.dateSpan = span;
    const toCol = layout.dateOfServiceTo;
    if (!hasValue(r, toCol)) return;
    const toCell = cellText(r, toCol);
    if (toCell.value === '') return;
    const to = parseDateOfService(toCell.value, this.dates.order);
    this.checkDateOrder();
    if (to === null) this.report(lineNo, toCol, toCell.span, this.mixedOrderRow() ? 'day-first-in-month-first' : 'unreadable-end');
    else if (to.from !== to.to) this.report(lineNo, toCol, toCell.span, 'range-as-end');
    else if (to.from < range.from) this.report(lineNo, toCol, toCell.span, 'before-start');
    else if (range.from === range.to) this.dateOfService = { from: range.from, to: to.to };
  }

  private readonly days = new Map<number, DateRange>();

  /** One shared, frozen DateRange per single day (most rows repeat a handful of dates). */
  private singleDay(range: DateRange): DateRange {
    if (range.from !== range.to) return range;
    let shared = this.days.get(range.from);
    if (shared === undefined) {
      if (this.days.size >= 100000) this.days.clear();
      shared = Object.freeze(range);
      this.days.set(range.from, shared);
    }
    return shared;
  }

  /** A date read so far showed month first (10/15/2026): a later day-first one means the column mixes both. */
  private sawMonthFirst = false;

  /**
   * After each date cell read: the first one that can only be read day first (15/10/2026) makes
   * the whole file read day first, unless a month-first one was seen; a month-first one in a file
   * read day first means the columns mix both orders, and the file is read month first again.
   */
  private checkDateOrder(): void {
    const evidence = dateOrderEvidence();
    if (evidence === 0 || this.dates.settled) return;
    if (evidence & MONTH_FIRST_ONLY) {
      if (this.dates.order === 'day-first') throw new DateOrderChange({ order: 'month-first', settled: true });
      this.sawMonthFirst = true;
    }
    if (evidence & DAY_FIRST_ONLY && this.dates.order === 'month-first' && !this.sawMonthFirst) {
      throw new DateOrderChange({ order: 'day-first', settled: false });
    }
  }

  /** Whether the date cell just read is day first in a file read month first. */
  private mixedOrderRow(): boolean {
    return this.dates.order === 'month-first' && (dateOrderEvidence() & DAY_FIRST_ONLY) !== 0;
  }

  /**
   * A date cell that cannot be used: `unreadable` in the date-of-service column (which may hold
   * one date or a range), or in the "to" column (one date, the last day of service) a value that
   * is `unreadable-end`, a `range-as-end`, or a date `before-start`; or a day-first date in a
   * file whose other dates are month first.
   */
  private report(lineNo: number, col: number, span: Span, problem: DateProblem): void {
    const column = this.reports.columnName(col);
    const message =
      problem === 'day-first-in-month-first'
        ? `Line ${lineNo}: the date in ${column} reads only as day/month/year, but other rows of ${column} are month/day/year; ` +
          'write every date in one order (YYYY-MM-DD cannot be misread).'
        : problem === 'before-start'
          ? `Line ${lineNo}: the date in ${column} is before the date of service it should end.`
          : problem === 'range-as-end'
            ? `Line ${lineNo}: ${column} holds a range of dates; it should hold one date, the last day of service (${DATE_FORMS}).`
            : problem === 'unreadable-end'
              ? `Line ${lineNo}: the value in ${column} is not a readable date; expected ${DATE_FORMS}.`
              : `Line ${lineNo}: the value in ${column} is not a readable date; expected ${DATE_FORMS}, or a range "from - to".`;
    this.reports.invalid(message, span);
  }
}
