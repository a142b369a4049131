// Node entry point of the language server. `node server/out/server.js --stdio` (any LSP
// editor) or IPC (VS Code): createConnection picks the transport from the command line, except
// that stdin is read through MessageFraming, which refuses a Content-Length the library would
// wait on forever (see lsp/framing.ts).
import { createConnection, ProposedFeatures, type Connection } from 'vscode-languageserver/node';
import { MessageFraming } from './lsp/framing';
import { startServer } from './lsp/startServer';
import { nodeRuntime } from './lsp/runtime';
import { routeConsoleTo } from './lsp/stdio';
import { readServerArguments, SERVER_USAGE } from './lsp/serverArguments';

function connect(stdio: boolean): Connection {
  if (!stdio) return createConnection(ProposedFeatures.all);
  let log: (reason: string) => void = () => undefined;
  const framing = new MessageFraming((reason) => log(reason));
  process.stdin.on('error', (error) => framing.destroy(error));
  process.stdin.pipe(framing);
  // Given streams, the library ends the process when stdin ends, as with --stdio, but leaves the
  // console alone: stdout carries the protocol, so the console goes to the client's log.
  const connection = createConnection(ProposedFeatures.all, framing, process.stdout);
  routeConsoleTo(connection);
  log = (reason) => connection.console.warn(`Claimlint: refused a message from the client: ${reason}.`);
  return connection;
}

const args = readServerArguments(process.argv.slice(2));
if (args.kind === 'serve') {
  const connection = connect(args.stdio);
  startServer(connection, nodeRuntime);
  connection.listen();
} else if (args.kind === 'help') {
  process.stdout.write(SERVER_USAGE);
} else {
  process.stderr.write(`claimlint server: no transport given (--stdio, --node-ipc, --socket=PORT or --pipe=NAME).\n\n${SERVER_USAGE}`);
  process.exitCode = 2;
}
