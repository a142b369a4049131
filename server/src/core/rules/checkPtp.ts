// The PTP check: pairs of service lines of one patient, by one provider, whose dates of service
// overlap and whose codes an NCCI edit in force on those dates says should not be billed
// together, whichever claims (or files) the lines are on. The practitioner table judges 837P
// and CSV lines, the outpatient hospital table 837I lines (serviceGroups.ts groups them).

import { formatDate, formatDateRange } from '../dates';
import type { Claim, DateNumber, Finding, PtpFindingData, PtpTableKind, RelatedLocation } from '../model';
import type { PtpRuleSet } from './ptp';
import type { KeptLines } from './keptLines';
import { modifierNote } from './ptpBypass';
import { pairTextsOf, type PairTexts } from './ptpTexts';
import { ServiceGrouper, type PatientGroup } from './serviceGroups';
import { lineLabel } from './lineLabels';
import { applyingRow, checkPairwise, codedLineOf, codedLinesOf, onePractitioner, type CodedLine } from './ptpPairs';
import { checkLargeGroup } from './ptpLargeGroups';

export const PTP_CONFLICT_RULE = 'ptp.conflict';
export const PTP_MODIFIER_REQUIRED_RULE = 'ptp.modifier-required';
export const PTP_OTHER_PROVIDER_RULE = 'ptp.other-rendering-provider';

/** The two tables a check chooses from by claim type. */
export interface PtpTables {
  practitioner: PtpRuleSet;
  hospital: PtpRuleSet;
}

/** A finding and the document (of a run of several) it belongs to. */
export interface RunFinding {
  file: number;
  finding: Finding;
}

/**
 * The PTP findings of one document's claims. See checkPtpGroups for what is reported.
 */
export function checkPtp(claims: readonly Claim[], tables: PtpTables, x12 = true, pairwiseLimit = PAIRWISE_LIMIT): Finding[] {
  const grouper = new ServiceGrouper();
  grouper.add(claims, { x12, keep: keepCoded(tables) });
  return checkPtpGroups(grouper, tables, undefined, pairwiseLimit).map((f) => f.finding);
}

/** A ServiceGrouper filter: lines whose code is in some edit of their table. */
export function keepCoded(tables: PtpTables): (line: { code: string }, table: PtpTableKind) => boolean {
  const keep = keepCodeOf(tables);
  return (line, table) => keep(line.code, table);
}

/** keepCoded by the code alone (for a line not built yet). */
export function keepCodeOf(tables: PtpTables): (code: string, table: PtpTableKind) => boolean {
  return (code, table) => tables[table].codeId(code) >= 0;
}

/**
 * Findings for every pair of lines of a patient group whose dates of service overlap and whose
 * codes an edit in force on those dates pairs as column 1 / column 2:
 * - the same provider: indicator 0 'ptp.conflict' (error); indicator 1 without a modifier that
 *   satisfies it 'ptp.modifier-required' (warning);
 * - other rendering providers of the same billing provider: 'ptp.other-rendering-provider'
 *   (information), only when the same column-2 line has no conflict with that column-1 code.
 * The finding sits on the column-2 line's code, once per column-1 code; its related location is
 * the first column-1 line in run order. Two lines of the same code are never paired. Findings are
 * ordered by their pair of lines (the lower line, then the higher).
 */
export function checkPtpGroups(grouper: ServiceGrouper, tables: PtpTables, fileNames?: readonly string[], pairwiseLimit = PAIRWISE_LIMIT): RunFinding[] {
  const out: RunFinding[] = [];
  for (const group of grouper.groups()) checkPtpGroup(group, tables, out, fileNames, pairwiseLimit);
  return out;
}

/** The PTP findings of one patient group (see checkPtpGroups), added to `out`: they depend on that group's lines alone. */
export function checkPtpGroup(group: PatientGroup, tables: PtpTables, out: RunFinding[], fileNames?: readonly string[], pairwiseLimit = PAIRWISE_LIMIT): void {
  const rules = tables[group.table];
  if (group.rows.length < 2 || rules.size === 0) return;
  rules.finish();
  const coded = codedLinesOf(group, rules);
  if (coded.length < 2) return;
  const lines = group.lines;
  const found = coded.length > pairwiseLimit ? checkLargeGroup(coded, rules) : checkPairwise(coded, rules);
  for (const { columnOne, columnTwo, row, from, to, sameProvider } of found) {
    out.push({ file: lines.file(columnTwo.row), finding: pairFinding(lines, rules, group.table, columnOne, columnTwo, row, from, to, sameProvider, fileNames) });
  }
}


