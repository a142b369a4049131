// Wires LSP requests to the core. No claim logic lives here: every handler converts positions,
// calls a core function with plain data, and converts the result back.
import {
  type CodeAction,
  CodeActionKind,
  CodeActionTriggerKind,
  type Connection,
  DiagnosticSeverity,
  type Diagnostic,
  DidChangeConfigurationNotification,
  type DocumentSymbol,
  type InitializeParams,
  type InitializeResult,
  MarkupKind,
  SymbolKind,
  TextDocuments,
  TextDocumentSyncKind,
  type TextEdit as LspTextEdit,
  ResponseError,
  ShowMessageNotification,
  MessageType,
  ErrorCodes,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyze, reanalyze, type Analysis } from '../core/analyze';
import { fixAll, fixesFor, type Fix } from '../core/fixes';
import { hoverAt } from '../core/hover/hover';
import { layoutEdits } from '../core/layout';
import type { Finding, Severity } from '../core/model';
import { foldingRanges, outline, type OutlineKind, type OutlineNode } from '../core/outline';
import { loadKnowledge, type Knowledge } from '../core/rules/knowledge';
import {
  ConflictCountNotification,
  LayoutRequest,
  LoadProblemsNotification,
  type ClaimlintInitializationOptions,
  type ClaimlintSettings,
} from './protocol';
import type { Runtime } from './runtime';
import { openDocuments } from './document';
import type { Positions } from '../core/text';

const fixAllKind = `${CodeActionKind.SourceFixAll}.claimlint`;

interface FixAllData {
  uri: string;
  version: number;
}

const severities: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
};

const symbolKinds: Record<OutlineKind, SymbolKind> = {
  interchange: SymbolKind.Package,
  group: SymbolKind.Module,
  transaction: SymbolKind.Namespace,
  claim: SymbolKind.Object,
  line: SymbolKind.Field,
};

/** Quick fixes are listed for at most this many findings in the requested range. */
const MAX_FINDINGS_WITH_QUICK_FIXES = 20;

const defaultSettings: ClaimlintSettings = { ptpEditFiles: [], descriptorFiles: [], builtinEdits: true };

