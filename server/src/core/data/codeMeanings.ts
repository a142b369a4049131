// What the code values of the 837 elements a coder reads most often mean, in Claimlint's own
// words, for the element hover (hover/x12Hover.ts). Keyed by element reference (`SBR09`,
// `CLM05-3`; `HI*-1` for the qualifier of every HI composite). Place of service codes are CMS's
// public list; the rest are the codes of the 837 implementation guides, described, not quoted.

import { TOOTH_NAMES, TOOTH_SURFACES, TOOTH_SYSTEM_QUALIFIER } from './teeth';

/** Place of service (CMS), for CLM05-1 of a professional claim (CLM05-2 `B`) and SV105. */
const PLACE_OF_SERVICE: Readonly<Record<string, string>> = {
  '01': 'pharmacy',
  '02': 'telehealth, not in the patient\'s home',
  '10': 'telehealth in the patient\'s home',
  '11': 'office',
  '12': 'home',
  '13': 'assisted living facility',
  '19': 'off-campus outpatient hospital',
  '20': 'urgent care facility',
  '21': 'inpatient hospital',
  '22': 'on-campus outpatient hospital',
  '23': 'hospital emergency room',
  '24': 'ambulatory surgical center',
  '31': 'skilled nursing facility',
  '32': 'nursing facility',
  '33': 'custodial care facility',
  '34': 'hospice',
  '41': 'land ambulance',
  '42': 'air or water ambulance',
  '49': 'independent clinic',
  '50': 'federally qualified health center',
  '51': 'inpatient psychiatric facility',
  '53': 'community mental health center',
  '61': 'inpatient rehabilitation facility',
  '62': 'outpatient rehabilitation facility',
  '65': 'end-stage renal disease facility',
  '71': 'public health clinic',
  '72': 'rural health clinic',
  '81': 'independent laboratory',
  '99': 'other place of service',
};

export const CODE_MEANINGS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  'TOO01': { [TOOTH_SYSTEM_QUALIFIER]: 'the ADA Universal/National Tooth Designation System' },
  'TOO02': TOOTH_NAMES,
  // One surface is written without a component separator: the composite's value is that surface.
  'TOO03': TOOTH_SURFACES,
  'TOO03-1': TOOTH_SURFACES,
  'TOO03-2': TOOTH_SURFACES,
  'TOO03-3': TOOTH_SURFACES,
  'TOO03-4': TOOTH_SURFACES,
  'TOO03-5': TOOTH_SURFACES,
  'CLM05-1': PLACE_OF_SERVICE,
  'SV105': PLACE_OF_SERVICE,
  'CLM05-2': { B: 'CLM05-1 is a place of service (professional or dental claim)', A: 'CLM05-1 is a facility type, the first digits of a type of bill (institutional claim)' },
  'CLM05-3': {
    '1': 'original claim',
    '7': 'replacement of a prior claim (it replaces the claim it names)',
    '8': 'void of a prior claim (its lines take no part in the checks)',
  },
  'CLM07': { A: 'assigned', B: 'assignment accepted on clinical lab services only', C: 'not assigned' },
  'CLM08': { Y: 'benefits assigned to the provider', N: 'benefits not assigned', W: 'not applicable' },
  'CLM09': { I: 'informed consent to release information', Y: 'signed consent to release information' },
  'SBR01': { P: 'primary payer', S: 'secondary payer', T: 'tertiary payer', A: 'payer 4', B: 'payer 5', U: 'unknown' },
  'SBR09': {
    '09': 'self-pay',
    '11': 'other non-federal program',
    '12': 'PPO',
    '13': 'POS plan',
    '14': 'EPO',
    '15': 'indemnity insurance',
    '16': 'HMO Medicare risk',
    '17': 'dental maintenance organization',
    AM: 'automobile medical',
    BL: 'Blue Cross/Blue Shield',
    CH: 'CHAMPUS (TRICARE)',
    CI: 'commercial insurance',
    DS: 'disability',
    FI: 'Federal Employees Program',
    HM: 'HMO',
    LM: 'liability medical',
    MA: 'Medicare Part A',
    MB: 'Medicare Part B',
    MC: 'Medicaid',
    OF: 'other federal program',
    TV: 'Title V',
    VA: 'Veterans Affairs plan',
    WC: 'workers\' compensation',
    ZZ: 'mutually defined (unknown)',
  },
  'SV103': { UN: 'units', MJ: 'minutes' },
  'SV204': { UN: 'units', DA: 'days' },
  'HI*-1': {
    ABK: 'principal diagnosis (ICD-10-CM)',
    ABF: 'other diagnosis (ICD-10-CM)',
    ABJ: 'admitting diagnosis (ICD-10-CM)',
    APR: 'patient\'s reason for visit (ICD-10-CM)',
    ABN: 'external cause of injury (ICD-10-CM)',
    BK: 'principal diagnosis (ICD-9-CM)',
    BF: 'other diagnosis (ICD-9-CM)',
    BJ: 'admitting diagnosis (ICD-9-CM)',
    BBR: 'principal procedure (ICD-10-PCS)',
    BBQ: 'other procedure (ICD-10-PCS)',
    BE: 'value code',
    BG: 'condition code',
    BH: 'occurrence code',
    BI: 'occurrence span code',
    DR: 'diagnosis related group (DRG)',
  },
  'NM108': {
    XX: 'NPI (National Provider Identifier)',
    MI: 'member identification number',
    PI: 'payer identification',
    II: 'standard unique health identifier',
    '46': 'electronic transmitter identification number',
    '24': 'employer identification number',
    '34': 'social security number',
  },
};

/** The meaning of code `value` in element `reference` (`SBR09`, `CLM05-3`, `HI02-1`), or undefined. */
export function codeMeaning(reference: string, value: string): string | undefined {
  const key = /^HI\d{2}-1$/.test(reference) ? 'HI*-1' : reference;
  const codes = Object.hasOwn(CODE_MEANINGS, key) ? CODE_MEANINGS[key] : undefined;
  return codes !== undefined && Object.hasOwn(codes, value) ? codes[value] : undefined;
}
