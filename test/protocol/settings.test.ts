// Settings reach the server and user tables reload when they change on disk.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { CodeActionKind, CodeActionRequest } from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { writeX12 } from '../unit/helpers/x12-writer';
import { statementPeriod } from './helpers/guideDates';
import { TestClient } from './helpers/lspClient';

const day = { from: 20260310, to: 20260310 };
const row = (c1: string, c2: string, indicator: string) => `${c1}\t${c2}\t\t20200101\t*\t${indicator}\tMutually exclusive procedures`;

test('a PTP table from the settings applies, reloads when the file changes, and survives the file going missing', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'claimlint-settings-'));
  const table = join(dir, 'ptp.txt');
  writeFileSync(table, ['Title line', 'Column 1\tColumn 2\t*\tEffective\tDeletion\tModifier\tRationale', row('99213', '36415', '1'), ''].join('\r\n'));
  const client = new TestClient({ settings: { ptpEditFiles: [table], descriptorFiles: [], builtinEdits: false } });
  try {
    await client.initialize();
    const { text } = writeX12([{ id: 'C1', lines: [{ code: '99213', charge: '90.00', date: day }, { code: '36415', charge: '10.00', date: day }, { code: '43214', charge: '1.00', date: day }, { code: '43200', charge: '1.00', date: day }] }]);
    const uri = TestClient.uriFor('settings.837');
    const first = await client.open(uri, text);
    assert.deepEqual(first.diagnostics.map((d) => d.code), ['ptp.modifier-required'], 'the user edit applies; the built-in set is off');

    // The table is rewritten with indicator 0: the warning becomes an error without any request.
    const updated = client.waitForDiagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'ptp.conflict'));
    writeFileSync(table, ['Title line', row('99213', '36415', '0'), ''].join('\r\n'));
    assert.equal((await updated).diagnostics[0]!.severity, 1);

    // The file disappears: the rules loaded from it stay, and the user is told once.
    const warned = client.waitForNotification('claimlint/loadProblems');
    unlinkSync(table);
    const problems = (await warned) as { problems: string[] };
    assert.ok(problems.problems.some((p) => p.includes('ptp.txt') && /kept the rules/.test(p)), problems.problems.join('\n'));
    const again = await client.change(uri, { text: text + '\n' });
    assert.deepEqual(again.diagnostics.map((d) => d.code), ['ptp.conflict']);

    // Switching the built-in set on through the settings re-checks open documents.
    const withBuiltin = client.waitForDiagnostics(uri, (p) => p.diagnostics.length === 1 && p.diagnostics[0]!.code === 'ptp.conflict' && String(p.diagnostics[0]!.message).includes('43214'));
    await client.changeSettings({ ptpEditFiles: [], descriptorFiles: [], builtinEdits: true });
    assert.ok(await withBuiltin);
  } finally {
    await client.shutdown();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('an unreadable table is reported once with its path, and the built-in edits still apply', async () => {
  const client = new TestClient({ settings: { ptpEditFiles: ['/nonexistent/claimlint/ptp.txt'], descriptorFiles: [], builtinEdits: true } });
  try {
    await client.initialize();
    const problems = (await client.waitForNotification('claimlint/loadProblems')) as { problems: string[] };
    assert.deepEqual(problems.problems, ['/nonexistent/claimlint/ptp.txt: cannot read: file not found']);
    const { text } = writeX12([{ id: 'C1', lines: [{ code: '43214', charge: '1.00', date: day }, { code: '43200', charge: '1.00', date: day }] }]);
    const published = await client.open(TestClient.uriFor('unreadable.837'), text);
    assert.deepEqual(published.diagnostics.map((d) => d.code), ['ptp.conflict']);
  } finally {
    await client.shutdown();
  }
});

/** A CMS-style PTP table in a new temporary folder (name may hold a subfolder); returns the folder and the table's path. */
function tableIn(rows: string[], name = 'ptp.txt'): { dir: string; table: string } {
  const dir = mkdtempSync(join(tmpdir(), 'claimlint-settings-'));
  const table = join(dir, name);
  mkdirSync(dirname(table), { recursive: true });
  writeFileSync(table, ['Title line', ...rows, ''].join('\r\n'));
  return { dir, table };
}

const officeVisit = () => writeX12([{ id: 'C1', lines: [{ code: '99213', charge: '90.00', date: day }, { code: '36415', charge: '10.00', date: day }] }]).text;

test('a client without workspace/configuration: a pushed change of other settings keeps Claimlint\'s; a push with claimlint applies', async () => {
  const { dir, table } = tableIn([row('99213', '36415', '0')]);
  const client = new TestClient({ pullConfiguration: false });
  try {
    await client.initialize({ settings: { ptpEditFiles: [table], descriptorFiles: [], builtinEdits: false } });
    const uri = TestClient.uriFor('push.837');
    const text = officeVisit();
    assert.deepEqual((await client.open(uri, text)).diagnostics.map((d) => d.code), ['ptp.conflict'], 'the table from initializationOptions applies');

    // Neovim sends every section it knows; none of them is Claimlint's.
    await client.pushSettings({ editor: { tabSize: 2 } });
    const after = await client.change(uri, { text: text + '\n' });
    assert.deepEqual(after.diagnostics.map((d) => d.code), ['ptp.conflict'], 'the settings from initializationOptions are kept');

    const cleared = client.waitForDiagnostics(uri, (p) => p.diagnostics.length === 0);
    await client.pushSettings({ editor: { tabSize: 2 }, claimlint: { ptpEditFiles: [], builtinEdits: false } });
    assert.ok(await cleared, 'a push that holds claimlint replaces the settings');
    assert.equal(client.configurationRequests, 0, 'the server never asked for workspace/configuration');
  } finally {
    await client.shutdown();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('initializationOptions.settings is read flat or nested under claimlint (the shape didChangeConfiguration uses)', async () => {
  const { dir, table } = tableIn([row('99213', '36415', '0')]);
  try {
    for (const settings of [{ ptpEditFiles: [table], builtinEdits: false }, { claimlint: { ptpEditFiles: [table], builtinEdits: false } }]) {
      const client = new TestClient({ pullConfiguration: false });
      try {
        await client.initialize({ settings });
        const published = await client.open(TestClient.uriFor('init-options.837'), officeVisit());
        assert.deepEqual(published.diagnostics.map((d) => d.code), ['ptp.conflict'], JSON.stringify(settings));
      } finally {
        await client.shutdown();
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('settings pointing at files are window-scoped (one set of rules per server), and relative paths resolve against the workspace folder', async () => {
  // The server keeps one knowledge for every document, so a per-folder (resource) value could not be honoured.
  const manifest = JSON.parse(readFileSync(resolve(__dirname, '../../package.json'), 'utf8')) as { contributes: { configuration: { properties: Record<string, { scope?: string; type?: string }> } } };
  for (const [key, schema] of Object.entries(manifest.contributes.configuration.properties)) {
    if (schema.type === 'array') assert.equal(schema.scope, 'window', `${key} is read once per server`);
  }

  const { dir } = tableIn([row('99213', '36415', '0')], 'relative-ptp.txt');
  // Started elsewhere, so a path resolved against the process's directory would not be found.
  const client = new TestClient({ pullConfiguration: false });
  try {
    await client.initialize({ settings: { ptpEditFiles: ['relative-ptp.txt'], builtinEdits: false } }, { workspaceFolder: dir });
    const published = await client.open(TestClient.uriFor('relative.837'), officeVisit());
    assert.deepEqual(published.diagnostics.map((d) => d.code), ['ptp.conflict']);
    assert.deepEqual(client.notifications.filter((n) => n.method === 'claimlint/loadProblems'), []);
  } finally {
    await client.shutdown();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('when the rules change, every open document is checked again, and no request is answered from an analysis made with the old rules', async () => {
  const { dir, table } = tableIn([row('99213', '36415', '0')]);
  const client = new TestClient({ pullConfiguration: false });
  try {
    await client.initialize({ settings: { ptpEditFiles: [table], builtinEdits: false } });
    const text = officeVisit();
    const uris = Array.from({ length: 12 }, (_, i) => TestClient.uriFor(`recheck-${i}.837`));
    for (const uri of uris) assert.deepEqual((await client.open(uri, text)).diagnostics.map((d) => d.code), ['ptp.conflict']);
    const last = uris[uris.length - 1]!;
    const position = TextDocument.create(last, 'x12', 1, text).positionAt(text.indexOf('36415'));

    // The table is dropped; a code action request follows at once, before the documents' checks could all run.
    const cleared = Promise.all(uris.map((uri) => client.waitForDiagnostics(uri, (p) => p.diagnostics.length === 0)));
    void client.pushSettings({ claimlint: { ptpEditFiles: [], builtinEdits: false } });
    const actions = client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: last },
      range: { start: position, end: position },
      context: { diagnostics: [], only: [CodeActionKind.QuickFix] },
    });
    assert.deepEqual(await actions, [], 'no quick fix for a conflict the new rules do not have');
    await cleared;
  } finally {
    await client.shutdown();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('claimlint.hospitalPtpEditFiles: outpatient hospital tables (here a folder, relative to the workspace) apply to 837I claims only, and reload when a table changes', async () => {
  const { dir, table } = tableIn([row('99213', '36415', '1')], join('hospital', 'ccioph-v321r0-f1.txt'));
  const client = new TestClient({ pullConfiguration: false });
  try {
    await client.initialize({ settings: { claimlint: { hospitalPtpEditFiles: ['hospital'], builtinEdits: false } } }, { workspaceFolder: dir });
    const lines = [{ code: '99213', charge: '90.00', date: day }, { code: '36415', charge: '10.00', date: day }];
    const institutional = TestClient.uriFor('hospital.837i');
    const first = await client.open(institutional, writeX12([{ id: 'C1', date: statementPeriod, lines }], { kind: 'institutional' }).text);
    assert.deepEqual(first.diagnostics.map((d) => d.code), ['ptp.modifier-required'], 'the hospital table applies to the 837I');
    const professional = await client.open(TestClient.uriFor('office.837p'), writeX12([{ id: 'C1', lines }]).text);
    // Not to an 837P, which is told that its own table is not loaded (ncci.table-not-loaded).
    assert.deepEqual(professional.diagnostics.map((d) => d.code), ['ncci.table-not-loaded'], 'and not to an 837P');
    assert.deepEqual(client.notifications.filter((n) => n.method === 'claimlint/loadProblems'), []);

    const updated = client.waitForDiagnostics(institutional, (p) => p.diagnostics.some((d) => d.code === 'ptp.conflict'));
    writeFileSync(table, ['Title line', row('99213', '36415', '0'), ''].join('\r\n'));
    assert.ok(await updated, 'the changed table is read again');
  } finally {
    await client.shutdown();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('package.json declares the hospital PTP, MUE and add-on code settings like ptpEditFiles, restricted in untrusted workspaces', () => {
  const manifest = JSON.parse(readFileSync(resolve(__dirname, '../../package.json'), 'utf8')) as {
    capabilities: { untrustedWorkspaces: { restrictedConfigurations: string[] } };
    contributes: { configuration: { properties: Record<string, { scope?: string; type?: string; items?: { type?: string }; default?: unknown; markdownDescription?: string }> } };
  };
  const properties = manifest.contributes.configuration.properties;
  for (const key of ['claimlint.hospitalPtpEditFiles', 'claimlint.mueFiles', 'claimlint.addOnCodeFiles']) {
    const schema = properties[key];
    assert.ok(schema, `${key} is declared`);
    assert.deepEqual([schema.type, schema.items?.type, schema.default, schema.scope], ['array', 'string', [], properties['claimlint.ptpEditFiles']!.scope], key);
    assert.match(schema.markdownDescription ?? '', /\.zip/, `${key} says a CMS .zip can be given`);
    assert.ok(manifest.capabilities.untrustedWorkspaces.restrictedConfigurations.includes(key), `${key} is restricted`);
  }
});

test('load problems: one summary per file (rows loaded, problem count, the first reasons), and counts that say what was loaded', async () => {
  const bad = Array.from({ length: 250 }, () => row('99215', '36415', '7'));
  const { dir, table: allBad } = tableIn(bad, 'all-bad.txt');
  const partlyBad = join(dir, 'partly-bad.txt');
  writeFileSync(partlyBad, ['Title line', row('99213', '36415', '0'), row('99214', '36415', '0'), ...bad, ''].join('\r\n'));
  const missing = join(dir, 'missing.txt');
  const client = new TestClient({ pullConfiguration: false });
  try {
    await client.initialize({ settings: { ptpEditFiles: [allBad, partlyBad, missing], builtinEdits: false } });
    const { problems } = (await client.waitForNotification('claimlint/loadProblems')) as { problems: string[] };
    assert.equal(problems.length, 3, problems.join('\n'));
    const about = (name: string) => problems.find((p) => p.includes(name)) ?? '';
    assert.match(about('all-bad.txt'), /all-bad\.txt: no PTP edits loaded; 250 problems, first: line 2: modifier indicator "7" is not 0, 1 or 9; line 3: .+; line 4: [^;]+$/);
    assert.match(about('partly-bad.txt'), /partly-bad\.txt: 2 PTP edits loaded; 250 problems, first: line 4: /);
    assert.equal(about('missing.txt'), `${missing}: cannot read: file not found`);

    // The log: the same three warnings, not one per problem, and a count of what was loaded.
    await client.open(TestClient.uriFor('after-problems.837'), officeVisit());
    const logged = client.notifications.filter((n) => n.method === 'window/logMessage').map((n) => n.params as { type: number; message: string });
    const warnings = logged.filter((m) => m.type === 2);
    assert.deepEqual(warnings.map((m) => m.message), problems.map((p) => `Claimlint rules: ${p}`));
    const counts = logged.filter((m) => m.type === 3 && m.message.startsWith('Claimlint rules loaded:'));
    assert.equal(counts.length, 1, JSON.stringify(logged));
    assert.match(counts[0]!.message, /PTP tables: 1 of 3 files loaded \(2 edits\)/);
    assert.match(counts[0]!.message, /in use: 2 practitioner and 0 outpatient hospital PTP edits \(built-in set off\)/);
  } finally {
    await client.shutdown();
    rmSync(dir, { recursive: true, force: true });
  }
});
