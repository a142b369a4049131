// Header names that identify each column role in a claim CSV, kept as data.
//
// How the table is used (see columnLayout.ts):
//  - A header cell is normalized with normalizeHeader(): lowercased, every character that is not
//    a-z or 0-9 removed. "Claim #", "CLAIM_NO" and "claim-no" become "claim" / "claimno".
//  - The names below are already normalized. A column gets a role only on an exact match, so
//    "Diagnosis Code" ("diagnosiscode") is never mistaken for "code". A header that matches none
//    is tried again without its parts in brackets when each names a format or a code set
//    (BRACKET_HINTS: "Date of Service (MM/DD/YYYY)", "Procedure Code (CPT/HCPCS)"), ranked after
//    every name matched as written; a part that says what the column is ("Date (Paid)", "NPI
//    (Referring)", "CPT (Description)") leaves the header unmatched.
//  - Within one role, names are listed from most to least specific. When several columns match
//    the same role, the column whose name comes first in the list wins (ties: the leftmost
//    column); the others get no role. So "CPT Code" beats a generic "Code" column.
//  - A normalized name belongs to exactly one role (a unit test checks this).
//  - Modifiers: either one column holding several modifiers separated by anything that is not a
//    letter or digit (comma, space, colon, hyphen, ...), or numbered columns modifier1..modifier4.
//    When numbered columns exist, an unnumbered "Modifier"/"Mod" column without a "Modifier 1"
//    is taken as modifier 1 ("Mod, Mod 2, Mod 3, Mod 4").

import type { ClaimKind, CsvColumnRole } from '../model';

