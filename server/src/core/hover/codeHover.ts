// The hover of a procedure code: its descriptor (the built-in 43214 set's official one, or a
// user's licensed file's), the PTP edits of its claim's table on the line's date, its MUE and
// add-on code rows, and the billing note and clinical summary where Claimlint has them.
import { isEvaluationAndManagement } from '../procedureCodes';
import { formatDate, todayNumber } from '../dates';
import type { DateNumber, DateRange, PtpTableKind } from '../model';
import { BUILTIN_SOURCE, descriptorNotice } from '../rules/descriptors';
import type { Knowledge } from '../rules/knowledge';
import type { PtpEdit } from '../rules/ptp';
import { noTableNote } from '../rules/claimTables';
import { mueRowFor } from '../rules/checkUnits';
import { MUE_TABLE_NAMES } from '../rules/mue';
import { codeLikeness, codeSetOf, inCodeSet, readsAsCode } from '../x12/values';
import { plainMarkdown } from './markdown';

/** At most this many codes are listed per group of edits; the rest are counted. */
const maxListedCodes = 12;

const TABLE_TITLES: Readonly<Record<PtpTableKind, string>> = { practitioner: 'practitioner', hospital: 'outpatient hospital' };

/** Where a table's edits came from, named by file (the built-in set by name). */
function sourcesOf(edits: readonly PtpEdit[]): string {
  const names = [...new Set(edits.map((e) => (e.source === BUILTIN_SOURCE ? 'the built-in 43214 set' : basename(e.source))))];
  return names.length <= 3 ? names.join(', ') : `${names.slice(0, 3).join(', ')} and ${names.length - 3} more`;
}

function basename(path: string): string {
  const cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return cut >= 0 ? path.slice(cut + 1) : path;
}

/**
 * A code's hover: descriptor, the PTP edits of its claim's table on the line's date, billing note.
 * `table` null: a claim no NCCI table applies to (837D, an inpatient facility bill...), which
 * `noTable` says (claimTables.ts noTableNote).
 */
export function codeHover(code: string, date: DateRange | null, knowledge: Knowledge, table: PtpTableKind | null = 'practitioner', noTable: string = noTableNote('dental'), today: DateNumber = todayNumber()): string {
  // A value not shaped like a code may be claim contents in the wrong place (a name, a birth
  // date): described, not quoted, as findings describe it (x12/values.ts). No descriptor or edit
  // names such a value. A value that reads as a code is letters and digits: nothing in it formats.
  if (!readsAsCode(code)) return notACode(code);
  const parts: string[] = [];
  const descriptor = knowledge.descriptors.get(code);
  const text = descriptor?.long ?? descriptor?.short;
  // A descriptor from the user's file is text, not Markdown: escaped, so it shows as written.
  parts.push(text ? `**${code}** — ${descriptorThatFits(text)}${descriptor?.source === BUILTIN_SOURCE ? ' (official CPT descriptor)' : ''}` : `**${code}**${looksLikeCode(code)} — no descriptor loaded (add your licensed file in \`claimlint.descriptorFiles\`)`);
  // A line without a date of service is paired with no other (the checks need its day): its hover
  // shows the edits in force today, as what the line would meet, and says it is not checked.
  const day = date?.from ?? today;
  const to = date?.to ?? today;
  const rules = table === null ? null : knowledge.tables[table];
  // Over a date range, the edits in force on some day of it (as the check judges the line).
  const asColumnOne = rules === null ? [] : rules.editsAsColumnOne(code, day, to).filter((e) => e.modifierIndicator !== '9');
  const asColumnTwo = rules === null ? [] : rules.editsAsColumnTwo(code, day, to).filter((e) => e.modifierIndicator !== '9');
  const when = date === null ? ` in force today (${formatDate(today)})` : date.to !== date.from ? ` from ${formatDate(date.from)} to ${formatDate(date.to)}` : ` on ${formatDate(date.from)}`;
  if (table !== null && date === null) parts.push('_This line has no date of service, so no edit is checked on it: the checks pair lines of one day._');
  if (table === null) {
    parts.push(noTable);
  } else if (asColumnOne.length || asColumnTwo.length) {
    const lines: string[] = [`**PTP edits${when}** (${TABLE_TITLES[table]} table, from ${sourcesOf([...asColumnOne, ...asColumnTwo])})`];
    const detailed = asColumnOne.length + asColumnTwo.length <= detailedEdits;
    if (asColumnOne.length) lines.push(...editGroups(asColumnOne, 'columnTwo', `Column 1: do not report with`, detailed));
    if (asColumnTwo.length) lines.push(...editGroups(asColumnTwo, 'columnOne', `Column 2: bundled into`, detailed));
    parts.push(lines.join('\n'));
  } else {
    parts.push(noEditsLine(knowledge, table, when) + endedEdits(rules!, code, day));
  }
  if (table !== null) parts.push(...unitAndAddOnLines(code, day, knowledge, table));
  // The edits first (what a coder acts on), then the billing note and the longer clinical text.
  if (descriptor?.guideline && table !== null && noteAgrees(descriptor.guideline, code, asColumnOne)) parts.push(`**Billing:** ${descriptor.guideline}`);
  if (descriptor?.clinicalSummary) parts.push(`---\n\n**Clinical summary:** ${summaryThatFits(descriptor.clinicalSummary)}`);
  const notice = descriptor ? descriptorNotice(descriptor) : null;
  if (notice) parts.push(`_${plainMarkdown(notice)}_`);
  return parts.join('\n\n');
}

