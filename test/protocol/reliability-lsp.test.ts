// Issue 8 through the running server: bad LSP input (unknown documents, positions past the end,
// malformed parameters, stale versions, cancelled requests, bytes that are not JSON) gets an
// answer or nothing, never a crash; a document whose check throws gets a finding saying so while
// the others keep working; and edits are versioned, so a fix computed for one version is never
// offered for another. Every wait has a deadline.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CancellationTokenSource,
  CodeActionRequest,
  CodeActionResolveRequest,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentFormattingRequest,
  DocumentSymbolRequest,
  FoldingRangeRequest,
  HoverRequest,
  InitializeRequest,
  InitializedNotification,
  type CodeAction,
  type TextDocumentEdit,
  type TextEdit,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseDocument } from '../../server/src/core/parse';
import { writeX12 } from '../unit/helpers/x12-writer';
import { TestClient } from './helpers/lspClient';
import { exerciseDocument, faultInjection, settle, withDeadline } from '../fuzz/protocol';

const ANSWER_MS = 5000;
const day = { from: 20260310, to: 20260310 };

/**
 * A one-claim 837P: 43214 with 43200 (an indicator-0 conflict) and 99213. Guide-valid: each line
 * carries its own service date (2400 DTP*472) and the claim none, so in the default guideChecks
 * (full) the conflict is its only finding.
 */
function conflictDocument(claimId = 'C1', extraLine = false): string {
  const lines = [
    ...(extraLine ? [{ code: '99214', charge: '80.00', date: day }] : []),
    { code: '43214', charge: '1500.00', date: day },
    { code: '43200', charge: '400.00', date: day },
    { code: '99213', charge: '120.00', date: day },
  ];
  return writeX12([{ id: claimId, lines }], { lineEnding: '\n' }).text;
}

function applyTextEdits(text: string, edits: TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('x', 'x', 0, text), edits);
}

function versionedEdit(action: CodeAction): TextDocumentEdit {
  const change = action.edit?.documentChanges?.[0];
  assert.ok(change && 'textDocument' in change, `${action.title}: a versioned text document edit`);
  return change;
}

async function expectServing(client: TestClient, name: string): Promise<void> {
  const uri = TestClient.uriFor(`${name}.837`);
  const published = await withDeadline(client.open(uri, conflictDocument()), ANSWER_MS, `diagnostics for ${name}`);
  assert.deepEqual(published.diagnostics.map((d) => d.code), ['ptp.conflict'], `${name}: the server still checks documents correctly`);
  await client.close(uri);
}

