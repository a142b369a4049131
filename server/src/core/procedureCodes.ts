// What a procedure code looks like: the one definition the X12 reader, the CSV reader and the
// rule tables share.
//
// CPT: five digits (Category I), or four digits and a letter: F (Category II), T (Category III),
// U (proprietary laboratory analyses), M (multianalyte assays with algorithmic analyses) or A
// (vaccine administration, e.g. 0001A). HCPCS Level II: a letter A-V and four digits (W-Z were
// local codes, retired in 2003); CDT dental codes (D and four digits) are of that shape.
// Letters may be written in lower case.

import { isDigit } from './chars';
import { EM_CPT_FIRST, EM_CPT_LAST, EM_HCPCS } from './data/evaluationManagement';

export type ProcedureCodeKind = 'cpt' | 'hcpcs';

/** The letters a CPT code may end in after four digits. */
export const CPT_LAST_LETTERS = 'FTUMA';

/** How messages describe a well-formed code. */
export const CPT_SHAPE = 'a CPT code (5 digits, or 4 digits and F, T, U, M or A)';
export const HCPCS_SHAPE = 'a HCPCS code (a letter A-V and 4 digits)';

/** Upper-case letter code of c (any case), or -1 when c is not an ASCII letter. */
function letter(c: number): number {
  if (c >= 97 && c <= 122) return c - 32;
  return c >= 65 && c <= 90 ? c : -1;
}

/** The kind of procedure code text[start, end) is, or null when it is not one. */
export function procedureCodeKindAt(text: string, start: number, end: number): ProcedureCodeKind | null {
  if (end - start !== 5) return null;
  if (!isDigit(text.charCodeAt(start + 1)) || !isDigit(text.charCodeAt(start + 2)) || !isDigit(text.charCodeAt(start + 3))) return null;
  const first = text.charCodeAt(start);
  const last = text.charCodeAt(start + 4);
  if (isDigit(first)) {
    if (isDigit(last)) return 'cpt';
    const l = letter(last);
    return l === 70 || l === 84 || l === 85 || l === 77 || l === 65 ? 'cpt' : null;
  }
  const f = letter(first);
  return f >= 65 && f <= 86 && isDigit(last) ? 'hcpcs' : null;
}

export function procedureCodeKind(code: string): ProcedureCodeKind | null {
  return procedureCodeKindAt(code, 0, code.length);
}

export function isProcedureCode(code: string): boolean {
  return procedureCodeKindAt(code, 0, code.length) !== null;
}

/** E/M visit codes (99202-99499, and the hospital visits G0463 and G0380-G0384: data/evaluationManagement.ts): the codes modifiers 24, 25 and 57 belong on. */
export function isEvaluationAndManagement(code: string): boolean {
  if (code.length !== 5) return false;
  // g or G: a HCPCS code of the hospital visits.
  if ((code.charCodeAt(0) | 0x20) === 0x67) return EM_HCPCS.includes(code.toUpperCase());
  if (procedureCodeKind(code) !== 'cpt' || !isDigit(code.charCodeAt(4))) return false;
  const value = Number(code);
  return value >= EM_CPT_FIRST && value <= EM_CPT_LAST;
}

/** Clinical laboratory codes (80047-89398, and PLA codes dddd U): the codes modifier 91 belongs on. */
export function isLaboratory(code: string): boolean {
  if (procedureCodeKind(code) !== 'cpt') return false;
  const last = code.charCodeAt(4) & ~32;
  if (last === 85 /* U */) return true;
  if (!isDigit(code.charCodeAt(4))) return false;
  const value = Number(code);
  return value >= 80047 && value <= 89398;
}
