// Found in review (check from disk). Synthetic data only.
//
// A file listed in claimlint/diskFiles (checked from disk) that the editor then opens normally
// (didOpen: its text now synchronised) and closes again. On didClose the normal path clears the
// URI's diagnostics (lsp/scheduling.ts Checker.closed). DiskChecks (lsp/diskCheck.ts) used to
// hold the file as tracked and checked all the same: nothing checked it from disk again, and a
// later diskFiles request that listed it again (each request lists all such files) was answered
// from the old status without publishing anything, so the Problems panel stayed empty for a file
// whose conflict the server itself reported as `findings: 1`. A file still listed when it is
// closed is now checked from disk again, whether or not a new list follows (VS Code's client
// sends none when the open and the close fall within its 100 ms debounce: the list is unchanged).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DiskFilesRequest } from '../../server/src/lsp/protocol';
import { writeX12 } from '../unit/helpers/x12-writer';
import { TestClient } from './helpers/lspClient';

const DAY = { from: 20260310, to: 20260310 };
const withConflict = writeX12([{ id: 'C1', lines: [{ code: '43214', charge: '100.00', date: DAY }, { code: '43200', charge: '50.00', date: DAY }] }], { lineEnding: '\n' }).text;

let dir = '';
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'claimlint-review-disk-open-close-'));
});
after(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function openedAndClosed(client: TestClient, name: string): Promise<string> {
  const path = join(dir, name);
  writeFileSync(path, withConflict);
  const uri = pathToFileURL(path).toString();
  await client.initialize();
  await client.settingsTaken(1);
  const fromDisk = client.waitForDiagnostics(uri);
  await client.connection.sendRequest(DiskFilesRequest.type, { uris: [uri] });
  assert.deepEqual((await fromDisk).diagnostics.map((d) => d.code), ['ptp.conflict'], 'checked from disk');
  // Opened normally (text synchronised), then closed: the normal path clears its diagnostics.
  assert.deepEqual((await client.open(uri, withConflict)).diagnostics.map((d) => d.code), ['ptp.conflict']);
  const cleared = client.waitForDiagnostics(uri, (p) => p.diagnostics.length === 0);
  await client.close(uri);
  await cleared;
  return uri;
}

test('closed again while still listed: the file is checked from disk again when the client lists it again', async () => {
  const client = new TestClient({ settings: {} });
  try {
    const uri = await openedAndClosed(client, 'listed-again.837');
    const republished = client.waitForDiagnostics(uri, (p) => p.diagnostics.length > 0, 5_000).then(
      (p) => p.diagnostics.map((d) => d.code),
      () => 'nothing published',
    );
    const result = await client.connection.sendRequest(DiskFilesRequest.type, { uris: [uri] });
    assert.deepEqual(result.files.map((f) => [f.state, f.findings]), [['checked', 1]]);
    assert.deepEqual(await republished, ['ptp.conflict'], 'the Problems panel shows the conflict the status counts');
  } finally {
    await client.shutdown();
  }
});

test('closed again while still listed, with no new list (open and close within the client\'s debounce): checked from disk again', async () => {
  const client = new TestClient({ settings: {} });
  try {
    const uri = await openedAndClosed(client, 'not-listed-again.837');
    const republished = await client.waitForDiagnostics(uri, (p) => p.diagnostics.length > 0, 5_000).then(
      (p) => p.diagnostics.map((d) => d.code),
      () => 'nothing published',
    );
    assert.deepEqual(republished, ['ptp.conflict']);
  } finally {
    await client.shutdown();
  }
});