export const COLUMN_NAMES: Record<CsvColumnRole, readonly string[]> = {
  claimId: [
    'claimid', 'claimno', 'claimnumber', 'claimnum', 'claimnbr', 'claim', 'claimcontrolnumber',
    // CLM01 of the 837 and UB-04 form locator 3a: the claim's own number at the provider.
    'patientcontrolnumber', 'patientcontrolno', 'patientcontrolnum', 'patientcontrolnbr', 'patientcontrolid',
    'claimsubmittersidentifier', 'claimsubmitterid',
    'clmid', 'clmno', 'clmnumber', 'clm', 'icn', 'tcn', 'dcn', 'encounterid', 'encounternumber',
    'encounterno', 'encounter', 'visitid', 'visitnumber', 'visitno', 'invoicenumber', 'invoiceno',
    'invoice',
  ],
  patientId: [
    'patientid', 'memberid', 'mrn', 'subscriberid', 'patientaccountnumber', 'patientaccountno',
    'patientaccount', 'patientnumber', 'patientno', 'membernumber', 'memberno', 'subscribernumber',
    'subscriberno', 'insuredid', 'medicalrecordnumber', 'medicalrecordno', 'chartnumber', 'chartno',
    'beneficiaryid', 'mbi', 'personid', 'accountnumber', 'accountno', 'acctno', 'acct', 'account',
    // Abbreviated as practice-management exports write them ("Pt ID", "Patient Acct #", "Pt Acct No").
    'ptid', 'ptnumber', 'ptno', 'ptnum', 'ptaccountnumber', 'ptaccountno', 'ptaccount', 'ptacctnumber',
    'ptacctno', 'ptacctnum', 'ptacct', 'patientacctnumber', 'patientacctno', 'patientacctnum',
    'patientacct', 'patientnum', 'patientnbr', 'membernum', 'membernbr', 'acctnum', 'acctnumber', 'pt',
    // "Patient MRN", "Pt MRN": the medical record number named with whose it is.
    'patientmrn', 'ptmrn', 'patientmedicalrecordnumber', 'patientmedicalrecordno',
    'patient', 'member', 'subscriber', 'chart',
  ],
  dateOfService: [
    'dos', 'dateofservice', 'datesofservice', 'servicedate', 'svcdate', 'servicefromdate',
    'dateofservicefrom', 'dosfrom', 'fromdos', 'svcfromdate', 'fromdateofservice', 'fromdate',
    'servicedt', 'svcdt', 'dateofsvc', 'servicedatefrom', 'svcdatefrom', 'servicefrom',
    'servdate', 'servdt', 'dateofserv', 'dtofservice', 'dtofsvc',
    'firstdos', 'begindos', 'beginningdos', 'startdos', 'dosbegin', 'dosstart', 'fromdateofsvc',
    'linedos', 'linedateofservice', 'lineservicedate', 'lineservicefromdate', 'linefromdate',
    'startdate', 'date',
  ],
  procedureCode: [
    'cpt', 'hcpcs', 'cpthcpcs', 'hcpcscpt', 'cptcode', 'hcpcscode', 'cpthcpcscode', 'hcpcscptcode',
    'hcpcscd', 'hcpcslevelii', 'hcpcslevel2', 'hcpcsleveliicode', 'hcpcslevel2code',
    'cpt4', 'cpt4code', 'cptiv', 'cpt4hcpcs', 'hcpcscpt4',
    'linecpt', 'linehcpcs', 'linecptcode', 'linehcpcscode', 'lineprocedurecode', 'lineproccode',
    'procedurecode', 'proccode', 'cptcd', 'proccd', 'procedure', 'proc', 'cdt',
    'cdtcode', 'adacode', 'servicecode', 'code',
  ],
  modifiers: [
    'modifiers', 'modifier', 'mods', 'mod', 'cptmodifiers', 'cptmodifier', 'hcpcsmodifiers',
    'hcpcsmodifier', 'proceduremodifiers', 'proceduremodifier', 'procmodifiers', 'procmodifier',
    'modifiercodes', 'modifiercode',
  ],
  modifier1: ['modifier1', 'mod1', 'modifier01', 'modifiera', 'moda', 'cptmodifier1', 'cptmod1', 'proceduremodifier1'],
  modifier2: ['modifier2', 'mod2', 'modifier02', 'modifierb', 'modb', 'cptmodifier2', 'cptmod2', 'proceduremodifier2'],
  modifier3: ['modifier3', 'mod3', 'modifier03', 'modifierc', 'modc', 'cptmodifier3', 'cptmod3', 'proceduremodifier3'],
  modifier4: ['modifier4', 'mod4', 'modifier04', 'modifierd', 'modd', 'cptmodifier4', 'cptmod4', 'proceduremodifier4'],
  units: [
    'units', 'unit', 'qty', 'quantity', 'daysorunits', 'daysunits', 'serviceunits', 'svcunits',
    'unitcount', 'numberofunits', 'noofunits', 'unitsofservice', 'serviceunitcount', 'billedunits',
    'unitsbilled', 'svcunitcount', 'unitqty', 'unitquantity',
    // UB-04 form locator 46 is labelled "SERV UNITS"; exports that keep a form's labels, or shorten
    // "service" their own way, write these.
    'servunits', 'servunit', 'serviceunit', 'svcunit', 'srvunits', 'srvcunits', 'unitsofsvc',
    'serviceqty', 'servicequantity', 'svcqty', 'servqty', 'billedqty', 'qtybilled', 'billedquantity',
    'quantitybilled', 'unitsordays', 'unitsdays',
  ],
  charge: [
    'charge', 'charges', 'linecharge', 'linecharges', 'chargeamount', 'chargeamt', 'billedamount',
    'billedamt', 'billedcharge', 'billedcharges', 'billed', 'linechargeamount', 'lineitemchargeamount',
    'submittedcharge', 'submittedcharges', 'submittedamount', 'chgamt', 'chgamount', 'chargesamount',
    // "Line Charge Amt", "Line Chg": the line's charge abbreviated.
    'linechargeamt', 'linechgamt', 'linechgamount', 'linechg', 'linechgs',
    // Not "Total Charge(s)": many exports repeat the claim's total beside each line under it.
    'chg', 'fee', 'amount', 'amt',
  ],
  lineNumber: [
    'line', 'lineno', 'linenumber', 'linenum', 'linenbr', 'lineitem', 'servicelinenumber',
    'servicelineno', 'svcline', 'ln', 'lineseq', 'seq', 'sequence',
  ],
  // Who performed the line: the rendering provider first, the billing provider last (beside a
  // rendering provider column, a billing provider column is read as well: BILLING_PROVIDER_NAMES).
  providerId: [
    'renderingprovidernpi', 'renderingnpi', 'renderingproviderid', 'renderingprovider', 'rendering',
    // "Rendering Prov NPI", "Rend Prov NPI", "Rend NPI": the rendering provider abbreviated.
    'renderingprovnpi', 'renderingprovid', 'renderingprov', 'rendprovnpi', 'rendprovid', 'rendprov', 'rendnpi',
    'servicingprovnpi', 'svcprovnpi', 'svcprovidernpi',
    'servicingprovidernpi', 'servicingnpi', 'servicingproviderid', 'servicingprovider', 'servicing',
    'renderingphysiciannpi', 'renderingphysician', 'servicingphysiciannpi', 'servicingphysician',
    'performingprovidernpi', 'performingnpi', 'performingprovider', 'physiciannpi', 'providernpi',
    'providerid', 'provider', 'npi', 'billingprovidernpi', 'billingnpi', 'billingproviderid', 'billingprovider',
  ],
  // Which NCCI table applies: professional (practitioner) or institutional (outpatient hospital).
  // The type of bill is ranked last: beside a claim type column it is read too (TYPE_OF_BILL_NAMES).
  claimType: ['claimtype', 'claimform', 'formtype', 'claimformat', 'billtype', 'billtypecode', 'typeofbill', 'typeofbillcode', 'tob', 'tobcode'],
};

