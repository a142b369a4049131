// The bundled server run by hand: `node server.js` with no transport used to end in the
// language-server library's stack trace ("Connection input stream is not set"). It now says which
// transports it takes and exits 2; --help prints the same usage and exits 0. With --stdio it
// serves (every other protocol test starts it so); --version prints the version.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serverPath } from './helpers/lspClient';

test('node server.js with no transport: a usage message on stderr, exit 2, no stack trace', () => {
  const run = spawnSync(process.execPath, [serverPath], { encoding: 'utf8', input: '', timeout: 30_000 });
  assert.equal(run.status, 2, run.stderr);
  assert.match(run.stderr, /no transport given \(--stdio, --node-ipc, --socket=PORT or --pipe=NAME\)/);
  assert.match(run.stderr, /node server\.js --stdio/);
  assert.doesNotMatch(run.stderr, /\n\s+at /, 'no stack trace');
  assert.equal(run.stdout, '');
});

test('node server.js --help: the usage on stdout, exit 0', () => {
  const run = spawnSync(process.execPath, [serverPath, '--help'], { encoding: 'utf8', input: '', timeout: 30_000 });
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /^Claimlint language server/);
  assert.match(run.stdout, /--node-ipc/);
  assert.equal(run.stderr, '');
});

test('node server.js --version: the version of package.json on stdout, exit 0', () => {
  const { version } = JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8')) as { version: string };
  const run = spawnSync(process.execPath, [serverPath, '--version'], { encoding: 'utf8', input: '', timeout: 30_000 });
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.stdout, `claimlint server ${version}\n`);
  assert.equal(run.stderr, '');
});
