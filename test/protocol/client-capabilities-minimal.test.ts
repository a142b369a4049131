// Found in review (an integrator of other editors, over stdio): the server answered a client that
// declares the least LSP 3.17 lets it declare as if it were VS Code. Now, to such a client: code
// actions are Command literals whose command asks the client to apply the fix's edit
// (workspace/applyEdit), the outline is a flat list of SymbolInformation, and diagnostics carry
// no related locations; nor is it sent claimlint/conflictCount, which it did not ask for
// (initializationOptions.statusCounts: Helix logs each notification it does not know as an
// error). Also from that review: a workspace folder whose URI names no local path
// (file://server/share) no longer fails initialize, and shutdown before initialize, or a second
// time, is refused as any request then is.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ApplyWorkspaceEditRequest,
  CodeActionRequest,
  DocumentSymbolRequest,
  ExecuteCommandRequest,
  ExitNotification,
  InitializeRequest,
  InitializedNotification,
  ShutdownRequest,
  type Command,
  type SymbolInformation,
  type WorkspaceEdit,
} from 'vscode-languageserver-protocol/node';
import { writeX12 } from '../unit/helpers/x12-writer';
import { TestClient } from './helpers/lspClient';
import { settle, withDeadline } from '../fuzz/protocol';

const ANSWER_MS = 10_000;
const day = { from: 20260310, to: 20260310 };
// The built-in 43214 edits: 43200 is bundled into 43214 (indicator 0).
const text = writeX12([{ id: 'C1', lines: [{ code: '43214', charge: '100.00', date: day }, { code: '43200', charge: '50.00', date: day }] }], { lineEnding: '\n' }).text;

/** A client that declares no code action literals, no hierarchical outline and no related information. */
async function minimalClient(rootUri: string | null = null): Promise<TestClient> {
  const client = new TestClient({ pullConfiguration: false });
  const result = await client.connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri, capabilities: { workspace: { applyEdit: true }, textDocument: { codeAction: {}, documentSymbol: {}, publishDiagnostics: {} } } });
  client.initializeResult = result;
  await client.connection.sendNotification(InitializedNotification.type, {});
  return client;
}

test('a client that did not ask for claimlint/loadProblems is told of a table that cannot be loaded by window/showMessage alone (found in a pipeline developer\'s review)', async () => {
  const client = new TestClient({ pullConfiguration: false });
  try {
    const missing = '/nonexistent-claimlint-table/ccipra-missing.txt';
    const result = await client.connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: null, capabilities: {}, initializationOptions: { settings: { ptpEditFiles: [missing] } } });
    client.initializeResult = result;
    const shown = client.waitForNotification('window/showMessage');
    await client.connection.sendNotification(InitializedNotification.type, {});
    const message = (await withDeadline(shown, ANSWER_MS, 'window/showMessage')) as { message: string };
    assert.match(message.message, /ccipra-missing\.txt/);
    assert.deepEqual(client.notifications.filter((n) => n.method === 'claimlint/loadProblems'), [], 'no Claimlint notification it did not ask for');
  } finally {
    await client.shutdown();
  }
});

