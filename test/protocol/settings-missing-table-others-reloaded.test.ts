// While one configured table is missing (removed from disk, the setting not updated yet), its
// rules are kept, as the warning says, and a change to another configured table is still applied:
// lsp/rules.ts takes the new load's rows for every other file and the missing file's from the
// rules before (lsp/keptRows.ts), rather than throwing the whole load away. Synthetic data only.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeX12 } from '../unit/helpers/x12-writer';
import { TestClient } from './helpers/lspClient';

const day = { from: 20260310, to: 20260310 };
const row = (c1: string, c2: string, indicator: string) => `${c1}\t${c2}\t\t20200101\t*\t${indicator}\tMutually exclusive procedures`;
const table = (...rows: string[]) => ['Title line', 'Column 1\tColumn 2\t*\tEffective\tDeletion\tModifier\tRationale', ...rows, ''].join('\r\n');
const codes = (p: { diagnostics: { code?: string | number }[] }) => p.diagnostics.map((d) => d.code).sort();

test('while one PTP table is missing, a change to another configured table is still applied', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'claimlint-settings-'));
  const oldQuarter = join(dir, 'ptp-old.txt');
  const current = join(dir, 'ptp-current.txt');
  writeFileSync(oldQuarter, table(row('99213', '36415', '0')));
  writeFileSync(current, table(row('99214', '81002', '1')));
  const client = new TestClient({ pullConfiguration: false });
  try {
    await client.initialize({ settings: { ptpEditFiles: [oldQuarter, current], builtinEdits: false } });
    const text = writeX12([{ id: 'C1', lines: ['99213', '36415', '99214', '81002'].map((code) => ({ code, charge: '10.00', date: day })) }]).text;
    const uri = TestClient.uriFor('settings-two-tables.837');
    assert.deepEqual(codes(await client.open(uri, text)), ['ptp.conflict', 'ptp.modifier-required']);

    // The old quarter's table is removed from disk (the setting not updated yet): its rules are kept, as the warning says.
    const warned = client.waitForNotification('claimlint/loadProblems');
    unlinkSync(oldQuarter);
    const { problems } = (await warned) as { problems: string[] };
    assert.ok(problems.some((p) => p.includes('ptp-old.txt') && /kept the rules/.test(p)), problems.join('\n'));

    // The other table is edited: its 99214/81002 edit becomes indicator 0.
    const updated = client.waitForDiagnostics(uri, (p) => codes(p).join() === 'ptp.conflict,ptp.conflict', 8000);
    writeFileSync(current, table(row('99214', '81002', '0')));
    const published = await updated.catch(() => null);
    assert.ok(published, 'the edited table is loaded although another configured table is missing');
  } finally {
    await client.shutdown();
    rmSync(dir, { recursive: true, force: true });
  }
});
