// Fixes that leave a valid file. Removing an X12 service line removes its whole 2400 loop,
// renumbers the later LX segments of the claim, lowers SE01 by the segments removed and CLM02 by
// the line's charge, all in one set of non-overlapping edits. A CSV removal deletes the row.
import { capitalized } from './text';
import { delimitersAt, removeClaims } from './x12Loops';
import { otherPayerPaidEdits, paidByOtherPayer } from './x12/otherPayerPaid';
import { toCents } from './x12/values';
import type { Claim, Finding, LineRef, MueFindingData, ParsedDocument, PtpFindingData, ServiceLine, Span } from './model';
import type { TextEdit } from './edits';
import { PTP_FIX_MODIFIERS } from './data/modifiers';
import { isDecimalCommaAmount, swapMarks } from './csv/amounts';
import { countedDays, countedUnits, shareOfDay } from './rules/checkUnits';
import { supersedesOthers } from './rules/supersession';

export interface Fix {
  title: string;
  kind: 'quickfix' | 'source.fixAll';
  edits: TextEdit[];
  isPreferred: boolean;
  /** The findings this fix resolves. */
  findings: Finding[];
  /** The service lines its edits remove (a fix-all; one line resolves several findings in a chain). */
  removes?: readonly LineRef[];
}

export type { LineRef } from './model';

/** How a fix names a line: "service line 2" (of claim N when `withClaim` and the document has several claims), "row 7" in CSV. */
function lineName(doc: ParsedDocument, ref: LineRef, withClaim = true): string {
  const line = doc.claims[ref.claimIndex]?.lines[ref.lineIndex];
  if (!line) return 'the line';
  if (doc.format !== 'x12') return `row ${line.lineNumber}`;
  const number = line.lineNumber || String(line.index + 1);
  // A claim's only line goes with its claim (x12Loops.ts): the title says so.
  if (doc.claims[ref.claimIndex]!.lines.length === 1) return doc.claims.length > 1 ? `claim ${ref.claimIndex + 1} and its only service line` : 'the claim and its only service line';
  return withClaim && doc.claims.length > 1 ? `claim ${ref.claimIndex + 1}, service line ${number}` : `service line ${number}`;
}

/** The quick fixes for one finding (empty when the finding has none). */
export function fixesFor(text: string, doc: ParsedDocument, finding: Finding): Fix[] {
  const data = finding.data;
  if (!data) return [];
  switch (data.kind) {
    case 'ptp':
      return ptpFixes(text, doc, finding, data);
    case 'mue':
      return mueFixes(text, doc, finding, data);
    case 'aoc':
      return removal(text, doc, finding, data.line, `Remove ${lineName(doc, data.line)} (add-on code ${data.addOn} without its primary)`);
  }
}

/**
 * The fix that removes one line, or none when that would take away a replacement or void claim
 * (takesAwayReplacement). Preferred (what an editor's auto fix applies without asking) unless
 * `preferred` says it is one answer among others a person chooses from.
 */
function removal(text: string, doc: ParsedDocument, finding: Finding, ref: LineRef, title: string, preferred = true): Fix[] {
  if (takesAwayReplacement(doc, [ref]).length > 0) return [];
  return [{ title, kind: 'quickfix', edits: editLines(text, doc, { remove: [ref] }), isPreferred: preferred, findings: [finding] }];
}

/**
 * The replacement and void claims (CLM05-3 7 or 8; a CSV claim's frequency column or type of bill,
 * csv/claimFrequency.ts) whose every line `refs` removes: removing the lines removes the claim (an
 * 837's whole claim, editLines; a CSV claim is its rows), and with it the claim it replaces or
 * voids is in force again, whether it is in the file (rules/supersession.ts) or already with the
 * payer, holding what it billed; the correction is lost, and a finding on the replacement's line
 * comes back on the original's. What to send instead (another replacement, a void) is for a person.
 */
function takesAwayReplacement(doc: ParsedDocument, refs: readonly LineRef[]): number[] {
  const removed = new Map<number, Set<number>>();
  for (const ref of refs) {
    const claim = doc.claims[ref.claimIndex];
    if (!claim || !supersedesOthers(claim.frequency)) continue;
    let lines = removed.get(ref.claimIndex);
    if (!lines) removed.set(ref.claimIndex, (lines = new Set()));
    lines.add(ref.lineIndex);
  }
  return [...removed].filter(([claimIndex, lines]) => doc.claims[claimIndex]!.lines.every((line) => lines.has(line.index))).map(([claimIndex]) => claimIndex);
}

