// Value checks for the X12 data types the parser reads: dates, amounts and procedure codes; the
// amounts in cents and the empty modifier list are shared with the CSV reader.

import { isCalendarDate } from '../dates';
import type { DateNumber, DateRange, Modifier } from '../model';
import { CPT_SHAPE, HCPCS_SHAPE, procedureCodeKind } from '../procedureCodes';
import { codeAt, sliceOf, type Source } from './source';

/**
 * Six or more digits in a row: what a member id, a Social Security number or a date (of birth,
 * perhaps) has and an amount, a count or a code in the wrong place rarely has. Messages do not
 * quote such a value, whatever element it is in.
 */
const ID_LIKE_DIGITS = /\d{6}/;

/**
 * A value as a message may show it. Messages never carry claim contents such as names or ids,
 * so only values that can be nothing but numbers or counts are quoted; anything else is
 * described.
 */
export function shownNumber(value: string): string {
  if (value === '') return 'an empty value';
  if (!/^[0-9 .,+\-]{1,20}$/.test(value)) return 'a value that is not a number';
  return hasIdDigits(value) ? 'a number of 6 or more digits (not shown: it may be an id)' : `'${value}'`;
}

/**
 * Whether a number as written or shown has six or more digits, its signs and separators aside
 * (918.273.645 is an id too): shownNumber's rule, for the messages that show numbers they read
 * (units, amounts) unquoted.
 */
export function hasIdDigits(value: string): boolean {
  return ID_LIKE_DIGITS.test(value.replace(/[ .,+\-]/g, ''));
}

/**
 * A control number (ISA13, GS06, ST02) as a message may show it: quoted when it is digits (as
 * X12 numbers them), else described. ST02 may hold anything (some senders write the patient's
 * account number there).
 */
export function shownControlNumber(value: string): string {
  if (value === '') return 'empty';
  return isControlNumber(value) ? `'${value}'` : 'a value that is not a number';
}

/**
 * A DTP03 that is no date as a message may show it: quoted when it is shaped like one (CCYYMMDD,
 * a range, or a few digits), as the dates of service the coding messages name are; anything else
 * (a member id or a name in the wrong element) is described.
 */
export function shownDate(value: string): string {
  if (value === '') return 'an empty value';
  return /^(?:\d{8}(?:-\d{0,8})?|[\d-]{1,5})$/.test(value) ? `'${value}'` : 'a value that is not a date';
}

/** Whether a control number is one (digits, as X12 numbers them): a message may show it. */
export function isControlNumber(value: string): boolean {
  return /^\d{1,9}$/.test(value);
}

/** A code (procedure code, qualifier, date format) as a message may show it: short letters and digits only. */
export function shownCode(value: string): string {
  if (value === '') return 'an empty value';
  if (readsAsCode(value)) return `'${value}'`;
  // One printable mark (a delimiter in ISA11, a stray '^'): no name or id, so it is shown.
  return value.length === 1 && value > ' ' && value <= '~' ? `'${value}'` : 'a value that is not a code';
}

/**
 * Whether a value reads as a code (up to 12 letters and digits, no 6 digits in a row, no 4
 * letters in a row): a message or hover may show it. Codes are short runs of letters among digits
 * (HC, ABK, J1234, 207RG0100X); a member id has long runs of digits, and a name (GARCIA,
 * SMITH1, Jones) a run of letters, which is described instead of quoted.
 */
export function readsAsCode(value: string): boolean {
  return codeLikeness(value) === 'code';
}

/**
 * What a value in a code's place looks like (readsAsCode): a code; up to 12 letters and digits with
 * six digits in a row (an id) or else four letters in a row (a name); or anything else.
 */
export function codeLikeness(value: string): 'code' | 'id' | 'name' | 'other' {
  if (!/^[A-Za-z0-9]{1,12}$/.test(value)) return 'other';
  if (ID_LIKE_DIGITS.test(value)) return 'id';
  return NAME_LIKE_LETTERS.test(value) ? 'name' : 'code';
}

/** Four letters in a row: more than any code value has (a name does). */
const NAME_LIKE_LETTERS = /[A-Za-z]{4}/;

