// Found in review: which NCCI table an institutional claim is judged by. CMS applies the outpatient
// hospital PTP and MUE edits to outpatient facility bills (types of bill 12x, 13x, 14x, 22x, 23x,
// 85x...); "they are not applied to facility claims for inpatient services" (type of bill 11x,
// inpatient hospital; 21x, SNF inpatient). Claimlint reads neither CLM05-1 (the facility code of
// the type of bill) nor the inpatient bill types of a CSV: every 837I claim, and every CSV claim
// whose bill type is three or four digits, is judged by the outpatient hospital table, so an
// inpatient stay's HCPCS lines are paired over the whole statement period and their units summed.
// A CSV claim type of "Inpatient" is not even institutional: the practitioner table judges it.
// Synthetic claims; the built-in 43214 set (43214/43197 is an indicator-0 pair) and in-memory MUE rows.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import type { Finding, PtpFindingData } from '../../server/src/core/model';
import { emptyKnowledge, type Knowledge } from '../../server/src/core/rules/knowledge';
import { emptyMueTables } from '../../server/src/core/rules/mue';
import { hospitalClaims } from './helpers/hospital-claims';

interface Line {
  code: string;
  charge: string;
  units?: string;
  /** Line DTP*472 (D8); none on inpatient lines, which take the statement dates. */
  date?: string;
}

interface InstitutionalClaim {
  id: string;
  /** CLM05-1 (facility type code: the first two digits of the type of bill) and CLM05-3 (frequency). */
  facility: string;
  frequency?: string;
  /** DTP*434 statement dates, CCYYMMDD-CCYYMMDD. */
  statement: string;
  lines: Line[];
}

/** A guide-valid 5010 837I of one hospital and one patient. */
const institutional = (claims: readonly InstitutionalClaim[]): string => hospitalClaims(claims);

function coding(findings: readonly Finding[]): Finding[] {
  return findings.filter((f) => f.rule.startsWith('ptp.') || f.rule.startsWith('mue.') || f.rule.startsWith('aoc.'));
}

function readingProblems(findings: readonly Finding[]): string[] {
  return findings.filter((f) => f.rule.startsWith('x12.') || f.rule.startsWith('guide.')).map((f) => `${f.rule}: ${f.message}`);
}

const builtin = emptyKnowledge();

/** The built-in PTP set and one MUE row (96365, 1 unit a day, MAI 2) in the outpatient hospital table. */
function withHospitalMue(): Knowledge {
  const mue = emptyMueTables();
  mue.hospital.add({ code: '96365', value: 1, mai: 2, rationale: 'Code Descriptor / CPT Instruction', source: 'oph-mue.csv', kind: 'hospital' });
  return { ...emptyKnowledge(), mue };
}

/** One claim of the given bill type whose two lines are the indicator-0 pair 43214 / 43197. */
function pairClaim(facility: string, dated: boolean): InstitutionalClaim {
  const date = dated ? '20240110' : undefined;
  return {
    id: 'C1',
    facility,
    statement: dated ? '20240110-20240110' : '20240110-20240114',
    lines: [
      { code: '43214', charge: '900.00', ...(date ? { date } : {}) },
      { code: '43197', charge: '400.00', ...(date ? { date } : {}) },
    ],
  };
}

