// A claim CSV without a final line break: the last row's outline symbol and folding range are the
// row's own text. Its span (what removing it removes) starts at the line break BEFORE it (core/
// csv/rows.ts setRemovalSpan: so removing it leaves no empty line); as the symbol's range it put
// a fold marker on the second-to-last row that hid the last row, and started the last row's
// symbol (breadcrumbs, "go to symbol") at the end of the row before (found in review; outline.ts
// lineSpan). Synthetic data only.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { DocumentSymbolRequest, FoldingRangeRequest, type DocumentSymbol, type FoldingRange } from 'vscode-languageserver-protocol/node';
import { TestClient } from './helpers/lspClient';

const rows = [
  'Claim ID,Patient ID,Date of Service,CPT,Units,Charge',
  'C1,P1,03/10/2026,43214,1,100.00',
  'C2,P2,03/10/2026,99213,1,50.00',
  'C3,P3,03/10/2026,99213,1,50.00',
];

let client: TestClient;
before(async () => {
  client = new TestClient({ settings: {} });
  await client.initialize();
});
after(async () => {
  await client.shutdown();
});

for (const [name, eol] of [['LF', '\n'], ['CRLF', '\r\n']] as const) {
  test(`a CSV without a final ${name}: no folding range hides the last row under the one before it`, async () => {
    const text = rows.join(eol); // no final line break
    const uri = TestClient.uriFor(`csv-last-row-${name}.csv`);
    await client.open(uri, text, 'csv');
    const folds = (await client.connection.sendRequest(FoldingRangeRequest.type, { textDocument: { uri } })) as FoldingRange[];
    // Every claim is one row on one line: nothing to fold (as with a final line break).
    assert.deepEqual(folds, [], `fold ranges ${JSON.stringify(folds)}`);
    await client.close(uri);
  });

  test(`a CSV without a final ${name}: the last row's symbol starts on its own line`, async () => {
    const text = rows.join(eol);
    const uri = TestClient.uriFor(`csv-last-row-symbol-${name}.csv`);
    await client.open(uri, text, 'csv');
    const symbols = (await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } })) as DocumentSymbol[];
    const lastClaim = symbols.at(-1)!;
    const lastRow = lastClaim.children!.at(-1)!;
    assert.match(lastRow.name, /99213/);
    assert.deepEqual(lastRow.range.start, { line: 3, character: 0 }, `last row symbol range ${JSON.stringify(lastRow.range)}`);
    await client.close(uri);
  });
}
