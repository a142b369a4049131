// The bounded outline: the tree of a document whose whole tree does not fit in
// OUTLINE_SYMBOL_LIMIT nodes (outline.ts says why there is a bound), shown level by level from the
// interchanges down for as many levels as fit, then claims without their lines, then each
// transaction's claims under their billing provider, in ranges that together cover every claim.
import type { ParsedDocument, Span } from './model';
import { at, claimNode, count, envelopeNode, groupNode, interchangeNode, Placed, plural, transactionNode, within, type OutlineKind, type OutlineNode } from './outlineNodes';
import type { ClaimPart } from './outlineRuns';

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

export function boundedOutline(doc: ParsedDocument, parts: readonly ClaimPart[], limit: number): OutlineNode[] {
  const roots: OutlineNode[] = [];
  const budget = new Budget(limit);
  const claims: Maker<ClaimPart> = { node: (part) => claimNode(part, part.lineCount), range: claimRange };
  if (doc.format !== 'x12') {
    fill(parts, [{ parent: null, items: parts.map((_, i) => i) }], claims, budget, roots);
    return roots;
  }

  const interchanges = fill(doc.interchanges, [{ parent: null, items: doc.interchanges.map((_, i) => i) }], { node: interchangeNode, range: envelopeRange('interchange', 'Interchanges', 'interchanges') }, budget, roots);
  if (!interchanges) return roots;
  const placed = new Placed(roots);
  const groups = fill(doc.groups, bucketsOf(doc.groups, interchanges, (g) => g.interchangeIndex, [], placed), { node: groupNode, range: envelopeRange('group', 'Groups', 'functional groups') }, budget, roots);
  if (!groups) return inOrder(placed, roots);
  const transactions = fill(doc.transactions, bucketsOf(doc.transactions, groups, (t) => t.groupIndex, [interchanges], placed), { node: transactionNode, range: envelopeRange('transaction', 'Transactions', 'transaction sets') }, budget, roots);
  if (!transactions) return inOrder(placed, roots);

  const claimBuckets = bucketsOf(parts, transactions, (p) => p.claim.transactionIndex, [groups, interchanges], placed);
  const claimTotal = claimBuckets.reduce((sum, b) => sum + b.items.length, 0);
  if (claimTotal <= budget.left) {
    // Claims without their lines.
    fill(parts, claimBuckets, claims, budget, roots);
    return inOrder(placed, roots);
  }
  // Not every claim fits: each transaction says how many it holds, and its claims are shown under
  // their billing provider (when the providers and a range each fit), in ranges.
  for (const bucket of claimBuckets) {
    if (bucket.parent?.kind === 'transaction') bucket.parent.detail = [bucket.parent.detail, plural(bucket.items.length, 'claim')].filter(Boolean).join(' · ');
  }
  const runs = claimBuckets.flatMap((bucket) => providerRuns(parts, bucket));
  if (2 * runs.length <= budget.left) {
    for (const run of runs) {
      const first = parts[run.items[0]!]!;
      const last = parts[run.items[run.items.length - 1]!]!;
      const node: OutlineNode = {
        ...envelopeNode(`Billing provider ${first.claim.billingProviderId ?? '(none)'}`, plural(run.items.length, 'claim'), 'group', { start: first.span.start, end: last.span.end }),
        summary: { of: 'provider', count: run.items.length },
      };
      (run.parent ? run.parent.children : roots).push(node);
      run.parent = node;
    }
    budget.left -= runs.length;
    fill(parts, runs, claims, budget, roots);
  } else {
    fill(parts, claimBuckets, claims, budget, roots);
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
function providerRuns(parts: readonly ClaimPart[], bucket: Bucket): Bucket[] {
  const runs: Bucket[] = [];
  let current: Bucket | null = null;
  let provider: string | null | undefined;
  for (const i of bucket.items) {
    const id = parts[i]!.claim.billingProviderId;
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

/** Consecutive claim parts as one node; its positions count parts, which are claims unless some continue one. */
function claimRange(parts: readonly ClaimPart[], first: number, total: number): OutlineNode {
  const head = parts[0]!;
  const tail = parts[parts.length - 1]!;
  const span = spanOf(parts);
  const selection = claimNode(head).selectionSpan;
  const continued = parts.filter((part) => part.continued).length;
  const whole = parts.length - continued;
  const counted = [whole > 0 ? plural(whole, 'claim') : null, continued > 0 ? `${count(continued)} continued` : null].filter(Boolean).join(' and ');
  return {
    name: `Claims ${head.claim.id || '(no id)'} … ${tail.claim.id || '(no id)'}`,
    detail: `${counted}, ${count(first + 1)}–${count(first + parts.length)} of ${count(total)}`,
    kind: 'claim',
    span,
    selectionSpan: within(selection, span) ? selection : span,
    children: [],
    summary: { of: 'range', count: parts.length },
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
