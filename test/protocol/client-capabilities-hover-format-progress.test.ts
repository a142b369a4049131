// Found in review: hovers were always Markdown, even to a client whose hover.contentFormat names
// only plaintext, and claimlint/checkFolder failed (-32603) when the client refused
// window/workDoneProgress/create.
// What the server sends follows what the client declared it can take: a hover in a format the
// client reads (eglot without markdown-mode declares hover.contentFormat ['plaintext']), and a
// folder check that does not depend on the client agreeing to show progress
// (window/workDoneProgress/create may be answered with an error; LSP 3.17 then only forbids
// progress on that token).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  HoverRequest,
  InitializeRequest,
  InitializedNotification,
  ResponseError,
  WorkDoneProgressCreateRequest,
  type MarkupContent,
  type ClientCapabilities,
} from 'vscode-languageserver-protocol/node';
import { writeX12 } from '../unit/helpers/x12-writer';
import { TestClient } from './helpers/lspClient';
import { rangeOf } from './helpers/text';
import { settle, withDeadline } from '../fuzz/protocol';
import { CheckFolderRequest } from '../../server/src/lsp/protocol';

const ANSWER_MS = 10000;
const day = { from: 20260310, to: 20260310 };

function conflict(): string {
  return writeX12([{ id: 'C1', lines: [{ code: '43214', charge: '1500.00', date: day }, { code: '43200', charge: '400.00', date: day }] }], { lineEnding: '\n' }).text;
}

async function initializeWith(client: TestClient, capabilities: ClientCapabilities, folder: string | null = null): Promise<void> {
  const folderUri = folder ? pathToFileURL(folder).toString() : null;
  await client.connection.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: folderUri,
    workspaceFolders: folderUri ? [{ uri: folderUri, name: 'workspace' }] : null,
    capabilities,
  });
  await client.connection.sendNotification(InitializedNotification.type, {});
}

test('a client whose hover.contentFormat is only plaintext gets a plaintext hover, not Markdown', async () => {
  const client = new TestClient({ pullConfiguration: false });
  try {
    await initializeWith(client, { textDocument: { hover: { contentFormat: ['plaintext'] } } });
    const uri = TestClient.uriFor('review-plaintext-hover.837');
    const text = conflict();
    await client.open(uri, text);
    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: rangeOf(text, 'HC:43200', '43200').start });
    assert.ok(hover, 'a hover on the procedure code');
    const contents = hover.contents as MarkupContent;
    assert.equal(contents.kind, 'plaintext', `the client said it reads plaintext only; got ${JSON.stringify(contents).slice(0, 160)}`);
    assert.match(contents.value, /^43200\b/, contents.value);
    assert.doesNotMatch(contents.value, /\*\*|`|\\/, 'no Markdown marks or escapes left in the plain text');
  } finally {
    await client.shutdown();
  }
});

test('claimlint/checkFolder still checks the folder when the client refuses window/workDoneProgress/create', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'claimlint-review-progress-'));
  writeFileSync(join(dir, 'a.837'), conflict());
  const client = new TestClient({ pullConfiguration: false });
  let asked = 0;
  client.connection.onRequest(WorkDoneProgressCreateRequest.type, () => {
    asked++;
    return new ResponseError(-32603, 'this client shows no progress for server-initiated work');
  });
  try {
    await initializeWith(client, { window: { workDoneProgress: true } }, dir);
    const outcome = await withDeadline(settle(client.connection.sendRequest(CheckFolderRequest.type, {})), ANSWER_MS, 'checkFolder');
    assert.equal(asked, 1, 'the server asked for a progress token');
    assert.equal(outcome.error, undefined, `the check itself does not fail: ${outcome.error?.message}`);
    assert.equal(outcome.result?.checked, 1);
    assert.equal(outcome.result?.errors, 1);
  } finally {
    await client.shutdown();
    rmSync(dir, { recursive: true, force: true });
  }
});
