// Node entry point of the language server. `node server/out/server.js --stdio` (any LSP
// editor) or IPC (VS Code): createConnection picks the transport from the command line.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './lsp/startServer';
import { nodeRuntime } from './lsp/runtime';

const connection = createConnection(ProposedFeatures.all);
startServer(connection, nodeRuntime);
connection.listen();
