// Found in review (an integrator of other editors, over stdio): a body that is JSON but no
// message (a didOpen sent in an array, params without a method) was logged by the library whole,
// as an error, claim file and all, into the client's log; a body that is not JSON was dropped in
// silence; and a stray line before a header (the tail of a message cut short) cost the next good
// message as well. Now each is refused with a log line that quotes nothing of it, and reading
// goes on from the next Content-Length header, in the refused section or after it.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { HoverRequest } from 'vscode-languageserver-protocol/node';
import { writeX12 } from '../unit/helpers/x12-writer';
import { TestClient } from './helpers/lspClient';
import { settle, withDeadline } from '../fuzz/protocol';

const ANSWER_MS = 10_000;
const SENTINEL = 'QXZHYGIENEPATIENT';
const day = { from: 20260310, to: 20260310 };
const text = writeX12([{ id: 'C1', lines: [{ code: '43214', charge: '100.00', date: day }] }], { lineEnding: '\n' }).text.replace(/NM1\*IL\*1\*[^*~]*/, `NM1*IL*1*${SENTINEL}`);

function frame(body: string): string {
  return `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
}

describe('bodies that are not messages, and bytes before a header', () => {
  let client: TestClient;
  const uri = TestClient.uriFor('hygiene.837');

  before(async () => {
    assert.ok(text.includes(SENTINEL), 'the fixture holds the sentinel name');
    client = new TestClient();
    await client.initialize();
    await client.open(uri, text);
  });
  after(async () => {
    await client.shutdown();
  });

  /** The log lines (window/logMessage) received since `since`. */
  const logSince = (since: number): string[] => client.notifications.slice(since).filter((n) => n.method === 'window/logMessage').map((n) => (n.params as { message: string }).message);

  /** Resolves once the server writes the answer to request `id` (sent as raw bytes, which the test client does not track). */
  const answerOnStdout = (id: number): Promise<true> =>
    new Promise((resolve) => {
      client.process.stdout!.on('data', function listen(chunk: Buffer) {
        if (chunk.toString().includes(`"id":${id}`)) {
          client.process.stdout!.off('data', listen);
          resolve(true);
        }
      });
    });

  /** A hover answered after what was written: the server reads on. */
  async function answered(id: string): Promise<void> {
    const hover = await withDeadline(settle(client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 0, character: 1 } })), ANSWER_MS, `hover after ${id}`);
    assert.equal(hover.error, undefined, `${id}: ${hover.error?.message}`);
  }

  test('a didOpen in a JSON array, and params without a method, are refused without quoting them', async () => {
    const since = client.notifications.length;
    const didOpen = { jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri: TestClient.uriFor('batched.837'), languageId: 'x12', version: 1, text } } };
    client.process.stdin!.write(frame(JSON.stringify([didOpen])));
    client.process.stdin!.write(frame(JSON.stringify({ jsonrpc: '2.0', params: didOpen.params })));
    await answered('the refused bodies');
    const log = logSince(since);
    assert.ok(log.some((m) => m.includes('refused a message from the client: a message body that is an array')), log.join('\n'));
    assert.ok(log.some((m) => m.includes('refused a message from the client: a message with neither a method nor an id')), log.join('\n'));
    assert.ok(log.every((m) => !m.includes(SENTINEL) && !m.includes('CLM*')), 'no log line quotes the message');
  });

  // Found in review (an integrator): a didChange whose change was a string reached the library's
  // document manager, whose TypeError ("Cannot use 'in' operator to search for 'range' in NM1*IL...")
  // the library logged: the claim text in the client's log.
  test('a document notification of the wrong shape is refused without quoting it; the document is as it was', async () => {
    const since = client.notifications.length;
    for (const params of [
      { textDocument: { uri, version: 2 }, contentChanges: [`NM1*IL*1*${SENTINEL}~`] },
      { textDocument: { uri, version: 2 }, contentChanges: `NM1*IL*1*${SENTINEL}~` },
      { textDocument: { uri, version: 2 }, contentChanges: [{ text: `NM1*IL*1*${SENTINEL}~`, range: `${SENTINEL}` }] },
    ]) {
      client.process.stdin!.write(frame(JSON.stringify({ jsonrpc: '2.0', method: 'textDocument/didChange', params })));
    }
    client.process.stdin!.write(frame(JSON.stringify({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri: TestClient.uriFor('other.837'), languageId: 'x12', version: 1, text: { value: SENTINEL } } } })));
    await answered('the refused notifications');
    const log = logSince(since);
    assert.equal(log.filter((m) => m.includes('refused a message from the client: a textDocument/didChange whose content changes are not objects with a text')).length, 1, log.join('\n'));
    assert.ok(log.some((m) => m.includes('a textDocument/didChange without a version and a list of content changes')), log.join('\n'));
    assert.ok(log.some((m) => m.includes('a textDocument/didChange whose change range is not a range')), log.join('\n'));
    assert.ok(log.some((m) => m.includes("a textDocument/didOpen without the document's text and version")), log.join('\n'));
    assert.ok(log.every((m) => !m.includes(SENTINEL)), 'no log line quotes them');
  });

  test('a body that is not JSON is refused in a log line', async () => {
    const since = client.notifications.length;
    client.process.stdin!.write(frame(`{"jsonrpc":"2.0","id":77,"method":"textDocument/hover","params":{"name":"${SENTINEL}"`));
    await answered('a body that is not JSON');
    const log = logSince(since);
    assert.ok(log.some((m) => m.includes('refused a message from the client: a message body that is not JSON')), log.join('\n'));
    assert.ok(log.every((m) => !m.includes(SENTINEL)), 'no log line quotes it');
  });

  test('a stray line before a header costs only itself: the message after it is answered', async () => {
    const since = client.notifications.length;
    const hover = { jsonrpc: '2.0', id: 801, method: 'textDocument/hover', params: { textDocument: { uri }, position: { line: 0, character: 1 } } };
    const answer = answerOnStdout(801);
    client.process.stdin!.write(`garbage\r\n${frame(JSON.stringify(hover))}`);
    assert.equal(await withDeadline(answer, ANSWER_MS, 'the hover after the stray line'), true);
    await client.waitForNotification('window/logMessage', ANSWER_MS, (params) => (params as { message: string }).message.includes('a header line without a colon'), since);
  });

  test('a section refused for two different Content-Lengths is refused whole: the message after it is answered', async () => {
    const since = client.notifications.length;
    const hover = { jsonrpc: '2.0', id: 802, method: 'textDocument/hover', params: { textDocument: { uri }, position: { line: 0, character: 1 } } };
    const answer = answerOnStdout(802);
    client.process.stdin!.write(`Content-Length: 7\r\nContent-Length: 10\r\n\r\n{"a":1}${frame(JSON.stringify(hover))}`);
    assert.equal(await withDeadline(answer, ANSWER_MS, 'the hover after the refused section'), true);
    await client.waitForNotification('window/logMessage', ANSWER_MS, (params) => (params as { message: string }).message.includes('two different Content-Length headers'), since);
  });

  /** Writes a raw request with params null and gives the message that answers it (the test client does not track raw requests). */
  async function answerToNullParams(id: number, method: string): Promise<string> {
    let answer = '';
    const answered = new Promise<void>((resolve) => {
      client.process.stdout!.on('data', function listen(chunk: Buffer) {
        answer += chunk.toString();
        if (answer.includes(`"id":${id}`)) {
          client.process.stdout!.off('data', listen);
          resolve();
        }
      });
    });
    client.process.stdin!.write(frame(`{"jsonrpc":"2.0","id":${id},"method":"${method}","params":null}`));
    await withDeadline(answered, ANSWER_MS, `the answer to ${method} with params null`);
    const at = answer.indexOf(`"id":${id}`);
    return answer.slice(answer.lastIndexOf('{"jsonrpc"', at), answer.indexOf('}}', at) + 2);
  }

  test('a document request whose params are null is InvalidParams, not the library\'s TypeError', async () => {
    const message = await answerToNullParams(901, 'textDocument/documentSymbol');
    assert.match(message, /"code":-32602/, message);
  });

  test('so is a workspace request whose params are null (workspace/executeCommand)', async () => {
    const message = await answerToNullParams(903, 'workspace/executeCommand');
    assert.match(message, /"code":-32602/, message);
  });

  test('and codeAction/resolve whose params are null', async () => {
    const message = await answerToNullParams(904, 'codeAction/resolve');
    assert.match(message, /"code":-32602/, message);
  });
});
