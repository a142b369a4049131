// What `claimlint fix` says of a fix-all: what it did, in the past tense (its title is a command,
// "Remove 2 service lines; pad the ISA fields", for the editor's menu), and which findings of the
// kinds it fixes it left for a person, and why: a summary that said "nothing to fix" above the
// very findings it left was false.
import { unitsWithinMue, type Fix } from '../core/fixes';
import { DAYS_BEYOND_REASON, groupedByGuess, NO_PATIENT_REASON, OTHER_DATE_REASON, patientsGuessed, replacementReason, UNCERTAIN_DAY_REASON } from '../core/fixesAll';
import { ptpDaysBeyond } from '../core/fixesPtpDays';
import type { Finding, ParsedDocument } from '../core/model';
import { plural } from './io';

/** The verbs fix-all's titles start their clauses with (fixes.ts, guides/fixes.ts), in the past tense. */
const PAST: Readonly<Record<string, string>> = {
  remove: 'removed',
  lower: 'lowered',
  renumber: 'renumbered',
  recount: 'recounted',
  pad: 'padded',
  set: 'set',
  write: 'wrote',
};

/**
 * A fix-all's title as what was done: "removed 2 service lines; padded the ISA fields". Its notes
 * in parentheses (the findings left for a person) go: leftLines says those, with every reason.
 */
export function doneBy(fix: Fix): string {
  const done = fix.title
    .replace(/ \([^()]*\)/g, '')
    .replace(/(^|; |, | and )([A-Za-z]+)/g, (_, before: string, word: string) => before + (PAST[word.toLowerCase()] ?? word));
  return done.charAt(0).toLowerCase() + done.slice(1);
}

/** Findings of the kinds fix-all fixes that it left, by why. */
export interface Left {
  /** Fixing them would remove the only line of a replacement or void claim (fixesRemoval.ts takesAwayReplacement). */
  replacement: number;
  /** MAI 2 units that cannot be lowered without a judgement (fixesMue.ts unitsWithinMue). */
  units: number;
  /** Pairs of lines of a CSV that names no patient (fixesAll.ts NO_PATIENT_REASON). */
  noPatient: number;
  /** Add-on lines whose primary is billed on another date (fixesAll.ts OTHER_DATE_REASON). */
  otherDate: number;
  /** Indicator-0 pairs whose column-2 line bills days the edit does not reach (fixesAll.ts DAYS_BEYOND_REASON). */
  days: number;
  /** Indicator-0 pairs that may be of two days: a line dated only by a statement of several days (fixesAll.ts UNCERTAIN_DAY_REASON). */
  uncertainDay: number;
}

export const NONE_LEFT: Left = { replacement: 0, units: 0, noPatient: 0, otherDate: 0, days: 0, uncertainDay: 0 };

/**
 * The findings of `doc` of the kinds fix-all fixes (indicator-0 conflicts, MAI 2 MUEs over their
 * value, type 1 add-on codes) that `fix`, its fix-all, leaves. Fix-all leaves an indicator-0 or
 * add-on finding only when its line is the last of a replacement or void claim (or, indicator 0,
 * when its line bills days the edit does not reach: fixesPtpDays.ts), and an MAI 2 one
 * for that or because its units cannot be lowered for certain (a date range, a line another payer
 * paid, units or a charge that cannot be read, a count that may be an id): unitsWithinMue tells
 * which. In a CSV that names no patient, any of them whose lines are taken as one patient's (groupedByGuess).
 */
export function leftBy(text: string, doc: ParsedDocument, findings: readonly Finding[], fix: Fix | null): Left {
  const resolved = new Set(fix?.findings ?? []);
  const left = { replacement: 0, units: 0, noPatient: 0, otherDate: 0, days: 0, uncertainDay: 0 };
  const guessed = patientsGuessed(findings);
  for (const finding of findings) {
    const data = finding.data;
    if (!data || resolved.has(finding)) continue;
    if (guessed && groupedByGuess(data)) left.noPatient++;
    else if ((data.kind === 'ptp' && data.modifierIndicator === '0') || (data.kind === 'aoc' && data.type === 1)) {
      if (data.kind === 'aoc' && data.primaryOnAnotherDate) left.otherDate++;
      else if (data.kind === 'ptp' && ptpDaysBeyond(doc, data) !== null) left.days++;
      else if (data.kind === 'ptp' && data.dayUncertain === true) left.uncertainDay++;
      else left.replacement++;
    } else if (data.kind === 'mue' && data.mai === 2 && data.value > 0) {
      if (unitsWithinMue(text, doc, data) === null) left.units++;
      else left.replacement++;
    }
  }
  return left;
}

export function anyLeft(left: Left): boolean {
  return left.replacement + left.units + left.noPatient + left.otherDate + left.days + left.uncertainDay > 0;
}

/** One line (without the "claimlint: FILE: " before it) for each reason findings were left. */
export function leftLines(left: Left): string[] {
  const lines: string[] = [];
  if (left.replacement > 0) lines.push(`${plural(left.replacement, 'finding')} left for a person: ${replacementReason(left.replacement)}`);
  if (left.noPatient > 0) lines.push(`${plural(left.noPatient, 'finding')} left for a person: ${NO_PATIENT_REASON}`);
  if (left.otherDate > 0) lines.push(`${plural(left.otherDate, 'finding')} left for a person: ${OTHER_DATE_REASON}`);
  if (left.days > 0) lines.push(`${plural(left.days, 'finding')} left for a person: ${DAYS_BEYOND_REASON}`);
  if (left.uncertainDay > 0) lines.push(`${plural(left.uncertainDay, 'finding')} left for a person: ${UNCERTAIN_DAY_REASON}`);
  if (left.units > 0) {
    lines.push(
      `${plural(left.units, 'MUE finding')} with MAI 2 left for a person: the units cannot be lowered without a judgement (a line over a date range, a line another payer paid, units or a charge that cannot be read or not written at all, a unit count that may be an id, a CSV row whose cells may be shifted, or the two sides of a procedure on two lines, LT and RT, which a bilateral procedure bills as one line with modifier 50)`,
    );
  }
  return lines;
}