function ptpFixes(text: string, doc: ParsedDocument, finding: Finding, data: PtpFindingData): Fix[] {
  const ref = { claimIndex: data.claimIndex, lineIndex: data.columnTwoLine };
  const line = doc.claims[data.claimIndex]?.lines[data.columnTwoLine];
  if (!line) return [];
  // The claim is named when the pair spans two claims (within one claim the finding's own place says it).
  const name = lineName(doc, ref, data.columnOneClaim !== data.claimIndex);
  // Indicator 1: a modifier may be the right answer (fix-all leaves these for a person), so auto
  // fix must not take the removal; indicator 0 has no other answer.
  const fixes: Fix[] = removal(text, doc, finding, ref, `Remove ${name} (${data.columnTwo}, bundled into ${data.columnOne})`, data.modifierIndicator === '0');
  if (data.modifierIndicator === '1') {
    for (const modifier of PTP_FIX_MODIFIERS) {
      const edit = addModifierEdit(text, line, modifier.code);
      if (!edit) break; // no free modifier position: none of them fits
      fixes.push({
        title: `Add modifier ${modifier.code} to ${data.columnTwo} (${modifier.meaning})`,
        kind: 'quickfix',
        edits: [edit],
        isPreferred: false,
        findings: [finding],
      });
    }
  }
  return fixes;
}

/**
 * The units each line keeps so that the lines of an MUE finding come down to its value: MAI 1 the
 * one line (its value per day, times the days the check counts); MAI 2 and 3 the units written
 * over the value taken off the last lines first (a line left with no units is removed). Null when
 * a line of a date range would have to change (its units spread over days; a person decides) or
 * the units are unknown.
 */
export function unitsWithinMue(text: string, doc: ParsedDocument, data: MueFindingData): { units: Map<string, number>; remove: LineRef[] } | null {
  const units = new Map<string, number>();
  const remove: LineRef[] = [];
  const lines = data.lines.map((ref) => ({ ref, line: doc.claims[ref.claimIndex]?.lines[ref.lineIndex] }));
  if (lines.some(({ line }) => !line || line.units === null || line.unitsSpan === null || line.units < 0)) return null;
  // A line another payer has paid (2430 SVD) balances with that payment: a person decides.
  if (doc.format === 'x12' && lines.some(({ line }) => paidByOtherPayer(text, line!.span, delimitersAt(doc, line!.span.start)))) return null;
  if (data.mai === 1) {
    const { ref, line } = lines[0]!;
    if (chargeUnread(line!)) return null;
    units.set(`${ref.claimIndex}:${ref.lineIndex}`, data.value * countedDays(line!.dateOfService));
    return { units, remove };
  }
  // data.units is the day's sum rounded up (1.2 units count as 2): what comes off is the units
  // written over the value (0.2), or a line would lose units the MUE allows.
  const written = lines.reduce((sum, { line }) => sum + shareOfDay(line!), 0);
  // Lines of other files counted with these (a run over several files) are not in this document.
  if (countedUnits(written) !== data.units) return null;
  let excess = thousandthsUp(written - data.value);
  for (let i = lines.length - 1; i >= 0 && excess > 0; i--) {
    const { ref, line } = lines[i]!;
    if (line!.units === 0) continue; // nothing to take off
    if (line!.dateOfService && line!.dateOfService.from !== line!.dateOfService.to) return null;
    const cut = Math.min(excess, line!.units!);
    excess -= cut;
    if (cut === line!.units) remove.push(ref);
    else if (chargeUnread(line!)) return null;
    else units.set(`${ref.claimIndex}:${ref.lineIndex}`, Math.round((line!.units! - cut) * 1000) / 1000);
  }
  return excess > 0 ? null : { units, remove };
}

/**
 * Units rounded up to the thousandth a line writes them to (formatUnits), so the sum's float
 * error (0.6 + 0.6 - 1 is 0.19999999999999996) neither leaves a day over nor cuts a hair too much.
 */
function thousandthsUp(units: number): number {
  return Math.ceil(units * 1000 - 1e-6) / 1000;
}

/**
 * A line (CSV row or X12 line) whose charge is written but could not be read: its units are not
 * lowered, since its charge could not be lowered with them (a person decides; removing the line
 * is still offered).
 */
