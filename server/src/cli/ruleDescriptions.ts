// What each rule checks, in one sentence: the shortDescription of a SARIF report's rules, which
// code-scanning tools show beside every result of the rule. Data, kept beside the report that
// uses it; test/cli/sarif-rule-descriptions.test.ts holds every rule id the checks emit to it.

export const RULE_DESCRIPTIONS: Readonly<Record<string, string>> = {
  // NCCI coding edits.
  'ptp.conflict': 'Procedure codes that must not be reported together for the same patient, provider and date of service, across claims (NCCI PTP edit, modifier indicator 0: no modifier makes the pair payable).',
  'ptp.modifier-required': 'Procedure codes reported together for the same patient, provider and date of service without an NCCI-associated modifier (NCCI PTP edit, modifier indicator 1).',
  'ptp.other-rendering-provider': 'An NCCI PTP pair reported for one patient and date by different rendering providers of one billing provider: not a conflict, but the payer may want modifier XP.',
  'mue.exceeded': 'Units of a code over its NCCI medically unlikely edit (MUE) value for one line (MAI 1) or for one patient, provider and date (MAI 2: policy; MAI 3: clinical, appealable).',
  'mue.not-payable': 'A code whose NCCI MUE value is 0 for this type of claim: it is not payable.',
  'mue.units-unknown': 'A line of a code with an NCCI MUE whose unit count is missing or unreadable, or below 0, so it is counted as 1 unit.',
  'mue.line-repeated': 'A code whose NCCI MUE is judged per line (MAI 1) reported again for the same patient, provider and dates with the same modifiers (or none): units split past the MUE, or a duplicate a payer may deny; a repeat says so with a modifier (76, 77, 91, a site).',
  'mue.no-units-column': 'A claim CSV without a units column, checked against MUE tables: each line is taken as one unit of service.',
  'ncci.table-not-loaded': "Claims judged by an NCCI table (practitioner or outpatient hospital) that is not loaded while the other claim type's is: their lines were not checked against it.",
  'ncci.not-applicable': 'Claims of a file that no NCCI table judges (dental claims, and facility bills CMS does not edit, such as inpatient ones): their lines were not paired, counted against an MUE or checked for add-on codes.',
  'aoc.primary-missing': 'An add-on code reported without one of its primary procedures by the same provider for the same patient and date (NCCI add-on code edit).',

  // The file as a whole.
  'claimlint.unrecognized-format': 'The file is neither an X12 837 nor a claim CSV export, so nothing in it was checked.',
  'claimlint.empty-file': 'The file is empty.',
  'claimlint.diagnostics-capped': 'A document with more findings than the editor is sent: how many were left out (errors are sent first).',
  'claimlint.encoding': 'The file is not in an encoding Claimlint reads (UTF-16 without a byte order mark, EBCDIC, or not UTF-8): save it as UTF-8 or ASCII.',
  'claimlint.internal-error': 'Claimlint failed on this file; other files are unaffected.',

  // X12 837: envelope, counts and the claim values the coding checks read.
  'x12.isa-missing': 'No ISA segment at the start of the file: an X12 interchange begins with ISA, which sets the delimiters, so without it no claim is read (a transaction set pasted from ST or GS needs its ISA and GS header too).',
  'x12.isa-malformed': 'The ISA segment cannot be read (its delimiters or fixed fields are not where the standard puts them).',
  'x12.isa-width': 'ISA fields not padded to their fixed widths (the header is 106 characters); many receivers reject it.',
  'x12.text-before-isa': 'Text before the ISA header, which is not part of the interchange.',
  'x12.envelope-unclosed': 'An interchange, functional group or transaction set without its trailer (IEA, GE, SE).',
  'x12.envelope-unmatched': 'An envelope segment out of place: a trailer (IEA, GE, SE) without the header it closes, or a GS or ST outside the interchange or group it belongs in.',
  'x12.outside-transaction': 'A segment outside any ST..SE transaction set.',
  'x12.not-a-claim-transaction': 'A transaction set that is not an 837 (an 835 remittance, a 999, a 277...): it holds no claims, and its segments are not checked.',
  'x12.se01-count': 'SE01 does not count the segments of its transaction set.',
  'x12.segment-empty': 'An empty segment: a segment terminator right after the one before, with nothing between them.',
  'x12.se02-control': 'SE02 does not match ST02, the transaction set control number.',
  'x12.ge01-count': 'GE01 does not count the transaction sets of its functional group.',
  'x12.ge02-control': 'GE02 does not match GS06, the group control number.',
  'x12.iea01-count': 'IEA01 does not count the functional groups of its interchange.',
  'x12.iea02-control': 'IEA02 does not match ISA13, the interchange control number.',
  'x12.lx-sequence': 'LX service line numbers that do not run 1, 2, 3... within a claim.',
  'x12.line-outside-claim': 'A service line (LX, SV1, SV2, SV3) that belongs to no claim (no CLM before it in its subscriber or patient loop).',
  'x12.service-missing': 'An X12 837 service line (2400 loop) without its SV1, SV2 or SV3 segment.',
  'x12.revenue-code-invalid': 'An 837I revenue code (SV201) that is not 4 digits (NUBC codes such as 0450; 450 lost its leading zero).',
  'x12.line-date-missing': 'Service lines of an outpatient 837I claim whose statement covers more than a day without their own date of service (DTP*472): each is taken over the whole period.',
  'x12.payer-claim-number-missing': 'A replacement (CLM05-3 7) or void (8) claim without REF*F8, the payer\'s control number of the claim it replaces or voids: the implementation guides require it.',
  'x12.attachment-control-missing': 'A claim\'s or service line\'s attachment sent apart from the 837 (PWK02 BM, EL, EM, FT or FX) without its attachment control number (PWK05 AC and PWK06), by which the payer matches it to the claim.',
  'x12.ndc-invalid': 'A service line\'s drug (2410 LIN) whose LIN02 is N4 (an NDC in 5-4-2 form) but whose LIN03 is not 11 digits: hyphens, a 10-digit NDC without its leading zero, or another length.',
  'x12.tooth-invalid': 'An 837D tooth (TOO02, or the claim\'s tooth status DN201) that is no tooth number of the Universal/National Tooth Designation System (1-32, A-T, 51-82, AS-TS).',
  'x12.tooth-surface-invalid': 'An 837D tooth surface (TOO03) that is no surface code (B, D, F, I, L, M, O), or one named twice for a tooth.',
  'x12.cob-unbalanced': 'Another payer\'s amounts on a claim it adjudicated do not balance: a line\'s charge minus that payer\'s 2430 CAS adjustments is not its SVD02, or CLM02 minus that payer\'s 2320 and 2430 CAS adjustments is not its 2320 AMT*D. Clearinghouses reject the claim.',
  'x12.svd-payer-unknown': 'A line\'s other-payer payment (2430 SVD) names in SVD01 a payer that is none of the claim\'s other payers (2330B NM1*PR NM109).',
  'x12.diagnosis-code-invalid': 'A diagnosis code of the claim\'s HI that a clearinghouse rejects: an ICD-10-CM code written with its decimal point or not in the form of one, or, in a 5010 claim, ICD-9-CM codes for services on or after October 1, 2015.',
  'x12.subscriber-patient': 'A 5010 subscriber loop with claims of its own and no patient loop (2000C) under it, whose SBR02 is empty: the subscriber is then the patient, and SBR02 must be 18. Also: the subscriber as the patient of its own claims without N3, N4 or DMG in its name loop (2010BA).',
  'x12.npi-invalid': 'A provider\'s NM1 whose NM108 is XX and whose NM109 is no National Provider Identifier: not ten digits, or a last digit that is not the Luhn check digit of the first nine (prefix 80840). Clearinghouses reject the claim.',
  'x12.diagnosis-pointer': 'A service line\'s diagnosis pointer (SV107 on an 837P, SV311 on an 837D) that names no diagnosis code of its claim\'s HI (past the last one, or 0), or lines with pointers on a claim with no HI: the clearinghouse rejects the claim.',
  'x12.line-date-outside-statement': 'An 837I line whose own date of service (DTP*472) falls outside its claim\'s statement period (DTP*434): payers return such a claim to the provider.',
  'x12.clm02-sum': 'CLM02, the claim total, is not the sum of its service lines\' charges.',
  'x12.amount-invalid': 'A monetary amount that is not a number.',
  'x12.date-invalid': 'A date that is not a valid date in its format (D8, RD8), or a range that ends before it starts.',
  'x12.procedure-code-invalid': 'A procedure code that is not one of a CPT, HCPCS or CDT code\'s shapes.',

  // CSV claim exports.
  'csv.no-patient-column': 'A claim CSV export without a patient, member or claim id column (or a patient name or birth date column): every row is taken as the same patient.',
  'csv.patient-per-claim': 'A claim CSV export that names its claims but not their patients (no patient, member, name or birth date column): each claim is taken as its own patient\'s, so no pair across claims is checked.',
  'csv.no-date-column': 'A claim CSV export without a date of service column: its lines are paired with no other.',
  'csv.date-invalid': 'A date of service that is not a date in a form Claimlint reads.',
  'csv.date-missing': 'A claim CSV row with a procedure code and no date of service, written or taken from the row of its claim before it: it is paired with no other line.',
  'csv.procedure-code-invalid': 'A procedure code cell that is not a CPT, HCPCS or CDT code.',
  'csv.modifier-invalid': 'A modifier cell holding something other than two-character modifiers, or a row with more than four modifiers.',
  'csv.units-invalid': 'A units cell that is not a number of units.',
  'csv.amount-invalid': 'A charge cell that is not an amount.',
  'csv.claim-type-unknown': 'A claim type or bill type cell that names no claim type Claimlint knows: the claim is judged as a professional one.',
  'csv.claim-frequency-invalid': 'A claim frequency cell that is not a claim frequency code (1 original, 7 replacement, 8 void...).',
  'csv.quote-unterminated': 'A quoted cell whose closing quote is missing: the rest of the file would be read as one cell.',
  'csv.row-long': 'A row with more cells than its header.',
  'csv.row-short': 'A row with fewer cells than its header.',
  'csv.totals-row': 'A spreadsheet totals row (Total, Grand Total, Subtotal) with no procedure code or date of service: not read as a claim; said once a file.',

  // The 837 implementation guides (claimlint.guideChecks full, --guide full).
  'guide.segment-unexpected': 'A segment the implementation guide has no place for at this point of the transaction set.',
  'guide.segment-missing': 'A segment the implementation guide requires here is missing.',
  'guide.loop-missing': 'A loop the implementation guide requires here is missing.',
  'guide.segment-max-use': 'A segment repeated more times than the implementation guide allows.',
  'guide.loop-max-repeat': 'A loop repeated more times than the implementation guide allows.',
  'guide.segment-not-used': 'A segment the implementation guide marks as not used.',
  'guide.loop-not-used': 'A loop the implementation guide marks as not used.',
  'guide.element-missing': 'An element the implementation guide requires is empty or missing.',
  'guide.element-not-used': 'An element the implementation guide marks as not used has a value.',
  'guide.element-length': 'An element shorter or longer than the implementation guide allows.',
  'guide.element-type': 'An element that is not of its type: a number, a date or time, or a date in the format its qualifier names.',
  'guide.code-invalid': 'A code that is not in the element\'s list of valid codes in the implementation guide.',
  'guide.element-format': 'An element that is not in the form the implementation guide requires (nine digits, say).',
  'guide.element-trailing-spaces': 'An element that ends in spaces, which the implementation guide does not allow.',
  'guide.syntax': 'A syntax note of the segment is broken: paired (P), required (R), conditional (C), exclusive (E) or list conditional (L) elements.',
  'guide.too-many-elements': 'A segment with more elements than the implementation guide defines.',
  'guide.too-many-components': 'A composite element with more components than the implementation guide defines.',
  'guide.too-many-repetitions': 'A repetition separator in an element that does not repeat.',
  'guide.trailing-separator': 'A segment or composite that ends in empty elements and their separators.',
  'guide.character-set': 'A character outside the X12 basic and extended character sets.',
  'guide.segment-id-invalid': 'A segment id that is not two or three capital letters and digits, starting with a letter.',
  'guide.segment-leading-blanks': 'Segments that start with blanks (spaces or tabs after the terminator), which receivers read as part of the segment id.',
  'guide.segment-too-long': 'A segment longer than any the implementation guide has (a segment terminator missing?); its elements were not checked.',
  'guide.hl-sequence': 'HL01 hierarchical ids that do not run 1, 2, 3... within the transaction set.',
  'guide.hl-parent': 'HL02 names a parent that is not an HL level open above this one.',
  'guide.hl-parent-order': 'HL02 names a parent whose branch has already ended.',
  'guide.hl-level': 'HL02 names a parent of a level its own does not hang under (a patient under a billing provider).',
  'guide.hl-child-flag': 'HL04 says whether child levels follow, and does not match the HLs after it.',
  'guide.control-number-repeated': 'A control number used twice: ISA13 in the file, GS06 in an interchange, or ST02 in a group.',
  'guide.version-mismatch': 'ISA12, GS08 and ST03 disagree with each other, or the service lines are of another claim type than the guide\'s.',
  'guide.not-validated': 'A transaction set of an implementation guide Claimlint has no map of: only its envelope, counts and coding are checked.',
  'guide.nearest-guide': 'A later errata of a guide, checked against the nearest earlier guide Claimlint has.',
};

