// The diagnosis codes an 837 claim lists in its HI segments (2300), as a clearinghouse's front end
// checks them: an ICD-10-CM code (qualifiers ABK, ABF, ABJ, ABN, APR) is a letter, a digit and 1-5
// more letters or digits, written without its decimal point (J020, not J02.0: the guides say so,
// and a payer cannot match J02.0); in a 5010 claim, an ICD-9-CM code (BK, BF, BJ, BN, PR) is not
// for a service on or after 2015-10-01, when HIPAA replaced ICD-9 with ICD-10 (the 4010 guides
// have only ICD-9). The guide maps bound these only by
// length. The codes are never quoted in a message (they are the patient's diagnoses).

import type { Finding } from '../model';
import type { SegmentReading } from './reading837';
import type { HiValues } from './hiValues';
import { codeAt, sliceOf, type Source } from './source';

/** Diagnosis qualifiers of HI (HI0n-1), as the code set each names. */
const ICD10: readonly string[] = ['ABK', 'ABF', 'ABJ', 'ABN', 'APR'];
const ICD9: readonly string[] = ['BK', 'BF', 'BJ', 'BN', 'PR'];

/** A qualifier of 2 or 3 characters as a number (its character codes, 8 bits each). */
const qualifierNumber = (q: string): number => [...q].reduce((n, c) => n * 256 + c.charCodeAt(0), 0);
const ICD10_NUMBERS: readonly number[] = ICD10.map(qualifierNumber);
const ICD9_NUMBERS: readonly number[] = ICD9.map(qualifierNumber);

/** The code set the qualifier source[start, end) names: 10 (ICD-10-CM), 9 (ICD-9-CM), or 0 (another). Read from its characters. */
function codeSetAt(source: Source, start: number, end: number): 0 | 9 | 10 {
  const length = end - start;
  if (length < 2 || length > 3) return 0;
  let n = 0;
  for (let at = start; at < end; at++) n = n * 256 + (codeAt(source, at) & 255);
  return length === 3 ? (ICD10_NUMBERS.includes(n) ? 10 : 0) : ICD9_NUMBERS.includes(n) ? 9 : 0;
}

/** The first date of service ICD-9 codes may not be used for (HIPAA's ICD-10 date, 2015-10-01). */
const ICD10_FROM = 20151001;

const DOT = 46;

const isDigit = (c: number) => c >= 48 && c <= 57;
const isCapital = (c: number) => c >= 65 && c <= 90;

/** Whether source[start, end) reads as an ICD-10-CM code as an 837 writes it: a capital letter, a digit, then 1-5 capitals or digits. */
function isIcd10At(source: Source, start: number, end: number): boolean {
  const length = end - start;
  if (length < 3 || length > 7 || !isCapital(codeAt(source, start)) || !isDigit(codeAt(source, start + 1))) return false;
  for (let at = start + 2; at < end; at++) {
    const c = codeAt(source, at);
    if (!isDigit(c) && !isCapital(c)) return false;
  }
  return true;
}

export const DIAGNOSIS_CODE_RULE = 'x12.diagnosis-code-invalid';

export class DiagnosisCodes {
  /** The first ICD-9 qualifier of the claim's HIs (offsets, when `icd9`), judged by the claim's dates when it ends. */
  private icd9 = false;
  private icd9Start = 0;
  private icd9End = 0;

  constructor(private readonly r: SegmentReading) {}

  /** A claim starts. */
  reset(): void {
    this.icd9 = false;
  }

  /** The claim goes on into a piece that starts `shift` characters later. */
  moveBack(shift: number): void {
    // Offsets of an earlier piece are negative: moved whatever their sign.
    this.icd9Start -= shift;
    this.icd9End -= shift;
  }

  /** An HI of the claim's own loop, its values read (HiValues): each ICD-10 code's form now; the first ICD-9 qualifier noted. */
  hi(values: HiValues): void {
    const r = this.r;
    const source = r.source;
    for (let i = 0; i < values.count; i++) {
      const k = values.element[i]!;
      if (k > 12) break;
      const start = values.qualifierStart[i]!;
      const qualifierEnd = values.qualifierEnd[i]!;
      const codeStart = values.codeStart[i]!;
      const codeEnd = values.codeEnd[i]!;
      const set = codeSetAt(source, start, qualifierEnd);
      if (set === 9) {
        if (!this.icd9) {
          this.icd9 = true;
          this.icd9Start = start;
          this.icd9End = qualifierEnd;
        }
        continue;
      }
      if (set !== 10 || isIcd10At(source, codeStart, codeEnd)) continue;
      const ref = `HI${k < 10 ? '0' : ''}${k}-02`;
      let dot = false;
      for (let c = codeStart; c < codeEnd; c++) if (codeAt(source, c) === DOT) dot = true;
      if (dot) {
        r.add(DIAGNOSIS_CODE_RULE, 'error', `${ref} writes its ICD-10 diagnosis code with a decimal point: the implementation guide's codes are written without it (J020, not J02.0), and a payer cannot match the code as written`, { start: codeStart, end: codeEnd });
      } else {
        r.add(DIAGNOSIS_CODE_RULE, 'error', `${ref} is not an ICD-10-CM code (qualifier ${sliceOf(source, start, qualifierEnd)}): one is a capital letter, a digit, then 1-5 capital letters or digits (3-7 characters)`, { start: codeStart, end: codeEnd });
      }
    }
  }

  /** The claim ends: `latest`, its latest date of service (YYYYMMDD; null when none is known), against its ICD-9 codes. */
  claimEnds(latest: number | null, findings: Finding[]): void {
    if (!this.icd9 || latest === null || latest < ICD10_FROM) return;
    findings.push({
      rule: DIAGNOSIS_CODE_RULE,
      severity: 'error',
      message: 'The claim lists ICD-9-CM diagnosis codes (this qualifier and others of BK, BF, BJ, BN, PR) for services on or after October 1, 2015, when ICD-10-CM replaced ICD-9-CM: use the ICD-10 qualifiers (ABK, ABF, ...) and codes',
      span: { start: this.icd9Start, end: this.icd9End },
    });
  }
}
