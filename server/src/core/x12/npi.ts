// A provider's NPI (NM108 XX) that is no NPI: ten digits whose last is the Luhn check digit of the
// first nine under the prefix 80840 (CMS's NPI standard). A clearinghouse rejects a claim whose
// billing or rendering NPI fails it (a digit mistyped, a tax id or a legacy id written as the NPI),
// where the guide bounds NM109 only to 2-80 characters. Read from the characters, for the NM1s of
// providers alone (ENTITIES), so a file's subscribers and payers cost nothing.
import type { SegmentReading } from './reading837';
import { codeAt, type Source } from './source';

/** NM101 of the providers an NPI names, as the reader reads them (first char code * 65536 + second). */
const ENTITY_CODES: readonly string[] = ['85', '87', '82', 'DN', 'DK', 'DQ', '77', '71', '72', 'ZZ', 'FA', 'QB', 'PW', '45'];
const qualifierOf = (q: string): number => q.charCodeAt(0) * 65536 + q.charCodeAt(1);
const ENTITIES: readonly number[] = ENTITY_CODES.map(qualifierOf);
const PW = qualifierOf('PW');
const QB = qualifierOf('QB');

/**
 * Whether an NM1 of NM101 `qualifier` (as ENTITIES writes it) may name an NPI. Every NM1 of a file
 * asks: the subscriber's, patient's and payer's (letters first: IL, QC, PR) are told apart by their
 * first character before the list is looked at.
 */
export function namesProvider(qualifier: number): boolean {
  const first = qualifier >>> 16;
  if (first === 73 /* I */ || (first === 80 /* P */ && qualifier !== PW) || (first === 81 /* Q */ && qualifier !== QB)) return false;
  for (let i = 0; i < ENTITIES.length; i++) if (ENTITIES[i] === qualifier) return true;
  return false;
}

const ZERO = 48;

/** The check digit of the nine digits at `start` in `source` (the NPI's Luhn digit: prefix 80840 adds 24). */
function checkDigit(source: Source, start: number): number {
  let sum = 24;
  for (let i = 0; i < 9; i++) {
    const d = codeAt(source, start + i) - ZERO;
    if (i % 2 === 0) {
      const doubled = d * 2;
      sum += doubled > 9 ? doubled - 9 : doubled;
    } else sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

const X = 88;

/**
 * Why NM109 of an NM1 whose NM108 is XX is no NPI, or null when it is one (or not an NPI's NM1).
 * Read from the segment's end first: NM108 and NM109 are its last two elements (5010 uses no
 * NM110-NM112), so the usual NM1 costs a dozen characters; another one is read element by element.
 */
export function npiProblem(r: SegmentReading, s: number): string | null {
  const ix = r.ix;
  const source = r.source;
  const segmentStart = ix.table.segmentStart[s]!;
  const segmentEnd = ix.table.segmentEnd[s]!;
  const separator = ix.delimitersOf(s).element.charCodeAt(0);
  let last = segmentEnd - 1;
  while (last > segmentStart && codeAt(source, last) !== separator) last--;
  if (last - 3 > segmentStart && codeAt(source, last - 1) === X && codeAt(source, last - 2) === X && codeAt(source, last - 3) === separator) {
    return idProblem(source, last + 1, segmentEnd);
  }
  const el = r.elementsOf(s);
  if (!r.equals(el, 8, 'XX')) return null;
  const start = el.start(9);
  if (start < 0) return null; // NM109 missing: the guide's required element
  return idProblem(source, start, el.end(9));
}

/** Why source[start, end), NM109 of an NM1 whose NM108 is XX, is no NPI, or null. */
function idProblem(source: Source, start: number, end: number): string | null {
  if (start === end) return null; // NM109 missing: the guide's required element
  let digits = 0;
  for (let i = start; i < end; i++) {
    const c = codeAt(source, i);
    if (c < ZERO || c > ZERO + 9) return 'NM109 is not an NPI: with NM108 XX it must be the provider\'s ten-digit National Provider Identifier, and it holds other characters than digits';
    digits++;
  }
  if (digits !== 10) return `NM109 is not an NPI: with NM108 XX it must be the provider's ten-digit National Provider Identifier, and it has ${digits} digit${digits === 1 ? '' : 's'}`;
  if (codeAt(source, start + 9) - ZERO !== checkDigit(source, start)) {
    return 'NM109 is not a valid NPI: its last digit is not the check digit of the first nine (the NPI\'s Luhn check, prefix 80840), so a digit is wrong or it is another id; clearinghouses reject the claim';
  }
  return null;
}

/** Reports NM109 of provider NM1 `s` (NM101 `qualifier`) when NM108 is XX and NM109 is no NPI. */
export function checkNpi(r: SegmentReading, s: number, qualifier: number): void {
  if (!namesProvider(qualifier)) return;
  const problem = npiProblem(r, s);
  if (problem !== null) r.add('x12.npi-invalid', 'error', problem, r.spanOr(s, 9));
}
