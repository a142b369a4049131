// Which NCCI table judges a claim's lines: the practitioner table (837P, CSV, unknown), the
// outpatient hospital table (an 837I, or a CSV claim named institutional, whose type of bill CMS
// edits, or whose type of bill is not known), or none (837D; a facility bill CMS does not edit,
// such as an inpatient one). The types of bill are data (data/billTypes.ts).

import { CRITICAL_ACCESS_HOSPITAL, FACILITY_TYPE_DIGITS, NCCI_OUTPATIENT_FACILITY_TYPES, PROFESSIONAL_REVENUE_CODE_PREFIXES } from '../data/billTypes';
import type { ClaimKind, PtpTableKind } from '../model';

const OUTPATIENT = new Set(NCCI_OUTPATIENT_FACILITY_TYPES);

/** Whether two characters are a readable facility type code (FACILITY_TYPE_DIGITS). */
function isFacilityType(first: string, second: string): boolean {
  return FACILITY_TYPE_DIGITS.facility.includes(first) && FACILITY_TYPE_DIGITS.classification.includes(second);
}

/**
 * The facility type code (two digits) a value names, or null when it names none: an 837I's
 * CLM05-1 ("13"), or a whole type of bill, with or without its leading zero and frequency digit
 * ("131", "0131"). Blanks around it are ignored. For readers of other formats too (a CSV bill type
 * column).
 */
export function facilityTypeOf(value: string): string | null {
  const text = value.trim();
  let at: number;
  if (text.length === 2 || text.length === 3) at = 0;
  else if (text.length === 4 && text[0] === '0') at = 1;
  else return null;
  for (let i = at; i < text.length; i++) if (text[i]! < '0' || text[i]! > '9') return null;
  const first = text[at]!;
  const second = text[at + 1]!;
  return isFacilityType(first, second) ? first + second : null;
}

/** Whether CMS judges bills of this facility type code by the outpatient hospital NCCI tables. */
export function isNcciOutpatientFacility(facilityType: string): boolean {
  return OUTPATIENT.has(facilityType);
}

/**
 * The table a claim's lines are judged by: 837P, CSV and unknown claims the practitioner table;
 * 837I (institutional) claims the outpatient hospital table, unless their facility type code
 * (`facilityType`, as facilityTypeOf reads it; null when missing or unreadable) is one CMS does
 * not edit (an inpatient bill, 11x; 21x...); 837D claims none.
 */
export function tableForClaim(kind: ClaimKind | null, facilityType: string | null = null): PtpTableKind | null {
  if (kind === 'institutional') return facilityType === null || OUTPATIENT.has(facilityType) ? 'hospital' : null;
  if (kind === 'dental') return null;
  return 'practitioner';
}

/** The types of bill CMS applies the outpatient hospital NCCI edits to, as messages list them ("12x, 13x, ..."). */
export const NCCI_EDITED_BILL_TYPES = NCCI_OUTPATIENT_FACILITY_TYPES.map((type) => `${type}x`).join(', ');

/** What a hover says of a claim no table judges (tableForClaim gives null), for its kind and facility type code. */
export function noTableNote(kind: ClaimKind | null, facilityType: string | null = null): string {
  if (kind === 'institutional' && facilityType !== null) {
    return (
      `Facility claim of type of bill ${facilityType}x: CMS applies the outpatient hospital NCCI edits to the facility bills ${NCCI_EDITED_BILL_TYPES} only, ` +
      'not to inpatient facility claims or other types of bill. Its lines are not paired with PTP edits, not counted against an MUE and not checked for add-on codes.'
    );
  }
  return 'Dental claim: no NCCI PTP table applies to it.';
}

/**
 * Whether a line of a claim of facility type `facilityType` with revenue code `revenueCode` (SV201,
 * four digits or a 4010 file's three) is a practitioner's professional service on a critical
 * access hospital's Method II bill (data/billTypes.ts), which the practitioner table judges.
 */
export function isCahProfessionalLine(facilityType: string | null, revenueCode: string): boolean {
  return facilityType === CRITICAL_ACCESS_HOSPITAL && isProfessionalRevenueCode(revenueCode);
}

/** Whether a revenue code (four digits, or a 4010 file's or a spreadsheet's three) is a professional-fee one, 096x-098x (data/billTypes.ts). */
export function isProfessionalRevenueCode(revenueCode: string): boolean {
  return isProfessionalRevenueCodeAt(revenueCode, 0, revenueCode.length);
}

/** isProfessionalRevenueCode of text[start, end), blanks around it ignored, without making a string (a CSV row's cell). */
export function isProfessionalRevenueCodeAt(text: string, start: number, end: number): boolean {
  while (start < end && text.charCodeAt(start) === 32) start++;
  while (end > start && text.charCodeAt(end - 1) === 32) end--;
  const length = end - start;
  if (length !== 3 && length !== 4) return false;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  // The first three digits of the four (a three-digit code lost its leading zero), compared in place.
  const first = length === 4 ? text.charCodeAt(start) : 48;
  const at = length === 4 ? start + 1 : start;
  for (const prefix of PROFESSIONAL_REVENUE_CODE_PREFIXES) {
    if (prefix.charCodeAt(0) === first && prefix.charCodeAt(1) === text.charCodeAt(at) && prefix.charCodeAt(2) === text.charCodeAt(at + 1)) return true;
  }
  return false;
}

/** The table a line is judged by: its claim's (`claimTable`), or the practitioner table for a CAH Method II professional line. */
export function tableForLine(claimTable: PtpTableKind | null, professional: boolean): PtpTableKind | null {
  return professional && claimTable !== null ? 'practitioner' : claimTable;
}
