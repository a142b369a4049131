// Issue 8, "never leak", for settings and rule files: in an untrusted workspace the settings that
// point at files are ignored (declared in package.json, and enforced by the server when the client
// passes workspaceTrusted: false), rule and descriptor files are data that is never executed, and
// an oversized rule file is refused with a message without being read.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, ftruncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { HoverRequest, type MarkupContent, type PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { MAX_RULE_FILE_BYTES } from '../../server/src/core/rules/textInput';
import { writeX12 } from '../unit/helpers/x12-writer';
import { TestClient } from './helpers/lspClient';
import { noNetwork, withDeadline } from '../fuzz/protocol';

const root = resolve(__dirname, '../..');
const cliPath = join(root, 'server/out/cli.js');
const ANSWER_MS = 8000;
const day = { from: 20260310, to: 20260310 };

let dir: string;
let ptpFile: string;
let descriptorFile: string;
let marker: string;

/**
 * Two 837P claims: 11042 + 97597 (a pair only the user table knows, indicator 1) and 43214 + 43200
 * (built in, indicator 0). 837P uses the practitioner table, where the user table goes.
 */
const text = writeX12([
  { id: 'C1', date: day, lines: [{ code: '11042', charge: '210.00', date: day }, { code: '97597', charge: '95.00', date: day }] },
  { id: 'C2', date: day, lines: [{ code: '43214', charge: '1500.00', date: day }, { code: '43200', charge: '400.00', date: day }] },
], { lineEnding: '\n' }).text;

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'claimlint-trust-'));
  marker = join(dir, 'executed.marker');
  ptpFile = join(dir, 'edits.txt');
  writeFileSync(ptpFile, ['Column 1\tColumn 2\t*=in existence prior to 1996\tEffective Date\tDeletion Date\tModifier Indicator\tPTP Edit Rationale', '11042\t97597\t\t20200101\t*\t1\tSynthetic', ''].join('\n'));
  descriptorFile = join(dir, 'descriptors.csv');
  writeFileSync(descriptorFile, 'Code,Short Descriptor\n43200,TRUSTED-ONLY SYNTHETIC DESCRIPTOR\n');
});

after(() => rmSync(dir, { recursive: true, force: true }));

function hoverText(hover: unknown): string {
  return hover ? ((hover as { contents: MarkupContent }).contents.value ?? '') : '';
}

async function openAndHover(client: TestClient, name: string): Promise<{ published: PublishDiagnosticsParams; hover: string }> {
  const uri = TestClient.uriFor(name);
  const published = await withDeadline(client.open(uri, text), ANSWER_MS, 'diagnostics');
  const position = TextDocument.create(uri, 'x12', 1, text).positionAt(text.indexOf('43200'));
  const hover = hoverText(await withDeadline(client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position }), ANSWER_MS, 'hover'));
  return { published, hover };
}

const codesOf = (p: PublishDiagnosticsParams) => p.diagnostics.map((d) => String(d.code)).filter((c) => c.startsWith('ptp.')).sort();

describe('workspace trust', () => {
  test('package.json declares limited support and restricts every setting that points at files', () => {
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      capabilities: { untrustedWorkspaces: { supported: boolean | string; restrictedConfigurations?: string[]; description?: string } };
      contributes: { configuration: { properties: Record<string, { type?: string; items?: { type?: string } }> } };
    };
    const trust = manifest.capabilities.untrustedWorkspaces;
    assert.equal(trust.supported, 'limited');
    assert.ok(trust.description && trust.description.length > 20, 'the limitation is explained to the user');
    const restricted = trust.restrictedConfigurations ?? [];
    assert.ok(restricted.includes('claimlint.ptpEditFiles') && restricted.includes('claimlint.descriptorFiles'));
    // Any setting holding paths (an array of strings, or a name ending in File/Files/Path) must be restricted.
    for (const [key, schema] of Object.entries(manifest.contributes.configuration.properties)) {
      const holdsPaths = /(files?|paths?|dir(ectory)?)$/i.test(key) || (schema.type === 'array' && schema.items?.type === 'string');
      if (holdsPaths) assert.ok(restricted.includes(key), `${key} points at files and must be in restrictedConfigurations`);
    }
    for (const key of restricted) assert.ok(key in manifest.contributes.configuration.properties, `${key} is a contributed setting`);
  });

  test('trusted: the user table and descriptor file are used (the control for the next tests)', async () => {
    const client = new TestClient({ settings: { ptpEditFiles: [ptpFile], descriptorFiles: [descriptorFile], builtinEdits: true } });
    try {
      await client.initialize({ workspaceTrusted: true });
      const { published, hover } = await openAndHover(client, 'trusted.837');
      assert.deepEqual(codesOf(published), ['ptp.conflict', 'ptp.modifier-required']);
      assert.match(hover, /TRUSTED-ONLY SYNTHETIC DESCRIPTOR/);
    } finally {
      await client.shutdown();
    }
  });

  for (const route of ['pulled with workspace/configuration', 'passed in initializationOptions', 'pushed with didChangeConfiguration'] as const) {
    test(`untrusted, settings ${route}: the files are ignored and the built-in data is used`, async () => {
      const missing = join(dir, 'does-not-exist.txt');
      const settings = { ptpEditFiles: [ptpFile, missing], descriptorFiles: [descriptorFile, missing], builtinEdits: true };
      const client = new TestClient({ settings: route === 'pulled with workspace/configuration' ? settings : {} });
      try {
        await client.initialize(route === 'passed in initializationOptions' ? { workspaceTrusted: false, settings } : { workspaceTrusted: false });
        if (route === 'pushed with didChangeConfiguration') {
          client.settings = settings;
          await client.changeSettings(settings);
        }
        const { published, hover } = await openAndHover(client, `untrusted-${route.split(' ')[0]}.837`);
        assert.deepEqual(codesOf(published), ['ptp.conflict'], 'only the built-in 43214 edit fires');
        assert.doesNotMatch(hover, /TRUSTED-ONLY/);
        assert.deepEqual(client.notifications.filter((n) => n.method === 'claimlint/loadProblems'), [], 'the files were not even opened (a missing one would be reported)');
      } finally {
        await client.shutdown();
      }
    });
  }
});

