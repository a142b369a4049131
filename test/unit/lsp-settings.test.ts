// The server's settings module: the shapes settings arrive in, and the files and loader options they give.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Connection } from 'vscode-languageserver/node';
import { defaultSettings, initialSettings, knowledgeOptionsOf, pullSettings, pushedSettings, ruleFilesOf, allPaths } from '../../server/src/lsp/settings';

const root = join('/', 'work', 'claims');
const lists = { ptpEditFiles: ['ptp'], hospitalPtpEditFiles: ['hospital.zip'], mueFiles: ['mue'], addOnCodeFiles: [join('/', 'cms', 'aoc.zip')], descriptorFiles: ['cpt.csv'] };

test('every file list resolves against the workspace folder and reaches the loader under its own name', () => {
  const files = ruleFilesOf({ ...defaultSettings, ...lists }, { trusted: true, root });
  const options = knowledgeOptionsOf(files, { readFile: () => Buffer.alloc(0) });
  assert.deepEqual(
    [options.ptpFiles, options.hospitalPtpFiles, options.mueFiles, options.addOnCodeFiles, options.descriptorFiles],
    [[join(root, 'ptp')], [join(root, 'hospital.zip')], [join(root, 'mue')], [join('/', 'cms', 'aoc.zip')], [join(root, 'cpt.csv')]],
  );
  assert.equal(options.tableOfName?.('ccioph-v321r0-f1.txt'), 'hospital');
  assert.equal(options.expand, undefined, 'a host without expansion reads each path as one file');
  assert.equal(allPaths(files).length, 5, 'each is watched');
});

test('untrusted: no list reaches the loader', () => {
  const files = ruleFilesOf({ ...defaultSettings, ...lists }, { trusted: false, root });
  assert.deepEqual(allPaths(files), []);
});

test('settings shapes: flat or nested initializationOptions; a push without claimlint sets nothing', () => {
  assert.deepEqual(initialSettings({ settings: { mueFiles: ['a'] } })?.mueFiles, ['a']);
  assert.deepEqual(initialSettings({ settings: { claimlint: { mueFiles: ['a'] } } })?.mueFiles, ['a']);
  assert.equal(initialSettings({}), undefined);
  assert.equal(pushedSettings({ editor: { tabSize: 2 } }), undefined);
  assert.equal(pushedSettings(null), undefined);
  assert.deepEqual(pushedSettings({ claimlint: null }), defaultSettings, 'a claimlint section set to nothing is the defaults');
  assert.deepEqual(pushedSettings({ claimlint: { hospitalPtpEditFiles: ['h'] } })?.hospitalPtpEditFiles, ['h']);
  // Found in a pipeline developer's review: a flat push, and Helix's { settings: {...} }, were dropped without a word.
  assert.deepEqual(pushedSettings({ guideChecks: 'envelope', ptpEditFiles: ['p'] }), { ...defaultSettings, guideChecks: 'envelope', ptpEditFiles: ['p'] });
  assert.deepEqual(pushedSettings({ settings: { mueFiles: ['m'] } }), { ...defaultSettings, mueFiles: ['m'] });
  assert.deepEqual(pushedSettings({ settings: { claimlint: { mueFiles: ['m'] } } }), { ...defaultSettings, mueFiles: ['m'] });
  assert.equal(pushedSettings({ settings: { editor: { tabSize: 2 } } }), undefined, 'other sections under settings are not ours');
});

test('a workspace/configuration answer of null, or none, keeps the settings known; an object is taken with defaults', async () => {
  const answering = (answer: () => Promise<unknown[]>) => ({ workspace: { getConfiguration: answer } }) as unknown as Connection;
  assert.equal(await pullSettings(answering(async () => [null])), undefined, 'LSP 3.17: null means the client cannot provide the section');
  assert.equal(await pullSettings(answering(async () => [])), undefined);
  assert.equal(await pullSettings(answering(() => Promise.reject(new Error('MethodNotFound')))), undefined);
  assert.deepEqual(await pullSettings(answering(async () => [{ mueFiles: ['m'] }])), { ...defaultSettings, mueFiles: ['m'] });
});