export function startServer(connection: Connection, runtime: Runtime): void {
  const documents = new TextDocuments(openDocuments);
  /** The latest analysis per URI, with the version it was computed for. */
  const analyses = new Map<string, { version: number; analysis: Analysis; knowledge: Knowledge }>();
  const pending = new Map<string, { cancel(): void }>();
  let knowledgeKey = '';
  /** False until the client's settings are in: checks wait for them, so no diagnostics flicker. */
  let settingsReady = false;
  let knowledge: Knowledge = loadKnowledge({ builtinEdits: true, ptpFiles: [], descriptorFiles: [], readFile: runtime.readFile });
  let workspaceRoot: string | null = null;
  let trusted = true;
  let pullConfiguration = false;
  /** The client can fetch a code action's edit later (codeAction/resolve). */
  let resolveEdits = false;
  let stopWatching: (() => void)[] = [];
  const reportedProblems = new Set<string>();

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const options = (params.initializationOptions ?? {}) as ClaimlintInitializationOptions;
    trusted = options.workspaceTrusted !== false;
    const folder = params.workspaceFolders?.[0]?.uri ?? params.rootUri;
    workspaceRoot = folder?.startsWith('file:') ? fileURLToPath(folder) : null;
    pullConfiguration = params.capabilities.workspace?.configuration === true;
    resolveEdits = params.capabilities.textDocument?.codeAction?.resolveSupport?.properties.includes('edit') === true;
    // Flat ({ ptpEditFiles }) or nested as didChangeConfiguration sends it ({ claimlint: { ptpEditFiles } }).
    const given: unknown = options.settings;
    const section = given && typeof given === 'object' && 'claimlint' in given ? (given as { claimlint: unknown }).claimlint : given;
    if (section && typeof section === 'object') reload({ ...defaultSettings, ...(section as Partial<ClaimlintSettings>) });
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, fixAllKind], resolveProvider: true },
        documentSymbolProvider: { label: 'Claims' },
        foldingRangeProvider: true,
        documentFormattingProvider: true,
      },
      serverInfo: { name: 'claimlint', version: '0.1.0' },
    };
  });

  connection.onInitialized(async () => {
    if (pullConfiguration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'claimlint' }).catch(() => undefined);
      await refreshSettings();
    }
    // Documents opened so far are checked once, with the user's rules rather than the defaults.
    settingsReady = true;
    for (const document of documents.all()) schedule(document);
  });

  async function refreshSettings(pushed?: unknown): Promise<void> {
    let settings: ClaimlintSettings = defaultSettings;
    if (pullConfiguration) {
      try {
        const [value] = (await connection.workspace.getConfiguration([{ section: 'claimlint' }])) as [Partial<ClaimlintSettings> | null];
        settings = { ...defaultSettings, ...(value ?? {}) };
      } catch {
        settings = defaultSettings;
      }
    } else if (pushed && typeof pushed === 'object' && 'claimlint' in pushed) {
      settings = { ...defaultSettings, ...((pushed as { claimlint: Partial<ClaimlintSettings> }).claimlint ?? {}) };
    } else {
      // A push of other sections only (an editor sends all it knows): Claimlint's settings did not change.
      return;
    }
    reload(settings);
  }

  /** Loads the rule and descriptor files of these settings, watches them, and re-checks open documents. */
  function reload(settings: ClaimlintSettings): void {
    // The settings are window-scoped in package.json, not resource-scoped: the server keeps one
    // knowledge for every document and asks for the settings without a scope, so a per-folder
    // value could not be honoured. Relative paths resolve against the first workspace folder.
    const resolvePath = (path: string): string => (isAbsolute(path) || !workspaceRoot ? path : resolve(workspaceRoot, path));
    // In an untrusted workspace, settings that point at files are ignored: only built-in data is used.
    const ptpFiles = trusted ? sanitizePaths(settings.ptpEditFiles).map(resolvePath) : [];
    const descriptorFiles = trusted ? sanitizePaths(settings.descriptorFiles).map(resolvePath) : [];
    const builtinEdits = settings.builtinEdits !== false;
    const loaded = loadKnowledge({ builtinEdits, ptpFiles, descriptorFiles, readFile: runtime.readFile });
    const key = JSON.stringify({ builtinEdits, ptpFiles, descriptorFiles });
    // A file that loaded before and cannot be read now (being rewritten, briefly missing) keeps
    // the rules already loaded: the previous knowledge stays until the files read again.
    const lostFiles = loaded.files.filter((f) => f.rows === 0 && knowledgeKey === key && knowledge.files.some((k) => k.source === f.source && k.rows > 0));
    const problems = loaded.problems.map((p) => `${p.source}${p.line ? `:${p.line}` : ''}: ${p.reason}`);
    if (lostFiles.length > 0) {
      problems.push(...lostFiles.map((f) => `${f.source}: kept the rules loaded from it before, until it can be read again`));
    } else {
      knowledge = loaded;
      knowledgeKey = key;
    }
    const fresh = problems.filter((p) => !reportedProblems.has(p));
    fresh.forEach((p) => reportedProblems.add(p));
    if (fresh.length > 0) {
      for (const problem of fresh) connection.console.warn(`Claimlint rules: ${problem}`);
      void connection.sendNotification(LoadProblemsNotification.method, { problems: fresh } satisfies LoadProblemsNotification.Params);
    }
    stopWatching.forEach((stop) => stop());
    stopWatching = [...ptpFiles, ...descriptorFiles].map((file) => runtime.watchFile(file, () => reloadSoon(settings)));
    connection.console.info(`Claimlint: ${knowledge.rules.size} PTP edits loaded from ${ptpFiles.length} file(s)${builtinEdits ? ' and the built-in set' : ''}.`);
    for (const document of documents.all()) schedule(document);
  }

  /** A file being written fires several change events: load once they have settled. */
  let reloadTimer: ReturnType<typeof setTimeout> | undefined;
  function reloadSoon(settings: ClaimlintSettings): void {
    if (reloadTimer) clearTimeout(reloadTimer);
    reloadTimer = setTimeout(() => {
      reloadTimer = undefined;
      reload(settings);
    }, 250);
  }

  connection.onDidChangeConfiguration((change) => void refreshSettings(change.settings));

  function schedule(document: TextDocument): void {
    if (!settingsReady) return;
    pending.get(document.uri)?.cancel();
    // The document object is updated in place, so remember which version this run is for.
    const version = document.version;
    pending.set(
      document.uri,
      runtime.schedule(() => {
        pending.delete(document.uri);
        const current = documents.get(document.uri);
        // A newer version arrived since this was scheduled: its own run will publish.
        if (!current || current.version !== version) return;
        validate(current);
      }),
    );
  }

  function validate(document: TextDocument): void {
    try {
      publish(document);
    } catch (error) {
      // analyze() already turns a failing check into a finding; this catches a failure after it
      // (building the diagnostics), which would otherwise end the server for every document.
      analyses.delete(document.uri);
      const message = `Claimlint failed while reporting the problems of this document (${errorName(error)}). Other documents are unaffected; please report this with a synthetic file that reproduces it.`;
      const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
      void connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics: [{ range, severity: DiagnosticSeverity.Error, source: 'claimlint', code: 'claimlint.internal-error', message }] });
    }
  }

  function publish(document: TextDocument): void {
    const analysis = analyzeNow(document);
    const diagnostics = analysis.findings.map((finding) => toDiagnostic(document.uri, analysis, finding));
    void connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics });
    void connection.sendNotification(ConflictCountNotification.method, {
      uri: document.uri,
      conflicts: analysis.findings.filter((f) => f.rule.startsWith('ptp.')).length,
      findings: analysis.findings.length,
    } satisfies ConflictCountNotification.Params);
  }

  /** The analysis of the document's current version (computed now if the scheduled one has not run yet). */
  function current(uri: string): { document: TextDocument; analysis: Analysis } | null {
    const document = documents.get(uri);
    if (!document) return null;
    const cached = analyses.get(uri);
    if (cached && cached.version === document.version) return { document, analysis: cached.analysis };
    return { document, analysis: analyzeNow(document) };
  }

  /** fix-all of an analysis, computed once per document version (lightbulb requests repeat as the cursor moves). */
  const fixAllCache = new WeakMap<Analysis, Fix | null>();
  function fixAllOf(analysis: Analysis): Fix | null {
    let all = fixAllCache.get(analysis);
    if (all === undefined) {
      all = fixAll(analysis.text, analysis.doc, analysis.findings);
      fixAllCache.set(analysis, all);
    }
    return all;
  }

  /**
   * Analyses the document's current version and keeps the result. After an edit, only the
   * transaction set it falls in is read again when the previous analysis used the same rules.
   */
  function analyzeNow(document: TextDocument): Analysis {
    const previous = analyses.get(document.uri);
    const text = document.getText();
    const analysis =
      previous && previous.knowledge === knowledge
        ? reanalyze(previous.analysis, text, knowledge, positionsOf(document))
        : analyze(text, knowledge, positionsOf(document));
    analyses.set(document.uri, { version: document.version, analysis, knowledge });
    return analysis;
  }

  documents.onDidOpen((event) => schedule(event.document));
  documents.onDidChangeContent((event) => schedule(event.document));
  documents.onDidClose((event) => {
    pending.get(event.document.uri)?.cancel();
    pending.delete(event.document.uri);
    analyses.delete(event.document.uri);
    void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
  });

  connection.onHover(guarded('Hover', (params) => {
    const state = current(params.textDocument.uri);
    if (!state) return null;
    const offset = state.analysis.lines.offsetAt(params.position);
    const hover = hoverAt(state.analysis, offset, knowledge);
    if (!hover) return null;
    return { contents: { kind: MarkupKind.Markdown, value: hover.markdown }, range: state.analysis.lines.rangeOf(hover.span) };
  }));

  connection.onCodeAction(guarded('CodeAction', (params) => {
    const state = current(params.textDocument.uri);
    if (!state) return null;
    const { document, analysis } = state;
    const only = params.context.only;
    const wants = (kind: string): boolean => !only || only.some((k) => kind === k || kind.startsWith(`${k}.`));
    const actions: CodeAction[] = [];
    if (wants(CodeActionKind.QuickFix)) {
      const start = analysis.lines.offsetAt(params.range.start);
      const end = analysis.lines.offsetAt(params.range.end);
      let listed = 0;
      for (const finding of analysis.findings) {
        if (finding.span.end < start || finding.span.start > end || finding.data?.kind !== 'ptp') continue;
        // A selection over a whole file would send the edits of every fix in it (each removal
        // renumbers the rest of its claim: 400 MB for one 4,000-line claim); fix-all does the rest.
        if (++listed > MAX_FINDINGS_WITH_QUICK_FIXES) break;
        for (const fix of fixesFor(analysis.text, analysis.doc, finding)) actions.push(toCodeAction(document, analysis, fix));
      }
    }
    // A client that cannot resolve edits later would get every fix-all edit with each lightbulb
    // request as the cursor moves (triggerKind Automatic): it gets fix-all when the user asks
    // for code actions, or asks for source actions by kind (on save).
    const explicitlyAsked = only?.some((k) => fixAllKind === k || fixAllKind.startsWith(`${k}.`)) === true;
    const automatic = params.context.triggerKind === CodeActionTriggerKind.Automatic;
    if (wants(fixAllKind) && (resolveEdits || explicitlyAsked || !automatic)) {
      const all = fixAllOf(analysis);
      if (all && resolveEdits) {
        // Thousands of edits would travel with every lightbulb request: send them on resolve.
        actions.push({ title: all.title, kind: fixAllKind, data: { uri: document.uri, version: document.version } satisfies FixAllData });
      } else if (all) {
        actions.push(toCodeAction(document, analysis, all, fixAllKind));
      }
    }
    return actions;
  }));

  connection.onCodeActionResolve(guarded('CodeActionResolve', (action) => {
    const data = action.data as Partial<FixAllData> | undefined;
    if (action.kind !== fixAllKind || typeof data?.uri !== 'string') return action;
    const state = current(data.uri);
    // Computed for another version of the document: leave it without an edit rather than apply it to this one.
    if (!state || state.document.version !== data.version) return action;
    const all = fixAllOf(state.analysis);
    return all ? { ...action, edit: toCodeAction(state.document, state.analysis, all, fixAllKind).edit } : action;
  }));

  connection.onDocumentSymbol(guarded('DocumentSymbol', (params) => {
    const state = current(params.textDocument.uri);
    if (!state) return null;
    const toSymbol = (node: OutlineNode): DocumentSymbol => ({
      name: node.name,
      detail: node.detail,
      kind: symbolKinds[node.kind],
      range: state.analysis.lines.rangeOf(node.span),
      selectionRange: state.analysis.lines.rangeOf(node.selectionSpan),
      children: node.children.map(toSymbol),
    });
    return outline(state.analysis.doc).map(toSymbol);
  }));

  connection.onFoldingRanges(guarded('FoldingRanges', (params) => {
    const state = current(params.textDocument.uri);
    if (!state) return null;
    return foldingRanges(outline(state.analysis.doc), state.analysis.lines);
  }));

  const layout = (uri: string, kind: LayoutRequest.Params['layout']): LspTextEdit[] | null => {
    const state = current(uri);
    if (!state?.analysis.doc.x12) return null;
    const result = layoutEdits(state.analysis.text, state.analysis.doc.x12, kind);
    // A notification, not showMessageRequest: nothing to answer, and no client is left waiting.
    if (result.reason) void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Info, message: result.reason });
    return result.edits.map((edit) => ({ range: state.analysis.lines.rangeOf(edit.span), newText: edit.newText }));
  };
  connection.onDocumentFormatting(guarded('DocumentFormatting', (params) => layout(params.textDocument.uri, 'segment-per-line')));
  connection.onRequest(
    LayoutRequest.method,
    guarded('Layout', (params: LayoutRequest.Params) => {
      if (!params || typeof params.uri !== 'string') return new ResponseError(ErrorCodes.InvalidParams, 'expected { uri, layout }');
      return layout(params.uri, params.layout === 'single-line' ? 'single-line' : 'segment-per-line');
    }),
  );

  documents.listen(connection);
}

