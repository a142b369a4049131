// A configured table that is missing is loaded once it appears: deleted and written again (`rm`,
// then a download), or named in the settings before it is downloaded. fs.watch cannot watch a
// path that does not exist, so lsp/runtime.ts watches its nearest existing folder until it does.
// The warning's "kept the rules loaded from it before until it can be read again" then holds.
// Synthetic data only.
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

/** 99213 with 36415 on one day: a conflict only under the user table (the built-in set is off). */
const officeVisit = () => writeX12([{ id: 'C1', lines: [{ code: '99213', charge: '90.00', date: day }, { code: '36415', charge: '10.00', date: day }] }]).text;

const codes = (p: { diagnostics: { code?: string | number }[] }) => p.diagnostics.map((d) => d.code);

test('a table file that is deleted and written again is loaded again (the warning says its rules are kept "until it can be read again")', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'claimlint-settings-'));
  const path = join(dir, 'ptp.txt');
  writeFileSync(path, table(row('99213', '36415', '1')));
  const client = new TestClient({ pullConfiguration: false });
  try {
    await client.initialize({ settings: { ptpEditFiles: [path], builtinEdits: false } });
    const uri = TestClient.uriFor('settings-recreated.837');
    assert.deepEqual(codes(await client.open(uri, officeVisit())), ['ptp.modifier-required']);

    // The file goes away (a download replacing it, `rm` then `cp`): the rules stay, the user is told.
    const warned = client.waitForNotification('claimlint/loadProblems');
    unlinkSync(path);
    const { problems } = (await warned) as { problems: string[] };
    assert.ok(problems.some((p) => /kept the rules/.test(p)), problems.join('\n'));

    // The new table is written: indicator 0 now.
    const reloaded = client.waitForDiagnostics(uri, (p) => codes(p).includes('ptp.conflict'), 8000);
    writeFileSync(path, table(row('99213', '36415', '0')));
    const published = await reloaded.catch(() => null);
    assert.ok(published, 'the table written again at the same path is loaded and the open document checked with it');
  } finally {
    await client.shutdown();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a table the settings name before it exists is loaded once it is created', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'claimlint-settings-'));
  const path = join(dir, 'ptp-next-quarter.txt');
  const client = new TestClient({ pullConfiguration: false });
  try {
    await client.initialize({ settings: { ptpEditFiles: [path], builtinEdits: false } });
    const { problems } = (await client.waitForNotification('claimlint/loadProblems')) as { problems: string[] };
    assert.deepEqual(problems, [`${path}: cannot read: file not found`]);
    const uri = TestClient.uriFor('settings-created.837');
    assert.deepEqual(codes(await client.open(uri, officeVisit())), []);

    // The user downloads the table to the path the setting names.
    const loaded = client.waitForDiagnostics(uri, (p) => codes(p).includes('ptp.conflict'), 8000);
    writeFileSync(path, table(row('99213', '36415', '0')));
    const published = await loaded.catch(() => null);
    assert.ok(published, 'the created table is loaded ("Reloaded when a file changes") and the open document checked with it');
  } finally {
    await client.shutdown();
    rmSync(dir, { recursive: true, force: true });
  }
});
