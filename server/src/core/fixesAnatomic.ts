// What a PTP finding of indicator 1 offers beside the X modifiers and 59: the other side, when
// one line of the pair names a side (LT or RT) and the other names no site. NCCI asks for the most
// specific modifier that is true, and an anatomic one is more specific than 59 or XS: 29881-RT
// with 20610 takes LT on the 20610 if the injection was of the left knee. Also whether the pair's
// two lines are one practitioner's, where XP (a separate practitioner) cannot be true.
import type { Finding, ParsedDocument, PtpFindingData, ServiceLine } from './model';
import { isEvaluationAndManagement } from './procedureCodes';
import { signatureOf } from './rules/ptpBypass';
import type { Fix } from './fixesRemoval';
import { addModifierEdit } from './fixes';

const SIDES = ['LT', 'RT'] as const;
const SIDE_WORDS = { LT: 'left', RT: 'right' } as const;

/** The one side (LT or RT) a line names, with no other site (its modifiers' signature, as the pair test reads them); null when it names none, both, or another site. */
function sideOf(line: ServiceLine): 'LT' | 'RT' | null {
  const sites = signatureOf(line).sites;
  return sites.length === 1 && (sites[0] === 'LT' || sites[0] === 'RT') ? sites[0] : null;
}

const bilateral = (line: ServiceLine) => signatureOf(line).written.split('-').includes('50');

const namesSite = (line: ServiceLine) => signatureOf(line).sites.length > 0;

/**
 * The fix that adds the side opposite the one line of the pair names to the other line (which
 * names no site), or none. `two` is the column-2 line, the finding's.
 */
export function otherSideFixes(text: string, doc: ParsedDocument, finding: Finding, data: PtpFindingData, two: ServiceLine): Fix[] {
  // The column-1 line of another file of a run is not this document's line.
  if (data.columnOneFile !== undefined) return [];
  const one = doc.claims[data.columnOneClaim]?.lines[data.columnOneLine];
  // An anatomic modifier counts only on procedures: not where either line is an E/M code.
  if (!one || isEvaluationAndManagement(one.code) || isEvaluationAndManagement(two.code)) return [];
  // A bilateral line (50) is both sides: no side to add to either line.
  if (bilateral(one) || bilateral(two)) return [];
  const sideOne = sideOf(one);
  const sideTwo = sideOf(two);
  const [target, code, side, otherCode, targetClaim] = sideOne !== null && !namesSite(two) ? [two, data.columnTwo, sideOne, data.columnOne, data.claimIndex] : sideTwo !== null && !namesSite(one) ? [one, data.columnOne, sideTwo, data.columnTwo, data.columnOneClaim] : [null, '', null, '', -1];
  if (target === null || side === null) return [];
  const opposite = SIDES.find((s) => s !== side)!;
  const edit = addModifierEdit(text, target, opposite);
  if (!edit) return [];
  return [
    {
      // The line of another claim than the finding's is named by its claim.
      title: `Add modifier ${opposite} to ${code}${targetClaim !== data.claimIndex ? ` of claim ${targetClaim + 1}` : ''} (the ${SIDE_WORDS[opposite]} side: ${otherCode} is on the ${SIDE_WORDS[side]})`,
      kind: 'quickfix',
      edits: [edit],
      isPreferred: false,
      findings: [finding],
    },
  ];
}

/**
 * The practitioner a line's service is by: its own rendering provider, else its claim's, else the
 * billing provider (who then performed it); null when the document names none.
 */
function practitionerOf(doc: ParsedDocument, claimIndex: number, line: ServiceLine): string | null {
  const claim = doc.claims[claimIndex];
  return line.providerId ?? claim?.renderingProviderId ?? claim?.billingProviderId ?? null;
}

/** Whether the pair's two lines name one practitioner (so XP, a separate practitioner, is not true of them). */
export function onePractitioner(doc: ParsedDocument, data: PtpFindingData, two: ServiceLine): boolean {
  if (data.columnOneFile !== undefined) return false;
  const one = doc.claims[data.columnOneClaim]?.lines[data.columnOneLine];
  if (!one) return false;
  const a = practitionerOf(doc, data.columnOneClaim, one);
  return a !== null && a === practitionerOf(doc, data.claimIndex, two);
}
