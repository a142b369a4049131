// The shape of a code action's workspace edit follows the client's workspace.workspaceEdit
// capability. LSP 3.17: "If a client neither supports `documentChanges` nor
// `workspace.workspaceEdit.resourceOperations` then only plain `TextEdit`s using the `changes`
// property are supported." So a client that does not declare documentChanges (false, or no
// workspaceEdit capability at all) gets its quick fixes and fix-all (sent with the action, or on
// codeAction/resolve) as `changes`; one that declares them gets a versioned edit, which its editor
// refuses once the document has changed (convert.ts workspaceEditOf). `changes` carry no version:
// the server refuses to resolve fix-all for a version that is gone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  CodeActionRequest,
  CodeActionResolveRequest,
  InitializeRequest,
  InitializedNotification,
  type CodeAction,
  type TextEdit,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseDocument } from '../../server/src/core/parse';
import { TestClient } from './helpers/lspClient';

const root = resolve(__dirname, '../..');
const example = readFileSync(join(root, 'examples/professional-43214.837'), 'utf8');

/** Initializes with workspace.workspaceEdit.documentChanges as given (undefined: no workspaceEdit capability), resolving fix-all's edit later or not. */
async function initialize(client: TestClient, documentChanges: boolean | undefined, resolveEdits: boolean): Promise<void> {
  await client.connection.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: null,
    workspaceFolders: null,
    capabilities: {
      workspace: { configuration: true, ...(documentChanges === undefined ? {} : { workspaceEdit: { documentChanges } }) },
      textDocument: {
        codeAction: {
          codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll'] } },
          ...(resolveEdits ? { resolveSupport: { properties: ['edit'] }, dataSupport: true } : {}),
        },
        publishDiagnostics: { relatedInformation: true, versionSupport: true },
      },
    },
  });
  await client.connection.sendNotification(InitializedNotification.type, {});
}

/** An action's edits: under changes[uri] when the client did not declare documentChanges, else one versioned text document edit of version 1. */
function editsOf(action: CodeAction, uri: string, versioned: boolean): TextEdit[] {
  if (!versioned) {
    assert.equal(action.edit?.documentChanges, undefined, `${action.title}: no documentChanges for a client that did not declare them`);
    const edits = action.edit?.changes?.[uri];
    assert.ok(edits && edits.length > 0, `${action.title}: its edits under changes[uri]`);
    return edits;
  }
  assert.equal(action.edit?.changes, undefined, `${action.title}: documentChanges only`);
  const [change, ...more] = action.edit?.documentChanges ?? [];
  assert.ok(change && 'edits' in change && more.length === 0, `${action.title}: one text document edit`);
  assert.deepEqual(change.textDocument, { uri, version: 1 }, 'naming the version it was computed for');
  return change.edits as TextEdit[];
}

for (const [name, declared] of [
  ['workspace.workspaceEdit.documentChanges false', false],
  ['no workspace.workspaceEdit capability at all', undefined],
  ['workspace.workspaceEdit.documentChanges true', true],
] as const) {
  for (const resolveEdits of [false, true]) {
    const versioned = declared === true;
    test(`${name}, ${resolveEdits ? 'fix-all resolved later' : 'fix-all sent with its edits'}: quick fixes and fix-all come as ${versioned ? 'versioned documentChanges' : 'changes'}, and applying them removes the bundled lines`, async () => {
      const client = new TestClient({ settings: {} });
      try {
        await initialize(client, declared, resolveEdits);
        const uri = TestClient.uriFor(`workspace-edit-${String(declared)}-${resolveEdits ? 'resolve' : 'inline'}.837`);
        const { diagnostics } = await client.open(uri, example);
        const conflict = diagnostics.find((d) => d.code === 'ptp.conflict');
        assert.ok(conflict, 'the example has its 43214 conflicts');

        const quick = (await client.connection.sendRequest(CodeActionRequest.type, {
          textDocument: { uri },
          range: conflict.range,
          context: { diagnostics: [conflict], only: ['quickfix'], triggerKind: 1 },
        })) as CodeAction[];
        const removal = quick.find((a) => a.title.startsWith('Remove'));
        assert.ok(removal, 'a removal quick fix');
        const once = TextDocument.applyEdits(TextDocument.create(uri, 'x12', 1, example), editsOf(removal, uri, versioned));
        assert.equal(parseDocument(once).claims[0]!.lines.length, 2, 'one line of claim 1 removed');

        const all = (await client.connection.sendRequest(CodeActionRequest.type, {
          textDocument: { uri },
          range: conflict.range,
          context: { diagnostics: [], only: ['source.fixAll'], triggerKind: 1 },
        })) as CodeAction[];
        assert.equal(all.length, 1);
        let fixAll = all[0]!;
        if (resolveEdits) {
          assert.equal(fixAll.edit, undefined, 'the edit comes on resolve');
          fixAll = await client.connection.sendRequest(CodeActionResolveRequest.type, fixAll);
        }
        const fixed = TextDocument.applyEdits(TextDocument.create(uri, 'x12', 1, example), editsOf(fixAll, uri, versioned));
        assert.deepEqual(parseDocument(fixed).claims[0]!.lines.map((l) => l.code), ['43214']);

        if (resolveEdits) {
          // `changes` name no version, so the server is the one to refuse a fix-all offered for a version that is gone.
          await client.change(uri, { text: fixed });
          const stale = await client.connection.sendRequest(CodeActionResolveRequest.type, all[0]!);
          assert.equal(stale.edit, undefined, 'no edit for version 1 once version 2 is open');
        }
      } finally {
        await client.shutdown();
      }
    });
  }
}