function chargeUnread(line: ServiceLine): boolean {
  return line.chargeText !== null && line.charge === null;
}

function mueFixes(text: string, doc: ParsedDocument, finding: Finding, data: MueFindingData): Fix[] {
  const last = data.lines[data.lines.length - 1];
  if (!last) return [];
  if (data.value === 0) return removal(text, doc, finding, last, `Remove ${lineName(doc, last)} (${data.code} is not payable: MUE 0)`);
  if (data.mai === 3) return [];
  const fixes: Fix[] = [];
  const within = unitsWithinMue(text, doc, data);
  if (within && takesAwayReplacement(doc, within.remove).length === 0) {
    fixes.push({
      title: data.mai === 1 || data.lines.length === 1 ? setUnitsTitle(doc, data, within.units) : `Lower the units of ${data.code} to its MUE of ${data.value} for the day`,
      kind: 'quickfix',
      edits: editLines(text, doc, within),
      isPreferred: true,
      findings: [finding],
    });
  }
  for (const fix of removal(text, doc, finding, last, `Remove ${lineName(doc, last)} (${data.code} over its MUE)`)) fixes.push({ ...fix, isPreferred: fixes.length === 0 });
  return fixes;
}

/**
 * The title of a fix that sets one line's units: a line over a date range is set to its MUE a day
 * times its days, which the title says (6 is not the MUE when the MUE is 2 a day).
 */
function setUnitsTitle(doc: ParsedDocument, data: MueFindingData, units: ReadonlyMap<string, number>): string {
  const value = units.values().next().value ?? data.value;
  const ref = data.lines[0]!;
  const days = countedDays(doc.claims[ref.claimIndex]?.lines[ref.lineIndex]?.dateOfService ?? null);
  const set = `Set the units of ${data.code} to ${formatUnits(value)}`;
  return days > 1 ? `${set} (its MUE of ${data.value} a day for ${days} days)` : `${set} (its MUE)`;
}

/**
 * The fixes that need no judgement, at once: the column-2 line of every PTP finding no modifier
 * can bypass (indicator 0), the units over an MAI 2 MUE (a policy limit), and the add-on lines of
 * Type 1 AOC findings. Indicator-1 conflicts, MAI 1 and 3 and Type 2 and 3 add-on findings are
 * left for a person: a modifier, a separate line or the records may be the right answer. So is a
 * finding whose fix would remove every line of a replacement or void claim (takesAwayReplacement):
 * that claim's lines stay, the fixes are planned again around them, and the title says how many
 * findings are left for that reason.
 */
export function fixAll(text: string, doc: ParsedDocument, findings: Finding[]): Fix | null {
  const kept = new Set<string>();
  let plan = planFixAll(text, doc, findings, kept);
  for (let claims = takesAwayReplacement(doc, plan.remove); claims.length > 0; claims = takesAwayReplacement(doc, plan.remove)) {
    for (const claimIndex of claims) for (const line of doc.claims[claimIndex]!.lines) kept.add(`${claimIndex}:${line.index}`);
    plan = planFixAll(text, doc, findings, kept);
  }
  const { remove, units, resolved, left } = plan;
  if (remove.length === 0 && units.size === 0) return null;
  const parts = [
    ...(remove.length > 0 ? [`remove ${remove.length} service line${remove.length === 1 ? '' : 's'}`] : []),
    ...(units.size > 0 ? [`lower the units of ${units.size} line${units.size === 1 ? '' : 's'} to their MUE`] : []),
  ];
  const leftNote =
    left === 0
      ? ''
      : ` (${left} finding${left === 1 ? ' is' : 's are'} left for a person: fixing ${left === 1 ? 'it' : 'them'} would remove a whole replacement or void claim, and bring back the claim it replaces or voids)`;
  return {
    title: capitalized(parts.join(' and ')) + leftNote,
    kind: 'source.fixAll',
    edits: editLines(text, doc, { remove, units }),
    isPreferred: false,
    findings: resolved,
    removes: remove,
  };
}

/** What fix-all does: the lines it removes, the units it sets, the findings that resolves, and how many it leaves for want of a kept line. */
interface FixAllPlan {
  remove: LineRef[];
  units: Map<string, number>;
  resolved: Finding[];
  left: number;
}

