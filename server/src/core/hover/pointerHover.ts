// The hover of a service line's diagnosis pointer (SV107 on an 837P, SV311 on an 837D): which of
// the claim's diagnosis codes (its HI, before the lines) the pointer names, or that it names none.
// The code is shown as the file writes it: the hover is the user's own view of their file, and
// nothing of it is logged.
import type { X12Index, X12Position } from '../model';
import { diagnosesListed, type ListedDiagnosis } from '../x12/diagnosisPointers';

/** The pointer elements: SV107 (837P), SV311 (837D). */
const POINTER_ELEMENTS: Readonly<Record<string, number>> = { SV1: 7, SV3: 11 };

/** Segments a claim's HI is looked for in, back from the line, at most (a claim of 999 lines of a dozen segments). */
const LOOK_BACK = 20_000;

/** What the pointer under the cursor names, as a hover paragraph; null when the cursor is on no pointer. */
export function pointerMeaning(ix: X12Index, text: string, position: X12Position): string | null {
  const { segmentId, elementIndex, span } = position;
  if (POINTER_ELEMENTS[segmentId] !== elementIndex || position.delimiter) return null;
  // As the reader reads a pointer (diagnosisPointers.ts): digits only, six at most.
  const value = text.slice(span.start, span.end);
  if (!/^\d{1,6}$/.test(value)) return null;
  const listed = claimDiagnoses(ix, text, position.segmentIndex);
  if (listed === null) return null;
  const pointer = Number(value);
  const diagnosis = listed[pointer - 1];
  if (pointer >= 1 && diagnosis !== undefined) {
    return `Points to the claim's diagnosis ${pointer} of ${listed.length}: \`${diagnosis.code}\` (${diagnosisRole(diagnosis)}, ${diagnosis.qualifier}).`;
  }
  return listed.length === 0
    ? 'Points to no diagnosis code: the claim has no HI that lists one.'
    : `Points to no diagnosis code: the claim lists ${listed.length === 1 ? '1 diagnosis code' : `${listed.length} diagnosis codes`} (HI), counted from 1.`;
}

function diagnosisRole(diagnosis: ListedDiagnosis): string {
  return diagnosis.qualifier === 'ABK' || diagnosis.qualifier === 'BK' ? 'the principal diagnosis' : 'another diagnosis';
}

/**
 * The diagnosis codes of the claim the service segment `s` is in: those its HI segments list
 * between its CLM and its first line, in order; null when no CLM is found before the line (or
 * an HI's codes cannot be counted).
 */
function claimDiagnoses(ix: X12Index, text: string, s: number): ListedDiagnosis[] | null {
  const his: number[] = [];
  for (let i = s - 1; i >= 0 && i >= s - LOOK_BACK; i--) {
    const id = ix.segmentId(i);
    if (id === 'CLM') {
      const listed: ListedDiagnosis[] = [];
      for (const hi of his.reverse()) {
        const { start, end } = ix.segmentSpan(hi);
        const { element, component } = ix.delimitersOf(hi);
        const codes = diagnosesListed(text, start, end, element, component);
        if (codes === null) return null;
        listed.push(...codes);
      }
      return listed;
    }
    if (id === 'HL' || id === 'ST' || id === 'SE') return null;
    // The HIs of the claim's own loop, as the reader counts them: before its first line (its LX,
    // or a service segment without one) and before another payer's loop (2320, from its SBR).
    // Read backwards, each of those drops the HIs seen.
    if (id === 'LX' || id === 'SBR' || id === 'SV1' || id === 'SV3') his.length = 0;
    else if (id === 'HI') his.push(i);
  }
  return null;
}
