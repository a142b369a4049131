// Check All Claim Files in a multi-root workspace. Synthetic data only.
//
// The client asks which workspace folder to check and sends one CheckFolderRequest per pick
// (client/src/extension.ts claimlint.checkAllFiles). A run of a folder used to cancel whatever
// run was under way, so a user who started folder A and then folder B while A was still read got
// "cancelled" for A and nothing in the Problems panel for it. A newer run now stops only an older
// run it makes stale: the same folder, or one around or inside it (lsp/folderCheck.ts runs).
//
// Both requests are written in the same turn: the server starts the first run and, at the
// first file it awaits, takes the second request, so the second starts while the first reads
// its (2 MB, many-block) file.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CheckFolderRequest } from '../../server/src/lsp/protocol';
import { writeX12, type WriterClaim } from '../unit/helpers/x12-writer';
import { TestClient } from './helpers/lspClient';

const DAY = { from: 20260310, to: 20260310 };

/** `count` claims; the first bills 43200 with 43214 (one PTP conflict in the file). */
function batch(count: number): string {
  const claims: WriterClaim[] = Array.from({ length: count }, (_, i) => ({
    id: `C${i}`,
    subscriberId: `M${i}`,
    lines: [
      { code: '43214', charge: '100.00', date: DAY },
      { code: i === 0 ? '43200' : '99213', charge: '50.00', date: DAY },
    ],
  }));
  return writeX12(claims, { transactions: 2, lineEnding: '\n' }).text;
}

let dir = '';
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'claimlint-folder-runs-'));
});
after(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('a run of a second workspace folder does not cancel the first folder\'s run; a second run of the same folder does', async () => {
  const first = join(dir, 'outbound');
  const second = join(dir, 'rejected');
  mkdirSync(first);
  mkdirSync(second);
  writeFileSync(join(first, 'a.837'), batch(8_000));
  writeFileSync(join(second, 'b.837'), batch(10));

  const client = new TestClient({ settings: { guideChecks: 'envelope' } });
  try {
    await client.initialize(undefined, { workspaceFolder: first });
    await client.settingsTaken(1);

    const [one, two] = await Promise.all([
      client.connection.sendRequest(CheckFolderRequest.type, { folder: pathToFileURL(first).toString() }),
      client.connection.sendRequest(CheckFolderRequest.type, { folder: pathToFileURL(second).toString() }),
    ]);
    assert.equal(one.cancelled, false, `the first folder's run: ${JSON.stringify(one)}`);
    assert.equal(one.checked, 1);
    assert.equal(one.errors, 1);
    assert.equal(two.cancelled, false, `the second folder's run: ${JSON.stringify(two)}`);
    assert.equal(two.errors, 1);

    // The same folder twice at once: the older run's results would be stale, so it stops.
    const [older, newer] = await Promise.all([
      client.connection.sendRequest(CheckFolderRequest.type, { folder: pathToFileURL(first).toString() }),
      client.connection.sendRequest(CheckFolderRequest.type, { folder: pathToFileURL(first).toString() }),
    ]);
    assert.equal(older.cancelled, true, `the older run of the same folder: ${JSON.stringify(older)}`);
    assert.equal(newer.cancelled, false);
    assert.equal(newer.errors, 1);

    // A folder around the first one: the run of the inner folder is stale once it starts.
    const [inner, outer] = await Promise.all([
      client.connection.sendRequest(CheckFolderRequest.type, { folder: pathToFileURL(first).toString() }),
      client.connection.sendRequest(CheckFolderRequest.type, { folder: pathToFileURL(dir).toString() }),
    ]);
    assert.equal(inner.cancelled, true, `the run of the folder inside: ${JSON.stringify(inner)}`);
    assert.equal(outer.cancelled, false);
    assert.equal(outer.checked, 2);
  } finally {
    await client.shutdown();
  }
});
