// The outline stays bounded for huge files (issue 14: 324,648 symbols for a 30 MB 837 stalled
// VS Code's extension host, which converts every one) and is unchanged for normal files.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ParsedDocument, Span } from '../../server/src/core/model';
import { formatDate } from '../../server/src/core/dates';
import { foldingRanges, outline, OUTLINE_SYMBOL_LIMIT, type OutlineNode } from '../../server/src/core/outline';
import { parseDocument } from '../../server/src/core/parse';
import { LineIndex } from '../../server/src/core/text';
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { claimSegments, writeTransactions, writeX12, type SegmentSpec, type WriterClaim } from './helpers/x12-writer';
import { writeClaimsCsv, type WriterClaim as CsvClaim } from './helpers/csv-writer';

const day = (d: number) => ({ from: d, to: d });
const CODES = ['43214', '43200', '99213', '36415', '97110'];

/** n claims of 1 to 3 lines each (claim i has 1 + i % 3). */
function claimsOf(n: number, linesOf: (i: number) => number = (i) => 1 + (i % 3)): WriterClaim[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `C${String(i + 1).padStart(7, '0')}`,
    subscriberId: `M${String(i % 9000).padStart(6, '0')}`,
    lines: Array.from({ length: linesOf(i) }, (_, l) => ({ code: CODES[(i + l) % CODES.length]!, modifiers: l === 1 ? ['59'] : [], charge: '10.00', date: day(20240101 + (i % 28)) })),
  }));
}

/** The same claims as CSV rows (patient = subscriber). */
function csvOf(claims: readonly WriterClaim[]): string {
  return writeClaimsCsv(claims.map((c): CsvClaim => ({ id: c.id, patientId: c.subscriberId, lines: c.lines.map((l) => ({ code: l.code, modifiers: l.modifiers, date: l.date, units: 1, charge: Number(l.charge) })) })));
}