/** CCYYMMDD at text[start, end) as an integer when it is a real calendar date, else null. */
export function parseD8At(text: Source, start: number, end: number): DateNumber | null {
  if (end - start !== 8) return null;
  let value = 0;
  for (let at = start; at < end; at++) {
    const digit = codeAt(text, at) - 48;
    if (digit < 0 || digit > 9) return null;
    value = value * 10 + digit;
  }
  const year = Math.floor(value / 10000);
  const month = Math.floor(value / 100) % 100;
  const day = value % 100;
  return isCalendarDate(year, month, day) ? value : null;
}

/** CCYYMMDD as an integer when it is a real calendar date, else null. */
export function parseD8(text: string): DateNumber | null {
  return parseD8At(text, 0, text.length);
}

/** A failed parse may still offer the date it could read (an RD8 holding one D8 date). */
export type DateParse = { ok: true; range: DateRange } | { ok: false; problem: string; fallback?: DateRange };

/** Reads DTP03 in the format DTP02 names: D8 (CCYYMMDD) or RD8 (CCYYMMDD-CCYYMMDD). */
export function parseDateValue(format: string, text: string): DateParse {
  return parseDateAt(format, text, 0, text.length);
}

/** parseDateValue for the date at text[start, end), without copying it when it is valid. */
export function parseDateAt(format: string, text: Source, start: number, end: number): DateParse {
  if (format === 'D8') {
    const day = parseD8At(text, start, end);
    return day === null
      ? { ok: false, problem: `expected a D8 date CCYYMMDD, found ${shownDate(sliceOf(text, start, end))}` }
      : { ok: true, range: { from: day, to: day } };
  }
  if (format === 'RD8') {
    const dash = end - start === 17 && codeAt(text, start + 8) === 45;
    const from = dash ? parseD8At(text, start, start + 8) : null;
    const to = dash ? parseD8At(text, start + 9, end) : null;
    if (from === null || to === null) {
      const single = parseD8At(text, start, end);
      const problem = `expected an RD8 range CCYYMMDD-CCYYMMDD, found ${shownDate(sliceOf(text, start, end))}`;
      return single === null ? { ok: false, problem } : { ok: false, problem, fallback: { from: single, to: single } };
    }
    if (from > to) {
      return { ok: false, problem: `the RD8 range ends (${to}) before it starts (${from})` };
    }
    return { ok: true, range: { from, to } };
  }
  return { ok: false, problem: `expected date format D8 or RD8 in DTP02, found ${shownCode(format)}` };
}

/**
 * An X12 decimal (type R): optional minus sign, digits with at most one decimal point, at least
 * one digit. Returns null when the text is not one.
 */
export function parseDecimal(text: string): number | null {
  return parseDecimalAt(text, 0, text.length);
}

const POWERS_OF_TEN = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/**
 * Where text[start, end) ends without its trailing blanks: spaces and tabs, and the CR of a CR LF
 * line break when LF ends the segments. Exports that pad their lines leave them after the last
 * element of a segment that ends at a line break; dates, amounts and units are read through them,
 * as procedure codes are (the guide checks report the padding, as a warning).
 */
export function endBeforeBlanks(text: Source, start: number, end: number): number {
  let to = end;
  while (to > start) {
    const code = codeAt(text, to - 1);
    if (code !== 32 && code !== 9 && code !== 13) break;
    to--;
  }
  return to;
}

/** parseDecimal for text[start, end), read from char codes; trailing blanks are read through (endBeforeBlanks). */
export function parseDecimalAt(text: Source, start: number, end: number): number | null {
  end = endBeforeBlanks(text, start, end);
  let at = start;
  const negative = at < end && codeAt(text, at) === 45;
  if (negative) at++;
  let digits = 0;
  let mantissa = 0;
  let fractionDigits = -1;
  for (; at < end; at++) {
    const code = codeAt(text, at);
    if (code >= 48 && code <= 57) {
      mantissa = mantissa * 10 + (code - 48);
      digits++;
      if (fractionDigits >= 0) fractionDigits++;
    } else if (code === 46 && fractionDigits < 0) {
      fractionDigits = 0;
    } else {
      return null;
    }
  }
  if (digits === 0) return null;
  // Up to 15 digits the integer mantissa is exact, and one division rounds like Number() does.
  const value = digits <= 15 ? mantissa / POWERS_OF_TEN[Math.max(0, fractionDigits)]! : Number(sliceOf(text, start, end));
  return negative ? -value : value;
}

