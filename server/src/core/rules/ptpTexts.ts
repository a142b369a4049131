// The text of a PTP finding that depends on its edit row alone, made once per row and table and
// shared by every finding of that row: a finding's message is then its row's head, the line it
// names, its dates and its row's tail. On the 100 MB bench 837P the built-in edits give 11,158
// findings from a handful of rows; each built its edit's source sentence and message from a dozen
// pieces, and the findings were kept (and copied by each scavenge) until the report was written.

import { listWithOr } from '../wordLists';
import { PTP_FIX_MODIFIERS, PTP_FIX_MODIFIERS_EM, PTP_FIX_MODIFIERS_HOSPITAL_EM } from '../data/modifiers';
import { isEvaluationAndManagement } from '../procedureCodes';
import type { PtpTableKind } from '../model';
import { detached } from '../text';
import type { ModifierIndicator, PtpRuleSet } from './ptp';
import { BUILTIN_SOURCE } from './descriptors';

/** What a PTP finding of one edit row says, around the line it names and its dates. */
export interface PairTexts {
  columnOne: string;
  columnTwo: string;
  indicator: ModifierIndicator;
  /** The message of the same provider's pair is `${head}${where}) on ${when}${tail}`. */
  head: string;
  tail: string;
  /** `tail` without its advice to remove the column-2 line (for a line billed over days the edit does not all reach). */
  tailKeepingLine: string;
  /** `tail` and `tailKeepingLine` for two lines of one practitioner: the modifiers advised without XP (a separate practitioner). */
  tailOnePractitioner: string;
  tailKeepingLineOnePractitioner: string;
  /** The same for another rendering provider of the same billing provider. */
  otherHead: string;
  otherTail: string;
  /** otherTail where the file names no billing provider (a CSV without a billing NPI column): its rows are taken as one group's. */
  otherTailNoBilling: string;
  /** The related location's message (the column-1 line). */
  related: string;
  /** The row is the built-in set's (data/builtin-43214.json), not a loaded table's. */
  builtin: boolean;
}


const FIX_MODIFIER_LIST = listWithOr(PTP_FIX_MODIFIERS.map((modifier) => modifier.code));
const FIX_MODIFIER_MEANINGS = listWithOr(PTP_FIX_MODIFIERS.slice(0, 4).map((modifier) => modifier.meaning));
/** The same without XP, for two lines of one practitioner. */
const NOT_XP = PTP_FIX_MODIFIERS.filter((modifier) => modifier.code !== 'XP');
const FIX_MODIFIER_LIST_NOT_XP = listWithOr(NOT_XP.map((modifier) => modifier.code));
const FIX_MODIFIER_MEANINGS_NOT_XP = listWithOr(NOT_XP.slice(0, 3).map((modifier) => modifier.meaning));
/** The same for a column-2 E/M code: 25, and what it says of the visit. */
const EM_FIX_MODIFIER_LIST = listWithOr(PTP_FIX_MODIFIERS_EM.map((modifier) => modifier.code));
const EM_FIX_MODIFIER_MEANINGS = listWithOr(PTP_FIX_MODIFIERS_EM.map((modifier) => modifier.meaning));
const TABLE_NAMES: Readonly<Record<PtpTableKind, string>> = { practitioner: 'practitioner', hospital: 'outpatient hospital' };
/** Where the built-in set's rows of each table come from (data/builtin-43214.json), as a finding says it. */
const BUILTIN_ORIGIN: Readonly<Record<PtpTableKind, string>> = {
  practitioner: "from the code's billing guideline, not from CMS's practitioner table: load that table for CMS's own edits",
  hospital: "modifier indicators as CMS's outpatient hospital table v32.3 has them",
};

/**
 * Per rule set and table, the texts of the rows asked for so far. A row's edit never changes once
 * added (rows are only appended), so what is made for it stays true.
 */
const made = new WeakMap<PtpRuleSet, Record<PtpTableKind, Map<number, PairTexts>>>();

/** The texts of edit row `row` of `rules` judged as table `table`. */
export function pairTextsOf(rules: PtpRuleSet, table: PtpTableKind, row: number): PairTexts {
  let tables = made.get(rules);
  if (tables === undefined) made.set(rules, (tables = { practitioner: new Map(), hospital: new Map() }));
  const byRow = tables[table];
  let texts = byRow.get(row);
  if (texts === undefined) byRow.set(row, (texts = textsOf(rules, table, row)));
  return texts;
}

