// `claimlint check --guide off|envelope|full`: full adds the implementation-guide findings (the
// file read whole), envelope is the default, off drops the envelope and structure checks.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '../..');
const cli = join(root, 'server/out/cli.js');
let dir = '';
let file = '';

before(() => {
  execFileSync(process.execPath, [join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'pipe' });
  dir = mkdtempSync(join(tmpdir(), 'claimlint-guide-'));
  const example = readFileSync(join(root, 'examples/professional-43214.837'), 'utf8');
  // CLM05-02 left out, a bad SV103 code, a wrong SE01.
  file = join(dir, 'broken.837');
  writeFileSync(file, example.replace('22:B:1*', '22::1*').replace('SV1*HC:43214*1500.00*UN*', 'SV1*HC:43214*1500.00*ZZ*').replace('SE*34*0001~', 'SE*35*0001~'));
});

after(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function check(args: readonly string[]): { code: number; rules: string[]; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [cli, 'check', '--format', 'json', ...args], { cwd: dir, encoding: 'utf8' });
  if (result.error) throw result.error;
  const rules = result.stdout ? (JSON.parse(result.stdout) as { files: { findings: { rule: string }[] }[] }).files.flatMap((f) => f.findings.map((x) => x.rule)) : [];
  return { code: result.status ?? -1, rules, stdout: result.stdout, stderr: result.stderr };
}

test('--guide full reports the guide findings; envelope is the default', () => {
  const full = check(['--guide', 'full', file]);
  assert.equal(full.code, 1);
  assert.ok(full.rules.includes('guide.element-missing') && full.rules.includes('guide.code-invalid'), full.rules.join(', '));
  assert.ok(full.rules.includes('x12.se01-count') && full.rules.includes('ptp.conflict'));
  assert.match(full.stdout, /CLM05-02/);
  const byDefault = check([file]);
  assert.ok(!byDefault.rules.some((r) => r.startsWith('guide.')));
  assert.deepEqual(check(['--guide=envelope', file]).rules, byDefault.rules);
});

test('--guide off keeps the coding checks and drops the envelope checks', () => {
  const off = check(['--guide', 'off', file]);
  assert.ok(off.rules.includes('ptp.conflict'));
  assert.ok(!off.rules.some((r) => r.startsWith('guide.') || r === 'x12.se01-count'), off.rules.join(', '));
});

test('--guide takes only off, envelope or full', () => {
  const bad = check(['--guide', 'strict', file]);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--guide must be off, envelope or full/);
  assert.equal(check(['--guide', file]).code, 2);
  const help = spawnSync(process.execPath, [cli, '--help'], { encoding: 'utf8' });
  assert.match(help.stdout, /--guide off\|envelope\|full/);
});
