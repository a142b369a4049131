// The request handlers. No claim logic lives here: every handler converts positions, calls a
// core function with plain data, and converts the result back.
import {
  type CodeAction,
  CodeActionKind,
  type Command,
  type CompletionItem,
  CompletionItemKind,
  CodeActionTriggerKind,
  type Connection,
  type DocumentSymbol,
  type MarkupKind,
  ErrorCodes,
  MessageType,
  ResponseError,
  ShowMessageNotification,
  SymbolKind,
  type SymbolInformation,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import { completionListAt } from '../core/completion';
import { fixesFor } from '../core/fixes';
import { guideQuickFixes, hasGuideFix } from '../core/guides/fixes';
import type { Finding } from '../core/model';
import { hoverAt } from '../core/hover/hover';
import { layoutEdits } from '../core/layout';
import { foldingRanges, outline, type OutlineKind, type OutlineNode } from '../core/outline';
import { guarded, hoverContents, toCodeAction } from './convert';
import { diskChecksOf } from './diskCheck';
import { FixAllActions, fixAllKind, type FixAllData } from './fixAllAction';
import { LayoutRequest } from './protocol';
import type { Checker } from './scheduling';

export { fixAllKind };

/** Quick fixes are listed for at most this many findings in the requested range. */
const MAX_FINDINGS_WITH_QUICK_FIXES = 20;

const symbolKinds: Record<OutlineKind, SymbolKind> = {
  interchange: SymbolKind.Package,
  group: SymbolKind.Module,
  transaction: SymbolKind.Namespace,
  claim: SymbolKind.Object,
  line: SymbolKind.Field,
};

/** What the client said it can do, known once it has initialized. */
export interface ClientFeatures {
  /** The client can fetch a code action's edit later (codeAction/resolve). */
  resolveEdits: boolean;
  /** The client reads a workspace edit's documentChanges (workspace.workspaceEdit.documentChanges), which name the version an edit is for; else only `changes`. */
  versionedEdits: boolean;
  /** What hovers are sent as: Markdown, or plain text for a client that reads only that. */
  hoverFormat: MarkupKind;
  /** The client takes CodeAction literals (codeActionLiteralSupport); else each action is sent as a command that applies its edit (APPLY_EDIT_COMMAND). */
  codeActionLiterals: boolean;
  /** The client takes the outline as a tree (hierarchicalDocumentSymbolSupport); else as a flat list of SymbolInformation. */
  hierarchicalSymbols: boolean;
  /** The client reads diagnostics' related locations (publishDiagnostics.relatedInformation). */
  relatedInformation: boolean;
  /** The client reads claimlint/conflictCount (initializationOptions.statusCounts). */
  statusCounts: boolean;
  /** The client applies the edits the server asks it to (workspace.applyEdit): what claimlint.applyFix does. */
  applyEdit: boolean;
}

/** The command a client without code action literals is sent for a fix: its argument is the fix's workspace edit, which the server asks the client to apply. */
export const APPLY_EDIT_COMMAND = 'claimlint.applyFix';

export function registerHandlers(connection: Connection, checker: Checker, client: ClientFeatures): void {
  const fixAll = new FixAllActions();

  connection.onHover(guarded('Hover', (params) => {
    // The library passes on whatever the client sent: parameters that are not a document and a
    // position are the client's error (InvalidParams), not the server's (InternalError).
    if (!isTextDocumentPosition(params)) return new ResponseError(ErrorCodes.InvalidParams, 'Hover expects { textDocument: { uri }, position: { line, character } } with integer line and character');
    const state = checker.current(params.textDocument.uri);
    if (!state) {
      // A file the editor never sent (over VS Code's 50 MB limit), checked from disk: its procedure codes answer from its index.
      const fromDisk = diskChecksOf(connection)?.hover(params.textDocument.uri, params.position) ?? null;
      return fromDisk && { contents: hoverContents(fromDisk.result.markdown, client.hoverFormat), range: fromDisk.range };
    }
    // Past the last line there is nothing (the offset would be clamped to the end of the text, inside its last segment).
    if (params.position.line >= state.analysis.lines.lineCount) return null;
    const offset = state.analysis.lines.offsetAt(params.position);
    const hover = hoverAt(state.analysis, offset, state.knowledge);
    if (!hover) return null;
    return { contents: hoverContents(hover.markdown, client.hoverFormat), range: state.analysis.lines.rangeOf(hover.span) };
  }));

  connection.onCompletion(guarded('Completion', (params) => {
    if (!isTextDocumentPosition(params)) return new ResponseError(ErrorCodes.InvalidParams, 'Completion expects { textDocument: { uri }, position: { line, character } } with integer line and character');
    const state = checker.current(params.textDocument.uri);
    if (!state) return null;
    const { lines } = state.analysis;
    // Codes of the element at the cursor, or the segments the guide allows next (core/completion.ts);
    // in a service line's procedure code, the codes whose descriptors are loaded.
    const descriptors = state.knowledge.descriptors;
    const codes = (prefix: string, limit: number) => descriptors.startingWith(prefix, limit).map((d) => ({ code: d.code, name: d.short ?? d.long ?? '' }));
    const { entries, incomplete } = completionListAt(state.analysis, lines.offsetAt(params.position), codes);
    const items: CompletionItem[] = entries.map((entry) => ({
      label: entry.label,
      kind: entry.kind === 'code' ? CompletionItemKind.EnumMember : CompletionItemKind.Struct,
      detail: entry.detail,
      sortText: entry.sortText,
      filterText: entry.label,
      textEdit: { range: lines.rangeOf(entry.span), newText: entry.insertText },
    }));
    return { isIncomplete: incomplete, items };
  }));

  connection.onCodeAction(guarded('CodeAction', (params) => {
    if (!hasDocumentUri(params) || !isRange((params as { range?: unknown }).range) || typeof (params as { context?: unknown }).context !== 'object' || params.context === null) {
      return new ResponseError(ErrorCodes.InvalidParams, 'CodeAction expects { textDocument: { uri }, range: { start, end }, context: { diagnostics } }');
    }
    const state = checker.current(params.textDocument.uri);
    if (!state) return null;
    const { document, analysis } = state;
    const only = params.context.only;
    const wants = (kind: string): boolean => !only || only.some((k) => kind === k || kind.startsWith(`${k}.`));
    const actions: CodeAction[] = [];
    if (wants(CodeActionKind.QuickFix)) {
      const start = analysis.lines.offsetAt(params.range.start);
      const end = analysis.lines.offsetAt(params.range.end);
      let listed = 0;
      // Guide and envelope findings (no coding data) with a certain fix: one fix may answer several
      // of them (the HL findings of one transaction set), so they are fixed together below.
      const guideFindings: Finding[] = [];
      for (const finding of analysis.findings) {
        if (finding.span.end < start || finding.span.start > end) continue;
        const coding = finding.data !== undefined;
        if (!coding && !hasGuideFix(analysis.doc, finding, analysis.text)) continue;
        // A selection over a whole file would send the edits of every fix in it (each removal
        // renumbers the rest of its claim: 400 MB for one 4,000-line claim); fix-all does the rest.
        if (++listed > MAX_FINDINGS_WITH_QUICK_FIXES) break;
        if (!coding) guideFindings.push(finding);
        else for (const fix of fixesFor(analysis.text, analysis.doc, finding)) actions.push(toCodeAction(document, analysis, fix, client.versionedEdits));
      }
      for (const fix of guideQuickFixes(analysis.text, analysis.doc, guideFindings)) actions.push(toCodeAction(document, analysis, fix, client.versionedEdits));
    }
    // A client that cannot resolve edits later would get every fix-all edit with each lightbulb
    // request as the cursor moves (triggerKind Automatic): it gets fix-all when the user asks
    // for code actions, or asks for source actions by kind (on save). One that can gets it
    // uncomputed with each request: computing it is for resolve (fixAllAction.ts).
    const explicitlyAsked = only?.some((k) => fixAllKind === k || fixAllKind.startsWith(`${k}.`)) === true;
    const automatic = params.context.triggerKind === CodeActionTriggerKind.Automatic;
    if (wants(fixAllKind) && (client.resolveEdits || explicitlyAsked || !automatic)) {
      const action = client.resolveEdits ? fixAll.unresolvedAction(document, analysis) : fixAll.computedAction(document, analysis, client.versionedEdits);
      if (action) actions.push(action);
    }
    if (client.codeActionLiterals) return actions;
    // LSP 3.17: a client without codeActionLiteralSupport takes Command literals only, which apply
    // a fix by asking the client to apply its edit: none for a client that cannot (workspace.applyEdit).
    if (!client.applyEdit) return [];
    return actions.flatMap((action): Command[] => (action.edit ? [{ title: action.title, command: APPLY_EDIT_COMMAND, arguments: [action.edit] }] : []));
  }));

  connection.onExecuteCommand(guarded('ExecuteCommand', async (params) => {
    const edit = params.command === APPLY_EDIT_COMMAND ? (params.arguments?.[0] as WorkspaceEdit | undefined) : undefined;
    if (typeof edit !== 'object' || edit === null) return new ResponseError(ErrorCodes.InvalidParams, `expected ${APPLY_EDIT_COMMAND} with a workspace edit`);
    await connection.workspace.applyEdit(edit);
    return null;
  }));

  connection.onCodeActionResolve(guarded('CodeActionResolve', (action) => {
    if (typeof action !== 'object' || action === null || typeof action.title !== 'string') return new ResponseError(ErrorCodes.InvalidParams, 'codeAction/resolve expects a code action');
    const data = action.data as Partial<FixAllData> | undefined;
    if (action.kind !== fixAllKind) return action;
    // Our fix-all action always carries its document: one without is the client's error.
    if (typeof data?.uri !== 'string') return new ResponseError(ErrorCodes.InvalidParams, 'expected a fix-all action whose data names its document ({ uri, version })');
    const state = checker.current(data.uri);
    // Offered for another version of the document: leave it without an edit rather than apply it to
    // this one (the only guard a client without versioned edits has).
    if (!state || state.document.version !== data.version) return action;
    return fixAll.resolve(action, state.document, state.analysis, client.versionedEdits);
  }));

  connection.onDocumentSymbol(guarded('DocumentSymbol', (params) => {
    if (!hasDocumentUri(params)) return new ResponseError(ErrorCodes.InvalidParams, 'DocumentSymbol expects { textDocument: { uri } }');
    const state = checker.current(params.textDocument.uri);
    if (!state) return null;
    const lines = state.analysis.lines;
    const nodes = outline(state.analysis.doc);
    if (!client.hierarchicalSymbols) {
      // A flat list, each symbol naming the one it is in (LSP 3.17 SymbolInformation).
      const flat: SymbolInformation[] = [];
      const add = (node: OutlineNode, container: string | undefined): void => {
        flat.push({ name: node.name, kind: symbolKinds[node.kind], location: { uri: params.textDocument.uri, range: lines.rangeOf(node.span) }, ...(container === undefined ? {} : { containerName: container }) });
        for (const child of node.children) add(child, node.name);
      };
      for (const node of nodes) add(node, undefined);
      return flat;
    }
    const toSymbol = (node: OutlineNode): DocumentSymbol => ({
      name: node.name,
      detail: node.detail,
      kind: symbolKinds[node.kind],
      range: lines.rangeOf(node.span),
      selectionRange: lines.rangeOf(node.selectionSpan),
      children: node.children.map(toSymbol),
    });
    return nodes.map(toSymbol);
  }));

  connection.onFoldingRanges(guarded('FoldingRanges', (params) => {
    if (!hasDocumentUri(params)) return new ResponseError(ErrorCodes.InvalidParams, 'FoldingRange expects { textDocument: { uri } }');
    const state = checker.current(params.textDocument.uri);
    if (!state) return null;
    return foldingRanges(outline(state.analysis.doc), state.analysis.lines);
  }));

  const layout = (uri: string, kind: LayoutRequest.Params['layout']): TextEdit[] | null => {
    const state = checker.current(uri);
    if (!state?.analysis.doc.x12) return null;
    const result = layoutEdits(state.analysis.text, state.analysis.doc.x12, kind);
    // A notification, not showMessageRequest: nothing to answer, and no client is left waiting.
    if (result.reason) void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Info, message: result.reason });
    return result.edits.map((edit) => ({ range: state.analysis.lines.rangeOf(edit.span), newText: edit.newText }));
  };
  connection.onDocumentFormatting(
    guarded('DocumentFormatting', (params) => {
      if (!hasDocumentUri(params)) return new ResponseError(ErrorCodes.InvalidParams, 'Formatting expects { textDocument: { uri } }');
      return layout(params.textDocument.uri, 'segment-per-line');
    }),
  );
  connection.onRequest(
    LayoutRequest.type,
    guarded('Layout', (params: LayoutRequest.Params) => {
      if (!params || typeof params.uri !== 'string') return new ResponseError(ErrorCodes.InvalidParams, 'expected { uri, layout }');
      return layout(params.uri, params.layout === 'single-line' ? 'single-line' : 'segment-per-line');
    }),
  );
}

