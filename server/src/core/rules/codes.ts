// Procedure codes and CCYYMMDD dates as the rule tables write them.

import { ccyymmddAt, isCalendarDate } from '../dates';
import type { DateNumber } from '../model';
import { procedureCodeKindAt } from '../procedureCodes';

/**
 * A procedure code as procedureCodes.ts defines it (CPT 43214, 0001U, 0001A; HCPCS G0105).
 * Header words never match.
 *
 * Returns a number that identifies the code (case-insensitive), or -1 when text[start, end) is
 * not a procedure code. Rule tables intern codes by this key, so a million rows never need a
 * string per code.
 */
export function procedureCodeKey(text: string, start: number, end: number): number {
  if (procedureCodeKindAt(text, start, end) === null) return -1;
  let key = 0;
  for (let i = 0; i < 5; i++) {
    const c = text.charCodeAt(start + i);
    // digits 1..10, letters 11..36 (either case)
    key = key * 37 + (c <= 57 ? c - 47 : c <= 90 ? c - 54 : c - 86);
  }
  return key;
}

export { isProcedureCode } from '../procedureCodes';

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
