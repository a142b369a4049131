// The CLI and the NCCI scope (issue 12): lines of one patient paired across the files of a run
// unless --each-file, hospital tables for 837I claims, and CMS .zip downloads as tables.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { zipSync, strToU8 } from 'fflate';
import { writeX12 } from '../unit/helpers/x12-writer';
import { useBuiltCli } from './harness';

const harness = useBuiltCli('claimlint-scope-');
const claimlint = harness.claimlint;

const DAY = { from: 20260310, to: 20260310 };

/** An 837 of one claim for subscriber M1 billing `code` on 2026-03-10. */
function oneClaim(id: string, code: string, kind: 'professional' | 'institutional' = 'professional', subscriberId = 'M1'): string {
  const line = kind === 'institutional' ? { code, charge: '100', revenueCode: '0360', date: DAY } : { code, charge: '100', date: DAY };
  return writeX12([{ id, subscriberId, lines: [line] }], { kind }).text;
}

interface JsonReport {
  files: { path: string; findings: { rule: string; message: string; range: { start: { line: number } } }[] }[];
}

function ptpFindings(report: JsonReport): { path: string; rule: string; message: string }[] {
  return report.files.flatMap((file) => file.findings.filter((f) => f.rule.startsWith('ptp.')).map((f) => ({ path: file.path, rule: f.rule, message: f.message })));
}

/** A CMS-layout PTP table (preamble, tab-separated, CRLF) of these rows. */
function cmsTable(rows: string[][]): string {
  const preamble = ['CPT codes, descriptions and other data only are copyright 2025 American Medical Association.', 'Column 1/Column 2 Edits', 'Column 1\tColumn 2\t*=in existence prior to 1996\tEffective Date\tDeletion Date *=no data\tModifier 0=not allowed 1=allowed 9=not applicable\tPTP Edit Rationale'];
  return [...preamble, ...rows.map((r) => r.join('\t'))].join('\r\n') + '\r\n';
}

describe('claimlint check across files', () => {
  test('pairs 43214 in one file with 43200 in another of the same patient and date, unless --each-file', () => {
    writeFileSync(join(harness.dir(), 'first.837'), oneClaim('C1', '43214'));
    writeFileSync(join(harness.dir(), 'second.837'), oneClaim('C2', '43200'));
    const together = claimlint(['check', '--format', 'json', 'first.837', 'second.837']);
    assert.equal(together.code, 1, together.stderr);
    assert.deepEqual(ptpFindings(JSON.parse(together.stdout) as JsonReport).map((f) => [f.path, f.rule]), [['second.837', 'ptp.conflict']]);
    assert.match(ptpFindings(JSON.parse(together.stdout) as JsonReport)[0]!.message, /^43200 should not be billed with 43214 \(first\.837, claim 1, service line 1\) on 03\/10\/2026/);
    const apart = claimlint(['check', '--format', 'json', '--each-file', 'first.837', 'second.837']);
    assert.equal(apart.code, 0, apart.stdout);
    assert.deepEqual(ptpFindings(JSON.parse(apart.stdout) as JsonReport), []);
  });

  test('a file started in blocks and then read whole (a late non-ASCII byte) is counted once in the run', () => {
    // Over one 4 MB block: the conflicting line first, filler claims of other members, a non-ASCII byte at the end.
    const filler = Array.from({ length: 24_000 }, (_, i) => ({ id: `F${i}`, subscriberId: `X${i}`, lines: [{ code: '99213', charge: '10', date: DAY }] }));
    const text = writeX12([{ id: 'C9', subscriberId: 'M1', lines: [{ code: '43200', charge: '100', date: DAY }] }, ...filler]).text;
    assert.ok(text.length > 4 * 1024 * 1024, `${text.length} characters`);
    writeFileSync(join(harness.dir(), 'big.837'), Buffer.from(text.replace(/~\s*$/, '~NTE*ADD*CAFÉ~'), 'utf8'));
    const run = claimlint(['check', '--format', 'json', 'first.837', 'big.837']);
    const findings = ptpFindings(JSON.parse(run.stdout) as JsonReport);
    assert.deepEqual(findings.map((f) => [f.path, f.rule]), [['big.837', 'ptp.conflict']], run.stderr);
  });

  test('does not pair files of different patients', () => {
    writeFileSync(join(harness.dir(), 'other.837'), oneClaim('C3', '43200', 'professional', 'M2'));
    const run = claimlint(['check', '--format', 'json', 'first.837', 'other.837']);
    assert.deepEqual(ptpFindings(JSON.parse(run.stdout) as JsonReport), []);
    assert.equal(run.code, 0);
  });

  test('text output gives the line of the finding in its own file', () => {
    const run = claimlint(['check', 'first.837', 'second.837']);
    const lines = run.stdout.trim().split('\n').filter((l) => l.includes('ptp.conflict'));
    assert.equal(lines.length, 1);
    const text = readFileSync(join(harness.dir(), 'second.837'), 'latin1').split(/\r?\n/);
    const [, line, column] = /^second\.837:(\d+):(\d+) error ptp\.conflict/.exec(lines[0]!)!;
    assert.equal(text[Number(line) - 1]!.slice(Number(column) - 1, Number(column) + 4), '43200');
  });
});