/**
 * Claim-type columns that hold the type of bill (UB-04 form locator 4), from most to least
 * specific. Every name here is a claimType name, ranked after the claim type's own: a file with
 * one such column reads it as its claim type, whatever its name. UB-04 exports often have both
 * ("Claim Type" Institutional, "Type of Bill" 0131): beside a claim type column the type of bill's
 * is read too (ColumnLayout.typeOfBill), for the facility type and the frequency its digits say.
 */
export const TYPE_OF_BILL_NAMES: readonly string[] = ['billtype', 'billtypecode', 'typeofbill', 'typeofbillcode', 'tob', 'tobcode'];

/**
 * A revenue code column (UB-04 form locator 42), from most to least specific: no role of its own,
 * but a row with a revenue code and no procedure code is an institutional line that needs none
 * (room and board, supplies), not a code left out.
 */
export const REVENUE_CODE_NAMES: readonly string[] = ['revenuecode', 'revcode', 'revenuecd', 'revcd', 'revenue', 'rev'];

/**
 * Procedure-code columns of one code set each. An export may keep CPT codes in one column and
 * HCPCS Level II codes in another ("CPT Code", "HCPCS Code"), each row filling one of them: when
 * the header has a column of each set, the code column (the better-ranked name) is read, and the
 * other one where the code column's cell is empty. Every name here is a procedureCode name.
 */
export const CODE_SET_COLUMN_NAMES = {
  cpt: ['cpt', 'cptcode', 'cptcd', 'cpt4', 'cpt4code', 'cptiv'],
  hcpcs: ['hcpcs', 'hcpcscode', 'hcpcscd', 'hcpcslevelii', 'hcpcslevel2', 'hcpcsleveliicode', 'hcpcslevel2code'],
} as const satisfies Record<string, readonly string[]>;

/**
 * Provider columns that name the billing provider (2010AA of the 837P), from most to least
 * specific. Every name here is a providerId name, ranked after the rendering provider's: a file
 * with one provider column reads it as the line's provider, whatever its name. Beside a rendering
 * provider column, the billing provider's is read too (ColumnLayout.billingProviderId): a row's
 * provider is its rendering NPI, else its billing NPI, and rows of one billing NPI are one
 * billing group, as on an 837P.
 */
export const BILLING_PROVIDER_NAMES: readonly string[] = ['billingprovidernpi', 'billingnpi', 'billingproviderid', 'billingprovider'];

/**
 * Claim-type cells, normalized like headers, and the claim kind each names. A cell of three or
 * four digits is an institutional type of bill (0131, 851), whose facility type chooses the table
 * (rules/claimTables.ts). Another cell is read word by word (CLAIM_FORM_WORDS, claimTypes.ts);
 * one that names no kind leaves it unknown, which the checks treat as professional (and a
 * csv.claim-type-unknown finding says so).
 */