function textsOf(rules: PtpRuleSet, table: PtpTableKind, row: number): PairTexts {
  const indicator = rules.modifierIndicatorAt(row);
  const { columnOne, columnTwo, rationale, source: file } = rules.editAt(row);
  const why = rationale === '' ? '' : ` (${rationale})`;
  const source =
    file === BUILTIN_SOURCE
      ? `Claimlint's built-in ${columnOne} edit (${BUILTIN_ORIGIN[table]}), column 1 ${columnOne}, column 2 ${columnTwo}${why}, modifier indicator ${indicator}`
      : `NCCI ${TABLE_NAMES[table]} PTP edit, column 1 ${columnOne}, column 2 ${columnTwo}${why}, modifier indicator ${indicator}`;
  const [hospitalEm] = PTP_FIX_MODIFIERS_HOSPITAL_EM;
  const modifierAdvice = !isEvaluationAndManagement(columnTwo)
    ? `If ${columnTwo} was a distinct service (${FIX_MODIFIER_MEANINGS}), add ${FIX_MODIFIER_LIST} to the ${columnTwo} line`
    : table === 'hospital' && isEvaluationAndManagement(columnOne)
      ? `If the ${columnTwo} visit was a ${hospitalEm!.meaning}, add ${hospitalEm!.code} to the ${columnTwo} line`
      : `If the ${columnTwo} visit was a ${EM_FIX_MODIFIER_MEANINGS}, add ${EM_FIX_MODIFIER_LIST} to the ${columnTwo} line`;
  const tail = indicator === '0' ? `: ${source}, so no modifier makes the pair payable. Remove the ${columnTwo} line.` : `: ${source}. ${modifierAdvice}; otherwise remove that line.`;
  const tailKeepingLine = indicator === '0' ? `: ${source}, so no modifier makes the pair payable.` : `: ${source}. ${modifierAdvice}.`;
  // Only a procedure's advice names XP (an E/M code in column 2 takes 25, 57 or 27).
  const xpAdvised = indicator === '1' && !isEvaluationAndManagement(columnTwo);
  const adviceNotXp = `If ${columnTwo} was a distinct service (${FIX_MODIFIER_MEANINGS_NOT_XP}), add ${FIX_MODIFIER_LIST_NOT_XP} to the ${columnTwo} line`;
  const otherAdvice =
    `so the two are not checked as one provider's services. ` +
    // Indicator 0: no modifier makes the pair payable, XP included.
    (indicator === '0'
      ? `A payer that applies the edit to the whole billing group denies the ${columnTwo} line: no modifier makes this pair payable.`
      : `A payer that applies the edit to the whole billing group expects modifier XP on the ${columnTwo} line.`);
  // Flat, each its own string: the findings hold them to the end (the CLI until its report, the
  // server with the document), joined to a few short strings each (codingFamilies.ts does not flatten them).
  return {
    columnOne,
    columnTwo,
    indicator,
    head: detached(indicator === '0' ? `${columnTwo} should not be billed with ${columnOne} (` : `${columnTwo} is bundled into ${columnOne} (`),
    tail: detached(tail),
    tailKeepingLine: detached(tailKeepingLine),
    tailOnePractitioner: xpAdvised ? detached(`: ${source}. ${adviceNotXp}; otherwise remove that line.`) : tail,
    tailKeepingLineOnePractitioner: xpAdvised ? detached(`: ${source}. ${adviceNotXp}.`) : tailKeepingLine,
    otherHead: detached(`${columnTwo} and ${columnOne} (`),
    otherTail: detached(` are an NCCI pair (${source}), but another rendering provider of the same billing provider performed ${columnOne}, ${otherAdvice}`),
    otherTailNoBilling: detached(
      ` are an NCCI pair (${source}), but another rendering provider performed ${columnOne} (the file names no billing provider, so its rows are taken as one billing group's), ${otherAdvice}`,
    ),
    related: detached(`Column 1 code ${columnOne} is on this line`),
    builtin: file === BUILTIN_SOURCE,
  };
}
