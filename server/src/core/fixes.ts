// Fixes that leave a valid file. Removing an X12 service line removes its whole 2400 loop,
// renumbers the later LX segments of the claim, sets SE01 to the segments left, lowers CLM02 by
// the line's charge, all in one set of non-overlapping edits. A CSV removal deletes the row.
//
// Here: what the rest of Claimlint imports, the quick fixes for one finding, and a PTP finding's
// (remove the column-2 line, or add a modifier that bypasses the edit). The rest, by domain: the
// fix that removes one line and the guard that keeps a replacement or void claim
// (fixesRemoval.ts); MUE units (fixesMue.ts); fix-all (fixesAll.ts); the edits that remove lines
// and set units with LX, CLM02 and SE01 kept right (fixesEdits.ts); new units and amounts written
// as the file wrote the old ones (fixesFormat.ts).
import type { Finding, ParsedDocument, PtpFindingData, ServiceLine, Span } from './model';
import { ptpDaysBeyond } from './fixesPtpDays';
import { formatDateRange } from './dates';
import type { TextEdit } from './edits';
import { PTP_FIX_MODIFIERS, PTP_FIX_MODIFIERS_EM, PTP_FIX_MODIFIERS_HOSPITAL_EM, ptpBypassOf } from './data/modifiers';
import { isEvaluationAndManagement } from './procedureCodes';
import { isEmptyCellValue } from './data/emptyCells';
import { lineName, removal, type Fix } from './fixesRemoval';
import { mueFixes } from './fixesMue';
import { onePractitioner, otherSideFixes } from './fixesAnatomic';

export type { Fix } from './fixesRemoval';
export { unitsWithinMue } from './fixesMue';
export { fixAll } from './fixesAll';
export { editLines, removeLines } from './fixesEdits';
export { formatAmountLike } from './fixesFormat';

export type { LineRef } from './model';

/** The quick fixes for one finding (empty when the finding has none). */
export function fixesFor(text: string, doc: ParsedDocument, finding: Finding): Fix[] {
  const data = finding.data;
  if (!data) return [];
  switch (data.kind) {
    case 'ptp':
      return ptpFixes(text, doc, finding, data);
    case 'mue':
      return mueFixes(text, doc, finding, data);
    case 'aoc': {
      // Left for a person by fix-all (the date or a provider may be what is wrong): offered, not preferred.
      const why = data.primaryOnAnotherDate ? 'its primary is billed on another date' : data.primaryByAnotherProvider ? 'its primary is billed by another provider' : null;
      return why === null
        ? removal(text, doc, finding, data.line, `Remove ${lineName(doc, data.line)} (add-on code ${data.addOn} without its primary)`)
        : removal(text, doc, finding, data.line, `Remove ${lineName(doc, data.line)} (add-on code ${data.addOn}; ${why})`, false);
    }
  }
}