export const CLAIM_TYPE_VALUES: Readonly<Record<string, ClaimKind>> = {
  p: 'professional', prof: 'professional', professional: 'professional', '837p': 'professional',
  cms1500: 'professional', hcfa: 'professional', hcfa1500: 'professional', '1500': 'professional',
  physician: 'professional', practitioner: 'professional', '837professional': 'professional',
  professional837: 'professional', professionalclaim: 'professional',
  i: 'institutional', inst: 'institutional', institutional: 'institutional', '837i': 'institutional',
  ub04: 'institutional', ub: 'institutional', ub92: 'institutional', cms1450: 'institutional',
  hospital: 'institutional', outpatient: 'institutional', outpatienthospital: 'institutional',
  hospitaloutpatient: 'institutional', facility: 'institutional', facilityoutpatient: 'institutional',
  outpatientfacility: 'institutional', '837institutional': 'institutional', institutional837: 'institutional',
  institutionalclaim: 'institutional',
  inpatient: 'institutional', inpatienthospital: 'institutional', hospitalinpatient: 'institutional',
  facilityinpatient: 'institutional', inpatientfacility: 'institutional',
  d: 'dental', dental: 'dental', '837d': 'dental', ada: 'dental', ada2019: 'dental', dentalada: 'dental',
  adadental: 'dental', '837dental': 'dental', dental837: 'dental', dentalclaim: 'dental',
};

/**
 * Claim-type cells that name an inpatient facility claim, and the facility type they stand for
 * (11, hospital inpatient): CMS applies no NCCI table to inpatient bills. Read as words too
 * ("Institutional Inpatient").
 */
export const INPATIENT_CLAIM_TYPE_VALUES: Readonly<Record<string, string>> = {
  inpatient: '11', inpatienthospital: '11', hospitalinpatient: '11', facilityinpatient: '11', inpatientfacility: '11',
};

/**
 * Words of a claim-type cell that CLAIM_TYPE_VALUES does not hold whole ("Institutional
 * Outpatient", "837I Institutional", "Institutional (UB-04)"), normalized like headers; two
 * adjacent words are read joined too ("UB 04", "CMS-1500", "837 P"). A form word names the kind
 * of claim outright.
 */
export const CLAIM_FORM_WORDS: Readonly<Record<string, ClaimKind>> = {
  professional: 'professional', prof: 'professional', '837p': 'professional', cms1500: 'professional',
  hcfa: 'professional', hcfa1500: 'professional', '1500': 'professional', physician: 'professional',
  practitioner: 'professional',
  institutional: 'institutional', inst: 'institutional', '837i': 'institutional', ub04: 'institutional',
  ub: 'institutional', ub92: 'institutional', cms1450: 'institutional', '1450': 'institutional',
  dental: 'dental', ada: 'dental', '837d': 'dental',
};

/**
 * Words that name where the service was given: an institutional claim only when no form word
 * names the kind ("Hospital Professional" is a physician's claim for hospital services).
 */
export const CLAIM_SETTING_WORDS: Readonly<Record<string, ClaimKind>> = {
  hospital: 'institutional', facility: 'institutional', outpatient: 'institutional', inpatient: 'institutional',
};

/**
 * Setting words that say outpatient: beside an inpatient word ("Inpatient/Outpatient") they leave
 * the facility type unknown, so the claim takes the outpatient hospital table, as an 837I whose
 * type of bill is unreadable does.
 */
export const OUTPATIENT_CLAIM_TYPE_WORDS: readonly string[] = ['outpatient'];

/** Words after which a claim-type word names nothing ("Non-Facility", "Not Institutional"). */
export const CLAIM_TYPE_NEGATIONS: readonly string[] = ['non', 'not', 'no'];

/**
 * Roles that the model's CsvColumnRole does not name. A separate "to" date makes the line's date
 * of service a range; in CsvIndex.roles such a column shows role dateOfService.
 */
