// The segment ids the 837 reader (parse837.ts and its loop modules) dispatches on, as
// segmentIdCode numbers: data shared by the modules that read them.

import { segmentIdCode } from './segment-index';

/**
 * segmentIdCode of the segment ids the parser reads (checked against segmentIdCode at load), as
 * literals so that `run` dispatches with one switch; every other segment only extends the loop
 * it is in.
 */
export const ISA = 7498177;
export const IEA = 7496385;
export const GS = 41939;
export const GE = 41925;
export const ST = 43476;
export const SE = 43461;
/** TA1, an interchange acknowledgment, sits between ISA and GS. */
export const TA1 = 7676081;
export const HL = 42060;
export const NM1 = 7579313;
export const CLM = 7398989;
export const DTP = 7416400;
export const LX = 42584;
export const SV1 = 7662385;
export const SV2 = 7662386;
export const SV3 = 7662387;
/** SBR: in a claim, before its first line, it starts a 2320 loop (another payer's subscriber). */
export const SBR = 7659858;
/** REF: in a claim, before its lines and other payers, REF*F8 names the claim a replacement or void is for. */
export const REF = 7643846;
/** TOO: an 837D line's tooth and its surfaces. */
export const TOO = 7677903;
/** DN2: an 837D claim's tooth status (a tooth missing, extracted...). */
export const DN2 = 7415602;
/** HI: a claim's diagnosis codes (and other health care codes), which its lines' pointers name. */
export const HI = 42057;
/** AMT, CAS, SVD: other payers' paid amounts and adjustments (2320 and 2430), which balance (cobBalance.ts). */
export const AMT = 7366356;
export const CAS = 7397587;
export const SVD = 7662404;
/** N3, N4, DMG: a name loop's address and demographics (the subscriber's, when the subscriber is the patient: subscriberPatient.ts). */
export const N3 = 42803;
export const N4 = 42804;
export const DMG = 7415495;
/** LIN: a service line's drug (2410), whose NDC has one form (drugIdentification.ts). */
export const LIN = 7546062;
/** PWK: a claim's or a line's paperwork, whose attachment sent apart has a control number (attachments.ts). */
export const PWK = 7613387;
for (const [id, code] of [
  ['ISA', ISA], ['IEA', IEA], ['GS', GS], ['GE', GE], ['ST', ST], ['SE', SE], ['TA1', TA1], ['HL', HL], ['NM1', NM1],
  ['CLM', CLM], ['DTP', DTP], ['LX', LX], ['SV1', SV1], ['SV2', SV2], ['SV3', SV3], ['SBR', SBR], ['REF', REF], ['TOO', TOO], ['DN2', DN2], ['HI', HI], ['AMT', AMT], ['CAS', CAS], ['SVD', SVD], ['N3', N3], ['N4', N4], ['DMG', DMG], ['LIN', LIN], ['PWK', PWK],
] as const) {
  if (segmentIdCode(id) !== code) throw new Error(`segment id code of ${id} is ${segmentIdCode(id)}, not ${code}`);
}

/** Segments that belong outside ST..SE. */
export function isEnvelopeCode(code: number): boolean {
  return code === ISA || code === IEA || code === GS || code === GE || code === ST || code === SE || code === TA1;
}
