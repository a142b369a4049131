// Names of the 837 segments and their elements (ASC X12 005010), for hovers.
// Element names follow the X12 data element dictionary; positions are 1-based (SV1-01 is index 1).
// An entry marked composite names its components in `components`.

export interface SegmentInfo {
  name: string;
  /** Element names by position: elements[0] is element 01. */
  elements: string[];
  /** Component names of composite elements, keyed by element position (1-based). */
  components?: Record<number, string[]>;
}

const procedureComposite = [
  'Product/Service ID Qualifier',
  'Procedure Code',
  'Procedure Modifier 1',
  'Procedure Modifier 2',
  'Procedure Modifier 3',
  'Procedure Modifier 4',
  'Description',
];

export const x12Segments: Record<string, SegmentInfo> = {
  ISA: {
    name: 'Interchange Control Header',
    elements: [
      'Authorization Information Qualifier', 'Authorization Information', 'Security Information Qualifier',
      'Security Information', 'Interchange Sender ID Qualifier', 'Interchange Sender ID',
      'Interchange Receiver ID Qualifier', 'Interchange Receiver ID', 'Interchange Date (YYMMDD)',
      'Interchange Time (HHMM)', 'Repetition Separator (5010; the letter U in 4010)', 'Interchange Control Version Number',
      'Interchange Control Number', 'Acknowledgment Requested', 'Interchange Usage Indicator (P production, T test)',
      'Component Element Separator',
    ],
  },
  IEA: { name: 'Interchange Control Trailer', elements: ['Number of Included Functional Groups', 'Interchange Control Number (must equal ISA13)'] },
  GS: {
    name: 'Functional Group Header',
    elements: ['Functional Identifier Code', "Application Sender's Code", "Application Receiver's Code", 'Date (CCYYMMDD)', 'Time', 'Group Control Number', 'Responsible Agency Code', 'Version / Release / Industry Identifier Code'],
  },
  GE: { name: 'Functional Group Trailer', elements: ['Number of Transaction Sets Included', 'Group Control Number (must equal GS06)'] },
  ST: { name: 'Transaction Set Header', elements: ['Transaction Set Identifier Code', 'Transaction Set Control Number', 'Implementation Convention Reference'] },
  SE: { name: 'Transaction Set Trailer', elements: ['Number of Included Segments (ST through SE)', 'Transaction Set Control Number (must equal ST02)'] },
  BHT: { name: 'Beginning of Hierarchical Transaction', elements: ['Hierarchical Structure Code', 'Transaction Set Purpose Code', 'Originator Application Transaction Identifier', 'Transaction Set Creation Date', 'Transaction Set Creation Time', 'Claim or Encounter Identifier'] },
  NM1: {
    name: 'Individual or Organizational Name',
    elements: ['Entity Identifier Code', 'Entity Type Qualifier', 'Last or Organization Name', 'First Name', 'Middle Name', 'Name Prefix', 'Name Suffix', 'Identification Code Qualifier', 'Identification Code', 'Entity Relationship Code', 'Entity Identifier Code', 'Name Last or Organization Name'],
  },
  N3: { name: 'Address Information', elements: ['Address Information', 'Address Information (second line)'] },
  N4: { name: 'Geographic Location', elements: ['City Name', 'State or Province Code', 'Postal Code', 'Country Code', 'Location Qualifier', 'Location Identifier', 'Country Subdivision Code'] },
  PER: { name: 'Administrative Communications Contact', elements: ['Contact Function Code', 'Name', 'Communication Number Qualifier', 'Communication Number', 'Communication Number Qualifier', 'Communication Number', 'Communication Number Qualifier', 'Communication Number'] },
  REF: { name: 'Reference Information', elements: ['Reference Identification Qualifier', 'Reference Identification', 'Description', 'Reference Identifier'] },
  HL: { name: 'Hierarchical Level', elements: ['Hierarchical ID Number', 'Hierarchical Parent ID Number', 'Hierarchical Level Code (20 billing provider, 22 subscriber, 23 patient)', 'Hierarchical Child Code'] },
  PRV: { name: 'Provider Information', elements: ['Provider Code', 'Reference Identification Qualifier', 'Provider Taxonomy Code'] },
  SBR: { name: 'Subscriber Information', elements: ['Payer Responsibility Sequence Number Code', 'Individual Relationship Code', 'Group or Policy Number', 'Group Name', 'Insurance Type Code', 'Coordination of Benefits Code', 'Yes/No Condition or Response Code', 'Employment Status Code', 'Claim Filing Indicator Code'] },
  PAT: { name: 'Patient Information', elements: ['Individual Relationship Code', 'Patient Location Code', 'Employment Status Code', 'Student Status Code', 'Date Time Period Format Qualifier', 'Date of Death', 'Unit or Basis for Measurement Code', 'Patient Weight', 'Pregnancy Indicator'] },
  DMG: { name: 'Demographic Information', elements: ['Date Time Period Format Qualifier', 'Birth Date', 'Gender Code'] },
  CLM: {
    name: 'Claim Information',
    elements: [
      'Patient Control Number (claim id)', 'Total Claim Charge Amount', 'Claim Filing Indicator Code', 'Non-Institutional Claim Type Code',
      'Health Care Service Location Information', 'Provider or Supplier Signature Indicator', 'Assignment or Plan Participation Code',
      'Benefits Assignment Certification Indicator', 'Release of Information Code', 'Patient Signature Source Code',
      'Related Causes Information', 'Special Program Code', 'Yes/No Condition or Response Code', 'Level of Service Code',
      'Yes/No Condition or Response Code', 'Provider Agreement Code', 'Claim Status Code', 'Yes/No Condition or Response Code',
      'Claim Submission Reason Code', 'Delay Reason Code',
    ],
    components: { 5: ['Place of Service or Facility Type Code', 'Facility Code Qualifier', 'Claim Frequency Type Code'], 11: ['Related Causes Code', 'Related Causes Code', 'Related Causes Code', 'State or Province Code', 'Country Code'] },
  },
  DTP: { name: 'Date or Time or Period', elements: ['Date/Time Qualifier (472 service, 434 statement, 431 onset, 454 initial treatment)', 'Date Time Period Format Qualifier (D8 date, RD8 range)', 'Date Time Period'] },
  HI: {
    name: 'Health Care Information Codes',
    elements: Array.from({ length: 12 }, (_, i) => `Health Care Code Information ${i + 1}`),
    components: Object.fromEntries(Array.from({ length: 12 }, (_, i) => [i + 1, ['Code List Qualifier Code', 'Industry Code', 'Date Time Period Format Qualifier', 'Date Time Period', 'Monetary Amount', 'Quantity', 'Version Identifier', 'Industry Code', 'Yes/No Condition or Response Code']])),
  },
  LX: { name: 'Service Line Number', elements: ['Assigned Number (1, 2, 3 ... within the claim)'] },
  SV1: {
    name: 'Professional Service',
    elements: ['Composite Medical Procedure Identifier', 'Line Item Charge Amount', 'Unit or Basis for Measurement Code', 'Service Unit Count', 'Place of Service Code', 'Service Type Code', 'Composite Diagnosis Code Pointer', 'Monetary Amount', 'Emergency Indicator', 'Multiple Procedure Code', 'EPSDT Indicator', 'Family Planning Indicator'],
    components: { 1: procedureComposite, 7: ['Diagnosis Code Pointer', 'Diagnosis Code Pointer', 'Diagnosis Code Pointer', 'Diagnosis Code Pointer'] },
  },
  SV2: {
    name: 'Institutional Service Line',
    elements: ['Service Line Revenue Code', 'Composite Medical Procedure Identifier', 'Line Item Charge Amount', 'Unit or Basis for Measurement Code', 'Service Unit Count', 'Unit Rate', 'Line Item Denied Charge or Non-Covered Charge Amount'],
    components: { 2: procedureComposite },
  },
  SV3: {
    name: 'Dental Service',
    elements: ['Composite Medical Procedure Identifier', 'Line Item Charge Amount', 'Facility Code Value', 'Oral Cavity Designation', 'Prosthesis, Crown or Inlay Code', 'Procedure Count', 'Description', 'Copay Status Code', 'Provider Agreement Code', 'Yes/No Condition or Response Code', 'Composite Diagnosis Code Pointer'],
    components: { 1: procedureComposite },
  },
  TOO: { name: 'Tooth Identification', elements: ['Code List Qualifier Code', 'Tooth Code', 'Tooth Surface'] },
  CL1: { name: 'Institutional Claim Code', elements: ['Admission Type Code', 'Admission Source Code', 'Patient Status Code'] },
  PWK: { name: 'Paperwork', elements: ['Report Type Code', 'Report Transmission Code', 'Report Copies Needed', 'Entity Identifier Code', 'Identification Code Qualifier', 'Attachment Control Number'] },
  CN1: { name: 'Contract Information', elements: ['Contract Type Code', 'Contract Amount', 'Contract Percentage', 'Contract Code', 'Terms Discount Percentage', 'Contract Version Identifier'] },
  AMT: { name: 'Monetary Amount Information', elements: ['Amount Qualifier Code', 'Monetary Amount'] },
  NTE: { name: 'Note/Special Instruction', elements: ['Note Reference Code', 'Description'] },
  K3: { name: 'File Information', elements: ['Fixed Format Information'] },
  CR1: { name: 'Ambulance Certification', elements: ['Unit or Basis for Measurement Code', 'Patient Weight', 'Ambulance Transport Code', 'Ambulance Transport Reason Code', 'Unit or Basis for Measurement Code', 'Transport Distance'] },
  CRC: { name: 'Conditions Indicator', elements: ['Code Category', 'Yes/No Condition or Response Code', 'Condition Indicator', 'Condition Indicator', 'Condition Indicator'] },
  HCP: { name: 'Health Care Pricing', elements: ['Pricing Methodology', 'Repriced Allowed Amount', 'Repriced Saving Amount', 'Repricing Organization Identifier', 'Repricing Per Diem or Flat Rate Amount', 'Repriced Ambulatory Patient Group Code', 'Repriced Ambulatory Patient Group Amount'] },
  SVD: { name: 'Line Adjudication Information', elements: ['Other Payer Primary Identifier', 'Service Line Paid Amount', 'Composite Medical Procedure Identifier', 'Product/Service ID', 'Paid Service Unit Count', 'Bundled or Unbundled Line Number'], components: { 3: procedureComposite } },
  CAS: { name: 'Claims Adjustment', elements: ['Claim Adjustment Group Code', 'Claim Adjustment Reason Code', 'Monetary Amount', 'Quantity'] },
  LIN: { name: 'Drug Identification', elements: ['Assigned Identification', 'Product/Service ID Qualifier', 'National Drug Code'] },
  CTP: { name: 'Drug Quantity', elements: ['Class of Trade Code', 'Price Identifier Code', 'Unit Price', 'National Drug Unit Count', 'Composite Unit of Measure'] },
  OI: { name: 'Other Insurance Coverage Information', elements: ['Claim Filing Indicator Code', 'Claim Submission Reason Code', 'Benefits Assignment Certification Indicator', 'Patient Signature Source Code', 'Provider Agreement Code', 'Release of Information Code'] },
  MOA: { name: 'Outpatient Adjudication Information', elements: ['Percentage as Decimal', 'Monetary Amount', 'Claim Payment Remark Code'] },
  QTY: { name: 'Quantity Information', elements: ['Quantity Qualifier', 'Quantity'] },
  MEA: { name: 'Measurements', elements: ['Measurement Reference ID Code', 'Measurement Qualifier', 'Measurement Value'] },
  PS1: { name: 'Purchased Service Information', elements: ['Purchased Service Provider Identifier', 'Purchased Service Charge Amount'] },
  CUR: { name: 'Foreign Currency Information', elements: ['Entity Identifier Code', 'Currency Code'] },
  DN1: { name: 'Orthodontic Information', elements: ['Quantity', 'Quantity', 'Yes/No Condition or Response Code', 'Description'] },
  DN2: { name: 'Tooth Summary', elements: ['Tooth Number', 'Tooth Status Code', 'Quantity', 'Date Time Period Format Qualifier', 'Date Time Period', 'Code List Qualifier Code'] },
  FRM: { name: 'Supporting Documentation', elements: ['Assigned Identification', 'Yes/No Condition or Response Code', 'Reference Identification', 'Date', 'Percent'] },
};

/** Product/service id qualifiers seen in procedure composites. */
export const procedureQualifiers: Record<string, string> = {
  HC: 'HCPCS / CPT code',
  AD: 'American Dental Association (CDT) code',
  ER: 'Jurisdiction-specific procedure code',
  IV: 'Home Infusion EDI Coalition code',
  WK: 'Advanced billing concepts code',
  N4: 'National Drug Code (11 digits)',
};

/**
 * Element reference as the implementation guides (and the guide hovers) write it: CLM02, SV101,
 * and a component after a hyphen, CLM05-01, SV101-02, TOO03-01; the same whether or not a guide
 * map reads the file.
 */
export function elementReference(segmentId: string, elementIndex: number, componentIndex = 0): string {
  const base = `${segmentId}${String(elementIndex).padStart(2, '0')}`;
  return componentIndex > 0 ? `${base}-${String(componentIndex).padStart(2, '0')}` : base;
}
