// Procedure code modifiers: what each means (in our own words, one line for hovers) and whether
// it is an NCCI-associated modifier, i.e. one that lets a PTP edit with modifier indicator 1 pass.
// Source for the NCCI list: the CMS NCCI Policy Manual, chapter I, "Modifiers and Modifier
// Indicators" (anatomic, global surgery, and the 27/59/91/X{EPSU} modifiers).

import { EM_CODES_SHOWN } from './evaluationManagement';

export type ModifierGroup = 'anatomic' | 'global-surgery' | 'distinct-service' | 'other';

/**
 * When an NCCI-associated modifier lets an indicator-1 PTP edit pass (checkPtp reads this):
 * - 'procedure-line': on either line whose own code is not an E/M code (evaluationManagement.ts): 59 and
 *   XE/XS/XP/XU describe procedures, and CMS says not to use them on an E/M service, which takes
 *   25 beside a procedure (NCCI policy manual, chapter I; "Proper Use of Modifiers 59 & -X{EPSU}");
 *   so against an E/M code in column 2 (a visit bundled into the procedure) they do not count on
 *   the procedure either: that pair passes with 25 on the E/M line;
 * - 'surgical-line': on either line whose own code is not an E/M code: 58, 78 and 79 say a
 *   procedure was staged, a return to the operating room or unrelated, in a postoperative period;
 *   a visit there takes 24 (or 25, 57), so on an E/M code they do not count;
 * - 'different-sites': both lines carry anatomic modifiers and no site is on both (RT on one
 *   line, LT on the other); the same site on both, or a site on one line only, does not;
 * - 'with-em': on a line whose own code is an E/M code;
 * - 'hospital-em': on a line whose own code is an E/M code, of a claim the outpatient hospital
 *   table judges (27: several E/M encounters at the hospital on one day; CMS's OPPS rules, so a
 *   practitioner's claim does not use it);
 * - 'laboratory': on a line whose own code is a laboratory code (80047-89398, PLA dddd U);
 * - 'never': not an NCCI-associated modifier.
 */
export type PtpBypass = 'procedure-line' | 'surgical-line' | 'different-sites' | 'with-em' | 'hospital-em' | 'laboratory' | 'never';

export interface ModifierInfo {
  code: string;
  meaning: string;
  /** When it satisfies an indicator-1 PTP edit. */
  ptpBypass: PtpBypass;
  /** NCCI-associated (ptpBypass is not 'never'). */
  bypassesPtp: boolean;
  group: ModifierGroup;
}

/** Why each bypass condition holds, for hovers (one sentence, our own words). */
export const PTP_BYPASS_REASONS: Readonly<Record<PtpBypass, string>> = {
  'procedure-line':
    `On either line of a pair it lets an NCCI edit with modifier indicator 1 pass, when the documentation shows the services were distinct; not on an E/M code (${EM_CODES_SHOWN}), where CMS says not to use it; nor on the procedure against an E/M code in column 2 (a visit the procedure bundles): such a visit takes 25 (or 57) on the E/M line.`,
  'surgical-line':
    `On either line of a pair it lets an NCCI edit with modifier indicator 1 pass, when the documentation shows the procedure was staged, a return to the operating room or unrelated; not on an E/M code (${EM_CODES_SHOWN}): a visit in a postoperative period takes 24 (or 25, 57).`,
  'different-sites':
    'It lets an NCCI edit with modifier indicator 1 pass only when the other line names a different site: the same site named on both lines (RT on each, RT on one and LT and RT on the other, or RT on one and a right digit such as T5 on the other), or a site named on one line only, is still the same procedure area.',
  'with-em':
    `It describes an evaluation and management visit, so it lets an NCCI edit with modifier indicator 1 pass only on the E/M code of the pair (${EM_CODES_SHOWN}).`,
  'hospital-em':
    `It is a hospital outpatient modifier: it lets an NCCI edit with modifier indicator 1 pass only on an E/M code (${EM_CODES_SHOWN}) of an outpatient hospital claim (judged by the hospital table); a practitioner's claim does not use it.`,
  laboratory:
    'It marks a repeated laboratory test, so it lets an NCCI edit with modifier indicator 1 pass only between laboratory codes (80047-89398 and PLA codes such as 0001U).',
  never: 'It does not affect NCCI procedure-to-procedure edits.',
};