/** A rule's description; for an id not in the table, its family. */
export function ruleDescription(id: string): string {
  const known = Object.hasOwn(RULE_DESCRIPTIONS, id) ? RULE_DESCRIPTIONS[id] : undefined;
  if (known !== undefined) return known;
  if (id.startsWith('x12.')) return 'X12 837 structure.';
  if (id.startsWith('csv.')) return 'CSV claim export structure.';
  if (id.startsWith('guide.')) return 'The 837 implementation guide.';
  return id;
}

/**
 * The tags of each rule family (its id's prefix), which code-scanning tools offer as filters: the
 * NCCI coding edits apart from the file's structure, and the structure by what checks it.
 */
const FAMILY_TAGS: Readonly<Record<string, readonly string[]>> = {
  ptp: ['ncci', 'coding', 'ptp'],
  mue: ['ncci', 'coding', 'mue'],
  aoc: ['ncci', 'coding', 'add-on-code'],
  ncci: ['ncci', 'coding'],
  x12: ['x12', 'structure'],
  guide: ['x12', 'structure', 'implementation-guide'],
  csv: ['csv', 'structure'],
  claimlint: ['file'],
};

/** A rule's tags by its family; [] for an id of no family. */
export function ruleTags(id: string): readonly string[] {
  const family = id.slice(0, id.indexOf('.'));
  return Object.hasOwn(FAMILY_TAGS, family) ? FAMILY_TAGS[family]! : [];
}
