// The CLI's progress bar: on a terminal only, on standard error, moving through the check.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeX12, type WriterClaim } from '../unit/helpers/x12-writer';
import { cli } from './harness';
import { json, useCliSession } from './cliSession';
import { day } from './cliFixtures';

const { dir, claimlint } = useCliSession('claimlint-cli-');

describe('progress on a terminal', () => {
  const script = ['/usr/bin/script', '/bin/script'].find((path) => existsSync(path));

  /** An 837 over the size that shows the bar from the start (8 MB): 40,000 claims of 2 lines. */
  function bigFile(): string {
    const path = join(dir(), 'big.837');
    if (existsSync(path)) return path;
    const claims: WriterClaim[] = Array.from({ length: 40000 }, (_, i) => ({ id: `C${i}`, date: day, lines: [{ code: '99213', charge: '10.00' }, { code: '85025', charge: '5.00' }] }));
    writeFileSync(path, writeX12(claims, { lineEnding: '\n', transactions: 8 }).text);
    assert.ok(statSync(path).size >= 8 * 1024 * 1024);
    return path;
  }

  test('standard error that is not a terminal gets no progress bar', () => {
    bigFile();
    const run = claimlint(['check', '--format', 'json', 'big.837']);
    assert.equal(run.code, 0);
    // The summary and the note only: no bar, no carriage return.
    assert.match(run.stderr, /^claimlint: 1 file checked, 40000 claims, 80000 service lines: 0 errors, 0 warnings\nclaimlint: note: [^\r\n]*\n$/);
    assert.deepEqual(json(run).files.map((f) => [f.claims, f.serviceLines]), [[40000, 80000]]);
  });

  test('a big input on a terminal shows the bar on standard error, and standard output stays clean', { skip: script === undefined ? 'no script(1) to make a pseudo-terminal' : false }, () => {
    bigFile();
    const out = join(dir(), 'progress.json');
    const command = `"${process.execPath}" "${cli}" check --format json big.837 > "${out}"`;
    const result = spawnSync(script!, ['-qec', command, '/dev/null'], { cwd: dir(), encoding: 'utf8', env: { ...process.env, COLUMNS: '100' } });
    assert.equal(result.status, 0, result.stdout + result.stderr);
    // script copies the terminal (where standard error went) to its standard output.
    assert.match(result.stdout, /\rclaimlint \[[#.]{20}\] +\d+% checking big\.837 \(\d+ MB\)/);
    assert.match(result.stdout, /\r\x1b\[K/);
    // Read in blocks, the bar moves through the check as bytes are read (read whole, it stays at 10%).
    const checking = [...result.stdout.matchAll(/\] +(\d+)% checking big\.837/g)].map((match) => Number(match[1]));
    assert.ok(checking.some((percent) => percent > 10 && percent < 80), `checking at ${checking.join(', ')}%`);
    assert.deepEqual(checking, [...checking].sort((a, b) => a - b), 'never moves back');
    const report = JSON.parse(readFileSync(out, 'utf8'));
    assert.equal(report.files[0].claims, 40000);
  });
});
