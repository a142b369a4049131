// Two things a user of another editor (Neovim, Emacs, Helix) met with the table settings:
// - One folder holding every CMS download, each table in the zip it came in, set for both
//   ptpEditFiles and mueFiles: the MUE zip holds no PTP edit and the PTP zip no MUE value. Each
//   setting takes its own kind; the others are skipped, said in the log only, not as problems.
// - A table that failed to load was said only in claimlint/loadProblems, which only the VS Code
//   extension shows: the user believed its edits were checked. A client that does not say it
//   shows that notification (initializationOptions.showsLoadProblems) gets window/showMessage too.
// Synthetic data only.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { writeX12 } from '../unit/helpers/x12-writer';
import { practitionerMueCsv, practitionerPtpText } from '../unit/helpers/ncci-tables';
import { TestClient } from './helpers/lspClient';

const day = { from: 20260310, to: 20260310 };
/** 99213 and 36415 (2 units) on one day: a PTP conflict under the PTP row, over the MUE under the MUE row. */
const officeVisit = () =>
  writeX12([{ id: 'C1', lines: [{ code: '99213', charge: '90.00', date: day }, { code: '36415', charge: '10.00', date: day, units: '2' }] }]).text;

const codes = (p: { diagnostics: { code?: string | number }[] }) => p.diagnostics.map((d) => d.code).sort();
const warnings = (client: TestClient) => client.notifications.filter((n) => n.method === 'window/showMessage').map((n) => (n.params as { message: string }).message);
const logged = (client: TestClient) => client.notifications.filter((n) => n.method === 'window/logMessage').map((n) => (n.params as { message: string }).message);
const loadProblems = (client: TestClient) => client.notifications.filter((n) => n.method === 'claimlint/loadProblems');

test('a folder of the CMS zips set for PTP and MUE tables: each setting takes its table, the other zip is skipped in the log, no problem is said', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'claimlint-downloads-'));
  const ncci = join(dir, 'ncci');
  mkdirSync(ncci);
  writeFileSync(join(ncci, 'medicare-ncci-2026q3-practitioner-ptp-edits-ccipra-v322r0-f1.zip'), zipSync({ 'ccipra-v322r0-f1.TXT': strToU8(practitionerPtpText(['99213\t36415\t\t20200101\t*\t0\tMisuse of column two code with column one code'])) }));
  writeFileSync(join(ncci, 'medicare-ncci-2026-q3-practitioner-services-mue-table.zip'), zipSync({ 'MCR_MUE_PractitionerServices.csv': strToU8(practitionerMueCsv(['36415,1,3,Clinical'])) }));
  const client = new TestClient({ pullConfiguration: false });
  try {
    await client.initialize({ settings: { ptpEditFiles: [ncci], mueFiles: [ncci], builtinEdits: false } });
    const uri = TestClient.uriFor('downloads-folder.837');
    await client.open(uri, officeVisit());
    // Published at the open, or again once the tables are loaded.
    const published = await client.diagnosticsPublished(uri, (p) => codes(p).length === 2, 8000);
    assert.deepEqual(codes(published), ['mue.exceeded', 'ptp.conflict']);
    await client.barrier();
    assert.deepEqual(loadProblems(client), [], 'no file is a problem');
    assert.deepEqual(warnings(client), [], 'nothing to warn about');
    const log = logged(client);
    assert.ok(log.some((m) => /^Claimlint rules: skipped .*mue-table\.zip › MCR_MUE_PractitionerServices\.csv: not a PTP table/.test(m)), log.join('\n'));
    assert.ok(log.some((m) => /^Claimlint rules: skipped .*ptp-edits-ccipra-v322r0-f1\.zip › ccipra-v322r0-f1\.TXT: not an MUE table/.test(m)), log.join('\n'));
    assert.ok(log.some((m) => /PTP tables: 1 of 1 file loaded \(1 edit; 1 file of other kinds skipped\)/.test(m)), log.join('\n'));
  } finally {
    await client.shutdown();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a table that cannot be read is shown as a warning to a client that does not show claimlint/loadProblems itself', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'claimlint-missing-'));
  const missing = join(dir, 'missing.txt');
  const client = new TestClient({ pullConfiguration: false });
  try {
    await client.initialize({ settings: { ptpEditFiles: [missing] } });
    await client.waitForNotification('window/showMessage');
    assert.deepEqual(warnings(client), [`Claimlint rules: ${missing}: cannot read: file not found`]);
    assert.equal(loadProblems(client).length, 1, 'the notification goes too');
  } finally {
    await client.shutdown();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a client that shows claimlint/loadProblems itself (the VS Code extension) is not sent the warning twice', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'claimlint-missing-'));
  const missing = join(dir, 'missing.txt');
  const client = new TestClient({ pullConfiguration: false });
  try {
    await client.initialize({ settings: { ptpEditFiles: [missing] }, showsLoadProblems: true });
    const { problems } = (await client.waitForNotification('claimlint/loadProblems')) as { problems: string[] };
    assert.deepEqual(problems, [`${missing}: cannot read: file not found`]);
    await client.barrier();
    assert.deepEqual(warnings(client), []);
  } finally {
    await client.shutdown();
    rmSync(dir, { recursive: true, force: true });
  }
});
