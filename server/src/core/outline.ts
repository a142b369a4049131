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
// A symbol covers one claim's text only. A CSV claim collects the rows of its claim id wherever
// they sit, so its rows may have another claim's between them (an export sorted by claim id and
// line alternates an original and its replacement, "A1 (replacement)"): such a claim is shown as
// one symbol per run of its rows, the later ones "(continued)", so neither a symbol (breadcrumbs)
// nor a fold holds a row of another claim.
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
  const parts = claimParts(doc);
  const envelopes = doc.format === 'x12' ? doc.interchanges.length + doc.groups.length + doc.transactions.length : 0;
  if (envelopes + parts.length + lineCount <= limit) return fullOutline(doc, parts);
  return boundedOutline(doc, parts, Math.max(1, limit));
}

// ---------------------------------------------------------------------------------------------
// What a claim symbol covers

/** The text one claim symbol covers: a whole claim, or one run of a CSV claim's rows. */
interface ClaimPart {
  readonly claim: Claim;
  readonly span: Span;
  /** A later run of the claim's rows (another claim's rows come before it). */
  readonly continued: boolean;
  readonly lineCount: number;
  /** The claim's lines in this part, made when asked: a huge file's bounded outline shows none. */
  lines(): readonly ServiceLine[];
}

class WholeClaim implements ClaimPart {
  readonly continued = false;
  constructor(readonly claim: Claim) {}
  get span(): Span {
    return this.claim.span;
  }
  get lineCount(): number {
    return this.claim.lines.length;
  }
  lines(): readonly ServiceLine[] {
    return this.claim.lines;
  }
}

/**
 * Each claim as one part, in document order, save a CSV claim whose rows have another claim's
 * between them: one part per run of its rows. An 837 claim is one stretch of segments (CLM
 * through its last), and so is nearly every CSV claim: the rows are sorted, as numbers, only when
 * two claims' spans overlap, and a run keeps where it starts and ends among them, its lines made
 * when asked (an export of 800,000 rows, each a run of its own: about 0.5 s, against 0.2 s when
 * no claims interleave).
 */
function claimParts(doc: ParsedDocument): ClaimPart[] {
  const claims = doc.claims;
  if (doc.format !== 'csv') return claims.map((claim) => new WholeClaim(claim));
  let apart = true;
  for (let i = 1; i < claims.length && apart; i++) apart = claims[i]!.span.start >= claims[i - 1]!.span.end;
  if (apart) return claims.map((claim) => new WholeClaim(claim));

  const rows = sortedRows(claims);
  const parts: ClaimPart[] = [];
  const seen = new Uint8Array(claims.length);
  const { order, claimOf } = rows;
  for (let i = 0; i < order.length; ) {
    const c = claimOf[order[i]!]!;
    let j = i + 1;
    while (j < order.length && claimOf[order[j]!] === c) j++;
    parts.push(new RowRun(claims[c]!, seen[c] === 1, rows, i, j));
    seen[c] = 1;
    i = j;
  }
  return parts;
}

/** Every row of a CSV's claims, `order` by where they start. */
interface SortedRows {
  order: Uint32Array;
  starts: Float64Array;
  ends: Float64Array;
  /** The row's claim (index in doc.claims) and line (index in its lines; -1 for a claim without lines, a row of its own). */
  claimOf: Int32Array;
  lineOf: Int32Array;
}

function sortedRows(claims: readonly Claim[]): SortedRows {
  let count = 0;
  for (const claim of claims) count += Math.max(1, claim.lines.length);
  const rows: SortedRows = { order: new Uint32Array(count), starts: new Float64Array(count), ends: new Float64Array(count), claimOf: new Int32Array(count), lineOf: new Int32Array(count) };
  let row = 0;
  claims.forEach((claim, c) => {
    const lines = claim.lines;
    for (let l = 0; l < Math.max(1, lines.length); l++, row++) {
      // A CSV claim's span is its rows' own text (no line break): a run's too.
      const span = l < lines.length ? lines[l]!.recordSpan : claim.span;
      rows.starts[row] = span.start;
      rows.ends[row] = span.end;
      rows.claimOf[row] = c;
      rows.lineOf[row] = l < lines.length ? l : -1;
      rows.order[row] = row;
    }
  });
  const starts = rows.starts;
  rows.order.sort((a, b) => starts[a]! - starts[b]!);
  return rows;
}

/** A run of a CSV claim's rows: `from` to `to` (exclusive) in the sorted rows. */
class RowRun implements ClaimPart {
  constructor(
    readonly claim: Claim,
    readonly continued: boolean,
    private readonly rows: SortedRows,
    private readonly from: number,
    private readonly to: number,
  ) {}

  get span(): Span {
    const { order, starts, ends } = this.rows;
    return { start: starts[order[this.from]!]!, end: ends[order[this.to - 1]!]! };
  }

  get lineCount(): number {
    let n = 0;
    for (let i = this.from; i < this.to; i++) if (this.rows.lineOf[this.rows.order[i]!]! >= 0) n++;
    return n;
  }

  lines(): readonly ServiceLine[] {
    const { order, lineOf } = this.rows;
    const lines: ServiceLine[] = [];
    for (let i = this.from; i < this.to; i++) {
      const l = lineOf[order[i]!]!;
      if (l >= 0) lines.push(this.claim.lines[l]!);
    }
    return lines;
  }
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

function claimNode(part: ClaimPart, lineCount: number | null = null): OutlineNode {
  const { claim, span } = part;
  const parts = [
    claim.patientId ? `patient ${claim.patientId}` : null,
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

function boundedOutline(doc: ParsedDocument, parts: readonly ClaimPart[], limit: number): OutlineNode[] {
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
  const counted = [plural(parts.length - continued, 'claim'), continued > 0 ? `${count(continued)} continued` : null].filter(Boolean).join(' and ');
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
