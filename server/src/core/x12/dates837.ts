// The DTP dates of an 837: the 472 service date of a claim (2300) or of its open line (2400),
// the 434 statement dates of an 837I claim, and any other DTP that says it holds a D8/RD8 date
// (checked, not kept). Nearly every DTP is DTP*472*D8*CCYYMMDD: that one is read from its 19
// characters without splitting its elements, and its day shared by every line that has it.
// The walk that calls it is parse837.ts; the claim and line it dates are claim2300.ts and
// serviceLines837.ts.

import type { DateRange } from '../model';
import { endBeforeBlanks, parseD8At, parseDateAt } from './values';
import type { SegmentReading } from './reading837';
import type { ServiceLines837 } from './serviceLines837';
import type { Claim2300 } from './claim2300';
import { codeAt } from './source';

/** Slots of the cache of days (a power of 2). */
const DAY_SLOTS = 1024;

/** DTP01 qualifiers that carry a date of service: 472 service date (claim or line; read from char codes in date()), 434 statement dates (claim, 837I). */
const STATEMENT_DATES = '434';

/** Reads DTP segments into the open claim's or line's date. */
export class Dates837 {
  constructor(
    private readonly r: SegmentReading,
    private readonly claim: Claim2300,
    private readonly lines: ServiceLines837,
  ) {}

  date(s: number): void {
    const r = this.r;
    const lines = this.lines;
    const claim = this.claim;
    const inLine = lines.lineSegment >= 0;
    if (this.serviceDate(s, inLine)) return;
    const el = r.elementsOf(s, 3);
    // DTP01 and DTP02 from char codes (as valueEquals compares them): this runs for every line.
    const text = r.source;
    const qualifier = el.start(1);
    const isService = qualifier >= 0 && el.end(1) - qualifier === 3 && codeAt(text, qualifier) === 52 && codeAt(text, qualifier + 1) === 55 && codeAt(text, qualifier + 2) === 50;
    const forLine = inLine && isService;
    // Written, readable or not (an unreadable one is said as x12.date-invalid, not as missing).
    if (forLine) lines.lineDateWritten = true;
    const forClaim = !inLine && claim.segment >= 0 && (isService || r.equals(el, 1, STATEMENT_DATES));
    const format = el.start(2);
    const formatLength = format < 0 ? -1 : el.end(2) - format;
    const d8 = formatLength === 2 && codeAt(text, format) === 68 && codeAt(text, format + 1) === 56;
    // Other DTPs are checked only when they say they hold a D8/RD8 date.
    if (!forLine && !forClaim && !d8 && !r.equals(el, 2, 'RD8')) return;
    // DTP03, or the empty span at the segment's end (the span object is made only for a date kept);
    // without the blanks a padded line leaves after it (endBeforeBlanks), so that they neither make
    // the date invalid nor take part in its span.
    let dateStart = el.start(3);
    let dateEnd: number;
    if (dateStart < 0) dateStart = dateEnd = r.ix.table.segmentEnd[s]!;
    else dateEnd = endBeforeBlanks(text, dateStart, el.end(3));
    // A valid D8 date (nearly every DTP) is read here; anything else as parseDateAt reads it.
    const day = d8 ? parseD8At(text, dateStart, dateEnd) : null;
    let range: DateRange | undefined;
    if (day !== null) {
      range = this.singleDay(day);
    } else {
      const parsed = parseDateAt(d8 ? 'D8' : r.trimmed(s, 2), text, dateStart, dateEnd);
      if (!parsed.ok) {
        const qualifier = r.trimmed(s, 1);
        const name = /^\d{1,3}$/.test(qualifier) ? `DTP*${qualifier}` : 'DTP';
        r.add('x12.date-invalid', 'error', `${name}: ${parsed.problem}`, r.spanOr(s, 3));
      }
      range = parsed.ok ? parsed.range : parsed.fallback;
    }
    if (range === undefined) return;
    if (forLine) {
      lines.lineDate = range;
      lines.lineDateStart = dateStart;
      lines.lineDateEnd = dateEnd;
    } else if (forClaim) {
      // The statement period, which its lines' dates must fall in (ServiceLines837.closeLine).
      if (!isService) lines.claimStatement = range;
      // 472 (service) wins over 434 (statement) when a claim has both.
      if (claim.dateIsService && !isService) return;
      claim.dateIsService = isService;
      claim.date = range;
      claim.dateStart = dateStart;
      claim.dateEnd = dateEnd;
    }
  }

  /**
   * Nearly every DTP is DTP*472*D8*CCYYMMDD, a valid date: such a one is read from its 19
   * characters (as date() reads it, its elements not split), and true returned; anything else is
   * left to date().
   */
  private serviceDate(s: number, inLine: boolean): boolean {
    const r = this.r;
    const table = r.ix.table;
    const start = table.segmentStart[s]!;
    if (table.segmentEnd[s]! - start !== 19) return false;
    const source = r.source;
    const separator = r.ix.elementCodeOf(s);
    if (codeAt(source, start + 3) !== separator || codeAt(source, start + 7) !== separator || codeAt(source, start + 10) !== separator) return false;
    if (codeAt(source, start + 4) !== 52 || codeAt(source, start + 5) !== 55 || codeAt(source, start + 6) !== 50) return false;
    if (codeAt(source, start + 8) !== 68 || codeAt(source, start + 9) !== 56) return false;
    const dateStart = start + 11;
    const dateEnd = start + 19;
    const day = parseD8At(source, dateStart, dateEnd);
    if (day === null) return false;
    if (inLine) {
      const lines = this.lines;
      lines.lineDate = this.singleDay(day);
      lines.lineDateWritten = true;
      lines.lineDateStart = dateStart;
      lines.lineDateEnd = dateEnd;
    } else {
      const claim = this.claim;
      if (claim.segment >= 0) {
        claim.dateIsService = true;
        claim.date = this.singleDay(day);
        claim.dateStart = dateStart;
        claim.dateEnd = dateEnd;
      }
    }
    return true;
  }

  // A big file repeats a few hundred dates and codes: its lines share them (as CSV lines do), so
  // a document keeps one object per distinct value instead of one per line.
  private readonly days = new Map<number, DateRange>();
  // The days met last, in slots by their number in front of `days`: a line's date costs no Map lookup.
  private readonly dayKeys = new Int32Array(DAY_SLOTS).fill(-1);
  private readonly dayRanges: DateRange[] = new Array<DateRange>(DAY_SLOTS);

  /** One shared, frozen DateRange per single day (a valid CCYYMMDD, so an int32). */
  private singleDay(day: number): DateRange {
    const slot = (day ^ (day >>> 10)) & (DAY_SLOTS - 1);
    if (this.dayKeys[slot] === day) return this.dayRanges[slot]!;
    let shared = this.days.get(day);
    if (shared === undefined) {
      if (this.days.size >= 100000) {
        this.days.clear();
        this.dayKeys.fill(-1);
      }
      shared = Object.freeze({ from: day, to: day });
      this.days.set(day, shared);
    }
    this.dayKeys[slot] = day;
    this.dayRanges[slot] = shared;
    return shared;
  }
}
