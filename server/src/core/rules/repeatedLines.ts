// A code whose MUE is judged per line (MAI 1) reported twice the same way: two lines of it for
// one patient and provider on the same dates with the same modifiers (or none), in one claim or
// across claims. MAI 1 judges each line alone, so lines like these are how units get split past
// the value, and a payer's duplicate check may take the later one for a copy and deny it (CARC
// 18); a service done again says so with a modifier (76, 77, 91, a site's). MAI 2 and 3 sum the
// day's lines, so the MUE check judges those already. Checked on the lines the MUE check keeps,
// so only when an MUE table is loaded; a warning, not an NCCI edit hit: the lines may be two
// services whose difference the claim does not show (two drugs under one code, told apart by NDC).

import { formatDateRange } from '../dates';
import type { Finding, RelatedLocation } from '../model';
import type { KeptLines } from './keptLines';
import { lineList } from './lineLabels';
import type { PatientGroup } from './serviceGroups';
import type { RunFinding } from './checkPtp';
import type { MueRow } from './mue';

export const LINE_REPEATED_RULE = 'mue.line-repeated';

/**
 * The repeated-line findings of one patient group, added to `out`: on each line after the first
 * of a set that nothing tells apart (code, provider, dates and modifiers), with the earlier ones
 * as related information. `mueOf`: the MUE row of a line's code; only codes of MAI 1 are looked
 * at, and not one with an MUE of 0 (its lines are reported as not payable).
 */
export function checkRepeatedLines(group: PatientGroup, mueOf: (code: string) => MueRow | undefined, out: RunFinding[], fileNames?: readonly string[]): void {
  const lines = group.lines;
  let sets: Map<string, number[]> | null = null;
  for (const row of group.rows) {
    const code = lines.code(row).trim().toUpperCase();
    const mue = mueOf(code);
    if (mue === undefined || mue.mai !== 1 || mue.value === 0) continue;
    const key = `${code}\u0000${lines.provider(row)}\u0000${lines.from(row)}\u0000${lines.to(row)}\u0000${lines.signature(row).written}`;
    sets ??= new Map();
    const rows = sets.get(key);
    if (rows) rows.push(row);
    else sets.set(key, [row]);
  }
  if (sets === null) return;
  for (const rows of sets.values()) {
    if (rows.length < 2) continue;
    const mue = mueOf(lines.code(rows[0]!).trim().toUpperCase())!;
    for (let i = 1; i < rows.length; i++) out.push({ file: lines.file(rows[i]!), finding: repeated(lines, rows.slice(0, i), rows[i]!, mue, rows, fileNames) });
  }
}

/** The finding on `row`, a repeat of `earlier` (all of `set` alike). */
function repeated(lines: KeptLines, earlier: readonly number[], row: number, mue: MueRow, set: readonly number[], fileNames: readonly string[] | undefined): Finding {
  const code = lines.code(row).trim().toUpperCase();
  const written = lines.signature(row).written;
  const modifiers = written === '' ? 'no modifier' : `the same modifier${written.includes('-') ? 's' : ''} (${written})`;
  const dates = formatDateRange({ from: lines.from(row), to: lines.to(row) });
  // Split over lines nothing tells apart, units pass a value their sum is over.
  const units = set.reduce((sum, r) => sum + (lines.units(r) ?? 1), 0);
  const split = units > mue.value && Number.isInteger(units) && units < 1e5 ? ` Its MUE of ${mue.value} is judged per line (MAI 1): split over lines like these, the ${units} units pass an edit they are over together.` : '';
  const file = lines.file(row);
  const where = (r: number) => lines.codeSpan(r);
  return {
    rule: LINE_REPEATED_RULE,
    severity: 'warning',
    message:
      `${code} is reported again for this patient and provider on ${dates}, with ${modifiers}, as on ${lineList(lines, earlier, row, fileNames)}: ` +
      `nothing tells the lines apart, so a payer's duplicate check may take this one for a copy and deny it.${split} ` +
      `If the service was done again, say so on this line (76 or 77 for a repeated procedure, 91 for a repeated laboratory test, an anatomic modifier or XS for another site); if not, report it once, with all its units on one line.`,
    span: where(row),
    codes: [code],
    related: earlier.map((r): RelatedLocation => {
      const message = `${code} reported here the same way`;
      return lines.file(r) === file ? { span: where(r), message } : { span: where(r), message, file: lines.file(r) };
    }),
  };
}
