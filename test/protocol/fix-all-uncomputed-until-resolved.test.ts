// Fix-all for a client that resolves code action edits later (VS Code, Neovim, Emacs and Helix
// declare codeAction.resolveSupport { properties: ['edit'] }): a code action request offers it
// uncomputed, under a title that needs no count, and codeAction/resolve computes its count and
// its edits. Computing fix-all plans every edit of the document, and such a client asks for code
// actions with every cursor move and keystroke (triggerKind Automatic): on a 10 MB 837 with a
// conflict in each claim the first request after each edit used to take most of a second. The
// time itself is measured by bench/lsp.ts (code actions, against the README's p99 budget); this
// test holds what makes it small: no request but resolve carries (or computes) the edits.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CodeActionRequest, CodeActionResolveRequest, type CodeAction, type TextEdit } from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseDocument } from '../../server/src/core/parse';
import { writeX12 } from '../unit/helpers/x12-writer';
import { TestClient } from './helpers/lspClient';

const day = { from: 20260310, to: 20260310 };
const UNCOUNTED = 'Fix all problems Claimlint can fix safely';

let dir: string;
let client: TestClient;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'claimlint-fix-all-'));
  // An indicator-1 pair: fix-all leaves it for a person (a modifier may be the answer).
  const ptpFile = join(dir, 'user-edits.txt');
  writeFileSync(ptpFile, [
    'Synthetic PTP table for tests',
    'Column 1\tColumn 2\t*=in existence prior to 1996\tEffective Date\tDeletion Date\tModifier Indicator\tPTP Edit Rationale',
    '11042\t97597\t\t20200101\t*\t1\tMisuse of column two code with column one code',
    '',
  ].join('\r\n'));
  client = new TestClient({ settings: { ptpEditFiles: [ptpFile], descriptorFiles: [], builtinEdits: true } });
  await client.initialize(undefined, { resolveCodeActionEdits: true });
});

after(async () => {
  await client.shutdown();
  rmSync(dir, { recursive: true, force: true });
});

/** The fix-all actions of a lightbulb request, as VS Code sends it when the cursor rests: no `only`, triggerKind Automatic. */
async function lightbulb(uri: string, line: number): Promise<CodeAction[]> {
  const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
    textDocument: { uri },
    range: { start: { line, character: 0 }, end: { line, character: 0 } },
    context: { diagnostics: [], triggerKind: 2 },
  })) as CodeAction[];
  return actions.filter((a) => a.kind === 'source.fixAll.claimlint');
}

function editsOf(action: CodeAction, version: number): TextEdit[] {
  const change = action.edit?.documentChanges?.[0];
  assert.ok(change && 'edits' in change, 'a versioned text document edit');
  assert.equal(change.textDocument.version, version);
  return change.edits as TextEdit[];
}

test('a lightbulb request offers fix-all without its edit or count, before and after an edit; resolve brings both', async () => {
  // Three claims of one bundled pair each: fix-all removes each claim's 43200.
  const claims = [1, 2, 3].map((c) => ({
    id: `C${c}`,
    subscriberId: `M${c}`,
    lines: [
      { code: '43214', charge: '100.00', date: day },
      { code: '43200', charge: '10.00', date: day },
      { code: '99213', charge: '10.00', date: day },
    ],
  }));
  const { text } = writeX12(claims, { lineEnding: '\n' });
  const uri = TestClient.uriFor('fix-all-uncomputed.837');
  await client.open(uri, text);

  const first = await lightbulb(uri, 20);
  assert.equal(first.length, 1, 'fix-all is offered');
  assert.deepEqual(first[0], { title: UNCOUNTED, kind: 'source.fixAll.claimlint', data: { uri, version: 1 } }, 'no edit, no count, no diagnostics');

  // A digit typed over in a charge (100.00 -> 200.00): the first request for version 2 is the one that computed fix-all before.
  const lines = text.split('\n');
  const at = lines.findIndex((l) => l.startsWith('SV1*HC:43214*100.00'));
  const character = lines[at]!.indexOf('100.00');
  const { version } = await client.change(uri, { range: { start: { line: at, character }, end: { line: at, character: character + 1 } }, text: '2' });
  assert.equal(version, 2);
  const afterEdit = await lightbulb(uri, at);
  assert.deepEqual(afterEdit, [{ title: UNCOUNTED, kind: 'source.fixAll.claimlint', data: { uri, version: 2 } }]);

  const resolved = await client.connection.sendRequest(CodeActionResolveRequest.type, afterEdit[0]!);
  assert.equal(resolved.title, 'Remove 3 service lines', 'the count comes on resolve');
  const edited = text.replace('SV1*HC:43214*100.00', 'SV1*HC:43214*200.00');
  const fixed = TextDocument.applyEdits(TextDocument.create(uri, 'x12', 2, edited), editsOf(resolved, 2));
  assert.deepEqual(parseDocument(fixed).claims.map((c) => c.lines.map((l) => l.code)), [['43214', '99213'], ['43214', '99213'], ['43214', '99213']]);

  // Computed once for this version, it is offered with its count from then on.
  assert.deepEqual((await lightbulb(uri, 0)).map((a) => [a.title, a.edit]), [['Remove 3 service lines', undefined]]);
});

test('fix-all offered for a finding it leaves for a person resolves without an edit and says so; then it is not offered', async () => {
  const { text } = writeX12([{ id: 'C1', lines: [{ code: '11042', charge: '210.00', date: day }, { code: '97597', charge: '95.50', date: day }] }], { lineEnding: '\n' });
  const uri = TestClient.uriFor('fix-all-nothing.837');
  const { diagnostics } = await client.open(uri, text);
  assert.deepEqual(diagnostics.map((d) => d.code), ['ptp.modifier-required']);

  const offered = await lightbulb(uri, 0);
  assert.deepEqual(offered.map((a) => [a.title, a.edit]), [[UNCOUNTED, undefined]], 'offered before it is computed');
  const resolved = await client.connection.sendRequest(CodeActionResolveRequest.type, offered[0]!);
  assert.equal(resolved.edit, undefined);
  assert.match(resolved.title, /^Nothing Claimlint can fix safely/);
  assert.deepEqual(await lightbulb(uri, 0), [], 'once computed and found empty, not offered for this version');
});

test('a document without a finding that has a fix is offered no fix-all', async () => {
  const { text } = writeX12([{ id: 'C1', lines: [{ code: '43214', charge: '100.00', date: day }, { code: '99213', charge: '10.00', date: day }] }], { lineEnding: '\n' });
  const uri = TestClient.uriFor('fix-all-clean.837');
  assert.deepEqual((await client.open(uri, text)).diagnostics, []);
  assert.deepEqual(await lightbulb(uri, 0), []);
});
