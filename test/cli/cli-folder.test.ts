// `claimlint check DIR` (issue 14, "a folder at once"): a directory argument stands for the
// claim files under it (the extensions the extension registers, and files starting with an ISA
// header), found recursively and checked in sorted order, together (lines of one patient,
// provider and date paired across them, as for files named one by one). Hidden folders, hidden
// files and node_modules are skipped; a directory without claim files is an error naming it (exit 2).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { writeX12 } from '../unit/helpers/x12-writer';
import { writeClaimsCsv } from '../unit/helpers/csv-writer';
import { useBuiltCli } from './harness';

const harness = useBuiltCli('claimlint-folder-');
const claimlint = harness.claimlint;

function file(path: string, text: string): void {
  mkdirSync(dirname(join(harness.dir(), path)), { recursive: true });
  writeFileSync(join(harness.dir(), path), text);
}

const DAY = { from: 20260310, to: 20260310 };

/** An 837P of one claim for subscriber M1 billing `code` on 2026-03-10. */
function oneClaim(id: string, code: string): string {
  return writeX12([{ id, subscriberId: 'M1', lines: [{ code, charge: '100', date: DAY }] }], { lineEnding: '\n' }).text;
}

interface JsonReport {
  files: { path: string; format: string | null; findings: { rule: string; message: string; range: { start: { line: number; character: number } } }[] }[];
}

describe('claimlint check DIR', () => {
  test('checks the claim files under the directory, recursively and sorted, together: a conflict across two files lands on the column-2 file', () => {
    file('batch/a.837', oneClaim('C1', '43214'));
    file('batch/sub/b.837', oneClaim('C2', '43200'));
    file('batch/export.CSV', writeClaimsCsv([{ id: 'R1', patientId: 'P9', lines: [{ code: '99213', date: 20260310, units: 1, charge: 50 }] }]));
    // No claim extension, but an ISA header: a claim file all the same.
    file('batch/incoming/20260310-0001', oneClaim('C3', '99213'));
    // Not claim files: another extension without an ISA header, and a file whose text starts later with ISA.
    file('batch/notes.txt', 'ISA is the interchange header\n');
    file('batch/readme', 'see ISA*00\n');
    // Skipped folders, and hidden files: macOS's ._ copies, and the temporary file a killed fix leaves (it starts with ISA).
    file('batch/.git/x.837', oneClaim('C4', '43200'));
    file('batch/node_modules/pkg/y.837', oneClaim('C5', '43200'));
    file('batch/._a.837', '\u0000\u0005\u0016\u0007Mac OS X');
    file('batch/.a.837.0f3c9a.claimlint-tmp', oneClaim('C1', '43200'));

    const run = claimlint(['check', '--format', 'json', 'batch']);
    assert.equal(run.code, 1, run.stderr);
    const report = JSON.parse(run.stdout) as JsonReport;
    assert.deepEqual(
      report.files.map((f) => [f.path, f.format]),
      [
        [join('batch', 'a.837'), 'x12'],
        [join('batch', 'export.CSV'), 'csv'],
        [join('batch', 'incoming', '20260310-0001'), 'x12'],
        [join('batch', 'sub', 'b.837'), 'x12'],
      ],
    );
    const ptp = report.files.flatMap((f) => f.findings.filter((x) => x.rule.startsWith('ptp.')).map((x) => ({ path: f.path, ...x })));
    assert.deepEqual(ptp.map((f) => [f.path, f.rule]), [[join('batch', 'sub', 'b.837'), 'ptp.conflict']]);
    assert.match(ptp[0]!.message, new RegExp(`^43200 should not be billed with 43214 \\(${join('batch', 'a.837').replace(/[.\\]/g, '\\$&')}, claim 1, service line 1\\)`));

    // --each-file still judges each file of the directory on its own.
    const apart = claimlint(['check', '--format', 'json', '--each-file', 'batch']);
    assert.equal(apart.code, 0, apart.stderr);
    assert.equal((JSON.parse(apart.stdout) as JsonReport).files.length, 4);

    // Text output names the files as found under the directory, and the summary counts them.
    const text = claimlint(['check', 'batch']);
    assert.match(text.stdout, new RegExp(`^${join('batch', 'sub', 'b.837').replace(/[.\\]/g, '\\$&')}:\\d+:\\d+ error ptp\\.conflict `, 'm'));
    assert.match(text.stderr, /^claimlint: 4 files checked, /m);
  });

  test('a directory beside files: the directory is expanded in place, the files kept as given', () => {
    file('mixed/one/a.837', oneClaim('C1', '99213'));
    file('mixed/two.837', oneClaim('C2', '99214'));
    file('loose.837', oneClaim('C3', '99215'));
    const run = claimlint(['check', '--format', 'json', 'loose.837', 'mixed']);
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(
      (JSON.parse(run.stdout) as JsonReport).files.map((f) => f.path),
      ['loose.837', join('mixed', 'one', 'a.837'), join('mixed', 'two.837')],
    );
  });

  test('a directory without claim files is noted by name, not an unreadable input (exit 0); the other files are still checked', () => {
    file('empty-batch/notes.txt', 'nothing here\n');
    file('ok.837', oneClaim('C1', '99213'));
    const run = claimlint(['check', '--format', 'json', 'empty-batch', 'ok.837']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /^claimlint: empty-batch: no claim files in this folder \(looked for \.837, \.837p, \.837i, \.837d, \.x12, \.edi, \.csv, \.tsv and files starting with ISA\), so nothing in it was checked$/m);
    assert.deepEqual((JSON.parse(run.stdout) as JsonReport).files.map((f) => f.path), ['ok.837']);
  });

  test('fix takes a file, not a directory', () => {
    file('fixdir/a.837', oneClaim('C1', '43214'));
    const run = claimlint(['fix', 'fixdir']);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /^claimlint: fixdir: is a directory, not a file$/m);
  });
});
