// Found in a pipeline developer's review: a rule file that could not be used (exit 2) left the
// --format sarif output empty, so a CI step uploading it failed on a parse error instead of
// showing the cause. JSON and SARIF now hold a valid document that says why nothing was checked.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const cli = join(resolve(__dirname, '../..'), 'server/out/cli.js');
const dir = mkdtempSync(join(tmpdir(), 'claimlint-unusable-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const table = join(dir, 'rows.txt');
writeFileSync(table, 'junk\tline\n');
const claims = join(dir, 'claims.csv');
writeFileSync(claims, 'Patient ID,Date of Service,CPT\nP1,2026-03-10,43214\n');

function run(format: string) {
  return spawnSync(process.execPath, [cli, 'check', '--format', format, '--ptp', table, claims], { encoding: 'utf8' });
}

describe('check with a PTP table that cannot be used', () => {
  test('json: no files, the reason in configurationProblems, exit 2', () => {
    const result = run('json');
    assert.equal(result.status, 2, result.stderr);
    const report = JSON.parse(result.stdout);
    assert.deepEqual(report.files, []);
    assert.equal(report.configurationProblems.length, 1);
    assert.match(report.configurationProblems[0], /^--ptp .*rows\.txt: no PTP rows found/);
    assert.match(result.stderr, /no PTP rows found/);
  });

  test('sarif: a valid log with no results, executionSuccessful false and the reason as an error', () => {
    const result = run('sarif');
    assert.equal(result.status, 2, result.stderr);
    const log = JSON.parse(result.stdout);
    assert.equal(log.version, '2.1.0');
    const [sarifRun] = log.runs;
    assert.deepEqual(sarifRun.results, []);
    assert.equal(sarifRun.tool.driver.name, 'claimlint');
    const [invocation] = sarifRun.invocations;
    assert.equal(invocation.executionSuccessful, false);
    assert.equal(invocation.toolConfigurationNotifications[0].level, 'error');
    assert.match(invocation.toolConfigurationNotifications[0].message.text, /no PTP rows found/);
  });

  test('text: nothing on standard output (the reason is on stderr)', () => {
    const result = run('text');
    assert.equal(result.status, 2);
    assert.equal(result.stdout, '');
    assert.match(result.stderr, /no PTP rows found/);
  });
});
