// Found in review (hostile input, folders): what the folder walks did with names and folders they
// could not simply read. In process (run from main.ts), as cli-units.test.ts does.
//
// 1. A file whose name is not valid UTF-8 (a latin-1 name from a Windows share or an old zip:
//    `caf\xe9.837`). readdirSync decoded names as UTF-8, so the name it gave (`caf\uFFFD.837`)
//    named no file: the claim file under a checked folder was reported as "no such file" and never
//    checked (claimFiles.ts walkClaimFiles; the server's Check All Claim Files uses the same
//    walk), and a table in a --ptp folder was "file not found", which stopped the run
//    (ruleFiles.ts expandFolder). Both now list names as bytes (core/rules/filePaths.ts).
// 2. A folder under the checked folder that could not be listed was skipped without a word
//    (claimFiles.ts walkClaimFiles: "holds nothing we can check"): the run reported "1 file
//    checked" and exited as if every file had been. It is now reported as a file that cannot be
//    read is (one line on stderr, exit 2). Permission denied cannot be made as root, so the folder
//    here cannot be listed because its path is longer than PATH_MAX (ENAMETOOLONG).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, rmdirSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { run } from '../../server/src/cli/main';
import { memoryIo } from './memoryIo';
import { writeX12 } from '../unit/helpers/x12-writer';

const linuxOnly = process.platform !== 'linux' && 'needs a file system that takes any bytes in a name';

function claimlint(args: string[]): { code: number; stdout: string; stderr: string } {
  const io = memoryIo();
  const code = run(args, io) as number;
  return { code, stdout: io.out, stderr: io.err };
}

const DAY = { from: 20260310, to: 20260310 };
/** 43214 with 43200 on one date: one built-in indicator-0 conflict. */
const conflicting = (member: string) =>
  writeX12([{ id: 'C1', subscriberId: member, lines: [{ code: '43214', charge: '100', date: DAY }, { code: '43200', charge: '50', date: DAY }] }], { lineEnding: '\n' }).text;

function latin1Name(dir: string, prefix: string, suffix: string): Buffer {
  return Buffer.concat([Buffer.from(join(dir, prefix)), Buffer.from([0xe9]), Buffer.from(suffix)]);
}

test('a claim file named in latin-1 under a checked folder is checked, not reported as "no such file"', { skip: linuxOnly }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'claimlint-names-'));
  try {
    writeFileSync(join(dir, 'plain.837'), conflicting('M1'));
    writeFileSync(latin1Name(dir, 'caf', '.837'), conflicting('M2'));
    const result = claimlint(['check', '--format', 'json', dir]);
    assert.doesNotMatch(result.stderr, /no such file/, result.stderr);
    const report = JSON.parse(result.stdout) as { files: { findings: { rule: string }[] }[] };
    assert.equal(report.files.length, 2, result.stderr);
    assert.equal(report.files.flatMap((f) => f.findings).filter((f) => f.rule === 'ptp.conflict').length, 2);
    assert.equal(result.code, 1);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a PTP table named in latin-1 in a --ptp folder is loaded, not "file not found"', { skip: linuxOnly }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'claimlint-names-'));
  try {
    const tables = join(dir, 'tables');
    mkdirSync(tables);
    const table = (column2: string) => `Synthetic PTP table\r\n99213\t${column2}\t\t20200101\t*\t0\tMutually exclusive procedures\r\n`;
    writeFileSync(join(tables, 'ptp-a.txt'), table('36415'));
    writeFileSync(latin1Name(tables, 'ptp-caf', '.txt'), table('36416'));
    writeFileSync(join(dir, 'claims.837'), conflicting('M1'));
    const result = claimlint(['check', '--ptp', tables, join(dir, 'claims.837')]);
    assert.doesNotMatch(result.stderr, /file not found/, result.stderr);
    assert.equal(result.code, 1, result.stderr);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a folder that cannot be listed under a checked folder is reported, not skipped in silence', { skip: linuxOnly }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'claimlint-unlisted-'));
  const home = process.cwd();
  const levels: string[] = [];
  try {
    writeFileSync(join(dir, 'top.837'), conflicting('M1'));
    // Folders of 250-character names, deep enough that the path passes PATH_MAX (4096): made
    // with relative paths from inside each, as no call takes the whole path.
    process.chdir(dir);
    for (let depth = 0; depth < 18; depth++) {
      const name = `level${String(depth).padStart(2, '0')}${'x'.repeat(243)}`;
      mkdirSync(name);
      process.chdir(name);
      levels.push(name);
    }
    writeFileSync('deep.837', conflicting('M2'));
    process.chdir(home);

    const result = claimlint(['check', dir]);
    const said = result.stdout + result.stderr;
    // Either the deep file is checked, or the run says what it could not look into.
    const checkedDeep = /deep\.837/.test(result.stdout);
    const namedFolder = /level\d\dx+/.test(result.stderr) || /not (be )?(listed|read)|cannot (list|read)/i.test(result.stderr);
    assert.ok(checkedDeep || namedFolder, `nothing said about the folder it could not list:\n${said}`);
    assert.ok(checkedDeep || result.code === 2, `exit ${result.code} as if every file had been checked`);
  } finally {
    process.chdir(home);
    // Removed from the inside out, by relative paths.
    try {
      process.chdir(dir);
      for (const name of levels) process.chdir(name);
      for (const entry of readdirSync('.')) unlinkSync(entry);
      for (let i = levels.length - 1; i >= 0; i--) {
        process.chdir('..');
        rmdirSync(levels[i]!);
      }
    } finally {
      process.chdir(home);
      rmSync(dir, { recursive: true, force: true });
    }
  }
});

// 3. A named pipe with a claim file's name in a checked folder (a pipeline's hand-off point) was
//    passed by without a word. It is not read (it would wait for a writer), and the run says so.
test('a named pipe named as a claim file in a checked folder is said, not read, and the run goes on', { skip: linuxOnly }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'claimlint-fifo-'));
  try {
    writeFileSync(join(dir, 'a.837'), conflicting('M1'));
    execFileSync('mkfifo', [join(dir, 'incoming.837')]);
    execFileSync('mkfifo', [join(dir, 'notes.txt')]);
    const result = claimlint(['check', dir]);
    assert.match(result.stderr, /incoming\.837: not a regular file \(a named pipe\), so not read\n/);
    assert.doesNotMatch(result.stderr, /notes\.txt/, 'a pipe without a claim file name is none of the run\'s business');
    assert.match(result.stderr, /1 file checked, .*; 1 entry passed by \(not a regular file\)\n/);
    assert.match(result.stdout, /a\.837:\d+:\d+ error ptp\.conflict/);
    assert.equal(result.code, 1, 'the conflict in a.837 decides the exit, as without the pipe');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a link to a named pipe is said as the pipe is', { skip: linuxOnly }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'claimlint-fifo-link-'));
  try {
    writeFileSync(join(dir, 'a.837'), conflicting('M1'));
    execFileSync('mkfifo', [join(tmpdir(), `${dir.split('/').pop()}-pipe`)]);
    symlinkSync(join(tmpdir(), `${dir.split('/').pop()}-pipe`), join(dir, 'incoming.837'));
    const result = claimlint(['check', dir]);
    assert.match(result.stderr, /incoming\.837: not a regular file \(a named pipe\), so not read\n/);
  } finally {
    rmSync(join(tmpdir(), `${dir.split('/').pop()}-pipe`), { force: true });
    rmSync(dir, { recursive: true, force: true });
  }
});
