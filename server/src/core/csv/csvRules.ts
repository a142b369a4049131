// The rule ids of a claim CSV's row findings, and the notes on a header that lacks a column the
// checks need (the patient, the date of service).

import type { Finding, Span } from '../model';
import { TOTALS_ROW_RULE } from './totalsRows';
import { MUE_NO_UNITS_COLUMN_RULE } from '../rules/checkUnits';
import type { ColumnLayout } from './columnLayout';
import { hasPatientDetails } from './patientCells';

export const CSV_RULES = {
  rowShort: 'csv.row-short',
  rowLong: 'csv.row-long',
  dateInvalid: 'csv.date-invalid',
  dateMissing: 'csv.date-missing',
  amountInvalid: 'csv.amount-invalid',
  unitsInvalid: 'csv.units-invalid',
  claimTypeUnknown: 'csv.claim-type-unknown',
  claimFrequencyInvalid: 'csv.claim-frequency-invalid',
  procedureCodeInvalid: 'csv.procedure-code-invalid',
  modifierInvalid: 'csv.modifier-invalid',
  quoteUnterminated: 'csv.quote-unterminated',
  noPatientColumn: 'csv.no-patient-column',
  patientPerClaim: 'csv.patient-per-claim',
  noDateColumn: 'csv.no-date-column',
  totalsRow: TOTALS_ROW_RULE,
} as const;

/** Where a row's reader reports a finding (RowParser collects them in row order). */
export type RowReport = (rule: string, severity: Finding['severity'], message: string, span: Span) => void;

/** The note on the header of a file that has claims but no patient, member or claim id column. */
export function noPatientColumnFinding(headerSpan: Span): Finding {
  return {
    rule: CSV_RULES.noPatientColumn,
    severity: 'information',
    message:
      'No patient, member or claim id column: when looking for NCCI conflicts every row is taken as the same patient. ' +
      'Add a patient or claim id column to check each patient on their own.',
    span: headerSpan,
  };
}

/**
 * The note on the header of a file that names its claims but not their patients (no patient,
 * member, name or birth date column), with two claims or more and dates of service: each claim is taken as its own
 * patient's, so a service is never paired with one of another claim, as payers pair them.
 */
export function patientPerClaimFinding(headerSpan: Span): Finding {
  return {
    rule: CSV_RULES.patientPerClaim,
    severity: 'information',
    message:
      'No patient or member id column: each claim is taken as its own patient\'s, so a service is not checked against the services of the same patient on other claims, as payers check them. ' +
      'Add a patient or member id column (Patient ID, Member ID, Subscriber ID) to pair them.',
    span: headerSpan,
  };
}

/**
 * The note a file's header gets for how its patients are told apart, if any: every row one
 * patient's (no column names a patient or a claim), or each claim its own patient's (claims are
 * named, patients are not, and there are `claims` of them, two or more; a claim's void or
 * replacement rows are not another).
 */
export function patientColumnNote(layout: ColumnLayout, claims: number, headerSpan: Span): Finding | null {
  if (layout.patientId >= 0 || hasPatientDetails(layout) || claims === 0) return null;
  if (layout.claimId < 0) return noPatientColumnFinding(headerSpan);
  // Without a date column nothing is paired at all, which that note says.
  return claims >= 2 && layout.dateOfService >= 0 ? patientPerClaimFinding(headerSpan) : null;
}

/** The note on the header of a file that has claims but no date-of-service column: no line is paired with another. */
export function noDateColumnFinding(headerSpan: Span): Finding {
  return {
    rule: CSV_RULES.noDateColumn,
    severity: 'information',
    message:
      'No date of service column: NCCI edits pair services of the same date, so no row of this file is checked against another. ' +
      'Add a date of service column (DOS, Date of Service or Service Date).',
    span: headerSpan,
  };
}

/**
 * The note on the header of a file that has service lines but no units column: each line is taken
 * as one unit (the MUE checks count it so), said once rather than as a unit count unknown on every line.
 */
export function noUnitsColumnFinding(headerSpan: Span): Finding {
  return {
    rule: MUE_NO_UNITS_COLUMN_RULE,
    severity: 'information',
    message: 'No units column: each line is taken as 1 unit of service, as the MUE checks count it. Add a units column if a line bills more than one unit.',
    span: headerSpan,
  };
}
