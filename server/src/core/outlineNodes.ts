// The outline's nodes: what a node is, how a claim and each envelope (transaction set, group,
// interchange) are named and described, and where a node goes: under the envelope that holds its
// text, else the innermost one that does, so a broken file's outline still has every claim the
// reader found. Shared by the whole tree (outline.ts) and the bounded one (outlineBounded.ts).
import { shownPatient } from './csv/patientCells';
import type { ParsedDocument, Span } from './model';
import type { ClaimPart } from './outlineRuns';

export type OutlineKind = 'interchange' | 'group' | 'transaction' | 'claim' | 'line';

export interface OutlineNode {
  name: string;
  detail: string;
  kind: OutlineKind;
  span: Span;
  selectionSpan: Span;
  children: OutlineNode[];
  /**
   * Set on the nodes a bounded outline puts in place of many: a billing provider's claims, or a
   * range of consecutive claims (or, in degenerate files, envelopes), and how many it stands for.
   */
  summary?: { of: 'provider' | 'range'; count: number };
}

export function at<T>(list: readonly T[], index: number | null): T | undefined {
  return index === null ? undefined : list[index];
}

/**
 * Nodes put under their parent envelope when it holds them, else under the innermost envelope
 * that does (a claim after a stray SE, under its group), else at the top: a broken file's outline
 * still has every claim the reader found. Such a node may come after siblings that follow it in
 * the document: inOrder() sorts those lists again.
 */
export class Placed {
  private readonly disordered = new Set<OutlineNode[]>();

  constructor(private readonly roots: OutlineNode[]) {}

  /** The node `span` goes under: `parent` when it holds the span, else the innermost of `levels` (innermost first) that does, else null (the top). */
  holderFor(span: Span, parent: OutlineNode | null | undefined, levels: readonly (readonly (OutlineNode | undefined)[])[]): OutlineNode | null {
    if (parent && within(span, parent.span)) return parent;
    for (const level of levels) {
      const holder = enclosing(level, span);
      if (holder) {
        this.disordered.add(holder.children);
        return holder;
      }
    }
    this.disordered.add(this.roots);
    return null;
  }

  put(child: OutlineNode, parent: OutlineNode | undefined, levels: readonly (readonly (OutlineNode | undefined)[])[]): void {
    const holder = this.holderFor(child.span, parent, levels);
    (holder ? holder.children : this.roots).push(child);
  }

  inOrder(): void {
    for (const list of this.disordered) list.sort((a, b) => a.span.start - b.span.start);
  }

}

/** The node of `nodes` (in document order; some missing) whose span holds `span`, if any. */
function enclosing(nodes: readonly (OutlineNode | undefined)[], span: Span): OutlineNode | undefined {
  // The last node starting at or before the span: envelopes of one level do not nest.
  let lo = 0;
  let hi = nodes.length - 1;
  let found: OutlineNode | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    let probe = mid;
    while (probe >= lo && nodes[probe] === undefined) probe--;
    const node = probe >= lo ? nodes[probe] : undefined;
    if (node === undefined) {
      lo = mid + 1;
      continue;
    }
    if (node.span.start <= span.start) {
      found = node;
      lo = mid + 1;
    } else hi = probe - 1;
  }
  return found && within(span, found.span) ? found : undefined;
}

export function claimNode(part: ClaimPart, lineCount: number | null = null): OutlineNode {
  const { claim, span } = part;
  const parts = [
    // A CSV patient told apart by name or date of birth is shown by its patient cell alone (patientCells.ts).
    claim.patientId && shownPatient(claim.patientId) ? `patient ${shownPatient(claim.patientId)}` : null,
    claim.totalChargeText ?? (claim.totalCharge !== null ? claim.totalCharge.toFixed(2) : null),
    lineCount === null ? null : plural(lineCount, 'line'),
  ];
  return {
    name: `Claim ${claim.id || '(no id)'}${part.continued ? ' (continued)' : ''}`,
    detail: parts.filter((text): text is string => text !== null).join(' · '),
    kind: 'claim',
    span,
    // The claim id a continued part's rows write is not kept (idSpan is the first row's).
    selectionSpan: !part.continued && claim.idSpan && within(claim.idSpan, span) ? claim.idSpan : span,
    children: [],
  };
}

export function transactionNode(t: ParsedDocument['transactions'][number]): OutlineNode {
  return envelopeNode(`Transaction ${t.controlNumber}`, [t.kind, t.implementation].filter(Boolean).join(' · '), 'transaction', t.span);
}

export function groupNode(g: ParsedDocument['groups'][number]): OutlineNode {
  return envelopeNode(`Group ${g.controlNumber}`, '', 'group', g.span);
}

export function interchangeNode(x: ParsedDocument['interchanges'][number]): OutlineNode {
  return envelopeNode(`Interchange ${x.controlNumber}`, '', 'interchange', x.span);
}

export function envelopeNode(name: string, detail: string, kind: OutlineKind, span: Span): OutlineNode {
  return { name, detail, kind, span, selectionSpan: span, children: [] };
}

export function within(inner: Span, outer: Span): boolean {
  return inner.start >= outer.start && inner.end <= outer.end;
}

export function count(n: number): string {
  return n.toLocaleString('en-US');
}

export function plural(n: number, noun: string): string {
  return `${count(n)} ${noun}${n === 1 ? '' : 's'}`;
}
