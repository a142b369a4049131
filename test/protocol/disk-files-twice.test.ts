// Found in review: a claimlint/diskFiles request that lists a file whose first check another
// request started answered before that check with an empty status (no claims, no findings), or,
// when it came before the first look (a stat) was done, watched and read the file a second time.
// Synthetic data only.
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
let dir = '';
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'claimlint-disk-twice-'));
});
after(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('a file listed by two requests at once is read once, and both requests get its status', async () => {
  const path = join(dir, 'big.837');
  writeFileSync(path, writeX12([{ id: 'C1', lines: [{ code: '43214', charge: '100.00', date: DAY }, { code: '43200', charge: '50.00', date: DAY }] }], { lineEnding: '\n' }).text);
  const uri = pathToFileURL(path).toString();
  const client = new TestClient({ settings: {} });
  try {
    await client.initialize();
    await client.settingsTaken(1);
    // Each resolves once the files it newly lists are checked.
    const [first, second] = await Promise.all([
      client.connection.sendRequest(DiskFilesRequest.type, { uris: [uri] }),
      client.connection.sendRequest(DiskFilesRequest.type, { uris: [uri] }),
    ]);
    assert.deepEqual(first.files.map((f) => f.state), ['checked']);
    assert.deepEqual(second.files.map((f) => [f.state, f.claims]), [['checked', 1]]);
    const reads = client.notifications.filter((n) => n.method === 'window/logMessage' && (n.params as { message: string }).message.startsWith('Claimlint: checked big.837 from disk:'));
    assert.equal(reads.length, 1);
  } finally {
    await client.shutdown();
  }
});