function ptpFixes(text: string, doc: ParsedDocument, finding: Finding, data: PtpFindingData): Fix[] {
  const ref = { claimIndex: data.claimIndex, lineIndex: data.columnTwoLine };
  const line = doc.claims[data.claimIndex]?.lines[data.columnTwoLine];
  if (!line) return [];
  if (data.otherProvider) return otherProviderFixes(text, finding, data, line);
  // The claim is named when the pair spans two claims (within one claim the finding's own place says it).
  const name = lineName(doc, ref, data.columnOneClaim !== data.claimIndex);
  // Indicator 1: a modifier may be the right answer (fix-all leaves these for a person), so auto
  // fix must not take the removal; indicator 0 has no other answer, unless the line bills days the
  // edit does not reach (a date range the column-1 line shares only in part): removing it would
  // take those days' services too, so a person splits the line instead.
  const beyond = ptpDaysBeyond(doc, data);
  const title = beyond === null
    ? `Remove ${name} (${data.columnTwo}, bundled into ${data.columnOne})`
    : `Remove ${name} (${data.columnTwo}, bundled into ${data.columnOne} on ${formatDateRange(beyond.shared)} only), with its other days of ${formatDateRange(beyond.billed)}`;
  // A pair that may be of two days (a line dated only by its claim's statement period) is a person's to settle.
  const fixes: Fix[] = removal(text, doc, finding, ref, title, data.modifierIndicator === '0' && beyond === null && data.dayUncertain !== true);
  if (data.modifierIndicator === '1') {
    // An E/M code takes 25, not the modifiers for procedures (data/modifiers.ts): a 59 or an X
    // modifier written on it, which does not count there, is replaced rather than left beside it.
    const em = isEvaluationAndManagement(data.columnTwo);
    // Likewise XP on a procedure of a pair that needs a modifier still: both lines are one
    // practitioner's (the check lets any other pair with XP pass), and it is replaced.
    const misplaced = em ? line.modifiers.find((m) => ptpBypassOf(m.value) === 'procedure-line') : line.modifiers.find((m) => m.value.trim().toUpperCase() === 'XP');
    // Two E/M codes of a hospital's outpatient services: 27 (a separate encounter), not 25.
    const offered = !em ? PTP_FIX_MODIFIERS : data.table === 'hospital' && isEvaluationAndManagement(data.columnOne) ? PTP_FIX_MODIFIERS_HOSPITAL_EM : PTP_FIX_MODIFIERS_EM;
    // The other side first, where one line names a side and the other no site (more specific than XS or 59).
    if (!em) fixes.push(...otherSideFixes(text, doc, finding, data, line));
    // XP says another practitioner performed it: not offered where both lines are one practitioner's.
    const samePractitioner = onePractitioner(doc, data, line) || (!em && misplaced !== undefined);
    for (const modifier of offered) {
      if (modifier.code === 'XP' && samePractitioner) continue;
      const edit = misplaced ? { span: misplaced.span, newText: modifier.code } : addModifierEdit(text, line, modifier.code);
      if (!edit) break; // no free modifier position: none of them fits
      fixes.push({
        title: misplaced
          ? `Replace modifier ${misplaced.value.trim().toUpperCase()} on ${data.columnTwo} with ${modifier.code} (${modifier.meaning})`
          : `Add modifier ${modifier.code} to ${data.columnTwo} (${modifier.meaning})`,
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
 * Another rendering provider of the billing group performed the column-1 service: with indicator
 * 1, XP on the column-2 line says so to a payer that applies the edit to the whole group; with
 * indicator 0 nothing helps, and no line is the wrong one to remove.
 */
function otherProviderFixes(text: string, finding: Finding, data: PtpFindingData, line: ServiceLine): Fix[] {
  if (data.modifierIndicator !== '1' || line.modifiers.some((m) => m.value.trim().toUpperCase() === 'XP')) return [];
  const edit = addModifierEdit(text, line, 'XP');
  if (!edit) return [];
  return [{ title: `Add modifier XP to ${data.columnTwo} (separate practitioner: another rendering provider performed ${data.columnOne})`, kind: 'quickfix', edits: [edit], isPreferred: false, findings: [finding] }];
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
      // An empty cell, or one an export filled with its word for none (NULL, N/A), takes the modifier alone.
      if (isEmptyCellValue(text.slice(value.start, value.end))) return { span: { start: value.start, end: value.end }, newText: modifier };
      // Keep the separator the cell already uses; a space never needs quoting.
      const separator = point.separator && point.separator !== '' ? point.separator : ' ';
      const safe = !point.quoted && /[",;|\t]/.test(separator) ? ' ' : separator;
      return { span: { start: value.end, end: value.end }, newText: safe + modifier };
    }
    case 'csv-columns': {
      if (line.modifiers.length >= 4) return null;
      for (const cell of point.cells) {
        const value = cellValueSpan(text, cell.cellSpan, cell.quoted);
        if (isEmptyCellValue(text.slice(value.start, value.end))) return { span: value, newText: modifier };
      }
      return null;
    }
  }
}

function cellValueSpan(text: string, cell: Span, quoted: boolean): Span {
  if (quoted && text.charCodeAt(cell.start) === 34 && cell.end - cell.start >= 2 && text.charCodeAt(cell.end - 1) === 34) {
    return { start: cell.start + 1, end: cell.end - 1 };
  }
  return cell;
}
