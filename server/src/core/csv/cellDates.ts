// Reading the date of service in a claim CSV cell: one date or a range, month-first or day-first,
// with two- or four-digit years, with or without a time after it, and the evidence a cell gives of
// which order the file writes its dates in. A hand-written scanner (no regular expressions):
// linear in the cell's length.

import { isCalendarDate } from '../dates';
import type { DateNumber, DateRange } from '../model';
import { isDigit } from '../chars';

/**
 * Two-digit years (M/D/YY): 00-68 are 2000-2068 and 69-99 are 1969-1999, the POSIX strptime %y
 * pivot. Years written with four digits must lie in 1900-2199.
 */
export const TWO_DIGIT_YEAR_PIVOT = 69;
const MIN_YEAR = 1900;
const MAX_YEAR = 2199;

function makeDate(y: number, m: number, d: number): DateNumber | null {
  if (y < MIN_YEAR || y > MAX_YEAR || !isCalendarDate(y, m, d)) return null;
  return y * 10000 + m * 100 + d;
}

/**
 * Which of a day-and-month-first date's two numbers is the month. Month first (03/04/2026 is
 * March 4) is the default; a CSV date column is read day first only when some row of it can be
 * read no other way: a day over 12 (15/10/2026), or a date written with dots (03.12.2026), which
 * only the day-first orders write (see csv/index.ts).
 */
export type DateOrder = 'month-first' | 'day-first';

/** Bits of dateOrderEvidence(). */
export const DAY_FIRST_ONLY = 1;
export const MONTH_FIRST_ONLY = 2;
let orderEvidence = 0;

/**
 * What the last parseDateOfService() call saw of the order of its dates, whichever order it read
 * them in: DAY_FIRST_ONLY when a date is a calendar date only with its first number as the day
 * (15/10/2026), or is written with dots and is one with its first number as the day (03.12.2026);
 * MONTH_FIRST_ONLY when only with its second number as the day (10/15/2026); 0 when neither
 * (year-first dates, or both numbers 12 or less with slashes or hyphens).
 */
export function dateOrderEvidence(): number {
  return orderEvidence;
}

/** Where the last successful scanDate() stopped. */
let scanEnd = 0;

function scanned(date: DateNumber | null, end: number): DateNumber | null {
  if (date !== null) scanEnd = end;
  return date;
}

// Result of digits(): kept in module variables so reading a date allocates nothing.
let digitsValue = 0;
let digitsCount = 0;

/** Reads a run of at most `max` digits at i into digitsValue / digitsCount. */
function digits(s: string, i: number, max: number): void {
  let v = 0;
  let n = 0;
  while (i + n < s.length && n < max) {
    const c = s.charCodeAt(i + n);
    if (c < 48 || c > 57) break;
    v = v * 10 + (c - 48);
    n++;
  }
  digitsValue = v;
  digitsCount = n;
}

/** Skips an optional time of day after a date: "T10:30", " 10:30:00", " 10:30 AM", "Z". */
function skipTime(s: string, i: number): number {
  let j = i;
  const c = s.charCodeAt(j);
  if (c === 84 /* T */ || c === 32) {
    j++;
    if (!(isDigit(s.charCodeAt(j)) && isDigit(s.charCodeAt(j + 1)) && s.charCodeAt(j + 2) === 58) &&
      !(isDigit(s.charCodeAt(j)) && s.charCodeAt(j + 1) === 58)) return i;
    while (j < s.length) {
      const d = s.charCodeAt(j);
      if (isDigit(d) || d === 58 || d === 46) j++;
      else break;
    }
    let k = j;
    while (s.charCodeAt(k) === 32) k++;
    const a = s.charCodeAt(k) | 32;
    if ((a === 97 || a === 112) && (s.charCodeAt(k + 1) | 32) === 109) j = k + 2;
    if (s.charCodeAt(j) === 90 /* Z */) j++;
    return j;
  }
  return i;
}

