// What a claim CSV's Claim Type / Bill Type cell says: the claim's kind, which chooses the NCCI
// table that judges it (rules/claimTables.ts), and for an institutional claim its facility type.
// Exports write these cells many ways ("Institutional Outpatient", "837I Institutional",
// "Institutional (UB-04)", "0131 Hospital Outpatient"), so a cell that is neither one of the whole
// values (columns.ts CLAIM_TYPE_VALUES) nor a type of bill is read by its words. A cell that names
// no kind, or more than one ("Professional/Institutional"), is not understood: a claim no row of
// which names its kind is judged as a professional one, and the first such claim of a file is
// reported on its cell (csv.claim-type-unknown, rows.ts), since the table decides which pairs and
// unit counts are reported.

import type { ClaimKind } from '../model';
import { facilityTypeOf } from '../rules/claimTables';
import {
  CLAIM_FORM_WORDS, CLAIM_SETTING_WORDS, CLAIM_TYPE_NEGATIONS, CLAIM_TYPE_VALUES, INPATIENT_CLAIM_TYPE_VALUES,
  normalizeHeader, OUTPATIENT_CLAIM_TYPE_WORDS,
} from './columns';
import { frequencyOfTypeOfBill, wholeOfDecimal } from './claimFrequency';
import { alphanumericRuns } from './values';
import { CellReadings } from './cellReadings';

export interface ClaimTypeReading {
  /** The kind the cell names; null when it names none, or more than one. */
  kind: ClaimKind | null;
  /**
   * The facility type code (two digits) of an institutional claim: its type of bill's (0111, 131),
   * or 11 for a cell that says inpatient; null for none (the outpatient hospital table).
   */
  facilityType: string | null;
  /**
   * The claim frequency code a type of bill's last digit names (0137: 7, a replacement:
   * claimFrequency.ts), null for none: what a row whose frequency cell names none goes by.
   */
  frequency: string | null;
  /**
   * The cell is short and all claim-type words (and ASCII spaces and punctuation between them), one
   * at least naming a kind: a message may show it, as it is no patient's data.
   */
  plain: boolean;
}

/** A cell longer than this is not shown in a message, whatever its words. */
const SHOWN_LENGTH = 40;

/**
 * Whether a cell may be shown, if its words allow: short, and printable ASCII only. Words are runs
 * of ASCII letters and digits (alphanumericRuns), so anything else (a name in Cyrillic, Greek or
 * Chinese, a line break) would never be read as a word, and must not ride along with the words
 * that are: only spaces and punctuation may be between them.
 */
function showable(cell: string): boolean {
  return cell.length <= SHOWN_LENGTH && /^[\x20-\x7e]*$/.test(cell);
}

/** A table's entry for `key` (not a property every object has: a cell "constructor" names nothing). */
function lookup<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

/** A whole cell of three or four digits (after normalizing: "0131", "13-1"): a type of bill. */
function isTypeOfBill(norm: string): boolean {
  if (norm.length < 3 || norm.length > 4) return false;
  for (let i = 0; i < norm.length; i++) if (norm.charCodeAt(i) < 48 || norm.charCodeAt(i) > 57) return false;
  return true;
}

/** What a claim-type or bill-type cell (not empty) says. */
export function readClaimType(cell: string): ClaimTypeReading {
  // A type of bill pandas wrote as a decimal ("137.0", its column having blanks) is its whole part.
  const norm = normalizeHeader(wholeOfDecimal(cell) ?? cell);
  const named = lookup(CLAIM_TYPE_VALUES, norm);
  if (named !== undefined) return { kind: named, facilityType: named === 'institutional' ? lookup(INPATIENT_CLAIM_TYPE_VALUES, norm) ?? null : null, frequency: null, plain: showable(cell) };
  if (isTypeOfBill(norm)) return { kind: 'institutional', facilityType: facilityTypeOf(norm), frequency: frequencyOfTypeOfBill(norm), plain: showable(cell) };
  return readWords(cell);
}

/**
 * A cell read word by word, and each two adjacent words joined ("UB 04"): form words name the
 * kind; without one, setting words (hospital, outpatient...) name an institutional claim. A
 * word of four digits starting with 0 is a type of bill, as the UB-04 writes it ("0131 Hospital
 * Outpatient", "Institutional 0111"); a shorter number is more likely a form's (837, 1500).
 */
