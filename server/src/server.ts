// Node entry point of the language server. `node server/out/server.js --stdio` (any LSP
// editor), --node-ipc (VS Code), --socket=PORT or --pipe=NAME: the transport is picked from the
// command line as the library's createConnection picks it, and every transport's reader is
// wrapped in CheckedReader (lsp/messageHygiene.ts), which refuses what is not a message without
// logging it. stdin is read through MessageFraming, which refuses a Content-Length the library
// would wait on forever (see lsp/framing.ts).
import {
  createConnection,
  createServerPipeTransport,
  createServerSocketTransport,
  IPCMessageReader,
  IPCMessageWriter,
  ProposedFeatures,
  StreamMessageReader,
  StreamMessageWriter,
  type Connection,
  type MessageReader,
  type MessageWriter,
} from 'vscode-languageserver/node';
import { MessageFraming } from './lsp/framing';
import { jsonDecoder } from './lsp/jsonDecoder';
import { CheckedReader } from './lsp/messageHygiene';
import { startServer } from './lsp/startServer';
import { nodeRuntime } from './lsp/runtime';
import { routeConsoleTo } from './lsp/stdio';
import { otherTransportOf, readServerArguments, SERVER_ARGUMENTS, SERVER_USAGE } from './lsp/serverArguments';
import { version as CLAIMLINT_VERSION } from '../../package.json';

function connect(stdio: boolean): Connection {
  let log: (reason: string) => void = () => undefined;
  const refused = (reason: string): void => log(reason);
  const transport = stdio ? stdioTransport(refused) : otherTransport(process.argv.slice(2));
  const reader = new CheckedReader(transport.reader, refused, stdio);
  // Given a reader rather than a stream, the library no longer ends the process when stdin ends:
  // that is done here as it does (0 after a shutdown request, else 1).
  transport.onEnd?.(() => process.exit(reader.shutdownRequested ? 0 : 1));
  const connection = createConnection(ProposedFeatures.all, reader, transport.writer);
  // stdout carries the protocol (stdio): the console goes to the client's log.
  if (stdio) routeConsoleTo(connection);
  log = (reason) => connection.console.warn(`Claimlint: refused a message from the client: ${reason}.`);
  return connection;
}

interface Transport {
  reader: MessageReader;
  writer: MessageWriter;
  /** Calls `end` when the input ends (stdin; the library watches the other transports). */
  onEnd?: (end: () => void) => void;
}

/** stdin through MessageFraming (`refused`: told why a section was), read with jsonDecoder (lsp/jsonDecoder.ts). */
function stdioTransport(refused: (reason: string) => void): Transport {
  const framing = new MessageFraming(refused);
  process.stdin.on('error', (error) => framing.destroy(error));
  process.stdin.pipe(framing);
  const reader = new StreamMessageReader(framing, { contentTypeDecoder: jsonDecoder });
  const onEnd = (end: () => void): void => {
    framing.on('end', end);
    framing.on('close', end);
  };
  return { reader, writer: new StreamMessageWriter(process.stdout), onEnd };
}

/** The other transports, from the command line as the library reads it (the first transport named wins: serverArguments.ts). */
function otherTransport(argv: readonly string[]): Transport {
  const named = otherTransportOf(argv);
  // readServerArguments let through only a command line that names a transport.
  if (named === null) throw new Error('no transport on the command line');
  const [reader, writer]: [MessageReader, MessageWriter] =
    named.kind === 'node-ipc' ? [new IPCMessageReader(process), new IPCMessageWriter(process)] : named.kind === 'socket' ? createServerSocketTransport(named.port) : createServerPipeTransport(named.name);
  return { reader, writer };
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
} else if (args.kind === 'bad-port') {
  process.stderr.write(`claimlint server: --socket takes a port number (1-65535), not ${JSON.stringify(args.value)}.\n\n${SERVER_USAGE}`, () => process.exit(2));
} else if (args.kind === 'unknown') {
  const what = args.argument.startsWith('-') ? 'option' : 'argument';
  // Exit once it is written (stderr may be a pipe written later): the library, once loaded, watches a
  // --clientProcessId and would keep the process alive.
  process.stderr.write(`claimlint server: unknown ${what} '${args.argument}' (it takes ${SERVER_ARGUMENTS}).\n\n${SERVER_USAGE}`, () => process.exit(2));
} else {
  process.stderr.write(`claimlint server: no transport given (--stdio, --node-ipc, --socket=PORT or --pipe=NAME).\n\n${SERVER_USAGE}`, () => process.exit(2));
}