/**
 * The hover's line for a code with no PTP edit: "none in the loaded table" only when a table was
 * loaded; with only the built-in 43214 set (or nothing) the user is told that is all that was
 * looked at, so no edit found is not taken for a clean code.
 */
function noEditsLine(knowledge: Knowledge, table: PtpTableKind, when: string): string {
  const loaded = knowledge.files.some((f) => f.kind === 'ptp' && f.table === table && f.rows > 0);
  if (loaded) return `No PTP edits${when} in the loaded ${TABLE_TITLES[table]} table.`;
  const setting = table === 'hospital' ? 'claimlint.hospitalPtpEditFiles' : 'claimlint.ptpEditFiles';
  const builtin = knowledge.tables[table].size > 0;
  return builtin
    ? `No PTP edits${when} in the built-in 43214 set, the only ${TABLE_TITLES[table]} edits loaded: load CMS's ${TABLE_TITLES[table]} PTP table (\`${setting}\`) to check every pair.`
    : `No ${TABLE_TITLES[table]} PTP table is loaded (\`${setting}\`), so no pair is checked.`;
}

/**
 * Said of a code with no edit in force on the line's date whose edits in the table all ended
 * before it (a coder's review: 0001A on 03/01/2024 said only "No PTP edits"); '' otherwise.
 */
function endedEdits(rules: Knowledge['tables'][PtpTableKind], code: string, day: DateNumber): string {
  const all = [...rules.editsAsColumnOne(code), ...rules.editsAsColumnTwo(code)].filter((e) => e.modifierIndicator !== '9');
  if (all.length === 0 || all.some((e) => e.deletion === null || e.deletion >= day)) return '';
  const last = Math.max(...all.map((e) => e.deletion!));
  return ` Its ${all.length === 1 ? 'edit' : `${all.length} edits`} in the table ended by ${formatDate(last)}.`;
}

/** The hover of a code cell whose value does not read as a code, described as shownCode and shownNumber describe such values. */
function notACode(code: string): string {
  switch (codeLikeness(code)) {
    case 'id':
      return '**A value with 6 or more digits in a row** where the procedure code goes (not shown: it may be an id); no descriptor or edit is looked up for it.';
    case 'name':
      return '**A value with 4 or more letters in a row** where the procedure code goes (not shown: it may be a name); no descriptor or edit is looked up for it.';
    default:
      return '**A value that is not a code** where the procedure code goes (not shown: it may be claim contents); no descriptor or edit is looked up for it.';
  }
}

