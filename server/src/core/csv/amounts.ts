// Amounts written with a decimal comma ("600,00", "1.250,00"), as exports made where the comma is
// the decimal mark write them. Such a file cannot use the comma as its delimiter, so they are read
// in files delimited otherwise (semicolon, tab, pipe), and only where the usual reading (values.ts
// parseAmount: "1,250.00", "1,250" and "1.5" are read as ever) finds no amount. A fix writes a new
// amount in the style of the one it replaces (fixesFormat.ts formatAmountLike). Such a file writes its
// unit counts with the same mark ("2,5" units beside "125,00"), so they are read by the same rule.

import { parseAmount, parseUnits } from './values';
import { isDigit } from '../chars';

/** At most this many decimals after a decimal comma: "1234,567" is no amount of money. */
const MAX_DECIMALS = 2;

/** The text with its dots and commas swapped: a decimal-comma amount in the usual marks, and back. */
export function swapMarks(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    out += c === '.' ? ',' : c === ',' ? '.' : c;
  }
  return out;
}

/**
 * Reads an amount written with a decimal comma, dots between groups of three digits ("600,00",
 * "1.250,5", "$1.250,00", "(12,50)"); null when the text is not one (no comma, or more than two
 * decimals after it).
 */
export function parseDecimalCommaAmount(s: string): number | null {
  const comma = s.lastIndexOf(',');
  if (comma < 0) return null;
  let decimals = 0;
  while (comma + 1 + decimals < s.length && isDigit(s.charCodeAt(comma + 1 + decimals))) decimals++;
  if (decimals === 0 || decimals > MAX_DECIMALS) return null;
  return parseAmount(swapMarks(s));
}

/** Reads an amount: the usual way, else (in a file where the comma may be the decimal mark) with a decimal comma. */
export function readAmount(s: string, decimalComma: boolean): number | null {
  const usual = parseAmount(s);
  if (usual !== null || !decimalComma) return usual;
  return parseDecimalCommaAmount(s);
}

/**
 * Reads a unit count: as values.ts parseUnits reads it ("2", "2.5"), else (in a file where the
 * comma may be the decimal mark) with a decimal comma ("2,5"). As for an amount, at most two
 * decimals follow the comma, so "1,000" is no count at all rather than 1.
 */
export function readUnits(s: string, decimalComma: boolean): number | null {
  const usual = parseUnits(s);
  if (usual !== null || !decimalComma) return usual;
  const comma = s.indexOf(',');
  const decimals = s.length - comma - 1;
  if (comma < 0 || decimals === 0 || decimals > MAX_DECIMALS) return null;
  // "2,5" as "2.5"; a second comma, a dot or anything else is still refused by parseUnits.
  return parseUnits(swapMarks(s));
}

/** Whether an amount that was read is written with a decimal comma (the usual reading finds none in it). */
export function isDecimalCommaAmount(s: string): boolean {
  return parseAmount(s) === null && parseDecimalCommaAmount(s) !== null;
}
