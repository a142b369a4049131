// Found in review, on claimlint/checkFolder (lsp/diskCheck.ts runFolder) and documents open in
// the editor. Synthetic data only.
//
// 1. An open document is analysed when the run reaches it, but its diagnostics are published only
//    when every file has been read. An edit made meanwhile is checked and published by the normal
//    path, then the run publishes the old version's diagnostics over it: the Problems panel shows
//    findings (and ranges) of text the document no longer has, until the next edit.
// 2. The run names files with Node's pathToFileURL and looks them up among the open documents by
//    that string. VS Code's URIs encode more characters (`(` `)` as %28 %29, and on Windows the
//    drive's colon as %3A), so an open file named like "claims (1).837" is not found: its saved
//    text is read from disk instead of the editor's, and its diagnostics are published for the
//    disk text under a URI VS Code takes for the same document.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DidChangeTextDocumentNotification, DidOpenTextDocumentNotification, WorkDoneProgress, type PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import { CheckFolderRequest } from '../../server/src/lsp/protocol';
import { writeX12 } from '../unit/helpers/x12-writer';
import { TestClient } from './helpers/lspClient';

const DAY = { from: 20260310, to: 20260310 };
const withConflict = writeX12([{ id: 'C1', lines: [{ code: '43214', charge: '100.00', date: DAY }, { code: '43200', charge: '50.00', date: DAY }] }], { lineEnding: '\n' }).text;
const clean = writeX12([{ id: 'C1', lines: [{ code: '43214', charge: '100.00', date: DAY }] }], { lineEnding: '\n' }).text;

/** An 837 of `count` one-line claims without conflicts (reading it from disk takes a while). */
function batch(count: number): string {
  return writeX12(
    Array.from({ length: count }, (_, i) => ({ id: `B${i}`, subscriberId: `Z${i}`, lines: [{ code: '99213', charge: '10.00', date: DAY }] })),
    { transactions: 4, lineEnding: '\n' },
  ).text;
}

let dir = '';
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'claimlint-review-folder-'));
});
after(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/**
 * Every diagnostics publication for the file at `path`, whatever spelling of its URI the server
 * used (this handler replaces the client's own), and a wait for one that `predicate` accepts.
 */
function recordPublications(client: TestClient, path: string): { seen: PublishDiagnosticsParams[]; until(predicate: (p: PublishDiagnosticsParams) => boolean): Promise<void> } {
  const seen: PublishDiagnosticsParams[] = [];
  const waiters: { predicate: (p: PublishDiagnosticsParams) => boolean; resolve: () => void }[] = [];
  client.connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
    if (fileURLToPath(params.uri) !== path) return;
    seen.push(params);
    for (const waiter of waiters) if (waiter.predicate(params)) waiter.resolve();
  });
  return {
    seen,
    until: (predicate) =>
      seen.some(predicate)
        ? Promise.resolve()
        : new Promise((resolve) => {
            waiters.push({ predicate, resolve });
          }),
  };
}

test('an edit made while a folder run reads other files is not overwritten by the diagnostics of the version the run read', async () => {
  const folder = join(dir, 'stale');
  mkdirSync(folder);
  const path = join(folder, 'a.837');
  writeFileSync(path, withConflict);
  // Sorted after a.837: the run reads them after it has analysed the open document.
  for (let i = 0; i < 6; i++) writeFileSync(join(folder, `b${i}.837`), batch(4000));
  const uri = pathToFileURL(path).toString();

  const client = new TestClient({ settings: { guideChecks: 'envelope' } });
  try {
    await client.initialize(undefined, { workspaceFolder: folder });
    const opened = await client.open(uri, withConflict);
    assert.deepEqual(opened.diagnostics.map((d) => d.code), ['ptp.conflict']);
    const { seen, until } = recordPublications(client, path);
    const checkedEdit = until((p) => p.version === 2);

    // The user removes the conflicting line while the run is reading the second file.
    let edited: Promise<void> | null = null;
    client.connection.onProgress(WorkDoneProgress.type, 'review-folder', (value) => {
      if (edited === null && value.kind === 'report' && /^2 of /.test(value.message ?? '')) {
        edited = client.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: 2 }, contentChanges: [{ text: clean }] });
      }
    });
    const result = await client.connection.sendRequest(CheckFolderRequest.type, { workDoneToken: 'review-folder' });
    assert.equal(result.checked, 7);
    assert.ok(edited !== null, 'the edit was sent during the run');
    // The run publishes before it answers; the edit's own check may come later.
    await checkedEdit;

    assert.ok(seen.some((p) => p.version === 2 && p.diagnostics.length === 0), `the edit was checked: ${JSON.stringify(seen.map((p) => [p.version, p.diagnostics.map((d) => d.code)]))}`);
    const last = seen.at(-1)!;
    // The document is at version 2 and has no conflict: what the editor shows last must say so.
    assert.deepEqual(
      { version: last.version, codes: last.diagnostics.map((d) => d.code) },
      { version: 2, codes: [] },
      `publications in order: ${JSON.stringify(seen.map((p) => [p.version, p.diagnostics.map((d) => d.code)]))}`,
    );
  } finally {
    await client.shutdown();
  }
});

test('an open file whose name VS Code percent-encodes differently from Node ("claims (1).837") is checked with the editor\'s text', async () => {
  const folder = join(dir, 'encoded');
  mkdirSync(folder);
  const path = join(folder, 'claims (1).837');
  // On disk: the conflict. In the editor (unsaved): the line removed.
  writeFileSync(path, withConflict);
  // As VS Code's Uri.toString() writes it: every character but letters, digits, - . _ ~ and / encoded.
  const vscodeUri = pathToFileURL(path).toString().replace(/\(/g, '%28').replace(/\)/g, '%29');
  assert.notEqual(vscodeUri, pathToFileURL(path).toString());

  const client = new TestClient({ settings: { guideChecks: 'envelope' } });
  try {
    await client.initialize(undefined, { workspaceFolder: folder });
    const published = client.waitForDiagnostics(vscodeUri);
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: vscodeUri, languageId: 'x12', version: 1, text: clean } });
    assert.deepEqual((await published).diagnostics, [], 'the editor text has no conflict');
    const { seen } = recordPublications(client, path);

    // The run publishes what it found before it answers.
    const result = await client.connection.sendRequest(CheckFolderRequest.type, { workDoneToken: 'review-encoded' });
    assert.equal(result.checked, 1);
    // "Files open in the editor are checked with the editor's text" (protocol.ts).
    assert.equal(result.errors, 0, `the run counted the conflict of the saved file, not the editor's text (${JSON.stringify(result)})`);
    for (const p of seen) assert.deepEqual(p.diagnostics.map((d) => d.code), [], `published for ${p.uri} (version ${p.version}): ${p.diagnostics.map((d) => d.code).join(' ')}`);
  } finally {
    await client.shutdown();
  }
});
