// Issue 15, item 11: the server's limits on what a client sends. A Content-Length above the stated
// maximum (512 MB, the rule-file limit), negative, not a number or missing is refused with a log
// line; that message is dropped and the server reads on from the next header, so every later
// request is answered. A hover with parameters that are not a document and a position answers
// InvalidParams (-32602). Item 14, the limit of what the editor shows: the 43214 hover fits a
// hover's height. Every wait is for an event, with a deadline.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { HoverRequest, type MarkupContent } from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { MAX_MESSAGE_BYTES, MessageFraming } from '../../server/src/lsp/framing';
import { writeX12 } from '../unit/helpers/x12-writer';
import { settle, withDeadline } from '../fuzz/protocol';
import { TestClient } from './helpers/lspClient';

const ANSWER_MS = 5000;
const day = { from: 20260310, to: 20260310 };
const text = writeX12([{ id: 'C1', date: day, lines: [{ code: '43214', charge: '1500.00', date: day }, { code: '43200', charge: '400.00', date: day }] }], { lineEnding: '\n' }).text;

/** One framed JSON-RPC message, as a client writes it. */
function frame(message: unknown): string {
  const body = JSON.stringify(message);
  return `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
}

/**
 * Resolves with the first window/logMessage since `since` whose text matches: at once if it has
 * come, else when the client records one that does.
 */
function waitForLog(client: TestClient, pattern: RegExp, since: number): Promise<string> {
  const matches = (params: unknown): boolean => {
    const message = (params as { message?: unknown }).message;
    return typeof message === 'string' && pattern.test(message);
  };
  const logged = client.waitForNotification('window/logMessage', 2 * ANSWER_MS, matches, since).then((params) => (params as { message: string }).message);
  return withDeadline(logged, ANSWER_MS, `a log line matching ${pattern}`);
}

describe('Content-Length limits: refused, logged, and the next message is read', () => {
  let client: TestClient;
  let exited: number | null | undefined;
  const uri = TestClient.uriFor('limits.837');
  const position = TextDocument.create(uri, 'x12', 1, text).positionAt(text.indexOf('43214'));

  before(async () => {
    client = new TestClient();
    client.process.once('exit', (code) => (exited = code));
    await client.initialize();
    await withDeadline(client.open(uri, text), ANSWER_MS, 'first diagnostics');
  });

  after(async () => {
    assert.equal(exited, undefined, 'the server did not exit during the tests');
    assert.equal(await client.shutdown(), 0);
    assert.equal(client.stderr.join(''), '', 'nothing on stderr');
  });

  async function hoverAnswers(what: string): Promise<void> {
    const hover = await withDeadline(client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position }), ANSWER_MS, `hover after ${what}`);
    assert.match(JSON.stringify(hover), /43214/, `${what}: the hover after it is answered`);
  }

  const refused: [string, string, RegExp][] = [
    ['a Content-Length above the maximum', `Content-Length: ${MAX_MESSAGE_BYTES + 1}`, /Content-Length 536870913 is above the maximum of 536870912 bytes \(512 MB\)/],
    ['a Content-Length of 10^15', 'Content-Length: 1000000000000000', /Content-Length 1000000000000000 is above the maximum/],
    ['a negative Content-Length', 'Content-Length: -5', /Content-Length -5 is not a byte count/],
    ['a Content-Length that is not a number', 'Content-Length: ten', /Content-Length "ten" is not a byte count/],
    ['a header without Content-Length', 'Content-Type: application/vscode-jsonrpc; charset=utf-8', /no Content-Length/],
  ];
  for (const [what, header, logged] of refused) {
    test(`${what}: logged, its message dropped, the next one answered`, async () => {
      const since = client.notifications.length;
      // The refused message is a hover request of its own: it must never be answered.
      const dropped = JSON.stringify({ jsonrpc: '2.0', id: 'dropped', method: HoverRequest.method, params: { textDocument: { uri }, position } });
      client.process.stdin!.write(`${header}\r\n\r\n${dropped}`);
      const line = await waitForLog(client, logged, since);
      assert.match(line, /dropped the message and read on from the next header/);
      assert.ok(!line.includes('43214'), 'the log line does not quote the message');
      await hoverAnswers(what);
    });
  }

  test('the refused header and the next message arrive in one write, and a header split across writes', async () => {
    const since = client.notifications.length;
    const next = { jsonrpc: '2.0', id: 'after-split', method: HoverRequest.method, params: { textDocument: { uri }, position } };
    const answered = new Promise<unknown>((resolve) => {
      const stdout = client.process.stdout!;
      const onData = (chunk: Buffer): void => {
        if (chunk.toString().includes('"id":"after-split"')) {
          stdout.off('data', onData);
          resolve(chunk.toString());
        }
      };
      stdout.on('data', onData);
    });
    const bytes = `Content-Length: 99999999999\r\n\r\n{"jsonrpc":"2.0"}${frame(next)}`;
    // Cut inside the bad header, inside the next header's name and inside its body.
    const cuts = [9, bytes.indexOf('}Content') + 5, bytes.length - 10];
    let from = 0;
    for (const cut of [...cuts, bytes.length]) {
      client.process.stdin!.write(bytes.slice(from, cut));
      from = cut;
    }
    await waitForLog(client, /Content-Length 99999999999 is above the maximum/, since);
    assert.match(String(await withDeadline(answered, ANSWER_MS, 'the request after the refused one')), /43214/);
  });

  test('a header section that never ends is refused once it is longer than any real header', async () => {
    const since = client.notifications.length;
    client.process.stdin!.write(`Content-Length: 5\r\nX-Padding: ${'x'.repeat(70_000)}`);
    await waitForLog(client, /header section longer than/, since);
    await hoverAnswers('an endless header section');
  });
});

describe('hover with invalid parameters answers InvalidParams', () => {
  let client: TestClient;
  const uri = TestClient.uriFor('hover-params.837');

  before(async () => {
    client = new TestClient();
    await client.initialize();
    await withDeadline(client.open(uri, text), ANSWER_MS, 'first diagnostics');
  });

  after(async () => {
    assert.equal(await client.shutdown(), 0);
  });

  const invalid: [string, unknown][] = [
    ['no parameters', null],
    ['an empty object', {}],
    ['no position', { textDocument: { uri } }],
    ['a uri that is not a string', { textDocument: { uri: 42 }, position: { line: 0, character: 0 } }],
    ['strings for numbers', { textDocument: { uri }, position: { line: 'one', character: null } }],
    ['NaN-like numbers', { textDocument: { uri }, position: { line: 1.5, character: 0 } }],
  ];
  for (const [what, params] of invalid) {
    test(what, async () => {
      const outcome = await withDeadline(settle(client.connection.sendRequest(HoverRequest.method, params)), ANSWER_MS, what);
      assert.equal(outcome.error?.code, -32602, JSON.stringify(outcome));
      // null is refused by the JSON-RPC layer itself (sent by position); the rest reach the handler.
      if (params !== null) assert.match(outcome.error!.message, /^Hover expects/);
    });
  }

  test('a position past the end or negative is valid: it answers null, not an error', async () => {
    for (const position of [{ line: 10_000, character: 0 }, { line: -1, character: -5 }]) {
      const outcome = await withDeadline(settle(client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position })), ANSWER_MS, 'hover');
      assert.equal(outcome.error, undefined);
    }
  });
});

describe('MessageFraming (the stdin transform) on its own', () => {
  async function through(chunks: (string | Buffer)[]): Promise<{ out: string; refused: string[] }> {
    const refused: string[] = [];
    const framing = new MessageFraming((reason) => refused.push(reason));
    const parts: Buffer[] = [];
    framing.on('data', (chunk: Buffer) => parts.push(chunk));
    const ended = new Promise((resolve) => framing.on('end', resolve));
    for (const chunk of chunks) framing.write(chunk);
    framing.end();
    await ended;
    return { out: Buffer.concat(parts).toString(), refused };
  }

  test('good messages pass through byte for byte, however they are cut', async () => {
    const bytes = frame({ jsonrpc: '2.0', method: 'a', params: 'é ünïcode' }) + `Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n${frame({ jsonrpc: '2.0', id: 1, method: 'b' })}`;
    const buffer = Buffer.from(bytes);
    for (let size = 1; size <= 9; size += 2) {
      const chunks: Buffer[] = [];
      for (let i = 0; i < buffer.length; i += size) chunks.push(buffer.subarray(i, i + size));
      const { out, refused } = await through(chunks);
      assert.equal(out, bytes, `chunks of ${size}`);
      assert.deepEqual(refused, []);
    }
  });

  test('a refused header drops its body; resynchronisation finds the next header even when cut', async () => {
    const good = frame({ jsonrpc: '2.0', id: 2, method: 'c' });
    const bytes = `content-length: -1\r\n\r\n{"x":1}garbage${good}`;
    const buffer = Buffer.from(bytes);
    for (let size = 1; size <= 7; size++) {
      const chunks: Buffer[] = [];
      for (let i = 0; i < buffer.length; i += size) chunks.push(buffer.subarray(i, i + size));
      const { out, refused } = await through(chunks);
      assert.equal(out, good, `chunks of ${size}`);
      assert.equal(refused.length, 1);
    }
  });

  test('a Content-Length at the maximum is accepted (the body is awaited, not refused)', async () => {
    const { out, refused } = await through([`Content-Length: ${MAX_MESSAGE_BYTES}\r\n\r\n{`]);
    assert.deepEqual(refused, []);
    assert.equal(out, `Content-Length: ${MAX_MESSAGE_BYTES}\r\n\r\n{`);
  });
});

describe('the 43214 hover fits the height of a hover', () => {
  let client: TestClient;
  const example = readFileSync(resolve(__dirname, '../../examples/professional-43214.837'), 'utf8');
  const uri = TestClient.uriFor('professional-43214.837');

  before(async () => {
    client = new TestClient();
    await client.initialize();
    await withDeadline(client.open(uri, example), ANSWER_MS, 'first diagnostics');
  });

  after(async () => {
    assert.equal(await client.shutdown(), 0);
  });

  /**
   * Lines of text the hover takes at the width VS Code gives it (about 100 characters): each
   * paragraph's wrapped lines, half a line for the gap after it, half a line for a rule. VS
   * Code's hover is at most 250 pixels high, about 12 such lines (19 pixels each, with padding);
   * what is beyond is cut off until the user scrolls.
   */
  function renderedLines(markdown: string): number {
    return markdown
      .split(/\n\s*\n/)
      .map((paragraph) =>
        paragraph.trim() === '---' ? 0.5 : paragraph.split('\n').reduce((sum, line) => sum + Math.max(1, Math.ceil(line.replace(/[*_`]/g, '').length / 100)), 0) + 0.5,
      )
      .reduce((a, b) => a + b, 0);
  }

  test('descriptor, the edits on that date and the billing note, then a clinical summary section that fits', async () => {
    const position = TextDocument.create(uri, 'x12', 1, example).positionAt(example.indexOf('43214'));
    const hover = await withDeadline(client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position }), ANSWER_MS, 'hover');
    const markdown = (hover!.contents as MarkupContent).value;
    const order = ['**43214**', '**PTP edits on 10/15/2026**', '**Billing:**', '**Clinical summary:**'].map((part) => markdown.indexOf(part));
    assert.ok(order.every((at) => at >= 0), markdown);
    assert.deepEqual([...order].sort((a, b) => a - b), order, 'in this order');
    // The clinical summary is a section of its own, after a rule, in whole sentences.
    const summary = markdown.slice(markdown.indexOf('**Clinical summary:**'));
    assert.match(markdown.slice(0, markdown.indexOf('**Clinical summary:**')), /\n---\n\n$/, 'a rule before the clinical summary');
    assert.match(summary, /^\*\*Clinical summary:\*\* A flexible scope is passed through the mouth into the esophagus, and a balloon at least 30 mm across is inflated inside a narrowed segment \(a stricture\) to stretch it open\./);
    assert.ok(renderedLines(markdown) <= 12, `the hover takes ${renderedLines(markdown)} lines:\n${markdown}`);
  });
});
