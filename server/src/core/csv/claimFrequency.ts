// A claim CSV row's claim frequency code (the 837's CLM05-3: 1 original, 7 replacement, 8 void),
// which says whether its claim replaces or voids an earlier one (rules/supersession.ts): from a
// frequency column (columns.ts EXTRA_COLUMN_NAMES: "Claim Frequency", "Freq"), else from the last
// digit of a type of bill (0137: claimTypes.ts) in the type-of-bill column beside the claim-type
// column (columns.ts TYPE_OF_BILL_NAMES), else in the claim-type column. Rows of one claim id
// that name different codes are different claims (claimChooser.ts), as an original and its replacement
// are two claims of an 837. A frequency cell that names no code is reported once a file, as a
// claim-type cell is: an export writes a column's few values over every row, so one that is not
// understood is usually not understood on every row.

import { CLAIM_FREQUENCY_CODES, CLAIM_FREQUENCY_WORDS, normalizeHeader } from './columns';
import { CellReadings } from './cellReadings';

/** A table's entry for `key` (not a property every object has: a cell "constructor" names nothing). */
function lookup<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

/** The code digits written (leading zeros dropped: "07" is 7), or null when they name no code. */
function codeOfDigits(digits: string): string | null {
  let at = 0;
  while (at < digits.length - 1 && digits[at] === '0') at++;
  const code = digits.slice(at);
  return CLAIM_FREQUENCY_CODES.includes(code) ? code : null;
}

/**
 * A code written as a decimal number ("7.0", "8.00"): pandas writes a numeric column so when some
 * of its cells are blank (its integers become floats). Its whole part is the code.
 */
const DECIMAL_CODE = /^\s*([0-9]+)\.0*\s*$/;

/** The whole part of a cell written as a decimal number with no fraction ("137.0": "137"), else null. */
export function wholeOfDecimal(cell: string): string | null {
  return DECIMAL_CODE.exec(cell)?.[1] ?? null;
}

/**
 * The code a frequency cell (not empty) names, or null when it names none: a code ("7", "07",
 * "7.0"), a word ("Replacement", "Void/Cancel", "Cancel/Void"), or a code beside the word for it
 * ("7 - Replacement"; a code beside another code's word names none).
 */
export function readFrequencyCell(cell: string): string | null {
  const whole = wholeOfDecimal(cell);
  if (whole !== null) return codeOfDigits(whole);
  const norm = normalizeHeader(cell);
  if (norm === '') return null;
  const named = lookup(CLAIM_FREQUENCY_WORDS, norm);
  if (named !== undefined) return named;
  const digits = norm.replace(/[^0-9]/g, '');
  if (digits === '') return null;
  const code = codeOfDigits(digits);
  if (digits.length === norm.length || code === null) return code;
  return lookup(CLAIM_FREQUENCY_WORDS, norm.replace(/[0-9]/g, '')) === code ? code : null;
}

/**
 * The frequency code of a type of bill (digits only, normalized: "0137", "137"): its last digit,
 * when the type of bill is three digits or four with a leading zero (the UB-04's) and the digit is
 * a code; else null.
 */
export function frequencyOfTypeOfBill(digits: string): string | null {
  if (digits.length !== 3 && !(digits.length === 4 && digits[0] === '0')) return null;
  const last = digits[digits.length - 1]!;
  return CLAIM_FREQUENCY_CODES.includes(last) ? last : null;
}

/** How a claim's own name says its frequency when rows of its claim id name another (claimChooser.ts): "A1 (replacement)". */
export function frequencyName(code: string): string {
  return code === '1' ? 'original' : code === '7' ? 'replacement' : code === '8' ? 'void' : `frequency ${code}`;
}

/**
 * The frequency cells of a file, each read once (a file repeats a few values over many rows), and
 * whether the one not understood that is reported has been met.
 */
export class FrequencyCells extends CellReadings<string | null> {
  /** A cell not understood was reported: the file's others are not. */
  reported = false;

  constructor() {
    super(readFrequencyCell);
  }
}

/**
 * What csv.claim-frequency-invalid says of a cell that names no code (`column` as rows.ts names
 * columns). The cell is shown only when it is a single digit: anything longer may be a patient's
 * data in the wrong column.
 */
export function frequencyInvalidMessage(line: number, column: string, cell: string): string {
  const value = /^[0-9]$/.test(cell) ? `the claim frequency "${cell}" in ${column}` : `the value in ${column}`;
  return (
    `Line ${line}: ${value} is not a claim frequency code, so it does not say whether the claim replaces or voids an earlier one ` +
    '(unless its type of bill or another of its rows says so, it is checked as an original claim). ' +
    'Write 1 (original), 7 (replacement) or 8 (void), as in the 837\'s CLM05-3. ' +
    'Other rows whose claim frequency is not understood are not reported.'
  );
}
