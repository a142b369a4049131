// Found in review (a clearinghouse EDI analyst): ISA13 was checked for repeats within a file only. A
// receiver rejects an interchange control number a sender has used before (TA1 note 025), in
// another file too: with --guide full, files judged together now get an ISA13 that an earlier file
// of the run used for the same sender and receiver (ISA05-ISA08) reported on the later file's ISA13,
// with a related location on the earlier one.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
  related?: { path?: string; message: string; range: { start: { line: number; character: number } } }[];
}

function check(args: readonly string[], input?: string): { code: number; found: Found[] } {
  const result = spawnSync(process.execPath, [cli, 'check', '--format', 'json', ...args], { cwd: dir, encoding: 'utf8', input });
  if (result.error) throw result.error;
  const report = JSON.parse(result.stdout) as { files: { path: string; findings: (Omit<Found, 'path' | 'start'> & { range: { start: Found['start'] } })[] }[] };
  const found = report.files.flatMap((f) => f.findings.map((x) => ({ path: f.path, rule: x.rule, message: x.message, start: x.range.start, related: x.related })));
  return { code: result.status ?? -1, found };
}

test('a later file that uses a sender\'s ISA13 again gets the error on its ISA13, naming the earlier file', () => {
  const a = file('a.837', 'SUBMITTER01', '000000001');
  const b = file('b.837', 'SUBMITTER01', '000000001');
  const { code, found } = check(['--guide', 'full', a, b]);
  const repeated = found.filter((f) => f.rule === RULE);
  assert.equal(repeated.length, 1, JSON.stringify(found));
  assert.equal(repeated[0]!.path, b);
  assert.match(repeated[0]!.message, new RegExp(`ISA13 interchange control number '000000001' is used by an interchange of ${a.replace(/[.\\/]/g, '\\$&')} from the same sender to the same receiver \\(ISA06, ISA08\\)`));
  assert.ok(!repeated[0]!.message.includes('SUBMITTER01'), 'the parties\' ids are not quoted');
  // ISA13 starts after the ISA's first 90 characters (its fixed widths); the JSON report counts from 0.
  assert.deepEqual(repeated[0]!.start, { line: 0, character: 90 });
  assert.deepEqual(repeated[0]!.related?.map((r) => [r.path, r.range.start]), [[a, { line: 0, character: 90 }]]);
  assert.equal(code, 1);
});

test('read whole (standard input) as read in blocks', () => {
  const a = file('c.837', 'SUBMITTER01', '000000007');
  const repeated = check(['--guide', 'full', a, '-'], text.replace(/\*000000001\*0\*/, '*000000007*0*').replace(/IEA\*1\*000000001/, 'IEA*1*000000007')).found.filter((f) => f.rule === RULE);
  assert.deepEqual(repeated.map((f) => [f.path, f.start.character]), [['<stdin>', 90]]);
});

test('another sender, another receiver, another number: none; --each-file, envelope and off do not look (controls)', () => {
  const a = file('d.837', 'SUBMITTER01', '000000002');
  assert.deepEqual(check(['--guide', 'full', a, file('e.837', 'SUBMITTER02', '000000002')]).found.filter((f) => f.rule === RULE), []);
  assert.deepEqual(check(['--guide', 'full', a, file('e2.837', 'SUBMITTER01', '000000002', 'RECEIVER02')]).found.filter((f) => f.rule === RULE), []);
  assert.deepEqual(check(['--guide', 'full', a, file('f.837', 'SUBMITTER01', '000000003')]).found.filter((f) => f.rule === RULE), []);
  const again = file('g.837', 'SUBMITTER01', '000000002');
  assert.equal(check(['--guide', 'full', a, again]).found.filter((f) => f.rule === RULE).length, 1);
  // --each-file judges each file on its own: no comparison across them.
  assert.deepEqual(check(['--guide', 'full', '--each-file', a, again]).found.filter((f) => f.rule === RULE), []);
  assert.deepEqual(check(['--guide', 'envelope', a, again]).found.filter((f) => f.rule === RULE), []);
  assert.deepEqual(check([a, again]).found.filter((f) => f.rule === RULE), []);
});

test('three files: the second and third each name the first', () => {
  const paths = ['h.837', 'i.837', 'j.837'].map((name) => file(name, 'SUBMITTER01', '000000004'));
  const repeated = check(['--guide', 'full', ...paths]).found.filter((f) => f.rule === RULE);
  assert.deepEqual(repeated.map((f) => f.path), paths.slice(1));
  assert.ok(repeated.every((f) => f.message.includes(paths[0]!)));
});

test('a number the later file repeats itself is reported once there, by the in-file check; one that is no number is not quoted', () => {
  const a = file('k.837', 'SUBMITTER01', '000000005');
  const one = readFileSync(file('l.837', 'SUBMITTER01', '000000005'), 'utf8');
  // The same interchange twice in one file: the in-file check's finding on the second ISA13, the run's on the first.
  const twice = join(dir, 'twice.837');
  writeFileSync(twice, one + one);
  const repeated = check(['--guide', 'full', a, twice]).found.filter((f) => f.rule === RULE && f.path === twice);
  assert.equal(repeated.length, 2, JSON.stringify(repeated));
  assert.equal(new Set(repeated.map((f) => `${f.start.line}:${f.start.character}`)).size, 2, 'one finding per ISA13');
  assert.equal(repeated.filter((f) => f.message.includes('checked in the same run')).length, 1);

  const lettered = (name: string) => {
    const path = join(dir, name);
    writeFileSync(path, one.replace(/\*000000005\*0\*/, '*AB1234567*0*').replace(/IEA\*1\*000000005/, 'IEA*1*AB1234567'));
    return path;
  };
  const found = check(['--guide', 'full', lettered('m.837'), lettered('n.837')]).found.filter((f) => f.rule === RULE);
  assert.equal(found.length, 1);
  assert.ok(found[0]!.message.includes('a value that is not a number') && !found[0]!.message.includes('AB1234567'), found[0]!.message);
});
