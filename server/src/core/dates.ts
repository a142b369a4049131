import type { DateNumber, DateRange } from './model';

const monthNames = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const weekdays = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** CCYYMMDD as MM/DD/YYYY, the way US claim forms write it. */
export function formatDate(date: DateNumber): string {
  const year = Math.floor(date / 10000);
  const month = Math.floor(date / 100) % 100;
  const day = date % 100;
  return `${String(month).padStart(2, '0')}/${String(day).padStart(2, '0')}/${year}`;
}

/** CCYYMMDD as a person reads it: "Thursday, October 15, 2026". */
export function formatDateLong(date: DateNumber): string {
  const year = Math.floor(date / 10000);
  const month = Math.floor(date / 100) % 100;
  const day = date % 100;
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  return `${weekdays[weekday]}, ${monthNames[month - 1]} ${day}, ${year}`;
}

/** A range of days as MM/DD/YYYY–MM/DD/YYYY (en dash, no spaces); one day as formatDate. */
export function formatDateRange(range: DateRange): string {
  return range.from === range.to ? formatDate(range.from) : `${formatDate(range.from)}–${formatDate(range.to)}`;
}

/** Whole days from one date to another (inclusive of both: a one-day range is 1). */
export function daysInRange(range: DateRange): number {
  const toUtc = (d: DateNumber): number => Date.UTC(Math.floor(d / 10000), (Math.floor(d / 100) % 100) - 1, d % 100);
  return Math.round((toUtc(range.to) - toUtc(range.from)) / 86400000) + 1;
}

const daysInMonth = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

/** Whether the Gregorian year has a February 29. */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Whether year-month-day names a real day of the Gregorian calendar (year 1 or later). */
export function isCalendarDate(year: number, month: number, day: number): boolean {
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  return day <= (month === 2 && isLeapYear(year) ? 29 : daysInMonth[month - 1]!);
}

/** The 8 digits CCYYMMDD at text[start, end) as a DateNumber when they name a real day, else -1. */
export function ccyymmddAt(text: string, start: number, end: number): DateNumber {
  if (end - start !== 8) return -1;
  let value = 0;
  for (let at = start; at < end; at++) {
    const digit = text.charCodeAt(at) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return isCalendarDate(Math.floor(value / 10000), Math.floor(value / 100) % 100, value % 100) ? value : -1;
}

/** Today's local date as a DateNumber (CCYYMMDD). */
export function todayNumber(now: Date = new Date()): DateNumber {
  return now.getFullYear() * 10000 + (now.getMonth() + 1) * 100 + now.getDate();
}