function anatomic(code: string, meaning: string): ModifierInfo {
  return { code, meaning, ptpBypass: 'different-sites', bypassesPtp: true, group: 'anatomic' };
}

function ncci(code: string, group: ModifierGroup, meaning: string, ptpBypass: Exclude<PtpBypass, 'never' | 'different-sites'>): ModifierInfo {
  return { code, meaning, ptpBypass, bypassesPtp: true, group };
}

function other(code: string, meaning: string): ModifierInfo {
  return { code, meaning, ptpBypass: 'never', bypassesPtp: false, group: 'other' };
}

export const MODIFIERS: readonly ModifierInfo[] = [
  // Anatomic
  anatomic('E1', 'Upper left eyelid'),
  anatomic('E2', 'Lower left eyelid'),
  anatomic('E3', 'Upper right eyelid'),
  anatomic('E4', 'Lower right eyelid'),
  anatomic('FA', 'Left hand, thumb'),
  anatomic('F1', 'Left hand, second finger'),
  anatomic('F2', 'Left hand, third finger'),
  anatomic('F3', 'Left hand, fourth finger'),
  anatomic('F4', 'Left hand, fifth finger'),
  anatomic('F5', 'Right hand, thumb'),
  anatomic('F6', 'Right hand, second finger'),
  anatomic('F7', 'Right hand, third finger'),
  anatomic('F8', 'Right hand, fourth finger'),
  anatomic('F9', 'Right hand, fifth finger'),
  anatomic('TA', 'Left foot, great toe'),
  anatomic('T1', 'Left foot, second toe'),
  anatomic('T2', 'Left foot, third toe'),
  anatomic('T3', 'Left foot, fourth toe'),
  anatomic('T4', 'Left foot, fifth toe'),
  anatomic('T5', 'Right foot, great toe'),
  anatomic('T6', 'Right foot, second toe'),
  anatomic('T7', 'Right foot, third toe'),
  anatomic('T8', 'Right foot, fourth toe'),
  anatomic('T9', 'Right foot, fifth toe'),
  anatomic('LT', 'Performed on the left side of the body'),
  anatomic('RT', 'Performed on the right side of the body'),
  anatomic('LC', 'Left circumflex coronary artery'),
  anatomic('LD', 'Left anterior descending coronary artery'),
  anatomic('LM', 'Left main coronary artery'),
  anatomic('RC', 'Right coronary artery'),
  anatomic('RI', 'Ramus intermedius coronary artery'),
  // Global surgery
  ncci('24', 'global-surgery', 'Unrelated evaluation and management visit during a postoperative period', 'with-em'),
  ncci('25', 'global-surgery', 'Significant, separately identifiable E/M service on the day of a procedure', 'with-em'),
  ncci('57', 'global-surgery', 'E/M visit at which the decision for major surgery was made', 'with-em'),
  ncci('58', 'global-surgery', 'Staged or related procedure during the postoperative period', 'surgical-line'),
  ncci('78', 'global-surgery', 'Unplanned return to the operating room for a related procedure during the postoperative period', 'surgical-line'),
  ncci('79', 'global-surgery', 'Unrelated procedure during the postoperative period', 'surgical-line'),
  // Distinct services
  ncci('27', 'distinct-service', 'Several outpatient hospital E/M encounters on the same day', 'hospital-em'),
  ncci('59', 'distinct-service', 'Distinct procedural service (use an X modifier when one fits)', 'procedure-line'),
  ncci('91', 'distinct-service', 'Repeat clinical laboratory test on the same day to get new results', 'laboratory'),
  ncci('XE', 'distinct-service', 'Separate encounter: a service distinct because it happened at a different encounter', 'procedure-line'),
  ncci('XS', 'distinct-service', 'Separate structure: a service on a different organ or structure', 'procedure-line'),
  ncci('XP', 'distinct-service', 'Separate practitioner: a service by a different practitioner', 'procedure-line'),
  ncci('XU', 'distinct-service', 'Unusual non-overlapping service: distinct because it does not overlap the main service', 'procedure-line'),
  // Common others (no effect on PTP edits)
  other('22', 'Increased procedural services: substantially more work than usual'),
  other('26', 'Professional component only (the interpretation)'),
  other('TC', 'Technical component only (equipment, staff, supplies)'),
  other('32', 'Mandated service (required by a payer, agency or court)'),
  other('33', 'Preventive service (cost sharing waived)'),
  other('47', 'Anesthesia given by the surgeon'),
  other('50', 'Bilateral procedure done in the same session'),
  other('51', 'Multiple procedures in the same session'),
  other('52', 'Reduced services: part of the procedure was not done'),
  other('53', 'Discontinued procedure, stopped for the patient\'s safety'),
  other('54', 'Surgical care only (someone else does pre- and postoperative care)'),
  other('55', 'Postoperative management only'),
  other('56', 'Preoperative management only'),
  other('62', 'Two surgeons, each doing a distinct part'),
  other('66', 'Surgical team'),
  other('73', 'Outpatient procedure discontinued before anesthesia'),
  other('74', 'Outpatient procedure discontinued after anesthesia'),
  other('76', 'Repeat procedure by the same practitioner'),
  other('77', 'Repeat procedure by another practitioner'),
  other('80', 'Assistant surgeon'),
  other('82', 'Assistant surgeon when no qualified resident was available'),
  other('90', 'Laboratory test done by an outside reference laboratory'),
  other('93', 'Telehealth by audio only'),
  other('95', 'Synchronous telehealth by real-time audio and video'),
  other('AS', 'Assistant at surgery who is a physician assistant, nurse practitioner or clinical nurse specialist'),
  other('FQ', 'Service furnished by audio-only communication'),
  other('GA', 'Advance beneficiary notice (waiver of liability) on file'),
  other('GC', 'Done in part by a resident under a teaching physician'),
  other('GQ', 'Asynchronous (store-and-forward) telehealth'),
  other('GT', 'Interactive audio and video telehealth'),
  other('GY', 'Statutorily excluded, or not a Medicare benefit'),
  other('GZ', 'Expected to be denied as not reasonable and necessary; no advance notice on file'),
  other('JW', 'Drug amount discarded, not given to the patient'),
  other('JZ', 'No drug amount discarded'),
  other('KX', 'Requirements in the medical policy have been met'),
  other('PT', 'Colorectal cancer screening test that became diagnostic or therapeutic'),
  other('Q5', 'Service by a substitute physician under a reciprocal billing arrangement'),
  other('Q6', 'Service by a locum tenens (fee-for-time) physician'),
  other('QW', 'CLIA-waived laboratory test'),
  // Hospital outpatient (OPPS) billing
  other('PO', 'Excepted service at an off-campus, provider-based outpatient department of a hospital'),
  other('PN', 'Non-excepted service at an off-campus, provider-based outpatient department of a hospital (paid at the physician fee schedule rate)'),
  other('PD', 'Diagnostic or related service by a hospital-owned entity to a patient admitted as an inpatient within 3 days'),
  other('ER', 'Item or service furnished by an off-campus, provider-based emergency department'),
  other('CT', 'CT scan on equipment that does not meet the NEMA XR-29 dose standard (payment reduced)'),
  other('FX', 'X-ray taken on film (payment reduced)'),
  other('FY', 'X-ray taken with computed radiography (cassette-based) equipment (payment reduced)'),
];

