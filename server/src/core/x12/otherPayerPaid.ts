// Coordination of benefits: a claim another payer has adjudicated says, per payer, what that payer
// paid on the claim (2320 AMT*D, the 2320 loop naming the payer in its 2330B NM1*PR) and on each
// line (2430 SVD02, the payer named in SVD01 by the 2330B NM109). The claim's paid amount balances
// against its lines' (claim-level adjustments aside), so a fix that removes lines takes what each
// payer paid on them off that payer's AMT*D.
import type { TextEdit } from '../edits';
import type { Delimiters, Span } from '../model';
import { forEachSegmentIn } from './textSegments';
import { parseDecimal, toCents } from './values';

interface Segment {
  start: number;
  elements: string[];
}

/** The segments of text[span) (elements split, not components), each with its start. */
function segmentsIn(text: string, span: Span, delimiters: Delimiters): Segment[] {
  const out: Segment[] = [];
  forEachSegmentIn(text, span, delimiters.segment, (start, end) => out.push({ start, elements: text.slice(start, end).split(delimiters.element) }));
  return out;
}

/** What the payers paid on these lines (SVD02 by SVD01), in cents; null when a paid amount is not a number. */
function paidOnLines(text: string, lines: readonly Span[], delimiters: Delimiters): Map<string, number> | null {
  const paid = new Map<string, number>();
  for (const line of lines) {
    for (const segment of segmentsIn(text, line, delimiters)) {
      if (segment.elements[0] !== 'SVD') continue;
      const amount = parseDecimal((segment.elements[2] ?? '').trim());
      if (amount === null) return null;
      const payer = (segment.elements[1] ?? '').trim();
      paid.set(payer, (paid.get(payer) ?? 0) + toCents(amount));
    }
  }
  return paid;
}

/**
 * Whether another payer has adjudicated this line (a 2430 SVD in its span): its paid amount and
 * adjustments add up to its charge, so its units and charge are no longer the submitter's alone to
 * change (a units fix is not offered on it).
 */
export function paidByOtherPayer(text: string, line: Span, delimiters: Delimiters): boolean {
  return segmentsIn(text, line, delimiters).some((segment) => segment.elements[0] === 'SVD');
}

/**
 * Edits that lower each 2320 AMT*D of the claim by what its payer paid on the removed lines.
 * `beforeLines`: the claim from CLM to its first line (where its 2320 loops are); `format`
 * writes cents as the amount it replaces was written.
 */
export function otherPayerPaidEdits(
  text: string,
  beforeLines: Span,
  removedLines: readonly Span[],
  delimiters: Delimiters,
  format: (cents: number, original: string) => string,
): TextEdit[] {
  const paid = paidOnLines(text, removedLines, delimiters);
  if (paid === null || paid.size === 0) return [];
  // Each 2320 loop (from SBR) with its AMT*D and the payer id of its 2330B.
  const loops: { amount: Span | null; payer: string | null }[] = [];
  for (const segment of segmentsIn(text, beforeLines, delimiters)) {
    const [id, first] = segment.elements;
    if (id === 'SBR') loops.push({ amount: null, payer: null });
    const loop = loops[loops.length - 1];
    if (!loop) continue;
    if (id === 'AMT' && first?.trim() === 'D' && segment.elements.length > 2) {
      const start = segment.start + segment.elements.slice(0, 2).join(delimiters.element).length + 1;
      loop.amount = { start, end: start + segment.elements[2]!.length };
    } else if (id === 'NM1' && first?.trim() === 'PR' && loop.payer === null) {
      loop.payer = (segment.elements[9] ?? '').trim();
    }
  }
  const edits: TextEdit[] = [];
  for (const loop of loops) {
    if (loop.amount === null || loop.payer === null) continue;
    const removed = paid.get(loop.payer);
    if (removed === undefined || removed === 0) continue;
    const written = text.slice(loop.amount.start, loop.amount.end);
    const amount = parseDecimal(written.trim());
    if (amount === null) continue;
    edits.push({ span: loop.amount, newText: format(toCents(amount) - removed, written.trim()) });
  }
  return edits;
}