test('a minimal client gets commands for fixes, a flat outline and diagnostics without related locations', async () => {
  const client = await minimalClient();
  try {
    assert.deepEqual(client.initializeResult?.capabilities.executeCommandProvider, { commands: ['claimlint.applyFix'] });
    const uri = TestClient.uriFor('minimal-client.837');
    const published = await withDeadline(client.open(uri, text), ANSWER_MS, 'diagnostics');
    const conflict = published.diagnostics.find((d) => d.code === 'ptp.conflict');
    assert.ok(conflict, 'the conflict is published');
    assert.equal(conflict.relatedInformation, undefined, 'no related locations for a client that does not read them');

    const actions = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: conflict.range, context: { diagnostics: [conflict] } })) as Command[];
    assert.ok(actions.length > 0);
    // Sent with the diagnostics, before this answer, to a client that asks for it (statusCounts): not to this one.
    assert.deepEqual(client.notifications.filter((n) => n.method === 'claimlint/conflictCount'), [], 'no status-bar count for a client that did not ask');
    for (const action of actions) {
      assert.equal(action.command, 'claimlint.applyFix', `a Command literal: ${JSON.stringify(action).slice(0, 200)}`);
      assert.equal((action as { kind?: unknown }).kind, undefined, 'not a CodeAction');
    }
    const removal = actions.find((a) => a.title.startsWith('Remove'))!;
    // Executing it asks the client to apply the fix's edit.
    const applied = new Promise<WorkspaceEdit>((resolve) => client.connection.onRequest(ApplyWorkspaceEditRequest.type, (params) => (resolve(params.edit), { applied: true })));
    await client.connection.sendRequest(ExecuteCommandRequest.type, { command: removal.command, arguments: removal.arguments });
    const edit = await withDeadline(applied, ANSWER_MS, 'workspace/applyEdit');
    assert.deepEqual(edit, removal.arguments![0]);
    assert.ok(JSON.stringify(edit).includes(uri));

    const symbols = (await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } })) as SymbolInformation[];
    assert.ok(symbols.length > 3);
    for (const symbol of symbols) {
      assert.equal(symbol.location.uri, uri, 'SymbolInformation, each with its location');
      assert.equal((symbol as { children?: unknown }).children, undefined);
    }
    const claim = symbols.find((s) => s.name.includes('C1'));
    assert.ok(claim?.containerName, 'a claim names the transaction set it is in');
    assert.ok(symbols.some((s) => s.containerName === claim.name), "the claim's lines name it");
  } finally {
    await client.shutdown();
  }
});

test('a workspace folder whose URI names no local path does not fail initialize', async () => {
  const client = await minimalClient('file://fileserver/claims');
  try {
    assert.ok(client.initializeResult?.capabilities.hoverProvider);
    const uri = TestClient.uriFor('unc-root.837');
    const published = await withDeadline(client.open(uri, text), ANSWER_MS, 'diagnostics');
    assert.ok(published.diagnostics.some((d) => d.code === 'ptp.conflict'));
  } finally {
    await client.shutdown();
  }
});

test('shutdown before initialize is refused with ServerNotInitialized, a second shutdown with InvalidRequest', async () => {
  const client = new TestClient();
  const early = await withDeadline(settle(client.connection.sendRequest(ShutdownRequest.type)), ANSWER_MS, 'shutdown before initialize');
  assert.equal(early.error?.code, -32002, JSON.stringify(early));
  await client.initialize();
  const first = await withDeadline(settle(client.connection.sendRequest(ShutdownRequest.type)), ANSWER_MS, 'shutdown');
  assert.equal(first.error, undefined);
  const second = await withDeadline(settle(client.connection.sendRequest(ShutdownRequest.type)), ANSWER_MS, 'second shutdown');
  assert.equal(second.error?.code, -32600, JSON.stringify(second));
  const unknown = await withDeadline(settle(client.connection.sendRequest('claimlint/noSuchRequest', {})), ANSWER_MS, 'unknown request after shutdown');
  assert.equal(unknown.error?.code, -32600, JSON.stringify(unknown));
  const exited = new Promise<number | null>((resolve) => client.process.once('exit', (code) => resolve(code)));
  await client.connection.sendNotification(ExitNotification.type);
  assert.equal(await withDeadline(exited, ANSWER_MS, 'exit'), 0, 'exit after the shutdown that was taken ends with 0');
  client.connection.dispose();
});

test('requests whose params are not what LSP says are InvalidParams, and a second initialize is refused', async () => {
  const client = new TestClient();
  await client.initialize();
  try {
    for (const method of ['textDocument/codeAction', 'textDocument/documentSymbol', 'textDocument/foldingRange', 'textDocument/formatting']) {
      const answer = await withDeadline(settle(client.connection.sendRequest(method, {})), ANSWER_MS, method);
      assert.equal(answer.error?.code, -32602, `${method}: ${JSON.stringify(answer)}`);
    }
    const again = await withDeadline(settle(client.connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: null, capabilities: {} })), ANSWER_MS, 'second initialize');
    assert.equal(again.error?.code, -32600, JSON.stringify(again));
  } finally {
    await client.shutdown();
  }
});
