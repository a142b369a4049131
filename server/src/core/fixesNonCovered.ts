// An 837I service line's non-covered charge (SV207) kept within its charge (SV203) when a fix
// lowers the line's units and, with them, its charge: lowered in the same proportion, written as
// it was written. Left as it was, a non-covered amount larger than the line's charge is a claim a
// payer rejects (a user's fix turned SV2*0260*HC:43213*600.00*UN*3*200.00*300.00 into a line of
// 200.00 with 300.00 not covered).
import type { TextEdit } from './edits';
import { formatAmountLike } from './fixesFormat';
import type { Delimiters, Span } from './model';
import { parseAmount } from './csv/values';
import { toCents } from './x12/values';

/** SV207 after SV203: the fourth element after the charge (SV204 unit basis, SV205 units, SV206 rate). */
const ELEMENTS_AFTER_CHARGE = 4;

/**
 * The edit that lowers the SV207 of the SV2 whose charge (SV203) is at `chargeSpan`, from
 * `oldCents` to `newCents` of charge, in proportion; null when the segment is not an SV2, has no
 * SV207, or its SV207 is no amount above zero.
 */
export function nonCoveredEdit(text: string, chargeSpan: Span, delimiters: Delimiters, oldCents: number, newCents: number): TextEdit | null {
  if (oldCents <= 0) return null;
  // The segment's id: back from the charge to the segment's start.
  let start = chargeSpan.start;
  while (start > 0 && text[start - 1] !== delimiters.segment && text[start - 1] !== '\n' && text[start - 1] !== '\r') start--;
  if (!text.startsWith(`SV2${delimiters.element}`, start)) return null;
  let at = chargeSpan.end;
  for (let n = 0; n < ELEMENTS_AFTER_CHARGE; n++) {
    if (text[at] !== delimiters.element) return null;
    at++;
    while (at < text.length && text[at] !== delimiters.element && text[at] !== delimiters.segment) at++;
  }
  // `at` ends SV207; it starts after the last element separator.
  let valueStart = at;
  while (valueStart > chargeSpan.end && text[valueStart - 1] !== delimiters.element) valueStart--;
  const written = text.slice(valueStart, at);
  const amount = parseAmount(written.trim());
  if (amount === null || amount <= 0) return null;
  const cents = Math.round((toCents(amount) * newCents) / oldCents);
  return cents === toCents(amount) ? null : { span: { start: valueStart, end: at }, newText: formatAmountLike(cents, written.trim()) };
}