/** The outline before it was bounded (the whole tree), to hold normal files to it. */
function wholeTree(doc: ParsedDocument): OutlineNode[] {
  const within = (inner: Span, outer: Span) => inner.start >= outer.start && inner.end <= outer.end;
  const claimNodes = doc.claims.map((claim): OutlineNode => ({
    name: `Claim ${claim.id || '(no id)'}`,
    detail: [claim.patientId ? `patient ${claim.patientId}` : null, claim.totalChargeText ?? (claim.totalCharge !== null ? claim.totalCharge.toFixed(2) : null)].filter((p): p is string => p !== null).join(' · '),
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
  const envelope = (name: string, detail: string, kind: OutlineNode['kind'], span: Span): OutlineNode => ({ name, detail, kind, span, selectionSpan: span, children: [] });
  const adopt = (parents: OutlineNode[], at: number | null, child: OutlineNode) => {
    const parent = at !== null ? parents[at] : undefined;
    if (parent && within(child.span, parent.span)) parent.children.push(child);
  };
  const ts = doc.transactions.map((t) => envelope(`Transaction ${t.controlNumber}`, [t.kind, t.implementation].filter(Boolean).join(' · '), 'transaction', t.span));
  doc.claims.forEach((c, i) => adopt(ts, c.transactionIndex, claimNodes[i]!));
  const gs = doc.groups.map((g) => envelope(`Group ${g.controlNumber}`, '', 'group', g.span));
  for (const t of doc.transactions) adopt(gs, t.groupIndex, ts[t.index]!);
  const xs = doc.interchanges.map((x) => envelope(`Interchange ${x.controlNumber}`, '', 'interchange', x.span));
  for (const g of doc.groups) adopt(xs, g.interchangeIndex, gs[g.index]!);
  return xs;
}

function all(nodes: readonly OutlineNode[]): OutlineNode[] {
  const out: OutlineNode[] = [];
  const visit = (node: OutlineNode) => {
    out.push(node);
    node.children.forEach(visit);
  };
  nodes.forEach(visit);
  return out;
}

/** Claims a node stands for: 1 for a claim's own node, the count of a range of claims. */
function claimsCovered(nodes: readonly OutlineNode[]): number {
  return all(nodes).filter((n) => n.kind === 'claim').reduce((sum, n) => sum + (n.summary?.of === 'range' ? n.summary.count : 1), 0);
}

/** Every node's selection lies in its span, children lie in their parent, siblings in order without overlap. */
function assertWellFormed(nodes: readonly OutlineNode[], parent: Span | null = null): void {
  let previousEnd = -1;
  for (const node of nodes) {
    assert.ok(node.selectionSpan.start >= node.span.start && node.selectionSpan.end <= node.span.end, `${node.name}: selection inside`);
    if (parent) assert.ok(node.span.start >= parent.start && node.span.end <= parent.end, `${node.name}: inside its parent`);
    assert.ok(node.span.start >= previousEnd, `${node.name}: after its previous sibling`);
    previousEnd = node.span.end;
    assertWellFormed(node.children, node.span);
  }
}

/** A transaction body whose claims sit under one billing provider (2000A HL) per part. */
function bodyWithProviders(parts: WriterClaim[][]): SegmentSpec[] {
  const body: SegmentSpec[] = [];
  let offset = 0;
  parts.forEach((claims, p) => {
    const segments = claimSegments(claims).slice(p === 0 ? 0 : 4); // BHT .. NM1*40 once
    let highest = 0;
    for (const segment of segments) {
      if (segment[0] === 'HL') {
        const [, id, parentId, ...rest] = segment as readonly string[];
        highest = Math.max(highest, Number(id));
        body.push(['HL', String(Number(id) + offset), parentId ? String(Number(parentId) + offset) : '', ...rest]);
      } else if (segment[0] === 'NM1' && segment[1] === '85') {
        body.push(['NM1', '85', '2', 'EXAMPLE BILLING', '', '', '', '', 'XX', `P${p + 1}00000000`]);
      } else body.push(segment);
    }
    offset += highest;
  });
  return body;
}

describe('outline of a normal file: the whole tree, as before', () => {
  const examples = resolve(__dirname, '../../examples');
  for (const name of readdirSync(examples)) {
    it(`examples/${name}`, () => {
      const doc = parseDocument(readFileSync(join(examples, name), 'latin1'));
      assert.ok(doc.claims.length > 0);
      assert.deepEqual(outline(doc), wholeTree(doc));
    });
  }

  it('837P of 2,500 claims and 6,250 lines in 4 transaction sets (8,756 symbols, inside the limit)', () => {
    const doc = parseDocument(writeX12(claimsOf(2500, (i) => 1 + (i % 4)), { transactions: 4, lineEnding: '\n' }).text);
    const nodes = outline(doc);
    assert.deepEqual(nodes, wholeTree(doc));
    assert.equal(all(nodes).length, 8756);
    assert.equal(all(nodes).filter((n) => n.kind === 'line').length, 6250);
    assert.equal(all(nodes).some((n) => n.summary), false);
  });

  it('a CSV export of 3,000 rows', () => {
    const doc = parseDocument(csvOf(claimsOf(1500, () => 2)));
    assert.equal(doc.format, 'csv');
    assert.deepEqual(outline(doc), wholeTree(doc));
  });
});

describe('outline of a huge file: bounded, every claim still reachable', () => {
  it('100,000 claims in one transaction set: billing provider > ranges of claims, under the limit', () => {
    const { text } = writeX12(claimsOf(100_000, () => 1), { lineEnding: '\n' });
    const doc = parseDocument(text);
    assert.equal(doc.claims.length, 100_000);
    assert.equal(all(wholeTree(doc)).length, 200_003, 'the whole tree would be 200,003 symbols');
    const nodes = outline(doc);
    const every = all(nodes);
    assert.ok(every.length <= OUTLINE_SYMBOL_LIMIT, `${every.length} symbols`);
    assert.ok(every.length >= OUTLINE_SYMBOL_LIMIT / 2, `uses the room it has (${every.length})`);
    assertWellFormed(nodes);
    const transaction = nodes[0]!.children[0]!.children[0]!;
    assert.equal(transaction.kind, 'transaction');
    assert.match(transaction.detail, /100,000 claims$/);
    assert.equal(transaction.children.length, 1);
    const provider = transaction.children[0]!;
    assert.deepEqual(provider.summary, { of: 'provider', count: 100_000 });
    assert.equal(provider.name, 'Billing provider 1234567893');
    const first = provider.children[0]!;
    assert.deepEqual(first.summary, { of: 'range', count: 20 });
    assert.equal(first.name, 'Claims C0000001 … C0000020');
    assert.equal(first.detail, '20 claims, 1–20 of 100,000');
    assert.equal(first.span.start, doc.claims[0]!.span.start);
    assert.equal(first.span.end, doc.claims[19]!.span.end);
    assert.deepEqual(first.selectionSpan, doc.claims[0]!.idSpan);
    assert.equal(claimsCovered(nodes), 100_000, 'the ranges cover every claim');
    assert.equal(every.filter((n) => n.kind === 'line').length, 0);
    // Folding follows the outline: bounded too.
    const folding = foldingRanges(nodes, new LineIndex(text));
    assert.ok(folding.length <= OUTLINE_SYMBOL_LIMIT && folding.length > 5000, `${folding.length} folding ranges`);
  });

  it('100,000 claims as 20 transaction sets of 5,000: each set keeps its claims, in ranges', () => {
    const { text } = writeX12(claimsOf(100_000), { transactions: 20, lineEnding: '\n' });
    const doc = parseDocument(text);
    const nodes = outline(doc);
    assert.ok(all(nodes).length <= OUTLINE_SYMBOL_LIMIT, `${all(nodes).length} symbols`);
    assertWellFormed(nodes);
    const transactions = nodes[0]!.children[0]!.children;
    assert.equal(transactions.length, 20);
    for (const t of transactions) {
      assert.equal(claimsCovered([t]), 5000);
      assert.match(t.detail, /5,000 claims$/);
    }
    assert.ok(foldingRanges(nodes, new LineIndex(text)).length <= OUTLINE_SYMBOL_LIMIT);
  });

  it('claims grouped by billing provider when a transaction set has several', () => {
    const claims = claimsOf(12_000, () => 1);
    const parts = [claims.slice(0, 9000), claims.slice(9000, 11_000), claims.slice(11_000)];
    const doc = parseDocument(writeTransactions([bodyWithProviders(parts)]).text);
    assert.equal(doc.claims.length, 12_000);
    const nodes = outline(doc);
    assertWellFormed(nodes);
    const providers = nodes[0]!.children[0]!.children[0]!.children;
    assert.deepEqual(providers.map((p) => [p.name, p.detail, p.summary?.count]), [
      ['Billing provider P100000000', '9,000 claims', 9000],
      ['Billing provider P200000000', '2,000 claims', 2000],
      ['Billing provider P300000000', '1,000 claims', 1000],
    ]);
    assert.deepEqual(providers.map((p) => claimsCovered([p])), [9000, 2000, 1000]);
    assert.ok(all(nodes).length <= OUTLINE_SYMBOL_LIMIT);
  });

  it('past the limit with lines but not with claims: claims without their lines, each counting them', () => {
    const doc = parseDocument(writeX12(claimsOf(4000), { transactions: 2 }).text);
    const nodes = outline(doc);
    const every = all(nodes);
    assert.equal(every.filter((n) => n.kind === 'claim').length, 4000);
    assert.equal(every.filter((n) => n.kind === 'line').length, 0);
    assert.equal(every.some((n) => n.summary), false);
    const claim = every.find((n) => n.name === 'Claim C0000003')!;
    assert.equal(claim.detail, 'patient M000002 · 30.00 · 3 lines');
    assert.equal(every.find((n) => n.name === 'Claim C0000001')!.detail, 'patient M000000 · 10.00 · 1 line');
    assertWellFormed(nodes);
  });

  it('a CSV of 100,000 claims: ranges at the top', () => {
    const doc = parseDocument(csvOf(claimsOf(100_000, () => 1)));
    assert.equal(doc.claims.length, 100_000);
    const nodes = outline(doc);
    assert.ok(nodes.length <= OUTLINE_SYMBOL_LIMIT && nodes.length >= OUTLINE_SYMBOL_LIMIT / 2, `${nodes.length}`);
    assert.equal(claimsCovered(nodes), 100_000);
    assertWellFormed(nodes);
  });

  it('degenerate envelopes (30,000 one-claim transaction sets in 3 groups): ranges of transaction sets, still bounded', () => {
    const doc = parseDocument(writeX12(claimsOf(30_000, () => 1), { transactions: 10_000, interchanges: 3 }).text);
    assert.equal(doc.transactions.length, 30_000);
    const nodes = outline(doc);
    assert.ok(all(nodes).length <= OUTLINE_SYMBOL_LIMIT, `${all(nodes).length}`);
    assertWellFormed(nodes);
    assert.equal(nodes.length, 3);
    const ranges = nodes[0]!.children[0]!.children;
    assert.equal(ranges[0]!.kind, 'transaction');
    assert.equal(ranges[0]!.summary?.of, 'range');
    assert.equal(ranges.reduce((sum, r) => sum + r.summary!.count, 0), 10_000);
  });

  for (const limit of [1, 2, 7, 50, 333]) {
    it(`any limit holds (${limit})`, () => {
      const doc = parseDocument(writeX12(claimsOf(2000), { transactions: 40, interchanges: 2 }).text);
      const nodes = outline(doc, limit);
      assert.ok(all(nodes).length <= limit, `${all(nodes).length} > ${limit}`);
      assertWellFormed(nodes);
    });
  }
});