describe('bad LSP input gets an answer or nothing, never a crash', () => {
  let client: TestClient;
  let exited: number | null | undefined;
  const uri = TestClient.uriFor('bad-input.837');
  const text = conflictDocument();

  before(async () => {
    client = new TestClient();
    client.process.once('exit', (code) => (exited = code));
    await client.initialize();
    await withDeadline(client.open(uri, text), ANSWER_MS, 'first diagnostics');
  });

  after(async () => {
    assert.equal(exited, undefined, 'the server did not exit during the tests');
    assert.equal(await client.shutdown(), 0);
    assert.doesNotMatch(client.stderr.join(''), /Error|at .*\.js:\d+/, 'nothing on stderr');
  });

  test('every request on a document that was never opened answers null or an empty result', async () => {
    const outcomes = await exerciseDocument(client.connection, TestClient.uriFor('never-opened.837'), [{ line: 0, character: 0 }, { line: 999, character: 999 }], ANSWER_MS);
    for (const { name, outcome } of outcomes) {
      assert.equal(outcome.error, undefined, `${name}: ${outcome.error?.message}`);
      assert.ok(outcome.result === null || (Array.isArray(outcome.result) && outcome.result.length === 0), `${name}: ${JSON.stringify(outcome.result)}`);
    }
  });

  test('positions past the end, negative, huge or not numbers: answers, no error', async () => {
    const positions = [
      { line: 10_000, character: 0 },
      { line: 0, character: 1e9 },
      { line: 2 ** 31 - 1, character: 2 ** 31 - 1 },
      { line: -1, character: -5 },
    ];
    for (const { name, outcome } of await exerciseDocument(client.connection, uri, positions, ANSWER_MS)) {
      assert.equal(outcome.error, undefined, `${name}: ${outcome.error?.message}`);
    }
    // An inverted range and a range past the end.
    for (const range of [
      { start: { line: 50, character: 3 }, end: { line: 1, character: 0 } },
      { start: { line: 9999, character: 0 }, end: { line: 99999, character: 0 } },
    ]) {
      const outcome = await withDeadline(settle(client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range, context: { diagnostics: [] } })), ANSWER_MS, 'code actions');
      assert.equal(outcome.error, undefined);
    }
    const odd = await withDeadline(
      settle(client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 'one', character: null } as unknown as { line: number; character: number } })),
      ANSWER_MS,
      'hover with strings for numbers',
    );
    assert.ok(odd.error === undefined || odd.error.code === -32603 || odd.error.code === -32602, JSON.stringify(odd));
  });

  test('malformed parameters get an error response; unknown methods get MethodNotFound', async () => {
    const malformed: [string, unknown][] = [
      [HoverRequest.method, {}],
      [HoverRequest.method, null],
      [CodeActionRequest.method, { textDocument: { uri } }],
      [CodeActionRequest.method, { textDocument: { uri }, range: null, context: { diagnostics: [] } }],
      [DocumentSymbolRequest.method, { textDocument: null }],
      [FoldingRangeRequest.method, []],
      ['claimlint/layout', null],
      ['claimlint/layout', { uri: 42 }],
    ];
    for (const [method, params] of malformed) {
      const outcome = await withDeadline(settle(client.connection.sendRequest(method, params)), ANSWER_MS, method);
      // An answer without an error would let a client take a malformed request for a served one.
      assert.ok(outcome.error, `${method} ${JSON.stringify(params)}: an error, not ${JSON.stringify(outcome.result)}`);
      assert.ok([-32603, -32602].includes(outcome.error.code ?? 0), `${method}: ${JSON.stringify(outcome.error)}`);
      assert.ok(!outcome.error.message.includes('43214'), `${method}: the error does not quote the document`);
    }
    const unknown = await withDeadline(settle(client.connection.sendRequest('claimlint/noSuchRequest', { uri })), ANSWER_MS, 'unknown method');
    assert.equal(unknown.error?.code, -32601);
  });

  test('formatting with a textDocument that is not an object, and codeAction/resolve with data naming no document, get an error response', async () => {
    for (const [method, params] of [
      [DocumentFormattingRequest.method, { textDocument: 42 }],
      [CodeActionResolveRequest.method, { title: 'x', kind: 'source.fixAll.claimlint', data: { uri: 5 } }],
    ] as const) {
      const outcome = await withDeadline(settle(client.connection.sendRequest(method, params)), ANSWER_MS, method);
      assert.equal(outcome.error?.code, -32602, `${method} ${JSON.stringify(params)}: ${JSON.stringify(outcome)}`);
    }
  });

  test('malformed and out-of-order notifications are ignored', async () => {
    const c = client.connection;
    await c.sendNotification(DidOpenTextDocumentNotification.method, {});
    await c.sendNotification(DidOpenTextDocumentNotification.method, { textDocument: { uri: 5, languageId: null, version: 'x', text: null } });
    await c.sendNotification(DidChangeTextDocumentNotification.method, { textDocument: { uri: TestClient.uriFor('never-opened.837'), version: 3 }, contentChanges: [{ text: 'ISA' }] });
    await c.sendNotification(DidChangeTextDocumentNotification.method, { textDocument: { uri, version: null }, contentChanges: [{ text: 'x' }] });
    await c.sendNotification(DidChangeTextDocumentNotification.method, { textDocument: { uri }, contentChanges: null });
    await c.sendNotification(DidCloseTextDocumentNotification.method, { textDocument: { uri: TestClient.uriFor('never-opened.837') } });
    await c.sendNotification('claimlint/noSuchNotification', { anything: true });
    await c.sendNotification('$/setTrace', { value: 'not-a-level' });
    await expectServing(client, 'after-bad-notifications');
  });

  test('a change past the end of the document, and a stale version number, are survived', async () => {
    const v2 = client.version(uri) + 1;
    const past = client.change(uri, { text: '\n', range: { start: { line: 9999, character: 5 }, end: { line: 99999, character: 0 } } });
    const afterPast = await withDeadline(past, ANSWER_MS, 'diagnostics after a change past the end');
    assert.equal(afterPast.version, v2, 'the change past the end is taken as the next version');
    assert.deepEqual(afterPast.diagnostics.map((d) => d.code), ['ptp.conflict'], 'appended at the end, the document still reads');
    // A version lower than the current one (a client bug): the server takes the text and answers.
    // The text has no conflict, so its diagnostics show which text was checked.
    const clean = writeX12([{ id: 'C1', lines: [{ code: '99213', charge: '120.00', date: day }] }], { lineEnding: '\n' }).text;
    const stale = client.waitForDiagnostics(uri, (p) => p.version === 1);
    await client.connection.sendNotification(DidChangeTextDocumentNotification.method, { textDocument: { uri, version: 1 }, contentChanges: [{ text: clean }] });
    assert.deepEqual((await withDeadline(stale, ANSWER_MS, 'diagnostics of the stale version')).diagnostics, [], "the stale version's text was checked");
    const position = TextDocument.create(uri, 'x12', 1, clean).positionAt(clean.indexOf('99213') + 1);
    const hover = await withDeadline(settle(client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position })), ANSWER_MS, 'hover');
    assert.equal(hover.error, undefined);
    assert.match(JSON.stringify(hover.result), /99213/, 'the hover reads the text of the stale version');
    await expectServing(client, 'after-stale-version');
  });

  test('cancelled requests are answered (a result or RequestCancelled), and the next request works', async () => {
    const outcomes: Promise<Awaited<ReturnType<typeof settle>>>[] = [];
    for (let i = 0; i < 20; i++) {
      const source = new CancellationTokenSource();
      const request: Promise<unknown> = i % 2
        ? client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: i, character: 1 } }, source.token)
        : client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 99, character: 0 } }, context: { diagnostics: [] } }, source.token);
      source.cancel();
      outcomes.push(withDeadline(settle(request), ANSWER_MS, `cancelled request ${i}`));
    }
    for (const outcome of await Promise.all(outcomes)) {
      assert.ok(outcome.error === undefined || outcome.error.code === -32800, JSON.stringify(outcome.error));
    }
    await expectServing(client, 'after-cancellations');
  });

  test('bytes that are not JSON-RPC are skipped', async () => {
    const stdin = client.process.stdin!;
    stdin.write('Content-Length: 10\r\n\r\n{not json}');
    stdin.write('Content-Length: 3\r\n\r\n[1]');
    stdin.write('Content-Length: 40\r\n\r\n{"jsonrpc":"2.0","id":99,"method":5}    ');
    await expectServing(client, 'after-garbage');
  });

  test('documents of 2 MB on one line, and of 100,000 empty segments, are answered within the deadline', async () => {
    const isa = text.slice(0, text.indexOf('\n') + 1);
    for (const [name, big] of [
      ['one-line', isa + 'A'.repeat(2_000_000)],
      ['empty-segments', isa + '~'.repeat(100_000)],
      ['open-quote', 'Claim ID,CPT,DOS\n"' + 'x,'.repeat(500_000)],
    ] as const) {
      const bigUri = TestClient.uriFor(`big-${name}.837`);
      await withDeadline(client.open(bigUri, big), 10_000, `diagnostics for ${name}`);
      for (const { name: request, outcome } of await exerciseDocument(client.connection, bigUri, [{ line: 0, character: 5 }, { line: 1, character: 1_000_000 }], 10_000)) {
        assert.ok(outcome.error === undefined, `${name} ${request}: ${outcome.error?.message}`);
      }
      await client.close(bigUri);
    }
    await expectServing(client, 'after-big-documents');
  });

  test('code actions over a whole file with a 4,000-line claim are answered quickly and stay small', async () => {
    const lines = Array.from({ length: 4000 }, (_, i) => ({ code: i % 2 ? '43200' : '43214', charge: '1.00', date: day }));
    const big = writeX12([{ id: 'C1', lines }], { lineEnding: '\n' }).text;
    const bigUri = TestClient.uriFor('big-claim.837');
    const published = await withDeadline(client.open(bigUri, big), 10_000, 'diagnostics');
    // What a user sees in the default guideChecks (full): a conflict on each 43200, and the 837P
    // guide's limit of 50 service lines a claim (loop 2400), exceeded at each LX from the 51st on.
    const byCode = new Map<string, number>();
    for (const d of published.diagnostics) byCode.set(String(d.code), (byCode.get(String(d.code)) ?? 0) + 1);
    assert.deepEqual([...byCode], [['ptp.conflict', 2000], ['guide.loop-max-repeat', 3950]]);
    assert.equal(published.diagnostics.length, 5950);
    const started = performance.now();
    const actions = (await withDeadline(
      client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: bigUri }, range: { start: { line: 0, character: 0 }, end: { line: 1e6, character: 0 } }, context: { diagnostics: [] } }),
      10_000,
      'code actions for everything',
    )) as CodeAction[];
    const ms = performance.now() - started;
    assert.ok(ms < 5000, `${ms.toFixed(0)} ms`);
    assert.equal(actions.filter((a) => a.kind === 'quickfix').length, 20, 'quick fixes for the first 20 findings');
    assert.equal(actions.filter((a) => a.kind === 'source.fixAll.claimlint').length, 1, 'and fix-all for all of them');
    assert.ok(JSON.stringify(actions).length < 50_000_000);
    await client.close(bigUri);
  });
});

