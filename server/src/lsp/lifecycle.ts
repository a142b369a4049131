// The server's lifecycle as LSP 3.17 states it: before the initialize request a request is answered
// with ServerNotInitialized (-32002) and a notification is dropped; after the shutdown request a
// request is answered with InvalidRequest (-32600) and a notification is dropped. vscode-languageserver
// answers initialize and shutdown itself and ends the process on exit (0 after shutdown, else 1),
// but passes every other message to its handler whatever the state: the server's handlers are
// registered on gatedConnection's connection, which applies the rule to each of them.
import { type Connection, ErrorCodes, ResponseError } from 'vscode-languageserver/node';

type State = 'new' | 'running' | 'shut down';

export class Lifecycle {
  private state: State = 'new';

  /** The initialize request arrived. */
  initialize(): void {
    if (this.state === 'new') this.state = 'running';
  }

  /** The shutdown request arrived. */
  shutDown(): void {
    this.state = 'shut down';
  }

  /** Whether the initialize request has arrived (whatever happened since). */
  get initialized(): boolean {
    return this.state !== 'new';
  }

  /** Whether requests are answered and notifications handled. */
  get running(): boolean {
    return this.state === 'running';
  }

  /** The error a request is answered with now; null while the server runs. */
  refusal(): ResponseError<void> | null {
    if (this.state === 'new') return new ResponseError(ErrorCodes.ServerNotInitialized, 'the server has not been initialized: send initialize first');
    if (this.state === 'shut down') return new ResponseError(ErrorCodes.InvalidRequest, 'the server is shut down: only exit is accepted');
    return null;
  }
}

/** Registrars the library itself orders by the lifecycle (initialize, shutdown, exit), or that take no client message ($/progress). */
const UNGATED = new Set(['onInitialize', 'onShutdown', 'onExit', 'onProgress']);

/** Registrars of notification handlers: these drop the notification outside the running state. Every other `on…` registers a request handler. */
const NOTIFICATIONS = new Set([
  'onNotification',
  'onInitialized',
  'onDidChangeConfiguration',
  'onDidChangeWatchedFiles',
  'onDidOpenTextDocument',
  'onDidChangeTextDocument',
  'onDidCloseTextDocument',
  'onWillSaveTextDocument',
  'onDidSaveTextDocument',
]);

type Handler = (...args: unknown[]) => unknown;

/**
 * `connection` with each handler registered on it (connection.onHover, onRequest, … and
 * TextDocuments.listen's notifications) following `lifecycle`. The lifecycle's own steps are
 * registered by the caller: onInitialize calls lifecycle.initialize, onShutdown lifecycle.shutDown.
 * The feature objects (connection.languages, workspace, …) are passed through as they are: the
 * server registers no handler there.
 */
export function gatedConnection(connection: Connection, lifecycle: Lifecycle): Connection {
  return new Proxy(connection, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof property !== 'string' || !/^on[A-Z]/.test(property) || UNGATED.has(property) || typeof value !== 'function') return value;
      const notification = NOTIFICATIONS.has(property);
      const gate = (handler: Handler): Handler =>
        notification
          ? (...args) => (lifecycle.running ? handler(...args) : undefined)
          : (...args) => lifecycle.refusal() ?? handler(...args);
      // The handler is the registrar's function argument (after a type or method name, or alone: the star handlers).
      return (...args: unknown[]) => (value as Handler).apply(target, args.map((arg) => (typeof arg === 'function' ? gate(arg as Handler) : arg)));
    },
  });
}
