// Helpers for the reliability protocol tests and the long fuzz run: deadlines on every wait,
// records of everything the server sends, and the requests an editor makes on a document.
import { resolve } from 'node:path';
import {
  CodeActionRequest,
  DocumentFormattingRequest,
  DocumentSymbolRequest,
  FoldingRangeRequest,
  HoverRequest,
  type ProtocolConnection,
  type StarNotificationHandler,
  type StarRequestHandler,
} from 'vscode-languageserver-protocol/node';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { TestClient } from '../protocol/helpers/lspClient';

export const faultInjection = resolve(__dirname, 'fault-injection.cjs');
export const noNetwork = resolve(__dirname, 'no-network.cjs');

/** Resolves or rejects with the promise, or rejects when `ms` pass first. */
export function withDeadline<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

/** An edit at a fraction of the document's length, as the fuzz generators make them. */
export interface FractionEdit {
  from: number;
  length: number;
  text: string;
}

/**
 * Opens a document, sends each edit as a ranged change, and returns the last diagnostics with a
 * mirror of the text the server now holds. Every wait has the deadline `ms`.
 */
export async function openAndEdit(
  client: TestClient,
  uri: string,
  text: string,
  edits: readonly FractionEdit[],
  ms: number,
  where: string,
): Promise<{ published: PublishDiagnosticsParams; mirror: TextDocument }> {
  let mirror = TextDocument.create(uri, 'x12', 1, text);
  let published = await withDeadline(client.open(uri, text), ms, `${where}: diagnostics`);
  for (const edit of edits) {
    const current = mirror.getText();
    const start = Math.floor(edit.from * current.length);
    const range = { start: mirror.positionAt(start), end: mirror.positionAt(start + edit.length) };
    mirror = TextDocument.update(mirror, [{ range, text: edit.text }], mirror.version + 1);
    published = await withDeadline(client.change(uri, { range, text: edit.text }), ms, `${where}: diagnostics after an edit`);
  }
  return { published, mirror };
}

/** The outcome of a request: its result, or the error response's code and message. */
export async function settle<T>(promise: Promise<T>): Promise<{ result?: T; error?: { code: number | undefined; message: string } }> {
  try {
    return { result: await promise };
  } catch (error) {
    return { error: { code: (error as { code?: number }).code, message: (error as Error).message } };
  }
}

export interface ServerOutput {
  /** Notifications the TestClient does not record itself. */
  notifications: { method: string; params: unknown }[];
  /** Requests from the server to the client (other than workspace/configuration). */
  requests: { method: string; params: unknown }[];
}

/**
 * Records what the server sends beyond the TestClient's own handlers (which keep diagnostics,
 * window/logMessage, window/showMessage and claimlint/* in the client): $/logTrace,
 * telemetry/event, any other notification, and every request to the client other than
 * workspace/configuration.
 */
export function recordServerOutput(client: TestClient): ServerOutput {
  const output: ServerOutput = { notifications: [], requests: [] };
  const connection: ProtocolConnection = client.connection;
  const star: StarNotificationHandler = (method, params) => {
    output.notifications.push({ method, params });
  };
  // The star overloads are on the JSON-RPC connection underneath (ProtocolConnection does not declare them).
  const untyped = connection as unknown as { onNotification(handler: StarNotificationHandler): void; onRequest(handler: StarRequestHandler): void };
  untyped.onNotification(star);
  for (const method of ['$/logTrace', 'telemetry/event']) {
    connection.onNotification(method, (params: unknown) => {
      output.notifications.push({ method, params });
    });
  }
  const requests: StarRequestHandler = (method, params) => {
    output.requests.push({ method, params });
    return null;
  };
  untyped.onRequest(requests);
  return output;
}

/** The requests an editor sends for a document, each with a deadline; returns their outcomes. */
export async function exerciseDocument(
  connection: ProtocolConnection,
  uri: string,
  positions: readonly { line: number; character: number }[],
  deadlineMs: number,
): Promise<{ name: string; outcome: Awaited<ReturnType<typeof settle>> }[]> {
  const textDocument = { uri };
  const everything = { start: { line: 0, character: 0 }, end: { line: 1e6, character: 0 } };
  const requests: [string, () => Promise<unknown>][] = [
    ...positions.map((position): [string, () => Promise<unknown>] => [`hover ${position.line}:${position.character}`, () => connection.sendRequest(HoverRequest.type, { textDocument, position })]),
    ...positions.slice(0, 3).map((position): [string, () => Promise<unknown>] => [
      `code actions at ${position.line}:${position.character}`,
      () => connection.sendRequest(CodeActionRequest.type, { textDocument, range: { start: position, end: position }, context: { diagnostics: [] } }),
    ]),
    ['fix-all', () => connection.sendRequest(CodeActionRequest.type, { textDocument, range: everything, context: { diagnostics: [], only: ['source.fixAll.claimlint'] } })],
    ['symbols', () => connection.sendRequest(DocumentSymbolRequest.type, { textDocument })],
    ['folding', () => connection.sendRequest(FoldingRangeRequest.type, { textDocument })],
    ['formatting', () => connection.sendRequest(DocumentFormattingRequest.type, { textDocument, options: { tabSize: 2, insertSpaces: true } })],
    ['single line', () => connection.sendRequest('claimlint/layout', { uri, layout: 'single-line' })],
  ];
  const outcomes: { name: string; outcome: Awaited<ReturnType<typeof settle>> }[] = [];
  for (const [name, send] of requests) outcomes.push({ name, outcome: await withDeadline(settle(send()), deadlineMs, name) });
  return outcomes;
}
