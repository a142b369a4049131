// `claimlint fix` end to end: what it removes and keeps, where it writes, and what it refuses.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { writeX12, type WriterClaim } from '../unit/helpers/x12-writer';
import { writeClaimsCsv } from '../unit/helpers/csv-writer';
import { json, useCliSession } from './cliSession';
import { CMS_TABLE, assertNoClaimContents, conflictClaims, day, indicatorOneClaims } from './cliFixtures';

const { dir, claimlint, claimlintBytes, file } = useCliSession('claimlint-cli-');

describe('claimlint fix', () => {
  function checkJson(path: string) {
    const run = claimlint(['check', '--format', 'json', path]);
    return { run, report: json(run).files[0]! };
  }

  /** Segment values of an LF-separated X12 text, by segment id. */
  function segments(text: string, id: string): string[][] {
    return text
      .split('~')
      .map((s) => s.trim())
      .filter((s) => s.startsWith(`${id}*`))
      .map((s) => s.split('*'));
  }

  test('fix in place removes the bundled lines and keeps LX, SE01 and CLM02 right; the result re-parses with no errors', () => {
    const path = file('fix-me.837', writeX12(conflictClaims, { lineEnding: '\n' }).text);
    const run = claimlint(['fix', 'fix-me.837']);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, '');
    assert.match(run.stderr, /^claimlint: fix-me\.837: removed 2 service lines bundled into another line, resolving 2 NCCI conflicts with modifier indicator 0$/m);
    assertNoClaimContents(run.stderr);
    const fixed = readFileSync(path, 'latin1');
    assert.deepEqual(segments(fixed, 'LX').map((s) => s[1]), ['1', '2', '1']);
    assert.deepEqual(segments(fixed, 'SV1').map((s) => s[1]), ['HC:43214', 'HC:99213', 'HC:99213']);
    assert.deepEqual(segments(fixed, 'CLM').map((s) => s[2]), ['1600.00', '80.00']);
    const { run: check, report } = checkJson(path);
    assert.equal(check.code, 0);
    assert.deepEqual(report.findings, [], 'SE01, LX and CLM02 are consistent: no structural findings');
    assert.equal(report.claims, 2);
    assert.equal(report.serviceLines, 3);
    const st = fixed.indexOf('ST*');
    const se = fixed.indexOf('SE*');
    const counted = fixed.slice(st, fixed.indexOf('~', se)).split('~').length;
    assert.equal(segments(fixed, 'SE')[0]![1], String(counted));
    assert.deepEqual(readdirSync(dir()).filter((name) => name.includes('claimlint-tmp')), [], 'no temporary file left behind');
  });

  test('fix also sets a wrong SE01 and pads a short ISA: the result checks clean', () => {
    const { text } = writeX12([{ id: 'C1', date: day, lines: [{ code: '99213', charge: '80.00' }] }], { lineEnding: '\n' });
    const se = segments(text, 'SE')[0]!;
    let broken = text.replace(`SE*${se[1]}*`, `SE*${Number(se[1]) + 4}*`);
    const isa = broken.slice(0, broken.indexOf('~'));
    broken = isa.split('*').map((field) => field.trimEnd() || field).join('*') + broken.slice(isa.length);
    const path = file('envelope.837', broken);
    const before = checkJson(path).report.findings.map((f: { rule: string }) => f.rule).sort();
    assert.deepEqual(before, ['x12.isa-width', 'x12.se01-count']);
    const run = claimlint(['fix', 'envelope.837']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /recounted SE01 and padded the ISA fields, resolving 2 findings/);
    const fixed = readFileSync(path, 'latin1');
    assert.equal(fixed.indexOf('~'), 105, 'the ISA is 106 characters again');
    assert.equal(segments(fixed, 'SE')[0]![1], se[1]);
    assert.deepEqual(checkJson(path).report.findings, []);
  });

  test('fix --out writes the result there and leaves the original untouched; CRLF, latin-1 bytes and the file mode are kept', () => {
    const { text } = writeX12(conflictClaims, { lineEnding: '\r\n' });
    // A latin-1 name (0xC9) in a segment the fix does not touch.
    const original = Buffer.from(text.replace('SUBMITTER CLINIC', 'CLINIQUE \u00c9COLE'), 'latin1');
    const path = file('original.837', original);
    const run = claimlint(['fix', '--out', 'fixed.837', 'original.837']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /removed 2 service lines.* -> fixed\.837$/m);
    assert.deepEqual(readFileSync(path), original, 'the original is untouched');
    const fixed = readFileSync(join(dir(), 'fixed.837'));
    assert.ok(fixed.includes(Buffer.from('CLINIQUE \u00c9COLE', 'latin1')), 'latin-1 byte written back as one byte');
    assert.ok(!fixed.toString('latin1').replace(/\r\n/g, '').includes('\n'), 'CRLF kept');
    assert.equal(checkJson(join(dir(), 'fixed.837')).run.code, 0);

    chmodSync(path, 0o640);
    assert.equal(claimlint(['fix', 'original.837']).code, 0);
    assert.equal(statSync(path).mode & 0o777, 0o640, 'in place: the file keeps its mode');
  });

  test('fix a CSV export: the bundled row is removed and the result re-parses clean', () => {
    const csv = writeClaimsCsv([
      { id: 'CLAIMSECRET5', patientId: 'PATIENTSECRET5', lines: [{ code: '43214', date: 20260310, charge: 1500 }, { code: '43200', date: 20260310, charge: 400 }, { code: '99213', date: 20260310, charge: 100 }] },
    ]);
    const path = file('export.csv', csv);
    const run = claimlint(['fix', 'export.csv']);
    assert.equal(run.code, 0, run.stderr);
    assertNoClaimContents(run.stderr);
    const fixed = readFileSync(path, 'utf8');
    assert.equal(fixed.trimEnd().split('\n').length, 3, 'header and two rows');
    assert.ok(!fixed.includes('43200'));
    const { report } = checkJson(path);
    assert.deepEqual([report.format, report.claims, report.serviceLines, report.findings.length], ['csv', 1, 2, 0]);
  });

  test('fix from standard input writes to standard output; --out - does too', () => {
    const { text } = writeX12(conflictClaims, { lineEnding: '\n' });
    const fromStdin = claimlintBytes(['fix', '-'], Buffer.from(text));
    assert.equal(fromStdin.code, 0, fromStdin.stderr);
    assert.match(fromStdin.stderr, /^claimlint: standard input: removed 2 service lines/m);
    const path = file('to-stdout.837', text);
    const toStdout = claimlintBytes(['fix', '--out', '-', 'to-stdout.837']);
    assert.equal(toStdout.code, 0);
    assert.deepEqual(toStdout.stdout, fromStdin.stdout);
    assert.equal(readFileSync(path, 'latin1'), text, 'the input is untouched');
    const recheck = claimlint(['check', '--format', 'json', '-'], { input: toStdout.stdout });
    assert.equal(recheck.code, 0);
    assert.equal(json(recheck).files[0]!.serviceLines, 3);
  });

  test('indicator-1 conflicts are left for review: nothing removed, the file not rewritten, standard error says why', () => {
    file('review-ptp.txt', CMS_TABLE);
    const path = file('review.837', writeX12(indicatorOneClaims, { lineEnding: '\n' }).text);
    const before = statSync(path).mtimeMs;
    const bytes = readFileSync(path);
    const run = claimlint(['fix', '--ptp', 'review-ptp.txt', 'review.837']);
    assert.equal(run.code, 0);
    assert.match(run.stderr, /nothing to fix \(no NCCI conflicts with modifier indicator 0, MUEs with MAI 2 or type 1 add-on codes in this file, and no envelope count or ISA field to set; fix reads one file, so a conflict with another file's line is found only by check given both\)/);
    assert.match(run.stderr, /1 conflict with modifier indicator 1 left for review/);
    // With --guide full, the guide's certain fixes are named too (found in review: the text spoke only of NCCI).
    const full = claimlint(['fix', '--guide', 'full', '--ptp', 'review-ptp.txt', 'review.837']);
    assert.match(full.stderr, /nothing to fix \(no NCCI conflicts .* in this file, and no envelope count, ISA field, HL number or other guide finding with a certain fix;/);
    assert.match(run.stderr, /^review\.837:\d+:\d+ warning ptp\.modifier-required /m);
    assert.deepEqual(readFileSync(path), bytes);
    assert.equal(statSync(path).mtimeMs, before);
  });

  test('indicator 0 and 1 in one file: the indicator-0 lines go, the indicator-1 conflict stays and is named on standard error', () => {
    file('mixed-ptp.txt', CMS_TABLE);
    const path = file('mixed.837', writeX12([...indicatorOneClaims, ...conflictClaims], { lineEnding: '\n' }).text);
    const run = claimlint(['fix', '--ptp', 'mixed-ptp.txt', 'mixed.837']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /removed 2 service lines/);
    assert.match(run.stderr, /1 conflict with modifier indicator 1 left for review/);
    assertNoClaimContents(run.stderr);
    const recheck = claimlint(['check', '--ptp', 'mixed-ptp.txt', '--format', 'json', path]);
    assert.equal(recheck.code, 0);
    assert.deepEqual(json(recheck).files[0]!.findings.map((f) => f.rule), ['ptp.modifier-required']);
    assert.equal(json(recheck).files[0]!.serviceLines, 5);
  });

  test('--no-builtin-edits with fix: nothing to remove', () => {
    const path = file('keep.837', writeX12(conflictClaims).text);
    const bytes = readFileSync(path);
    const run = claimlint(['fix', '--no-builtin-edits', 'keep.837']);
    assert.equal(run.code, 0);
    assert.match(run.stderr, /nothing to fix/);
    assert.deepEqual(readFileSync(path), bytes);
  });

  test('errors that fix cannot remove remain: exit 1, listed on standard error against the written file', () => {
    const claims: WriterClaim[] = [{ ...conflictClaims[0]!, totalCharge: '9.99' }];
    file('still-wrong.837', writeX12(claims, { lineEnding: '\n' }).text);
    const run = claimlint(['fix', '--out', 'still-wrong-fixed.837', 'still-wrong.837']);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /^still-wrong-fixed\.837:\d+:\d+ error x12\.clm02-sum /m);
    assert.doesNotMatch(run.stderr, /ptp\.conflict/);
  });

  test('a write that fails (--out into a folder that does not exist) exits 2, says so, and leaves no file behind', () => {
    const path = file('cannot-write.837', writeX12(conflictClaims).text);
    const bytes = readFileSync(path);
    const run = claimlint(['fix', '--out', 'no-such-folder/fixed.837', 'cannot-write.837']);
    assert.equal(run.code, 2);
    assert.equal(run.stderr, 'claimlint: cannot write no-such-folder/fixed.837: no such directory; nothing was written\n');
    assert.deepEqual(readFileSync(path), bytes);
    assert.ok(!existsSync(join(dir(), 'no-such-folder')));
    assert.deepEqual(readdirSync(dir()).filter((name) => name.includes('claimlint-tmp')), []);
    const folder = claimlint(['fix', '--out', '.', 'cannot-write.837']);
    assert.equal(folder.code, 2);
    assert.match(folder.stderr, /^claimlint: cannot write \.: is a directory/);
  });

  test('fix of a file that cannot be read exits 2; of content that is not claims exits 1 and writes nothing', () => {
    const missing = claimlint(['fix', 'absent.837']);
    assert.equal(missing.code, 2);
    assert.equal(missing.stderr, 'claimlint: absent.837: no such file\n');
    const path = file('prose.txt', 'not a claim file\n');
    const prose = claimlint(['fix', 'prose.txt']);
    assert.equal(prose.code, 1);
    assert.match(prose.stderr, /^claimlint: prose\.txt: not a claim file, nothing to fix$/m);
    assert.match(prose.stderr, /error claimlint\.unrecognized-format/);
    assert.equal(readFileSync(path, 'utf8'), 'not a claim file\n');
  });
});
