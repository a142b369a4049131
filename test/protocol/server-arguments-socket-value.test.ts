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
