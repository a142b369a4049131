// Procedure codes and CCYYMMDD dates as the rule tables write them.

import { ccyymmddAt, isCalendarDate } from '../dates';
import type { DateNumber } from '../model';

/**
 * A procedure code: CPT (5 digits), CPT Category II/III and PLA (4 digits + a letter, e.g. 0001U)
 * or HCPCS Level II (a letter + 4 digits, e.g. G0105). Header words never match.
 *
 * Returns a number that identifies the code (case-insensitive), or -1 when text[start, end) is
 * not a procedure code. Rule tables intern codes by this key, so a million rows never need a
 * string per code.
 */
export function procedureCodeKey(text: string, start: number, end: number): number {
  if (end - start !== 5) return -1;
  let key = 0;
  let digits = 0;
  for (let i = 0; i < 5; i++) {
    const c = text.charCodeAt(start + i);
    let value: number;
    if (c >= 48 && c <= 57) {
      value = c - 47; // 1..10
      digits |= 1 << i;
    } else if (c >= 65 && c <= 90) value = c - 54; // 11..36
    else if (c >= 97 && c <= 122) value = c - 86; // same as upper case
    else return -1;
    key = key * 37 + value;
  }
  // 4 digits + any; or a letter + 4 digits
  return (digits & 0b01111) === 0b01111 || digits === 0b11110 ? key : -1;
}

export function isProcedureCode(text: string): boolean {
  return procedureCodeKey(text, 0, text.length) >= 0;
}

/** Trimmed and upper-cased, so "g0105 " and "G0105" are the same code. */
export function normalizeCode(text: string): string {
  const trimmed = text.trim();
  return trimmed.length === 5 ? trimmed.toUpperCase() : trimmed;
}

/** Whether an integer CCYYMMDD is a real calendar date between 1900 and 9999 (the range PTP tables use). */
export function isValidDateNumber(value: number): boolean {
  if (!Number.isInteger(value) || value < 19000101 || value > 99991231) return false;
  return isCalendarDate(Math.floor(value / 10000), Math.floor(value / 100) % 100, value % 100);
}

/** Parses YYYYMMDD in text[start, end) (a real calendar date between 1900 and 9999), else -1. */
export function dateNumberAt(text: string, start: number, end: number): DateNumber {
  const value = ccyymmddAt(text, start, end);
  return value >= 19000101 ? value : -1;
}

/** Parses YYYYMMDD (a real calendar date between 1900 and 9999), else null. */
export function parseDateNumber(text: string): DateNumber | null {
  const value = dateNumberAt(text, 0, text.length);
  return value < 0 ? null : value;
}
