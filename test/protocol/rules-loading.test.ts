// Issue 17 item 3: loading rule tables must not stop the server. A CMS PTP table is a million
// rows; loaded on the server's thread, every hover and check waited for it (a repetitive table
// took 50 s). Here a generated 1,000,000-row table is set, and then rewritten, while a document
// is open: hovers are answered during each load, the rules loaded before stay in use until the
// new ones are in, and then the document is checked again with them. Each load is held at its
// start (helpers/hold-rule-load.cjs) until the hover is answered, so "during the load" holds on
// any machine, however fast it loads.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createServer, type Socket } from 'node:net';
import { HoverRequest, type Hover } from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { generatePtpTable } from '../../server/src/core/rules/generatePtpTable';
import { writeX12 } from '../unit/helpers/x12-writer';
import { TestClient } from './helpers/lspClient';
import { serverEnvironment } from '../../server/src/lsp/serverProcess';

const day = { from: 20260310, to: 20260310 };
/** Codes the generated table never uses (its pool has no C codes): the planted edit is the only one for them. */
const PLANTED = 'C9001\tC9002\t\t20200101\t*\t0\tMutually exclusive procedures';

/** The position in client.notifications of the first log line from `since` on that matches `pattern` (received, or the next to come). */
async function waitForLog(client: TestClient, pattern: RegExp, since: number, timeoutMs: number): Promise<number> {
  const params = await client.waitForNotification('window/logMessage', timeoutMs, (p) => pattern.test((p as { message: string }).message), since);
  return client.notifications.findIndex((n, i) => i >= since && n.params === params);
}

/** The log lines from the `since`-th notification on. */
function loggedSince(client: TestClient, since: number): string[] {
  return client.notifications.slice(since).filter((n) => n.method === 'window/logMessage').map((n) => (n.params as { message: string }).message);
}

/**
 * The test's end of helpers/hold-rule-load.cjs: a load of the table arrives here (a connection)
 * and waits until `letGo` (so a hover is answered while it certainly is still loading).
 */
async function loadHolder(): Promise<{ port: number; arrived(timeoutMs: number): Promise<Socket>; letGo(load: Socket): void; close(): void }> {
  const server = createServer();
  const arrivals: Socket[] = [];
  const waiters: ((load: Socket) => void)[] = [];
  const open = new Set<Socket>();
  server.on('connection', (socket) => {
    open.add(socket);
    socket.on('close', () => open.delete(socket));
    socket.on('error', () => {});
    const waiter = waiters.shift();
    if (waiter) waiter(socket);
    else arrivals.push(socket);
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  return {
    port: (server.address() as { port: number }).port,
    arrived: (timeoutMs) => {
      const load = arrivals.shift();
      if (load) return Promise.resolve(load);
      return new Promise((arrive, fail) => {
        const timer = setTimeout(() => fail(new Error(`no load of the table reached the hold within ${timeoutMs} ms`)), timeoutMs);
        waiters.push((socket) => {
          clearTimeout(timer);
          arrive(socket);
        });
      });
    },
    letGo: (load) => void load.end('go'),
    close: () => {
      for (const socket of open) socket.destroy();
      server.close();
    },
  };
}

test('hovers are answered while a 1,000,000-row PTP table loads, with the rules loaded before, and the document is checked again once it is in', { timeout: 180_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'claimlint-loading-'));
  const table = join(dir, 'ptp-million.txt');
  const generated = generatePtpTable(1_000_000, 17);
  assert.ok(!generated.includes('\nC900'), 'the generated rows leave the planted codes alone');
  writeFileSync(table, generated + PLANTED + '\r\n');
  // Each load of the table is held at its start until the test has had its hover answered.
  const holder = await loadHolder();
  const client = new TestClient({
    pullConfiguration: false,
    execArgv: ['--require', resolve(__dirname, 'helpers/hold-rule-load.cjs')],
    env: { ...serverEnvironment(process.env), CLAIMLINT_TEST_HOLD_TABLE: resolve(table), CLAIMLINT_TEST_HOLD_PORT: String(holder.port) },
  });
  try {
    // Guide-valid (the lines carry the service date, the claim none, as the 837P guide requires): the PTP findings are the only ones.
    const text = writeX12([{ id: 'C1', lines: ['43214', '43200', 'C9001', 'C9002'].map((code) => ({ code, charge: '10.00', date: day })) }]).text;
    const uri = TestClient.uriFor('loading.837');
    const document = TextDocument.create(uri, 'x12', 1, text);
    // How fast a hover is answered is the bench's (bench/budgets.ts BUDGETS.hover); here, that it
    // is answered, with the rules loaded before, while the load is held (not before the load ends).
    const hoverOver = async (code: string): Promise<{ markdown: string }> => {
      const hover = (await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: document.positionAt(text.indexOf(`HC:${code}`) + 4) })) as Hover | null;
      return { markdown: JSON.stringify(hover?.contents ?? null) };
    };

    await client.initialize({ settings: { ptpEditFiles: [table], builtinEdits: true } });
    const firstDiagnostics = client.waitForDiagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'ptp.conflict' && /C9001/.test(String(d.message))), 120_000);
    void client.open(uri, text).catch(() => undefined);

    // 1. The first load: the server answers at once, from the built-in rules (no edit for C9002 yet).
    await waitForLog(client, /^Claimlint rules: loading 1 rule file/, 0, 30_000);
    const firstLoad = await holder.arrived(30_000);
    const during = await hoverOver('C9002');
    assert.equal(loggedSince(client, 0).some((m) => m.startsWith('Claimlint rules loaded:')), false, 'the hover was answered before the table was loaded');
    assert.match(during.markdown, /No PTP edits on 03\/10\/2026/);
    assert.match((await hoverOver('43214')).markdown, /43214/, 'the built-in 43214 edits are served meanwhile');
    holder.letGo(firstLoad);

    // Once loaded, the open document is checked with the table, and hovers use it.
    const loadedAt = await waitForLog(client, /^Claimlint rules loaded: PTP tables: 1 of 1 file loaded \(1,?000,?001 edits\)|^Claimlint rules loaded: PTP tables: 1 of 1 file loaded/, 0, 120_000);
    assert.deepEqual((await firstDiagnostics).diagnostics.map((d) => d.code).sort(), ['ptp.conflict', 'ptp.conflict']);
    assert.match((await hoverOver('C9002')).markdown, /C9001/);

    // 2. The table is rewritten without the planted edit: while it loads again, the edit loaded
    // before is still served; then it is gone from hovers and diagnostics.
    const cleared = client.waitForDiagnostics(uri, (p) => p.diagnostics.length === 1, 120_000);
    writeFileSync(table, generated);
    const reloading = await waitForLog(client, /^Claimlint rules: loading 1 rule file/, loadedAt + 1, 30_000);
    const secondLoad = await holder.arrived(30_000);
    const again = await hoverOver('C9002');
    assert.equal(loggedSince(client, reloading).some((m) => m.startsWith('Claimlint rules loaded:')), false, 'the hover was answered before the table was loaded again');
    assert.match(again.markdown, /C9001/, 'the rules loaded before stay in use until the new ones are in');
    holder.letGo(secondLoad);
    assert.deepEqual((await cleared).diagnostics.map((d) => d.code), ['ptp.conflict']);
    assert.match((await hoverOver('C9002')).markdown, /No PTP edits on 03\/10\/2026/);
  } finally {
    holder.close();
    await client.shutdown();
    rmSync(dir, { recursive: true, force: true });
  }
});