export const EXTRA_COLUMN_NAMES = {
  dateOfServiceTo: [
    'todate', 'dosto', 'todos', 'thrudate', 'throughdate', 'servicetodate', 'dateofserviceto',
    'svctodate', 'servicethroughdate', 'servicethrudate', 'servicedateto', 'svcdateto', 'serviceto', 'servicethru',
    'lastdos', 'enddos', 'dosend', 'dosthru', 'dosthrough', 'linetodate', 'lineservicetodate',
    'enddate', 'thru', 'through',
  ],
  // The claim frequency code (the 837's CLM05-3; the CMS-1500's box 22 resubmission code): whether
  // the claim replaces (7) or voids (8) an earlier one (claimFrequency.ts). Without such a column
  // the last digit of a type of bill says it (0137: a type-of-bill column's, else the claim-type column's).
  frequency: [
    'claimfrequencytypecode', 'claimfrequencycode', 'claimfrequencytype', 'claimfrequency', 'claimfreqcode',
    'claimfreq', 'frequencytypecode', 'frequencycode', 'frequencytype', 'frequency', 'freqcode', 'freq',
    'clm053', 'billfrequency', 'billfrequencycode', 'resubmissioncode', 'resubmission',
  ],
  // The patient's name and date of birth: beside the patient column they tell apart patients who
  // share its id (dependants on one subscriber id: csv/patientCells.ts); without it, the name (and
  // date of birth) are the patient of a file grouped by claim id. Never shown in a message.
  patientName: [
    'patientname', 'patientfullname', 'patientsname', 'nameofpatient', 'ptname', 'patientnm', 'ptnm',
    'patientlastfirst', 'patientnamelastfirst', 'patientlastfirstname',
  ],
  patientBirthDate: [
    'patientdob', 'patientdateofbirth', 'patientbirthdate', 'ptdob', 'dob', 'dateofbirth', 'birthdate', 'birthdt', 'patientbirthdt',
  ],
} as const satisfies Record<string, readonly string[]>;

/**
 * Claim frequency codes (NUBC, the type of bill's last digit; the 837's CLM05-3) a frequency cell
 * or a type of bill may name: 0 non-payment, 1 original (admit through discharge), 2-4 interim,
 * 5 late charge, 7 replacement, 8 void, 9 final home health claim. 6 (adjustment of prior claim)
 * is retired, and the letter codes (notices and payer adjustments) are not read.
 */
export const CLAIM_FREQUENCY_CODES: readonly string[] = ['0', '1', '2', '3', '4', '5', '7', '8', '9'];

/**
 * Frequency cells written as words, normalized like headers, and the code each names ("Replacement
 * of Prior Claim", "Void/Cancel", "Cancel/Void"); a code written beside its own word is read too
 * ("7 - Replacement").
 */
export const CLAIM_FREQUENCY_WORDS: Readonly<Record<string, string>> = {
  original: '1', originalclaim: '1', admitthroughdischarge: '1', admitthroughdischargeclaim: '1',
  replacement: '7', replacementclaim: '7', replacementofpriorclaim: '7', replace: '7', corrected: '7',
  correctedclaim: '7', correction: '7',
  void: '8', voided: '8', voidclaim: '8', voidcancel: '8', voidcancelofpriorclaim: '8', cancel: '8',
  cancelled: '8', canceled: '8', cancellation: '8', cancelvoid: '8', cancelvoidclaim: '8', voidcancelclaim: '8',
  cancelvoidofpriorclaim: '8',
};

/**
 * Procedure-code header names so generic that they say little on their own ("Code"). A file whose
 * code column has such a name is a claim file only if some other claim column is present and at
 * least one of its first data rows holds a well-formed procedure code.
 */
export const WEAK_PROCEDURE_CODE_NAMES: readonly string[] = ['code', 'servicecode', 'proc', 'procedure'];

/**
 * What a part in brackets of a header may say for the header to be read without it (normalized
 * like headers): a date format, or the code set a code column holds.
 */
export const BRACKET_HINTS: ReadonlySet<string> = new Set([
  'mmddyyyy', 'mmddyy', 'mdyyyy', 'mdy', 'ddmmyyyy', 'ddmmyy', 'dmy', 'yyyymmdd', 'yyyyddmm', 'ymd', 'ccyymmdd',
  'cpt', 'hcpcs', 'cpthcpcs', 'hcpcscpt', 'cpt4', 'cpt4hcpcs', 'hcpcscpt4', 'cdt', 'cptcdt', 'hcpcscdt',
]);

/** Lowercase and drop every character that is not a-z or 0-9 (ASCII; other letters are dropped too). */
export function normalizeHeader(header: string): string {
  let out = '';
  for (let i = 0; i < header.length; i++) {
    let c = header.charCodeAt(i);
    if (c >= 65 && c <= 90) c += 32;
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) out += String.fromCharCode(c);
  }
  return out;
}
