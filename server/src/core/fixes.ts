// Fixes that leave a valid file. Removing an X12 service line removes its whole 2400 loop,
// renumbers the later LX segments of the claim, lowers SE01 by the segments removed and CLM02 by
// the line's charge, all in one set of non-overlapping edits. A CSV removal deletes the row.
import type { Claim, Finding, Interchange, ParsedDocument, ServiceLine, Span } from './model';
import type { TextEdit } from './edits';
import { PTP_FIX_MODIFIERS } from './data/modifiers';

export interface Fix {
  title: string;
  kind: 'quickfix' | 'source.fixAll';
  edits: TextEdit[];
  isPreferred: boolean;
  /** The findings this fix resolves. */
  findings: Finding[];
}

export interface LineRef {
  claimIndex: number;
  lineIndex: number;
}

/** The quick fixes for one finding (empty when the finding has none). */
export function fixesFor(text: string, doc: ParsedDocument, finding: Finding): Fix[] {
  const data = finding.data;
  if (!data || data.kind !== 'ptp') return [];
  const claim = doc.claims[data.claimIndex];
  const line = claim?.lines[data.columnTwoLine];
  if (!claim || !line) return [];
  const fixes: Fix[] = [];
  const where = doc.format === 'x12' ? `service line ${line.lineNumber}` : `row ${line.lineNumber}`;
  fixes.push({
    title: `Remove ${where} (${data.columnTwo}, bundled into ${data.columnOne})`,
    kind: 'quickfix',
    edits: removeLines(text, doc, [{ claimIndex: data.claimIndex, lineIndex: data.columnTwoLine }]),
    isPreferred: true,
    findings: [finding],
  });
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
 * Removes the column-2 line of every PTP finding whose edit no modifier can bypass (indicator 0).
 * Indicator-1 conflicts are left for a person: whether the services were distinct is a matter of
 * documentation, and deleting a billable line that a modifier would have kept loses money.
 */
export function fixAll(text: string, doc: ParsedDocument, findings: Finding[]): Fix | null {
  const lines: LineRef[] = [];
  const resolved: Finding[] = [];
  const seen = new Set<string>();
  for (const finding of findings) {
    const data = finding.data;
    if (!data || data.kind !== 'ptp' || data.modifierIndicator !== '0') continue;
    resolved.push(finding);
    const key = `${data.claimIndex}:${data.columnTwoLine}`;
    if (seen.has(key)) continue;
    seen.add(key);
    lines.push({ claimIndex: data.claimIndex, lineIndex: data.columnTwoLine });
  }
  if (lines.length === 0) return null;
  return {
    title: `Remove ${lines.length} bundled service line${lines.length === 1 ? '' : 's'}`,
    kind: 'source.fixAll',
    edits: removeLines(text, doc, lines),
    isPreferred: false,
    findings: resolved,
  };
}

/** Edits that remove the given service lines and keep every count and total right. */
export function removeLines(text: string, doc: ParsedDocument, refs: LineRef[]): TextEdit[] {
  const edits: TextEdit[] = [];
  const byClaim = new Map<number, Set<number>>();
  for (const ref of refs) {
    let set = byClaim.get(ref.claimIndex);
    if (!set) byClaim.set(ref.claimIndex, (set = new Set()));
    set.add(ref.lineIndex);
  }
  const segmentsRemovedByTransaction = new Map<number, number>();
  for (const [claimIndex, removed] of byClaim) {
    const claim = doc.claims[claimIndex];
    if (!claim) continue;
    if (doc.format === 'x12' && claim.lines.length > 0 && claim.lines.every((line) => removed.has(line.index))) {
      // A claim needs at least one service line: removing all of them removes the claim (its 2300 loop).
      edits.push({ span: claim.span, newText: '' });
      if (claim.transactionIndex !== null) {
        const segments = segmentsIn(text, claim.span, doc.interchanges, claim);
        segmentsRemovedByTransaction.set(claim.transactionIndex, (segmentsRemovedByTransaction.get(claim.transactionIndex) ?? 0) + segments);
      }
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
      if (line.lineNumberSpan && doc.format === 'x12') {
        const wanted = String(nextNumber);
        if (text.slice(line.lineNumberSpan.start, line.lineNumberSpan.end) !== wanted) {
          edits.push({ span: line.lineNumberSpan, newText: wanted });
        }
      }
      nextNumber++;
    }
    const total = claimTotalEdit(claim, removedCents, removedCharges);
    if (total) edits.push(total);
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

/** The X12 segments in a span of a claim: its segment terminators (the interchange's that holds it). */
function segmentsIn(text: string, span: Span, interchanges: readonly Interchange[], claim: Claim): number {
  let terminator = '~';
  for (const interchange of interchanges) if (interchange.span.start <= claim.span.start) terminator = interchange.delimiters.segment;
  let count = 0;
  for (let at = text.indexOf(terminator, span.start); at >= 0 && at < span.end; at = text.indexOf(terminator, at + 1)) count++;
  return count;
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

function toCents(amount: number): number {
  return Math.round(amount * 100);
}

/** Formats cents the way the original amount was written: same number of decimals when it had some. */
export function formatAmountLike(cents: number, original: string): string {
  const dot = original.indexOf('.');
  const decimals = dot >= 0 ? Math.max(original.length - dot - 1, 0) : cents % 100 === 0 ? 0 : 2;
  const value = cents / 100;
  if (decimals === 0) return String(Math.round(value));
  return value.toFixed(Math.max(decimals, cents % 100 === 0 ? 0 : cents % 10 === 0 ? 1 : 2));
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
      const value = cellValueSpan(text, point.cellSpan, point.quoted);
      const current = text.slice(value.start, value.end).trim();
      if (current === '') return { span: { start: value.start, end: value.end }, newText: modifier };
      if (line.modifiers.length >= 4) return null;
      // Keep the separator the cell already uses; a space never needs quoting.
      const separator = point.separator && point.separator !== '' ? point.separator : ' ';
      const safe = !point.quoted && /[",;|\t]/.test(separator) ? ' ' : separator;
      return { span: { start: value.end, end: value.end }, newText: safe + modifier };
    }
    case 'csv-columns': {
      for (const cell of point.cells) {
        const value = cellValueSpan(text, cell.cellSpan, cell.quoted);
        if (text.slice(value.start, value.end).trim() === '') return { span: value, newText: modifier };
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