/** fixAll's plan when the lines `kept` ("claimIndex:lineIndex") must stay. */
function planFixAll(text: string, doc: ParsedDocument, findings: readonly Finding[], kept: ReadonlySet<string>): FixAllPlan {
  const remove: LineRef[] = [];
  const units = new Map<string, number>();
  const resolved: Finding[] = [];
  const removed = new Set<string>();
  let left = 0;
  const keyOf = (ref: LineRef) => `${ref.claimIndex}:${ref.lineIndex}`;
  const removeLine = (ref: LineRef) => {
    const key = keyOf(ref);
    if (removed.has(key)) return;
    removed.add(key);
    remove.push(ref);
  };
  const bundled: { finding: Finding; data: PtpFindingData }[] = [];
  for (const finding of findings) {
    const data = finding.data;
    if (!data) continue;
    if (data.kind === 'ptp' && data.modifierIndicator === '0') {
      bundled.push({ finding, data });
      continue;
    }
    if (data.kind === 'aoc' && data.type === 1) {
      if (kept.has(keyOf(data.line))) {
        left++;
        continue;
      }
      removeLine(data.line);
    } else if (data.kind === 'mue' && data.mai === 2 && data.value > 0) {
      const within = unitsWithinMue(text, doc, data);
      if (!within) continue;
      if (within.remove.some((ref) => kept.has(keyOf(ref)))) {
        left++;
        continue;
      }
      within.remove.forEach(removeLine);
      for (const [key, value] of within.units) units.set(key, Math.min(value, units.get(key) ?? Infinity));
    } else continue;
    resolved.push(finding);
  }
  const { lines, goes } = bundledLinesToRemove(bundled.map((b) => b.data), removed, kept);
  for (const line of lines) removeLine(line);
  for (const { finding, data } of bundled) {
    // Resolved when either line of the pair goes; else its column-2 line is a kept one.
    if (goes.has(bundledKey(data.claimIndex, data.columnTwoLine)) || goes.has(bundledKey(data.columnOneClaim, data.columnOneLine, data.columnOneFile))) resolved.push(finding);
    else left++;
  }
  for (const key of removed) units.delete(key);
  return { remove, units, resolved, left };
}

/** A line of a PTP finding as bundledLinesToRemove names it (a column-1 line may be in another file of the run). */
function bundledKey(claim: number, line: number, file?: number): string {
  return file === undefined ? `${claim}:${line}` : `file ${file}:${claim}:${line}`;
}

/**
 * The column-2 lines to remove for indicator-0 PTP findings, and no more: a line goes when a line
 * that stays bundles it, and stays when every line that bundles it goes (or none does). In a chain
 * (A bundles B, B bundles C) only B goes: with B gone, C conflicts with nothing. Lines in a cycle
 * of edits, which this does not decide, are taken in the findings' order. `removed`: the lines
 * other fixes remove; `kept`: lines that stay whatever bundles them (the lines it bundles go).
 * `goes`: every line that goes, those of `removed` included.
 */
function bundledLinesToRemove(pairs: readonly PtpFindingData[], removed: ReadonlySet<string>, kept: ReadonlySet<string>): { lines: LineRef[]; goes: Set<string> } {
  const edges = pairs.map((p) => ({ one: bundledKey(p.columnOneClaim, p.columnOneLine, p.columnOneFile), two: bundledKey(p.claimIndex, p.columnTwoLine), ref: { claimIndex: p.claimIndex, lineIndex: p.columnTwoLine } }));
  const goes = new Set<string>(removed);
  const stays = new Set<string>(kept);
  const bundlers = new Map<string, string[]>();
  for (const edge of edges) {
    const list = bundlers.get(edge.two);
    if (list) list.push(edge.one);
    else bundlers.set(edge.two, [edge.one]);
  }
  const lines = new Set(edges.flatMap((edge) => [edge.one, edge.two]));
  for (let changed = true; changed; ) {
    changed = false;
    for (const line of lines) {
      if (goes.has(line) || stays.has(line)) continue;
      const by = bundlers.get(line) ?? [];
      if (by.some((one) => stays.has(one))) goes.add(line);
      else if (by.every((one) => goes.has(one))) stays.add(line);
      else continue;
      changed = true;
    }
  }
  const out: LineRef[] = [];
  const listed = new Set<string>();
  for (const edge of edges) {
    // Undecided only in a cycle: the first finding's column-2 line goes (unless it must stay).
    if (!goes.has(edge.two) && !goes.has(edge.one) && !stays.has(edge.two)) goes.add(edge.two);
    if (!goes.has(edge.two) || removed.has(edge.two) || listed.has(edge.two)) continue;
    listed.add(edge.two);
    out.push(edge.ref);
  }
  return { lines: out, goes };
}

