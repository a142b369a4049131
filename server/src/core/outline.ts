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
import type { Claim, ParsedDocument, ServiceLine, Span } from './model';
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
  /**
   * Set on the nodes a bounded outline puts in place of many: a billing provider's claims, or a
   * range of consecutive claims (or, in degenerate files, envelopes), and how many it stands for.
   */
  summary?: { of: 'provider' | 'range'; count: number };
}

/**
 * Most nodes an outline holds, for any document (about 60 ms of conversion in VS Code's extension
 * host at the rate measured for issue 14, well under its 250 ms stall budget).
 */
export const OUTLINE_SYMBOL_LIMIT = 10_000;

export function outline(doc: ParsedDocument, limit: number = OUTLINE_SYMBOL_LIMIT): OutlineNode[] {
  let lineCount = 0;
  for (const claim of doc.claims) lineCount += claim.lines.length;
  const envelopes = doc.format === 'x12' ? doc.interchanges.length + doc.groups.length + doc.transactions.length : 0;
  if (envelopes + doc.claims.length + lineCount <= limit) return fullOutline(doc);
  return boundedOutline(doc, Math.max(1, limit));
}

// ---------------------------------------------------------------------------------------------
// The whole tree

function fullOutline(doc: ParsedDocument): OutlineNode[] {
  const claimNodes = doc.claims.map((claim): OutlineNode => ({
    ...claimNode(claim),
    children: claim.lines.map((line): OutlineNode => {
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
  doc.claims.forEach((claim, i) => placed.put(claimNodes[i]!, at(transactionNodes, claim.transactionIndex), [transactionNodes, groupNodes, interchangeNodes]));
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

function at<T>(list: readonly T[], index: number | null): T | undefined {
  return index === null ? undefined : list[index];
}

/**
 * Nodes put under their parent envelope when it holds them, else under the innermost envelope
 * that does (a claim after a stray SE, under its group), else at the top: a broken file's outline
 * still has every claim the reader found. Such a node may come after siblings that follow it in
 * the document: inOrder() sorts those lists again.
 */
class Placed {
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

function claimNode(claim: Claim, lineCount: number | null = null): OutlineNode {
  const parts = [
    claim.patientId ? `patient ${claim.patientId}` : null,
    claim.totalChargeText ?? (claim.totalCharge !== null ? claim.totalCharge.toFixed(2) : null),
    lineCount === null ? null : plural(lineCount, 'line'),
  ];
  return {
    name: `Claim ${claim.id || '(no id)'}`,
    detail: parts.filter((part): part is string => part !== null).join(' · '),
    kind: 'claim',
    span: claim.span,
    selectionSpan: claim.idSpan && within(claim.idSpan, claim.span) ? claim.idSpan : claim.span,
    children: [],
  };
}

function transactionNode(t: ParsedDocument['transactions'][number]): OutlineNode {
  return envelopeNode(`Transaction ${t.controlNumber}`, [t.kind, t.implementation].filter(Boolean).join(' · '), 'transaction', t.span);
}

function groupNode(g: ParsedDocument['groups'][number]): OutlineNode {
  return envelopeNode(`Group ${g.controlNumber}`, '', 'group', g.span);
}

function interchangeNode(x: ParsedDocument['interchanges'][number]): OutlineNode {
  return envelopeNode(`Interchange ${x.controlNumber}`, '', 'interchange', x.span);
}

function envelopeNode(name: string, detail: string, kind: OutlineKind, span: Span): OutlineNode {
  return { name, detail, kind, span, selectionSpan: span, children: [] };
}

function within(inner: Span, outer: Span): boolean {
  return inner.start >= outer.start && inner.end <= outer.end;
}

// ---------------------------------------------------------------------------------------------
// The bounded tree

/** Items (by index in their list) that go under one parent node; parent null: the top of the outline. */
interface Bucket {
  parent: OutlineNode | null;
  items: number[];
}

/** How a level's items become nodes: each its own, or consecutive ones of one parent as a range. */
interface Maker<T> {
  node: (item: T) => OutlineNode;
  range: (items: readonly T[], first: number, total: number) => OutlineNode;
}

class Budget {
  constructor(public left: number) {}
}

function boundedOutline(doc: ParsedDocument, limit: number): OutlineNode[] {
  const roots: OutlineNode[] = [];
  const budget = new Budget(limit);
  const claims: Maker<Claim> = { node: (claim) => claimNode(claim, claim.lines.length), range: claimRange };
  if (doc.format !== 'x12') {
    fill(doc.claims, [{ parent: null, items: doc.claims.map((_, i) => i) }], claims, budget, roots);
    return roots;
  }

  const interchanges = fill(doc.interchanges, [{ parent: null, items: doc.interchanges.map((_, i) => i) }], { node: interchangeNode, range: envelopeRange('interchange', 'Interchanges', 'interchanges') }, budget, roots);
  if (!interchanges) return roots;
  const placed = new Placed(roots);
  const groups = fill(doc.groups, bucketsOf(doc.groups, interchanges, (g) => g.interchangeIndex, [], placed), { node: groupNode, range: envelopeRange('group', 'Groups', 'functional groups') }, budget, roots);
  if (!groups) return inOrder(placed, roots);
  const transactions = fill(doc.transactions, bucketsOf(doc.transactions, groups, (t) => t.groupIndex, [interchanges], placed), { node: transactionNode, range: envelopeRange('transaction', 'Transactions', 'transaction sets') }, budget, roots);
  if (!transactions) return inOrder(placed, roots);

  const claimBuckets = bucketsOf(doc.claims, transactions, (c) => c.transactionIndex, [groups, interchanges], placed);
  const claimTotal = claimBuckets.reduce((sum, b) => sum + b.items.length, 0);
  if (claimTotal <= budget.left) {
    // Claims without their lines.
    fill(doc.claims, claimBuckets, claims, budget, roots);
    return inOrder(placed, roots);
  }
  // Not every claim fits: each transaction says how many it holds, and its claims are shown under
  // their billing provider (when the providers and a range each fit), in ranges.
  for (const bucket of claimBuckets) {
    if (bucket.parent?.kind === 'transaction') bucket.parent.detail = [bucket.parent.detail, plural(bucket.items.length, 'claim')].filter(Boolean).join(' · ');
  }
  const runs = claimBuckets.flatMap((bucket) => providerRuns(doc.claims, bucket));
  if (2 * runs.length <= budget.left) {
    for (const run of runs) {
      const first = doc.claims[run.items[0]!]!;
      const last = doc.claims[run.items[run.items.length - 1]!]!;
      const node: OutlineNode = {
        ...envelopeNode(`Billing provider ${first.billingProviderId ?? '(none)'}`, plural(run.items.length, 'claim'), 'group', { start: first.span.start, end: last.span.end }),
        summary: { of: 'provider', count: run.items.length },
      };
      (run.parent ? run.parent.children : roots).push(node);
      run.parent = node;
    }
    budget.left -= runs.length;
    fill(doc.claims, runs, claims, budget, roots);
  } else {
    fill(doc.claims, claimBuckets, claims, budget, roots);
  }
  return inOrder(placed, roots);
}

function inOrder(placed: Placed, roots: OutlineNode[]): OutlineNode[] {
  placed.inOrder();
  return roots;
}

/**
 * The items by the node they go under, in order: their parent when it exists and holds them,
 * else the innermost node of `outer` (the levels above, innermost first) that holds them, else
 * the top of the outline (see Placed).
 */
function bucketsOf<T extends { span: Span }>(
  items: readonly T[],
  parents: readonly (OutlineNode | undefined)[],
  parentOf: (item: T) => number | null,
  outer: readonly (readonly (OutlineNode | undefined)[])[],
  placed: Placed,
): Bucket[] {
  const byHolder = new Map<OutlineNode | null, Bucket>();
  items.forEach((item, i) => {
    const holder = placed.holderFor(item.span, at(parents, parentOf(item)), outer);
    let bucket = byHolder.get(holder);
    if (!bucket) byHolder.set(holder, (bucket = { parent: holder, items: [] }));
    bucket.items.push(i);
  });
  return [...byHolder.values()];
}

/** A transaction's claims split where the billing provider changes. */
function providerRuns(claims: readonly Claim[], bucket: Bucket): Bucket[] {
  const runs: Bucket[] = [];
  let current: Bucket | null = null;
  let provider: string | null | undefined;
  for (const i of bucket.items) {
    const id = claims[i]!.billingProviderId;
    if (current === null || id !== provider) runs.push((current = { parent: bucket.parent, items: [] }));
    provider = id;
    current.items.push(i);
  }
  return runs;
}

/**
 * Puts the buckets' items under their parents: each as its own node when all of them fit in the
 * budget (and returns the nodes, by item index, for the next level), else in ranges sharing what
 * is left (and returns null: nothing goes deeper).
 */
function fill<T>(items: readonly T[], buckets: readonly Bucket[], maker: Maker<T>, budget: Budget, roots: OutlineNode[]): (OutlineNode | undefined)[] | null {
  const total = buckets.reduce((sum, b) => sum + b.items.length, 0);
  if (total <= budget.left) {
    const nodes: (OutlineNode | undefined)[] = new Array(items.length);
    for (const bucket of buckets) {
      const into = bucket.parent ? bucket.parent.children : roots;
      for (const i of bucket.items) into.push((nodes[i] = maker.node(items[i]!)));
    }
    budget.left -= total;
    return nodes;
  }
  const slots = share(buckets.map((b) => b.items.length), budget.left);
  buckets.forEach((bucket, b) => {
    const into = bucket.parent ? bucket.parent.children : roots;
    const list = bucket.items.map((i) => items[i]!);
    const nodes = rangesOf(list, slots[b]!, maker);
    into.push(...nodes);
    budget.left -= nodes.length;
  });
  return null;
}

/** `slots` nodes shared by lists of these lengths: one each first, the rest in proportion. */
function share(lengths: readonly number[], slots: number): number[] {
  if (slots < lengths.length) return lengths.map((_, i) => (i < slots ? 1 : 0));
  const total = lengths.reduce((a, b) => a + b, 0);
  const spare = slots - lengths.length;
  return lengths.map((n) => 1 + Math.floor((spare * n) / total));
}

/** At most `slots` nodes for a parent's items: each its own when they fit, else ranges of a round size. */
function rangesOf<T>(items: readonly T[], slots: number, maker: Maker<T>): OutlineNode[] {
  if (slots <= 0 || items.length === 0) return [];
  if (items.length <= slots) return items.map((item) => maker.node(item));
  const size = roundUp(Math.ceil(items.length / slots));
  const nodes: OutlineNode[] = [];
  for (let first = 0; first < items.length; first += size) nodes.push(maker.range(items.slice(first, first + size), first, items.length));
  return nodes;
}

/** The next 1, 2 or 5 times a power of ten (so ranges read "1–500", "501–1,000"). */
function roundUp(n: number): number {
  for (let power = 1; ; power *= 10) for (const step of [1, 2, 5]) if (step * power >= n) return step * power;
}

function spanOf(items: readonly { span: Span }[]): Span {
  let start = Infinity;
  let end = -Infinity;
  for (const item of items) {
    start = Math.min(start, item.span.start);
    end = Math.max(end, item.span.end);
  }
  return { start, end };
}

function claimRange(claims: readonly Claim[], first: number, total: number): OutlineNode {
  const head = claims[0]!;
  const tail = claims[claims.length - 1]!;
  const span = spanOf(claims);
  const selection = claimNode(head).selectionSpan;
  return {
    name: `Claims ${head.id || '(no id)'} … ${tail.id || '(no id)'}`,
    detail: `${plural(claims.length, 'claim')}, ${count(first + 1)}–${count(first + claims.length)} of ${count(total)}`,
    kind: 'claim',
    span,
    selectionSpan: within(selection, span) ? selection : span,
    children: [],
    summary: { of: 'range', count: claims.length },
  };
}

function envelopeRange(kind: OutlineKind, label: string, noun: string) {
  return (items: readonly { controlNumber: string; span: Span }[], first: number, total: number): OutlineNode => {
    const span = spanOf(items);
    return {
      ...envelopeNode(`${label} ${items[0]!.controlNumber} … ${items[items.length - 1]!.controlNumber}`, `${count(items.length)} ${noun}, ${count(first + 1)}–${count(first + items.length)} of ${count(total)}`, kind, span),
      summary: { of: 'range', count: items.length },
    };
  };
}

function count(n: number): string {
  return n.toLocaleString('en-US');
}

function plural(n: number, noun: string): string {
  return `${count(n)} ${noun}${n === 1 ? '' : 's'}`;
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
