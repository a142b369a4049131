// Wires LSP requests to the core. No claim logic lives here.
import {
  type Connection,
  TextDocuments,
  TextDocumentSyncKind,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Runtime } from './runtime';

export function startServer(connection: Connection, _runtime: Runtime): void {
  const documents = new TextDocuments(TextDocument);

  connection.onInitialize((): InitializeResult => ({
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      hoverProvider: true,
    },
    serverInfo: { name: 'claimlint', version: '0.1.0' },
  }));

  connection.onHover(() => null);

  documents.listen(connection);
}