describe('rule and descriptor files are data', () => {
  test('files holding code (JavaScript, JSON with __proto__) are read as text, never run, and pollute nothing', async () => {
    const script = `require('fs').writeFileSync(${JSON.stringify(marker)}, 'executed'); module.exports = {};\n`;
    const jsTable = join(dir, 'edits.js');
    writeFileSync(jsTable, script);
    const jsonTable = join(dir, 'edits.json');
    writeFileSync(jsonTable, JSON.stringify({ __proto__: { polluted: true }, constructor: { prototype: { polluted: true } }, rows: [script] }));
    const cjsDescriptors = join(dir, 'descriptors.cjs');
    writeFileSync(cjsDescriptors, script);
    const prototypeCodes = join(dir, 'prototype-codes.csv');
    writeFileSync(prototypeCodes, 'Code,Short Descriptor\n__proto__,polluted\nconstructor,polluted\ntoString,polluted\nhasOwnProperty,polluted\n43200,SAFE SYNTHETIC DESCRIPTOR\n');
    const client = new TestClient({
      execArgv: ['--require', noNetwork],
      env: { ...process.env, CLAIMLINT_NETWORK_LOG: join(dir, 'network.log') },
      settings: { ptpEditFiles: [jsTable, jsonTable, ptpFile], descriptorFiles: [cjsDescriptors, prototypeCodes], builtinEdits: true },
    });
    let exited: number | null | undefined;
    client.process.once('exit', (code) => (exited = code));
    try {
      await client.initialize({ workspaceTrusted: true });
      const problems = (await withDeadline(client.waitForNotification('claimlint/loadProblems'), ANSWER_MS, 'load problems')) as { problems: string[] };
      assert.ok(problems.problems.some((p) => p.includes('edits.js')), 'the script is reported as an unusable table');
      const { published, hover } = await openAndHover(client, 'data.837');
      assert.deepEqual(codesOf(published), ['ptp.conflict', 'ptp.modifier-required'], 'the good table still loads beside the bad ones');
      assert.match(hover, /SAFE SYNTHETIC DESCRIPTOR/);
      // The same hover for a code whose name is an Object.prototype member, and for 43214.
      const uri = TestClient.uriFor('data.837');
      const position = TextDocument.create(uri, 'x12', 1, text).positionAt(text.indexOf('43214'));
      assert.match(hoverText(await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position })), /Esophagoscopy/);
      assert.equal(existsSync(marker), false, 'no file was executed');
      assert.equal(exited, undefined);
      const attempts = readFileSync(join(dir, 'network.log'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { api?: string });
      assert.deepEqual(attempts.filter((a) => a.api), [], 'no child process was started');
    } finally {
      await client.shutdown();
    }
    const cli = spawnSync(process.execPath, [cliPath, 'check', '--ptp', jsTable, '--descriptors', cjsDescriptors, join(dir, 'data.837')], { encoding: 'utf8', timeout: 30_000 });
    assert.equal(existsSync(marker), false, 'the CLI executed nothing either');
    assert.equal(cli.status, 2, cli.stderr);
  });
});

describe('oversized rule files are refused with a message, not read', () => {
  let big: string;
  before(() => {
    // A sparse file one byte over the cap: no disk space, but reading it would mean 512 MB in memory.
    big = join(dir, 'huge-table.txt');
    const fd = openSync(big, 'w');
    ftruncateSync(fd, MAX_RULE_FILE_BYTES + 1);
    closeSync(fd);
  });

  test('the server reports the size and the limit, answers at once, and never holds the file in memory', async () => {
    const client = new TestClient({ settings: { ptpEditFiles: [big], descriptorFiles: [big], builtinEdits: true } });
    try {
      const started = performance.now();
      await client.initialize({ workspaceTrusted: true });
      const problems = (await withDeadline(client.waitForNotification('claimlint/loadProblems'), ANSWER_MS, 'load problems')) as { problems: string[] };
      assert.ok(performance.now() - started < ANSWER_MS);
      assert.equal(problems.problems.filter((p) => p.includes('huge-table.txt') && /512 MB/.test(p) && /limit/.test(p)).length, 2, problems.problems.join('\n'));
      const { published } = await openAndHover(client, 'after-huge.837');
      assert.deepEqual(codesOf(published), ['ptp.conflict'], 'the built-in edits are used');
      const status = `/proc/${client.process.pid}/status`;
      if (existsSync(status)) {
        const peak = Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(status, 'utf8'))?.[1] ?? 0) * 1024;
        assert.ok(peak > 0 && peak < 256 * 1024 * 1024, `peak memory ${Math.round(peak / 1048576)} MB: the file was read`);
      }
    } finally {
      await client.shutdown();
    }
  });

  test('the CLI refuses it with a message and exit code 2', () => {
    writeFileSync(join(dir, 'claims.837'), text);
    const started = performance.now();
    const result = spawnSync(process.execPath, [cliPath, 'check', '--ptp', big, join(dir, 'claims.837')], { encoding: 'utf8', timeout: 30_000 });
    assert.equal(result.status, 2, result.stderr);
    assert.match(result.stderr, /huge-table\.txt.*512 MB.*limit/);
    assert.ok(performance.now() - started < 10_000);
  });
});
