// MUE fixes: the units each line of a finding keeps so that they come down to the MUE
// (unitsWithinMue; fix-all lowers units with it too), the quick fix that sets them, keeping each
// line's charge per unit, and the removal offered beside it. Units a person must decide on
// (another payer paid the line, its units spread over a date range, its charge unread, a count
// that may be an id, the two sides of a bilateral procedure on two lines) get no units fix.
import type { Finding, LineRef, MueFindingData, ParsedDocument, ServiceLine } from './model';
import { delimitersAt } from './x12Loops';
import { paidByOtherPayer } from './x12/otherPayerPaid';
import { countedDays, countedUnits, shareOfDay, unitsShown } from './rules/checkUnits';
import { editLines } from './fixesEdits';
import { formatUnits } from './fixesFormat';
import { lineName, removal, takesAwayReplacement, type Fix } from './fixesRemoval';
import { listWithAnd } from './wordLists';

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
  if (unitsLookLikeAnId(doc, data)) return null;
  // A row whose cells may be shifted (csv.row-short, csv.row-long) may have its units misread: what
  // the day's sum is, and so what comes off the other lines, is then a guess too.
  if (lines.some(({ line }) => line!.cellsShifted === true)) return null;
  // A line another payer has paid (2430 SVD) balances with that payment: a person decides.
  if (doc.format === 'x12' && lines.some(({ line }) => paidByOtherPayer(text, line!.span, delimitersAt(doc, line!.span.start)))) return null;
  if (data.mai === 1) {
    const { ref, line } = lines[0]!;
    if (chargeUnread(line!)) return null;
    units.set(`${ref.claimIndex}:${ref.lineIndex}`, data.value * countedDays(line!.dateOfService));
    return { units, remove };
  }
  // A line of the day's sum over a date range counts only its share of the day: which units to take
  // off is a judgement, whichever line comes last (the units fix was once offered or not by order).
  if (lines.some(({ line }) => line!.dateOfService !== null && line!.dateOfService.from !== line!.dateOfService.to)) return null;
  // The two sides of a procedure on lines of their own (LT, RT): a bilateral procedure is billed
  // as one line with modifier 50 (a recoding, paid as bilateral), which removing a side would lose.
  if (bothSides(lines.map(({ line }) => line!))) return null;
  // data.units is the day's sum rounded up (1.2 units count as 2): what comes off is the units
  // written over the value (0.2), or a line would lose units the MUE allows.
  const written = lines.reduce((sum, { line }) => sum + shareOfDay(line!), 0);
  // Lines of other files counted with these (a run over several files) are not in this document.
  if (countedUnits(written) !== data.units) return null;
  let excess = thousandthsUp(written - data.value);
  for (let i = lines.length - 1; i >= 0 && excess > 0; i--) {
    const { ref, line } = lines[i]!;
    if (line!.units === 0) continue; // nothing to take off
    const cut = Math.min(excess, line!.units!);
    excess -= cut;
    if (cut === line!.units) remove.push(ref);
    else if (chargeUnread(line!)) return null;
    else units.set(`${ref.claimIndex}:${ref.lineIndex}`, Math.round((line!.units! - cut) * 1000) / 1000);
  }
  return excess > 0 ? null : { units, remove };
}

/** Whether one of the lines names the left side (LT) and another the right (RT). */
function bothSides(lines: readonly ServiceLine[]): boolean {
  const sideOf = (line: ServiceLine): string => {
    const written = new Set(line.modifiers.map((m) => m.value.trim().toUpperCase()));
    return written.has('LT') === written.has('RT') ? '' : written.has('LT') ? 'LT' : 'RT';
  };
  const sides = new Set(lines.map(sideOf));
  return sides.has('LT') && sides.has('RT');
}

/**
 * Whether a line of the finding has a unit count of six or more digits, which may be an id in the
 * units' place (the finding does not show it): what its units should be is a person's to find, not
 * the MUE (and its charge per unit is no price), so no fix is preferred and none lowers them.
 */
function unitsLookLikeAnId(doc: ParsedDocument, data: MueFindingData): boolean {
  return data.lines.some((ref) => {
    const units = doc.claims[ref.claimIndex]?.lines[ref.lineIndex]?.units;
    return units !== null && units !== undefined && !unitsShown(units);
  });
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

export function mueFixes(text: string, doc: ParsedDocument, finding: Finding, data: MueFindingData): Fix[] {
  const last = data.lines[data.lines.length - 1];
  if (!last) return [];
  if (data.value === 0) return removal(text, doc, finding, last, `Remove ${lineName(doc, last)} (${data.code} is not payable: MUE 0)`);
  if (data.mai === 3) return [];
  const fixes: Fix[] = [];
  const within = unitsWithinMue(text, doc, data);
  if (within && takesAwayReplacement(doc, within.remove).length === 0) {
    fixes.push({
      title: data.mai === 1 || data.lines.length === 1 ? setUnitsTitle(doc, data, within.units) : `Lower the units of ${data.code} to its MUE of ${data.value} for the day${removedNote(doc, within.remove)}`,
      kind: 'quickfix',
      edits: editLines(text, doc, within),
      isPreferred: true,
      findings: [finding],
    });
  }
  // Removing a side of a bilateral procedure is no answer a tool should prefer (see unitsWithinMue).
  const sides = bothSides(data.lines.flatMap((ref) => doc.claims[ref.claimIndex]?.lines[ref.lineIndex] ?? []));
  const preferRemoval = fixes.length === 0 && !unitsLookLikeAnId(doc, data) && !sides;
  for (const fix of removal(text, doc, finding, last, `Remove ${lineName(doc, last)} (${data.code} over its MUE)`)) {
    // The units may come off the last line whole, which removes it: then the two are one edit, offered once.
    if (fixes.some((other) => sameEdits(other, fix))) continue;
    fixes.push({ ...fix, isPreferred: preferRemoval });
  }
  return fixes;
}

/** A units fix that takes all of some lines' units removes them: the title says which (" (removes service line 3)"). */
function removedNote(doc: ParsedDocument, removed: readonly LineRef[]): string {
  return removed.length === 0 ? '' : ` (removes ${listWithAnd(removed.map((ref) => lineName(doc, ref)))})`;
}

function sameEdits(a: Fix, b: Fix): boolean {
  return a.edits.length === b.edits.length && a.edits.every((edit, i) => {
    const other = b.edits[i]!;
    return edit.span.start === other.span.start && edit.span.end === other.span.end && edit.newText === other.newText;
  });
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
