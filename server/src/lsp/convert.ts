// Conversions between the core's spans and findings and LSP's positions, diagnostics and code
// actions, and the error handling every request shares.
import { CodeActionKind, DiagnosticSeverity, ErrorCodes, MarkupKind, ResponseError, type CodeAction, type Connection, type Diagnostic, type DiagnosticRelatedInformation, type MarkupContent, type PublishDiagnosticsParams, type WorkspaceEdit } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { otherFileOf } from '../core/relatedLocations';
import type { Analysis } from '../core/analyze';
import type { TextEdit } from '../core/edits';
import type { Fix } from '../core/fixes';
import { markdownToPlainText } from '../core/hover/plainText';
import type { Finding, Severity, Span } from '../core/model';
import type { Positions, Range } from '../core/text';
import { ConflictCountNotification, LoadProblemsNotification } from './protocol';

const severities: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
};

/**
 * Positions from the editor's document, whose line table is kept up to date by incremental
 * changes (a LineIndex would rescan the whole text each version). Valid while the analysis is
 * for the document's current version, which is the only time the server uses it.
 */
export function positionsOf(document: TextDocument): Positions {
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
export function guarded<P, R>(request: string, handler: (params: P) => R): (params: P) => R | ResponseError<void> {
  return (params) => {
    try {
      return handler(params);
    } catch (error) {
      return new ResponseError(ErrorCodes.InternalError, `Claimlint failed on ${request} (${errorName(error)})`);
    }
  };
}

export function errorName(error: unknown): string {
  return error instanceof Error ? error.name : 'Error';
}

/**
 * The format hovers are sent in: the first of the client's textDocument.hover.contentFormat (its
 * order of preference) that the server writes; Markdown when it names neither or says nothing.
 */
export function hoverFormatOf(contentFormat: readonly string[] | undefined): MarkupKind {
  const known = Array.isArray(contentFormat) ? contentFormat.find((format) => format === MarkupKind.Markdown || format === MarkupKind.PlainText) : undefined;
  return known === MarkupKind.PlainText ? MarkupKind.PlainText : MarkupKind.Markdown;
}

/** A hover's Markdown in the client's format. */
export function hoverContents(markdown: string, format: MarkupKind): MarkupContent {
  return format === MarkupKind.PlainText ? { kind: MarkupKind.PlainText, value: markdownToPlainText(markdown) } : { kind: MarkupKind.Markdown, value: markdown };
}

export function toDiagnostic(uri: string, analysis: Analysis, finding: Finding): Diagnostic {
  return findingDiagnostic(uri, analysis.lines, finding);
}

/** Where the lines of another file of a run are (a folder check's files, by their index): its URI and line positions. */
export type OtherDocuments = (file: number) => { uri: string; lines: { rangeOf(span: Span): Range } } | null | undefined;

/**
 * A finding as a diagnostic of the document at `uri`, its ranges from `lines` (an analysis's, or a
 * file read from disk). A related location in another file of a run is placed by `others`, or
 * left out when that file is not known.
 */
export function findingDiagnostic(uri: string, lines: { rangeOf(span: Span): Range }, finding: Finding, others?: OtherDocuments): Diagnostic {
  const diagnostic: Diagnostic = {
    range: lines.rangeOf(finding.span),
    severity: severities[finding.severity],
    source: 'claimlint',
    code: finding.rule,
    message: finding.message,
  };
  if (finding.related?.length) {
    const information: DiagnosticRelatedInformation[] = [];
    for (const related of finding.related) {
      const other = otherFileOf(related, others);
      if (other === undefined) continue;
      information.push({ location: other === null ? { uri, range: lines.rangeOf(related.span) } : { uri: other.uri, range: other.lines.rangeOf(related.span) }, message: related.message });
    }
    if (information.length > 0) diagnostic.relatedInformation = information;
  }
  return diagnostic;
}

/**
 * A fix as a code action. `versioned`: the client declared workspace.workspaceEdit.documentChanges
 * (see workspaceEditOf).
 */
export function toCodeAction(document: TextDocument, analysis: Analysis, fix: Fix, versioned: boolean, kind: string = CodeActionKind.QuickFix): CodeAction {
  return {
    title: fix.title,
    kind,
    isPreferred: fix.isPreferred || undefined,
    diagnostics: fix.findings.map((finding) => toDiagnostic(document.uri, analysis, finding)),
    edit: workspaceEditOf(document, analysis, fix.edits, versioned),
  };
}

/**
 * Edits of one document, computed against `analysis` (the document's current version), as a
 * workspace edit. For a client that declared workspace.workspaceEdit.documentChanges, versioned:
 * the editor refuses the edit if the document changed since it was computed. Any other client
 * reads only `changes` (LSP 3.17), which carry no version: for it the server refuses stale
 * versions itself where it can (codeAction/resolve of fix-all).
 */
export function workspaceEditOf(document: TextDocument, analysis: Analysis, edits: readonly TextEdit[], versioned: boolean): WorkspaceEdit {
  const textEdits = edits.map((edit) => ({ range: analysis.lines.rangeOf(edit.span), newText: edit.newText }));
  return versioned
    ? { documentChanges: [{ textDocument: { uri: document.uri, version: document.version }, edits: textEdits }] }
    : { changes: { [document.uri]: textEdits } };
}

/**
 * `connection` sending what the client takes: diagnostics without related locations for a client
 * that does not declare publishDiagnostics.relatedInformation, and claimlint/conflictCount and
 * claimlint/loadProblems only to one that asked for them (statusCounts; a client that did not ask
 * is told of load problems by window/showMessage). `features` is read as each is sent, so after initialize.
 */
export function asClientTakes(connection: Connection, features: { readonly relatedInformation: boolean; readonly statusCounts: boolean }): Connection {
  const sendDiagnostics = (params: PublishDiagnosticsParams) =>
    connection.sendDiagnostics(features.relatedInformation ? params : { ...params, diagnostics: params.diagnostics.map(({ relatedInformation: _, ...diagnostic }) => diagnostic) });
  const sendNotification = (type: string | { method: string }, ...rest: unknown[]): Promise<void> => {
    const method = typeof type === 'string' ? type : type.method;
    // Claimlint's own notifications go only to a client that asked for them (statusCounts): an
    // editor that logs every notification it does not know as an error (Helix) is not sent them.
    if ((method === ConflictCountNotification.method || method === LoadProblemsNotification.method) && !features.statusCounts) return Promise.resolve();
    return (connection.sendNotification as (type: unknown, ...rest: unknown[]) => Promise<void>)(type, ...rest);
  };
  return new Proxy(connection, {
    get(target, property, receiver) {
      if (property === 'sendDiagnostics') return sendDiagnostics;
      if (property === 'sendNotification') return sendNotification;
      return Reflect.get(target, property, receiver);
    },
  });
}
