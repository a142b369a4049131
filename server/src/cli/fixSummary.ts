// What `claimlint fix` says of a fix-all: what it did, in the past tense (its title is a command,
// "Remove 2 service lines; pad the ISA fields", for the editor's menu), and which findings of the
// kinds it fixes it left for a person, and why (fixesAll.ts fixAllPlanned counts them as it plans):
// a summary that said "nothing to fix" above the very findings it left was false.
import type { Fix } from '../core/fixes';
import { DAYS_BEYOND_REASON, NO_PATIENT_REASON, OTHER_DATE_REASON, OTHER_PROVIDER_REASON, replacementReason, UNCERTAIN_DAY_REASON, type LeftForAPerson } from '../core/fixesAll';
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

/** Whether fix-all left any finding for a person, whatever the reason (every count of LeftForAPerson). */
export function anyLeft(left: LeftForAPerson): boolean {
  return Object.values(left).some((count) => count > 0);
}

/** One line (without the "claimlint: FILE: " before it) for each reason findings were left. */
export function leftLines(left: LeftForAPerson): string[] {
  const lines: string[] = [];
  if (left.replacement > 0) lines.push(`${plural(left.replacement, 'finding')} left for a person: ${replacementReason(left.replacement)}`);
  if (left.noPatient > 0) lines.push(`${plural(left.noPatient, 'finding')} left for a person: ${NO_PATIENT_REASON}`);
  if (left.otherDate > 0) lines.push(`${plural(left.otherDate, 'finding')} left for a person: ${OTHER_DATE_REASON}`);
  if (left.otherProvider > 0) lines.push(`${plural(left.otherProvider, 'finding')} left for a person: ${OTHER_PROVIDER_REASON}`);
  if (left.days > 0) lines.push(`${plural(left.days, 'finding')} left for a person: ${DAYS_BEYOND_REASON}`);
  if (left.uncertainDay > 0) lines.push(`${plural(left.uncertainDay, 'finding')} left for a person: ${UNCERTAIN_DAY_REASON}`);
  if (left.units > 0) {
    lines.push(
      `${plural(left.units, 'MUE finding')} with MAI 2 left for a person: the units cannot be lowered without a judgement (a line over a date range, a line another payer paid, units or a charge that cannot be read or not written at all, a unit count that may be an id, a CSV row whose cells may be shifted, or the two sides of a procedure on two lines, LT and RT, which a bilateral procedure bills as one line with modifier 50)`,
    );
  }
  return lines;
}
