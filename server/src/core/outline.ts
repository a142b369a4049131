// The document outline (interchange > group > transaction > claim > service line) and the
// folding ranges derived from it. Plain data; the server turns it into LSP symbols.
//
// The outline is bounded: every symbol crosses into the editor, and VS Code converts each one in
// the extension host that every extension shares (324,648 symbols for a 30 MB 837 stalled it for
// about 2 s at a time, issue 14). A document whose whole tree fits in OUTLINE_SYMBOL_LIMIT nodes
// gets the whole tree. A bigger one is shown level by level, from the interchanges down, for as
// many levels as fit: past that, claims without their service lines (each claim's detail counts
// them); past that, each transaction's claims under their billing provider, in ranges ("Claims
// C1 … C100") that together cover every claim, so any part of the file is still one click away.
//
// Here: the entry point (what the rest of Claimlint imports), the whole tree and the folding
// ranges. What one claim symbol covers, a whole claim or one run of a CSV claim's rows, is in
// outlineRuns.ts; the nodes and where each goes in the tree, in outlineNodes.ts; the bounded
// tree, in outlineBounded.ts.
import type { ParsedDocument, ServiceLine, Span } from './model';
import { formatDate } from './dates';
import type { Positions } from './text';
import { boundedOutline } from './outlineBounded';
import { lineCountOf } from './x12/serviceLine837';
import { at, claimNode, groupNode, interchangeNode, Placed, transactionNode, within, type OutlineNode } from './outlineNodes';
import { claimParts, type ClaimPart } from './outlineRuns';

export type { OutlineKind, OutlineNode } from './outlineNodes';

/**
 * Most nodes an outline holds, for any document (about 60 ms of conversion in VS Code's extension
 * host at the rate measured for issue 14, well under its 250 ms stall budget).
 */
export const OUTLINE_SYMBOL_LIMIT = 10_000;

export function outline(doc: ParsedDocument, limit: number = OUTLINE_SYMBOL_LIMIT): OutlineNode[] {
  let lineCount = 0;
  for (const claim of doc.claims) lineCount += lineCountOf(claim);
  const parts = claimParts(doc);
  const envelopes = doc.format === 'x12' ? doc.interchanges.length + doc.groups.length + doc.transactions.length : 0;
  if (envelopes + parts.length + lineCount <= limit) return fullOutline(doc, parts);
  return boundedOutline(doc, parts, Math.max(1, limit));
}

// ---------------------------------------------------------------------------------------------
// The whole tree

function fullOutline(doc: ParsedDocument, parts: readonly ClaimPart[]): OutlineNode[] {
  const claimNodes = parts.map((part): OutlineNode => ({
    ...claimNode(part),
    children: part.lines().map((line): OutlineNode => {
      const span = lineSpan(doc, line);
      return {
        name: `${doc.format === 'csv' ? 'Row' : 'Line'} ${line.lineNumber || line.index + 1}: ${line.code || '(no code)'}${line.modifiers.length ? '-' + line.modifiers.map((m) => m.value).join('-') : ''}`,
        detail: line.dateOfService ? formatDate(line.dateOfService.from) + (line.dateOfService.to !== line.dateOfService.from ? ' – ' + formatDate(line.dateOfService.to) : '') : '',
        kind: 'line',
        span,
        selectionSpan: within(line.codeSpan, span) ? line.codeSpan : span,
        children: [],
      };
    }),
  }));
  if (doc.format !== 'x12') return claimNodes;

  const transactionNodes = doc.transactions.map((t) => transactionNode(t));
  const groupNodes = doc.groups.map((g) => groupNode(g));
  const interchangeNodes = doc.interchanges.map((x) => interchangeNode(x));
  const roots: OutlineNode[] = [];
  const placed = new Placed(roots);
  parts.forEach((part, i) => placed.put(claimNodes[i]!, at(transactionNodes, part.claim.transactionIndex), [transactionNodes, groupNodes, interchangeNodes]));
  for (const t of doc.transactions) placed.put(transactionNodes[t.index]!, at(groupNodes, t.groupIndex), [groupNodes, interchangeNodes]);
  for (const g of doc.groups) placed.put(groupNodes[g.index]!, at(interchangeNodes, g.interchangeIndex), [interchangeNodes]);
  for (const x of interchangeNodes) roots.push(x);
  placed.inOrder();
  return roots;
}

/**
 * The text a line's symbol covers: its span, save a CSV row's, which is what removing the row
 * removes; for a last row without a line break that starts at the line break before it (see
 * csv/rows.ts setRemovalSpan), so the symbol would start on the row above and a fold there would
 * hide the row. The row's own text, and its line break when it has one, is taken instead.
 */
function lineSpan(doc: ParsedDocument, line: ServiceLine): Span {
  const span = line.span;
  return doc.format === 'csv' && line.recordSpan.start > span.start ? { start: line.recordSpan.start, end: span.end } : span;
}

export interface FoldingRange {
  startLine: number;
  endLine: number;
}

/** One folding range per envelope, claim and service line that spans more than one line. */
export function foldingRanges(nodes: OutlineNode[], lines: Positions): FoldingRange[] {
  const ranges: FoldingRange[] = [];
  const visit = (node: OutlineNode): void => {
    const start = lines.positionAt(node.span.start).line;
    // A span ending in a line break ends on the previous line.
    const end = lines.positionAt(Math.max(node.span.start, node.span.end - 1)).line;
    if (end > start) ranges.push({ startLine: start, endLine: end });
    node.children.forEach(visit);
  };
  nodes.forEach(visit);
  return ranges;
}
