// Issue 15 item 4, the CLI side: a --ptp or --descriptors file whose every row is bad stopped the
// run with only "656 more problems not listed" (the loader's closing line, taken for the reason).
// The run still stops (exit 2), and says what the file is not and why its first rows fail; a file
// that loads with bad rows counts the problems it has, not the ones the loader listed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { run, type Io } from '../../server/src/cli/main';

const example = resolve(__dirname, '../../examples/professional-43214.837');

function claimlint(args: string[]): { code: number; stdout: string; stderr: string } {
  const state = { stdout: '', stderr: '' };
  const io: Io = {
    stdout: (data) => (state.stdout += typeof data === 'string' ? data : Buffer.from(data).toString('latin1')),
    stderr: (text) => (state.stderr += text),
    readStdin: () => Buffer.alloc(0),
    isTty: false,
  };
  const code = run(args, io) as number;
  return { code, ...state };
}

function inTemp<T>(files: Record<string, string>, body: (path: (name: string) => string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'claimlint-rule-problems-'));
  try {
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    return body((name) => join(dir, name));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const badPtpRow = '99215\t36415\t\t20200101\t*\t7\tMutually exclusive procedures';
const goodPtpRow = '99213\t36415\t\t20200101\t*\t0\tMutually exclusive procedures';

test('a --ptp table of 856 bad rows and no good one: what it is not, how many problems, and the first reasons', () => {
  inTemp({ 'bad-ptp.txt': ['Title line', ...Array.from({ length: 856 }, () => badPtpRow), ''].join('\r\n') }, (path) => {
    const result = claimlint(['check', '--ptp', path('bad-ptp.txt'), example]);
    assert.equal(result.code, 2);
    assert.equal(result.stdout, '');
    const lines = result.stderr.trimEnd().split('\n');
    assert.equal(lines.length, 1, result.stderr);
    assert.doesNotMatch(result.stderr, /not listed/);
    assert.equal(
      lines[0],
      `claimlint: --ptp ${path('bad-ptp.txt')}: not a PTP table: no row of it could be read (856 problems); first: ` +
        'line 2: modifier indicator "7" is not 0, 1 or 9; line 3: modifier indicator "7" is not 0, 1 or 9; line 4: modifier indicator "7" is not 0, 1 or 9',
    );
  });
});

test('a --descriptors file that is not one (no code column; 856 rows of notes) says so, with its first reasons', () => {
  const notes = ['Claim export notes', ...Array.from({ length: 856 }, (_, i) => `patient ${i} visited on day ${i}`), ''].join('\n');
  inTemp({ 'notes.txt': notes }, (path) => {
    const result = claimlint(['check', '--descriptors', path('notes.txt'), example]);
    assert.equal(result.code, 2);
    assert.doesNotMatch(result.stderr, /not listed/);
    assert.match(
      result.stderr,
      new RegExp(
        `^claimlint: --descriptors ${path('notes.txt').replace(/[.\\/]/g, '\\$&')}: not a descriptor table: no row of it could be read \\(857 problems\\); first: ` +
          'line 1: header row does not name a code column and a descriptor column; reading columns as code, short, long; line 2: .+ is not a procedure code; line 3: .+\\n$',
      ),
    );
  });
});

test('an 837 given as --descriptors is named as not a descriptor table, not "no code descriptors found"', () => {
  inTemp({ 'claims.837': readFileSync(example, 'latin1') }, (path) => {
    const result = claimlint(['check', '--descriptors', path('claims.837'), example]);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /: not a descriptor table: no row of it could be read \(\d+ problems\); first: line 1: /);
  });
});

test('a whole-file reason is still given as the loader says it (an MUE table without its code column)', () => {
  inTemp({ 'mue.csv': 'hello\nworld\n' }, (path) => {
    const result = claimlint(['check', '--mue', path('mue.csv'), example]);
    assert.equal(result.code, 2);
    assert.equal(result.stderr, `claimlint: --mue ${path('mue.csv')}: not an MUE table: no HCPCS/CPT code column in the first 20 lines\n`);
  });
});

test('a --ptp table that loads with 856 bad rows: five shown, and the other 851 counted (not the 196 the loader listed)', () => {
  inTemp({ 'partly.txt': ['Title line', goodPtpRow, ...Array.from({ length: 856 }, () => badPtpRow), ''].join('\r\n') }, (path) => {
    const result = claimlint(['check', '--no-builtin-edits', '--ptp', path('partly.txt'), example]);
    assert.notEqual(result.code, 2, result.stderr);
    const warnings = result.stderr.trimEnd().split('\n');
    assert.equal(warnings.filter((w) => /^claimlint: warning: .+partly\.txt:\d+: modifier indicator "7"/.test(w)).length, 5, result.stderr);
    assert.ok(warnings.includes(`claimlint: warning: ${path('partly.txt')}: 851 more problems not shown`), result.stderr);
    assert.doesNotMatch(result.stderr, /not listed/);
  });
});
