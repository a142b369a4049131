// `claimlint fix` run as a real process, interrupted or raced at a chosen moment of its write:
// SIGINT, SIGTERM and SIGHUP remove the temporary file, leave the file as it was and exit
// 128 + the signal's number; temporary files a killed run left behind are removed by the next one.
//
// The moment is not left to scheduling: the test watches the folder, stops the process (SIGSTOP)
// when its temporary file appears or grows, waits until the kernel reports it stopped, and acts
// only if the temporary file is still shorter than the fixed file, which proves the process has
// not reached its rename. If the process outran the stop (it had written everything), that
// attempt does not count and the run is repeated.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, linkSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, watch, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { writeX12 } from '../unit/helpers/x12-writer';
import { waitUntilStopped } from '../unit/helpers/process';
import { NOBODY, runningAsRoot, sharedFolder } from '../unit/helpers/as-nobody';

const root = resolve(__dirname, '../..');
const day = { from: 20260310, to: 20260310 };
/** Attempts of one run before the test gives up on stopping the process part way through its write. */
const ATTEMPTS = 5;

let top = '';
/** The CLI built from the current sources into the test's own folder. */
let cli = '';
/** A synthetic 837 of about 14 MB whose fix removes one line of every claim, and its fixed bytes. */
let big: Buffer;
let bigFixed: Buffer;
/** A small file with a conflict that fix removes. */
const example = readFileSync(join(root, 'examples/professional-43214.837'));

let folders = 0;
/** A fresh folder: the watcher of a run sees only that run's files. */
function folder(name: string): string {
  const path = join(top, `${++folders}-${name}`);
  mkdirSync(path);
  return path;
}

before(() => {
  // Other users may read the build (the owner test runs the CLI as nobody).
  top = sharedFolder('claimlint-fix-safety-');
  execFileSync(process.execPath, [join(root, 'scripts/build.mjs'), '--out-root', join(top, 'build')], { cwd: root, stdio: 'pipe' });
  cli = join(top, 'build/server/out/cli.js');
  const claims = Array.from({ length: 40_000 }, (_, i) => ({
    id: `C${i}`,
    date: day,
    lines: [{ code: '43214', charge: '100.00', date: day }, { code: '43200', charge: '50.00', date: day }, { code: '99213', charge: '75.00', date: day }],
  }));
  big = Buffer.from(writeX12(claims, { lineEnding: '\r\n', transactions: 12 }).text, 'latin1');
  const reference = folder('reference');
  writeFileSync(join(reference, 'big.837'), big);
  execFileSync(process.execPath, [cli, 'fix', '--out', 'fixed.837', 'big.837'], { cwd: reference, stdio: 'pipe' });
  bigFixed = readFileSync(join(reference, 'fixed.837'));
  assert.ok(bigFixed.length < big.length - 1_000_000, 'the fix removes lines');
});

after(() => {
  if (top) rmSync(top, { recursive: true, force: true });
});

function temporaryName(target: string): RegExp {
  return new RegExp(`^\\.${target.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.[0-9a-f]{12}\\.claimlint-tmp$`);
}

interface Outcome {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
}

/** Runs the CLI in `cwd` to its end. */
function claimlint(args: readonly string[], cwd: string, options: { uid?: number; gid?: number } = {}): Promise<Outcome> {
  return finished(spawn(process.execPath, [cli, ...args], { cwd, stdio: ['ignore', 'ignore', 'pipe'], ...options }));
}

function finished(child: ChildProcess): Promise<Outcome> {
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (text: string) => (stderr += text));
  return new Promise((resolveRun, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => resolveRun({ code, signal, stderr }));
  });
}


interface Paused {
  child: ChildProcess;
  /** Bytes of the temporary file when the process was stopped. */
  size: number;
}

/**
 * Runs `fix ARGS` in `cwd` and stops it when its temporary file for `target` appears, or (with
 * `grown`) once that file holds some bytes. With the process stopped and the temporary file
 * shorter than `finalSize`, `act` runs; the process is then continued. `paused` is false when the
 * process had written everything (or renamed) by the time it stopped: that attempt proves nothing.
 */
