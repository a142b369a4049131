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
  const reader = new StdinReader(framing);
  const end = (): never => process.exit(reader.shutdownRequested ? 0 : 1);
  framing.on('end', end);
  framing.on('close', end);
  const connection = createConnection(ProposedFeatures.all, reader, new StreamMessageWriter(process.stdout));
  routeConsoleTo(connection);
  log = (reason) => connection.console.warn(`Claimlint: refused a message from the client: ${reason}.`);
  return connection;
}

/** The stdin reader with jsonDecoder, which notes the shutdown request (for the exit code when stdin ends). */
class StdinReader extends StreamMessageReader {
  shutdownRequested = false;

  constructor(input: MessageFraming) {
    super(input, { contentTypeDecoder: jsonDecoder });
  }

  override listen(callback: DataCallback): Disposable {
    return super.listen((message) => {
      // A body may be any JSON (`null` too): the library says what is wrong with one that is not a message.
      if (typeof message === 'object' && message !== null && (message as { method?: unknown }).method === 'shutdown' && 'id' in message) this.shutdownRequested = true;
      callback(message);
    });
  }
}

const args = readServerArguments(process.argv.slice(2));
if (args.kind === 'serve') {
  const connection = connect(args.stdio);
  startServer(connection, nodeRuntime);
  connection.listen();
} else if (args.kind === 'help') {
  process.stdout.write(SERVER_USAGE);
} else if (args.kind === 'version') {
  process.stdout.write(`claimlint server ${CLAIMLINT_VERSION}\n`);
} else if (args.kind === 'unknown') {
  const what = args.argument.startsWith('-') ? 'option' : 'argument';
  process.stderr.write(`claimlint server: unknown ${what} '${args.argument}' (it takes ${SERVER_ARGUMENTS}).\n\n${SERVER_USAGE}`);
  process.exitCode = 2;
} else {
  process.stderr.write(`claimlint server: no transport given (--stdio, --node-ipc, --socket=PORT or --pipe=NAME).\n\n${SERVER_USAGE}`);
  process.exitCode = 2;
}
