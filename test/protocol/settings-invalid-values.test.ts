// Settings of the wrong shape are never dropped without a word: editors other than VS Code do
// not check them against package.json. An unknown claimlint.guideChecks value runs the default
// and is said once, naming the setting and the values it takes (core/guides/checks.ts
// guideChecksOf, lsp/settings.ts settingsProblems); one path given as a string, the usual slip in
// a Neovim `settings` table or an eglot plist, is read as a list of one; another type (builtinEdits
// as the text "false", a number for a file list) is said, naming the setting. Synthetic data only.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeX12 } from '../unit/helpers/x12-writer';
import { TestClient } from './helpers/lspClient';

const day = { from: 20260310, to: 20260310 };
const row = (c1: string, c2: string, indicator: string) => `${c1}\t${c2}\t\t20200101\t*\t${indicator}\tMutually exclusive procedures`;
const officeVisit = () => writeX12([{ id: 'C1', lines: [{ code: '99213', charge: '90.00', date: day }, { code: '36415', charge: '10.00', date: day }] }]).text;

/** Everything the server told the user: log lines, messages and load problems. */
function told(client: TestClient): string {
  return client.notifications
    .filter((n) => n.method !== 'claimlint/conflictCount')
    .map((n) => JSON.stringify(n.params))
    .join('\n');
}

const warnings = (client: TestClient) => client.notifications.filter((n) => n.method === 'window/showMessage').map((n) => (n.params as { message: string }).message);

test('an unknown claimlint.guideChecks value is said once, naming the setting and its values, and the default runs', async () => {
  const client = new TestClient({ pullConfiguration: false });
  try {
    // A typo in a Neovim init_options table.
    await client.initialize({ settings: { guideChecks: 'evelope' } });
    await client.open(TestClient.uriFor('settings-guide-typo.837'), officeVisit());
    assert.match(told(client), /claimlint\.guideChecks should be off, envelope or full, not \\"evelope\\"; using full, the default/, `the server says the value of claimlint.guideChecks is not one it knows; it said:\n${told(client)}`);
    assert.equal(warnings(client).length, 1, 'shown as a warning, which every editor shows');

    // The same settings sent again (as clients do with every other change): not said again.
    await client.pushSettings({ claimlint: { guideChecks: 'evelope' } });
    await client.change(TestClient.uriFor('settings-guide-typo.837'), { text: officeVisit() + '\n' });
    assert.equal(warnings(client).length, 1);
  } finally {
    await client.shutdown();
  }
});

test('claimlint.ptpEditFiles given as one path (a string, not a list) is read as a list of that path', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'claimlint-settings-'));
  const table = join(dir, 'ptp.txt');
  writeFileSync(table, ['Title line', row('99213', '36415', '0'), ''].join('\r\n'));
  const client = new TestClient({ pullConfiguration: false });
  try {
    await client.initialize({ settings: { ptpEditFiles: table, builtinEdits: false } });
    const published = await client.open(TestClient.uriFor('settings-string-path.837'), officeVisit());
    assert.deepEqual(published.diagnostics.map((d) => d.code), ['ptp.conflict'], `the table is loaded; the server said:\n${told(client)}`);
  } finally {
    await client.shutdown();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('builtinEdits written as the text "false", and a file setting that is a number, are said, naming each setting', async () => {
  const client = new TestClient({ pullConfiguration: false });
  try {
    await client.initialize({ settings: { builtinEdits: 'false', mueFiles: 2026 } });
    const endoscopy = writeX12([{ id: 'C1', lines: [{ code: '43214', charge: '1.00', date: day }, { code: '43200', charge: '1.00', date: day }] }]).text;
    const published = await client.open(TestClient.uriFor('settings-wrong-types.837'), endoscopy);
    assert.deepEqual(published.diagnostics.map((d) => d.code), [], 'the text "false" is read as false: the built-in set is off');
    assert.match(told(client), /claimlint\.builtinEdits is the text \\"false\\", not true or false: read as false/);
    assert.match(told(client), /claimlint\.mueFiles should be a list of paths \(or one path\), not a number; no file is loaded from it/);
  } finally {
    await client.shutdown();
  }
});
