// Found in review: files checked together pair lines across files, and a finding names the other
// file's line in its message ("first.837, claim 1, service line 1"), but the JSON and SARIF reports
// gave no related location for it (a finding's related lines were listed only within its own
// file), so a tool reading the report could not link to the line. A related location in another
// file of the run is now written with that file's path (JSON) or artifact (SARIF), placed by that
// file's own positions; MUE findings list the lines summed in other files the same way.
// Synthetic files.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeX12, type WriterLine } from '../unit/helpers/x12-writer';
import { practitionerMueCsv } from '../unit/helpers/ncci-tables';
import { useBuiltCli } from './harness';
import { validateSarif } from './sarifSchema';

const harness = useBuiltCli('claimlint-related-other-file-');
const claimlint = harness.claimlint;
const DAY = { from: 20260310, to: 20260310 };

interface Range {
  start: { line: number; character: number };
  end: { line: number; character: number };
}
interface JsonReport {
  files: { path: string; findings: { rule: string; range: Range; related?: { path?: string; range: Range; message: string }[] }[] }[];
}

/** An 837 of one claim for subscriber M1 on 2026-03-10; a blank line or two first moves its lines down. */
function write(name: string, id: string, lines: WriterLine[], padding = ''): string {
  const text = padding + writeX12([{ id, subscriberId: 'M1', lines }], { lineEnding: '\n' }).text;
  writeFileSync(join(harness.dir(), name), text);
  return text;
}

/** Where `needle` is in `text`, as a zero-based range. */
function rangeOf(text: string, needle: string): Range {
  const at = text.indexOf(needle);
  assert.ok(at >= 0, needle);
  const before = text.slice(0, at).split('\n');
  const line = before.length - 1;
  const character = before[before.length - 1]!.length;
  return { start: { line, character }, end: { line, character: character + needle.length } };
}

describe('a related location in another file of those checked together', () => {
  test('JSON: the PTP finding in second.837 links to 43214 in first.837, placed by that file\'s lines', () => {
    // first.837 starts with blank lines, so a range taken from the wrong file would be off.
    const first = write('first.837', 'C1', [{ code: '43214', charge: '100.00', date: DAY }], '\n\n\n');
    write('second.837', 'C2', [{ code: '43200', charge: '100.00', date: DAY }]);
    const run = claimlint(['check', '--format', 'json', 'first.837', 'second.837']);
    assert.equal(run.code, 1, run.stderr);
    const report = JSON.parse(run.stdout) as JsonReport;
    const [finding, ...more] = report.files.flatMap((f) => f.findings.filter((x) => x.rule === 'ptp.conflict').map((x) => ({ path: f.path, ...x })));
    assert.ok(finding);
    assert.equal(more.length, 0);
    assert.equal(finding.path, 'second.837');
    assert.deepEqual(finding.related, [{ path: 'first.837', range: rangeOf(first, '43214'), message: 'Column 1 code 43214 is on this line' }]);

    // Checked apart: no pair, no related location.
    const apart = claimlint(['check', '--format', 'json', '--each-file', 'first.837', 'second.837']);
    assert.equal(apart.code, 0, apart.stdout);
  });

  test('SARIF: the related location names first.837\'s artifact, and the log is valid', () => {
    const first = write('first.837', 'C1', [{ code: '43214', charge: '100.00', date: DAY }], '\n\n\n');
    write('second.837', 'C2', [{ code: '43200', charge: '100.00', date: DAY }]);
    const run = claimlint(['check', '--format', 'sarif', 'first.837', 'second.837']);
    const log = JSON.parse(run.stdout) as { runs: { artifacts: { location: { uri: string } }[]; results: { ruleId: string; locations: unknown[]; relatedLocations?: { id: number; physicalLocation: { artifactLocation: { uri: string; index: number }; region: { startLine: number; startColumn: number } }; message: { text: string } }[] }[] }[] };
    validateSarif(log);
    const [sarif] = log.runs;
    const result = sarif!.results.find((r) => r.ruleId === 'ptp.conflict');
    assert.ok(result);
    const related = result.relatedLocations ?? [];
    assert.equal(related.length, 1);
    const location = related[0]!.physicalLocation;
    assert.equal(location.artifactLocation.uri, 'first.837');
    assert.equal(sarif!.artifacts[location.artifactLocation.index]!.location.uri, 'first.837');
    const expected = rangeOf(first, '43214');
    assert.deepEqual([location.region.startLine, location.region.startColumn], [expected.start.line + 1, expected.start.character + 1]);
    assert.deepEqual(sarif!.artifacts.map((a) => a.location.uri), ['first.837', 'second.837'], 'each file one artifact');
  });

  test('MUE: units summed over two files list the other file\'s line', () => {
    writeFileSync(join(harness.dir(), 'MCR_MUE_PractitionerServices_test.csv'), practitionerMueCsv(['97110,4,2 Date of Service Edit: Policy,Clinical: Data']));
    const first = write('first.837', 'C1', [{ code: '97110', charge: '90.00', units: '3', date: DAY }], '\n');
    write('second.837', 'C2', [{ code: '97110', charge: '60.00', units: '2', date: DAY }]);
    const run = claimlint(['check', '--format', 'json', '--mue', 'MCR_MUE_PractitionerServices_test.csv', 'first.837', 'second.837']);
    const report = JSON.parse(run.stdout) as JsonReport;
    const findings = report.files.flatMap((f) => f.findings.filter((x) => x.rule === 'mue.exceeded').map((x) => ({ path: f.path, ...x })));
    assert.equal(findings.length, 1, run.stdout);
    assert.equal(findings[0]!.path, 'second.837');
    const units = rangeOf(first, '*3*');
    assert.deepEqual(findings[0]!.related, [
      { path: 'first.837', range: { start: { line: units.start.line, character: units.start.character + 1 }, end: { line: units.start.line, character: units.start.character + 2 } }, message: '3 units of 97110 counted here' },
    ]);
  });
});
