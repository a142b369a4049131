// Reading the values of claim CSV cells: amounts, units, procedure codes, modifiers (dates are
// cellDates.ts). Hand-written scanners (no regular expressions): each is linear in the cell's length.

import { procedureCodeKindAt } from '../procedureCodes';
import { isDigit } from '../chars';

/**
 * Reads an amount: optional sign or parentheses for a negative, optional "$", digits with
 * optional thousands commas in groups of three, optional decimals ("1,250.00", "$80", "(12.50)",
 * "-5", ".75"). Returns null when unreadable. The text must not be empty.
 */
export function parseAmount(s: string): number | null {
  let i = 0;
  let end = s.length;
  let negative = false;
  if (s.charCodeAt(0) === 40 /* ( */ && s.charCodeAt(end - 1) === 41 /* ) */) {
    negative = true;
    i = 1;
    end--;
  }
  i = skipSpacesTo(s, i, end);
  let c = s.charCodeAt(i);
  if (c === 45 || c === 43) {
    if (negative) return null;
    negative = c === 45;
    i = skipSpacesTo(s, i + 1, end);
    c = s.charCodeAt(i);
  }
  if (c === 36 /* $ */) {
    i = skipSpacesTo(s, i + 1, end);
    c = s.charCodeAt(i);
    if ((c === 45 || c === 43) && !negative) {
      negative = c === 45;
      i++;
    }
  }
  while (end > i && s.charCodeAt(end - 1) === 32) end--;
  // The digits, without commas, as an integer N and a count of decimals F: the amount is N / 10^F,
  // and one correctly rounded division gives the same double as Number() on the decimal text.
  let whole = 0;
  let intDigits = 0;
  let group = -1; // digits since the last comma, -1 when no comma yet
  let sawDot = false;
  let fracDigits = 0;
  for (; i < end; i++) {
    c = s.charCodeAt(i);
    if (isDigit(c)) {
      whole = whole * 10 + (c - 48);
      if (sawDot) fracDigits++;
      else {
        intDigits++;
        if (group >= 0) group++;
      }
    } else if (c === 44 /* , */ && !sawDot) {
      if (intDigits === 0 || (group >= 0 && group !== 3) || (group < 0 && intDigits > 3)) return null;
      group = 0;
    } else if (c === 46 /* . */ && !sawDot) {
      if (group >= 0 && group !== 3) return null;
      sawDot = true;
    } else {
      return null;
    }
  }
  if (group >= 0 && group !== 3) return null;
  if (intDigits === 0 && fracDigits === 0) return null;
  let v: number;
  if (whole <= Number.MAX_SAFE_INTEGER && fracDigits <= 22) {
    v = whole / 10 ** fracDigits;
  } else {
    v = Number(s.slice(0, end).replace(/[^0-9.]/g, ''));
  }
  if (!Number.isFinite(v)) return null;
  return negative ? -v : v;
}

function skipSpacesTo(s: string, i: number, end: number): number {
  while (i < end && s.charCodeAt(i) === 32) i++;
  return i;
}

/** Reads a units count: a non-negative decimal number ("1", "2.5", "1.000"). */
export function parseUnits(s: string): number | null {
  let sawDigit = false;
  let sawDot = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (isDigit(c)) sawDigit = true;
    else if (c === 46 && !sawDot) sawDot = true;
    else return null;
  }
  return sawDigit ? Number(s) : null;
}

/** A well-formed procedure code (procedureCodes.ts has the one definition). */
export function isWellFormedProcedureCode(s: string): boolean {
  return procedureCodeKindAt(s, 0, s.length) !== null;
}

export function isAlphanumeric(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

export interface Token {
  start: number;
  end: number;
}

/**
 * Splits text[start, end) into runs of letters and digits; everything else separates them
 * (comma, space, colon, hyphen, semicolon, slash, ...).
 */
export function alphanumericRuns(text: string, start: number, end: number): Token[] {
  const out: Token[] = [];
  let i = start;
  while (i < end) {
    while (i < end && !isAlphanumeric(text.charCodeAt(i))) i++;
    if (i >= end) break;
    const s = i;
    while (i < end && isAlphanumeric(text.charCodeAt(i))) i++;
    out.push({ start: s, end: i });
  }
  return out;
}

/**
 * A provider id (an NPI) as a spreadsheet that took it for a number may have saved it: "1234567893.0"
 * and "1.234567893E+09" are 1234567893; anything else, and a number whose digits the exponent does
 * not all keep ("1.23457E+09" lost some), as written. Scanned by hand: linear in the cell's length.
 */
export function providerIdAsWritten(s: string): string {
  const n = s.length;
  let i = 0;
  while (i < n && isDigit(s.charCodeAt(i))) i++;
  if (i === 0 || i === n || s.charCodeAt(i) !== 46 /* . */) return s;
  const whole = i;
  let j = i + 1;
  while (j < n && isDigit(s.charCodeAt(j))) j++;
  const fraction = s.slice(whole + 1, j);
  if (j === whole + 1) return s;
  if (j === n) {
    // 1234567893.0: a whole number with zero decimals.
    for (let k = 0; k < fraction.length; k++) if (fraction.charCodeAt(k) !== 48) return s;
    return s.slice(0, whole);
  }
  // 1.234567893E+09: one digit before the point, every other digit kept by the exponent.
  const e = s.charCodeAt(j);
  if (whole !== 1 || (e !== 69 && e !== 101)) return s;
  let k = j + 1;
  if (k < n && s.charCodeAt(k) === 43 /* + */) k++;
  const exponentFrom = k;
  while (k < n && isDigit(s.charCodeAt(k))) k++;
  if (k !== n || k === exponentFrom) return s;
  const exponent = Number(s.slice(exponentFrom));
  return exponent === fraction.length && exponent <= 15 ? s.slice(0, 1) + fraction : s;
}
