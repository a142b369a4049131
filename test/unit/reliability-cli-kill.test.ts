// Issue 8, "never lose text": `claimlint fix` killed at any moment (SIGKILL: no cleanup runs)
// leaves the file either exactly as it was or exactly fixed, never partly written. Even runs are
// killed at seeded random times over the whole run (before, during or after the write: either
// outcome is right). Odd runs are killed inside the write window, and not by timing luck: the test
// stops the process (SIGSTOP) when its temporary file appears, waits until the kernel reports it
// stopped, and kills it only if the temporary file is still shorter than the fixed file, which
// proves the rename has not happened; if the process had outrun the stop, the run is repeated.
// A temporary file left by a kill must be clearly named after its target (hidden,
// `.NAME.<random>.claimlint-tmp`); how many were left is printed.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, unlinkSync, watch, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { writeX12 } from './helpers/x12-writer';
import { randomSource } from '../../server/src/core/rules/generatePtpTable';
import { waitUntilStopped } from './helpers/process';

const root = resolve(__dirname, '../..');
/** The CLI as built from the current sources (into the test's directory, so a stale build is never tested). */
let cliPath: string;
const day = { from: 20260310, to: 20260310 };
const RUNS = 12;
/** Attempts of an odd run before the test gives up on stopping the process inside its write. */
const ATTEMPTS = 5;

let top: string;
/** Where the file being fixed lives. */
let dir: string;
let original: Buffer;
let fixed: Buffer;
let fullRunMs = 0;

/** A deterministic random source, so a failing sequence of kill times replays. */
const random = randomSource;

before(() => {
  top = mkdtempSync(join(tmpdir(), 'claimlint-kill-'));
  const build = join(top, 'build');
  execFileSync(process.execPath, [join(root, 'scripts/build.mjs'), '--out-root', build], { cwd: root, stdio: 'pipe' });
  cliPath = join(build, 'server/out/cli.js');
  // The directory the kills happen in holds only the target and the expected result.
  dir = join(top, 'work');
  mkdirSync(dir);
  // Big enough (about 6 MB fixed, six chunks) that the write outlasts the test's reaction to it.
  const claims = Array.from({ length: 20_000 }, (_, i) => ({
    id: `C${i}`,
    date: day,
    lines: [{ code: '43214', charge: '100.00', date: day }, { code: '43200', charge: '50.00', date: day }, { code: '99213', charge: '75.00', date: day }],
  }));
  original = Buffer.from(writeX12(claims, { lineEnding: '\r\n', transactions: 12 }).text, 'utf8');
  const source = join(dir, 'source.837');
  writeFileSync(source, original);
  const started = performance.now();
  const run = spawnSync(process.execPath, [cliPath, 'fix', '--out', join(dir, 'expected.837'), source], { encoding: 'utf8', timeout: 60_000 });
  fullRunMs = performance.now() - started;
  assert.equal(run.status, 0, run.stderr);
  fixed = readFileSync(join(dir, 'expected.837'));
  assert.ok(fixed.length < original.length - 100_000, 'the fix removes lines');
  unlinkSync(source);
});

after(() => rmSync(top, { recursive: true, force: true }));


test(`fix killed at ${RUNS} moments leaves the original or the fixed file, never a partial one`, async (t) => {
  const next = random(Number(process.env.CLAIMLINT_FUZZ_SEED ?? 8801));
  const target = join(dir, 'claims.837');
  const temporaryName = /^\.claims\.837\.[0-9a-f]+\.claimlint-tmp$/;
  const outcomes = { original: 0, fixed: 0, killedWhileWriting: 0, leftovers: 0 };
  for (let run = 0, attempt = 1; run < RUNS; ) {
    writeFileSync(target, original);
    // Odd runs: inside the write window (see the top). Even runs: at a random time.
    const whileWriting = run % 2 === 1;
    const delay = whileWriting ? 0 : Math.floor(next() * fullRunMs * 1.1);
    const child = spawn(process.execPath, [cliPath, 'fix', target], { stdio: 'ignore' });
    const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));
    /** Odd runs: the bytes of the temporary file when the process was stopped and killed; null when it outran the stop. */
    let killedAt: number | null | undefined;
    const watcher = watch(dir, (_event, name) => {
      if (!whileWriting || killedAt !== undefined || !name || !temporaryName.test(name.toString())) return;
      child.kill('SIGSTOP');
      waitUntilStopped(child.pid!);
      let size: number | null = null;
      try {
        size = statSync(join(dir, name.toString())).size;
      } catch {
        // renamed already
      }
      killedAt = size !== null && size < fixed.length ? size : null;
      child.kill(killedAt !== null ? 'SIGKILL' : 'SIGCONT');
    });
    const timer = whileWriting ? setTimeout(() => child.kill('SIGKILL'), 60_000) : setTimeout(() => child.kill('SIGKILL'), delay);
    let deadline: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([exited, new Promise((_, reject) => (deadline = setTimeout(() => reject(new Error(`run ${run}: fix did not end`)), 90_000)))]);
    clearTimeout(timer);
    clearTimeout(deadline);
    watcher.close();

    const content = readFileSync(target);
    const isOriginal = content.equals(original);
    const isFixed = content.equals(fixed);
    const when = whileWriting ? `with ${killedAt} of ${fixed.length} bytes of the temporary file written` : `at ${delay} ms`;
    assert.ok(isOriginal || isFixed, `run ${run} (killed ${when}): the file is ${content.length} bytes, neither the original (${original.length}) nor the fixed file (${fixed.length})`);
    if (whileWriting && typeof killedAt === 'number') {
      assert.ok(isOriginal, `run ${run}: killed ${when}, before the rename, yet the file was replaced`);
      outcomes.killedWhileWriting++;
    }
    if (isOriginal) outcomes.original++;
    else outcomes.fixed++;

    for (const name of readdirSync(dir)) {
      if (name === 'claims.837' || name === 'expected.837') continue;
      assert.match(name, temporaryName, `run ${run}: an unexpected file was left behind: ${name}`);
      outcomes.leftovers++;
      unlinkSync(join(dir, name));
    }
    if (whileWriting && typeof killedAt !== 'number') {
      // The process wrote everything before it could be stopped: this attempt proves nothing.
      assert.ok(attempt < ATTEMPTS, `run ${run}: the process wrote its whole result before it could be stopped, ${ATTEMPTS} times`);
      attempt++;
      continue;
    }
    run++;
    attempt = 1;
  }
  t.diagnostic(`full run ${fullRunMs.toFixed(0)} ms; outcomes: ${JSON.stringify(outcomes)} (leftovers are temporary files a SIGKILL left, named .claims.837.<random>.claimlint-tmp)`);
  assert.equal(outcomes.killedWhileWriting, RUNS / 2, 'every odd run was killed inside the write window');

  // And a run that is not killed replaces the file with the fixed one and leaves nothing behind.
  writeFileSync(target, original);
  const finished = spawnSync(process.execPath, [cliPath, 'fix', target], { encoding: 'utf8', timeout: 60_000 });
  assert.equal(finished.status, 0, finished.stderr);
  assert.ok(readFileSync(target).equals(fixed));
  assert.deepEqual(readdirSync(dir).sort(), ['claims.837', 'expected.837']);
});