/**
 * Positions from the editor's document, whose line table is kept up to date by incremental
 * changes (a LineIndex would rescan the whole text each version). Valid while the analysis is
 * for the document's current version, which is the only time the server uses it.
 */
function positionsOf(document: TextDocument): Positions {
  return {
    get lineCount() {
      return document.lineCount;
    },
    positionAt: (offset) => document.positionAt(offset),
    offsetAt: (position) => document.offsetAt(position),
    rangeOf: (span) => ({ start: document.positionAt(span.start), end: document.positionAt(span.end) }),
  };
}

/**
 * A request handler whose failure is answered with an error naming only the error's kind: the
 * library would send the error's message, and a message can quote the document.
 */
function guarded<P, R>(request: string, handler: (params: P) => R): (params: P) => R | ResponseError<void> {
  return (params) => {
    try {
      return handler(params);
    } catch (error) {
      return new ResponseError(ErrorCodes.InternalError, `Claimlint failed on ${request} (${errorName(error)})`);
    }
  };
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : 'Error';
}

function sanitizePaths(paths: unknown): string[] {
  return Array.isArray(paths) ? paths.filter((p): p is string => typeof p === 'string' && p.trim() !== '') : [];
}

function toDiagnostic(uri: string, analysis: Analysis, finding: Finding): Diagnostic {
  const diagnostic: Diagnostic = {
    range: analysis.lines.rangeOf(finding.span),
    severity: severities[finding.severity],
    source: 'claimlint',
    code: finding.rule,
    message: finding.message,
  };
  if (finding.related?.length) {
    diagnostic.relatedInformation = finding.related.map((related) => ({
      location: { uri, range: analysis.lines.rangeOf(related.span) },
      message: related.message,
    }));
  }
  return diagnostic;
}

function toCodeAction(document: TextDocument, analysis: Analysis, fix: Fix, kind: string = CodeActionKind.QuickFix): CodeAction {
  const edits = fix.edits.map((edit) => ({ range: analysis.lines.rangeOf(edit.span), newText: edit.newText }));
  return {
    title: fix.title,
    kind,
    isPreferred: fix.isPreferred || undefined,
    diagnostics: fix.findings.map((finding) => toDiagnostic(document.uri, analysis, finding)),
    // Versioned: an editor refuses the edit if the document changed since it was computed.
    edit: { documentChanges: [{ textDocument: { uri: document.uri, version: document.version }, edits }] },
  };
}