describe('a document whose check fails gets a finding; the others keep working', () => {
  let client: TestClient;
  let exited: number | null | undefined;

  before(async () => {
    // The preload adds throws to the bundle for documents holding a marker (see fault-injection.cjs).
    client = new TestClient({ execArgv: ['--require', faultInjection] });
    client.process.once('exit', (code) => (exited = code));
    await client.initialize();
  });

  after(async () => {
    assert.equal(exited, undefined, 'the server did not exit');
    await client.shutdown();
    const everything = JSON.stringify(client.notifications) + client.stderr.join('');
    assert.ok(!everything.includes('FAULT-SECRET'), 'no error text reached the client');
  });

  for (const [stage, marker, claimId] of [
    ['checking', '', 'FAULT-IN-CHECK'],
    ['reading', 'FAULT-IN-READ', 'C1'],
    ['reporting the problems of', 'FAULT-IN-PUBLISH', 'C1'],
  ] as const) {
    test(`a failure while ${stage} the document`, async () => {
      const broken = TestClient.uriFor(`broken-${stage.split(' ')[0]}.837`);
      const published = await withDeadline(client.open(broken, conflictDocument(claimId) + marker), ANSWER_MS, 'diagnostics of the broken document');
      const internal = published.diagnostics.filter((d) => d.code === 'claimlint.internal-error');
      assert.equal(internal.length, 1, JSON.stringify(published.diagnostics));
      const message = JSON.stringify(internal[0]!.message);
      assert.match(message, new RegExp(`failed while ${stage} this document \\((TypeError|RangeError|Error)\\)`));
      assert.ok(!message.includes('FAULT-SECRET'));
      // The other documents: a new one, and a change to another, are checked as usual.
      await expectServing(client, `beside-${stage.split(' ')[0]}`);
      // Hovers and symbols on the broken document still answer.
      for (const { name, outcome } of await exerciseDocument(client.connection, broken, [{ line: 3, character: 2 }], ANSWER_MS)) {
        assert.ok(outcome.error === undefined || /^Claimlint failed on \w+ \(\w+\)$/.test(outcome.error.message), `${name}: ${outcome.error?.message}`);
      }
      await client.close(broken);
    });
  }

  test('a failing hover answers an error naming only the kind of error; the next hover works', async () => {
    const broken = TestClient.uriFor('broken-hover.837');
    await withDeadline(client.open(broken, conflictDocument() + 'FAULT-IN-HOVER'), ANSWER_MS, 'diagnostics');
    const outcome = await withDeadline(settle(client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: broken }, position: { line: 5, character: 1 } })), ANSWER_MS, 'hover');
    assert.equal(outcome.error?.code, -32603);
    assert.equal(outcome.error?.message, 'Claimlint failed on Hover (Error)');
    const good = TestClient.uriFor('good-hover.837');
    const text = conflictDocument();
    await client.open(good, text);
    const position = TextDocument.create(good, 'x12', 1, text).positionAt(text.indexOf('43214'));
    const hover = await withDeadline(client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: good }, position }), ANSWER_MS, 'hover');
    assert.match(JSON.stringify(hover), /43214/);
  });
});

