// A code whose MUE is judged per line (MAI 1) reported twice the same way: two lines of it for
// one patient and provider on the same dates with the same modifiers (or none), in one claim or
// across claims. MAI 1 judges each line alone, so lines like these are how units get split past
// the value, and a payer's duplicate check may take the later one for a copy and deny it (CARC
// 18); a service done again says so with a modifier (76, 77, 91, a site's). MAI 2 and 3 sum the
// day's lines, so the MUE check judges those already. Checked on the lines the MUE check keeps,
// so only when an MUE table is loaded; a warning, not an NCCI edit hit: the lines may be two
// services whose difference the claim does not show (two drugs under one code, told apart by NDC).

import { formatDateRange } from '../dates';
import type { Finding } from '../model';
import type { KeptLines } from './keptLines';
import { lineList } from './lineLabels';
import type { RunFinding } from './checkPtp';
import type { MueRow } from './mue';

export const LINE_REPEATED_RULE = 'mue.line-repeated';

/** A patient group's lines of codes whose MUE is judged per line (MAI 1, a value over 0), in order: their rows, codes (as judged) and MUE rows. */
export interface PerLineMue {
  rows: number[];
  codes: string[];
  mues: MueRow[];
}

/**
 * The repeated-line findings of one patient group's MAI 1 lines (`perLine`, which the MUE check
 * collects as it judges them: checkUnits.ts), added to `out`: on each line after the first of a
 * set that nothing tells apart (code, provider, dates and modifiers), related to the first (one
 * related location each: a set of thousands of lines alike makes as many findings, not their
 * square). `shareOfDay`: the units a line counts on each of its days, not rounded (checkUnits.ts).
 */
export function checkRepeatedLines(lines: KeptLines, perLine: PerLineMue, shareOfDay: (row: number) => number, out: RunFinding[], fileNames?: readonly string[]): void {
  // Lines alike by code, provider, dates and modifiers, with their code's MUE row.
  const sets = new Map<string, { mue: MueRow; rows: number[] }>();
  for (let i = 0; i < perLine.rows.length; i++) {
    const row = perLine.rows[i]!;
    const key = `${perLine.codes[i]}\u0000${lines.provider(row)}\u0000${lines.from(row)}\u0000${lines.to(row)}\u0000${lines.signature(row).written}`;
    const set = sets.get(key);
    if (set) set.rows.push(row);
    else sets.set(key, { mue: perLine.mues[i]!, rows: [row] });
  }
  for (const { mue, rows } of sets.values()) {
    if (rows.length < 2) continue;
    // The set's units a day (its lines share their dates), as the MUE counts them: a part of a unit is a unit.
    let share = 0;
    for (const row of rows) share += shareOfDay(row);
    const units = Math.ceil(share - 1e-9);
    const split = units > mue.value && units < 1e5 ? splitSentence(mue.value, units, lines.from(rows[0]!) !== lines.to(rows[0]!)) : '';
    for (let i = 1; i < rows.length; i++) out.push({ file: lines.file(rows[i]!), finding: repeated(lines, rows[0]!, i - 1, rows[i]!, split, fileNames) });
  }
}

/** What the finding says when the set's units a day are over the MUE value: the split lets them pass. */
function splitSentence(value: number, units: number, range: boolean): string {
  return ` Its MUE of ${value} is judged per line (MAI 1): split over lines like these, the ${units} units${range ? ' a day' : ''} pass an edit they are over together.`;
}

/** The finding on `row`, which repeats `first` (and `between` more lines of its set before it). */
function repeated(lines: KeptLines, first: number, between: number, row: number, split: string, fileNames: readonly string[] | undefined): Finding {
  const code = lines.code(row).trim().toUpperCase();
  const written = lines.signature(row).written;
  const modifiers = written === '' ? 'no modifier' : `the same modifier${written.includes('-') ? 's' : ''} (${written})`;
  const dates = formatDateRange({ from: lines.from(row), to: lines.to(row) });
  const more = between === 0 ? '' : ` and ${between} more line${between === 1 ? '' : 's'} before this one`;
  const span = lines.codeSpan(first);
  const message = `${code} reported here the same way`;
  return {
    rule: LINE_REPEATED_RULE,
    severity: 'warning',
    message:
      `${code} is reported again for this patient and provider on ${dates}, with ${modifiers}, as on ${lineList(lines, [first], row, fileNames)}${more}: ` +
      `nothing tells the lines apart, so a payer's duplicate check may take this one for a copy and deny it.${split} ` +
      `If the service was done again, say so on this line (76 or 77 for a repeated procedure, 91 for a repeated laboratory test, an anatomic modifier or XS for another site); if not, report it once, with all its units on one line.`,
    span: lines.codeSpan(row),
    codes: [code],
    related: [lines.file(first) === lines.file(row) ? { span, message } : { span, message, file: lines.file(first) }],
  };
}