/**
 * Shared by every line without modifiers, in both readers; frozen so that a mutation fails loudly
 * instead of changing other lines (code that changes a line's modifiers assigns a new array).
 */
export const NO_MODIFIERS: Modifier[] = Object.freeze([]) as unknown as Modifier[];

/** An amount in whole cents, so totals compare exactly. */
export function toCents(amount: number): number {
  return Math.round(amount * 100);
}

export function formatCents(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/**
 * Whether a message may show an amount: its whole-dollar part has fewer than six digits. A member
 * id or an SSN without dashes typed into a charge is a well-formed amount, and no claim or line
 * charge a coder types reaches $100,000; such an amount is described (shownAmount).
 */
export function amountShown(cents: number): boolean {
  return Math.abs(cents) < 10_000_000; // $100,000 in cents
}

/** An amount as a message may show it: formatCents, or described when it has six or more whole-dollar digits. */
export function shownAmount(cents: number): string {
  if (amountShown(cents)) return formatCents(cents);
  return `${cents < 0 ? '-100000.00 or less' : '100000.00 or more'} (not shown: it may be an id)`;
}

/** Which code sets a product/service id qualifier (SV101-1, SV202-1, SV301-1) names. */
export type CodeSet = 'cpt' | 'hcpcs' | 'cdt';

/**
 * Qualifiers whose codes we can check. HC = HCPCS, which includes CPT (level I) and level II
 * codes (dental D codes among them); AD = ADA's CDT; CJ = CPT-4 (4010). Other qualifiers (ER
 * jurisdiction codes, IV HIEC, N4 NDC, WK, ...) are not checked.
 */
const QUALIFIER_CODE_SETS: Readonly<Record<string, readonly CodeSet[]>> = {
  HC: ['cpt', 'hcpcs'],
  AD: ['cdt'],
  CJ: ['cpt'],
};

/** Whether a code is of a code set's shape (CPT and HCPCS as procedureCodes.ts defines them). */
export function inCodeSet(set: CodeSet, code: string): boolean {
  if (procedureCodeKind(code) !== (set === 'cdt' ? 'hcpcs' : set)) return false;
  // X12 codes are upper case: a lower-case letter is a malformed code there.
  for (let i = 0; i < code.length; i++) if (code.charCodeAt(i) >= 97) return false;
  return set !== 'cdt' || code.charCodeAt(0) === 68 /* D */;
}

const CODE_SET_DESCRIPTIONS: Readonly<Record<string, string>> = {
  HC: `${CPT_SHAPE} or ${HCPCS_SHAPE}`,
  AD: 'a CDT code (D and 4 digits)',
  CJ: CPT_SHAPE,
};

const CODE_SETS: readonly CodeSet[] = ['cpt', 'hcpcs', 'cdt'];

/** Which code set a code's shape belongs to (CPT first, then HCPCS, then CDT), or null. */
export function codeSetOf(code: string): CodeSet | null {
  return CODE_SETS.find((set) => inCodeSet(set, code)) ?? null;
}

/**
 * Null when the code is well formed for its qualifier (or the qualifier is not one we check), else
 * what was expected. Runs for every service line: the code's kind is found once for all the
 * qualifier's code sets (inCodeSet for each, without a closure or a second look at the code).
 */
export function procedureCodeProblem(qualifier: string, code: string): string | null {
  const sets = QUALIFIER_CODE_SETS[qualifier];
  if (!sets) return null;
  const kind = procedureCodeKind(code);
  if (kind !== null && !hasLowerCase(code)) {
    for (const set of sets) {
      if ((set === 'cdt' ? 'hcpcs' : set) === kind && (set !== 'cdt' || code.charCodeAt(0) === 68 /* D */)) return null;
    }
  }
  return `expected ${CODE_SET_DESCRIPTIONS[qualifier]} after qualifier ${qualifier}, found ${shownCode(code)}`;
}

/** X12 codes are upper case: a lower-case letter is a malformed code there (as inCodeSet says). */
function hasLowerCase(code: string): boolean {
  for (let i = 0; i < code.length; i++) if (code.charCodeAt(i) >= 97) return true;
  return false;
}
