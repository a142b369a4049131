// The server over --stdio reads its messages with a reader of its own (server.ts, for its decoder),
// so it ends itself when the client closes its standard input, as the library does for streams:
// 0 after a shutdown request, else 1 (LSP 3.17: an exit without shutdown is an error). A message
// body that is JSON but not a message (`null`) is reported in the client's log (by the server's
// reader, which quotes nothing of it: message-hygiene.test.ts), and the server goes on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ShutdownRequest } from 'vscode-languageserver-protocol/node';
import { TestClient } from './helpers/lspClient';
import { withDeadline } from '../fuzz/protocol';

const EXIT_MS = 5000;

function exitOf(client: TestClient): Promise<number | null> {
  return new Promise((resolve) => client.process.once('exit', (code) => resolve(code)));
}

/** Runs a session; a server still running at its end (a failed step) is killed, so the test fails instead of waiting on it. */
async function session(body: (client: TestClient) => Promise<void>): Promise<void> {
  const client = new TestClient();
  try {
    await client.initialize();
    await body(client);
  } finally {
    client.connection.dispose();
    if (client.process.exitCode === null && client.process.signalCode === null) client.process.kill();
  }
}

test('standard input closed after a shutdown request was answered: the server exits with 0', () =>
  session(async (client) => {
    const exited = exitOf(client);
    await client.connection.sendRequest(ShutdownRequest.type);
    client.process.stdin!.end();
    assert.equal(await withDeadline(exited, EXIT_MS, 'exit after stdin closed'), 0);
  }));

test('standard input closed without a shutdown request: the server exits with 1', () =>
  session(async (client) => {
    const exited = exitOf(client);
    client.process.stdin!.end();
    assert.equal(await withDeadline(exited, EXIT_MS, 'exit after stdin closed'), 1);
  }));

test('a body of `null` is reported in the log and the server goes on to answer', () =>
  session(async (client) => {
    const logged = client.waitForNotification('window/logMessage', EXIT_MS, (params) => /refused a message from the client: a message body that is null/.test((params as { message: string }).message));
    client.process.stdin!.write('Content-Length: 4\r\n\r\nnull');
    await logged;
    const exited = exitOf(client);
    await withDeadline(client.connection.sendRequest(ShutdownRequest.type), EXIT_MS, 'shutdown after a null body');
    client.process.stdin!.end();
    assert.equal(await withDeadline(exited, EXIT_MS, 'exit after stdin closed'), 0);
  }));
