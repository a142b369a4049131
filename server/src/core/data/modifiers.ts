// Procedure code modifiers: what each means (in our own words, one line for hovers) and whether
// it is an NCCI-associated modifier, i.e. one that lets a PTP edit with modifier indicator 1 pass.
// Source for the NCCI list: the CMS NCCI Policy Manual, chapter I, "Modifiers and Modifier
// Indicators" (anatomic, global surgery, and the 27/59/91/X{EPSU} modifiers).

export type ModifierGroup = 'anatomic' | 'global-surgery' | 'distinct-service' | 'other';

export interface ModifierInfo {
  code: string;
  meaning: string;
  /** NCCI-associated: on either line of a pair, it satisfies an indicator-1 PTP edit. */
  bypassesPtp: boolean;
  group: ModifierGroup;
}

function ncci(code: string, group: ModifierGroup, meaning: string): ModifierInfo {
  return { code, meaning, bypassesPtp: true, group };
}

function other(code: string, meaning: string): ModifierInfo {
  return { code, meaning, bypassesPtp: false, group: 'other' };
}

export const MODIFIERS: readonly ModifierInfo[] = [
  // Anatomic
  ncci('E1', 'anatomic', 'Upper left eyelid'),
  ncci('E2', 'anatomic', 'Lower left eyelid'),
  ncci('E3', 'anatomic', 'Upper right eyelid'),
  ncci('E4', 'anatomic', 'Lower right eyelid'),
  ncci('FA', 'anatomic', 'Left hand, thumb'),
  ncci('F1', 'anatomic', 'Left hand, second finger'),
  ncci('F2', 'anatomic', 'Left hand, third finger'),
  ncci('F3', 'anatomic', 'Left hand, fourth finger'),
  ncci('F4', 'anatomic', 'Left hand, fifth finger'),
  ncci('F5', 'anatomic', 'Right hand, thumb'),
  ncci('F6', 'anatomic', 'Right hand, second finger'),
  ncci('F7', 'anatomic', 'Right hand, third finger'),
  ncci('F8', 'anatomic', 'Right hand, fourth finger'),
  ncci('F9', 'anatomic', 'Right hand, fifth finger'),
  ncci('TA', 'anatomic', 'Left foot, great toe'),
  ncci('T1', 'anatomic', 'Left foot, second toe'),
  ncci('T2', 'anatomic', 'Left foot, third toe'),
  ncci('T3', 'anatomic', 'Left foot, fourth toe'),
  ncci('T4', 'anatomic', 'Left foot, fifth toe'),
  ncci('T5', 'anatomic', 'Right foot, great toe'),
  ncci('T6', 'anatomic', 'Right foot, second toe'),
  ncci('T7', 'anatomic', 'Right foot, third toe'),
  ncci('T8', 'anatomic', 'Right foot, fourth toe'),
  ncci('T9', 'anatomic', 'Right foot, fifth toe'),
  ncci('LT', 'anatomic', 'Performed on the left side of the body'),
  ncci('RT', 'anatomic', 'Performed on the right side of the body'),
  ncci('LC', 'anatomic', 'Left circumflex coronary artery'),
  ncci('LD', 'anatomic', 'Left anterior descending coronary artery'),
  ncci('LM', 'anatomic', 'Left main coronary artery'),
  ncci('RC', 'anatomic', 'Right coronary artery'),
  ncci('RI', 'anatomic', 'Ramus intermedius coronary artery'),
  // Global surgery
  ncci('24', 'global-surgery', 'Unrelated evaluation and management visit during a postoperative period'),
  ncci('25', 'global-surgery', 'Significant, separately identifiable E/M service on the day of a procedure'),
  ncci('57', 'global-surgery', 'E/M visit at which the decision for major surgery was made'),
  ncci('58', 'global-surgery', 'Staged or related procedure during the postoperative period'),
  ncci('78', 'global-surgery', 'Unplanned return to the operating room for a related procedure during the postoperative period'),
  ncci('79', 'global-surgery', 'Unrelated procedure during the postoperative period'),
  // Distinct services
  ncci('27', 'distinct-service', 'Several outpatient hospital E/M encounters on the same day'),
  ncci('59', 'distinct-service', 'Distinct procedural service (use an X modifier when one fits)'),
  ncci('91', 'distinct-service', 'Repeat clinical laboratory test on the same day to get new results'),
  ncci('XE', 'distinct-service', 'Separate encounter: a service distinct because it happened at a different encounter'),
  ncci('XS', 'distinct-service', 'Separate structure: a service on a different organ or structure'),
  ncci('XP', 'distinct-service', 'Separate practitioner: a service by a different practitioner'),
  ncci('XU', 'distinct-service', 'Unusual non-overlapping service: distinct because it does not overlap the main service'),
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
