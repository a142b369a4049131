// Found in review: `node server.js --socket PORT` (the space-separated form vscode-languageserver's
// createConnection accepts, as it does `--pipe NAME`) was refused by readServerArguments, which
// knew only `--socket=PORT`: the server said "no transport given" and exited 2 instead of
// connecting to the client's socket. Both forms are transports now.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { readServerArguments } from '../../server/src/lsp/serverArguments';

const SERVER = join(__dirname, '..', '..', 'server', 'out', 'server.js');

test('readServerArguments takes --socket PORT and --pipe NAME as transports, as the library does', () => {
  assert.equal(readServerArguments(['--socket', '5007']).kind, 'serve');
  assert.equal(readServerArguments(['--pipe', '/tmp/claimlint.sock']).kind, 'serve');
});

test('the bundle given --socket PORT connects to the client', async () => {
  const listener = createServer();
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  const port = (listener.address() as AddressInfo).port;
  const child = spawn(process.execPath, [SERVER, '--socket', String(port)], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  try {
    const outcome = await new Promise<string>((resolve) => {
      listener.once('connection', (socket) => {
        socket.destroy();
        resolve('connected');
      });
      child.once('exit', (code) => resolve(`exited ${code}: ${stderr.split('\n')[0]}`));
      setTimeout(() => resolve('timeout'), 5000);
    });
    assert.equal(outcome, 'connected');
  } finally {
    child.kill();
    listener.close();
  }
});

// Found in review: --socket=abc reached the socket code (ERR_SOCKET_BAD_PORT, a stack trace), and a
// socket nobody listens on was logged as a message the server refused, twice, beside its own line.
test('readServerArguments refuses a --socket value that is no port', () => {
  for (const args of [['--socket=abc'], ['--socket', '0'], ['--socket=70000'], ['--socket=-1']]) {
    assert.equal(readServerArguments(args).kind, 'bad-port', args.join(' '));
  }
  assert.equal(readServerArguments(['--socket=65535']).kind, 'serve');
});

test('the bundle given --socket=abc exits 2 with a usage message', async () => {
  const child = spawn(process.execPath, [SERVER, '--socket=abc'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  assert.equal(code, 2);
  assert.match(stderr, /--socket takes a port number \(1-65535\), not "abc"/);
  assert.doesNotMatch(stderr, /at .*\(.*:\d+:\d+\)/, 'no stack trace');
});

test('a socket nobody listens on: exit 1 with the server\'s own line, nothing said of a refused message', async () => {
  // A port that was free a moment ago (bound, then closed).
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as AddressInfo).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  const child = spawn(process.execPath, [SERVER, `--socket=${port}`], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  assert.equal(code, 1);
  assert.match(stderr, /the connection to the client closed \(or was never made\) before the client sent initialize/);
  assert.doesNotMatch(stderr, /refused a message|Sending log message failed/);
});
