// Found in review: `claimlint check --format sarif` writes every finding into one run
// (cli/report.ts SarifReporter). GitHub code scanning, which the SARIF output is for (README:
// `--format sarif *.837 > claimlint.sarif`), rejects a whole upload whose run holds more than
// 25,000 results ("Analysis SARIF file rejected due to result limits"), so a big batch with many
// conflicts (the bench's 1M-row CSV has 25,523) uploads nothing at all. A run should stay within
// the limit (keeping the most severe results and saying that the rest were left out), not make the
// whole log unusable. Run in process (cli/main.ts run), as cli-units.test.ts does.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../server/src/cli/main';
import { memoryIo } from './memoryIo';

/** GitHub code scanning's hard limits on one SARIF upload. */
const RESULTS_PER_RUN = 25000;
const RUNS_PER_FILE = 20;

const io = () => memoryIo(Buffer.alloc(0), 'utf8');

describe('sarif of a batch with more conflicts than code scanning takes in one run', () => {
  let dir = '';
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'claimlint-review-sarif-limit-'));
  });
  after(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('no run holds more than 25,000 results', () => {
    // 25,100 patients, each with the built-in indicator-0 pair 43214 + 43200 on one date: 25,100 ptp.conflict errors.
    const rows = ['Claim ID,Patient ID,Date of Service,CPT,Units,Charge'];
    for (let i = 0; i < RESULTS_PER_RUN + 100; i++) rows.push(`C${i},P${i},03/10/2026,43214,1,100.00`, `C${i},P${i},03/10/2026,43200,1,50.00`);
    const path = join(dir, 'batch.csv');
    writeFileSync(path, rows.join('\n') + '\n');
    const state = io();
    const code = run(['check', '--format', 'sarif', path], state);
    assert.equal(code, 1, state.err);
    const log = JSON.parse(state.out) as { version: string; runs: { results: unknown[] }[] };
    assert.equal(log.version, '2.1.0');
    assert.ok(log.runs.length <= RUNS_PER_FILE, `${log.runs.length} runs`);
    for (const sarifRun of log.runs) assert.ok(sarifRun.results.length <= RESULTS_PER_RUN, `a run of ${sarifRun.results.length} results: GitHub code scanning rejects the upload`);
  });
});

describe('the results left out of a SARIF log', () => {
  let dir = '';
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'claimlint-sarif-left-out-'));
  });
  after(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('are counted in a warning notification and on stderr; the first 25,000 are all written', () => {
    const rows = ['Claim ID,Patient ID,Date of Service,CPT,Units,Charge'];
    for (let i = 0; i < RESULTS_PER_RUN + 7; i++) rows.push(`C${i},P${i},03/10/2026,43214,1,100.00`, `C${i},P${i},03/10/2026,43200,1,50.00`);
    const path = join(dir, 'batch.csv');
    writeFileSync(path, rows.join('\n') + '\n');
    const state = io();
    run(['check', '--format', 'sarif', path], state);
    const log = JSON.parse(state.out) as { runs: { results: { ruleId: string }[]; invocations: { toolExecutionNotifications?: { level: string; message: { text: string } }[] }[] }[] };
    const sarifRun = log.runs[0]!;
    assert.equal(sarifRun.results.length, RESULTS_PER_RUN);
    const notes = sarifRun.invocations[0]!.toolExecutionNotifications ?? [];
    assert.equal(notes.length, 1);
    assert.equal(notes[0]!.level, 'warning');
    assert.match(notes[0]!.message.text, /^7 error result\(s\) past the first 25000 were left out/);
    assert.match(state.err, /7 error result\(s\) past the first 25000 were left out/);
  });
});
