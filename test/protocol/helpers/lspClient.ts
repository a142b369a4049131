// Starts the real bundled server (server/out/server.js) as a child process and talks LSP to it
// over stdio, the way any editor would. Waiting is always for an event, with a deadline.
import { spawn, type ChildProcess } from 'node:child_process';
import { serverEnvironment } from '../../../server/src/lsp/serverProcess';
import { ConflictCountNotification } from '../../../server/src/lsp/protocol';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
  InitializeRequest,
  InitializedNotification,
  DidOpenTextDocumentNotification,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  PublishDiagnosticsNotification,
  type PublishDiagnosticsParams,
  type InitializeResult,
  ShutdownRequest,
  ExitNotification,
  CodeActionRequest,
  type CodeAction,
  DidChangeConfigurationNotification,
  ConfigurationRequest,
  ErrorCodes,
  ResponseError,
} from 'vscode-languageserver-protocol/node';

/** How long a wait that only guards against a hang lasts before it fails. */
const HANG_MS = 30_000;

/** `promise`, or a failure saying `what` once `ms` have passed without it settling. */
function deadline<T>(promise: Promise<T>, ms: number, what: () => string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(what())), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/** Server notifications the tests read back (besides diagnostics). */
const recordedNotifications = ['claimlint/conflictCount', 'claimlint/loadProblems', 'window/logMessage', 'window/showMessage'];

export const serverPath = resolve(__dirname, '../../../server/out/server.js');

export interface TestClientOptions {
  /** Settings answered to workspace/configuration requests (section 'claimlint'). */
  settings?: Record<string, unknown>;
  /**
   * false: the client does not declare the workspace.configuration capability (Neovim 0.7 and
   * many other editors), so settings reach the server only in initializationOptions and pushed
   * with didChangeConfiguration. A workspace/configuration request is then answered with an
   * error and counted in configurationRequests. Default true.
   */
  pullConfiguration?: boolean;
  initializationOptions?: Record<string, unknown>;
  env?: NodeJS.ProcessEnv;
  execArgv?: string[];
}

export class TestClient {
  readonly connection: ProtocolConnection;
  readonly process: ChildProcess;
  readonly stderr: string[] = [];
  private readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  /** Every publishDiagnostics received, in order. */
  readonly publications: PublishDiagnosticsParams[] = [];
  private readonly waiters: { uri: string; predicate: (p: PublishDiagnosticsParams) => boolean; resolve: (p: PublishDiagnosticsParams) => void }[] = [];
  private versions = new Map<string, number>();
  settings: Record<string, unknown>;
  readonly pullConfiguration: boolean;
  /** workspace/configuration requests the server sent. */
  configurationRequests = 0;
  private readonly configurationWaiters: { count: number; resolve: () => void }[] = [];
  initializeResult: InitializeResult | undefined;
  readonly notifications: { method: string; params: unknown }[] = [];
  private readonly notificationWaiters: { method: string; predicate: (params: unknown) => boolean; resolve: (params: unknown) => void }[] = [];

