// Found in review (a clearinghouse EDI analyst): ISA13 was checked for repeats within a file only. A
// receiver rejects an interchange control number a sender has used before (TA1 note 025), in
// another file too: with --guide full, a run of several files now reports an ISA13 that an earlier
// file of the run used for the same sender (ISA05/ISA06), on the later file's ISA13.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { writeX12 } from '../unit/helpers/x12-writer';

const root = resolve(__dirname, '../..');
const cli = join(root, 'server/out/cli.js');
const RULE = 'guide.control-number-repeated';
let dir = '';
let text = '';

before(() => {
  execFileSync(process.execPath, [join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'pipe' });
  dir = mkdtempSync(join(tmpdir(), 'claimlint-isa13-'));
  text = writeX12([{ id: 'C1', lines: [{ code: '99213', charge: '100.00', date: { from: 20260310, to: 20260310 } }] }], { lineEnding: '\n' }).text;
  assert.match(text, /^ISA\*00\*.{10}\*00\*.{10}\*ZZ\*SUBMITTER01 {4}\*/);
});

after(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** `text` with ISA06, ISA08 and ISA13 replaced (same widths), written as `name`. */
function file(name: string, sender: string, control: string, receiver = 'RECEIVER01'): string {
  const path = join(dir, name);
  writeFileSync(path, text.replace('SUBMITTER01    ', sender.padEnd(15)).replace('RECEIVER01     ', receiver.padEnd(15)).replace(/\*000000001\*0\*/, `*${control}*0*`).replace(/IEA\*1\*000000001/, `IEA*1*${control}`));
  return path;
}

interface Found {
  path: string;
  rule: string;
  message: string;
  start: { line: number; character: number };
}

function check(args: readonly string[], input?: string): { code: number; found: Found[] } {
  const result = spawnSync(process.execPath, [cli, 'check', '--format', 'json', ...args], { cwd: dir, encoding: 'utf8', input });
  if (result.error) throw result.error;
  const report = JSON.parse(result.stdout) as { files: { path: string; findings: { rule: string; message: string; range: { start: { line: number; character: number } } }[] }[] };
  const found = report.files.flatMap((f) => f.findings.map((x) => ({ path: f.path, rule: x.rule, message: x.message, start: x.range.start })));
  return { code: result.status ?? -1, found };
}

test('a later file that uses a sender\'s ISA13 again gets the error on its ISA13, naming the earlier file', () => {
  const a = file('a.837', 'SUBMITTER01', '000000001');
  const b = file('b.837', 'SUBMITTER01', '000000001');
  const { code, found } = check(['--guide', 'full', a, b]);
  const repeated = found.filter((f) => f.rule === RULE);
  assert.equal(repeated.length, 1, JSON.stringify(found));
  assert.equal(repeated[0]!.path, b);
  assert.match(repeated[0]!.message, new RegExp(`ISA13 interchange control number 000000001 of sender ZZ SUBMITTER01 to receiver ZZ RECEIVER01 is used by an interchange of ${a.replace(/[.\\/]/g, '\\$&')} too`));
  // ISA13 starts after the ISA's first 90 characters (its fixed widths); the JSON report counts from 0.
  assert.deepEqual(repeated[0]!.start, { line: 0, character: 90 });
  assert.equal(code, 1);
});

test('read whole (standard input) as read in blocks', () => {
  const a = file('c.837', 'SUBMITTER01', '000000007');
  const repeated = check(['--guide', 'full', a, '-'], text.replace(/\*000000001\*0\*/, '*000000007*0*').replace(/IEA\*1\*000000001/, 'IEA*1*000000007')).found.filter((f) => f.rule === RULE);
  assert.deepEqual(repeated.map((f) => [f.path, f.start.character]), [['<stdin>', 90]]);
});

test('another sender, another receiver, another number, --each-file: judged alike; envelope and off do not look (controls)', () => {
  const a = file('d.837', 'SUBMITTER01', '000000002');
  assert.deepEqual(check(['--guide', 'full', a, file('e.837', 'SUBMITTER02', '000000002')]).found.filter((f) => f.rule === RULE), []);
  assert.deepEqual(check(['--guide', 'full', a, file('e2.837', 'SUBMITTER01', '000000002', 'RECEIVER02')]).found.filter((f) => f.rule === RULE), []);
  assert.deepEqual(check(['--guide', 'full', a, file('f.837', 'SUBMITTER01', '000000003')]).found.filter((f) => f.rule === RULE), []);
  const again = file('g.837', 'SUBMITTER01', '000000002');
  assert.equal(check(['--guide', 'full', '--each-file', a, again]).found.filter((f) => f.rule === RULE).length, 1);
  assert.deepEqual(check(['--guide', 'envelope', a, again]).found.filter((f) => f.rule === RULE), []);
  assert.deepEqual(check([a, again]).found.filter((f) => f.rule === RULE), []);
});

test('three files: the second and third each name the first', () => {
  const paths = ['h.837', 'i.837', 'j.837'].map((name) => file(name, 'SUBMITTER01', '000000004'));
  const repeated = check(['--guide', 'full', ...paths]).found.filter((f) => f.rule === RULE);
  assert.deepEqual(repeated.map((f) => f.path), paths.slice(1));
  assert.ok(repeated.every((f) => f.message.includes(paths[0]!)));
});