export const MODIFIER_INFO: ReadonlyMap<string, ModifierInfo> = new Map(MODIFIERS.map((info) => [info.code, info]));

/** The NCCI-associated modifiers. */
export const PTP_BYPASS_MODIFIERS: ReadonlySet<string> = new Set(MODIFIERS.filter((info) => info.bypassesPtp).map((info) => info.code));

export function modifierInfo(modifier: string): ModifierInfo | undefined {
  return MODIFIER_INFO.get(modifier.trim().toUpperCase());
}

/** Whether a modifier (any case, surrounding blanks ignored) is NCCI-associated. */
export function isPtpBypassModifier(modifier: string): boolean {
  return PTP_BYPASS_MODIFIERS.has(modifier) || PTP_BYPASS_MODIFIERS.has(modifier.trim().toUpperCase());
}

/**
 * The side (LT or RT) an anatomic modifier of a digit or an eyelid is on: a line with RT and one
 * with T5 (the right great toe) name the same side, not different sites.
 */
const SIDE_OF_SITE: ReadonlyMap<string, 'LT' | 'RT'> = new Map([
  ...['E1', 'E2', 'FA', 'F1', 'F2', 'F3', 'F4', 'TA', 'T1', 'T2', 'T3', 'T4'].map((code) => [code, 'LT'] as const),
  ...['E3', 'E4', 'F5', 'F6', 'F7', 'F8', 'F9', 'T5', 'T6', 'T7', 'T8', 'T9'].map((code) => [code, 'RT'] as const),
]);

