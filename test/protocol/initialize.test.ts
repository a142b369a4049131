import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HoverRequest } from 'vscode-languageserver-protocol/node';
import { TestClient } from './helpers/lspClient';

test('a client that is not VS Code starts the server on stdio and gets its capabilities', async () => {
  const client = new TestClient();
  const result = await client.initialize();
  assert.equal(result.serverInfo?.name, 'claimlint');
  const sync = result.capabilities.textDocumentSync;
  assert.ok(typeof sync === 'object' && sync !== null && 'change' in sync);
  assert.equal(sync.change, 2, 'incremental document sync');
  assert.equal(result.capabilities.hoverProvider, true);
  assert.equal(await client.shutdown(), 0);
});

test('hover on a position past the end of an unknown document answers null, not an error', async () => {
  const client = new TestClient();
  await client.initialize();
  const hover = await client.connection.sendRequest(HoverRequest.type, {
    textDocument: { uri: TestClient.uriFor('never-opened.837') },
    position: { line: 999, character: 999 },
  });
  assert.equal(hover, null);
  await client.shutdown();
});
