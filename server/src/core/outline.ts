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

  const transactionNodes = doc.transactions.map((transaction): OutlineNode => ({
    name: `Transaction ${transaction.controlNumber}`,
    detail: [transaction.kind, transaction.implementation].filter(Boolean).join(' · '),
    kind: 'transaction',
    span: transaction.span,
    selectionSpan: transaction.span,
    children: [],
  }));
  for (let i = 0; i < doc.claims.length; i++) {
    const t = doc.claims[i]!.transactionIndex;
    const parent = t !== null ? transactionNodes[t] : undefined;
    if (parent && within(claimNodes[i]!.span, parent.span)) parent.children.push(claimNodes[i]!);
  }
  const groupNodes = doc.groups.map((group): OutlineNode => ({
    name: `Group ${group.controlNumber}`,
    detail: '',
    kind: 'group',
    span: group.span,
    selectionSpan: group.span,
    children: [],
  }));
  for (const transaction of doc.transactions) {
    const parent = groupNodes[transaction.groupIndex];
    const node = transactionNodes[transaction.index]!;
    if (parent && within(node.span, parent.span)) parent.children.push(node);
  }
  const interchangeNodes = doc.interchanges.map((interchange): OutlineNode => ({
    name: `Interchange ${interchange.controlNumber}`,
    detail: '',
    kind: 'interchange',
    span: interchange.span,
    selectionSpan: interchange.span,
    children: [],
  }));
  for (const group of doc.groups) {
    const parent = interchangeNodes[group.interchangeIndex];
    const node = groupNodes[group.index]!;
    if (parent && within(node.span, parent.span)) parent.children.push(node);
  }
  return interchangeNodes;
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
