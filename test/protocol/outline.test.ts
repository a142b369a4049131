// The outline over LSP (issue 14): the editor converts every document symbol in VS Code's shared
// extension host, so textDocument/documentSymbol stays small for a huge 837 (a bounded count and
// response size) and answers the whole tree for a normal file.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DocumentSymbolRequest, FoldingRangeRequest, type DocumentSymbol } from 'vscode-languageserver-protocol/node';
import { outline, OUTLINE_SYMBOL_LIMIT, type OutlineNode } from '../../server/src/core/outline';
import { parseDocument } from '../../server/src/core/parse';
import { writeX12, type WriterClaim } from '../unit/helpers/x12-writer';
import { TestClient } from './helpers/lspClient';

/** Symbols in a tree (DocumentSymbol or OutlineNode). */
function count(nodes: readonly { children?: readonly unknown[] }[]): number {
  return nodes.reduce((sum, node) => sum + 1 + count((node.children ?? []) as { children?: unknown[] }[]), 0);
}

function flatten(symbols: readonly DocumentSymbol[]): DocumentSymbol[] {
  return symbols.flatMap((s) => [s, ...flatten(s.children ?? [])]);
}

/** Bytes of the response as JSON (what crosses the pipe, and what the client parses and converts). */
const bytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value));

describe('documentSymbol over LSP', () => {
  const client = new TestClient();
  before(async () => {
    await client.initialize();
  });
  after(async () => {
    await client.shutdown();
  });

  test('a normal file: the whole tree, down to the service lines', async () => {
    const text = readFileSync(resolve(__dirname, '../../examples/professional-43214.837'), 'latin1');
    const uri = TestClient.uriFor('outline-normal.837');
    await client.open(uri, text);
    const symbols = (await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } })) as DocumentSymbol[];
    const doc = parseDocument(text);
    const lines = doc.claims.reduce((sum, c) => sum + c.lines.length, 0);
    assert.equal(count(symbols), 3 + doc.claims.length + lines, 'interchange, group, transaction, every claim and line');
    assert.equal(flatten(symbols).filter((s) => /^Line \d+: /.test(s.name)).length, lines);
    await client.close(uri);
  });

  test('100,000 claims in one transaction set (20 MB): a bounded response that still reaches every claim', async () => {
    const claims: WriterClaim[] = Array.from({ length: 100_000 }, (_, i) => ({
      id: `C${String(i + 1).padStart(7, '0')}`,
      subscriberId: `M${String(i % 9000).padStart(6, '0')}`,
      lines: [{ code: i % 2 ? '99213' : '36415', charge: '10.00', date: { from: 20240105, to: 20240105 } }],
    }));
    const text = writeX12(claims, { lineEnding: '\n' }).text;
    const uri = TestClient.uriFor('outline-huge.837');
    await client.open(uri, text);
    const started = performance.now();
    const symbols = (await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } })) as DocumentSymbol[];
    const ms = performance.now() - started;

    // What the whole tree would have sent (in process, the same conversion's size per node).
    const whole = 3 + claims.length * 2;
    const total = count(symbols);
    const size = bytes(symbols);
    assert.ok(total <= OUTLINE_SYMBOL_LIMIT, `${total} symbols (the whole tree: ${whole})`);
    assert.ok(size < 3 * 1024 * 1024, `${(size / 1024 / 1024).toFixed(2)} MB of symbols`);
    const perSymbol = size / total;
    process.stdout.write(`# documentSymbol: ${total} symbols, ${(size / 1024 / 1024).toFixed(2)} MB, ${ms.toFixed(0)} ms (the whole tree: ${whole} symbols, about ${((whole * perSymbol) / 1024 / 1024).toFixed(0)} MB)\n`);

    // Transaction > billing provider > ranges of claims, covering all 100,000 in order.
    const transaction = symbols[0]!.children![0]!.children![0]!;
    assert.match(transaction.detail ?? '', /100,000 claims/);
    const provider = transaction.children![0]!;
    assert.equal(provider.name, 'Billing provider 1234567893');
    const ranges = provider.children!;
    let covered = 0;
    for (const range of ranges) {
      const m = /^Claims C(\d+) … C(\d+)$/.exec(range.name);
      assert.ok(m, range.name);
      assert.equal(Number(m[1]), covered + 1, 'ranges follow on');
      covered = Number(m[2]);
    }
    assert.equal(covered, 100_000);
    // The same as the core's outline.
    const nodes: OutlineNode[] = outline(parseDocument(text));
    assert.equal(total, count(nodes));

    const folding = await client.connection.sendRequest(FoldingRangeRequest.type, { textDocument: { uri } });
    assert.ok(folding && folding.length <= OUTLINE_SYMBOL_LIMIT, `${folding?.length} folding ranges`);
    await client.close(uri);
  });
});
