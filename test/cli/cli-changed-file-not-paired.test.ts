// Found in review: `claimlint check a b` pairs the lines of one patient across the files (a shared
// CodingRun). A file read in blocks adds its lines to that run while it is read (cli/stream.ts via
// X12Stream; cli/csvStream.ts run.addStaged) and only then re-reads itself for positions and calls
// `unchanged()`, which throws InputError "changed while it was being checked; check it again". The
// catch in runCheck (cli/check.ts) reported the file as unreadable (exit 2) but left its lines in
// the run, so the other file still got a ptp.conflict naming a row of the file the same report
// said could not be read. The catch now drops the file's lines from the run (run.dropFile).
//
// The change is made while the run is between its two reads of the file, from the progress bar's
// write (a terminal, and a clock that makes the run "slow", so the bar is drawn): the "writing"
// phase of a.* is drawn after its lines went into the run and before unchanged() is called.
// Run in process (cli/main.ts run). Synthetic data only.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run, type Io } from '../../server/src/cli/main';
import { memoryIo } from './memoryIo';
import { writeX12 } from '../unit/helpers/x12-writer';

interface Report {
  files: { path: string; findings: { rule: string; message: string }[] }[];
}

/** Runs check with a progress bar whose drawing of "writing <changed>" touches that file once. */
function checkWhileChanging(args: string[], changed: string): { code: number; report: Report; err: string; touched: boolean } {
  const base = memoryIo();
  let clock = 0;
  let touched = false;
  const io: Io = {
    stdout: base.stdout,
    readStdin: base.readStdin,
    isTty: true,
    columns: 400,
    now: () => (clock += 5000),
    stderr: (text) => {
      if (!touched && text.includes('writing') && text.includes(changed)) {
        touched = true;
        const when = new Date(Date.UTC(2001, 1, 1));
        utimesSync(changed, when, when);
      }
      base.stderr(text);
    },
  };
  const code = run(args, io);
  assert.equal(typeof code, 'number');
  return { code: code as number, report: JSON.parse(base.out) as Report, err: base.err, touched };
}

describe('claimlint check: a file that changed while it was checked is not paired with the others', () => {
  let dir = '';
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'claimlint-changed-paired-'));
  });
  after(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('CSV: b.csv gets no conflict naming a.csv, which was reported as unreadable', () => {
    const a = join(dir, 'a.csv');
    const b = join(dir, 'b.csv');
    writeFileSync(a, 'Claim ID,Patient ID,Date of Service,CPT/HCPCS,Units,Charge\nC1,M1,10/15/2026,43214,1,1500.00\n');
    writeFileSync(b, 'Claim ID,Patient ID,Date of Service,CPT/HCPCS,Units,Charge\nC2,M1,10/15/2026,43200,1,400.00\n');
    const result = checkWhileChanging(['check', '--format', 'json', a, b], a);
    assert.ok(result.touched, 'the file was changed during the run');
    assert.match(result.err, /a\.csv: changed while it was being checked/);
    assert.equal(result.code, 2);
    const findings = result.report.files.flatMap((f) => f.findings.map((x) => `${f.path}: ${x.rule}: ${x.message}`));
    assert.deepEqual(findings.filter((f) => f.includes('a.csv')), [], 'no finding may rest on the lines of a file reported as unreadable');
  });

  test('837: b.837 gets no conflict naming a.837, which was reported as unreadable', () => {
    const day = { from: 20261015, to: 20261015 };
    const a = join(dir, 'a.837');
    const b = join(dir, 'b.837');
    writeFileSync(a, writeX12([{ id: 'C1', lines: [{ code: '43214', charge: '1500.00', date: day }] }], { lineEnding: '\n' }).text);
    writeFileSync(b, writeX12([{ id: 'C2', lines: [{ code: '43200', charge: '400.00', date: day }] }], { lineEnding: '\n' }).text);
    const result = checkWhileChanging(['check', '--format', 'json', a, b], a);
    assert.ok(result.touched, 'the file was changed during the run');
    assert.match(result.err, /a\.837: changed while it was being checked/);
    assert.equal(result.code, 2);
    const findings = result.report.files.flatMap((f) => f.findings.map((x) => `${f.path}: ${x.rule}: ${x.message}`));
    assert.deepEqual(findings.filter((f) => f.includes('a.837')), [], 'no finding may rest on the lines of a file reported as unreadable');
  });
});
