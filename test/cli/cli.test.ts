// The `claimlint` command end to end: builds the bundle, runs `node server/out/cli.js` on synthetic
// files written into a temporary folder, and checks standard output, standard error and exit codes.
// Here: help, version and usage errors, and `check`; big files read in blocks, `fix` and the
// progress bar have their own files (cli-blocks, cli-fix, cli-progress).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { version } from '../../package.json';
import { writeX12, type WriterClaim } from '../unit/helpers/x12-writer';
import { writeClaimsCsv } from '../unit/helpers/csv-writer';
import { cli, type CliRun } from './harness';
import { json, positionOf, useCliSession } from './cliSession';
import { CMS_TABLE, assertNoClaimContents, cleanClaims, conflictClaims, day, indicatorOneClaims } from './cliFixtures';
import { validateSarif } from './sarifSchema';
import { NOBODY, runningAsRoot, sharedFolder } from '../unit/helpers/as-nobody';

const { dir, claimlint, file } = useCliSession('claimlint-cli-');

/**
 * `claimlint check locked.837` on a file of mode 000. Root reads it whatever its mode, so as root
 * the CLI runs as nobody, from a copy of the bundle in a folder everyone may enter.
 */
function lockedFileRun(): CliRun {
  if (!runningAsRoot) {
    chmodSync(file('locked.837', writeX12(cleanClaims).text), 0o000);
    return claimlint(['check', 'locked.837']);
  }
  const shared = sharedFolder('claimlint-cli-nobody-');
  try {
    copyFileSync(cli, join(shared, 'cli.js'));
    writeFileSync(join(shared, 'locked.837'), writeX12(cleanClaims).text);
    chmodSync(join(shared, 'locked.837'), 0o000);
    const result = spawnSync(process.execPath, [join(shared, 'cli.js'), 'check', 'locked.837'], { cwd: shared, encoding: 'utf8', ...NOBODY });
    if (result.error) throw result.error;
    return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
  } finally {
    rmSync(shared, { recursive: true, force: true });
  }
}

describe('claimlint help, version and usage errors', () => {
  test('--help prints the usage on standard output, says fix leaves indicator-1 conflicts to a person, and exits 0', () => {
    for (const args of [['--help'], ['-h'], ['check', '--help'], ['help']]) {
      const run = claimlint(args);
      assert.equal(run.code, 0, args.join(' '));
      assert.match(run.stdout, /claimlint check \[options\] FILE/);
      assert.match(run.stdout, /--no-builtin-edits/);
      assert.match(run.stdout, /indicator 1 are left for a person/);
      assert.equal(run.stderr, '');
    }
  });

  test('--version prints the package version', () => {
    const run = claimlint(['--version']);
    assert.equal(run.code, 0);
    assert.equal(run.stdout, `claimlint ${version}\n`);
  });

  for (const [name, args, pattern] of [
    ['no command', [], /a command is needed/],
    ['an unknown command', ['lint', 'x.837'], /unknown command 'lint'/],
    ['an unknown option', ['check', '--verbose', 'x.837'], /unknown option '--verbose'/],
    ['an unknown format', ['check', '--format', 'xml', 'x.837'], /--format must be text, json or sarif/],
    ['an option without its value', ['check', 'x.837', '--ptp'], /--ptp needs a value/],
    ['no FILE', ['check', '--format', 'json'], /check needs a FILE/],
    ['two FILEs for fix', ['fix', 'a.837', 'b.837'], /fix takes one FILE/],
    ['--format with fix', ['fix', '--format', 'json', 'a.837'], /--format applies to check only/],
    ['--each-file with fix', ['fix', '--each-file', 'a.837'], /--each-file applies to check only \(fix reads one file\)/],
    ['--out with check', ['check', '--out', 'b.837', 'a.837'], /--out applies to fix only/],
    ['standard input twice', ['check', '-', '-'], /standard input\) can be given only once/],
  ] as const) {
    test(`${name} is bad usage: one line on standard error, exit 2`, () => {
      const run = claimlint(args);
      assert.equal(run.code, 2);
      assert.equal(run.stdout, '');
      assert.match(run.stderr, pattern);
      assert.equal(run.stderr.trimEnd().split('\n').length, 1, run.stderr);
      assert.match(run.stderr, /^claimlint: /);
    });
  }
});