/** The side a digit's or an eyelid's anatomic modifier is on (`LT` or `RT`), or null for any other. */
export function sideOfSite(site: string): 'LT' | 'RT' | null {
  return SIDE_OF_SITE.get(site) ?? null;
}

/** Whether two anatomic modifiers name one site: the same one, or a side and a digit or eyelid on that side. */
export function sitesOverlap(a: string, b: string): boolean {
  return a === b || SIDE_OF_SITE.get(a) === b || SIDE_OF_SITE.get(b) === a;
}

/** Modifiers a coder may take for a bypass that never are one (ncci-ptp.md: "22, 76 and 77 never bypass"): a finding says so. */
export const NEVER_BYPASS: readonly string[] = ['22', '76', '77'];

/** The bypass condition of a modifier (any case, blanks ignored); 'never' for the others. */
export function ptpBypassOf(modifier: string): PtpBypass {
  return (MODIFIER_INFO.get(modifier) ?? MODIFIER_INFO.get(modifier.trim().toUpperCase()))?.ptpBypass ?? 'never';
}

/**
 * What a quick fix offers for an indicator-1 edit, in order: the specific X modifiers first
 * (CMS asks for them over 59), then 59.
 */
export const PTP_FIX_MODIFIERS: readonly { code: string; meaning: string }[] = [
  { code: 'XE', meaning: 'separate encounter' },
  { code: 'XS', meaning: 'separate structure or organ' },
  { code: 'XP', meaning: 'separate practitioner' },
  { code: 'XU', meaning: 'unusual non-overlapping service' },
  { code: '59', meaning: 'distinct procedural service' },
];

/**
 * What a quick fix offers when the column-2 code of an indicator-1 edit is an E/M code
 * (evaluationManagement.ts): 59 and the X modifiers are for procedures, not E/M services (CPT, and the NCCI
 * policy manual); a significant, separately identifiable visit on the day of a procedure takes 25.
 */
export const PTP_FIX_MODIFIERS_EM: readonly { code: string; meaning: string }[] = [{ code: '25', meaning: 'significant, separately identifiable E/M service' }];

/**
 * What a quick fix offers when both codes of an indicator-1 edit of the outpatient hospital table
 * are E/M codes: 27, a separate E/M encounter at the hospital on the same day (an OPPS modifier);
 * 25 is a visit beside a procedure.
 */
export const PTP_FIX_MODIFIERS_HOSPITAL_EM: readonly { code: string; meaning: string }[] = [{ code: '27', meaning: 'separate E/M encounter at the hospital on the same day' }];
