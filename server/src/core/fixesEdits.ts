// The edits that remove service lines and set the units of others, in one set of non-overlapping
// edits that leaves a valid file: an X12 line goes with its whole 2400 loop, the later LX of its
// claim are renumbered, CLM02 loses its charge and SE01 counts the segments left (a claim left without
// lines goes whole, x12Loops.ts), and what other payers paid on it comes off their 2320 AMT*D; a
// CSV row is deleted, its totals rows keep their sums (fixesTotalsRows.ts), and a file that ended
// without a line break still does.
import { delimitersAt, removeClaims } from './x12Loops';
import { otherPayerPaidEdits } from './x12/otherPayerPaid';
import { toCents } from './x12/values';
import type { Claim, LineRef, ParsedDocument } from './model';
import type { TextEdit } from './edits';
import { formatAmountLike, unitsLike } from './fixesFormat';
import { hundredthsOf, totalsRowEdits, type LineDrop } from './fixesTotalsRows';
import { nonCoveredEdit } from './fixesNonCovered';

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
  /** What each line's charge and units went down by: a CSV's totals rows follow (fixesTotalsRows.ts). */
  const drops: LineDrop[] = [];
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
        drops.push({ at: line.span.start, cents: line.charge === null ? 0 : toCents(line.charge), hundredths: line.units === null ? 0 : hundredthsOf(line.units) });
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
          // An 837I line's non-covered charge (SV207) goes down in proportion (fixesNonCovered.ts).
          const nonCovered = doc.format === 'x12' ? nonCoveredEdit(text, line.chargeSpan, delimitersAt(doc, line.chargeSpan.start), toCents(line.charge), cents) : null;
          if (nonCovered) edits.push(nonCovered);
          removedCents += toCents(line.charge) - cents;
          drops.push({ at: line.span.start, cents: toCents(line.charge) - cents, hundredths: hundredthsOf(line.units) - hundredthsOf(newUnits) });
        } else {
          removedCharges = false;
          drops.push({ at: line.span.start, cents: 0, hundredths: hundredthsOf(line.units) - hundredthsOf(newUnits) });
        }
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
  // SE01 becomes the count of the segments left, not what it said less those removed: an SE01 that
  // was wrong already would stay wrong, and a fix-all's own SE01 recount (a guide fix on the same
  // element) would be lost to this edit.
  for (const [transactionIndex, removedSegments] of segmentsRemovedByTransaction) {
    const transaction = doc.transactions[transactionIndex];
    if (!transaction?.se01Span || removedSegments === 0) continue;
    edits.push({ span: transaction.se01Span, newText: String(transaction.segmentCount - removedSegments) });
  }
  if (doc.format === 'csv') edits.push(...totalsRowEdits(doc, drops));
  const merged = mergeRemovals(edits.sort((a, b) => a.span.start - b.span.start));
  keepNoFinalLineBreak(text, merged);
  return merged;
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
 * LX01 for line `n` when the written one is not already it (null: leave it). A number written with
 * leading zeros (LX*01) that reads as n is n; a renumbered one keeps the width it was written in.
 */
function lineNumberText(n: number, written: string): string | null {
  const digits = /^[0-9]+$/.test(written);
  if (digits && Number(written) === n) return null;
  const wanted = String(n);
  return digits && written.length > 1 && written.startsWith('0') ? wanted.padStart(written.length, '0') : wanted;
}
