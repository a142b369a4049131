// A service line's drug (2410 LIN): LIN02 N4 says LIN03 is a National Drug Code "in 5-4-2
// format", as the 837 guides name the qualifier: 11 digits (labeler, product, package), no
// hyphens. Payers and clearinghouses reject another length; the maps bound LIN03 only to 1-48
// characters, so the guide checks pass it. An NDC printed on a package has 10 digits in one of
// three hyphenated forms (4-4-2, 5-3-2, 5-4-1); its 11-digit form adds a leading zero to the
// short part, which only the hyphens show: that one has a certain answer (guides/fixes.ts).
import type { SegmentReading } from './reading837';
import { sliceOf } from './source';
import { endBeforeBlanks } from './values';

export const NDC_INVALID_RULE = 'x12.ndc-invalid';

/** The qualifier of an NDC in 5-4-2 form (LIN02). */
const NDC_QUALIFIER = 'N4';

/** The parts' lengths of an 11-digit NDC. */
const PARTS = [5, 4, 2] as const;

/**
 * The 11-digit NDC a hyphenated one stands for (0002-1433-80: 00002143380), or null when the
 * value is no hyphenated NDC of a 10-digit form (4-4-2, 5-3-2, 5-4-1) or of the 5-4-2 form itself.
 */
export function ndcElevenDigits(value: string): string | null {
  const parts = /^(\d{4,5})-(\d{3,4})-(\d{1,2})$/.exec(value);
  if (parts === null) return null;
  const [labeler, product, packaging] = [parts[1]!, parts[2]!, parts[3]!];
  const short = [labeler, product, packaging].map((part, i) => PARTS[i]! - part.length);
  // At most one part one digit short: the 10-digit forms, or none (5-4-2 with hyphens).
  if (short.reduce((a, b) => a + b, 0) > 1) return null;
  return [labeler, product, packaging].map((part, i) => part.padStart(PARTS[i]!, '0')).join('');
}

/**
 * What LIN03 holds instead of an NDC's 11 digits, in words: the value itself only as the 11 digits
 * a hyphenated NDC stands for (a drug code, not a person's; another value may be a stray id).
 */
function described(value: string): string {
  if (/^\d+$/.test(value)) {
    if (/^0+$/.test(value)) return `${value.length} zeros, which name no drug`;
    const hint = value.length === 10 ? ': a 10-digit NDC needs a leading zero in its labeler, product or package part, which only its hyphenated form shows' : '';
    return `${value.length} digits${hint}`;
  }
  const eleven = ndcElevenDigits(value);
  if (eleven !== null) return `an NDC written with hyphens (${eleven} in 5-4-2 form)`;
  if (/^\d+(?:-\d+)+$/.test(value)) return 'digits and hyphens in none of an NDC\'s forms (4-4-2, 5-3-2, 5-4-1, 5-4-2)';
  return 'characters other than digits';
}

/** Checks the LIN segment `s` of a service line (2410). */
export function checkDrugIdentification(r: SegmentReading, s: number): void {
  const el = r.elementsOf(s, 3);
  // Another qualifier (or none) is the guide's to judge.
  if (!r.equals(el, 2, NDC_QUALIFIER)) return;
  const start = el.start(3);
  if (start < 0) return; // LIN03 missing: the guide's required element
  // Blanks after the value are the guide's to report (trailing spaces); the code is read without them.
  const end = endBeforeBlanks(r.source, start, el.end(3));
  if (end === start) return;
  const value = sliceOf(r.source, start, end);
  if (value.length === 11 && /^\d{11}$/.test(value) && value !== '00000000000') return;
  r.add(NDC_INVALID_RULE, 'error', `LIN03 (National Drug Code) under LIN02 N4 must be the NDC in 5-4-2 form, 11 digits without hyphens; it holds ${described(value)}`, { start, end });
}