/** Edits that remove the given service lines and keep every count and total right. */
export function removeLines(text: string, doc: ParsedDocument, refs: LineRef[]): TextEdit[] {
  return editLines(text, doc, { remove: refs });
}

/**
 * Edits that remove some service lines and set the units of others (their charge kept per unit),
 * in one set of non-overlapping edits that keeps LX, CLM02 and SE01 right. `units` is keyed
 * "claimIndex:lineIndex".
 */
export function editLines(text: string, doc: ParsedDocument, change: { remove?: readonly LineRef[]; units?: ReadonlyMap<string, number> }): TextEdit[] {
  const edits: TextEdit[] = [];
  const byClaim = new Map<number, Set<number>>();
  const touch = (claimIndex: number) => {
    let set = byClaim.get(claimIndex);
    if (!set) byClaim.set(claimIndex, (set = new Set()));
    return set;
  };
  for (const ref of change.remove ?? []) touch(ref.claimIndex).add(ref.lineIndex);
  for (const key of change.units?.keys() ?? []) touch(Number(key.slice(0, key.indexOf(':'))));
  const segmentsRemovedByTransaction = new Map<number, number>();
  const emptied: Claim[] = [];
  for (const [claimIndex, removed] of byClaim) {
    const claim = doc.claims[claimIndex];
    if (!claim) continue;
    if (doc.format === 'x12' && claim.lines.length > 0 && claim.lines.every((line) => removed.has(line.index))) {
      // A claim needs at least one service line: removing all of them removes the claim (x12Loops.ts).
      emptied.push(claim);
      continue;
    }
    let removedCents = 0;
    let removedCharges = true;
    let nextNumber = 1;
    for (const line of claim.lines) {
      if (removed.has(line.index)) {
        edits.push({ span: line.span, newText: '' });
        if (line.charge === null) removedCharges = false;
        else removedCents += toCents(line.charge);
        if (claim.transactionIndex !== null) {
          segmentsRemovedByTransaction.set(claim.transactionIndex, (segmentsRemovedByTransaction.get(claim.transactionIndex) ?? 0) + line.segmentCount);
        }
        continue;
      }
      const newUnits = change.units?.get(`${claimIndex}:${line.index}`);
      if (newUnits !== undefined && line.unitsSpan !== null && line.units !== null && line.units > 0) {
        edits.push({ span: line.unitsSpan, newText: unitsLike(newUnits, doc, line, text.slice(line.unitsSpan.start, line.unitsSpan.end)) });
        if (line.charge !== null && line.chargeSpan !== null && line.chargeText !== null) {
          const cents = Math.round((toCents(line.charge) * newUnits) / line.units);
          edits.push({ span: line.chargeSpan, newText: formatAmountLike(cents, line.chargeText) });
          removedCents += toCents(line.charge) - cents;
        } else removedCharges = false;
      }
      if (line.lineNumberSpan && doc.format === 'x12') {
        const written = text.slice(line.lineNumberSpan.start, line.lineNumberSpan.end);
        const wanted = lineNumberText(nextNumber, written);
        if (wanted !== null) edits.push({ span: line.lineNumberSpan, newText: wanted });
      }
      nextNumber++;
    }
    const total = claimTotalEdit(claim, removedCents, removedCharges);
    if (total) edits.push(total);
    if (doc.format === 'x12' && removed.size > 0 && claim.lines.length > 0) {
      // What other payers paid on the removed lines comes off their paid amounts (2320 AMT*D).
      const removedSpans = claim.lines.filter((line) => removed.has(line.index)).map((line) => line.span);
      const beforeLines = { start: claim.span.start, end: claim.lines[0]!.span.start };
      edits.push(...otherPayerPaidEdits(text, beforeLines, removedSpans, delimitersAt(doc, claim.span.start), formatAmountLike));
    }
  }
  if (emptied.length > 0) {
    const loops = removeClaims(text, doc, emptied);
    edits.push(...loops.edits);
    for (const [transactionIndex, count] of loops.segments) {
      segmentsRemovedByTransaction.set(transactionIndex, (segmentsRemovedByTransaction.get(transactionIndex) ?? 0) + count);
    }
  }
  for (const [transactionIndex, removedSegments] of segmentsRemovedByTransaction) {
    const transaction = doc.transactions[transactionIndex];
    if (!transaction?.se01Span || transaction.se01Text === null || removedSegments === 0) continue;
    const written = Number.parseInt(transaction.se01Text, 10);
    if (!Number.isFinite(written)) continue;
    edits.push({ span: transaction.se01Span, newText: String(written - removedSegments) });
  }
  const merged = mergeRemovals(edits.sort((a, b) => a.span.start - b.span.start));
  keepNoFinalLineBreak(text, merged);
  return merged;
}

