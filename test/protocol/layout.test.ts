// X12 layout through the server: one segment per line (Format Document) and back to one line
// (the claimlint/layout request behind "Claimlint: Join Segments onto One Line").
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CodeActionResolveRequest, DocumentFormattingRequest, type TextEdit } from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { writeX12 } from '../unit/helpers/x12-writer';
import { TestClient } from './helpers/lspClient';

const day = { from: 20260310, to: 20260310 };

test('single line -> one segment per line -> single line gives back the same bytes, delimiters kept', async () => {
  const client = new TestClient();
  try {
    await client.initialize();
    const { text } = writeX12([{ id: 'C1', lines: [{ code: '99213', charge: '90.00', date: day }] }], { delimiters: { element: '|', component: '>', segment: "'" }, lineEnding: '' });
    const uri = TestClient.uriFor('layout.837');
    await client.open(uri, text);
    const perLine = (await client.connection.sendRequest(DocumentFormattingRequest.type, { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } }))!;
    const formatted = TextDocument.applyEdits(TextDocument.create(uri, 'x12', 1, text), perLine);
    assert.equal(formatted, text.split("'").join("'\n").replace(/\n$/, ''));
    await client.change(uri, { text: formatted });
    const joined = (await client.connection.sendRequest('claimlint/layout', { uri, layout: 'single-line' })) as TextEdit[];
    assert.equal(TextDocument.applyEdits(TextDocument.create(uri, 'x12', 2, formatted), joined), text);
  } finally {
    await client.shutdown();
  }
});

test('a file whose terminator is a line break cannot be joined: no edits, and the user is told why', async () => {
  const client = new TestClient();
  try {
    await client.initialize();
    const { text } = writeX12([{ id: 'C1', lines: [{ code: '99213', charge: '90.00', date: day }] }], { delimiters: { segment: '\n' } });
    const uri = TestClient.uriFor('newline-terminated.837');
    const published = await client.open(uri, text);
    assert.deepEqual(published.diagnostics, []);
    const told = client.waitForNotification('window/showMessage');
    const joined = (await client.connection.sendRequest('claimlint/layout', { uri, layout: 'single-line' })) as TextEdit[];
    assert.deepEqual(joined, []);
    assert.match((await told as { message: string }).message, /line break as its segment terminator/);
  } finally {
    await client.shutdown();
  }
});

test('fix-all is resolved lazily for clients that can, and never for a newer version of the document', async () => {
  const client = new TestClient();
  try {
    await client.initialize(undefined, { resolveCodeActionEdits: true });
    const { text } = writeX12([{ id: 'C1', lines: [{ code: '43214', charge: '9.00', date: day }, { code: '43200', charge: '1.00', date: day }] }]);
    const uri = TestClient.uriFor('resolve.837');
    await client.open(uri, text);
    const [lazy] = await client.fixAllActions(uri);
    assert.ok(lazy && lazy.edit === undefined && lazy.data, 'no edit until resolved');
    const resolved = await client.connection.sendRequest(CodeActionResolveRequest.type, lazy);
    assert.ok(resolved.edit?.documentChanges?.length, 'resolved with its edit');

    await client.change(uri, { text: text + '\n' });
    const stale = await client.connection.sendRequest(CodeActionResolveRequest.type, lazy);
    assert.equal(stale.edit, undefined, 'an action computed for version 1 gets no edit once version 2 is open');
  } finally {
    await client.shutdown();
  }
});