describe('claimlint check with hospital tables and CMS downloads', () => {
  const hospitalRows = [['43214', '76000', '', '20140101', '*', '1', 'Standards of medical / surgical practice']];

  test('an 837I is judged by the hospital table given with --ptp-hospital, an 837P by the practitioner one', () => {
    writeFileSync(join(harness.dir(), 'oph.txt'), cmsTable(hospitalRows));
    writeFileSync(join(harness.dir(), 'facility.837i'), writeX12([{ id: 'F1', lines: [{ code: '43214', charge: '10', revenueCode: '0360', date: DAY }, { code: '76000', charge: '10', revenueCode: '0320', date: DAY }] }], { kind: 'institutional' }).text);
    writeFileSync(join(harness.dir(), 'office.837'), writeX12([{ id: 'P1', lines: [{ code: '43214', charge: '10', date: DAY }, { code: '76000', charge: '10', date: DAY }] }]).text);
    const run = claimlint(['check', '--format', 'json', '--each-file', '--ptp-hospital', 'oph.txt', 'facility.837i', 'office.837']);
    const findings = ptpFindings(JSON.parse(run.stdout) as JsonReport);
    assert.deepEqual(findings.map((f) => [f.path, f.rule]), [['facility.837i', 'ptp.modifier-required'], ['office.837', 'ptp.conflict']]);
    assert.match(findings[0]!.message, /outpatient hospital PTP edit/);
    // No practitioner table loaded: the built-in set's edit, which says where it comes from.
    assert.match(findings[1]!.message, /Claimlint's built-in 43214 edit \(from the code's billing guideline, not from CMS's practitioner table/);
  });

  test('reads a CMS zip as downloaded, and a folder of them, a file named ccioph being a hospital table', () => {
    const zip = zipSync({ 'ccioph-v323r0-f1.txt': strToU8(cmsTable(hospitalRows)), 'ccioph-readme.pdf': strToU8('%PDF-1.4 not a table') });
    mkdirSync(join(harness.dir(), 'ncci'), { recursive: true });
    writeFileSync(join(harness.dir(), 'ncci', 'medicare-ncci-2026q4-hospital-ptp-edits-ccioph-v323r0-f1.zip'), zip);
    for (const table of [['--ptp', 'ncci/medicare-ncci-2026q4-hospital-ptp-edits-ccioph-v323r0-f1.zip'], ['--ptp', 'ncci']]) {
      const run = claimlint(['check', '--format', 'json', ...table, 'facility.837i']);
      assert.deepEqual(ptpFindings(JSON.parse(run.stdout) as JsonReport).map((f) => f.rule), ['ptp.modifier-required'], `${table.join(' ')}: ${run.stderr}`);
    }
  });

  test('a zip without a table stops the run with its reason', () => {
    writeFileSync(join(harness.dir(), 'empty.zip'), zipSync({ 'readme.pdf': strToU8('%PDF') }));
    const run = claimlint(['check', '--ptp', 'empty.zip', 'office.837']);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /empty\.zip/);
    assert.match(run.stderr, /no table/i);
  });
});
