// Wires the LSP adapter together: the settings (settings.ts) give the rules (rules.ts), open
// documents are checked with them (scheduling.ts), and requests are answered from the latest
// analyses (handlers.ts). This file holds the lifecycle: initialize, initialized, settings changes,
// shutdown; every handler is registered on a connection that follows it (lifecycle.ts).
import { version as CLAIMLINT_VERSION } from '../../../package.json';
import {
  CodeActionKind,
  type Connection,
  DidChangeConfigurationNotification,
  ErrorCodes,
  type InitializeError,
  ResponseError,
  type InitializeParams,
  type InitializeResult,
  MarkupKind,
  TextDocuments,
  TextDocumentSyncKind,
} from 'vscode-languageserver/node';
import { fileURLToPath } from 'node:url';
import { asClientTakes, hoverFormatOf } from './convert';
import { DiskChecks } from './diskCheck';
import { openDocuments } from './document';
import { APPLY_EDIT_COMMAND, fixAllKind, registerHandlers, type ClientFeatures } from './handlers';
import { gatedConnection, Lifecycle } from './lifecycle';
import { configurationSection, type ClaimlintInitializationOptions } from './protocol';
import { Rules } from './rules';
import type { Runtime } from './runtime';
import { Checker } from './scheduling';
import { initialSettings, pullSettings, pushedSettings } from './settings';

/** How long the checks wait for the client's answer to workspace/configuration before they start without it. */
const SETTINGS_WAIT_MS = 5000;

