// A guide-valid 5010 837I of one hospital and one patient, as the NCCI scope tests write it: the
// type of bill (CLM05-1 and CLM05-3), the statement dates, the rendering physicians (2310D on the
// claim, 2420C on a line) and each line's date are the test's to choose.
import { headerSegments, SUBSCRIBER_DETAILS, writeTransactions, type SegmentSpec } from './x12-writer';

export interface HospitalLine {
  code: string;
  charge: string;
  units?: string;
  /** Line DTP*472 (D8); absent: the line has none (inpatient lines take the statement dates). */
  date?: string;
  /** 2420C rendering provider NPI (NM1*82 in the line). */
  rendering?: string;
}

export interface HospitalClaim {
  id: string;
  /** CLM05-1, the facility type code (the type of bill's first two digits); default 13, outpatient hospital. */
  facility?: string;
  /** CLM05-3: 1 original (default), 7 replacement, 8 void; a 7 or 8 names the payer's claim number (REF*F8). */
  frequency?: string;
  /** DTP*434 statement dates, CCYYMMDD-CCYYMMDD. */
  statement: string;
  /** 2310D rendering provider NPI (NM1*82 in the claim). */
  rendering?: string;
  lines: HospitalLine[];
}

export function hospitalClaims(claims: readonly HospitalClaim[]): string {
  const body: SegmentSpec[] = [
    ...headerSegments({ billing: 'EXAMPLE HOSPITAL' }),
    ['HL', '2', '1', '22', '0'],
    ['SBR', 'P', '18', '', '', '', '', '', '', 'MA'],
    ['NM1', 'IL', '1', 'DOE', 'JANE', '', '', '', 'MI', 'M000001'],
    ...SUBSCRIBER_DETAILS,
    ['NM1', 'PR', '2', 'EXAMPLE PAYER', '', '', '', '', 'PI', 'P000001'],
  ];
  for (const claim of claims) {
    const total = claim.lines.reduce((sum, l) => sum + Number(l.charge), 0).toFixed(2);
    const frequency = claim.frequency ?? '1';
    body.push(['CLM', claim.id, total, '', '', [claim.facility ?? '13', 'A', frequency], '', 'A', 'Y', 'Y']);
    body.push(['DTP', '434', 'RD8', claim.statement]);
    body.push(['CL1', '1', '1', '01']);
    if (frequency !== '1') body.push(['REF', 'F8', `ICN${claim.id}`]);
    body.push(['HI', ['ABK', 'R69']]);
    if (claim.rendering) body.push(['NM1', '82', '1', 'DOCTOR', 'ANN', '', '', '', 'XX', claim.rendering]);
    claim.lines.forEach((line, i) => {
      body.push(['LX', String(i + 1)]);
      body.push(['SV2', '0360', ['HC', line.code], line.charge, 'UN', line.units ?? '1']);
      if (line.date) body.push(['DTP', '472', 'D8', line.date]);
      if (line.rendering) body.push(['NM1', '82', '1', 'DOCTOR', 'BOB', '', '', '', 'XX', line.rendering]);
    });
  }
  return writeTransactions([body], { kind: 'institutional' }).text;
}

/** hospitalClaims with every claim's statement dates and every line's date on one day (CCYYMMDD). */
export function hospitalClaimsOn(day: string, claims: readonly (Omit<HospitalClaim, 'statement'> & { lines: Omit<HospitalLine, 'date'>[] })[]): string {
  return hospitalClaims(claims.map((c) => ({ ...c, statement: `${day}-${day}`, lines: c.lines.map((l) => ({ ...l, date: day })) })));
}
