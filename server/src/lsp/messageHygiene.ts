// What the server does with each message a transport has read, before the library sees it, on
// every transport (stdio, Node IPC, socket, pipe). The library logs a body that is neither a
// request, a response nor a notification whole, as an error (a client that sent a didOpen in a
// JSON array would see the claim file in its log): such a body is dropped here with a reason that
// quotes nothing of it; so is a document notification the library's document manager would fail
// on, quoting the value it met. A document, workspace or code-action request whose params are null is
// given {} (the library reads them before any handler and answers "Cannot read properties of
// null"; the handler answers InvalidParams). The shutdown request is noted, for the exit code when stdin ends.
import type { DataCallback, Disposable, Event, MessageReader, PartialMessageInfo } from 'vscode-languageserver/node';

/** Why a parsed body is no JSON-RPC message (a request, a response or a notification), or null when it is one. */
export function notAMessage(message: unknown): string | null {
  if (typeof message !== 'object' || message === null) return `a message body that is ${message === null ? 'null' : `a ${typeof message}`}, not an object`;
  if (Array.isArray(message)) return 'a message body that is an array (LSP sends no batches)';
  const { method, id } = message as { method?: unknown; id?: unknown };
  if (method !== undefined) return typeof method === 'string' ? null : 'a message whose method is not a string';
  if (id === undefined) return 'a message with neither a method nor an id';
  return 'result' in message || 'error' in message ? null : 'a message with an id but no method, result or error';
}

/** A transport's reader, each message checked as above before the library's callback gets it. */
export class CheckedReader implements MessageReader {
  shutdownRequested = false;

  /**
   * `refused`: told why a message was dropped (a reason that quotes nothing of it). A body
   * JSON.parse refused (SyntaxError) is named; with `namesOtherErrors` (stdin, read through our
   * own framing) so is whatever else failed reading or dispatching one. On the other transports
   * those are the connection's (a socket closed or reset), not a message's.
   */
  constructor(
    private readonly inner: MessageReader,
    private readonly refused: (reason: string) => void,
    namesOtherErrors = false,
  ) {
    inner.onError((error) => {
      if (error instanceof SyntaxError) refused('a message body that is not JSON (or not in its charset)');
      else if (namesOtherErrors) refused(`a message that could not be read or dispatched (${error.name})`);
    });
  }

  get onError(): Event<Error> {
    return this.inner.onError;
  }

  get onClose(): Event<void> {
    return this.inner.onClose;
  }

  get onPartialMessage(): Event<PartialMessageInfo> {
    return this.inner.onPartialMessage;
  }

  listen(callback: DataCallback): Disposable {
    return this.inner.listen((message) => {
      const why = notAMessage(message);
      if (why !== null) {
        this.refused(why);
        return;
      }
      const request = message as { method?: unknown; params?: unknown; id?: unknown };
      // A document notification the library's document manager would fail on: its error names the
      // value it met (a change given as a string: the claim text), and the library logs it.
      const malformed = typeof request.method === 'string' && request.id === undefined ? malformedDocumentNotification(request.method, request.params) : null;
      if (malformed !== null) {
        this.refused(malformed);
        return;
      }
      if (request.method === 'shutdown' && 'id' in message) this.shutdownRequested = true;
      if (request.params === null && request.id !== undefined && typeof request.method === 'string' && /^(?:textDocument|workspace|codeAction)\//.test(request.method)) request.params = {};
      callback(message);
    });
  }

  dispose(): void {
    this.inner.dispose();
  }
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isPosition = (value: unknown): boolean => isObject(value) && typeof value.line === 'number' && typeof value.character === 'number';

/**
 * Why a document notification (didOpen, didChange, didClose, didSave) is not of the shape the
 * protocol gives it, or null: the reason names what is wrong, never a value.
 */
export function malformedDocumentNotification(method: string, params: unknown): string | null {
  if (!method.startsWith('textDocument/did')) return null;
  const document = isObject(params) ? params.textDocument : undefined;
  if (!isObject(document) || typeof document.uri !== 'string') return `a ${method} without a textDocument uri`;
  if (method === 'textDocument/didOpen' && (typeof document.text !== 'string' || typeof document.version !== 'number')) return 'a textDocument/didOpen without the document\'s text and version';
  if (method !== 'textDocument/didChange') return null;
  const changes = (params as { contentChanges?: unknown }).contentChanges;
  if (typeof document.version !== 'number' || !Array.isArray(changes)) return 'a textDocument/didChange without a version and a list of content changes';
  for (const change of changes) {
    if (!isObject(change) || typeof change.text !== 'string') return 'a textDocument/didChange whose content changes are not objects with a text';
    const range = change.range;
    if (range !== undefined && !(isObject(range) && isPosition(range.start) && isPosition(range.end))) return 'a textDocument/didChange whose change range is not a range';
  }
  return null;
}