async function fixPausedWhileWriting(cwd: string, target: string, args: readonly string[], finalSize: number, grown: boolean, act: (paused: Paused) => void): Promise<Outcome & { paused: boolean }> {
  const pattern = temporaryName(target);
  const child = spawn(process.execPath, [cli, 'fix', ...args], { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
  const outcome = finished(child);
  let decided: boolean | null = null;
  const watcher = watch(cwd, (_event, name) => {
    if (decided !== null || !name || !pattern.test(name.toString())) return;
    child.kill('SIGSTOP');
    waitUntilStopped(child.pid!);
    let size: number | null = null;
    try {
      size = statSync(join(cwd, name.toString())).size;
    } catch {
      // renamed already
    }
    if (size === null || size >= finalSize) {
      decided = false;
    } else if (!grown || size > 0) {
      decided = true;
      act({ child, size });
    }
    child.kill('SIGCONT');
  });
  try {
    const result = await outcome;
    return { ...result, paused: decided === true };
  } finally {
    watcher.close();
  }
}

describe('fix interrupted while it writes', () => {
  for (const [signal, code, grown] of [
    ['SIGINT', 130, false],
    ['SIGTERM', 143, true],
    ['SIGHUP', 129, false],
  ] as const) {
    test(`${signal} ${grown ? 'once the temporary file has grown' : 'when the temporary file appears'}: exit ${code}, the temporary file is removed, the file is as it was`, async (t) => {
      const dir = folder(signal);
      const target = join(dir, 'claims.837');
      for (let attempt = 1; ; attempt++) {
        writeFileSync(target, big);
        let stoppedAt = -1;
        const run = await fixPausedWhileWriting(dir, 'claims.837', ['claims.837'], bigFixed.length, grown, ({ child, size }) => {
          stoppedAt = size;
          child.kill(signal);
        });
        if (!run.paused) {
          assert.ok(attempt < ATTEMPTS, `the process wrote its whole result before it could be stopped, ${ATTEMPTS} times`);
          continue;
        }
        t.diagnostic(`attempt ${attempt}: stopped with ${stoppedAt} of ${bigFixed.length} bytes written`);
        assert.equal(run.signal, null, `ended by ${run.signal}, not by an exit of its own`);
        assert.equal(run.code, code, run.stderr);
        assert.match(run.stderr, new RegExp(`^claimlint: claims\\.837: interrupted \\(${signal}\\); the file was not changed\\n$`));
        assert.ok(readFileSync(target).equals(big), 'the original file is untouched');
        assert.deepEqual(readdirSync(dir), ['claims.837'], 'no temporary file is left');
        break;
      }
    });
  }

  test('SIGINT while fix writes to a new --out file: nothing is written there', async () => {
    const dir = folder('sigint-out');
    writeFileSync(join(dir, 'claims.837'), big);
    for (let attempt = 1; ; attempt++) {
      const run = await fixPausedWhileWriting(dir, 'fixed.837', ['--out', 'fixed.837', 'claims.837'], bigFixed.length, false, ({ child }) => child.kill('SIGINT'));
      if (!run.paused) {
        assert.ok(attempt < ATTEMPTS, 'could not stop the process part way through its write');
        rmSync(join(dir, 'fixed.837'), { force: true });
        continue;
      }
      assert.equal(run.code, 130, run.stderr);
      assert.match(run.stderr, /^claimlint: fixed\.837: interrupted \(SIGINT\); nothing was written\n$/);
      assert.deepEqual(readdirSync(dir), ['claims.837']);
      break;
    }
  });

  test('a run that is not interrupted still replaces the file and leaves nothing else', async () => {
    const dir = folder('whole');
    writeFileSync(join(dir, 'claims.837'), big);
    const run = await claimlint(['fix', 'claims.837'], dir);
    assert.equal(run.code, 0, run.stderr);
    assert.ok(readFileSync(join(dir, 'claims.837')).equals(bigFixed));
    assert.deepEqual(readdirSync(dir), ['claims.837']);
  });
});

describe('temporary files left by a killed run', () => {
  test('fix removes its own stale temporary files of the same target, and nothing else', async () => {
    const dir = folder('stale');
    writeFileSync(join(dir, 'claims.837'), example);
    const hourAgo = Date.now() / 1000 - 3600;
    const stale = '.claims.837.0123456789ab.claimlint-tmp';
    const kept = {
      fresh: '.claims.837.ba9876543210.claimlint-tmp',
      otherTarget: '.other.837.0123456789ab.claimlint-tmp',
      notOurs: '.claims.837.notes.claimlint-tmp',
      anotherTool: '.claims.837.0123456789ab.tmp',
    };
    for (const name of [stale, ...Object.values(kept)]) {
      writeFileSync(join(dir, name), 'ISA*PARTIAL');
      if (name !== kept.fresh) utimesSync(join(dir, name), hourAgo, hourAgo);
    }
    const run = await claimlint(['fix', 'claims.837'], dir);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /^claimlint: removed 1 temporary file that an earlier fix of claims\.837 left behind$/m);
    assert.ok(!existsSync(join(dir, stale)), 'the stale temporary file of this target is removed');
    for (const name of Object.values(kept)) assert.ok(existsSync(join(dir, name)), `${name} is kept`);
  });
});

/** Permission bits and set-id bits of a file. */
function modeOf(path: string): number {
  return statSync(path).mode & 0o7777;
}


describe('fix and the permissions of the file it replaces', () => {
  // fix writes through a rename, which asks the folder's permission, not the file's: without a
  // check of its own, a read-only file would be replaced. Tests run as root here, which ignores
  // mode bits, so they read the outcome from the file's mode and contents, not from EACCES.
  test('a read-only file (mode 444) is refused with exit 2 and one line naming it, unchanged', async () => {
    const dir = folder('read-only');
    const target = join(dir, 'ro.837');
    writeFileSync(target, example);
    chmodSync(target, 0o444);
    const run = await claimlint(['fix', 'ro.837'], dir);
    assert.equal(run.code, 2, run.stderr);
    assert.equal(run.stderr, 'claimlint: cannot write ro.837: read-only (mode 444; --force replaces it anyway); the file was not changed\n');
    assert.ok(readFileSync(target).equals(example));
    assert.equal(modeOf(target), 0o444);
    assert.deepEqual(readdirSync(dir), ['ro.837']);
  });

  test('--force replaces a read-only file and keeps it read-only', async () => {
    const dir = folder('read-only-force');
    const target = join(dir, 'ro.837');
    writeFileSync(target, example);
    chmodSync(target, 0o444);
    const run = await claimlint(['fix', '--force', 'ro.837'], dir);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /^claimlint: ro\.837: removed 2 service lines/m);
    assert.ok(!readFileSync(target).equals(example), 'the file is fixed');
    assert.equal(modeOf(target), 0o444);
    assert.deepEqual(readdirSync(dir), ['ro.837']);
  });

  test('a read-only file with nothing to fix is not written, so it is no error', async () => {
    const dir = folder('read-only-clean');
    const target = join(dir, 'ro.837');
    writeFileSync(target, example);
    chmodSync(target, 0o444);
    const run = await claimlint(['fix', '--no-builtin-edits', 'ro.837'], dir);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /nothing to fix/);
  });

  // Found by a user: fix in place replaced a file with another hard link, which kept the old text.
  test('a file with another hard link is refused with exit 2, unchanged; --force replaces it under its name only', async () => {
    const dir = folder('hard-link');
    const target = join(dir, 'claims.837');
    writeFileSync(target, example);
    linkSync(target, join(dir, 'copy.837'));
    const refused = await claimlint(['fix', 'claims.837'], dir);
    assert.equal(refused.code, 2, refused.stderr);
    assert.equal(refused.stderr, 'claimlint: cannot write claims.837: it has 2 hard links, which a rewrite would leave holding the old text (--force replaces it under this name only); the file was not changed\n');
    assert.ok(readFileSync(target).equals(example));
    assert.deepEqual(readdirSync(dir).sort(), ['claims.837', 'copy.837']);
    const forced = await claimlint(['fix', '--force', 'claims.837'], dir);
    assert.equal(forced.code, 0, forced.stderr);
    assert.ok(!readFileSync(target).equals(example), 'the file is fixed');
    assert.ok(readFileSync(join(dir, 'copy.837')).equals(example), 'the other name keeps the old text');
  });

  test('--out onto an existing read-only file is refused the same way, and --force writes it', async () => {
    const dir = folder('read-only-out');
    writeFileSync(join(dir, 'claims.837'), example);
    writeFileSync(join(dir, 'fixed.837'), 'OLD');
    chmodSync(join(dir, 'fixed.837'), 0o400);
    const refused = await claimlint(['fix', '--out', 'fixed.837', 'claims.837'], dir);
    assert.equal(refused.code, 2, refused.stderr);
    assert.equal(refused.stderr, 'claimlint: cannot write fixed.837: read-only (mode 400; --force replaces it anyway); nothing was written\n');
    assert.equal(readFileSync(join(dir, 'fixed.837'), 'utf8'), 'OLD');
    const forced = await claimlint(['fix', '--force', '--out', 'fixed.837', 'claims.837'], dir);
    assert.equal(forced.code, 0, forced.stderr);
    assert.equal(modeOf(join(dir, 'fixed.837')), 0o400);
    const written = readFileSync(join(dir, 'fixed.837'), 'latin1');
    assert.ok(written.startsWith('ISA') && written.length < example.length, 'the fixed claims were written');
  });

  test('--force is an option of fix only', async () => {
    const run = await claimlint(['check', '--force', 'x.837'], top);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /--force applies to fix only/);
  });

  test('the owner, group and mode of the file are kept', { skip: !runningAsRoot && 'needs root to give the file another owner' }, async () => {
    const dir = folder('owner');
    const target = join(dir, 'owned.837');
    writeFileSync(target, example);
    chownSync(target, 4321, 8765);
    chmodSync(target, 0o2640);
    const run = await claimlint(['fix', 'owned.837'], dir);
    assert.equal(run.code, 0, run.stderr);
    const stats = statSync(target);
    assert.ok(!readFileSync(target).equals(example), 'the file is fixed');
    assert.deepEqual([stats.uid, stats.gid, (stats.mode & 0o7777).toString(8)], [4321, 8765, '2640']);
    assert.deepEqual(readdirSync(dir), ['owned.837']);
  });

  test('run by another user: a file it may not write by its mode is refused; an owner it cannot keep needs --force', { skip: !runningAsRoot && 'needs root to run the CLI as nobody' }, async () => {
    const dir = folder('nobody');
    chmodSync(dir, 0o777);
    // Owned by root and writable by root only: nobody could not open it for writing, nor may fix replace it.
    const rootOnly = join(dir, 'root-only.837');
    writeFileSync(rootOnly, example);
    chmodSync(rootOnly, 0o644);
    const refused = await claimlint(['fix', 'root-only.837'], dir, NOBODY);
    assert.equal(refused.code, 2, refused.stderr);
    assert.equal(refused.stderr, 'claimlint: cannot write root-only.837: read-only (mode 644; --force replaces it anyway); the file was not changed\n');
    assert.ok(readFileSync(rootOnly).equals(example));

    // Writable by everyone, owned by root: nobody may change it, but a rewrite would make it nobody's.
    const shared = join(dir, 'shared.837');
    writeFileSync(shared, example);
    chmodSync(shared, 0o666);
    const kept = await claimlint(['fix', 'shared.837'], dir, NOBODY);
    assert.equal(kept.code, 2, kept.stderr);
    assert.equal(kept.stderr, 'claimlint: cannot write shared.837: its owner (uid 0, gid 0) can be kept only by root (--force writes it as yours); the file was not changed\n');
    assert.ok(readFileSync(shared).equals(example));
    assert.deepEqual(readdirSync(dir).sort(), ['root-only.837', 'shared.837']);

    const forced = await claimlint(['fix', '--force', 'shared.837'], dir, NOBODY);
    assert.equal(forced.code, 0, forced.stderr);
    assert.match(forced.stderr, /^claimlint: warning: shared\.837: now owned by uid 65534, gid 65534: its owner \(uid 0, gid 0\) could not be kept$/m);
    const stats = statSync(shared);
    assert.deepEqual([stats.uid, stats.gid, (stats.mode & 0o7777).toString(8)], [65534, 65534, '666']);
    assert.ok(!readFileSync(shared).equals(example), 'the file is fixed');
  });
});

