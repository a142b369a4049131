// The PTP check: pairs of service lines on one claim, on the same date of service, that an
// active NCCI edit says should not be billed together.

import { isPtpBypassModifier, PTP_FIX_MODIFIERS } from '../data/modifiers';
import type { Claim, DateNumber, Finding, ServiceLine } from '../model';
import { formatDate } from '../dates';
import type { PtpRuleSet } from './ptp';

export const PTP_CONFLICT_RULE = 'ptp.conflict';
export const PTP_MODIFIER_REQUIRED_RULE = 'ptp.modifier-required';

function hasBypassModifier(line: ServiceLine): boolean {
  for (const modifier of line.modifiers) if (isPtpBypassModifier(modifier.value)) return true;
  return false;
}

function formatDates(from: DateNumber, to: DateNumber): string {
  return from === to ? formatDate(from) : `${formatDate(from)}–${formatDate(to)}`;
}

function listWithOr(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

const FIX_MODIFIER_LIST = listWithOr(PTP_FIX_MODIFIERS.map((modifier) => modifier.code));
const FIX_MODIFIER_MEANINGS = listWithOr(PTP_FIX_MODIFIERS.slice(0, 4).map((modifier) => modifier.meaning));

/**
 * Findings for every pair of lines of a claim whose dates of service overlap and whose codes an
 * edit in force on that date pairs as column 1 / column 2. Indicator 0: 'ptp.conflict' (error);
 * indicator 1 without an NCCI-associated modifier on either line: 'ptp.modifier-required'
 * (warning). The finding sits on the column-2 line's code. Lines without a code or a date, and
 * two lines with the same code, are never paired; a column-2 line is reported once per column-1
 * code even when that code is on several lines.
 */
export function checkPtp(claims: readonly Claim[], rules: PtpRuleSet): Finding[] {
  const findings: Finding[] = [];
  if (rules.size === 0) return findings;
  rules.finish();
  // Reused across claims: the lines of the current claim whose code is in some edit.
  const codeIds: number[] = [];
  const lineIndexes: number[] = [];
  // "column-2 line:column-1 code" already reported in this claim: a second copy of the column-1
  // line would only repeat the same finding on the same line.
  const reported = new Set<string>();
  for (const claim of claims) {
    const lines = claim.lines;
    if (lines.length < 2) continue;
    codeIds.length = 0;
    lineIndexes.length = 0;
    reported.clear();
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      if (line.code === '' || line.dateOfService === null) continue;
      const id = rules.codeId(line.code);
      if (id < 0) continue;
      codeIds.push(id);
      lineIndexes.push(i);
    }
    for (let a = 0; a < codeIds.length; a++) {
      for (let b = a + 1; b < codeIds.length; b++) {
        if (codeIds[a] === codeIds[b]) continue; // the same code twice is a duplicate, not a PTP pair
        const first = lines[lineIndexes[a]!]!;
        const second = lines[lineIndexes[b]!]!;
        const from = Math.max(first.dateOfService!.from, second.dateOfService!.from);
        const to = Math.min(first.dateOfService!.to, second.dateOfService!.to);
        if (from > to) continue;
        // Either line may be column 1; report at most one finding for the pair of lines.
        const finding =
          pairFinding(rules, claim, codeIds[a]!, lineIndexes[a]!, codeIds[b]!, lineIndexes[b]!, from, to) ??
          pairFinding(rules, claim, codeIds[b]!, lineIndexes[b]!, codeIds[a]!, lineIndexes[a]!, from, to);
        if (finding) {
          const key = `${finding.data!.columnTwoLine}:${finding.data!.columnOne}`;
          if (!reported.has(key)) {
            reported.add(key);
            findings.push(finding);
          }
        }
      }
    }
  }
  return findings;
}

function pairFinding(
  rules: PtpRuleSet,
  claim: Claim,
  columnOneId: number,
  columnOneIndex: number,
  columnTwoId: number,
  columnTwoIndex: number,
  from: DateNumber,
  to: DateNumber,
): Finding | null {
  if (!rules.hasColumnOneEdits(columnOneId)) return null;
  const row = rules.activeRowInRange(columnOneId, columnTwoId, from, to);
  if (row < 0) return null;
  const columnOneLine = claim.lines[columnOneIndex]!;
  const columnTwoLine = claim.lines[columnTwoIndex]!;
  const indicator = rules.modifierIndicatorAt(row);
  if (indicator === '1' && (hasBypassModifier(columnOneLine) || hasBypassModifier(columnTwoLine))) return null;
  if (indicator === '9') return null; // activeRow never returns a void edit; kept for the type
  const edit = rules.editAt(row);
  const { columnOne, columnTwo } = edit;
  const when = formatDates(from, to);
  // Where the column-1 code is, without claim contents: LX number in X12, row number in CSV.
  const where = columnOneLine.lineNumberSpan ? `service line ${columnOneLine.lineNumber}` : `row ${columnOneLine.lineNumber}`;
  const why = edit.rationale === '' ? '' : ` (${edit.rationale})`;
  const message =
    indicator === '0'
      ? `${columnTwo} should not be billed with ${columnOne} (${where}) on ${when}: NCCI PTP edit, column 1 ${columnOne}, column 2 ${columnTwo}${why}, ` +
        `modifier indicator 0, so no modifier makes the pair payable. Remove the ${columnTwo} line.`
      : `${columnTwo} is bundled into ${columnOne} (${where}) on ${when}: NCCI PTP edit, column 1 ${columnOne}, column 2 ${columnTwo}${why}, ` +
        `modifier indicator 1. If ${columnTwo} was a distinct service (${FIX_MODIFIER_MEANINGS}), add ${FIX_MODIFIER_LIST} ` +
        `to the ${columnTwo} line; otherwise remove that line.`;
  return {
    rule: indicator === '0' ? PTP_CONFLICT_RULE : PTP_MODIFIER_REQUIRED_RULE,
    severity: indicator === '0' ? 'error' : 'warning',
    message,
    span: columnTwoLine.codeSpan,
    codes: [columnOne, columnTwo],
    related: [{ span: columnOneLine.codeSpan, message: `Column 1 code ${columnOne} is on this line` }],
    data: {
      kind: 'ptp',
      columnOne,
      columnTwo,
      modifierIndicator: indicator,
      claimIndex: claim.index,
      columnOneLine: columnOneIndex,
      columnTwoLine: columnTwoIndex,
    },
  };
}
