// Found in review: `node server.js --bogus` said "no transport given", as if the option had not
// been typed, and `--stido --node-ipc` served over IPC without a word about the typo: the library
// ignores what it does not know. An argument it does not take is now refused by name (exit 2),
// with what is taken; the library's own arguments still serve, VS Code's --clientProcessId too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readServerArguments } from '../../server/src/lsp/serverArguments';
import { serverPath } from './helpers/lspClient';

test('node server.js --bogus: names the option and what is taken on stderr, exit 2, no stack trace', () => {
  const run = spawnSync(process.execPath, [serverPath, '--bogus'], { encoding: 'utf8', input: '', timeout: 30_000 });
  assert.equal(run.status, 2, run.stderr);
  assert.match(run.stderr, /^claimlint server: unknown option '--bogus' \(it takes --stdio, --node-ipc, --socket=PORT, --pipe=NAME, --clientProcessId=PID, --help or --version\)\.\n/);
  assert.doesNotMatch(run.stderr, /no transport given/);
  assert.doesNotMatch(run.stderr, /\n\s+at /, 'no stack trace');
  assert.equal(run.stdout, '');
});

test('an unknown option beside a transport, or a stray argument, is refused too', () => {
  assert.deepEqual(readServerArguments(['--stido', '--node-ipc']), { kind: 'unknown', argument: '--stido' });
  assert.deepEqual(readServerArguments(['--stdio', 'extra']), { kind: 'unknown', argument: 'extra' });
  const run = spawnSync(process.execPath, [serverPath, '--stdio', '--log=debug'], { encoding: 'utf8', input: '', timeout: 30_000 });
  assert.equal(run.status, 2, run.stderr);
  assert.match(run.stderr, /^claimlint server: unknown option '--log=debug'/);
});

test('the arguments the library reads still serve, in both spellings, with VS Code\'s --clientProcessId', () => {
  for (const args of [['--stdio'], ['--node-ipc'], ['--socket=5007'], ['--socket', '5007'], ['--pipe=/tmp/claimlint.sock'], ['--pipe', '/tmp/claimlint.sock']]) {
    assert.equal(readServerArguments(args).kind, 'serve', args.join(' '));
  }
  assert.deepEqual(readServerArguments(['--node-ipc', '--clientProcessId=4242']), { kind: 'serve', stdio: false });
  assert.deepEqual(readServerArguments(['--clientProcessId', '4242', '--stdio']), { kind: 'serve', stdio: true });
  // Given no transport: still said as such, not as an unknown argument.
  assert.deepEqual(readServerArguments([]), { kind: 'no-transport' });
  assert.deepEqual(readServerArguments(['--clientProcessId=4242']), { kind: 'no-transport' });
  assert.deepEqual(readServerArguments(['--socket']), { kind: 'no-transport' });
});