  constructor(options: TestClientOptions = {}) {
    this.settings = options.settings ?? {};
    this.pullConfiguration = options.pullConfiguration !== false;
    this.process = spawn(process.execPath, [...(options.execArgv ?? []), serverPath, '--stdio'], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: options.env ?? serverEnvironment(process.env),
    });
    this.process.stderr!.on('data', (chunk: Buffer) => this.stderr.push(chunk.toString()));
    this.connection = createProtocolConnection(new StreamMessageReader(this.process.stdout!), new StreamMessageWriter(this.process.stdin!));
    this.connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      this.diagnostics.set(params.uri, params);
      this.publications.push(params);
      for (const waiter of [...this.waiters]) {
        if (waiter.uri === params.uri && waiter.predicate(params)) {
          this.waiters.splice(this.waiters.indexOf(waiter), 1);
          waiter.resolve(params);
        }
      }
    });
    for (const method of recordedNotifications) {
      this.connection.onNotification(method, (params: unknown) => {
        this.notifications.push({ method, params });
        for (const waiter of this.notificationWaiters.filter((w) => w.method === method && w.predicate(params))) {
          this.notificationWaiters.splice(this.notificationWaiters.indexOf(waiter), 1);
          waiter.resolve(params);
        }
      });
    }
    this.connection.onRequest(ConfigurationRequest.type, (params) => {
      this.configurationRequests++;
      // Resolved once this answer is sent: a message sent after that reaches the server after it.
      const answered = this.configurationWaiters.filter((w) => w.count <= this.configurationRequests);
      for (const waiter of answered) this.configurationWaiters.splice(this.configurationWaiters.indexOf(waiter), 1);
      if (answered.length > 0) setImmediate(() => answered.forEach((waiter) => waiter.resolve()));
      if (!this.pullConfiguration) return new ResponseError(ErrorCodes.MethodNotFound, 'workspace/configuration is not supported by this client');
      return params.items.map(() => this.settings);
    });
    this.connection.listen();
  }

  /** workspaceFolder: a folder path, sent as the one workspace folder (and rootUri). */
  async initialize(initializationOptions?: Record<string, unknown>, options: { resolveCodeActionEdits?: boolean; workspaceFolder?: string } = {}): Promise<InitializeResult> {
    const folderUri = options.workspaceFolder ? pathToFileURL(options.workspaceFolder).toString() : null;
    this.initializeResult = await this.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: folderUri,
      workspaceFolders: folderUri ? [{ uri: folderUri, name: 'workspace' }] : null,
      // As the VS Code extension asks for the status bar's counts (claimlint/conflictCount).
      initializationOptions: { statusCounts: true, ...initializationOptions },
      capabilities: {
        // Versioned workspace edits, as VS Code declares them: the tests read fixes from documentChanges.
        workspace: { ...(this.pullConfiguration ? { configuration: true } : {}), didChangeConfiguration: { dynamicRegistration: false }, workspaceEdit: { documentChanges: true } },
        textDocument: {
          hover: { contentFormat: ['markdown', 'plaintext'] },
          codeAction: {
            codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll'] } },
            ...(options.resolveCodeActionEdits ? { resolveSupport: { properties: ['edit'] }, dataSupport: true } : {}),
          },
          publishDiagnostics: { relatedInformation: true, versionSupport: true },
          documentSymbol: { hierarchicalDocumentSymbolSupport: true },
        },
      },
    });
    await this.connection.sendNotification(InitializedNotification.type, {});
    return this.initializeResult;
  }

  static uriFor(name: string): string {
    return pathToFileURL(resolve('/tmp/claimlint-protocol-tests', name)).toString();
  }

  /** The fix-all actions (source.fixAll.claimlint) the server offers for a document. */
  async fixAllActions(uri: string): Promise<CodeAction[]> {
    return (await this.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll.claimlint'] },
    })) as CodeAction[];
  }

  /** Opens a document and resolves with the first diagnostics published for this version. */
  async open(uri: string, text: string, languageId = 'x12'): Promise<PublishDiagnosticsParams> {
    this.versions.set(uri, 1);
    const published = this.waitForDiagnostics(uri, (p) => p.version === undefined || p.version === 1);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
    return published;
  }

  /** Opens a document named `name` and resolves with the status bar count the server sends for it. */
  async openForCount(name: string, text: string, languageId: string): Promise<ConflictCountNotification.Params> {
    const uri = TestClient.uriFor(name);
    const counted = this.waitForNotification(ConflictCountNotification.method, 10000, (p) => (p as ConflictCountNotification.Params).uri === uri);
    await this.open(uri, text, languageId);
    return (await counted) as ConflictCountNotification.Params;
  }

  /** Sends a change (full text, or a ranged change) and resolves with the diagnostics of the new version. */
  async change(uri: string, change: { text: string; range?: { start: { line: number; character: number }; end: { line: number; character: number } } }): Promise<PublishDiagnosticsParams> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    const published = this.waitForDiagnostics(uri, (p) => p.version === undefined || p.version === version);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges: [change.range ? { range: change.range, text: change.text } : { text: change.text }],
    });
    return published;
  }

  version(uri: string): number {
    return this.versions.get(uri) ?? 0;
  }

  async close(uri: string): Promise<void> {
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  async changeSettings(settings: Record<string, unknown>): Promise<void> {
    this.settings = settings;
    await this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { claimlint: settings } });
  }

  /**
   * Resolves once the server's `count`-th workspace/configuration request has been answered and
   * the server has taken the answer in (a request sent after it is answered after it).
   */
  async settingsTaken(count: number, timeoutMs = HANG_MS): Promise<void> {
    if (this.configurationRequests < count) {
      const taken = new Promise<void>((resolve) => this.configurationWaiters.push({ count, resolve }));
      await deadline(taken, timeoutMs, () => `the server sent ${this.configurationRequests} workspace/configuration requests, not ${count}, within ${timeoutMs} ms`);
    }
    await this.barrier(timeoutMs);
  }

  /**
   * Resolves once the server has answered a hover sent now: it reads messages in order, so what
   * it does for the messages sent before (and publishes on their account) it has done by then.
   */
  async barrier(timeoutMs = HANG_MS): Promise<void> {
    const answered = this.connection.sendRequest('textDocument/hover', { textDocument: { uri: 'file:///claimlint-barrier.837' }, position: { line: 0, character: 0 } });
    await deadline(answered, timeoutMs, () => `the server did not answer a hover (the barrier) within ${timeoutMs} ms`);
  }

  /** Sends didChangeConfiguration with exactly these settings (any sections, or none of Claimlint's). */
  async pushSettings(settings: unknown): Promise<void> {
    await this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings });
  }

  /**
   * The next diagnostics published for `uri` that satisfy `predicate`: publications already
   * received do not count (open and change wait for the check of what they send, and a document
   * opened again publishes version 1 again). diagnosticsPublished also looks at those received.
   */
  waitForDiagnostics(uri: string, predicate: (p: PublishDiagnosticsParams) => boolean = () => true, timeoutMs = 10000): Promise<PublishDiagnosticsParams> {
    return new Promise((resolvePromise, reject) => {
      const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri} within ${timeoutMs} ms`)), timeoutMs);
      this.waiters.push({
        uri,
        predicate,
        resolve: (p) => {
          clearTimeout(timer);
          resolvePromise(p);
        },
      });
    });
  }

  /**
   * The first diagnostics published for `uri` that satisfy `predicate`: one already received (from
   * the `since`-th publication recorded on), or else the next to come.
   */
  diagnosticsPublished(uri: string, predicate: (p: PublishDiagnosticsParams) => boolean = () => true, timeoutMs = 10000, since = 0): Promise<PublishDiagnosticsParams> {
    const seen = this.publications.slice(since).find((p) => p.uri === uri && predicate(p));
    if (seen) return Promise.resolve(seen);
    return this.waitForDiagnostics(uri, predicate, timeoutMs);
  }

  /**
   * The first notification of `method` whose params satisfy `predicate`: one already received (from
   * the `since`-th recorded on), or else the next to come.
   */
  waitForNotification(method: string, timeoutMs = 10000, predicate: (params: unknown) => boolean = () => true, since = 0): Promise<unknown> {
    const seen = this.notifications.slice(since).find((n) => n.method === method && predicate(n.params));
    if (seen) return Promise.resolve(seen.params);
    return new Promise((resolvePromise, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${method} within ${timeoutMs} ms`)), timeoutMs);
      this.notificationWaiters.push({
        method,
        predicate,
        resolve: (params) => {
          clearTimeout(timer);
          resolvePromise(params);
        },
      });
    });
  }

  /**
   * Sends shutdown and exit and resolves with the server's exit code. A server that does not exit
   * within `timeoutMs` is killed and the call fails, saying so (a hang, not a test left waiting).
   */
  async shutdown(timeoutMs = HANG_MS): Promise<number | null> {
    const gone = () => this.process.exitCode !== null || this.process.signalCode !== null;
    const exited = gone() ? Promise.resolve(this.process.exitCode) : new Promise<number | null>((resolveExit) => this.process.once('exit', (code) => resolveExit(code)));
    try {
      const stopped = (async () => {
        try {
          await this.connection.sendRequest(ShutdownRequest.type);
          await this.connection.sendNotification(ExitNotification.type);
        } catch {
          this.process.kill();
        }
        return exited;
      })();
      return await deadline(stopped, timeoutMs, () => `the server did not exit within ${timeoutMs} ms of shutdown and exit; killed it`);
    } catch (error) {
      if (!gone()) this.process.kill('SIGKILL');
      throw error;
    } finally {
      this.connection.dispose();
    }
  }
}
