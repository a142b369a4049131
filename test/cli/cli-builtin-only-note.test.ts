// `check` with no NCCI table: "0 errors" from the built-in 43214 edits alone read as a clean file
// to a pipeline and to the analyst reading its log. The summary is now followed by a note saying
// only the built-in edits were checked (or none, with --no-builtin-edits), in every format (as the summary), on
// standard error; a run that loaded any PTP, MUE or add-on code table says nothing more.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../server/src/cli/main';
import { memoryIo } from './memoryIo';
import { practitionerMueCsv, practitionerPtpText } from '../unit/helpers/ncci-tables';

const CSV = 'Claim ID,Patient ID,Date of Service,CPT/HCPCS,Units\nC1,M1,03/10/2026,99213,1\n';
let dir = '';
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'claimlint-note-'));
  writeFileSync(join(dir, 'claims.csv'), CSV);
  writeFileSync(join(dir, 'ptp.txt'), practitionerPtpText(['11042\t97597\t\t20200101\t*\t1\tMisuse of column two code with column one code']));
  writeFileSync(join(dir, 'mue.csv'), practitionerMueCsv(['99213,1,3,Clinical']));
});
after(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function check(args: string[]): { code: number; out: string; notes: string[] } {
  const io = memoryIo();
  const code = run(['check', ...args, join(dir, 'claims.csv')], io) as number;
  return { code, out: io.out, notes: io.err.split('\n').filter((line) => line.startsWith('claimlint: note: ')) };
}

test('no table: the note says only the built-in 43214 edits were checked, and which options load the tables', () => {
  const result = check([]);
  assert.equal(result.code, 0);
  assert.deepEqual(result.notes, ["claimlint: note: no NCCI table was loaded, so only the built-in CPT 43214 edits were checked; load CMS's tables with --ptp, --ptp-hospital, --mue and --aoc"]);
});

test('no table and --no-builtin-edits: the note says no coding edit was checked', () => {
  assert.deepEqual(check(['--no-builtin-edits']).notes, ['claimlint: note: no NCCI table was loaded and --no-builtin-edits was given, so no coding edit was checked']);
});

test('a PTP table, or an MUE table alone: no note', () => {
  assert.deepEqual(check(['--ptp', join(dir, 'ptp.txt')]).notes, []);
  assert.deepEqual(check(['--mue', join(dir, 'mue.csv')]).notes, []);
});

// Found in review: --format json and sarif said nothing on standard error, though the README
// promises the summary and this note in every format: a CI log of a SARIF run read "0 errors"
// with no word that only 43214 was checked. Standard output stays one JSON document.
for (const format of ['json', 'sarif']) {
  test(`${format} output: the summary and the note on standard error; standard output is the report alone`, () => {
    const io = memoryIo();
    const code = run(['check', '--format', format, join(dir, 'claims.csv')], io) as number;
    assert.equal(code, 0);
    assert.deepEqual(io.err.split('\n'), [
      'claimlint: 1 file checked, 1 claim, 1 service line: 0 errors, 0 warnings',
      "claimlint: note: no NCCI table was loaded, so only the built-in CPT 43214 edits were checked; load CMS's tables with --ptp, --ptp-hospital, --mue and --aoc",
      '',
    ]);
    assert.doesNotThrow(() => JSON.parse(io.out));
  });
}

// Found in review: a run of dental claims (or inpatient bills) only got the note too, though no
// table could have judged them: loading CMS's tables would change nothing. Each file's own note
// (ncci.not-applicable) says why nothing was judged; a run with one claim a table judges keeps it.
test('no claim a table judges (dental, inpatient): no table note; one such claim beside them: the note', () => {
  writeFileSync(join(dir, 'inpatient.csv'), 'Claim ID,Patient ID,Bill Type,Date of Service,CPT/HCPCS,Units\nC1,M1,0111,03/10/2026,43214,1\nC2,M2,0111,03/10/2026,43239,1\n');
  const io = memoryIo();
  assert.equal(run(['check', join(dir, 'inpatient.csv')], io), 0);
  assert.deepEqual(io.err.split('\n').filter((line) => line.startsWith('claimlint: note: ')), []);
  assert.match(io.out, /information ncci\.not-applicable No NCCI table applies to 2 claims of this file/);
  const both = memoryIo();
  run(['check', join(dir, 'inpatient.csv'), join(dir, 'claims.csv')], both);
  assert.equal(both.err.split('\n').filter((line) => line.startsWith('claimlint: note: no NCCI table was loaded')).length, 1);
});