/**
 * Whether the table in use agrees with a built-in billing note. The note says the codes it names
 * are not billed with this one and that no modifier changes that (the reference's guideline for
 * 43214): true when the table has an edit of each with no modifier allowed, in force on the
 * line's date. A table without them (builtin edits off and a CMS table without the pair) or with
 * an edit allowing a modifier (a hospital table may make 43214/76000 indicator 1) does not: the
 * hover would contradict its edits and the check.
 */
function noteAgrees(note: string, code: string, asColumnOne: readonly PtpEdit[]): boolean {
  const key = code.trim().toUpperCase();
  const named = new Set((note.match(/\b[0-9A-Z]{5}\b/g) ?? []).filter((token) => token !== key && codeSetOf(token) !== null));
  for (const other of named) {
    const edits = asColumnOne.filter((e) => e.columnTwo === other);
    if (edits.length === 0 || edits.some((e) => e.modifierIndicator !== '0')) return false;
  }
  return true;
}

/**
 * A descriptor's share of a hover. A CPT long descriptor runs to about a thousand characters; a
 * cell that ran columns together in an export can run to megabytes, which would put the edits
 * out of the hover's sight (and cost a hover its time budget): cut at a word, saying how much is
 * left out.
 */
const DESCRIPTOR_CHARACTERS = 2000;

/** The descriptor as hover Markdown, in quotation marks (escaped), cut to DESCRIPTOR_CHARACTERS. */
function descriptorThatFits(text: string): string {
  if (text.length <= DESCRIPTOR_CHARACTERS) return `“${plainMarkdown(text)}”`;
  let end = DESCRIPTOR_CHARACTERS;
  // Not between the halves of a surrogate pair; at the last blank when it is not far back.
  if (/[\uDC00-\uDFFF]/.test(text[end]!)) end--;
  const blank = text.slice(0, end).search(/\s\S*$/);
  if (blank > DESCRIPTOR_CHARACTERS / 2) end = blank;
  return `“${plainMarkdown(text.slice(0, end))} …” (${(text.length - end).toLocaleString('en-US')} more characters of it not shown)`;
}

/** The clinical summary's share of a hover: about three lines, which a hover's height leaves after the edits and the billing note. */
const CLINICAL_SUMMARY_CHARACTERS = 260;

/**
 * The clinical summary as a section that fits below the rest of the hover: its first sentence,
 * and the next ones while they fit, marked with an ellipsis when some are left out (a whole
 * summary is cut off by the hover's height, mid-sentence, under the edits).
 */
function summaryThatFits(summary: string): string {
  // A sentence ends at . ! or ? followed by a space (so "30.5 mm" stays whole).
  const sentences = summary.trim().split(/(?<=[.!?]) +/);
  let shown = sentences[0]!;
  let count = 1;
  while (count < sentences.length && shown.length + 1 + sentences[count]!.length <= CLINICAL_SUMMARY_CHARACTERS) shown += ` ${sentences[count++]}`;
  return count < sentences.length ? `${shown} …` : shown;
}

