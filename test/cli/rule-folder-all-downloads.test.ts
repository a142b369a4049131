// One folder holding every CMS download (the PTP table, the MUE table, ...) given to each option,
// `--ptp ncci --mue ncci`: each option read every table of the folder, and the first one not of
// its kind stopped the run (exit 2, "not a PTP table"). A file found in a folder given that is not
// the option's kind is now skipped with one warning line, when the folder gave the option a table
// of its kind; a folder with none, or a file named itself, still stops the run.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../server/src/cli/main';
import { memoryIo } from './memoryIo';
import { practitionerMueCsv, practitionerPtpText } from '../unit/helpers/ncci-tables';

let dir = '';
let ncci = '';
let claims = '';
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'claimlint-ncci-folder-'));
  ncci = join(dir, 'ncci');
  mkdirSync(ncci);
  writeFileSync(join(ncci, 'ccipra-v322r0-f1.txt'), practitionerPtpText(['99213\t36415\t\t20200101\t*\t0\tMisuse of column two code with column one code']));
  writeFileSync(join(ncci, 'MCR_MUE_PractitionerServices.csv'), practitionerMueCsv(['36415,1,3,Clinical']));
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

test('--ptp and --mue given the same folder: each takes its tables, the other kind is skipped with a warning', () => {
  const result = check(['--ptp', ncci, '--mue', ncci, claims]);
  assert.equal(result.code, 1, result.err);
  assert.deepEqual(result.rules.sort(), ['mue.exceeded', 'ptp.conflict']);
  const lines = result.err.trim().split('\n');
  assert.deepEqual(lines.map((l) => l.replace(/: skipped: .*/, ': skipped')), [
    `claimlint: warning: --ptp ${join(ncci, 'MCR_MUE_PractitionerServices.csv')}: skipped`,
    `claimlint: warning: --mue ${join(ncci, 'ccipra-v322r0-f1.txt')}: skipped`,
  ]);
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
