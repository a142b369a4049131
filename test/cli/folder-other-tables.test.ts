// `check DIR` on a folder that keeps other tables beside the claims (the CMS NCCI tables a user
// loads with --mue, a report exported next to the batch): every .csv/.tsv under the folder was
// read as a would-be claim export, and each that was not one was an error (exit 1), so a clean
// batch failed its pipeline. A CSV or TSV found in a folder that is not a claim export is now an
// information finding ("not checked"); named on the command line it is still an error, and an
// .837 that is not an 837 is an error wherever it is found.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../server/src/cli/main';
import { memoryIo } from './memoryIo';
import { practitionerMueCsv } from '../unit/helpers/ncci-tables';

let dir = '';
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'claimlint-other-tables-'));
  writeFileSync(join(dir, 'claims.csv'), 'Claim ID,Patient ID,Date of Service,CPT/HCPCS,Units\nC1,M1,03/10/2026,99213,1\n');
  writeFileSync(join(dir, 'MCR_MUE_PractitionerServices.csv'), practitionerMueCsv(['99213,1,3,Clinical']));
  writeFileSync(join(dir, 'payments.tsv'), 'Batch\tDeposit\tPosted\nB1\t120.00\t03/12/2026\n');
});
after(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

interface Report {
  files: { path: string; format: string | null; findings: { rule: string; severity: string }[] }[];
}

function check(args: string[]): { code: number; report: Report } {
  const io = memoryIo();
  const code = run(['check', '--format', 'json', ...args], io) as number;
  return { code, report: JSON.parse(io.out) as Report };
}

const name = (path: string) => path.split(/[\\/]/).pop();

test('a folder: the tables that are not claim exports are information, and the run passes', () => {
  const { code, report } = check([dir]);
  assert.deepEqual(
    report.files.map((f) => [name(f.path), f.findings.map((x) => `${x.severity} ${x.rule}`)]),
    [
      ['MCR_MUE_PractitionerServices.csv', ['information claimlint.unrecognized-format']],
      ['claims.csv', []],
      ['payments.tsv', ['information claimlint.unrecognized-format']],
    ],
  );
  assert.equal(code, 0);
});

test('the same table named on the command line: an error, exit 1', () => {
  const { code, report } = check([join(dir, 'payments.tsv')]);
  assert.deepEqual(report.files[0]!.findings.map((x) => `${x.severity} ${x.rule}`), ['error claimlint.unrecognized-format']);
  assert.equal(code, 1);
});

test('an .837 in a folder that is not an 837: still an error', () => {
  const sub = mkdtempSync(join(tmpdir(), 'claimlint-other-tables-837-'));
  try {
    writeFileSync(join(sub, 'batch.837'), 'this is not an interchange\n');
    const { code, report } = check([sub]);
    assert.deepEqual(report.files[0]!.findings.map((x) => `${x.severity} ${x.rule}`), ['error claimlint.unrecognized-format']);
    assert.equal(code, 1);
  } finally {
    rmSync(sub, { recursive: true, force: true });
  }
});
