// An 837 whose last segment (IEA) has no terminator but whose file ends with a line break (an
// editor that adds the final newline) gets the findings the same file without the final line
// break gets, in the editor and from the CLI's reader in pieces. The tokenizer (core/x12/
// tokenizer.ts) once ended a segment without a terminator at the end of the text, the trailing
// CRLF included, so the guide pass read IEA02 as "000000001\r\n": two false errors (too long,
// not a whole number) whose ranges ran onto the empty last line, and a quick fix ("Write IEA02 as
// ISA13 writes it") that only deleted the final line break (found in review). Such a segment now
// ends before the line breaks after it, so what relied on its end being the text's end to tell it
// had no terminator is checked here too: a hover there, the set or claim read again after an
// edit deletes a terminator before a line break, and the CLI's reader on a last segment so long
// that it leaves out its middle. Synthetic data only.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CodeActionRequest, HoverRequest, type CodeAction } from 'vscode-languageserver-protocol/node';
import { writeX12 } from '../unit/helpers/x12-writer';
import { TestClient } from './helpers/lspClient';

const day = { from: 20260310, to: 20260310 };
const perLine = writeX12([{ id: 'C1', lines: [{ code: '99213', charge: '90.00', date: day }] }], { lineEnding: '\r\n' }).text;
/** The same file with its last terminator left out: `IEA*1*000000001` and nothing after it. */
const unterminated = perLine.replace(/~\r\n$/, '');

let client: TestClient;
before(async () => {
  client = new TestClient({ settings: { guideChecks: 'full' } });
  await client.initialize();
});
after(async () => {
  await client.shutdown();
});

const rulesOf = (diagnostics: { code?: string | number }[]) => diagnostics.map((d) => String(d.code)).sort();

for (const [name, ending] of [['CRLF', '\r\n'], ['LF', '\n']] as const) {
  test(`an unterminated IEA followed by a final ${name} gets the findings it gets without the final line break`, async () => {
    assert.ok(unterminated.endsWith('IEA*1*000000001'));
    const bare = await client.open(TestClient.uriFor(`unterminated-iea-bare-${name}.837`), unterminated);
    const uri = TestClient.uriFor(`unterminated-iea-final-${name}.837`);
    const withBreak = await client.open(uri, unterminated + ending);
    const onIea02 = withBreak.diagnostics.filter((d) => d.range.start.line === perLine.split('\r\n').length - 2);
    assert.deepEqual(
      onIea02.map((d) => `${d.code}: ${d.message}`),
      [],
      'a final line break is not part of IEA02',
    );
    assert.deepEqual(rulesOf(withBreak.diagnostics), rulesOf(bare.diagnostics));
    // Nor is deleting the final line break offered as a fix of IEA02.
    const lastLine = unterminated.split('\r\n').length - 1;
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: { start: { line: lastLine, character: 0 }, end: { line: lastLine + 1, character: 0 } },
      context: { diagnostics: [], only: ['quickfix'] },
    })) as CodeAction[];
    assert.deepEqual(actions.map((a) => a.title), []);
  });
}

test('the end of an unterminated IEA before the final line break hovers as IEA02, not as a segment terminator', async () => {
  const line = unterminated.split('\r\n').length - 1;
  const character = unterminated.split('\r\n')[line]!.length;
  const hovers: string[] = [];
  for (const ending of ['', '\r\n']) {
    const uri = TestClient.uriFor(`unterminated-iea-hover-${ending.length}.837`);
    await client.open(uri, unterminated + ending);
    hovers.push(JSON.stringify(await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line, character } })));
  }
  assert.match(hovers[0]!, /IEA02/);
  assert.equal(hovers[1], hovers[0]);
});

/** Two claims, one segment per line (CRLF). */
const twoClaims = writeX12(
  [
    { id: 'C1', lines: [{ code: '99213', charge: '90.00', date: day }] },
    { id: 'C2', lines: [{ code: '99213', charge: '90.00', date: day }] },
  ],
  { lineEnding: '\r\n' },
).text;

