// The guide and envelope quick fixes through the real server over stdio: the code actions on an
// HL, SE01 and ISA finding, each applied as the editor would and the document checked again by
// the server; fix-all (resolved later) doing them all at once; the envelope checks' fixes with
// the default guideChecks (full) and with envelope set.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CodeActionRequest, CodeActionResolveRequest, type CodeAction, type Diagnostic, type TextEdit } from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { TestClient } from './helpers/lspClient';

const root = resolve(__dirname, '../..');
// Clean with guideChecks full once the built-in NCCI edits are off (its PTP pairs are the only findings then).
const example = readFileSync(join(root, 'examples/professional-43214.837'), 'utf8');
const PADDED_ISA = 'ISA*00*          *00*          *ZZ*CLAIMLINTDEMO  *ZZ*PAYERDEMO      *261101*0930*^*00501*000000101*0*T*:~';
/** HL 2 numbered 3 (a level deleted before it), SE01 one too high, the ISA unpadded with IEA02 as short as its ISA13. */
const broken = example
  .replace('HL*2*1*22*0~', 'HL*3*1*22*0~')
  .replace('SE*34*0001~', 'SE*35*0001~')
  .replace(PADDED_ISA, 'ISA*00**00**ZZ*CLAIMLINTDEMO*ZZ*PAYERDEMO*261101*930*^*00501*101*0*T*:~')
  .replace('IEA*1*000000101~', 'IEA*1*101~');

const codes = (diagnostics: readonly Diagnostic[]) => diagnostics.map((d) => String(d.code)).sort();

function editsOf(action: CodeAction): TextEdit[] {
  const change = action.edit?.documentChanges?.[0];
  assert.ok(change && 'edits' in change, 'a versioned text document edit');
  return change.edits as TextEdit[];
}

function applied(text: string, action: CodeAction): string {
  return TextDocument.applyEdits(TextDocument.create('x', 'x12', 0, text), editsOf(action));
}

/** Each code's count after is at most its count before, less the codes that must be gone. */
function assertNothingNew(before: readonly Diagnostic[], after: readonly Diagnostic[], gone: string[]): void {
  const left = codes(after);
  for (const code of gone) assert.ok(!left.includes(code), `${code} is gone: ${left.join(', ')}`);
  for (const code of left) assert.ok(left.filter((c) => c === code).length <= codes(before).filter((c) => c === code).length, `${code} is not new`);
}

test('quick fixes on an HL, an SE01 and an ISA finding: each applied, the server finds that finding gone and nothing new', async () => {
  const client = new TestClient({ settings: { builtinEdits: false, guideChecks: 'full' } });
  try {
    await client.initialize();
    const uri = TestClient.uriFor('guide-fixes.837');
    let text = broken;
    let diagnostics = (await client.open(uri, text)).diagnostics;
    for (const code of ['guide.hl-sequence', 'x12.se01-count', 'guide.element-length']) assert.ok(codes(diagnostics).includes(code), `${code} in ${codes(diagnostics).join(', ')}`);
    // In full the guide's findings on the ISA elements stand for x12.isa-width (checks.ts REPEATED_BY_GUIDE).
    assert.ok(!codes(diagnostics).includes('x12.isa-width'));

    const steps: { code: string; title: string | RegExp; gone: string[] }[] = [
      { code: 'guide.hl-sequence', title: 'Renumber HL01 in order and HL02 to match', gone: ['guide.hl-sequence'] },
      { code: 'x12.se01-count', title: 'Set SE01 to 34 (the segments in the transaction set)', gone: ['x12.se01-count'] },
      { code: 'guide.element-length', title: 'Pad the ISA fields to their fixed widths (106 characters) and IEA02 to match ISA13', gone: ['x12.isa-width', 'guide.element-length', 'guide.element-missing', 'guide.element-type'] },
    ];
    for (const step of steps) {
      const target = diagnostics.find((d) => d.code === step.code);
      assert.ok(target, step.code);
      const actions = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: target.range, context: { diagnostics: [target], only: ['quickfix'] } })) as CodeAction[];
      const action = actions.find((a) => a.title === step.title);
      assert.ok(action, `${step.title} in ${actions.map((a) => a.title).join(' | ')}`);
      assert.equal(action.kind, 'quickfix');
      assert.equal(action.isPreferred, true);
      assert.ok(action.diagnostics?.some((d) => d.code === step.code), 'the action names the diagnostic it fixes');
      text = applied(text, action);
      const after = (await client.change(uri, { text })).diagnostics;
      assertNothingNew(diagnostics, after, step.gone);
      diagnostics = after;
    }
    assert.equal(text, example);
    assert.deepEqual(diagnostics, []);
  } finally {
    await client.shutdown();
  }
});

test('fix-all, its edits resolved later, fixes the HL numbers, SE01 and the ISA at once', async () => {
  const client = new TestClient({ settings: { builtinEdits: false, guideChecks: 'full' } });
  try {
    await client.initialize(undefined, { resolveCodeActionEdits: true });
    const uri = TestClient.uriFor('guide-fix-all.837');
    await client.open(uri, broken);
    const actions = await client.fixAllActions(uri);
    assert.equal(actions.length, 1);
    assert.equal(actions[0]!.title, 'Fix all problems Claimlint can fix safely', 'offered uncomputed: what it does comes on resolve');
    assert.equal(actions[0]!.edit, undefined, 'the edits come on resolve');
    const resolved = await client.connection.sendRequest(CodeActionResolveRequest.type, actions[0]!);
    assert.equal(resolved.title, 'Renumber HL01/HL02 in 1 transaction set, recount SE01 and pad the ISA fields');
    const fixed = applied(broken, resolved);
    assert.equal(fixed, example);
    assert.deepEqual((await client.change(uri, { text: fixed })).diagnostics, []);
  } finally {
    await client.shutdown();
  }
});

for (const [mode, settings] of [
  ['the default guideChecks (full)', { builtinEdits: false }],
  ['guideChecks envelope', { builtinEdits: false, guideChecks: 'envelope' }],
] as const) {
  test(`with ${mode} the envelope findings get their fixes too`, async () => {
    const client = new TestClient({ settings });
    try {
      await client.initialize();
      const uri = TestClient.uriFor('guide-fixes-envelope.837');
      const text = example.replace('GE*1*1~', 'GE*3*1~');
      const { diagnostics } = await client.open(uri, text);
      assert.deepEqual(codes(diagnostics), ['x12.ge01-count']);
      const actions = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: diagnostics[0]!.range, context: { diagnostics, only: ['quickfix'] } })) as CodeAction[];
      assert.deepEqual(actions.map((a) => a.title), ['Set GE01 to 1 (the transaction sets in the group)']);
      const fixed = applied(text, actions[0]!);
      assert.equal(fixed, example);
      assert.deepEqual((await client.change(uri, { text: fixed })).diagnostics, []);
    } finally {
      await client.shutdown();
    }
  });
}
