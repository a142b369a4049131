// A reload after a table changes on disk waits 250 ms for the writes to settle, then loads the
// files of the settings in force *then*: a settings change within those 250 ms (a script that
// writes the table and then the settings, the user saving a table and switching the setting off)
// is not undone by a load of the old settings' files (lsp/rules.ts). Synthetic data only.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { writeX12 } from '../unit/helpers/x12-writer';
import { TestClient } from './helpers/lspClient';

const day = { from: 20260310, to: 20260310 };
const row = (c1: string, c2: string, indicator: string) => `${c1}\t${c2}\t\t20200101\t*\t${indicator}\tMutually exclusive procedures`;
const table = (...rows: string[]) => ['Title line', 'Column 1\tColumn 2\t*\tEffective\tDeletion\tModifier\tRationale', ...rows, ''].join('\r\n');
const codes = (p: { diagnostics: { code?: string | number }[] }) => p.diagnostics.map((d) => d.code);

test('a settings change made just after a table file changed is not undone by the reload of the old settings\' files', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'claimlint-settings-'));
  const path = join(dir, 'ptp.txt');
  writeFileSync(path, table(row('99213', '36415', '1')));
  const client = new TestClient({ pullConfiguration: false });
  try {
    await client.initialize({ settings: { ptpEditFiles: [path], builtinEdits: false } });
    const text = writeX12([{ id: 'C1', lines: [{ code: '99213', charge: '90.00', date: day }, { code: '36415', charge: '10.00', date: day }] }]).text;
    const uri = TestClient.uriFor('settings-timer.837');
    assert.deepEqual(codes(await client.open(uri, text)), ['ptp.modifier-required']);

    // The table is saved, and right after (inside the 250 ms the server waits for writes to settle) the table is taken out of the settings.
    writeFileSync(path, table(row('99213', '36415', '0')));
    await sleep(80);
    const cleared = client.waitForDiagnostics(uri, (p) => p.diagnostics.length === 0);
    await client.pushSettings({ claimlint: { ptpEditFiles: [], builtinEdits: false } });
    await cleared;

    // Well after the reload delay (and a worker load of a one-row table), the document is checked again.
    await sleep(1500);
    const after = await client.change(uri, { text: text + '\n' });
    assert.deepEqual(codes(after), [], 'the table no longer in the settings gives no finding');
  } finally {
    await client.shutdown();
    rmSync(dir, { recursive: true, force: true });
  }
});