/** Units as X12 and CSV write them: a whole number plainly, else up to three decimals. */
function formatUnits(units: number): string {
  return Number.isInteger(units) ? String(units) : String(Math.round(units * 1000) / 1000);
}

/**
 * Units written in the style of the units they replace (`written`), as formatAmountLike writes a
 * charge: a CSV row that wrote its units with a decimal comma ("2,5", csv/amounts.ts), or wrote
 * them whole beside a decimal-comma charge ("2" beside "62,50"), gets "1,5". A decimal comma
 * takes two decimals at most (readUnits would read no count in "1,125"): more are written with a
 * dot, which every file reads.
 */
function unitsLike(units: number, doc: ParsedDocument, line: ServiceLine, written: string): string {
  const plain = formatUnits(units);
  const dot = plain.indexOf('.');
  if (doc.format === 'x12' || dot < 0 || plain.length - dot - 1 > 2) return plain;
  const comma = written.includes(',') || (!written.includes('.') && line.chargeText !== null && isDecimalCommaAmount(line.chargeText));
  return comma ? swapMarks(plain) : plain;
}

/** A file that ended without a line break still does when its last rows are removed. */
function keepNoFinalLineBreak(text: string, edits: TextEdit[]): void {
  const last = edits[edits.length - 1];
  if (!last || last.newText !== '' || last.span.end !== text.length || /[\r\n]$/.test(text)) return;
  let start = last.span.start;
  if (text.charCodeAt(start - 1) === 10) start--;
  if (text.charCodeAt(start - 1) === 13) start--;
  const previous = edits[edits.length - 2];
  if (!previous || previous.span.end <= start) last.span = { start, end: last.span.end };
}

/**
 * Joins removals that overlap or touch. A CSV file's last row without a final line break owns the
 * line break before it, which also ends the previous row: removing both rows must be one edit; and
 * removing the last rows must be one edit for keepNoFinalLineBreak to take the break before them.
 */
function mergeRemovals(sorted: TextEdit[]): TextEdit[] {
  const merged: TextEdit[] = [];
  for (const edit of sorted) {
    const last = merged[merged.length - 1];
    if (last && edit.span.start <= last.span.end && last.newText === '' && edit.newText === '') {
      last.span = { start: last.span.start, end: Math.max(last.span.end, edit.span.end) };
    } else {
      merged.push({ span: { ...edit.span }, newText: edit.newText });
    }
  }
  return merged;
}

function claimTotalEdit(claim: Claim, removedCents: number, removedCharges: boolean): TextEdit | null {
  if (!claim.totalChargeSpan || claim.totalChargeText === null || !removedCharges || removedCents === 0) return null;
  const written = Number(claim.totalChargeText);
  if (!Number.isFinite(written)) return null;
  return { span: claim.totalChargeSpan, newText: formatAmountLike(toCents(written) - removedCents, claim.totalChargeText) };
}

/**
 * Formats cents the way the original amount was written: the same number of decimals when it had
 * some, and (a CSV export's amounts) its "$", thousands commas and parentheses for a negative.
 */
