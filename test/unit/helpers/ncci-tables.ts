// Synthetic NCCI tables in CMS's layouts, for tests that load them from files.

/** The CMS practitioner MUE CSV layout: the AMA notice record over several lines, then a header whose first cell is "HCPCS/\nCPT Code"; CRLF. */
export function practitionerMueCsv(rows: readonly string[]): string {
  return [
    '"Current Procedural Terminology (CPT) codes, descriptions and other data only are copyright 2025 American Medical Association. All rights reserved. ',
    '',
    'Synthetic MUE table for tests.",,,',
    '"HCPCS/',
    'CPT Code",Practitioner Services MUE Values,MUE Adjudication Indicator,MUE Rationale',
    ...rows,
    '',
  ].join('\r\n');
}

/** An add-on code table as saved from CMS's spreadsheet: tab-delimited, Julian YYYYDDD dates, '*' for no deletion. */
export function addOnCodeTable(rows: readonly string[]): string {
  return [
    'Add-on Code\tPrimary Code\tAOC Edit Type\tAOC Effective Date\tAOC Deletion Date\tPrimary Code Effective Date\tPrimary Code Deletion Date\tSpecial Instruction Notes',
    ...rows,
    '',
  ].join('\n');
}

/** A CMS practitioner PTP text file (one part, as in ccipra-…-f1.txt): the notice, the title, the header and tab-separated rows; CRLF. */
export function practitionerPtpText(rows: readonly string[]): string {
  return [
    'CPT codes, descriptions and other data only are copyright 2025 American Medical Association. All Rights Reserved.',
    'Column 1/Column 2 Edits',
    'Column 1\tColumn 2\t*=in existence prior to 1996\tEffective Date\tDeletion Date\tModifier\tPTP Edit Rationale',
    ...rows,
  ].join('\r\n') + '\r\n';
}