// A segment read again at the end of a piece (the transaction set, x12/incremental.ts, or a claim's
// region, x12/rereadClaim.ts) now ends before its line break when its terminator is gone: that
// alone no longer tells that it had none (segmentTable.ts endsTerminated).
for (const [what, segment] of [
  ['an SE (the set read again)', /^SE\*/m],
  ["the first claim's last segment (its region read again)", /^DTP\*.*(?=\r\nHL\*3\*)/m],
] as const) {
  test(`deleting the terminator of ${what} before a line break reads it into the next segment, as a fresh open does`, async () => {
    const lines = twoClaims.split('\r\n');
    const at = twoClaims.slice(0, twoClaims.search(segment)).split('\r\n').length - 1;
    const end = lines[at]!.length;
    assert.ok(lines[at]!.endsWith('~'));
    const edited = lines.map((line, i) => (i === at ? line.slice(0, -1) : line)).join('\r\n');
    const fresh = await client.open(TestClient.uriFor(`unterminated-fresh-${at}.837`), edited);
    const uri = TestClient.uriFor(`unterminated-edited-${at}.837`);
    await client.open(uri, twoClaims);
    const changed = await client.change(uri, { text: '', range: { start: { line: at, character: end - 1 }, end: { line: at, character: end } } });
    const shown = (ds: typeof fresh.diagnostics) => ds.map((d) => `${d.code}@${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`).sort();
    assert.notDeepEqual(shown(fresh.diagnostics), []);
    assert.deepEqual(shown(changed.diagnostics), shown(fresh.diagnostics));
  });
}

/** The findings `claimlint check --guide full` reports on `text` (an 837 file is read in pieces, x12/stream.ts). */
function cliFindings(dir: string, name: string, text: string): unknown[] {
  const path = join(dir, name);
  writeFileSync(path, text);
  const cli = join(resolve(__dirname, '../..'), 'server/out/cli.js');
  const result = spawnSync(process.execPath, [cli, 'check', '--guide', 'full', '--format', 'json', path], { encoding: 'utf8' });
  if (result.error) throw result.error;
  return (JSON.parse(result.stdout) as { files: { findings: unknown[] }[] }).files[0]!.findings;
}

test('the CLI reports the same on an unterminated IEA with or without a final line break, as the editor does', () => {
  const dir = mkdtempSync(join(tmpdir(), 'claimlint-unterminated-'));
  try {
    const bare = cliFindings(dir, 'bare.837', unterminated);
    for (const ending of ['\r\n', '\n', '\r\n\r\n']) assert.deepEqual(cliFindings(dir, 'final.837', unterminated + ending), bare, JSON.stringify(ending));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the CLI and the editor agree on a file that ends in a long unterminated segment and a line break', async () => {
  // Over the 1 MB from which the CLI's reader leaves out a segment's middle (x12/stream.ts Hole):
  // the segment still ends before the final line break, as one analysis of the whole text reads it.
  const text = perLine + 'NTE*' + 'A'.repeat(1_100_000) + '\r\n';
  const opened = await client.open(TestClient.uriFor('unterminated-long-nte.837'), text);
  const dir = mkdtempSync(join(tmpdir(), 'claimlint-unterminated-'));
  try {
    const fromCli = cliFindings(dir, 'long.837', text) as { rule: string; message: string; range: unknown }[];
    const shown = (findings: { rule: string; message: string; range: unknown }[]) => findings.map((f) => `${f.rule} ${JSON.stringify(f.range)} ${f.message}`).sort();
    assert.match(shown(fromCli).join('\n'), /'NTE' is 1,100,004 characters long/);
    assert.deepEqual(shown(fromCli), shown(opened.diagnostics.map((d) => ({ rule: String(d.code), message: typeof d.message === 'string' ? d.message : d.message.value, range: d.range }))));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