describe('edits are versioned', () => {
  let client: TestClient;
  const uri = TestClient.uriFor('versioned.837');
  const v1Text = conflictDocument();
  const v2Text = conflictDocument('C1', true);

  before(async () => {
    client = new TestClient();
    await client.initialize();
  });
  after(async () => {
    await client.shutdown();
  });

  async function removal(range?: { start: { line: number; character: number }; end: { line: number; character: number } }): Promise<CodeAction> {
    const everything = { start: { line: 0, character: 0 }, end: { line: 1000, character: 0 } };
    const actions = (await withDeadline(client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: range ?? everything, context: { diagnostics: [] } }), ANSWER_MS, 'code actions')) as CodeAction[];
    const action = actions.find((a) => a.title.startsWith('Remove'));
    assert.ok(action, 'a removal action');
    return action;
  }

  test('a quick fix names the version it was computed for, and a newer version gets a newer fix', async () => {
    await client.open(uri, v1Text);
    const first = versionedEdit(await removal());
    assert.equal(first.textDocument.version, 1);
    assert.deepEqual(parseDocument(applyTextEdits(v1Text, first.edits as TextEdit[])).claims[0]!.lines.map((l) => l.code), ['43214', '99213']);

    await client.change(uri, { text: v2Text });
    const second = versionedEdit(await removal());
    assert.equal(second.textDocument.version, 2);
    assert.deepEqual(parseDocument(applyTextEdits(v2Text, second.edits as TextEdit[])).claims[0]!.lines.map((l) => l.code), ['99214', '43214', '99213']);

    // Why the version matters: the version-1 edits applied to version 2 remove the wrong line.
    const misapplied = parseDocument(applyTextEdits(v2Text, first.edits as TextEdit[]));
    assert.notDeepEqual(misapplied.claims[0]?.lines.map((l) => l.code), ['99214', '43214', '99213']);
  });

  test('a request sent right after a change, without waiting, is answered for the new version', async () => {
    const version = client.version(uri) + 1;
    const changed = client.change(uri, { text: v1Text });
    const action = await removal();
    assert.equal(versionedEdit(action).textDocument.version, version);
    await changed;
  });

  test('fix-all resolved for an older version comes back without an edit', async () => {
    // A client that resolves code actions gets fix-all without its edits, then resolves it.
    const resolving = new TestClient();
    try {
      await resolving.connection.sendRequest(InitializeRequest.type, {
        processId: process.pid,
        rootUri: null,
        workspaceFolders: null,
        capabilities: {
          workspace: { workspaceEdit: { documentChanges: true } },
          textDocument: { codeAction: { resolveSupport: { properties: ['edit'] }, codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll'] } } } },
        },
      });
      await resolving.connection.sendNotification(InitializedNotification.type, {});
      await withDeadline(resolving.open(uri, v1Text), ANSWER_MS, 'diagnostics');
      const [unresolved] = await resolving.fixAllActions(uri);
      assert.ok(unresolved && !unresolved.edit, 'fix-all without its edit');
      const fresh = await resolving.connection.sendRequest(CodeActionResolveRequest.type, unresolved);
      assert.equal(versionedEdit(fresh).textDocument.version, 1);
      await resolving.change(uri, { text: v2Text });
      const stale = await resolving.connection.sendRequest(CodeActionResolveRequest.type, unresolved);
      assert.equal(stale.edit, undefined, 'no edit for a version that is gone');
    } finally {
      await resolving.shutdown();
    }
  });
});
