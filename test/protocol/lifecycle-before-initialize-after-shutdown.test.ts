// Found in review: a request before initialize, and requests after shutdown, were answered as if
// the server were running.
// The lifecycle as LSP 3.17 states it for any client: a request before initialize is answered
// with ServerNotInitialized (-32002); a request after shutdown with InvalidRequest (-32600); exit
// after shutdown ends the server with 0.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ExitNotification, HoverRequest, ShutdownRequest, DocumentSymbolRequest } from 'vscode-languageserver-protocol/node';
import { writeX12 } from '../unit/helpers/x12-writer';
import { TestClient } from './helpers/lspClient';
import { settle, withDeadline } from '../fuzz/protocol';

const ANSWER_MS = 5000;
const day = { from: 20260310, to: 20260310 };

test('a request before initialize is answered with ServerNotInitialized (-32002)', async () => {
  const client = new TestClient();
  try {
    const outcome = await withDeadline(
      settle(client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: TestClient.uriFor('review-early.837') }, position: { line: 0, character: 0 } })),
      ANSWER_MS,
      'hover before initialize',
    );
    assert.equal(outcome.error?.code, -32002, `answered ${JSON.stringify(outcome)}`);
  } finally {
    await client.initialize();
    await client.shutdown();
  }
});

test('requests after shutdown are answered with InvalidRequest (-32600), and exit then ends the server with 0', async () => {
  const client = new TestClient();
  await client.initialize();
  const uri = TestClient.uriFor('review-after-shutdown.837');
  const text = writeX12([{ id: 'C1', lines: [{ code: '43214', charge: '100.00', date: day }] }], { lineEnding: '\n' }).text;
  await client.open(uri, text);
  const exited = new Promise<number | null>((resolve) => client.process.once('exit', (code) => resolve(code)));
  await client.connection.sendRequest(ShutdownRequest.type);
  const hover = await withDeadline(settle(client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 0, character: 0 } })), ANSWER_MS, 'hover after shutdown');
  const symbols = await withDeadline(settle(client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } })), ANSWER_MS, 'symbols after shutdown');
  await client.connection.sendNotification(ExitNotification.type);
  assert.equal(await withDeadline(exited, ANSWER_MS, 'exit'), 0);
  client.connection.dispose();
  assert.equal(hover.error?.code, -32600, `hover after shutdown answered ${JSON.stringify(hover).slice(0, 200)}`);
  assert.equal(symbols.error?.code, -32600, `documentSymbol after shutdown answered ${JSON.stringify(symbols).slice(0, 200)}`);
});
