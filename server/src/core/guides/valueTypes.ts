// The value types of X12 elements as the guides check them: the extended character set, numbers
// and decimals, dates and times (and the DTP02-style format qualifiers), and components of a
// composite value. Shared by the validator's exact checks (elementChecks.ts) and its fast clean check
// over offsets (fastCheck.ts). Pure.
import { isCalendarDate } from '../dates';
import type { ElementSpec } from './schema';

/**
 * A character outside the X12 basic and extended character sets: anything but printable ASCII,
 * and CR and LF (a file wrapped at a fixed width breaks its segments anywhere; readers drop them).
 * A tab is outside (pyx12 lets it through as white space): a payer's system reads it as a character.
 */
export const EXTENDED_CHARACTERS = /[^A-Za-z0-9!"&'()*+,\-./:;?= %~@[\]_{}\\|<>^`#$\r\n]/;
export const NUMBER = /^-?[0-9]+$/;
export const DECIMAL = /^-?[0-9]*(\.[0-9]+)?$/;

/** The 1-based component of a composite value, without splitting it. */
export function componentOf(value: string, separator: string, component: number): string {
  let start = 0;
  for (let i = 1; i < component; i++) {
    const next = value.indexOf(separator, start);
    if (next < 0) return '';
    start = next + separator.length;
  }
  const end = value.indexOf(separator, start);
  return end < 0 ? value.slice(start) : value.slice(start, end);
}

/** Length of a number as X12 counts it: without sign and decimal point. */
export function numericLength(value: string): number {
  let n = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c !== 45 && c !== 46) n++;
  }
  return n;
}

/** A calendar date CCYYMMDD (or YYMMDD, or CCYYMMDDHHMM), as pyx12 accepts it. */
export function isValidDate(value: string, format: 'DT' | 'D8' | 'D6' = 'DT'): boolean {
  return isValidDateAt(value, 0, value.length, format);
}

/** HHMM, HHMMSS or HHMMSSdd. */
export function isValidTime(value: string): boolean {
  return isValidTimeAt(value, 0, value.length);
}

/** Checks a value against a date/time format qualifier (DTP02, DTM05): D8, RD8, D6, DT, TM. Unknown formats pass. */
export function matchesFormat(value: string, format: string): boolean {
  return matchesFormatAt(value, 0, value.length, format);
}

// The date and time checks read from offsets in a text (no string made): the guide pass runs
// them on every date element of a file; the string forms above read a whole value.

/** Digits text[start, end) as a number (the caller knows they are digits). */
function digitsAt(text: string, start: number, end: number): number {
  let n = 0;
  for (let at = start; at < end; at++) n = n * 10 + text.charCodeAt(at) - 48;
  return n;
}

function allDigitsAt(text: string, start: number, end: number): boolean {
  if (end <= start) return false;
  for (let at = start; at < end; at++) {
    const c = text.charCodeAt(at);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** isValidDate of text[start, end). */
export function isValidDateAt(text: string, start: number, end: number, format: 'DT' | 'D8' | 'D6'): boolean {
  if (!allDigitsAt(text, start, end)) return false;
  const length = end - start;
  if (format === 'D8' && length !== 8) return false;
  if (format === 'D6' && length !== 6) return false;
  if (length !== 6 && length !== 8 && length !== 12) return false;
  let year: number;
  let at: number;
  if (length === 6) {
    const yy = digitsAt(text, start, start + 2);
    year = (yy < 50 ? 2000 : 1900) + yy;
    at = start + 2;
  } else {
    year = digitsAt(text, start, start + 4);
    at = start + 4;
  }
  const month = digitsAt(text, at, at + 2);
  const day = digitsAt(text, at + 2, at + 4);
  if (year < 1800 || !isCalendarDate(year, month, day)) return false;
  return length !== 12 || isValidTimeAt(text, start + 8, end);
}

/** isValidTime of text[start, end). */
export function isValidTimeAt(text: string, start: number, end: number): boolean {
  const length = end - start;
  if (!allDigitsAt(text, start, end) || length < 4 || length === 5 || length > 8) return false;
  return digitsAt(text, start, start + 2) <= 23 && digitsAt(text, start + 2, start + 4) <= 59 && (length < 6 || digitsAt(text, start + 4, start + 6) <= 59);
}

/** matchesFormat of text[start, end). */
export function matchesFormatAt(text: string, start: number, end: number, format: string): boolean {
  switch (format) {
    case 'D8':
    case 'D6':
      return isValidDateAt(text, start, end, format);
    case 'DT':
      // The format qualifier DT is a date and time, CCYYMMDDHHMM (the DT data type also takes 6 or 8 digits).
      return end - start === 12 && isValidDateAt(text, start, end, format);
    case 'RD8': {
      let dash = start;
      while (dash < end && text.charCodeAt(dash) !== 45) dash++;
      return dash > start && dash < end && isValidDateAt(text, start, dash, 'D8') && isValidDateAt(text, dash + 1, end, 'D8');
    }
    case 'TM':
      return isValidTimeAt(text, start, end);
    default:
      return true;
  }
}

/**
 * An RD8 range text[start, end) that matchesFormatAt accepts: true when it does not end before it
 * starts. Both halves are CCYYMMDD, so their digits compare as the dates do.
 */
export function rangeInOrderAt(text: string, start: number, end: number): boolean {
  const to = end - 8;
  for (let i = 0; i < 8; i++) {
    const a = text.charCodeAt(start + i);
    const b = text.charCodeAt(to + i);
    if (a !== b) return a < b;
  }
  return true;
}

export const DATE_FORMATS = new Set(['D8', 'RD8', 'D6', 'DT', 'TM']);

export const TYPE_NAMES: Record<ElementSpec['type'], string> = {
  AN: 'string',
  ID: 'code',
  DT: 'date (CCYYMMDD)',
  TM: 'time (HHMM)',
  N0: 'whole number',
  N2: 'number with two implied decimals',
  R: 'decimal number',
};

export function typeValid(spec: ElementSpec, value: string): boolean {
  switch (spec.type) {
    case 'N0':
    case 'N2':
      return NUMBER.test(value);
    case 'R':
      return value !== '-' && DECIMAL.test(value) && value !== '';
    case 'DT':
      return isValidDate(value);
    case 'TM':
      return isValidTime(value);
    default:
      return true;
  }
}

