// Whether removing a PTP finding's column-2 line would take more than the edit reaches: a line
// billed over a date range (RD8, a CSV From/To) that the column-1 line shares only some days of
// bills services on the other days that no edit bundles. Such a removal is for a person (split the
// line), not for fix-all or a preferred quick fix.
import type { DateRange, ParsedDocument, PtpFindingData } from './model';

/**
 * The column-2 line's days (`billed`) and those it shares with the column-1 line (`shared`), when
 * it bills days beyond them; null when the edit reaches every day it bills, or when that is not
 * known here (a date missing, the column-1 line in another file of a run).
 */
export function ptpDaysBeyond(doc: ParsedDocument, data: PtpFindingData): { billed: DateRange; shared: DateRange } | null {
  if (data.columnOneFile !== undefined) return null;
  const billed = doc.claims[data.claimIndex]?.lines[data.columnTwoLine]?.dateOfService ?? null;
  const columnOne = doc.claims[data.columnOneClaim]?.lines[data.columnOneLine]?.dateOfService ?? null;
  if (billed === null || columnOne === null) return null;
  const shared = { from: Math.max(billed.from, columnOne.from), to: Math.min(billed.to, columnOne.to) };
  if (shared.from > shared.to || (shared.from === billed.from && shared.to === billed.to)) return null;
  return { billed, shared };
}
