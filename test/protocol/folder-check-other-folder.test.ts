// Found in review (Check All Claim Files). Synthetic data only.
//
// In a multi-root workspace the client asks which folder to check (client/src/extension.ts
// claimlint.checkAllFiles: showWorkspaceFolderPick) and sends it as CheckFolderRequest.folder.
// After a run, FolderChecks (lsp/folderCheck.ts) clears the diagnostics of URIs an earlier run
// published that this run did not, meant for files that are no longer claim files there (deleted,
// renamed). It used to clear them whichever folder the earlier run was of: checking the second
// workspace folder wiped every problem the first folder's run found, though none of its files
// changed. Only URIs under the folder the run covered are cleared now: the user checks folder A
// (a conflict shown), then folder B, and A's conflict stays in the Problems panel.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import { CheckFolderRequest } from '../../server/src/lsp/protocol';
import { writeX12 } from '../unit/helpers/x12-writer';
import { TestClient } from './helpers/lspClient';

const DAY = { from: 20260310, to: 20260310 };
const withConflict = writeX12([{ id: 'C1', lines: [{ code: '43214', charge: '100.00', date: DAY }, { code: '43200', charge: '50.00', date: DAY }] }], { lineEnding: '\n' }).text;

let dir = '';
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'claimlint-review-disk-two-folders-'));
});
after(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('checking a second workspace folder leaves the first folder\'s results in place', async () => {
  const first = join(dir, 'outbound');
  const second = join(dir, 'rejected');
  mkdirSync(first);
  mkdirSync(second);
  writeFileSync(join(first, 'a.837'), withConflict);
  writeFileSync(join(second, 'b.837'), withConflict);
  const a = pathToFileURL(join(first, 'a.837')).toString();

  const client = new TestClient({ settings: { guideChecks: 'envelope' } });
  try {
    await client.initialize(undefined, { workspaceFolder: first });
    await client.settingsTaken(1);
    // What the server publishes from here on (the client records every publication).
    const from = client.publications.length;
    const published = (): PublishDiagnosticsParams[] => client.publications.slice(from);

    const one = await client.connection.sendRequest(CheckFolderRequest.type, { folder: pathToFileURL(first).toString() });
    assert.equal(one.errors, 1);
    assert.deepEqual(published().filter((p) => p.uri === a).at(-1)?.diagnostics.map((d) => d.code), ['ptp.conflict']);

    const two = await client.connection.sendRequest(CheckFolderRequest.type, { folder: pathToFileURL(second).toString() });
    assert.equal(two.errors, 1);
    // a.837 is unchanged, and was not part of this run: its conflict should still be shown.
    assert.deepEqual(
      published().filter((p) => p.uri === a).at(-1)?.diagnostics.map((d) => d.code),
      ['ptp.conflict'],
      `publications for a.837: ${JSON.stringify(published().filter((p) => p.uri === a).map((p) => p.diagnostics.map((d) => d.code)))}`,
    );
  } finally {
    await client.shutdown();
  }
});
