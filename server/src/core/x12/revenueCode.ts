// SV201, a 5010 837I line's revenue code, is four digits (NUBC since the UB-04: 0450, 0360). Three
// (450) is one whose leading zero was lost (a spreadsheet, a system that stores it as a number),
// which a payer rejects; the guide's map takes any 1-48 characters. 4010 files (the UB-92's time)
// write three digits, as the X12 examples do: not checked. An empty one is the guide's required
// element (full mode), not said here.
import type { SegmentReading } from './reading837';
import { unsignedAt } from './segment-index';
import { sliceOf } from './source';
import { isProfessionalRevenueCode } from '../rules/claimTables';
import { endBeforeBlanks, shownCode } from './values';

export const REVENUE_CODE_RULE = 'x12.revenue-code-invalid';

/** Says when SV201 of service segment `sv` (an SV2) is written but is not four digits. */
export function checkRevenueCode(r: SegmentReading, sv: number): void {
  const el = r.elementsOf(sv, 1);
  const start = el.start(1);
  if (start < 0) return;
  const end = endBeforeBlanks(r.source, start, el.end(1));
  if (end === start || (end - start === 4 && unsignedAt(r.source, start, end) >= 0)) return;
  const value = sliceOf(r.source, start, end);
  const hint = /^\d{3}$/.test(value) ? ` (0${value}, with its leading zero?)` : '';
  r.add(REVENUE_CODE_RULE, 'warning', `SV201 (revenue code) should be 4 digits, such as 0450, found ${shownCode(value)}${hint}`, { start, end });
}

/** Whether SV201 of service segment `sv` (an SV2) is a professional-fee revenue code (096x-098x: rules/claimTables.ts). */
export function hasProfessionalRevenueCode(r: SegmentReading, sv: number): boolean {
  const el = r.elementsOf(sv, 1);
  const start = el.start(1);
  return start >= 0 && isProfessionalRevenueCode(sliceOf(r.source, start, el.end(1)));
}