describe('837I: the table follows the type of bill (CLM05-1)', () => {
  test('inpatient hospital claims (type of bill 11x) are not judged by the outpatient hospital PTP table', () => {
    // Outpatient bills keep the outpatient hospital table (these hold today).
    for (const facility of ['13', '12', '14', '85']) {
      const analysis = analyze(institutional([pairClaim(facility, true)]), builtin, undefined, undefined, { guideChecks: 'full' });
      assert.deepEqual(readingProblems(analysis.findings), [], `bill type ${facility}x is guide-valid`);
      const found = coding(analysis.findings);
      assert.deepEqual(found.map((f) => [f.rule, (f.data as PtpFindingData | undefined)?.table]), [['ptp.conflict', 'hospital']], `bill type ${facility}x`);
    }
    // An inpatient stay: lines without DTP*472 (the 837I guide allows it on outpatient claims only).
    const inpatient = analyze(institutional([pairClaim('11', false)]), builtin, undefined, undefined, { guideChecks: 'full' });
    assert.deepEqual(readingProblems(inpatient.findings), []);
    assert.deepEqual(
      coding(inpatient.findings).map((f) => `${f.rule}: ${f.message}`),
      [],
      'NCCI PTP edits are not applied to facility claims for inpatient services',
    );
  });

  test('SNF inpatient claims (type of bill 21x) are not judged by the outpatient hospital PTP table', () => {
    const snf = analyze(institutional([pairClaim('21', false)]), builtin, undefined, undefined, { guideChecks: 'full' });
    assert.deepEqual(readingProblems(snf.findings), []);
    assert.deepEqual(coding(snf.findings).map((f) => `${f.rule}: ${f.message}`), []);
  });

  test('an inpatient claim (11x) gets no outpatient hospital MUE finding', () => {
    const knowledge = withHospitalMue();
    // The same units on an outpatient bill are over the outpatient hospital MUE (this holds today).
    const outpatient = analyze(
      institutional([{ id: 'C1', facility: '13', statement: '20240110-20240110', lines: [{ code: '96365', charge: '300.00', units: '2', date: '20240110' }] }]),
      knowledge,
    );
    assert.deepEqual(coding(outpatient.findings).map((f) => f.rule), ['mue.exceeded']);
    const inpatient = analyze(
      institutional([{ id: 'C1', facility: '11', statement: '20240110-20240111', lines: [{ code: '96365', charge: '300.00', units: '4' }] }]),
      knowledge,
    );
    assert.deepEqual(readingProblems(inpatient.findings), []);
    assert.deepEqual(coding(inpatient.findings).map((f) => `${f.rule}: ${f.message}`), []);
  });
});

describe('CSV: the bill type and claim type columns', () => {
  const csv = (type: string) =>
    ['Claim ID,Patient ID,Bill Type,HCPCS Code,Date of Service,Units,Charge', `C1,P1,${type},43214,2024-01-10,1,900.00`, `C1,P1,${type},43197,2024-01-10,1,400.00`, ''].join('\n');

  test('a CSV claim of bill type 0111 (inpatient hospital) is not judged by the outpatient hospital table', () => {
    // 0131 (outpatient hospital) is judged by the hospital table (this holds today).
    const outpatient = coding(analyze(csv('0131'), builtin).findings);
    assert.deepEqual(outpatient.map((f) => [f.rule, (f.data as PtpFindingData | undefined)?.table]), [['ptp.conflict', 'hospital']]);
    const inpatient = coding(analyze(csv('0111'), builtin).findings);
    assert.deepEqual(inpatient.map((f) => `${f.rule}: ${f.message}`), []);
  });

  test('a CSV claim whose claim type says "Inpatient" is not judged by the practitioner table', () => {
    // "Outpatient" names an institutional claim (this holds today).
    assert.deepEqual(coding(analyze(csv('Outpatient'), builtin).findings).map((f) => (f.data as PtpFindingData | undefined)?.table), ['hospital']);
    const inpatient = coding(analyze(csv('Inpatient'), builtin).findings);
    assert.deepEqual(
      inpatient.filter((f) => (f.data as PtpFindingData | undefined)?.table === 'practitioner').map((f) => f.message),
      [],
      'a facility claim is never judged by the practitioner (professional) table',
    );
  });

  test('claim type cells that name the kind in more than one word ("Hospital Outpatient", "Dental (ADA)") choose its table', () => {
    // The one-word forms are read (this holds today).
    assert.deepEqual(coding(analyze(csv('Outpatient'), builtin).findings).map((f) => (f.data as PtpFindingData | undefined)?.table), ['hospital']);
    assert.deepEqual(coding(analyze(csv('ADA'), builtin).findings), []);
    // Read as unknown, both are judged by the practitioner table today.
    assert.deepEqual(coding(analyze(csv('Hospital Outpatient'), builtin).findings).map((f) => (f.data as PtpFindingData | undefined)?.table), ['hospital']);
    assert.deepEqual(coding(analyze(csv('Dental (ADA)'), builtin).findings).map((f) => `${f.rule}: ${f.message}`), [], 'a dental claim has no NCCI table');
  });
});
