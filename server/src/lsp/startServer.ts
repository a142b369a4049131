// Wires the LSP adapter together: the settings (settings.ts) give the rules (rules.ts), open
// documents are checked with them (scheduling.ts), and requests are answered from the latest
// analyses (handlers.ts). This file holds the lifecycle: initialize, initialized, settings changes,
// shutdown; every handler is registered on a connection that follows it (lifecycle.ts).
import { version as CLAIMLINT_VERSION } from '../../../package.json';
import {
  CodeActionKind,
  type Connection,
  DidChangeConfigurationNotification,
  type InitializeParams,
  type InitializeResult,
  MarkupKind,
  TextDocuments,
  TextDocumentSyncKind,
} from 'vscode-languageserver/node';
import { fileURLToPath } from 'node:url';
import { hoverFormatOf } from './convert';
import { DiskChecks } from './diskCheck';
import { openDocuments } from './document';
import { fixAllKind, registerHandlers, type ClientFeatures } from './handlers';
import { gatedConnection, Lifecycle } from './lifecycle';
import { configurationSection, type ClaimlintInitializationOptions } from './protocol';
import { Rules } from './rules';
import type { Runtime } from './runtime';
import { Checker } from './scheduling';
import { initialSettings, pullSettings, pushedSettings } from './settings';

export function startServer(ungated: Connection, runtime: Runtime): void {
  const lifecycle = new Lifecycle();
  // Requests before initialize and after shutdown are refused, notifications then dropped.
  const connection = gatedConnection(ungated, lifecycle);
  const documents = new TextDocuments(openDocuments);
  const rules = new Rules(connection, runtime);
  const checker = new Checker(connection, documents, runtime, rules);
  rules.onDidChange(() => checker.recheckAll());
  // Files the editor does not send (over VS Code's 50 MB limit) and whole folders, read from disk.
  const disk = new DiskChecks(connection, documents, rules, runtime);
  rules.onDidChange(() => disk.recheckAll());
  const features: ClientFeatures = { resolveEdits: false, versionedEdits: false, hoverFormat: MarkupKind.Markdown };
  /** The client answers workspace/configuration: settings are asked for, not taken from pushes. */
  let pullConfiguration = false;
  /** The client lets the server register for didChangeConfiguration (else it pushes changes unasked, or not at all). */
  let registerConfiguration = false;

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    lifecycle.initialize();
    const options = (params.initializationOptions ?? {}) as ClaimlintInitializationOptions;
    rules.workspace.trusted = options.workspaceTrusted !== false;
    rules.clientShowsLoadProblems = options.showsLoadProblems === true;
    const folder = params.workspaceFolders?.[0]?.uri ?? params.rootUri;
    rules.workspace.root = folder?.startsWith('file:') ? fileURLToPath(folder) : null;
    pullConfiguration = params.capabilities.workspace?.configuration === true;
    registerConfiguration = params.capabilities.workspace?.didChangeConfiguration?.dynamicRegistration === true;
    features.resolveEdits = params.capabilities.textDocument?.codeAction?.resolveSupport?.properties.includes('edit') === true;
    features.versionedEdits = params.capabilities.workspace?.workspaceEdit?.documentChanges === true;
    features.hoverFormat = hoverFormatOf(params.capabilities.textDocument?.hover?.contentFormat);
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
      },
      serverInfo: { name: 'claimlint', version: CLAIMLINT_VERSION },
    };
  });

  connection.onShutdown(() => lifecycle.shutDown());

  connection.onInitialized(async () => {
    if (pullConfiguration) {
      // LSP 3.17: only a client that declares dynamic registration for it may be sent this registration.
      if (registerConfiguration) void connection.client.register(DidChangeConfigurationNotification.type, { section: configurationSection }).catch(() => undefined);
      await refreshSettings();
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
}
