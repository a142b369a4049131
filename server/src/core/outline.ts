// The document outline (interchange > group > transaction > claim > service line) and the
// folding ranges derived from it. Plain data; the server turns it into LSP symbols.
import type { ParsedDocument, Span } from './model';
import { formatDate } from './dates';
import type { Positions } from './text';

export type OutlineKind = 'interchange' | 'group' | 'transaction' | 'claim' | 'line';

export interface OutlineNode {
  name: string;
  detail: string;
  kind: OutlineKind;
  span: Span;
  selectionSpan: Span;
  children: OutlineNode[];
}

export function outline(doc: ParsedDocument): OutlineNode[] {
  const claimNodes = doc.claims.map((claim): OutlineNode => ({
    name: `Claim ${claim.id || '(no id)'}`,
    detail: [claim.patientId ? `patient ${claim.patientId}` : null, claim.totalChargeText ?? (claim.totalCharge !== null ? claim.totalCharge.toFixed(2) : null)]
      .filter((part): part is string => part !== null)
      .join(' · '),
    kind: 'claim',
    span: claim.span,
    selectionSpan: claim.idSpan && within(claim.idSpan, claim.span) ? claim.idSpan : claim.span,
    children: claim.lines.map((line) => ({
      name: `${doc.format === 'csv' ? 'Row' : 'Line'} ${line.lineNumber}: ${line.code || '(no code)'}${line.modifiers.length ? '-' + line.modifiers.map((m) => m.value).join('-') : ''}`,
      detail: line.dateOfService ? formatDate(line.dateOfService.from) + (line.dateOfService.to !== line.dateOfService.from ? ' – ' + formatDate(line.dateOfService.to) : '') : '',
      kind: 'line',
      span: line.span,
      selectionSpan: within(line.codeSpan, line.span) ? line.codeSpan : line.span,
      children: [],
    })),
  }));
  if (doc.format !== 'x12') return claimNodes;

  const transactionNodes = doc.transactions.map((t) => envelopeNode(`Transaction ${t.controlNumber}`, [t.kind, t.implementation].filter(Boolean).join(' · '), 'transaction', t.span));
  doc.claims.forEach((claim, i) => adopt(transactionNodes, claim.transactionIndex, claimNodes[i]!));
  const groupNodes = doc.groups.map((g) => envelopeNode(`Group ${g.controlNumber}`, '', 'group', g.span));
  for (const transaction of doc.transactions) adopt(groupNodes, transaction.groupIndex, transactionNodes[transaction.index]!);
  const interchangeNodes = doc.interchanges.map((x) => envelopeNode(`Interchange ${x.controlNumber}`, '', 'interchange', x.span));
  for (const group of doc.groups) adopt(interchangeNodes, group.interchangeIndex, groupNodes[group.index]!);
  return interchangeNodes;
}

function envelopeNode(name: string, detail: string, kind: OutlineKind, span: Span): OutlineNode {
  return { name, detail, kind, span, selectionSpan: span, children: [] };
}

/** Puts a node under its parent envelope, when it has one and lies inside it. */
function adopt(parents: OutlineNode[], parentIndex: number | null, child: OutlineNode): void {
  const parent = parentIndex !== null ? parents[parentIndex] : undefined;
  if (parent && within(child.span, parent.span)) parent.children.push(child);
}

function within(inner: Span, outer: Span): boolean {
  return inner.start >= outer.start && inner.end <= outer.end;
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
