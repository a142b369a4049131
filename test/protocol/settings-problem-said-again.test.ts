// A load problem is said once while it lasts, not once per server process: a missing table that
// is taken out of the settings and later set again, still missing, is warned about again
// (lsp/rules.ts forgets a problem after a load without it). Synthetic data only.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestClient } from './helpers/lspClient';

function logged(client: TestClient): string[] {
  return client.notifications.filter((n) => n.method === 'window/logMessage').map((n) => (n.params as { message: string }).message);
}

/** Waits for the count-th load's summary in the log (each load ends with one), notification by notification. */
async function waitForLoads(client: TestClient, count: number): Promise<void> {
  const isLoad = (params: unknown) => (params as { message: string }).message.startsWith('Claimlint rules loaded:');
  const loads = () => client.notifications.flatMap((n, at) => (n.method === 'window/logMessage' && isLoad(n.params) ? [at] : []));
  while (loads().length < count) await client.waitForNotification('window/logMessage', 10_000, isLoad, (loads().at(-1) ?? -1) + 1);
}

test('a missing table set again after it was taken out of the settings is warned about again', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'claimlint-settings-'));
  const missing = join(dir, 'ptp-2027q1.txt');
  const client = new TestClient({ pullConfiguration: false });
  try {
    await client.initialize({ settings: { ptpEditFiles: [missing] } });
    await waitForLoads(client, 1);
    const warnings = () => client.notifications.filter((n) => n.method === 'claimlint/loadProblems').length;
    assert.equal(warnings(), 1, 'the missing table is warned about');

    await client.pushSettings({ claimlint: { ptpEditFiles: [] } });
    await waitForLoads(client, 2);
    await client.pushSettings({ claimlint: { ptpEditFiles: [missing] } });
    await waitForLoads(client, 3);
    assert.match(logged(client).filter((m) => m.startsWith('Claimlint rules loaded:')).at(-1)!, /PTP tables: 0 of 1 file loaded/);
    assert.equal(warnings(), 2, 'set again and still missing: the user is warned again');
  } finally {
    await client.shutdown();
    rmSync(dir, { recursive: true, force: true });
  }
});