function settingsWait(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

/** Starts the server on `ungated`; its lifecycle says whether the client has initialized it. */
export function startServer(ungated: Connection, runtime: Runtime): Lifecycle {
  const lifecycle = new Lifecycle();
  // Requests before initialize and after shutdown are refused, notifications then dropped.
  const gated = gatedConnection(ungated, lifecycle);
  const features: ClientFeatures = {
    resolveEdits: false,
    versionedEdits: false,
    hoverFormat: MarkupKind.Markdown,
    codeActionLiterals: false,
    hierarchicalSymbols: false,
    relatedInformation: false,
    statusCounts: false,
    applyEdit: false,
  };
  // Diagnostics and notifications as the client takes them (asClientTakes).
  const connection = asClientTakes(gated, features);
  const documents = new TextDocuments(openDocuments);
  const rules = new Rules(connection, runtime);
  const checker = new Checker(connection, documents, runtime, rules);
  rules.onDidChange(() => checker.recheckAll());
  // Files the editor does not send (over VS Code's 50 MB limit) and whole folders, read from disk.
  const disk = new DiskChecks(connection, documents, rules, runtime);
  rules.onDidChange(() => disk.recheckAll());

  /** The client answers workspace/configuration: settings are asked for, not taken from pushes. */
  let pullConfiguration = false;
  /** The client lets the server register for didChangeConfiguration (else it pushes changes unasked, or not at all). */
  let registerConfiguration = false;

  connection.onInitialize((params: InitializeParams): InitializeResult | ResponseError<InitializeError> => {
    // LSP 3.17: initialize is sent once; a second would replace what the first said of the client.
    if (lifecycle.initialized) return new ResponseError(ErrorCodes.InvalidRequest, 'initialize was already sent', { retry: false });
    lifecycle.initialize();
    const options = (params.initializationOptions ?? {}) as ClaimlintInitializationOptions;
    rules.workspace.trusted = options.workspaceTrusted !== false;
    rules.clientShowsLoadProblems = options.showsLoadProblems === true;
    features.statusCounts = options.statusCounts === true;
    const folder = params.workspaceFolders?.[0]?.uri ?? params.rootUri;
    // rootPath: what LSP 2 clients send instead of a URI (deprecated, still sent by some).
    const rootPath = typeof params.rootPath === 'string' && params.rootPath !== '' ? params.rootPath : null;
    rules.workspace.root = folder?.startsWith('file:') ? rootPathOf(folder, connection) : folder ? null : rootPath;
    pullConfiguration = params.capabilities.workspace?.configuration === true;
    registerConfiguration = params.capabilities.workspace?.didChangeConfiguration?.dynamicRegistration === true;
    features.resolveEdits = params.capabilities.textDocument?.codeAction?.resolveSupport?.properties.includes('edit') === true;
    features.versionedEdits = params.capabilities.workspace?.workspaceEdit?.documentChanges === true;
    features.hoverFormat = hoverFormatOf(params.capabilities.textDocument?.hover?.contentFormat);
    // LSP 3.17: without these a client takes Command literals, flat SymbolInformation and diagnostics without related locations.
    features.codeActionLiterals = params.capabilities.textDocument?.codeAction?.codeActionLiteralSupport !== undefined;
    features.hierarchicalSymbols = params.capabilities.textDocument?.documentSymbol?.hierarchicalDocumentSymbolSupport === true;
    features.relatedInformation = params.capabilities.textDocument?.publishDiagnostics?.relatedInformation === true;
    features.applyEdit = params.capabilities.workspace?.applyEdit === true;
    const settings = initialSettings(options);
    if (settings) rules.apply(settings);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        hoverProvider: true,
        // Element, component and segment delimiters as most 837s write them (the file's own come from its ISA).
        completionProvider: { triggerCharacters: ['*', '|', ':', '>', '~'] },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, fixAllKind], resolveProvider: true },
        documentSymbolProvider: { label: 'Claims' },
        foldingRangeProvider: true,
        documentFormattingProvider: true,
        // A client that takes no code action literals gets commands that ask it to apply their edits.
        ...(features.codeActionLiterals || !features.applyEdit ? {} : { executeCommandProvider: { commands: [APPLY_EDIT_COMMAND] } }),
      },
      serverInfo: { name: 'claimlint', version: CLAIMLINT_VERSION },
    };
  });

  // Before initialize, and a second time, shutdown is refused as any request then is (the library answers it itself).
  connection.onShutdown(() => {
    const refusal = lifecycle.refusal();
    if (refusal === null) lifecycle.shutDown();
    return refusal ?? undefined;
  });
  // A request no handler takes: refused as any is outside the running state (gatedConnection), else MethodNotFound.
  connection.onRequest((method) => new ResponseError(ErrorCodes.MethodNotFound, `Unhandled method ${method}`));

  let started = false;
  connection.onInitialized(async () => {
    // Once: a second initialized would register and ask for the settings again.
    if (started) return;
    started = true;
    if (pullConfiguration) {
      // LSP 3.17: only a client that declares dynamic registration for it may be sent this registration.
      if (registerConfiguration) void connection.client.register(DidChangeConfigurationNotification.type, { section: configurationSection }).catch(() => undefined);
      // A client that never answers must not leave every document unchecked: past a while the
      // checks start with the settings known (initializationOptions, else the defaults), and its
      // answer, if it comes, is applied then (rules.apply checks the open documents again).
      await Promise.race([refreshSettings(), settingsWait(SETTINGS_WAIT_MS)]);
    }
    checker.start();
  });

  /**
   * Applies the current settings: asked for when the client can answer, else taken from the push.
   * A push without a claimlint section, or a question the client does not answer or answers with
   * null (it holds no such section), keeps the settings as they were.
   */
  async function refreshSettings(pushed?: unknown): Promise<void> {
    const settings = pullConfiguration ? await pullSettings(connection) : pushedSettings(pushed);
    if (settings) rules.apply(settings);
  }

  connection.onDidChangeConfiguration((change) => void refreshSettings(change.settings));

  documents.onDidOpen((event) => checker.schedule(event.document));
  documents.onDidChangeContent((event) => checker.schedule(event.document));
  documents.onDidClose((event) => checker.closed(event.document.uri));
  registerHandlers(connection, checker, features);
  disk.register();
  documents.listen(connection);
  return lifecycle;
}

/**
 * The local path of the workspace's root URI; null (and a log line) for one this system cannot
 * name: a file URI with a host on Linux (file://server/share), an encoded slash in a segment.
 */
function rootPathOf(uri: string, connection: Connection): string | null {
  try {
    return fileURLToPath(uri);
  } catch (error) {
    connection.console.warn(`Claimlint: the workspace folder's URI names no local path (${error instanceof Error ? error.message : String(error)}): relative table paths and the folder check have no root.`);
    return null;
  }
}
