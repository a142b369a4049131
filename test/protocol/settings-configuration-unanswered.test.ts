// Found in review (an integrator of other editors): a client that declares workspace.configuration
// and never answers the request left every document unchecked, for good: the checks waited on the
// answer. They now start after a while with the settings known (here initializationOptions), and
// an answer that comes later is still applied.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import {
  ConfigurationRequest,
  createProtocolConnection,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { serverEnvironment } from '../../server/src/lsp/serverProcess';
import { writeX12 } from '../unit/helpers/x12-writer';
import { serverPath, TestClient } from './helpers/lspClient';
import { withDeadline } from '../fuzz/protocol';

const day = { from: 20260310, to: 20260310 };
const text = writeX12([{ id: 'C1', lines: [{ code: '43214', charge: '100.00', date: day }, { code: '43200', charge: '50.00', date: day }] }], { lineEnding: '\n' }).text;

test('a client that never answers workspace/configuration still gets diagnostics, checked with its initializationOptions', async () => {
  const server = spawn(process.execPath, [serverPath, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env: serverEnvironment(process.env) });
  const connection = createProtocolConnection(new StreamMessageReader(server.stdout!), new StreamMessageWriter(server.stdin!));
  let asked = 0;
  // Never answered.
  connection.onRequest(ConfigurationRequest.type, () => {
    asked++;
    return new Promise<never>(() => undefined);
  });
  const uri = TestClient.uriFor('configuration-unanswered.837');
  const published = new Promise<PublishDiagnosticsParams>((resolve) => connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      if (params.uri === uri) resolve(params);
    }),
  );
  connection.listen();
  try {
    await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: null,
      // The built-in edits off: a check with these settings finds no conflict, one with the defaults would.
      initializationOptions: { settings: { builtinEdits: false } },
      capabilities: { workspace: { configuration: true } },
    });
    await connection.sendNotification(InitializedNotification.type, {});
    await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'x12', version: 1, text } });
    const diagnostics = await withDeadline(published, 30_000, 'diagnostics without an answer to workspace/configuration');
    assert.ok(asked >= 1, 'the server asked');
    assert.deepEqual(diagnostics.diagnostics.filter((d) => String(d.code).startsWith('ptp.')), [], 'checked with initializationOptions (built-in edits off)');
    await connection.sendRequest(ShutdownRequest.type);
    const exited = new Promise<number | null>((resolve) => server.once('exit', (code) => resolve(code)));
    await connection.sendNotification(ExitNotification.type);
    assert.equal(await withDeadline(exited, 10_000, 'exit'), 0);
  } finally {
    connection.dispose();
    if (server.exitCode === null) server.kill();
  }
});
