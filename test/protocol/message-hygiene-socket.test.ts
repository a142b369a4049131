// Found in review (an integrator of other editors): the server's own reader, which refuses a body
// that is no message without quoting it, served stdio only; over --socket, --pipe and --node-ipc the
// library's reader logged such a body whole (a didOpen sent in a JSON array put the claim file in
// the client's log), and a workspace request with params null got the library's TypeError. Every
// transport's reader is now wrapped alike (lsp/messageHygiene.ts). Here over a socket, as a client
// that listens on a port and starts the server with --socket=PORT.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { join } from 'node:path';
import { writeX12 } from '../unit/helpers/x12-writer';
import { withDeadline } from '../fuzz/protocol';

const SERVER = join(__dirname, '..', '..', 'server', 'out', 'server.js');
const ANSWER_MS = 10_000;
const SENTINEL = 'QXZSOCKETPATIENT';
const text = writeX12([{ id: 'C1', lines: [{ code: '43214', charge: '100.00', date: { from: 20260310, to: 20260310 } }] }], { lineEnding: '\n' }).text.replace(/NM1\*IL\*1\*[^*~]*/, `NM1*IL*1*${SENTINEL}`);

function frame(message: unknown): string {
  const body = typeof message === 'string' ? message : JSON.stringify(message);
  return `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
}

/** The bodies read from the socket so far, and a way to wait for one. */
class Received {
  private buffer = '';
  readonly bodies: Record<string, unknown>[] = [];
  private waiters: { test: (body: Record<string, unknown>) => boolean; resolve: (body: Record<string, unknown>) => void }[] = [];

  constructor(socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.buffer += chunk.toString('utf8');
      for (;;) {
        const header = /^Content-Length: (\d+)\r\n\r\n/.exec(this.buffer);
        if (!header || this.buffer.length < header[0].length + Number(header[1])) break;
        const body = JSON.parse(this.buffer.slice(header[0].length, header[0].length + Number(header[1]))) as Record<string, unknown>;
        this.buffer = this.buffer.slice(header[0].length + Number(header[1]));
        this.bodies.push(body);
        for (const w of this.waiters.filter((w) => w.test(body))) w.resolve(body);
        this.waiters = this.waiters.filter((w) => !w.test(body));
      }
    });
  }

  next(test: (body: Record<string, unknown>) => boolean): Promise<Record<string, unknown>> {
    const found = this.bodies.find(test);
    return found ? Promise.resolve(found) : new Promise((resolve) => this.waiters.push({ test, resolve }));
  }
}

test('over --socket, a body that is no message is refused without quoting it, and params null is InvalidParams', async () => {
  assert.ok(text.includes(SENTINEL), 'the fixture holds the sentinel name');
  const listener = createServer();
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  const port = (listener.address() as AddressInfo).port;
  const child = spawn(process.execPath, [SERVER, `--socket=${port}`], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const socket = await withDeadline(new Promise<Socket>((resolve) => listener.once('connection', resolve)), ANSWER_MS, 'the server connecting');
  const received = new Received(socket);
  try {
    socket.write(frame({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } }));
    await withDeadline(received.next((b) => b.id === 1), ANSWER_MS, 'initialize');
    socket.write(frame({ jsonrpc: '2.0', method: 'initialized', params: {} }));
    const didOpen = { jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri: 'file:///tmp/batched.837', languageId: 'x12', version: 1, text } } };
    socket.write(frame([didOpen]));
    const refusal = await withDeadline(
      received.next((b) => b.method === 'window/logMessage' && String((b.params as { message: string }).message).includes('an array')),
      ANSWER_MS,
      'the refusal of the array body',
    );
    assert.match(String((refusal.params as { message: string }).message), /refused a message from the client: a message body that is an array/);
    socket.write(frame('{"jsonrpc":"2.0","id":7,"method":"workspace/executeCommand","params":null}'));
    const answer = await withDeadline(received.next((b) => b.id === 7), ANSWER_MS, 'the answer to executeCommand with params null');
    assert.equal((answer.error as { code: number } | undefined)?.code, -32602, JSON.stringify(answer));
    socket.write(frame({ jsonrpc: '2.0', id: 8, method: 'shutdown' }));
    await withDeadline(received.next((b) => b.id === 8), ANSWER_MS, 'shutdown');
    const everything = JSON.stringify(received.bodies) + output;
    assert.ok(!everything.includes(SENTINEL), 'the claim text appears in nothing the server sent or printed');
    assert.ok(!received.bodies.some((b) => b.method === 'textDocument/publishDiagnostics'), 'the refused didOpen opened nothing');
  } finally {
    socket.destroy();
    child.kill();
    listener.close();
  }
});
