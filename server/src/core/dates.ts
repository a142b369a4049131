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

export function formatRange(range: DateRange): string {
  return range.from === range.to ? formatDate(range.from) : `${formatDate(range.from)} – ${formatDate(range.to)}`;
}

/** Whole days from one date to another (inclusive of both: a one-day range is 1). */
export function daysInRange(range: DateRange): number {
  const toUtc = (d: DateNumber): number => Date.UTC(Math.floor(d / 10000), (Math.floor(d / 100) % 100) - 1, d % 100);
  return Math.round((toUtc(range.to) - toUtc(range.from)) / 86400000) + 1;
}

/** A CCYYMMDD that names a real calendar day. */
export function isValidDate(date: DateNumber): boolean {
  const year = Math.floor(date / 10000);
  const month = Math.floor(date / 100) % 100;
  const day = date % 100;
  if (year < 1800 || year > 2999 || month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}
