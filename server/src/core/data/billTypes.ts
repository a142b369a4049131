// Types of bill (NUBC, UB-04 form locator 4) as the NCCI edits see them: which facility bills CMS
// judges by the outpatient hospital PTP and MUE tables. A type of bill is a facility type code (its
// first two digits: the type of facility, then the bill classification; on an 837I, CLM05-1) and a
// claim frequency code (its third digit; on an 837I, CLM05-3).
//
// Source: Noridian Medicare (JF Part A), "OPPS and Non-OPPS Providers",
// https://med.noridianmedicare.com/web/jfa/article-detail/-/view/10529: the hospital NCCI edits
// are applied to the outpatient facility bills of types 12x, 13x, 14x, 22x, 23x, 72x, 74x, 76x and
// 85x; "they are not applied to facility claims for inpatient services". 75x (comprehensive
// outpatient rehabilitation facility) is added here: an outpatient rehabilitation facility, as 74x is.

/** Facility type codes whose bills are judged by the outpatient hospital NCCI tables. */
export const NCCI_OUTPATIENT_FACILITY_TYPES: readonly string[] = [
  '12', // hospital, inpatient (Medicare Part B only)
  '13', // hospital, outpatient
  '14', // hospital, other (Part B; laboratory services to non-patients)
  '22', // skilled nursing facility, inpatient (Part B only)
  '23', // skilled nursing facility, outpatient
  '72', // clinic, hospital-based or independent renal dialysis facility
  '74', // clinic, outpatient rehabilitation facility (ORF)
  '75', // clinic, comprehensive outpatient rehabilitation facility (CORF)
  '76', // clinic, community mental health center
  '85', // special facility, critical access hospital
];

/**
 * A critical access hospital that elects the optional method (Method II) bills its practitioners'
 * professional services on its own outpatient bill (85x), under the revenue codes 096x
 * (professional fees), 097x (professional fees, continued) and 098x (professional fees, other).
 * Those lines are practitioner services, judged by the practitioner PTP and MUE tables; the rest
 * of the bill is the facility's. (CMS, Medicare Claims Processing Manual, chapter 4, section 250.2.)
 */
export const CRITICAL_ACCESS_HOSPITAL = '85';
export const PROFESSIONAL_REVENUE_CODE_PREFIXES: readonly string[] = ['096', '097', '098'];

/**
 * What a readable facility type code is: two digits, the first a NUBC type of facility (1
 * hospital, 2 skilled nursing, 3 home health, 4 religious nonmedical hospital, 5 reserved, 6
 * intermediate care, 7 clinic, 8 special facility), the second a bill classification (1-9).
 * Anything else is not read as a type of bill.
 */
export const FACILITY_TYPE_DIGITS = { facility: '12345678', classification: '123456789' } as const;

/** Claim frequency codes (CLM05-3, the type of bill's third digit) of a claim that takes the place of an earlier one. */
export const CLAIM_FREQUENCY = {
  /** Replacement of prior claim: the payer adjudicates it instead of the claim it replaces. */
  replacement: '7',
  /** Void/cancel of prior claim: it withdraws the claim, and is not adjudicated itself. */
  void: '8',
} as const;

/**
 * What a facility type code names (its first digit the type of facility, its second the bill
 * classification, which for clinics and special facilities names the kind of facility), in
 * Claimlint's own words after CMS's Medicare Claims Processing Manual, chapter 25: for the hover of
 * an 837I's CLM05-1.
 */
const TYPE_OF_FACILITY: Readonly<Record<string, string>> = {
  '1': 'hospital',
  '2': 'skilled nursing facility',
  '3': 'home health',
  '4': 'religious nonmedical health care institution',
  '6': 'intermediate care facility',
};
const BILL_CLASSIFICATION: Readonly<Record<string, string>> = {
  '1': 'inpatient (Part A)',
  '2': 'inpatient (Part B only)',
  '3': 'outpatient',
  '4': 'other (Part B)',
  '5': 'intermediate care, level I',
  '6': 'intermediate care, level II',
  '7': 'subacute inpatient',
  '8': 'swing bed',
  '9': 'other',
};
const CLINIC: Readonly<Record<string, string>> = {
  '1': 'rural health clinic',
  '2': 'hospital-based or independent renal dialysis facility',
  '3': 'free-standing clinic',
  '4': 'outpatient rehabilitation facility (ORF)',
  '5': 'comprehensive outpatient rehabilitation facility (CORF)',
  '6': 'community mental health center',
  '7': 'federally qualified health center',
  '9': 'other clinic',
};
const SPECIAL_FACILITY: Readonly<Record<string, string>> = {
  '1': 'hospice (not hospital-based)',
  '2': 'hospice (hospital-based)',
  '3': 'ambulatory surgical center services to hospital outpatients',
  '4': 'free-standing birthing center',
  '5': 'critical access hospital',
  '6': 'residential facility',
  '9': 'other special facility',
};

/** What a facility type code (two digits, CLM05-1 of an 837I) names, or undefined when it is none known. */
export function facilityTypeName(code: string): string | undefined {
  if (!/^\d\d$/.test(code)) return undefined;
  const [facility, classification] = [code[0]!, code[1]!];
  if (facility === '7') return CLINIC[classification];
  if (facility === '8') return SPECIAL_FACILITY[classification];
  const type = TYPE_OF_FACILITY[facility];
  const kind = BILL_CLASSIFICATION[classification];
  return type === undefined || kind === undefined ? undefined : `${type}, ${kind}`;
}