describe('claimlint check', () => {
  test('text: one `path:line:col severity rule message` line per finding, 1-based, and a summary on standard error; exit 1 on errors', () => {
    const { text } = writeX12(conflictClaims, { lineEnding: '\n' });
    const path = file('conflicts.837', text);
    const run = claimlint(['check', 'conflicts.837']);
    assert.equal(run.code, 1);
    const lines = run.stdout.trimEnd().split('\n');
    assert.equal(lines.length, 2);
    const expected43200 = positionOf(text, text.indexOf('HC:43200') + 3);
    const expected76000 = positionOf(text, text.indexOf('HC:76000') + 3);
    assert.ok(lines[0]!.startsWith(`conflicts.837:${expected43200.line + 1}:${expected43200.character + 1} error ptp.conflict 43200 `), lines[0]);
    assert.ok(lines[1]!.startsWith(`conflicts.837:${expected76000.line + 1}:${expected76000.character + 1} error ptp.conflict 76000 `), lines[1]);
    assert.equal(run.stderr, 'claimlint: 1 file checked, 2 claims, 5 service lines: 2 errors, 0 warnings\n' +
      "claimlint: note: no NCCI table was loaded, so only the built-in CPT 43214 edits were checked; load CMS's tables with --ptp, --ptp-hospital, --mue and --aoc\n");
    assertNoClaimContents(run.stdout, run.stderr);
    assert.ok(existsSync(path));
  });

  test('a file without findings prints nothing on standard output and exits 0', () => {
    file('clean.837', writeX12(cleanClaims, { lineEnding: '\r\n' }).text);
    const run = claimlint(['check', 'clean.837']);
    assert.equal(run.code, 0);
    assert.equal(run.stdout, '');
    assert.equal(run.stderr, 'claimlint: 1 file checked, 1 claim, 2 service lines: 0 errors, 0 warnings\n' +
      "claimlint: note: no NCCI table was loaded, so only the built-in CPT 43214 edits were checked; load CMS's tables with --ptp, --ptp-hospital, --mue and --aoc\n");
  });

  test('json: the contract shape, zero-based positions, claim and line counts, codes column 1 first', () => {
    const { text } = writeX12(conflictClaims, { lineEnding: '\n' });
    file('contract.837', text);
    file('contract-clean.837', writeX12(cleanClaims).text);
    const run = claimlint(['check', '--format', 'json', 'contract.837', 'contract-clean.837']);
    assert.equal(run.code, 1);
    // Standard output is the JSON alone; the summary and the note go to standard error, as in text.
    assert.equal(run.stderr, 'claimlint: 2 files checked, 3 claims, 7 service lines: 2 errors, 0 warnings\n' +
      "claimlint: note: no NCCI table was loaded, so only the built-in CPT 43214 edits were checked; load CMS's tables with --ptp, --ptp-hospital, --mue and --aoc\n");
    const report = json(run);
    assert.deepEqual(Object.keys(report), ['files']);
    assert.equal(report.files.length, 2);
    const [first, second] = report.files;
    assert.deepEqual(Object.keys(first!), ['path', 'format', 'claims', 'serviceLines', 'findings']);
    assert.deepEqual({ ...first!, findings: undefined }, { path: 'contract.837', format: 'x12', claims: 2, serviceLines: 5, findings: undefined });
    assert.deepEqual({ ...second!, findings: second!.findings.length }, { path: 'contract-clean.837', format: 'x12', claims: 1, serviceLines: 2, findings: 0 });
    const finding = first!.findings[0]!;
    assert.equal(finding.rule, 'ptp.conflict');
    assert.equal(finding.severity, 'error');
    assert.deepEqual(finding.codes, ['43214', '43200']);
    const start = text.indexOf('HC:43200') + 3;
    assert.deepEqual(finding.range, { start: positionOf(text, start), end: positionOf(text, start + 5) });
    assert.equal(typeof finding.message, 'string');
    assert.equal(finding.descriptors, undefined, 'descriptors only with --descriptors');
    assert.deepEqual(first!.findings.map((f) => f.codes), [['43214', '43200'], ['43214', '76000']]);
    assertNoClaimContents(run.stdout);
  });

  test('json counts claims and service lines right for 837P, 837I and 837D over several ISA/GS/ST and CSV', () => {
    const claims: WriterClaim[] = [];
    for (let i = 0; i < 12; i++) claims.push({ id: `C${i}`, date: day, lines: Array.from({ length: (i % 4) + 1 }, (_, k) => ({ code: ['99213', '85025', '36415', '80053'][k]!, charge: '10.00' })) });
    const lines = claims.reduce((sum, c) => sum + c.lines.length, 0);
    file('p.837', writeX12(claims, { kind: 'professional', interchanges: 2, transactions: 3, lineEnding: '\n' }).text);
    file('i.837', writeX12(claims, { kind: 'institutional', transactions: 4, delimiters: { element: '|', component: '^', segment: '\n', repetition: '{' } }).text);
    file('d.837', writeX12(claims.map((c) => ({ ...c, lines: c.lines.map((l) => ({ ...l, code: 'D0120' })) })), { kind: 'dental', version: '4010' }).text);
    file('c.csv', writeClaimsCsv(claims.map((c) => ({ id: c.id, patientId: 'P1', lines: c.lines.map((l) => ({ code: l.code, date: 20260310, charge: 10 })) }))));
    const report = json(claimlint(['check', '--format', 'json', 'p.837', 'i.837', 'd.837', 'c.csv']));
    assert.deepEqual(
      report.files.map((f) => [f.path, f.format, f.claims, f.serviceLines]),
      [
        ['p.837', 'x12', 12, lines],
        ['i.837', 'x12', 12, lines],
        ['d.837', 'x12', 12, lines],
        ['c.csv', 'csv', 12, lines],
      ],
    );
  });

  test('sarif: a SARIF 2.1.0 log whose objects have their schema-required fields and no others, 1-based regions', () => {
    const { text } = writeX12(conflictClaims, { lineEnding: '\n' });
    file('scan.837', text);
    file('scan clean.837', writeX12(cleanClaims).text);
    const run = claimlint(['check', '--format', 'sarif', 'scan.837', 'scan clean.837', 'missing.837']);
    assert.equal(run.code, 2, 'an unreadable file makes the run exit 2');
    assert.match(run.stderr, /^claimlint: missing\.837: no such file$/m);
    const log = JSON.parse(run.stdout);
    validateSarif(log);
    assert.equal(log.version, '2.1.0');
    assert.equal(log.runs.length, 1);
    const [sarifRun] = log.runs;
    assert.equal(sarifRun.tool.driver.name, 'claimlint');
    assert.equal(sarifRun.tool.driver.version, version);
    assert.equal(sarifRun.columnKind, 'utf16CodeUnits');
    assert.equal(sarifRun.results.length, 2);
    const start = positionOf(text, text.indexOf('HC:43200') + 3);
    const result = sarifRun.results[0];
    assert.equal(result.ruleId, 'ptp.conflict');
    assert.equal(result.level, 'error');
    assert.equal(typeof result.message.text, 'string');
    assert.deepEqual(result.properties.codes, ['43214', '43200']);
    assert.equal(sarifRun.tool.driver.rules[result.ruleIndex].id, 'ptp.conflict');
    const location = result.locations[0].physicalLocation;
    assert.equal(location.artifactLocation.uri, 'scan.837');
    assert.deepEqual(location.region, { startLine: start.line + 1, startColumn: start.character + 1, endLine: start.line + 1, endColumn: start.character + 6 });
    assert.deepEqual(sarifRun.artifacts.map((a: { location: { uri: string } }) => a.location.uri), ['scan.837', 'scan%20clean.837']);
    assert.equal(sarifRun.invocations[0].executionSuccessful, false);
    assert.match(sarifRun.invocations[0].toolExecutionNotifications[0].message.text, /missing\.837: no such file/);
    assertNoClaimContents(run.stdout);
  });

  test('json: a file that could not be read and a problem of a loaded table are members after files, as JSON.stringify writes them', () => {
    file('read.837', writeX12(conflictClaims).text);
    file('ptp-odd-row.txt', 'Column 1\tColumn 2\t*=in existence prior to 1996\tEffective Date\tDeletion Date\tModifier\n43214\t43200\t\t20200101\t*\t0\n43214\tXX\t\t20200101\t*\t0\n');
    const run = claimlint(['check', '--format', 'json', '--ptp', 'ptp-odd-row.txt', 'read.837', 'gone.837']);
    assert.equal(run.code, 2);
    const report = JSON.parse(run.stdout) as { files: { path: string }[]; unreadable?: { path: string; message: string }[]; configurationProblems?: string[] };
    assert.equal(run.stdout, `${JSON.stringify(report, null, 2)}\n`);
    assert.deepEqual(Object.keys(report), ['files', 'unreadable', 'configurationProblems']);
    assert.deepEqual(report.files.map((f) => f.path), ['read.837']);
    assert.deepEqual(report.unreadable, [{ path: 'gone.837', message: 'no such file' }]);
    assert.deepEqual(report.configurationProblems, ['ptp-odd-row.txt:3: column 2 (a 2-character value) is not a procedure code']);
    // A run with neither keeps the one member, and no file at all an empty list.
    const clean = claimlint(['check', '--format', 'json', 'read.837']);
    assert.deepEqual(Object.keys(JSON.parse(clean.stdout)), ['files']);
    const none = claimlint(['check', '--format', 'json', 'gone.837']);
    assert.equal(none.stdout, `${JSON.stringify({ files: [], unreadable: [{ path: 'gone.837', message: 'no such file' }] }, null, 2)}\n`);
  });

  test('sarif of a clean file: an empty results array and an empty rules list', () => {
    file('sarif-clean.837', writeX12(cleanClaims).text);
    const run = claimlint(['check', '--format=sarif', 'sarif-clean.837']);
    assert.equal(run.code, 0);
    const log = JSON.parse(run.stdout);
    validateSarif(log);
    assert.deepEqual(log.runs[0].results, []);
    assert.deepEqual(log.runs[0].tool.driver.rules, []);
    assert.equal(log.runs[0].invocations[0].executionSuccessful, true);
  });

  test('standard input with -: read whole, reported as <stdin>, in every format', () => {
    const { text } = writeX12(conflictClaims, { lineEnding: '\n' });
    const textRun = claimlint(['check', '-'], { input: text });
    assert.equal(textRun.code, 1);
    assert.match(textRun.stdout, /^<stdin>:\d+:\d+ error ptp\.conflict 43200 /);
    const jsonRun = claimlint(['check', '--format', 'json', '-'], { input: text });
    assert.deepEqual(json(jsonRun).files.map((f) => [f.path, f.claims, f.findings.length]), [['<stdin>', 2, 2]]);
    const sarifRun = claimlint(['check', '--format', 'sarif', '-'], { input: writeClaimsCsv([{ id: 'A', patientId: 'P', lines: [{ code: '43214', date: 20260310 }, { code: '43200', date: 20260310 }] }]) });
    assert.equal(sarifRun.code, 1);
    validateSarif(JSON.parse(sarifRun.stdout));
    // An empty export in CI is a failure (issue 15 item 8), and so is one of blank lines.
    for (const input of ['', '\n\n  \r\n']) {
      const empty = claimlint(['check', '-'], { input });
      assert.equal(empty.code, 1);
      assert.match(empty.stdout, /^<stdin>:1:1 error claimlint\.empty-file /);
      assert.equal(empty.stdout.match(/empty-file/g)?.length, 1, empty.stdout);
    }
  });

  test('an X12 file without its ISA header, and content that is not claims at all, are files with findings, not crashes', () => {
    const { text } = writeX12(conflictClaims, { lineEnding: '\n' });
    file('no-isa.837', text.slice(text.indexOf('GS*')));
    file('garbage.bin', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)));
    file('notes.txt', 'Quarterly notes: nothing here looks like a claim.\n');
    file('empty.837', '');
    const run = claimlint(['check', '--format', 'json', 'no-isa.837', 'garbage.bin', 'notes.txt', 'empty.837']);
    assert.equal(run.code, 1);
    const [noIsa, garbage, notes, empty] = json(run).files;
    assert.equal(noIsa!.format, 'x12');
    assert.ok(noIsa!.findings.some((f) => f.rule === 'x12.isa-missing' && f.severity === 'error'), JSON.stringify(noIsa!.findings));
    for (const other of [garbage!, notes!]) {
      assert.equal(other.format, null);
      assert.deepEqual(other.findings.map((f) => [f.rule, f.severity]), [['claimlint.unrecognized-format', 'error']]);
    }
    assert.deepEqual(empty!.findings.map((f) => [f.rule, f.severity]), [['claimlint.empty-file', 'error']]);
  });

  test('exit 2 with a one-line message naming the file: no such file, an unreadable file (a folder without claim files is only noted); the other files are still checked', () => {
    file('ok.837', writeX12(cleanClaims).text);
    mkdirSync(join(dir(), 'a-folder'), { recursive: true });
    const missing = claimlint(['check', 'ok.837', 'nope.837']);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /^claimlint: nope\.837: no such file$/m);
    const folder = claimlint(['check', '--format', 'json', 'a-folder', 'ok.837']);
    // A directory stands for the claim files under it; this one has none: said, but not unreadable.
    assert.equal(folder.code, 0);
    assert.match(folder.stderr, /^claimlint: a-folder: no claim files in this folder/m);
    assert.deepEqual(json(folder).files.map((f) => f.path), ['ok.837'], 'the readable file is still reported');
    const run = lockedFileRun();
    assert.equal(run.code, 2);
    assert.match(run.stderr, /^claimlint: locked\.837: permission denied$/m);
  });

  test('a file over the largest size a string can hold is refused up front with exit 2, not read', () => {
    const path = join(dir(), 'sparse-huge.837');
    writeFileSync(path, '');
    truncateSync(path, 600 * 1024 * 1024);
    const run = claimlint(['check', 'sparse-huge.837']);
    rmSync(path);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /^claimlint: sparse-huge\.837: too large: the largest file Claimlint can check is \d+ MB$/m);
  });

  test('--no-builtin-edits: the 43214 conflicts disappear', () => {
    file('builtin.837', writeX12(conflictClaims).text);
    const run = claimlint(['check', '--no-builtin-edits', '--format', 'json', 'builtin.837']);
    assert.equal(run.code, 0);
    assert.deepEqual(json(run).files[0]!.findings, []);
    const sarif = JSON.parse(claimlint(['check', '--no-builtin-edits', '--format', 'sarif', 'builtin.837']).stdout);
    assert.deepEqual(sarif.runs[0].properties, { ptpEdits: 0, hospitalPtpEdits: 0, mueValues: 0, addOnCodeEdits: 0 });
    // With the built-in set, its edits in both PTP tables (the other tables are counted as they load).
    const builtin = JSON.parse(claimlint(['check', '--format', 'sarif', 'builtin.837']).stdout);
    assert.ok(builtin.runs[0].properties.ptpEdits > 0 && builtin.runs[0].properties.hospitalPtpEdits > 0, JSON.stringify(builtin.runs[0].properties));
  });

  test('--ptp with a CMS table (preamble and all) adds an indicator-1 edit: a warning, exit 0; repeatable and merged with the built-in edits', () => {
    file('cms-ptp.txt', CMS_TABLE);
    file('more-ptp.csv', 'Column 1,Column 2,Effective Date,Deletion Date,Modifier\n80053,85025,20200101,,0\n');
    file('indicator1.837', writeX12([...indicatorOneClaims, ...conflictClaims], { lineEnding: '\n' }).text);
    const alone = claimlint(['check', '--no-builtin-edits', '--ptp', 'cms-ptp.txt', '--format', 'json', 'indicator1.837']);
    assert.equal(alone.code, 0);
    const findings = json(alone).files[0]!.findings;
    assert.deepEqual(findings.map((f) => [f.rule, f.severity, f.codes]), [['ptp.modifier-required', 'warning', ['99213', '36415']]]);
    const merged = claimlint(['check', '--ptp', 'cms-ptp.txt', '--ptp=more-ptp.csv', 'indicator1.837']);
    assert.equal(merged.code, 1);
    assert.deepEqual(merged.stdout.trimEnd().split('\n').map((line) => line.split(' ').slice(1, 3).join(' ')), [
      'warning ptp.modifier-required',
      'error ptp.conflict',
      'error ptp.conflict',
    ]);
  });

  test('a --ptp or --descriptors file that cannot be used stops the run with exit 2 and names it', () => {
    file('rules-target.837', writeX12(cleanClaims).text);
    mkdirSync(join(dir(), 'rules-folder'), { recursive: true });
    file('not-a-table.txt', 'hello\nworld\n');
    for (const [args, pattern] of [
      [['--ptp', 'no-such-table.txt'], /^claimlint: --ptp no-such-table\.txt: cannot read: file not found$/m],
      // A folder is read for the tables in it (CMS zips); an empty one has none.
      [['--ptp', 'rules-folder'], /^claimlint: --ptp rules-folder: no table in this folder \(the folder is empty/m],
      [['--ptp', 'not-a-table.txt'], /^claimlint: --ptp not-a-table\.txt: /m],
      [['--descriptors', 'no-such-descriptors.csv'], /^claimlint: --descriptors no-such-descriptors\.csv: cannot read: file not found$/m],
    ] as const) {
      const run = claimlint(['check', ...args, 'rules-target.837']);
      assert.equal(run.code, 2, args.join(' '));
      assert.match(run.stderr, pattern);
      assert.equal(run.stdout, '');
    }
  });

  test('bad rows of a --ptp table that otherwise loads are warnings on standard error (five shown per file), not a failure', () => {
    const bad = Array.from({ length: 9 }, (_, i) => `9921${i}\tXX\t\t20200101\t*\t1\tsynthetic`);
    file('partly-bad.txt', [CMS_TABLE.trimEnd(), ...bad].join('\r\n') + '\r\n');
    file('partly-bad-target.837', writeX12(indicatorOneClaims).text);
    const run = claimlint(['check', '--ptp', 'partly-bad.txt', 'partly-bad-target.837']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /warning ptp\.modifier-required/);
    assert.equal(run.stderr.match(/^claimlint: warning: partly-bad\.txt:\d+: /gm)?.length, 5);
    assert.match(run.stderr, /^claimlint: warning: partly-bad\.txt: 4 more problems not shown$/m);
    const sarif = JSON.parse(claimlint(['check', '--format', 'sarif', '--ptp', 'partly-bad.txt', 'partly-bad-target.837']).stdout);
    validateSarif(sarif);
    assert.equal(sarif.runs[0].invocations[0].toolConfigurationNotifications.length, 9);
  });

  test('--descriptors: accepted, and its descriptors go into the json and sarif output of the codes found', () => {
    file('descriptors.csv', 'Code,Short Descriptor\n36415,SYNTHETIC VENIPUNCTURE TEXT\n99213,SYNTHETIC VISIT TEXT\n');
    file('cms-ptp-2.txt', CMS_TABLE);
    file('described.837', writeX12(indicatorOneClaims).text);
    const run = claimlint(['check', '--ptp', 'cms-ptp-2.txt', '--descriptors', 'descriptors.csv', '--format', 'json', 'described.837']);
    assert.equal(run.code, 0);
    assert.deepEqual(json(run).files[0]!.findings[0]!.descriptors, { '99213': 'SYNTHETIC VISIT TEXT', '36415': 'SYNTHETIC VENIPUNCTURE TEXT' });
    const sarif = JSON.parse(claimlint(['check', '--ptp', 'cms-ptp-2.txt', '--descriptors', 'descriptors.csv', '--format', 'sarif', 'described.837']).stdout);
    validateSarif(sarif);
    assert.equal(sarif.runs[0].results[0].properties.descriptors['36415'], 'SYNTHETIC VENIPUNCTURE TEXT');
    const text = claimlint(['check', '--ptp', 'cms-ptp-2.txt', '--descriptors', 'descriptors.csv', 'described.837']);
    assert.equal(text.code, 0);
    assert.match(text.stdout, /warning ptp\.modifier-required/);
  });

  test('a reader that closes the pipe early is not an error', () => {
    const claims: WriterClaim[] = Array.from({ length: 3000 }, (_, i) => ({ id: `C${i}`, date: day, lines: [{ code: '43214', charge: '10.00' }, { code: '43200', charge: '5.00' }] }));
    const path = file('many.837', writeX12(claims, { lineEnding: '\n' }).text);
    const result = spawnSync('/bin/sh', ['-c', `"${process.execPath}" "${cli}" check "${path}" | head -n 1`], { encoding: 'utf8' });
    assert.equal(result.stdout.trimEnd().split('\n').length, 1);
    assert.doesNotMatch(result.stderr, /EPIPE|Error|at /);
  });

  test('a report bigger than the pipe is written whole when standard error shares the pipe (left non-blocking by Node)', () => {
    const claims: WriterClaim[] = Array.from({ length: 3000 }, (_, i) => ({ id: `C${i}`, date: day, lines: [{ code: '43214', charge: '10.00' }, { code: '43200', charge: '5.00' }] }));
    const path = file('many-shared.837', writeX12(claims, { lineEnding: '\n' }).text);
    const alone = claimlint(['check', '--format', 'json', path]);
    assert.ok(alone.stdout.length > 1 << 20, 'the report is far bigger than a pipe holds');
    // 2>&1: standard error's pipe is standard output's, and Node makes the pipe it opens for
    // standard error non-blocking, so writes to a full pipe answer EAGAIN and must be tried again.
    const shared = spawnSync('/bin/sh', ['-c', `"${process.execPath}" "${cli}" check --format json "${path}" 2>&1`], { encoding: 'utf8', maxBuffer: 1 << 28 });
    assert.equal(shared.status, alone.code);
    // The report whole, then the summary and the note, written to standard error once it has ended.
    assert.equal(shared.stdout, alone.stdout + alone.stderr);
  });
});