/**
 * Whether another line of the same patient group (by its row) is the column-1 line of a
 * 'ptp.conflict' with line `row` as column 2, as checkPtpGroup reports it: the same provider,
 * dates that overlap, and an indicator-0 edit in force with the other line's code as column 1 (so
 * no modifier helps), the pair taken the way the pair test takes it (the earlier line as column 1
 * first). While such a line is paid, this one is denied (an add-on code whose primary it is has
 * no paid primary: checkAddOns.ts). Null when line `row`'s code is in no edit: no line is.
 * `practitioners`: the group's (practitionersOf), as the pair test reads them.
 */
export function conflictColumnOneTest(lines: KeptLines, rules: PtpRuleSet, row: number, practitioners: ReadonlySet<number>): ((other: number) => boolean) | null {
  if (rules.size === 0) return null;
  const two = codedLineOf(lines, rules, row, practitioners);
  if (two === null) return null;
  return (other) => {
    if (other === row) return false;
    const one = codedLineOf(lines, rules, other, practitioners);
    if (one === null || one.codeId === two.codeId || one.provider !== two.provider) return false;
    const from = Math.max(one.from, two.from);
    const to = Math.min(one.to, two.to);
    if (from > to) return false;
    // The pair test takes the later line as column 1 only when the earlier one is not.
    if (two.order < one.order && applyingRow(rules, two, one, from, to) >= 0) return false;
    const edit = applyingRow(rules, one, two, from, to);
    return edit >= 0 && rules.modifierIndicatorAt(edit) === '0';
  };
}

/**
 * Whether an indicator-0 edit with these codes as column 1 and column 2 is in force on some day
 * of [from, to]: a line of the one can be the column-1 line of a conflict with a line of the other
 * (conflictColumnOneTest) on those days only then, since a 0 row in force on some day of a range
 * is what the index answers for the whole range.
 */
export function mayConflict(rules: PtpRuleSet, columnOne: string, columnTwo: string, from: DateNumber, to: DateNumber): boolean {
  const one = rules.codeId(columnOne);
  if (one < 0 || !rules.hasColumnOneEdits(one)) return false;
  const row = rules.activeRowInRange(one, rules.codeId(columnTwo), from, to);
  return row >= 0 && rules.modifierIndicatorAt(row) === '0';
}


/**
 * Groups with more coded lines than this take the class path of ptpLargeGroups.ts (same findings,
 * same order) instead of comparing every pair of lines: a CSV without a patient or claim-id
 * column is one patient, and 8,000 rows of it took 28 seconds pairwise.
 */
const PAIRWISE_LIMIT = 64;


/**
 * A column-2 line billed over more days than the pair shares ([from, to]): the edit does not reach
 * its other days, so the advice to remove it is to be read as "take it off those days" (fix-all
 * leaves it: fixesPtpDays.ts). '' for a line of the shared days only.
 */
function splitNote(columnTwo: string, indicator: '0' | '1', two: CodedLine, from: DateNumber, to: DateNumber): string {
  if (two.from >= from && two.to <= to) return '';
  const shared = from === to ? formatDate(from) : formatDateRange({ from, to });
  return ` The ${columnTwo} line is billed over ${formatDateRange({ from: two.from, to: two.to })} and the edit reaches ${shared} only: ${indicator === '0' ? 'take' : 'otherwise take'} ${columnTwo} off ${shared} by splitting the line, rather than remove it, so that the other days stay billed.`;
}

/**
 * Said of a pair one of whose lines has no date of its own over a claim period of several days:
 * the pair holds only if both were on one day, and each line's date decides it.
 */
function uncertainDayNote(lines: KeptLines, one: CodedLine, two: CodedLine): string {
  const both = lines.dateUncertain(one.row) && lines.dateUncertain(two.row);
  const which = both ? 'Neither line has a date of its own' : `The ${lines.dateUncertain(two.row) ? two.code : one.code} line has no date of its own`;
  return ` ${which} (DTP*472): ${both ? 'each' : 'it'} is taken over its claim's statement period, so the two may be of different days, and the advice holds only if they were of one. Write each line's date; until then no fix removes a line.`;
}

/**
 * Said of an indicator-1 pair whose two lines are one practitioner's (ptpPairs.ts onePractitioner:
 * a rendering provider, not only the billing provider, which may be a group of several): XP,
 * among the modifiers the advice lists, says a separate practitioner, which the claim itself says
 * is not so (a coder's review); '' otherwise, or when XP is written on the pair (modifierNote says
 * why it does not count).
 */
function onePractitionerNote(one: CodedLine, two: CodedLine, practitioner: string): string {
  if (practitioner === '' || one.signature.written.split('-').includes('XP') || two.signature.written.split('-').includes('XP')) return '';
  return ` Not XP: ${practitioner}, and XP says another practitioner performed the service.`;
}

/**
 * How the two lines are one practitioner's, in words ('' when they are not: ptpPairs.ts
 * onePractitioner): a rendering provider both name, a billing provider who is a person and names
 * no rendering provider (KeptLines.person), or the one as the other's.
 */
