// Claim CSVs without a patient column, checked together (`claimlint check a.csv b.csv`, one coding
// run over both files). The README: without a patient column "the claim id (each claim its own
// patient, within its file)", and "each claim id of a file is its own patient: a replacement
// supersedes that id's claims in its file". Such a claim's patient key is its claim id and its
// claim number in its file (csv/claims.ts patientKeyOf, by parseCsv and by csv/codedClaims.ts
// staged()), marked file-local, and the run tells the files' keys apart (rules/serviceGroups.ts
// runPatientKey): claim A1 that is the first claim of two files is two patients, its lines not
// paired and a void A1 in one file not withdrawing the other's, while a void still withdraws its
// own file's A1 in any file of the run. An ASCII file is read in pieces (cli/csvStream.ts), one
// with other bytes whole (analyze): both paths are checked. Run in process (cli/main.ts run).
// Synthetic rows; the built-in 43214 set (43214/43200 is an indicator-0 pair).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../server/src/cli/main';
import { memoryIo } from './memoryIo';

let dir = '';
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'claimlint-csv-patient-per-file-'));
});
after(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The rules of each file's findings, checked together. */
function check(files: Record<string, string>): string[][] {
  const paths = Object.entries(files).map(([name, text]) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  });
  const io = memoryIo();
  run(['check', '--format', 'json', ...paths], io);
  return (JSON.parse(io.out) as { files: { findings: { rule: string }[] }[] }).files.map((f) => f.findings.map((x) => x.rule));
}

const HEADER = 'Claim ID,Date of Service,CPT,Units,Claim Frequency';
/** The same rows with a note column of non-ASCII text: the CLI reads such a file whole, not in pieces. */
function whole(text: string): string {
  return text.split('\n').map((line, i) => (line === '' ? line : i === 0 ? `${line},Note` : `${line},café`)).join('\n');
}

describe('claim CSVs without a patient column, checked together', () => {
  test('claim A1 of one file is not the patient of claim A1 of another, wherever it sits in its file', () => {
    const a = `${HEADER}\nA1,2026-03-10,43214,1,1\n`;
    // A1 is the second claim of this file: its key's claim number differs from a.csv's A1 anyway.
    // (c.csv's two claims are taken as two patients', which its header's note says.)
    assert.deepEqual(check({ 'a.csv': a, 'c.csv': `${HEADER}\nZ9,2026-03-10,99213,1,1\nA1,2026-03-10,43200,1,1\n` }), [[], ['csv.patient-per-claim']]);
    // A1 is the first claim of this file, as in a.csv: the same id and number, told apart by the file.
    assert.deepEqual(check({ 'a.csv': a, 'b.csv': `${HEADER}\nA1,2026-03-10,43200,1,1\n` }), [[], []]);
  });

  test("a void A1 in another file does not withdraw this file's A1 (a replacement supersedes that id's claims in its file)", () => {
    const a = `${HEADER}\nA1,2026-03-10,43214,1,1\nA1,2026-03-10,43200,1,1\n`;
    assert.deepEqual(check({ 'a.csv': a }), [['ptp.conflict']]);
    assert.deepEqual(check({ 'a.csv': a, 'b.csv': `${HEADER}\nA1,2026-03-10,99213,1,8\n` }), [['ptp.conflict'], []]);
  });

  test('the same, read whole (a file that is not ASCII), and either file read whole beside one read in pieces', () => {
    const a = `${HEADER}\nA1,2026-03-10,43214,1,1\n`;
    const b = `${HEADER}\nA1,2026-03-10,43200,1,1\n`;
    assert.deepEqual(check({ 'a.csv': whole(a), 'b.csv': whole(b) }), [[], []]);
    assert.deepEqual(check({ 'a.csv': a, 'b.csv': whole(b) }), [[], []]);
    assert.deepEqual(check({ 'a.csv': whole(a), 'b.csv': b }), [[], []]);
    const paired = `${HEADER}\nA1,2026-03-10,43214,1,1\nA1,2026-03-10,43200,1,1\n`;
    const voiding = `${HEADER}\nA1,2026-03-10,99213,1,8\n`;
    assert.deepEqual(check({ 'a.csv': whole(paired), 'b.csv': whole(voiding) }), [['ptp.conflict'], []]);
    assert.deepEqual(check({ 'a.csv': paired, 'b.csv': whole(voiding) }), [['ptp.conflict'], []]);
  });

  test('a void still withdraws its own file\'s claim of that id, in a later file of the run too', () => {
    const other = `${HEADER}\nZ9,2026-03-10,99213,1,1\n`;
    const voided = `${HEADER}\nA1,2026-03-10,43214,1,1\nA1,2026-03-10,43200,1,1\nA1,2026-03-10,99213,1,8\n`;
    assert.deepEqual(check({ 'a.csv': other, 'b.csv': voided }), [[], []]);
    assert.deepEqual(check({ 'a.csv': other, 'b.csv': whole(voided) }), [[], []]);
    // The premise: without the void, b.csv's A1 has a conflict.
    assert.deepEqual(check({ 'a.csv': other, 'b.csv': voided.replace(/\nA1,2026-03-10,99213,1,8/, '') }), [[], ['ptp.conflict']]);
  });

  test('without a claim id column either, each file is one patient of its own', () => {
    const header = 'Date of Service,CPT,Units';
    const a = `${header}\n2026-03-10,43214,1\n`;
    const b = `${header}\n2026-03-10,43200,1\n`;
    // The premise: in one file the two rows are one patient's.
    const one = (rules: string[][]) => rules.map((r) => r.filter((rule) => rule.startsWith('ptp.')));
    assert.deepEqual(one(check({ 'a.csv': `${header}\n2026-03-10,43214,1\n2026-03-10,43200,1\n` })), [['ptp.conflict']]);
    assert.deepEqual(one(check({ 'a.csv': a, 'b.csv': b })), [[], []]);
    assert.deepEqual(one(check({ 'a.csv': whole(a), 'b.csv': whole(b) })), [[], []]);
  });
});