/**
 * One date starting at i: YYYY-MM-DD (or / .), YYYYMMDD, and day and month before the year:
 * M/D/YYYY and M/D/YY (or -) month first, D/M/YYYY and D/M/YY (or - .) day first.
 */
function scanDate(s: string, i: number, order: DateOrder): DateNumber | null {
  digits(s, i, 8);
  const a = digitsValue;
  const na = digitsCount;
  if (na === 0) return null;
  let j = i + na;
  if (na === 8) {
    const date = makeDate(Math.floor(a / 10000), Math.floor(a / 100) % 100, a % 100);
    return scanned(date, date === null ? 0 : skipTime(s, j));
  }
  const sep = s.charCodeAt(j);
  if (sep !== 45 && sep !== 47 && sep !== 46) return null;
  j++;
  digits(s, j, 2);
  const b = digitsValue;
  if (digitsCount === 0) return null;
  j += digitsCount;
  if (s.charCodeAt(j) !== sep) return null;
  j++;
  if (na === 4) {
    digits(s, j, 2);
    if (digitsCount === 0) return null;
    j += digitsCount;
    if (isDigit(s.charCodeAt(j))) return null;
    const date = makeDate(a, b, digitsValue);
    return scanned(date, date === null ? 0 : skipTime(s, j));
  }
  if (na > 2) return null;
  digits(s, j, 4);
  const y = digitsValue;
  const ny = digitsCount;
  j += ny;
  if (isDigit(s.charCodeAt(j))) return null;
  let year: number;
  if (ny === 4) year = y;
  else if (ny === 2) year = y < TWO_DIGIT_YEAR_PIVOT ? 2000 + y : 1900 + y;
  else return null;
  // Month first is the US order, which never writes dots: D.M.YYYY is day first whatever its
  // numbers, so it shows the order as a day over 12 does (and never shows month first).
  if (sep === 46) {
    if (makeDate(year, b, a) !== null) orderEvidence |= DAY_FIRST_ONLY;
    if (order === 'month-first') return null;
  } else if (a > 12 && b <= 12 && makeDate(year, b, a) !== null) orderEvidence |= DAY_FIRST_ONLY;
  else if (b > 12 && a <= 12 && makeDate(year, a, b) !== null) orderEvidence |= MONTH_FIRST_ONLY;
  const date = order === 'day-first' ? makeDate(year, b, a) : makeDate(year, a, b);
  return scanned(date, date === null ? 0 : skipTime(s, j));
}

function skipSpaces(s: string, i: number): number {
  while (i < s.length && (s.charCodeAt(i) === 32 || s.charCodeAt(i) === 9)) i++;
  return i;
}

/** Skips a range separator ("-", "–", "—", "to", "thru", "through") with optional spaces around. */
function skipRangeSeparator(s: string, i: number): number {
  let j = skipSpaces(s, i);
  const c = s.charCodeAt(j);
  if (c === 45 || c === 0x2013 || c === 0x2014) {
    j++;
  } else {
    let matched = 0;
    for (const word of ['through', 'thru', 'to']) {
      if (s.slice(j, j + word.length).toLowerCase() === word) {
        matched = word.length;
        break;
      }
    }
    // A word separator needs a space before it ("2024-03-01 to 2024-03-05").
    if (matched === 0 || j === i) return -1;
    j += matched;
  }
  return skipSpaces(s, j);
}

/**
 * Reads a date of service: one date, or "from - to" in one cell, with day and month in `order`
 * when they come before the year. Returns null when the text is not a readable date (or the
 * range ends before it starts). The text must not be empty. dateOrderEvidence() then tells what
 * the text says of the order.
 */
export function parseDateOfService(s: string, order: DateOrder = 'month-first'): DateRange | null {
  orderEvidence = 0;
  const first = scanDate(s, 0, order);
  if (first === null) return null;
  if (scanEnd === s.length) return { from: first, to: first };
  const j = skipRangeSeparator(s, scanEnd);
  if (j < 0) return null;
  const second = scanDate(s, j, order);
  if (second === null || scanEnd !== s.length || second < first) return null;
  return { from: first, to: second };
}
