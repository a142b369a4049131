// Found in review: the same file reached twice in one run (a folder and a file under it, or
// overlapping globs) was checked twice and, together, paired with itself: a file that is clean
// alone got an mue.exceeded error naming itself ("8 units ... over 2 lines (dup/pt.csv, row 2 and
// this one)"), exit 1, and the SARIF run listed the same artifact twice. Now each file is checked
// once, by its real path, at the first place it is reached (check.ts, expandDirectories).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { linkSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { useBuiltCli } from './harness';
import { practitionerMueCsv } from '../unit/helpers/ncci-tables';

const harness = useBuiltCli('claimlint-duplicates-');

test('a folder and a file under it: the file is checked once, not paired with itself', () => {
  const dir = harness.dir();
  writeFileSync(join(dir, 'MCR_MUE_PractitionerServices_test.csv'), practitionerMueCsv(['97110,4,2 Date of Service Edit: Policy,Clinical: Data']));
  mkdirSync(join(dir, 'dup'));
  // 4 units of 97110: exactly its MUE of 4 (MAI 2), so the file alone is clean.
  writeFileSync(join(dir, 'dup', 'pt.csv'), 'Claim ID,Patient ID,Date of Service,CPT/HCPCS,Units,Charge,Rendering NPI\nC1,M1,03/10/2026,97110,4,100.00,1234567893\n');
  const alone = harness.claimlint(['check', '--mue', 'MCR_MUE_PractitionerServices_test.csv', join('dup', 'pt.csv')]);
  assert.equal(alone.code, 0, alone.stdout + alone.stderr);

  const run = harness.claimlint(['check', '--format', 'json', '--mue', 'MCR_MUE_PractitionerServices_test.csv', 'dup', join('dup', 'pt.csv')]);
  const report = JSON.parse(run.stdout) as { files: { path: string; findings: { rule: string; message: string }[] }[] };
  const findings = report.files.flatMap((f) => f.findings);
  assert.deepEqual(findings.map((f) => `${f.rule}: ${f.message}`), [], 'no finding from pairing the file with itself');
  assert.equal(run.code, 0, run.stderr);
  assert.equal(report.files.length, 1, `files reported: ${report.files.map((f) => f.path).join(', ')}`);
});

test('the same file by two paths, or twice: checked once, at its first place', { skip: process.platform === 'win32' && 'symbolic links need privileges' }, () => {
  const dir = harness.dir();
  writeFileSync(join(dir, 'MCR_MUE_PractitionerServices_test.csv'), practitionerMueCsv(['97110,4,2 Date of Service Edit: Policy,Clinical: Data']));
  writeFileSync(join(dir, 'once.csv'), 'Claim ID,Patient ID,Date of Service,CPT/HCPCS,Units,Charge,Rendering NPI\nC1,M1,03/10/2026,97110,4,100.00,1234567893\n');
  writeFileSync(join(dir, 'other.csv'), 'Claim ID,Patient ID,Date of Service,CPT/HCPCS,Units,Charge,Rendering NPI\nC2,M2,03/10/2026,97110,1,100.00,1234567893\n');
  symlinkSync('once.csv', join(dir, 'link.csv'));
  const run = harness.claimlint(['check', '--format', 'json', '--mue', 'MCR_MUE_PractitionerServices_test.csv', 'once.csv', 'other.csv', './once.csv', 'link.csv', 'once.csv']);
  const report = JSON.parse(run.stdout) as { files: { path: string; findings: unknown[] }[] };
  assert.deepEqual(report.files.map((f) => f.path), ['once.csv', 'other.csv']);
  assert.deepEqual(report.files.flatMap((f) => f.findings), []);
  assert.equal(run.code, 0, run.stderr);
});

// Found in review: a hard link (the same file under another name, which realpath does not tell)
// was checked twice, and with --guide full its ISA13 was reported as used by the other name.
test('a hard link to a file given beside it: checked once', () => {
  const dir = harness.dir();
  writeFileSync(join(dir, 'first.csv'), 'Claim ID,Patient ID,Date of Service,CPT/HCPCS,Units,Charge,Rendering NPI\nC1,M1,03/10/2026,97110,4,100.00,1234567893\n');
  linkSync(join(dir, 'first.csv'), join(dir, 'hard.csv'));
  const run = harness.claimlint(['check', '--format', 'json', 'first.csv', 'hard.csv']);
  const report = JSON.parse(run.stdout) as { files: { path: string }[] };
  assert.deepEqual(report.files.map((f) => f.path), ['first.csv']);
});
