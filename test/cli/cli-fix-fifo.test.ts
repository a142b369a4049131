// Found in review: `claimlint fix --out PATH` where PATH is not a regular file (a named pipe here;
// as root, `--out /dev/null` did the same to the device node). The atomic write renamed its
// temporary file over whatever was at PATH, so the pipe was replaced by a regular file holding the
// claims (files.ts, Replacement: only a directory was refused). A pipeline expects the result in
// the pipe: a named pipe or character device given as --out is now written into (pipeOutput.ts),
// and a pipe read as the input, which cannot take the result back, is refused without --out.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { closeSync, lstatSync, openSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, useBuiltCli } from './harness';
import { writeX12 } from '../unit/helpers/x12-writer';

const harness = useBuiltCli('claimlint-fifo-');

const DAY = { from: 20260310, to: 20260310 };
const noFifo = process.platform === 'win32' && 'no mkfifo';

function writeClaims(dir: string): void {
  // 43214 with 43200 on one date: an indicator-0 conflict, so fix has something to write.
  writeFileSync(
    join(dir, 'claims.837'),
    writeX12([{ id: 'C1', subscriberId: 'M1', lines: [{ code: '43214', charge: '100', date: DAY }, { code: '43200', charge: '50', date: DAY }] }], { lineEnding: '\n' }).text,
  );
}

test('fix --out onto a named pipe writes the fixed claims into the pipe, which stays a pipe', { skip: noFifo }, async () => {
  const dir = harness.dir();
  writeClaims(dir);
  const toFile = harness.claimlint(['fix', 'claims.837', '--out', 'fixed.837']);
  const fifo = join(dir, 'out.pipe');
  execFileSync('mkfifo', [fifo]);
  // A reader, so that the fix is not left waiting for one; what it reads goes to received.837.
  const received = openSync(join(dir, 'received.837'), 'w');
  const reader = spawn('cat', [fifo], { stdio: ['ignore', received, 'ignore'] });
  closeSync(received);
  const readerDone = new Promise((resolveDone) => reader.on('close', resolveDone));
  try {
    const run = spawnSync(process.execPath, [cli, 'fix', 'claims.837', '--out', 'out.pipe'], { cwd: dir, encoding: 'utf8', timeout: 30000 });
    assert.equal(run.status, toFile.code, `as with a file (stderr: ${run.stderr})`);
    assert.match(run.stderr, /-> out\.pipe$/m);
    assert.ok(lstatSync(fifo).isFIFO(), 'out.pipe is still a named pipe');
    await readerDone;
    assert.equal(readFileSync(join(dir, 'received.837'), 'latin1'), readFileSync(join(dir, 'fixed.837'), 'latin1'), 'the reader got the fixed claims');
    assert.deepEqual(readdirSync(dir).filter((name) => name.endsWith('.claimlint-tmp')), [], 'no temporary file');
  } finally {
    reader.kill();
  }
});

test('fix of a named pipe without --out is refused before the pipe is read, and the pipe stays a pipe', { skip: noFifo }, () => {
  const dir = harness.dir();
  const fifo = join(dir, 'in.pipe');
  execFileSync('mkfifo', [fifo]);
  // No writer: a fix that opened the pipe would wait for one until the timeout.
  const run = spawnSync(process.execPath, [cli, 'fix', 'in.pipe'], { cwd: dir, encoding: 'utf8', timeout: 30000 });
  assert.equal(run.status, 2, run.stderr);
  assert.match(run.stderr, /^claimlint: in\.pipe: not a regular file \(a pipe or a device\), so fix cannot write its result back to it; give --out FILE, or --out - for standard output$/m);
  assert.ok(lstatSync(fifo).isFIFO(), 'in.pipe is still a named pipe');
});