function readWords(cell: string): ClaimTypeReading {
  const runs = alphanumericRuns(cell, 0, cell.length);
  const words = runs.map((run) => cell.slice(run.start, run.end).toLowerCase());
  const known = words.map(() => false);
  /** Words that name a kind, negated or not. */
  let kindWords = 0;
  let form: ClaimKind | null = null;
  let forms = 0;
  let setting = false;
  let inpatient = false;
  let outpatient = false;
  let billType: string | null = null;
  if (words.length > 0 && words[0]!.length === 4 && words[0]![0] === '0' && isTypeOfBill(words[0]!)) {
    known[0] = true;
    kindWords++;
    billType = words[0]!;
    form = 'institutional';
    forms = 1;
  }
  for (let i = billType === null ? 0 : 1; i < words.length; i++) {
    const word = words[i]!;
    if (CLAIM_TYPE_NEGATIONS.includes(word)) {
      known[i] = true;
      continue;
    }
    const negated = i > 0 && CLAIM_TYPE_NEGATIONS.includes(words[i - 1]!);
    // A type of bill after the words ("Institutional 0111", "UB-04 0131"): four digits from 0, as first.
    if (billType === null && !negated && word.length === 4 && word[0] === '0' && isTypeOfBill(word)) {
      known[i] = true;
      kindWords++;
      billType = word;
      if (form !== 'institutional') {
        form = 'institutional';
        forms++;
      }
      continue;
    }
    const pair = i + 1 < words.length ? word + words[i + 1]! : '';
    let kind = lookup(CLAIM_FORM_WORDS, word);
    const pairKind = pair === '' ? undefined : lookup(CLAIM_FORM_WORDS, pair);
    if (kind !== undefined) known[i] = true;
    if (pairKind !== undefined) {
      known[i] = known[i + 1] = true;
      kind ??= pairKind;
    }
    if (kind !== undefined) kindWords++;
    if (kind !== undefined && !negated && kind !== form) {
      form = kind;
      forms++;
    }
    if (lookup(CLAIM_SETTING_WORDS, word) !== undefined) {
      known[i] = true;
      kindWords++;
      if (negated) continue;
      setting = true;
      if (lookup(INPATIENT_CLAIM_TYPE_VALUES, word) !== undefined) inpatient = true;
      if (OUTPATIENT_CLAIM_TYPE_WORDS.includes(word)) outpatient = true;
    }
  }
  // Negations alone ("No") are no claim type to show.
  const plain = kindWords > 0 && showable(cell) && known.every(Boolean);
  const kind = forms > 1 ? null : forms === 1 ? form : setting ? 'institutional' : null;
  if (kind !== 'institutional') return { kind, facilityType: null, frequency: null, plain };
  // A type of bill says the facility; else inpatient words do, unless outpatient ones say otherwise.
  const facilityType = billType !== null ? facilityTypeOf(billType) : inpatient && !outpatient ? '11' : null;
  const frequency = billType !== null ? frequencyOfTypeOfBill(billType) : null;
  return { kind, facilityType, frequency, plain };
}

/** The claim-type cells of a file, each read once (a file repeats a few values over many rows). */
export class ClaimTypeCells extends CellReadings<ClaimTypeReading> {
  constructor() {
    super(readClaimType);
  }
}

/**
 * What csv.claim-type-unknown says of a cell not understood (`column` as rows.ts names columns):
 * the cell is shown only when it is claim-type words alone (ClaimTypeReading.plain).
 */
export function claimTypeUnknownMessage(line: number, column: string, cell: string, reading: ClaimTypeReading): string {
  const value = reading.plain ? `the claim type "${cell}" in ${column}` : `the value in ${column}`;
  return (
    `Line ${line}: ${value} does not say whether the claim is professional, institutional or dental, ` +
    'so its lines are judged by the practitioner table, as a professional claim. ' +
    'Write Professional, Institutional, Dental or a type of bill such as 0131. ' +
    'Other claims whose claim type is not understood are not reported.'
  );
}
