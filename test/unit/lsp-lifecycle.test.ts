// The lifecycle gate (lsp/lifecycle.ts) every handler of the server is registered through: before
// initialize a request gets ServerNotInitialized and a notification is dropped; after shutdown a
// request gets InvalidRequest and a notification (a didOpen) is dropped, so nothing is checked.
// The library's own lifecycle registrars are left to it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ErrorCodes, ResponseError, type Connection } from 'vscode-languageserver/node';
import { gatedConnection, Lifecycle } from '../../server/src/lsp/lifecycle';

type Handler = (...args: unknown[]) => unknown;

/** A connection that keeps each handler registered on it by the registrar's name. */
function fakeConnection(): { connection: Connection; handlers: Map<string, Handler> } {
  const handlers = new Map<string, Handler>();
  const register = (name: string) => (...args: unknown[]) => {
    const handler = args.find((arg) => typeof arg === 'function') as Handler;
    handlers.set(typeof args[0] === 'string' ? `${name}:${args[0]}` : name, handler);
    return { dispose: () => undefined };
  };
  const connection = {
    onRequest: register('onRequest'),
    onHover: register('onHover'),
    onNotification: register('onNotification'),
    onDidOpenTextDocument: register('onDidOpenTextDocument'),
    onInitialize: register('onInitialize'),
    onShutdown: register('onShutdown'),
    console: { info: () => undefined },
  };
  return { connection: connection as unknown as Connection, handlers };
}

function codeOf(answer: unknown): number | undefined {
  return answer instanceof ResponseError ? answer.code : undefined;
}

test('requests and notifications follow the lifecycle: refused before initialize and after shutdown', () => {
  const { connection, handlers } = fakeConnection();
  const lifecycle = new Lifecycle();
  const gated = gatedConnection(connection, lifecycle);
  const opened: string[] = [];
  gated.onHover(() => ({ contents: 'hover' }));
  gated.onRequest('claimlint/layout', (params: unknown) => ({ echoed: params }));
  gated.onDidOpenTextDocument((event) => void opened.push(event.textDocument.uri));
  const hover = handlers.get('onHover')!;
  const custom = handlers.get('onRequest:claimlint/layout')!;
  const didOpen = (uri: string) => handlers.get('onDidOpenTextDocument')!({ textDocument: { uri, languageId: 'x12', version: 1, text: '' } });

  assert.equal(codeOf(hover({})), ErrorCodes.ServerNotInitialized);
  assert.equal(codeOf(custom({})), ErrorCodes.ServerNotInitialized);
  didOpen('file:///early.837');

  lifecycle.initialize();
  assert.deepEqual(hover({}), { contents: 'hover' });
  assert.deepEqual(custom('p'), { echoed: 'p' });
  didOpen('file:///running.837');

  lifecycle.shutDown();
  assert.equal(codeOf(hover({})), ErrorCodes.InvalidRequest);
  assert.equal(codeOf(custom({})), ErrorCodes.InvalidRequest);
  didOpen('file:///late.837');
  lifecycle.initialize();
  assert.equal(codeOf(hover({})), ErrorCodes.InvalidRequest, 'a shut-down server does not run again');

  assert.deepEqual(opened, ['file:///running.837']);
});

test('initialize and shutdown reach their handlers whatever the state; other members pass through', () => {
  const { connection, handlers } = fakeConnection();
  const lifecycle = new Lifecycle();
  const gated = gatedConnection(connection, lifecycle);
  const initialize = () => ({ capabilities: {} });
  const shutdown = () => undefined;
  gated.onInitialize(initialize);
  gated.onShutdown(shutdown);
  assert.equal(handlers.get('onInitialize'), initialize, 'registered as it is: answered before initialize');
  assert.equal(handlers.get('onShutdown'), shutdown, 'registered as it is: the library answers shutdown');
  assert.equal(gated.console, connection.console);
});