function practitionerWords(lines: KeptLines, one: CodedLine, two: CodedLine): string {
  if (!onePractitioner(one, two)) return '';
  const billed = [one, two].filter((line) => lines.provider(line.row) === lines.billing(line.row)).length;
  if (billed === 0) return 'both lines name the same rendering provider';
  if (billed === 2) return "both lines are the billing provider's, a person, and name no other rendering provider";
  return "both lines are one practitioner's (the rendering provider of one line is the other's billing provider, a person)";
}

/**
 * Said of a pair whose lines are practitioners' services on a critical access hospital's bill
 * (Method II), judged by the practitioner table though the bill is a hospital's; '' otherwise.
 */
function methodIINote(lines: KeptLines, one: CodedLine, two: CodedLine): string {
  const which = [one, two].filter((line) => lines.methodII(line.row)).map((line) => line.code);
  if (which.length === 0) return '';
  const named = which.length === 2 ? `The ${which[0]} and ${which[1]} lines are practitioners' services` : `The ${which[0]} line is a practitioner's service`;
  return ` ${named} on a critical access hospital's bill (Method II: a professional-fee revenue code, 096x-098x), so the practitioner table judges ${which.length === 2 ? 'them' : 'it'}.`;
}

/** The texts' tail for a pair, with (`removal`) or without the advice to remove the column-2 line, naming XP only for lines of two providers. */
function adviceTail(texts: PairTexts, removal: boolean, practitioner: boolean): string {
  if (practitioner) return removal ? texts.tailOnePractitioner : texts.tailKeepingLineOnePractitioner;
  return removal ? texts.tail : texts.tailKeepingLine;
}

function pairFinding(
  lines: KeptLines,
  rules: PtpRuleSet,
  table: PtpTableKind,
  one: CodedLine,
  two: CodedLine,
  row: number,
  from: DateNumber,
  to: DateNumber,
  sameProvider: boolean,
  fileNames: readonly string[] | undefined,
): Finding {
  const texts = pairTextsOf(rules, table, row);
  const { columnOne, columnTwo } = texts;
  const indicator = texts.indicator as '0' | '1';
  const around = `${lineLabel(lines, one.row, two.row, fileNames)}) on ${from === to ? formatDate(from) : formatDateRange({ from, to })}`;
  const span = lines.codeSpan(two.row);
  const oneFile = lines.file(one.row);
  const twoFile = lines.file(two.row);
  const related: RelatedLocation[] = [{ span: lines.codeSpan(one.row), message: texts.related, ...(oneFile === twoFile ? {} : { file: oneFile }) }];
  const data: PtpFindingData = {
    kind: 'ptp',
    columnOne,
    columnTwo,
    modifierIndicator: indicator,
    table,
    claimIndex: lines.claimIndex(two.row),
    columnTwoLine: lines.lineIndex(two.row),
    columnOneClaim: lines.claimIndex(one.row),
    columnOneLine: lines.lineIndex(one.row),
  };
  // Last, as the report writes the data's fields in this order.
  if (texts.builtin) data.builtin = true;
  if (oneFile !== twoFile) data.columnOneFile = oneFile;
  if (!sameProvider) {
    // Lines of one billing group by a file that names no billing provider ('' for every line): that they are one practice's is a guess.
    const tail = lines.billing(two.row) === '' ? texts.otherTailNoBilling : texts.otherTail;
    data.otherProvider = true;
    return { rule: PTP_OTHER_PROVIDER_RULE, severity: 'information', message: texts.otherHead + around + tail, span, codes: [columnOne, columnTwo], related, data };
  }
  const uncertain = lines.dateUncertain(one.row) || lines.dateUncertain(two.row);
  if (uncertain) data.dayUncertain = true;
  // Modifiers written that do not count here (25 on a procedure, LT on both lines): the finding says why.
  const practitioner = indicator === '1' ? practitionerWords(lines, one, two) : '';
  const note = indicator === '1' ? modifierNote(one.signature, two.signature, columnOne, columnTwo, practitioner) + onePractitionerNote(one, two, practitioner) : '';
  const split = uncertain ? '' : splitNote(columnTwo, indicator, two, from, to);
  return {
    rule: indicator === '0' ? PTP_CONFLICT_RULE : PTP_MODIFIER_REQUIRED_RULE,
    // Two lines that may be of different days: a conflict only if they were of one.
    severity: indicator === '0' && !uncertain ? 'error' : 'warning',
    message: texts.head + around + adviceTail(texts, split === '', onePractitioner(one, two)) + note + split + (uncertain ? uncertainDayNote(lines, one, two) : '') + methodIINote(lines, one, two),
    span,
    codes: [columnOne, columnTwo],
    related,
    data,
  };
}