describe('a file that changes while fix runs', () => {
  // Whatever another program does to the file while fix works on its copy is kept: fix compares
  // the file with what it read just before its rename, and then writes nothing.
  const changes: [string, (target: string) => void, string | null][] = [
    ['rewritten with other content', (target) => writeFileSync(target, 'ISA*EDITED BY SOMEONE ELSE~'), 'changed by another program while fix ran (run fix again)'],
    ['deleted', (target) => rmSync(target), 'deleted while fix ran'],
    [
      'replaced by another file of the same size and time',
      (target) => {
        writeFileSync(`${target}.new`, big);
        utimesSync(`${target}.new`, 1_700_000_000, 1_700_000_000);
        renameSync(`${target}.new`, target);
      },
      'changed by another program while fix ran (run fix again)',
    ],
    [
      'rewritten in place with the same size and its time set back',
      (target) => {
        const edited = Buffer.from(big);
        edited[edited.length - 3] = 0x58;
        writeFileSync(target, edited);
        utimesSync(target, 1_700_000_000, 1_700_000_000);
      },
      'changed by another program while fix ran (run fix again)',
    ],
  ];
  for (const [change, make, reason] of changes) {
    test(`${change}: exit 2, one line naming the file, nothing written`, async (t) => {
      const dir = folder('changed');
      const target = join(dir, 'claims.837');
      for (let attempt = 1; ; attempt++) {
        writeFileSync(target, big);
        utimesSync(target, 1_700_000_000, 1_700_000_000);
        let expected: Buffer | null = null;
        const run = await fixPausedWhileWriting(dir, 'claims.837', ['claims.837'], bigFixed.length, false, ({ size }) => {
          t.diagnostic(`attempt ${attempt}: stopped with ${size} of ${bigFixed.length} bytes written`);
          make(target);
          expected = existsSync(target) ? readFileSync(target) : null;
        });
        if (!run.paused) {
          assert.ok(attempt < ATTEMPTS, 'could not stop the process part way through its write');
          continue;
        }
        assert.equal(run.code, 2, run.stderr);
        assert.equal(run.stderr, `claimlint: cannot write claims.837: ${reason}; the file was not changed\n`);
        if (expected === null) assert.deepEqual(readdirSync(dir), [], 'the deleted file is not written again, and no temporary file is left');
        else {
          assert.ok(readFileSync(target).equals(expected), 'the other program’s change is kept');
          assert.deepEqual(readdirSync(dir), ['claims.837'], 'no temporary file is left');
        }
        break;
      }
    });
  }

  test('a change to the input does not stop fix writing to another file with --out', async () => {
    const dir = folder('changed-out');
    writeFileSync(join(dir, 'claims.837'), big);
    for (let attempt = 1; ; attempt++) {
      const run = await fixPausedWhileWriting(dir, 'fixed.837', ['--out', 'fixed.837', 'claims.837'], bigFixed.length, false, () => writeFileSync(join(dir, 'claims.837'), 'ISA*EDITED~'));
      if (!run.paused) {
        assert.ok(attempt < ATTEMPTS, 'could not stop the process part way through its write');
        continue;
      }
      assert.equal(run.code, 0, run.stderr);
      assert.ok(readFileSync(join(dir, 'fixed.837')).equals(bigFixed));
      assert.equal(readFileSync(join(dir, 'claims.837'), 'latin1'), 'ISA*EDITED~');
      break;
    }
  });
});
