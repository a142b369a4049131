// The `claimlint` command end to end: builds the bundle, runs `node server/out/cli.js` on synthetic
// files written into a temporary folder, and checks standard output, standard error and exit codes.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { isAscii } from 'node:buffer';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { version } from '../../package.json';
import { writeX12, type WriterClaim } from '../unit/helpers/x12-writer';
import { writeClaimsCsv } from '../unit/helpers/csv-writer';
import { BLOCK_BYTES } from '../../server/src/cli/files';
import { toSarifUri } from '../../server/src/cli/report';
import { X12Stream } from '../../server/src/core/x12/stream';

const root = resolve(__dirname, '../..');
const cli = join(root, 'server/out/cli.js');
let dir = '';

before(() => {
  execFileSync(process.execPath, [join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'pipe' });
  dir = mkdtempSync(join(tmpdir(), 'claimlint-cli-'));
});

after(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function claimlint(args: readonly string[], options: { input?: string | Buffer; cwd?: string } = {}): Run {
  const result = spawnSync(process.execPath, [cli, ...args], {
    cwd: options.cwd ?? dir,
    input: options.input ?? '',
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (result.error) throw result.error;
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** Like claimlint(), without waiting: several big runs go at once. */
function claimlintAsync(args: readonly string[], input?: Buffer): Promise<Run> {
  return new Promise((resolveRun, reject) => {
    const child = spawn(process.execPath, [cli, ...args], { cwd: dir });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    // A run that checks a path never reads its standard input.
    child.stdin.on('error', () => {});
    child.on('error', reject);
    child.on('close', (code) => resolveRun({ code: code ?? -1, stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8') }));
    child.stdin.end(input ?? '');
  });
}

function claimlintBytes(args: readonly string[], input?: Buffer): { code: number; stdout: Buffer; stderr: string } {
  const result = spawnSync(process.execPath, [cli, ...args], { cwd: dir, input: input ?? '', maxBuffer: 64 * 1024 * 1024 });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr.toString('utf8') };
}

function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

function json(run: Run): { files: { path: string; format: string | null; claims: number; serviceLines: number; findings: JsonFinding[] }[] } {
  return JSON.parse(run.stdout);
}

interface JsonFinding {
  rule: string;
  severity: string;
  message: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  codes: string[];
  descriptors?: Record<string, string>;
}

/** Zero-based line and UTF-16 character of an offset (LF files). */
function positionOf(text: string, offset: number): { line: number; character: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

const day = { from: 20260310, to: 20260310 };

// Distinctive claim contents: no output may ever quote them.
const SECRETS = ['CLAIMSECRET', 'MEMBERSECRET', 'PATIENTSECRET'];

/** Claim 1 bills 43214 with 43200 and 76000 (both bundled, indicator 0) and 99213; claim 2 is clean. */
const conflictClaims: WriterClaim[] = [
  {
    id: 'CLAIMSECRET1',
    subscriberId: 'MEMBERSECRET1',
    patientId: 'PATIENTSECRET1',
    date: day,
    lines: [
      { code: '43214', charge: '1500.00' },
      { code: '43200', charge: '400.00' },
      { code: '99213', charge: '100.00' },
      { code: '76000', charge: '250.50' },
    ],
  },
  { id: 'CLAIMSECRET2', subscriberId: 'MEMBERSECRET2', date: day, lines: [{ code: '99213', charge: '80.00' }] },
];
const cleanClaims: WriterClaim[] = [{ id: 'CLAIMSECRET3', subscriberId: 'MEMBERSECRET3', date: day, lines: [{ code: '99213', charge: '80.00' }, { code: '85025', charge: '20.00' }] }];

/** A CMS quarterly PTP table with its preamble: one edit, 99213 / 36415, modifier indicator 1. */
const CMS_TABLE = [
  'CPT codes, descriptions and other data only are copyright 2024 American Medical Association. All Rights Reserved.',
  'Column 1/Column 2 Edits',
  'Column 1\tColumn 2\t*=in existence\tEffective\tDeletion\tModifier\tPTP Edit Rationale',
  '\t\tprior to 1996\tDate\tDate\t0=not allowed\t',
  '\t\t\t\t*=no data\t1=allowed\t',
  '\t\t\t\t\t9=not applicable\t',
  '99213\t36415\t\t20200101\t*\t1\tMisuse of column two code with column one code',
].join('\r\n') + '\r\n';
const indicatorOneClaims: WriterClaim[] = [{ id: 'CLAIMSECRET4', subscriberId: 'MEMBERSECRET4', date: day, lines: [{ code: '99213', charge: '100.00' }, { code: '36415', charge: '10.00' }] }];

function assertNoClaimContents(...outputs: string[]): void {
  for (const output of outputs) for (const secret of SECRETS) assert.ok(!output.includes(secret), `output quotes claim contents (${secret}):\n${output}`);
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
    assert.equal(run.stderr, '', 'json keeps standard error quiet');
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

  test('exit 2 with a one-line message naming the file: no such file, a directory, an unreadable file; the other files are still checked', () => {
    file('ok.837', writeX12(cleanClaims).text);
    mkdirSync(join(dir, 'a-folder'), { recursive: true });
    const missing = claimlint(['check', 'ok.837', 'nope.837']);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /^claimlint: nope\.837: no such file$/m);
    const folder = claimlint(['check', '--format', 'json', 'a-folder', 'ok.837']);
    assert.equal(folder.code, 2);
    // A directory stands for the claim files under it; this one has none.
    assert.match(folder.stderr, /^claimlint: a-folder: no claim files in this directory/m);
    assert.deepEqual(json(folder).files.map((f) => f.path), ['ok.837'], 'the readable file is still reported');
    if (process.getuid?.() !== 0) {
      const locked = file('locked.837', writeX12(cleanClaims).text);
      chmodSync(locked, 0o000);
      const run = claimlint(['check', 'locked.837']);
      assert.equal(run.code, 2);
      assert.match(run.stderr, /^claimlint: locked\.837: permission denied$/m);
    }
  });

  test('a file over the largest size a string can hold is refused up front with exit 2, not read', () => {
    const path = join(dir, 'sparse-huge.837');
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
    assert.equal(sarif.runs[0].properties.ptpEdits, 0);
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
    mkdirSync(join(dir, 'rules-folder'), { recursive: true });
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
    assert.equal(shared.stdout, alone.stdout);
  });
});

describe('claimlint check of big files, read in blocks', () => {
  /** The same report for standard input: the file's path (as given, and as a SARIF URI) becomes <stdin>'s. */
  function asStdin(output: string, format: 'text' | 'json' | 'sarif', path: string): string {
    if (format === 'text') return output.split(`${path}:`).join('<stdin>:');
    if (format === 'json') return output.split(`"path": ${JSON.stringify(path)}`).join('"path": "<stdin>"');
    return output.split(`"uri": ${JSON.stringify(toSarifUri(path))}`).join(`"uri": ${JSON.stringify(toSarifUri('<stdin>'))}`);
  }

  /**
   * Checks `name` from its path and the same bytes on standard input (always read whole), in each
   * format: the outputs must be the same. Returns the JSON report.
   */
  async function assertPathSameAsStdin(name: string, bytes: Buffer, formats: readonly ('json' | 'text' | 'sarif')[] = ['json']) {
    const runs = await Promise.all(formats.flatMap((format) => [claimlintAsync(['check', '--format', format, name]), claimlintAsync(['check', '--format', format, '-'], bytes)]));
    formats.forEach((format, i) => {
      const [fromPath, fromStdin] = [runs[2 * i]!, runs[2 * i + 1]!];
      assert.equal(fromPath.code, fromStdin.code, format);
      assert.ok(fromPath.stdout.includes(format === 'sarif' ? toSarifUri(name) : name), `${format} names the file`);
      assert.equal(asStdin(fromPath.stdout, format, name), fromStdin.stdout, `${format} output of ${name}`);
      assert.equal(fromPath.stderr, fromStdin.stderr, `${format} standard error of ${name}`);
    });
    return JSON.parse(runs[2 * formats.indexOf('json')]!.stdout) as ReturnType<typeof json>;
  }

  const BIG_CLAIMS = 16000;

  /** A little over 4 MB of 837P in 40 transaction sets: conflicts (indicator 0) on every seventh claim. */
  function bigClaims(): WriterClaim[] {
    return Array.from({ length: BIG_CLAIMS }, (_, i) => ({
      id: `C${i}`,
      date: day,
      lines: [
        { code: '43214', charge: '100.00' },
        { code: i % 7 === 0 ? '43200' : '99213', charge: '50.00' },
        { code: '85025', charge: '20.00' },
      ],
    }));
  }

  test('an 837 bigger than a block, with conflicts, a wrong SE01 and a missing SE: exactly what the same bytes on standard input print, in every format', async () => {
    const text = writeX12(bigClaims(), { transactions: 40, lineEnding: '\r\n' }).text;
    const broken = text.replace(/SE\*(\d+)\*0005~/, 'SE*9$1*0005~').replace(/SE\*\d+\*0031~\r\n/, '');
    assert.equal(broken.length, text.length - 'SE*0000*0031~\r\n'.length + 1);
    const bytes = Buffer.from(broken, 'latin1');
    assert.ok(bytes.length > BLOCK_BYTES, `${bytes.length} bytes: more than one block`);
    assert.ok(isAscii(bytes) && X12Stream.canStream(broken.slice(0, 4096)), 'a file that is read in blocks');
    file('big-blocks.837', bytes);
    const [report] = (await assertPathSameAsStdin('big-blocks.837', bytes, ['text', 'json', 'sarif'])).files;
    assert.deepEqual([report!.format, report!.claims, report!.serviceLines], ['x12', BIG_CLAIMS, 3 * BIG_CLAIMS]);
    const rules = new Set(report!.findings.map((f) => f.rule));
    for (const rule of ['ptp.conflict', 'x12.se01-count', 'x12.envelope-unclosed']) assert.ok(rules.has(rule), `${rule} in ${[...rules].join(', ')}`);
    assert.equal(report!.findings.filter((f) => f.rule === 'ptp.conflict').length, Math.ceil(BIG_CLAIMS / 7));
  });

  test('a non-ASCII byte late in the file: read whole after all, decoded as UTF-8, output still the same as from standard input', async () => {
    // One line: were the é read as two latin-1 characters, every column after it would be off by one.
    const text = writeX12(bigClaims(), { transactions: 40 }).text;
    const last = text.lastIndexOf('DOE*JANE');
    const bytes = Buffer.from(text.slice(0, last) + 'DOE*J\u00c9NE' + text.slice(last + 'DOE*JANE'.length), 'utf8');
    assert.ok(bytes.findIndex((byte) => byte > 0x7f) > BLOCK_BYTES, 'the first non-ASCII byte is in a later block');
    file('big-late-utf8.837', bytes);
    const findings = (await assertPathSameAsStdin('big-late-utf8.837', bytes)).files[0]!.findings;
    const lastConflict = findings.filter((f) => f.rule === 'ptp.conflict').at(-1)!;
    assert.equal(lastConflict.range.start.line, 0);
    assert.ok(lastConflict.range.start.character > text.length - 2000, 'a conflict after the é');
  });

  test('a claim CSV bigger than a block: read whole, output the same as from standard input', async () => {
    const claims = Array.from({ length: 56000 }, (_, i) => ({
      id: `C${i}`,
      patientId: `P${i}`,
      lines: [{ code: '43214', date: 20260310, charge: 100 }, { code: i % 5 === 0 ? '43200' : '99213', date: 20260310, charge: 50 }],
    }));
    const bytes = Buffer.from(writeClaimsCsv(claims), 'latin1');
    assert.ok(bytes.length > BLOCK_BYTES, `${bytes.length} bytes`);
    file('big.csv', bytes);
    const [report] = (await assertPathSameAsStdin('big.csv', bytes)).files;
    assert.deepEqual([report!.format, report!.claims, report!.serviceLines], ['csv', 56000, 112000]);
    assert.equal(report!.findings.filter((f) => f.rule === 'ptp.conflict').length, 56000 / 5);
  });
});

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
    assert.match(run.stderr, /^claimlint: fix-me\.837: removed 2 service lines, the column-2 codes of 2 NCCI conflicts with modifier indicator 0$/m);
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
    assert.deepEqual(readdirSync(dir).filter((name) => name.includes('claimlint-tmp')), [], 'no temporary file left behind');
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
    const fixed = readFileSync(join(dir, 'fixed.837'));
    assert.ok(fixed.includes(Buffer.from('CLINIQUE \u00c9COLE', 'latin1')), 'latin-1 byte written back as one byte');
    assert.ok(!fixed.toString('latin1').replace(/\r\n/g, '').includes('\n'), 'CRLF kept');
    assert.equal(checkJson(join(dir, 'fixed.837')).run.code, 0);

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
    assert.match(run.stderr, /nothing to fix \(no NCCI conflicts with modifier indicator 0, MUEs with MAI 2 or type 1 add-on codes\)/);
    assert.match(run.stderr, /1 conflict with modifier indicator 1 left for review/);
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
    assert.ok(!existsSync(join(dir, 'no-such-folder')));
    assert.deepEqual(readdirSync(dir).filter((name) => name.includes('claimlint-tmp')), []);
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

describe('progress on a terminal', () => {
  const script = ['/usr/bin/script', '/bin/script'].find((path) => existsSync(path));

  /** An 837 over the size that shows the bar from the start (8 MB): 40,000 claims of 2 lines. */
  function bigFile(): string {
    const path = join(dir, 'big.837');
    if (existsSync(path)) return path;
    const claims: WriterClaim[] = Array.from({ length: 40000 }, (_, i) => ({ id: `C${i}`, date: day, lines: [{ code: '99213', charge: '10.00' }, { code: '85025', charge: '5.00' }] }));
    writeFileSync(path, writeX12(claims, { lineEnding: '\n', transactions: 8 }).text);
    assert.ok(statSync(path).size >= 8 * 1024 * 1024);
    return path;
  }

  test('standard error that is not a terminal gets no progress bar', () => {
    bigFile();
    const run = claimlint(['check', '--format', 'json', 'big.837']);
    assert.equal(run.code, 0);
    assert.equal(run.stderr, '');
    assert.deepEqual(json(run).files.map((f) => [f.claims, f.serviceLines]), [[40000, 80000]]);
  });

  test('a big input on a terminal shows the bar on standard error, and standard output stays clean', { skip: script === undefined ? 'no script(1) to make a pseudo-terminal' : false }, () => {
    bigFile();
    const out = join(dir, 'progress.json');
    const command = `"${process.execPath}" "${cli}" check --format json big.837 > "${out}"`;
    const result = spawnSync(script!, ['-qec', command, '/dev/null'], { cwd: dir, encoding: 'utf8', env: { ...process.env, COLUMNS: '100' } });
    assert.equal(result.status, 0, result.stdout + result.stderr);
    // script copies the terminal (where standard error went) to its standard output.
    assert.match(result.stdout, /\rclaimlint \[[#.]{20}\] +\d+% checking big\.837 \(\d+ MB\)/);
    assert.match(result.stdout, /\r\x1b\[K/);
    // Read in blocks, the bar moves through the check as bytes are read (read whole, it stays at 10%).
    const checking = [...result.stdout.matchAll(/\] +(\d+)% checking big\.837/g)].map((match) => Number(match[1]));
    assert.ok(checking.some((percent) => percent > 10 && percent < 80), `checking at ${checking.join(', ')}%`);
    assert.deepEqual(checking, [...checking].sort((a, b) => a - b), 'never moves back');
    const report = JSON.parse(readFileSync(out, 'utf8'));
    assert.equal(report.files[0].claims, 40000);
  });
});

// ---- a check of SARIF objects against the required and allowed properties of the 2.1.0 schema --------

const SARIF_DEFINITIONS: Record<string, { required?: string[]; anyOf?: string[]; properties: string[] }> = {
  log: { required: ['version', 'runs'], properties: ['$schema', 'version', 'runs', 'inlineExternalProperties', 'properties'] },
  run: {
    required: ['tool'],
    properties: ['tool', 'invocations', 'conversion', 'language', 'versionControlProvenance', 'originalUriBaseIds', 'artifacts', 'logicalLocations', 'graphs', 'results', 'automationDetails', 'runAggregates', 'baselineGuid', 'redactionTokens', 'defaultEncoding', 'defaultSourceLanguage', 'newlineSequences', 'columnKind', 'externalPropertyFileReferences', 'threadFlowLocations', 'taxonomies', 'addresses', 'translations', 'policies', 'webRequests', 'webResponses', 'specialLocations', 'properties'],
  },
  tool: { required: ['driver'], properties: ['driver', 'extensions', 'properties'] },
  toolComponent: {
    required: ['name'],
    properties: ['guid', 'name', 'organization', 'product', 'productSuite', 'shortDescription', 'fullDescription', 'fullName', 'version', 'semanticVersion', 'dottedQuadFileVersion', 'releaseDateUtc', 'downloadUri', 'informationUri', 'globalMessageStrings', 'notifications', 'rules', 'taxa', 'locations', 'language', 'contents', 'isComprehensive', 'localizedDataSemanticVersion', 'minimumRequiredLocalizedDataSemanticVersion', 'associatedComponent', 'translationMetadata', 'supportedTaxonomies', 'properties'],
  },
  reportingDescriptor: { required: ['id'], properties: ['id', 'deprecatedIds', 'guid', 'deprecatedGuids', 'name', 'deprecatedNames', 'shortDescription', 'fullDescription', 'messageStrings', 'defaultConfiguration', 'helpUri', 'help', 'relationships', 'properties'] },
  multiformatMessageString: { required: ['text'], properties: ['text', 'markdown', 'properties'] },
  result: {
    required: ['message'],
    properties: ['ruleId', 'ruleIndex', 'rule', 'kind', 'level', 'message', 'analysisTarget', 'locations', 'guid', 'correlationGuid', 'occurrenceCount', 'partialFingerprints', 'fingerprints', 'stacks', 'codeFlows', 'graphs', 'graphTraversals', 'relatedLocations', 'suppressions', 'baselineState', 'rank', 'attachments', 'hostedViewerUri', 'workItemUris', 'provenance', 'fixes', 'taxa', 'webRequest', 'webResponse', 'properties'],
  },
  message: { anyOf: ['text', 'id'], properties: ['text', 'markdown', 'id', 'arguments', 'properties'] },
  location: { properties: ['id', 'physicalLocation', 'logicalLocations', 'message', 'annotations', 'relationships', 'properties'] },
  physicalLocation: { anyOf: ['address', 'artifactLocation'], properties: ['address', 'artifactLocation', 'region', 'contextRegion', 'properties'] },
  artifactLocation: { properties: ['uri', 'uriBaseId', 'index', 'description', 'properties'] },
  region: { anyOf: ['startLine', 'charOffset', 'byteOffset'], properties: ['startLine', 'startColumn', 'endLine', 'endColumn', 'charOffset', 'charLength', 'byteOffset', 'byteLength', 'snippet', 'message', 'sourceLanguage', 'properties'] },
  artifact: { properties: ['description', 'location', 'parentIndex', 'offset', 'length', 'roles', 'mimeType', 'contents', 'encoding', 'sourceLanguage', 'hashes', 'lastModifiedTimeUtc', 'properties'] },
  invocation: {
    required: ['executionSuccessful'],
    properties: ['commandLine', 'arguments', 'responseFiles', 'startTimeUtc', 'endTimeUtc', 'exitCode', 'ruleConfigurationOverrides', 'notificationConfigurationOverrides', 'toolExecutionNotifications', 'toolConfigurationNotifications', 'exitCodeDescription', 'exitSignalName', 'exitSignalNumber', 'processStartFailureMessage', 'executionSuccessful', 'machine', 'account', 'processId', 'executableLocation', 'workingDirectory', 'environmentVariables', 'stdin', 'stdout', 'stderr', 'stdoutStderr', 'properties'],
  },
  notification: { required: ['message'], properties: ['locations', 'message', 'level', 'threadId', 'timeUtc', 'exception', 'descriptor', 'associatedRule', 'properties'] },
};

function checkObject(value: unknown, definition: string, where: string): Record<string, any> {
  const rules = SARIF_DEFINITIONS[definition]!;
  assert.ok(typeof value === 'object' && value !== null && !Array.isArray(value), `${where}: ${definition} is an object`);
  const object = value as Record<string, any>;
  for (const key of rules.required ?? []) assert.ok(key in object, `${where}: ${definition} requires '${key}'`);
  if (rules.anyOf) assert.ok(rules.anyOf.some((key) => key in object), `${where}: ${definition} needs one of ${rules.anyOf.join(', ')}`);
  for (const key of Object.keys(object)) assert.ok(rules.properties.includes(key), `${where}: ${definition} allows no property '${key}'`);
  if ('properties' in object) assert.ok(typeof object.properties === 'object' && !Array.isArray(object.properties), `${where}.properties is a property bag`);
  return object;
}

function checkLocation(value: unknown, where: string): void {
  const location = checkObject(value, 'location', where);
  if (location.message) checkObject(location.message, 'message', `${where}.message`);
  if (!location.physicalLocation) return;
  const physical = checkObject(location.physicalLocation, 'physicalLocation', `${where}.physicalLocation`);
  const artifact = checkObject(physical.artifactLocation, 'artifactLocation', `${where}.artifactLocation`);
  assert.equal(typeof artifact.uri, 'string');
  assert.doesNotMatch(artifact.uri, /[\s<>\\]/, 'uri is a URI reference');
  if (physical.region) {
    const region = checkObject(physical.region, 'region', `${where}.region`);
    for (const key of ['startLine', 'startColumn', 'endLine', 'endColumn']) {
      if (key in region) assert.ok(Number.isInteger(region[key]) && region[key] >= 1, `${where}.region.${key} is an integer >= 1`);
    }
  }
}

function validateSarif(log: unknown): void {
  const root = checkObject(log, 'log', 'log');
  assert.equal(root.version, '2.1.0');
  assert.ok(Array.isArray(root.runs));
  root.runs.forEach((runValue: unknown, r: number) => {
    const run = checkObject(runValue, 'run', `runs[${r}]`);
    const tool = checkObject(run.tool, 'tool', `runs[${r}].tool`);
    const driver = checkObject(tool.driver, 'toolComponent', `runs[${r}].tool.driver`);
    (driver.rules ?? []).forEach((rule: unknown, i: number) => {
      const descriptor = checkObject(rule, 'reportingDescriptor', `rules[${i}]`);
      if (descriptor.shortDescription) checkObject(descriptor.shortDescription, 'multiformatMessageString', `rules[${i}].shortDescription`);
    });
    assert.ok(Array.isArray(run.results), 'results is present for a scan');
    run.results.forEach((resultValue: unknown, i: number) => {
      const result = checkObject(resultValue, 'result', `results[${i}]`);
      checkObject(result.message, 'message', `results[${i}].message`);
      assert.ok(['none', 'note', 'warning', 'error'].includes(result.level));
      if ('ruleIndex' in result) assert.equal(driver.rules[result.ruleIndex].id, result.ruleId);
      (result.locations ?? []).forEach((location: unknown, k: number) => checkLocation(location, `results[${i}].locations[${k}]`));
      (result.relatedLocations ?? []).forEach((location: unknown, k: number) => checkLocation(location, `results[${i}].relatedLocations[${k}]`));
    });
    (run.artifacts ?? []).forEach((artifact: unknown, i: number) => {
      const checked = checkObject(artifact, 'artifact', `artifacts[${i}]`);
      checkObject(checked.location, 'artifactLocation', `artifacts[${i}].location`);
    });
    (run.invocations ?? []).forEach((invocationValue: unknown, i: number) => {
      const invocation = checkObject(invocationValue, 'invocation', `invocations[${i}]`);
      assert.equal(typeof invocation.executionSuccessful, 'boolean');
      for (const list of ['toolExecutionNotifications', 'toolConfigurationNotifications']) {
        (invocation[list] ?? []).forEach((notificationValue: unknown, k: number) => {
          const notification = checkObject(notificationValue, 'notification', `invocations[${i}].${list}[${k}]`);
          checkObject(notification.message, 'message', `${list}[${k}].message`);
          (notification.locations ?? []).forEach((location: unknown, l: number) => checkLocation(location, `${list}[${k}].locations[${l}]`));
        });
      }
    });
    if ('columnKind' in run) assert.ok(['utf16CodeUnits', 'unicodeCodePoints'].includes(run.columnKind));
  });
}