/** The code's MUE and add-on code edits, for the hover (nothing when no such table is loaded). */
function unitAndAddOnLines(code: string, day: number | undefined, knowledge: Knowledge, table: PtpTableKind): string[] {
  const out: string[] = [];
  const key = code.trim().toUpperCase();
  const mue = mueRowFor(knowledge.mue, table, key);
  if (mue) {
    const mai = mue.mai === 1 ? 'per line' : mue.mai === 2 ? 'per day, a policy limit' : 'per day, a clinical limit that can be appealed';
    out.push(
      mue.value === 0
        ? `**MUE 0:** not payable (${MUE_TABLE_NAMES[mue.kind]} MUE table${mue.rationale ? `; ${mue.rationale}` : ''}).`
        : `**MUE:** at most ${mue.value} unit${mue.value === 1 ? '' : 's'} (MAI ${mue.mai}, ${mai}; ${MUE_TABLE_NAMES[mue.kind]} table${mue.rationale ? `; ${mue.rationale}` : ''}).`,
    );
  }
  const asAddOn = knowledge.aoc.rowsForAddOn(key, day);
  if (asAddOn.length > 0) {
    const types = [...new Set(asAddOn.map((r) => r.type))].sort();
    const primaries = [...new Set(asAddOn.flatMap((r) => (r.primary === null ? [] : [r.primary])))].sort();
    const typeText = types.map((t) => (t === 1 ? 'type 1: only with a listed primary' : t === 2 ? 'type 2: the payer decides the primaries' : 'type 3: listed primaries, others by payer')).join('; ');
    out.push(`**Add-on code** (${typeText})${primaries.length > 0 ? `: primaries ${listCodes(primaries)}` : ''}.`);
  }
  const enabled = [...new Set(knowledge.aoc.addOnsForPrimary(key, day).map((r) => r.addOn))].sort();
  if (enabled.length > 0) out.push(`**Primary for add-on codes** ${listCodes(enabled)}.`);
  return out;
}

const codeSetNames = { cpt: ' (CPT)', hcpcs: ' (HCPCS)', cdt: ' (CDT)' } as const;

function looksLikeCode(code: string): string {
  const set = codeSetOf(code);
  // HCPCS Level II's D codes are the dental procedures, CDT.
  if (set === 'hcpcs' && inCodeSet('cdt', code)) return codeSetNames.cdt;
  return set ? codeSetNames[set] : '';
}

/** What each kind of edit allows, as a hover line ends (with its modifier indicator). */
const NEVER = 'no modifier allowed (modifier indicator 0)';
const ON_PROCEDURE = 'unless an NCCI modifier (an anatomic one, XE, XS, XP, XU or 59) shows a distinct service (modifier indicator 1)';
const ON_EM = 'unless 25 on the E/M code shows a significant, separately identifiable visit (modifier indicator 1)';

/** Up to this many edits of a code are each shown with their dates and rationale; more are grouped. */
const detailedEdits = 4;

function editGroups(edits: PtpEdit[], other: 'columnOne' | 'columnTwo', label: string, detailed: boolean): string[] {
  // The modifier goes on the column-2 line: 25 when its code is an E/M code, else XE/XS/XP/XU or 59.
  const allowsOf = (e: PtpEdit) => (e.modifierIndicator === '0' ? NEVER : isEvaluationAndManagement(e.columnTwo) ? ON_EM : ON_PROCEDURE);
  // A few edits: each with the dates it is in force and its rationale, as the table gives them.
  if (detailed) return edits.map((e) => `- ${label} ${e[other]} — ${allowsOf(e)}; ${editDates(e)}${e.rationale === '' ? '' : `; ${plainMarkdown(e.rationale)}`}`);
  const out: string[] = [];
  for (const allows of [NEVER, ON_PROCEDURE, ON_EM]) {
    const codes = edits.filter((e) => allowsOf(e) === allows).map((e) => e[other]);
    if (codes.length) out.push(`- ${label} ${listCodes(codes)} — ${allows}`);
  }
  return out;
}

/** When an edit is in force: "in force since 01/01/2014", "... until 12/31/2023", "in force since before 1996". */
function editDates(e: PtpEdit): string {
  const since = e.preexisting ? `since before 1996 (table date ${formatDate(e.effective)})` : `since ${formatDate(e.effective)}`;
  return `in force ${since}${e.deletion === null ? '' : ` until ${formatDate(e.deletion)}`}`;
}

function listCodes(codes: string[]): string {
  const unique = [...new Set(codes)];
  const shown = unique.slice(0, maxListedCodes).join(', ');
  return unique.length > maxListedCodes ? `${shown} and ${unique.length - maxListedCodes} more` : shown;
}