export function formatAmountLike(cents: number, original: string): string {
  // An amount read with a decimal comma ("600,00", "1.250,00": csv/amounts.ts) keeps its marks.
  if (isDecimalCommaAmount(original)) return swapMarks(formatAmountLike(cents, swapMarks(original)));
  const style = amountStyle(original);
  const dot = style.number.indexOf('.');
  const written = dot >= 0 ? style.number.length - dot - 1 : 0;
  const magnitude = Math.abs(cents);
  // As many decimals as the original wrote, and as the cents need: two when it wrote none ("2150",
  // "100."), one more than it wrote only when the cents need it ("215.5" -> "175.05").
  const needed = magnitude % 100 === 0 ? 0 : written === 0 || magnitude % 10 !== 0 ? 2 : 1;
  let digits = (magnitude / 100).toFixed(Math.min(Math.max(written, needed), 100));
  if (style.commas) digits = withThousandsCommas(digits);
  const shown = (style.dollar ? '$' : '') + digits;
  if (cents >= 0 || digits.replace(/[^1-9]/g, '') === '') return shown;
  return style.parentheses ? `(${shown})` : `-${shown}`;
}

/** "1234567.50" as "1,234,567.50". */
function withThousandsCommas(amount: string): string {
  const dot = amount.indexOf('.');
  const whole = dot < 0 ? amount : amount.slice(0, dot);
  const groups: string[] = [];
  for (let end = whole.length; end > 0; end -= 3) groups.unshift(whole.slice(Math.max(0, end - 3), end));
  return groups.join(',') + (dot < 0 ? '' : amount.slice(dot));
}

/** How an amount is written (parseAmount's forms): its number without sign, "$" or commas, and which of those it shows. */
function amountStyle(original: string): { number: string; dollar: boolean; commas: boolean; parentheses: boolean } {
  const text = original.trim();
  return {
    number: text.replace(/[^0-9.]/g, ''),
    dollar: text.includes('$'),
    commas: /\d,\d/.test(text),
    parentheses: text.startsWith('(') && text.endsWith(')'),
  };
}

/** The edit that puts a modifier into the line's next free modifier position, or null when none is free. */
export function addModifierEdit(text: string, line: ServiceLine, modifier: string): TextEdit | null {
  const point = line.modifierInsert;
  if (!point) return null;
  switch (point.kind) {
    case 'x12-composite': {
      // Components: 1 qualifier, 2 code, 3-6 modifiers, 7 description.
      const sep = point.componentSeparator;
      const composite = text.slice(point.compositeSpan.start, point.compositeSpan.end);
      const parts = composite.split(sep);
      let offset = point.compositeSpan.start;
      for (let i = 0; i < parts.length; i++) {
        if (i >= 2 && i <= 5 && parts[i] === '') return { span: { start: offset, end: offset }, newText: modifier };
        offset += parts[i]!.length + sep.length;
      }
      if (parts.length >= 6) return null;
      return { span: { start: point.compositeSpan.end, end: point.compositeSpan.end }, newText: sep.repeat(Math.max(1, 3 - parts.length)) + modifier };
    }
    case 'csv-cell': {
      // A claim line carries four modifiers at most, wherever the export wrote them (this cell, the code cell).
      if (line.modifiers.length >= 4) return null;
      const value = cellValueSpan(text, point.cellSpan, point.quoted);
      const current = text.slice(value.start, value.end).trim();
      if (current === '') return { span: { start: value.start, end: value.end }, newText: modifier };
      // Keep the separator the cell already uses; a space never needs quoting.
      const separator = point.separator && point.separator !== '' ? point.separator : ' ';
      const safe = !point.quoted && /[",;|\t]/.test(separator) ? ' ' : separator;
      return { span: { start: value.end, end: value.end }, newText: safe + modifier };
    }
    case 'csv-columns': {
      if (line.modifiers.length >= 4) return null;
      for (const cell of point.cells) {
        const value = cellValueSpan(text, cell.cellSpan, cell.quoted);
        if (text.slice(value.start, value.end).trim() === '') return { span: value, newText: modifier };
      }
      return null;
    }
  }
}

/**
 * LX01 for line `n` when the written one is not already it (null: leave it). A number written with
 * leading zeros (LX*01) that reads as n is n; a renumbered one keeps the width it was written in.
 */
function lineNumberText(n: number, written: string): string | null {
  const digits = /^[0-9]+$/.test(written);
  if (digits && Number(written) === n) return null;
  const wanted = String(n);
  return digits && written.length > 1 && written.startsWith('0') ? wanted.padStart(written.length, '0') : wanted;
}

function cellValueSpan(text: string, cell: Span, quoted: boolean): Span {
  if (quoted && text.charCodeAt(cell.start) === 34 && cell.end - cell.start >= 2 && text.charCodeAt(cell.end - 1) === 34) {
    return { start: cell.start + 1, end: cell.end - 1 };
  }
  return cell;
}
