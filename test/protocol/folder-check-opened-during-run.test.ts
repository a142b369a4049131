// Found in review (Check All Claim Files). Synthetic data only.
//
// A folder run (lsp/folderCheck.ts runFolder) reads a file from disk when the file is not open,
// and publishes every file's diagnostics only after the last file is read, unversioned. The
// earlier fix (folder-check-open-documents.test.ts) skipped a document edited since the run read
// it, but only for documents that were open when the run reached them. A file the user opened and
// fixed while the run read the other files got its fix checked and published by the normal path
// (version 2, no conflict), and then the run published the saved text's diagnostics over it, with
// no version: the Problems panel showed a conflict on a line the document no longer had, until
// the next edit. A document open at publish time now keeps the editor's diagnostics unless the
// run read that very version.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
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
  dir = mkdtempSync(join(tmpdir(), 'claimlint-review-disk-opened-during-run-'));
});
after(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('a file opened and fixed while a folder run reads other files keeps the diagnostics of its fix', async () => {
  const path = join(dir, 'a.837');
  writeFileSync(path, withConflict);
  // Sorted after a.837: the run has read a.837 from disk before these.
  for (let i = 0; i < 6; i++) writeFileSync(join(dir, `b${i}.837`), batch(4000));
  const uri = pathToFileURL(path).toString();

  const client = new TestClient({ settings: { guideChecks: 'envelope' } });
  try {
    await client.initialize(undefined, { workspaceFolder: dir });
    await client.settingsTaken(1);
    // The client records every publication (a handler of the test's own would replace its recorder).
    const seen = (): PublishDiagnosticsParams[] => client.publications.filter((p) => p.uri === uri);
    const shown = (): string => JSON.stringify(seen().map((p) => [p.version ?? null, p.diagnostics.map((d) => d.code)]));

    // While the run reads the third file, the user opens a.837 and removes the bundled line.
    let edited = false;
    client.connection.onProgress(WorkDoneProgress.type, 'review-opened', (value) => {
      if (!edited && value.kind === 'report' && /^3 of /.test(value.message ?? '')) {
        edited = true;
        void client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'x12', version: 1, text: withConflict } });
        void client.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: 2 }, contentChanges: [{ text: clean }] });
      }
    });
    const result = await client.connection.sendRequest(CheckFolderRequest.type, { workDoneToken: 'review-opened' });
    assert.equal(result.checked, 7);
    assert.ok(edited, 'the document was opened and edited during the run');
    // The edit's own check (already published, or still to come), then a barrier: a request the
    // server answers after anything it publishes before it.
    await client.diagnosticsPublished(uri, (p) => p.version === 2);
    await client.settingsTaken(1);
    assert.ok(seen().some((p) => p.version === 2 && p.diagnostics.length === 0), `the edit was checked: ${shown()}`);

    const last = seen().at(-1)!;
    assert.deepEqual(last.diagnostics.map((d) => d.code), [], `the document at version 2 has no conflict; publications in order: ${shown()}`);
  } finally {
    await client.shutdown();
  }
});