/** Whether params name a document: { textDocument: { uri: string } }. */
function hasDocumentUri(params: unknown): boolean {
  const p = params as { textDocument?: { uri?: unknown } } | null;
  return typeof p === 'object' && p !== null && typeof p.textDocument === 'object' && p.textDocument !== null && typeof p.textDocument.uri === 'string';
}

/** Whether a value is a Range: { start, end }, each { line, character } of integers. */
function isRange(range: unknown): boolean {
  const r = range as { start?: unknown; end?: unknown } | null;
  return typeof r === 'object' && r !== null && isPosition(r.start) && isPosition(r.end);
}

function isPosition(position: unknown): boolean {
  const p = position as { line?: unknown; character?: unknown } | null;
  return typeof p === 'object' && p !== null && Number.isInteger(p.line) && Number.isInteger(p.character);
}

/** Whether params are a TextDocumentPositionParams: a string uri and integer line and character (any value: past the end is answered). */
function isTextDocumentPosition(params: unknown): boolean {
  const p = params as { textDocument?: { uri?: unknown }; position?: { line?: unknown; character?: unknown } } | null;
  return (
    typeof p === 'object' &&
    p !== null &&
    typeof p.textDocument === 'object' &&
    p.textDocument !== null &&
    typeof p.textDocument.uri === 'string' &&
    typeof p.position === 'object' &&
    p.position !== null &&
    Number.isInteger(p.position.line) &&
    Number.isInteger(p.position.character)
  );
}
