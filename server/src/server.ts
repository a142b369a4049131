// Node entry point of the language server. `node server/out/server.js --stdio` (any LSP
// editor) or IPC (VS Code): createConnection picks the transport from the command line, except
// that stdin is read through MessageFraming, which refuses a Content-Length the library would
// wait on forever (see lsp/framing.ts).
import { createConnection, ProposedFeatures, StreamMessageReader, StreamMessageWriter, type Connection, type DataCallback, type Disposable } from 'vscode-languageserver/node';
import { MessageFraming } from './lsp/framing';
import { jsonDecoder } from './lsp/jsonDecoder';
import { startServer } from './lsp/startServer';
import { nodeRuntime } from './lsp/runtime';
import { routeConsoleTo } from './lsp/stdio';
import { readServerArguments, SERVER_ARGUMENTS, SERVER_USAGE } from './lsp/serverArguments';
import { version as CLAIMLINT_VERSION } from '../../package.json';

function connect(stdio: boolean): Connection {
  if (!stdio) return createConnection(ProposedFeatures.all);
  let log: (reason: string) => void = () => undefined;
  const framing = new MessageFraming((reason) => log(reason));
  process.stdin.on('error', (error) => framing.destroy(error));
  process.stdin.pipe(framing);
  // A reader of our own, for its decoder (lsp/jsonDecoder.ts). Given a reader rather than a
  // stream, the library no longer ends the process when stdin ends: that is done here as it does
  // (0 after a shutdown request, else 1). It leaves the console alone: stdout carries the
  // protocol, so the console goes to the client's log.
  const reader = new StdinReader(framing, (reason) => log(reason));
  const end = (): never => process.exit(reader.shutdownRequested ? 0 : 1);
  framing.on('end', end);
  framing.on('close', end);
  const connection = createConnection(ProposedFeatures.all, reader, new StreamMessageWriter(process.stdout));
  routeConsoleTo(connection);
  log = (reason) => connection.console.warn(`Claimlint: refused a message from the client: ${reason}.`);
  return connection;
}

/**
 * The stdin reader with jsonDecoder, which notes the shutdown request (for the exit code when
 * stdin ends) and refuses what is not a message. The library logs a body that is neither a
 * request, a response nor a notification whole, as an error (a client that sent a didOpen in a
 * JSON array would see the claim file in its log), and drops a body that is not JSON in silence:
 * both are dropped here with a reason that quotes nothing of them.
 */
class StdinReader extends StreamMessageReader {
  shutdownRequested = false;

  constructor(
    input: MessageFraming,
    private readonly refused: (reason: string) => void,
  ) {
    super(input, { contentTypeDecoder: jsonDecoder });
    // A body JSON.parse refused (SyntaxError), else whatever else failed reading or dispatching one: named, never quoted.
    this.onError((error) => refused(error instanceof SyntaxError ? 'a message body that is not JSON (or not in its charset)' : `a message that could not be read or dispatched (${error.name})`));
  }

  override listen(callback: DataCallback): Disposable {
    return super.listen((message) => {
      const why = notAMessage(message);
      if (why !== null) {
        this.refused(why);
        return;
      }
      const request = message as { method?: unknown; params?: unknown; id?: unknown };
      if (request.method === 'shutdown' && 'id' in message) this.shutdownRequested = true;
      // A document or workspace request with params null: the library reads them before any
      // handler (a work-done token, answering "Cannot read properties of null"); given {} the
      // handler answers InvalidParams.
      if (request.params === null && request.id !== undefined && typeof request.method === 'string' && /^(?:textDocument|workspace)\//.test(request.method)) request.params = {};
      callback(message);
    });
  }
}

/** Why a parsed body is no JSON-RPC message (a request, a response or a notification), or null when it is one. */
function notAMessage(message: unknown): string | null {
  if (typeof message !== 'object' || message === null) return `a message body that is ${message === null ? 'null' : `a ${typeof message}`}, not an object`;
  if (Array.isArray(message)) return 'a message body that is an array (LSP sends no batches)';
  const { method, id } = message as { method?: unknown; id?: unknown };
  if (method !== undefined) return typeof method === 'string' ? null : 'a message whose method is not a string';
  if (id === undefined) return 'a message with neither a method nor an id';
  return 'result' in message || 'error' in message ? null : 'a message with an id but no method, result or error';
}

const args = readServerArguments(process.argv.slice(2));
if (args.kind === 'serve') {
  const connection = connect(args.stdio);
  const lifecycle = startServer(connection, nodeRuntime);
  connection.listen();
  // A socket or pipe that cannot be reached (nothing listens on the port, no such pipe), or
  // --node-ipc without a parent: the library lets the process end quietly, which an editor shows
  // as a server that stopped for no reason. (With --stdio, stdin ending before a shutdown exits 1.)
  if (!args.stdio) {
    process.on('exit', (code) => {
      if (code !== 0 || lifecycle.initialized) return;
      process.stderr.write('claimlint server: the connection to the client closed (or was never made) before the client sent initialize: check the transport option.\n');
      process.exitCode = 1;
    });
  }
} else if (args.kind === 'help') {
  process.stdout.write(SERVER_USAGE);
} else if (args.kind === 'version') {
  process.stdout.write(`claimlint server ${CLAIMLINT_VERSION}\n`);
} else if (args.kind === 'unknown') {
  const what = args.argument.startsWith('-') ? 'option' : 'argument';
  // Exit once it is written (stderr may be a pipe written later): the library, once loaded, watches a
  // --clientProcessId and would keep the process alive.
  process.stderr.write(`claimlint server: unknown ${what} '${args.argument}' (it takes ${SERVER_ARGUMENTS}).\n\n${SERVER_USAGE}`, () => process.exit(2));
} else {
  process.stderr.write(`claimlint server: no transport given (--stdio, --node-ipc, --socket=PORT or --pipe=NAME).\n\n${SERVER_USAGE}`, () => process.exit(2));
}
