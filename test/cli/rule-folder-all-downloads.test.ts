// One folder holding every CMS download (the PTP table, the MUE table, ...) given to each option,
// `--ptp ncci --mue ncci`: each option read every table of the folder, and the first one not of
// its kind stopped the run (exit 2, "not a PTP table"). A file found in a folder given that is not
// the option's kind is now skipped in one line, when the folder gave the option a table of its
// kind: a note naming the option that loaded it, else a warning with why it is no table of this
// kind; a folder with none, or a file named itself, still stops the run. The same holds for the
// tables inside the zips CMS downloads come as (found in the folder, not named).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { run } from '../../server/src/cli/main';
import { memoryIo } from './memoryIo';
import { strToU8, zipSync } from 'fflate';
import { practitionerMueCsv, practitionerPtpText } from '../unit/helpers/ncci-tables';

let dir = '';
let ncci = '';
let claims = '';
let zips = '';
const PTP_ROW = '99213\t36415\t\t20200101\t*\t0\tMisuse of column two code with column one code';
const MUE_ROW = '36415,1,3,Clinical';
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'claimlint-ncci-folder-'));
  ncci = join(dir, 'ncci');
  mkdirSync(ncci);
  writeFileSync(join(ncci, 'ccipra-v322r0-f1.txt'), practitionerPtpText([PTP_ROW]));
  writeFileSync(join(ncci, 'MCR_MUE_PractitionerServices.csv'), practitionerMueCsv([MUE_ROW]));
  // The downloads as they come: each table in a zip of its own.
  zips = join(dir, 'downloads');
  mkdirSync(zips);
  writeFileSync(join(zips, 'medicare-ncci-2026q3-practitioner-ptp-edits-ccipra-v322r0-f1.zip'), zipSync({ 'ccipra-v322r0-f1.TXT': strToU8(practitionerPtpText([PTP_ROW])) }));
  writeFileSync(join(zips, 'medicare-ncci-2026-q3-practitioner-services-mue-table.zip'), zipSync({ 'MCR_MUE_PractitionerServices.csv': strToU8(practitionerMueCsv([MUE_ROW])) }));
  claims = join(dir, 'claims.csv');
  writeFileSync(claims, 'Claim ID,Patient ID,Date of Service,CPT/HCPCS,Units\nC1,M1,03/10/2026,99213,1\nC1,M1,03/10/2026,36415,2\n');
});
after(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function check(args: string[]): { code: number; err: string; rules: string[] } {
  const io = memoryIo();
  const code = run(['check', '--format', 'json', ...args], io) as number;
  const rules = io.out === '' ? [] : (JSON.parse(io.out) as { files: { findings: { rule: string }[] }[] }).files.flatMap((f) => f.findings.map((x) => x.rule));
  return { code, err: io.err, rules };
}

test('--ptp and --mue given the same folder: each takes its tables, the other kind is skipped in a note naming the option that loaded it', () => {
  const result = check(['--ptp', ncci, '--mue', ncci, claims]);
  assert.equal(result.code, 1, result.err);
  assert.deepEqual(result.rules.sort(), ['mue.exceeded', 'ptp.conflict']);
  assert.deepEqual(result.err.trim().split('\n'), [
    `claimlint: note: --ptp ${join(ncci, 'MCR_MUE_PractitionerServices.csv')}: skipped here, loaded by --mue`,
    `claimlint: note: --mue ${join(ncci, 'ccipra-v322r0-f1.txt')}: skipped here, loaded by --ptp`,
    'claimlint: 1 file checked, 1 claim, 2 service lines: 2 errors, 0 warnings',
  ]);
});

test('the same folder written two ways (relative and absolute) is one folder: notes, not warnings', () => {
  const result = check(['--ptp', relative(process.cwd(), ncci), '--mue', ncci, claims]);
  assert.equal(result.code, 1, result.err);
  const lines = result.err.trim().split('\n');
  assert.equal(lines.filter((l) => l.startsWith('claimlint: note:')).length, 2, result.err);
  assert.equal(lines.filter((l) => l.startsWith('claimlint: warning:')).length, 0, result.err);
});

test('--ptp alone given the folder: the MUE table in it, loaded by no option, is skipped with a warning saying why', () => {
  const result = check(['--ptp', ncci, claims]);
  assert.equal(result.code, 1, result.err);
  assert.deepEqual(result.rules, ['ptp.conflict']);
  const lines = result.err.trim().split('\n');
  assert.equal(lines.length, 2, result.err);
  assert.match(lines[0]!, /^claimlint: warning: --ptp .*MCR_MUE_PractitionerServices\.csv: skipped: not a PTP table/);
});

test('a folder with no table of the option\'s kind still stops the run', () => {
  const mueOnly = join(dir, 'mue-only');
  mkdirSync(mueOnly);
  writeFileSync(join(mueOnly, 'MCR_MUE_PractitionerServices.csv'), practitionerMueCsv(['36415,1,3,Clinical']));
  const result = check(['--ptp', mueOnly, claims]);
  assert.equal(result.code, 2);
  assert.match(result.err, /^claimlint: --ptp .*MCR_MUE_PractitionerServices\.csv: not a PTP table/);
});

test('a file of another kind named itself still stops the run, whatever else loaded', () => {
  const result = check(['--ptp', ncci, '--ptp', join(ncci, 'MCR_MUE_PractitionerServices.csv'), claims]);
  assert.equal(result.code, 2);
  assert.match(result.err, /claimlint: --ptp .*MCR_MUE_PractitionerServices\.csv: not a PTP table/);
});

test('a folder of the zips as downloaded, given to --ptp and --mue: each takes the table in its zip, the other zip\'s is skipped in a note', () => {
  const result = check(['--ptp', zips, '--mue', zips, claims]);
  assert.equal(result.code, 1, result.err);
  assert.deepEqual(result.rules.sort(), ['mue.exceeded', 'ptp.conflict']);
  assert.deepEqual(result.err.trim().split('\n'), [
    `claimlint: note: --ptp ${join(zips, 'medicare-ncci-2026-q3-practitioner-services-mue-table.zip')} › MCR_MUE_PractitionerServices.csv: skipped here, loaded by --mue`,
    `claimlint: note: --mue ${join(zips, 'medicare-ncci-2026q3-practitioner-ptp-edits-ccipra-v322r0-f1.zip')} › ccipra-v322r0-f1.TXT: skipped here, loaded by --ptp`,
    'claimlint: 1 file checked, 1 claim, 2 service lines: 2 errors, 0 warnings',
  ]);
});

test('a zip of another kind named itself still stops the run, whatever else loaded', () => {
  const result = check(['--ptp', zips, '--ptp', join(zips, 'medicare-ncci-2026-q3-practitioner-services-mue-table.zip'), claims]);
  assert.equal(result.code, 2);
  assert.match(result.err, /claimlint: --ptp .*mue-table\.zip › MCR_MUE_PractitionerServices\.csv: not a PTP table/);
});

test('a zip in the folder that cannot be read stops the run: it may be the table the option needs', () => {
  const damaged = join(dir, 'damaged');
  mkdirSync(damaged);
  writeFileSync(join(damaged, 'ccipra-v322r0-f1.txt'), practitionerPtpText([PTP_ROW]));
  writeFileSync(join(damaged, 'medicare-ncci-2026q3-practitioner-ptp-edits-ccipra-v322r0-f2.zip'), 'PK\u0003\u0004 half a download');
  const result = check(['--ptp', damaged, claims]);
  assert.equal(result.code, 2);
  assert.match(result.err, /claimlint: --ptp .*f2\.zip: not a readable zip file/);
});
