// `claimlint check` and `claimlint fix` with MUE and add-on code tables (issue 16), end to end:
// builds the bundle, runs `node server/out/cli.js --mue FILE --aoc FILE` on synthetic files in a
// temporary folder (the MUE table in CMS's CSV layout, the AOC table as CMS's tab-delimited text),
// and checks the text lines, the JSON findings, the SARIF rules with their descriptions, and what
// fix changes (units lowered to an MAI 2 limit, a type 1 add-on line removed), leaves (MAI 1 and 3)
// and says. The fixtures and the text expected after fix are written here segment by segment (SE01
// counted here), so the test does not trust the product for SE01, CLM02, LX or the charges.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { interchange as envelope } from '../unit/helpers/x12-envelope';
import { addOnCodeTable, practitionerMueCsv } from '../unit/helpers/ncci-tables';

const root = resolve(__dirname, '../..');
const cli = join(root, 'server/out/cli.js');
let dir = '';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function claimlint(args: readonly string[]): Run {
  const result = spawnSync(process.execPath, [cli, ...args], { cwd: dir, input: '', encoding: 'utf8' });
  if (result.error) throw result.error;
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

const TABLES = ['--mue', 'MCR_MUE_PractitionerServices_test.csv', '--aoc', 'aoc-test.txt'];

function file(name: string, content: string): string {
  writeFileSync(join(dir, name), content);
  return name;
}

// ---- tables --------------------------------------------------------------------------------

const MUE_CSV = practitionerMueCsv([
  '97110,4,2 Date of Service Edit: Policy,Clinical: Data',
  '97530,4,3 Date of Service Edit: Clinical,Clinical: Data',
  '97140,2,1 Line Edit,Clinical: Data',
  '97010,0,2 Date of Service Edit: Policy,Code Descriptor / CPT Instruction',
  '97012,1,2 Date of Service Edit: Policy,Clinical: Data',
]);

const AOC_TABLE = addOnCodeTable(['11045\t11042\t1\t2011001\t*\t2011001\t*\t', '11045\t11043\t1\t2011001\t*\t2011001\t*\t']);

before(() => {
  execFileSync(process.execPath, [join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'pipe' });
  dir = mkdtempSync(join(tmpdir(), 'claimlint-cli-units-aoc-'));
  writeFileSync(join(dir, 'MCR_MUE_PractitionerServices_test.csv'), MUE_CSV);
  writeFileSync(join(dir, 'aoc-test.txt'), AOC_TABLE);
});

after(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

// ---- fixtures ------------------------------------------------------------------------------

const PROFESSIONAL = '005010X222A1';
const DAY = '20260310';

/** An interchange with one ST/SE of the professional guide. */
function interchange(body: string[]): string {
  return envelope(PROFESSIONAL, [body]);
}

const BILLING = [
  'BHT*0019*00*0001*20260101*1200*CH',
  'NM1*41*2*SUBMITTER CLINIC*****46*S000001',
  'PER*IC*CONTACT DESK*TE*5555550100',
  'NM1*40*2*EXAMPLE PAYER*****46*R000001',
  'HL*1**20*1',
  'NM1*85*2*EXAMPLE BILLING*****XX*1234567893',
  'N3*1 MAIN ST',
  'N4*SPRINGFIELD*ZZ*000000000',
  'REF*EI*000000000',
];

function subscriber(hl: number, memberId = 'M000001'): string[] {
  return [`HL*${hl}*1*22*0`, 'SBR*P*18*******CI', `NM1*IL*1*DOE*JANE****MI*${memberId}`, 'N3*2 ELM ST', 'N4*SPRINGFIELD*IL*000000000', 'DMG*D8*19800101*F', 'NM1*PR*2*EXAMPLE PAYER*****PI*P000001'];
}

function clm(id: string, total: string): string[] {
  return [`CLM*${id}*${total}***11:B:1*Y*A*Y*Y`, 'HI*ABK:R69'];
}

/** LX, SV1 with its units in SV1-04 (empty: none), DTP*472, then any 2420 segments. */
function sv1(lx: number, code: string, charge: string, units: string, ...extra: string[]): string[] {
  return [`LX*${lx}`, `SV1*HC:${code}*${charge}*UN*${units}***1`, `DTP*472*D8*${DAY}`, ...extra];
}

/** Zero-based line and character of an offset in an LF text. */
function positionOf(text: string, offset: number): { line: number; character: number } {
  const before = text.slice(0, offset);
  return { line: before.split('\n').length - 1, character: offset - (before.lastIndexOf('\n') + 1) };
}

type Range = { start: { line: number; character: number }; end: { line: number; character: number } };

/** The range of `value` where it follows `before`, in the one place `before + value + '*'` occurs in the text. */
function rangeIn(text: string, before: string, value: string): Range {
  const needle = `${before}${value}*`;
  const at = text.indexOf(needle);
  assert.ok(at >= 0 && text.indexOf(needle, at + 1) < 0, `one ${needle} in the fixture`);
  const start = at + before.length;
  return { start: positionOf(text, start), end: positionOf(text, start + value.length) };
}

/** "path:line:col" (1-based) of a range's start, as the text format prints it. */
function where(path: string, range: Range): string {
  return `${path}:${range.start.line + 1}:${range.start.character + 1}`;
}

// One patient on one date. Claim 1: 97110 x3 and 11045 (no 11042/11043: a type 1 add-on alone).
// Claim 2: 97110 x2 (3 + 2 over the MAI 2 MUE of 4), 97530 x5 (MAI 3: over, an error), 97010
// (MUE 0: not payable) and 97012 without units.
const CHECK_TEXT = interchange([
  ...BILLING,
  ...subscriber(2),
  ...clm('CHK-A', '170.00'),
  ...sv1(1, '97110', '90.00', '3'),
  ...sv1(2, '11045', '80.00', '1'),
  ...subscriber(3),
  ...clm('CHK-B', '340.00'),
  ...sv1(1, '97110', '60.00', '2'),
  ...sv1(2, '97530', '250.00', '5'),
  ...sv1(3, '97010', '10.00', '1'),
  ...sv1(4, '97012', '20.00', ''),
]);

interface Expected {
  rule: string;
  severity: string;
  range: Range;
  codes: string[];
  message: RegExp;
}

/** The findings of CHECK_TEXT, in file order. */
const EXPECTED_CHECK: Expected[] = [
  {
    rule: 'aoc.primary-missing',
    severity: 'error',
    range: rangeIn(CHECK_TEXT, 'SV1*HC:', '11045'),
    codes: ['11045', '11042', '11043'],
    message: /^11045 is an add-on code \(AOC edit type 1\) billed without one of its primary procedures by the same provider on 03\/10\/2026: it is paid only with 11042, 11043\. /,
  },
  {
    rule: 'mue.exceeded',
    severity: 'error',
    range: rangeIn(CHECK_TEXT, 'SV1*HC:97110*60.00*UN*', '2'),
    codes: ['97110'],
    message: /^97110 is over its MUE of 4 \(practitioner table, MAI 2, per day: a policy limit; Clinical: Data\): 5 units of 97110 are reported for this patient and provider on 03\/10\/2026, over 2 lines \(claim 1, service line 1 and this one\)\. /,
  },
  {
    rule: 'mue.exceeded',
    severity: 'error',
    range: rangeIn(CHECK_TEXT, 'SV1*HC:97530*250.00*UN*', '5'),
    codes: ['97530'],
    message: /^97530 is over its MUE of 4 \(practitioner table, MAI 3, .*: 5 units of 97530 are reported .* unless the records support the units on appeal\.$/,
  },
  {
    rule: 'mue.not-payable',
    severity: 'error',
    range: rangeIn(CHECK_TEXT, 'SV1*HC:', '97010'),
    codes: ['97010'],
    message: /^97010 has an MUE of 0 in the practitioner MUE table \(Code Descriptor \/ CPT Instruction\): it is not payable/,
  },
  {
    rule: 'mue.units-unknown',
    severity: 'warning',
    range: rangeIn(CHECK_TEXT, 'SV1*HC:', '97012'),
    codes: ['97012'],
    message: /^97012 has no unit count, so it is counted as 1 unit against its MUE of 1\./,
  },
];

interface JsonFinding {
  rule: string;
  severity: string;
  message: string;
  range: Range;
  codes: string[];
  related?: { range: Range; message: string }[];
}

describe('claimlint check --mue --aoc', () => {
  test('text: one line per finding, path:line:col severity rule message; exit 1 for the errors', () => {
    const path = file('check.837', CHECK_TEXT);
    const run = claimlint(['check', ...TABLES, path]);
    assert.equal(run.code, 1, run.stderr);
    const lines = run.stdout.split('\n').filter((l) => l !== '');
    assert.equal(lines.length, EXPECTED_CHECK.length, run.stdout);
    EXPECTED_CHECK.forEach((expected, i) => {
      const prefix = `${where(path, expected.range)} ${expected.severity} ${expected.rule} `;
      assert.ok(lines[i]!.startsWith(prefix), `line ${i}: ${lines[i]} starts with ${prefix}`);
      assert.match(lines[i]!.slice(prefix.length), expected.message);
    });
    assert.match(run.stderr, /^claimlint: 1 file checked, 2 claims, 6 service lines: 4 errors, 1 warning\n$/);
  });

  test('without the tables the same file has no MUE or add-on code finding', () => {
    const path = file('check-no-tables.837', CHECK_TEXT);
    const run = claimlint(['check', path]);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.equal(run.stdout, '');
  });

  test('json: rule, severity, message, zero-based range, codes, and the line summed as related', () => {
    const path = file('check-json.837', CHECK_TEXT);
    const run = claimlint(['check', '--format', 'json', ...TABLES, path]);
    assert.equal(run.code, 1, run.stderr);
    const report = JSON.parse(run.stdout) as { files: { path: string; format: string; claims: number; serviceLines: number; findings: JsonFinding[] }[] };
    assert.equal(report.files.length, 1);
    const [result] = report.files as [(typeof report.files)[0]];
    assert.deepEqual([result.path, result.format, result.claims, result.serviceLines], [path, 'x12', 2, 6]);
    assert.deepEqual(
      result.findings.map((f) => ({ rule: f.rule, severity: f.severity, range: f.range, codes: f.codes })),
      EXPECTED_CHECK.map((e) => ({ rule: e.rule, severity: e.severity, range: e.range, codes: e.codes })),
    );
    result.findings.forEach((f, i) => assert.match(f.message, EXPECTED_CHECK[i]!.message));
    const mai2 = result.findings[1]!;
    assert.deepEqual(mai2.related, [{ range: rangeIn(CHECK_TEXT, 'SV1*HC:97110*90.00*UN*', '3'), message: '3 units of 97110 counted here' }]);
    for (const f of result.findings.filter((_, i) => i !== 1)) assert.equal(f.related, undefined, `${f.rule} has no related lines`);
  });

  test('sarif: the new rule ids, each with a shortDescription of its own in run.tool.driver.rules', () => {
    // Besides the MUE and add-on findings: ptp.other-rendering-provider (43214 and 43200 of one
    // patient by two rendering providers), x12.service-missing (an LX without SV1) and
    // csv.no-patient-column (a CSV export without a patient column).
    const rendering = interchange([
      ...BILLING,
      ...subscriber(2),
      ...clm('RND-A', '1900.00'),
      ...sv1(1, '43214', '1500.00', '1', 'NM1*82*1*SMITH*ANN****XX*1111111112'),
      ...sv1(2, '43200', '400.00', '1', 'NM1*82*1*JONES*ANN****XX*2222222228'),
    ]);
    const serviceMissing = interchange([...BILLING, ...subscriber(2), ...clm('MIS-A', '100.00'), ...sv1(1, '99213', '100.00', '1'), 'LX*2', `DTP*472*D8*${DAY}`]);
    const csv = 'Procedure Code,Units,Date of Service,Charge\n97110,5,03/10/2026,150.00\n';
    const paths = [file('sarif.837', CHECK_TEXT), file('rendering.837', rendering), file('service-missing.837', serviceMissing), file('no-patient.csv', csv)];
    const run = claimlint(['check', '--format', 'sarif', ...TABLES, ...paths]);
    assert.equal(run.code, 1, run.stderr);
    const log = JSON.parse(run.stdout);
    const [sarifRun] = log.runs;
    const rules = sarifRun.tool.driver.rules as { id: string; shortDescription: { text: string } }[];
    const described = new Map(rules.map((r) => [r.id, r.shortDescription.text]));
    const wanted: [string, RegExp][] = [
      ['mue.exceeded', /medically unlikely edit \(MUE\)/],
      ['mue.not-payable', /MUE value is 0/],
      ['mue.units-unknown', /unit count is missing or unreadable/],
      ['aoc.primary-missing', /add-on code .* primary/],
      ['ptp.other-rendering-provider', /different rendering providers/],
      ['x12.service-missing', /SV1, SV2 or SV3/],
      ['csv.no-patient-column', /patient, member or claim id column/],
    ];
    for (const [id, description] of wanted) {
      assert.ok(described.has(id), `${id} among the rules ${JSON.stringify([...described.keys()])}`);
      assert.match(described.get(id)!, description, id);
    }
    const generic = [...described].filter(([id]) => !wanted.some(([w]) => w === id)).map(([, text]) => text);
    for (const [id] of wanted) assert.ok(!generic.includes(described.get(id)!), `${id} has a description of its own, not its family's`);
    // Each result points at its rule, and regions are 1-based.
    const results = sarifRun.results as { ruleId: string; ruleIndex: number; level: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }[] }[];
    for (const result of results) assert.equal(rules[result.ruleIndex]!.id, result.ruleId);
    const onCheck = results.filter((r) => r.locations[0]!.physicalLocation.artifactLocation.uri === 'sarif.837');
    assert.deepEqual(
      onCheck.map((r) => [r.ruleId, r.level, r.locations[0]!.physicalLocation.region.startLine, r.locations[0]!.physicalLocation.region.startColumn]),
      EXPECTED_CHECK.map((e) => [e.rule, e.severity === 'information' ? 'note' : e.severity, e.range.start.line + 1, e.range.start.character + 1]),
    );
    // The edit each stands on, in properties.ncci (a line with no unit count stands on none).
    const ncci = onCheck.map((r) => (r as { properties?: { ncci?: { edit: string; mai?: number; type?: number } } }).properties?.ncci);
    assert.deepEqual(ncci.map((n) => n && [n.edit, n.mai ?? n.type]), [['aoc', 1], ['mue', 2], ['mue', 3], ['mue', 2], undefined]);
  });
});

// ---- fix -----------------------------------------------------------------------------------

/** One claim: 97110 x5 (MAI 2, MUE 4), 11045 (type 1, no primary), 97530 x5 (MAI 3), 99213. */
function fixClaim(lines: string[][], total: string): string {
  return interchange([...BILLING, ...subscriber(2), ...clm('FIX-A', total), ...lines.flat()]);
}

describe('claimlint fix --mue --aoc', () => {
  test('lowers the MAI 2 units (charge per unit and CLM02 kept right), removes the type 1 add-on line, leaves the MAI 3 error for a person; exit 1', () => {
    const text = fixClaim([sv1(1, '97110', '150.00', '5'), sv1(2, '11045', '80.00', '1'), sv1(3, '97530', '250.00', '5'), sv1(4, '99213', '100.00', '1')], '580.00');
    // 97110 at 30.00 a unit: 4 units are 120.00; 11045 gone (80.00); LX renumbered; CLM02 580 - 30 - 80.
    const expected = fixClaim([sv1(1, '97110', '120.00', '4'), sv1(2, '97530', '250.00', '5'), sv1(3, '99213', '100.00', '1')], '470.00');
    const path = file('fix.837', text);
    const run = claimlint(['fix', ...TABLES, path]);
    assert.equal(run.code, 1, run.stderr);
    assert.equal(run.stdout, '');
    assert.equal(readFileSync(join(dir, path), 'utf8'), expected);
    const stderr = run.stderr.split('\n').filter((l) => l !== '');
    assert.deepEqual(stderr.slice(0, 1), [
      `claimlint: ${path}: removed 1 service line and lowered the units of 1 line to their MUE, resolving 2 findings`,
    ]);
    // The MAI 3 error is left, reported where it is in the fixed file.
    assert.equal(stderr.length, 2, run.stderr);
    assert.ok(stderr[1]!.startsWith(`${where(path, rangeIn(expected, 'SV1*HC:97530*250.00*UN*', '5'))} error mue.exceeded 97530 is over its MUE of 4`), stderr[1]);
    // Checked again, the file has that error only.
    const check = claimlint(['check', ...TABLES, path]);
    assert.equal(check.code, 1, check.stdout);
    assert.deepEqual(check.stdout.split('\n').filter((l) => l !== '').map((l) => l.split(' ').slice(0, 3).join(' ')), [`${where(path, rangeIn(expected, 'SV1*HC:97530*250.00*UN*', '5'))} error mue.exceeded`]);
  });

  test('MAI 2 summed over two claims: the later claim\'s line is lowered', () => {
    const two = (units: string, charge: string, total: string) =>
      interchange([...BILLING, ...subscriber(2), ...clm('SUM-A', '90.00'), ...sv1(1, '97110', '90.00', '3'), ...subscriber(3), ...clm('SUM-B', total), ...sv1(1, '97110', charge, units), ...sv1(2, '99212', '100.00', '1')]);
    const path = file('fix-two-claims.837', two('3', '90.00', '190.00'));
    const run = claimlint(['fix', ...TABLES, path]);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(readFileSync(join(dir, path), 'utf8'), two('1', '30.00', '130.00'));
    assert.match(run.stderr, new RegExp(`^claimlint: ${path}: lowered the units of 1 line to their MUE, resolving 1 finding$`, 'm'));
  });

  test('an MAI 1 excess is left for a person: exit 1, the add-on line still removed', () => {
    const text = fixClaim([sv1(1, '97140', '90.00', '3'), sv1(2, '11045', '80.00', '1')], '170.00');
    const expected = fixClaim([sv1(1, '97140', '90.00', '3')], '90.00');
    const path = file('fix-mai1.837', text);
    const run = claimlint(['fix', ...TABLES, path]);
    assert.equal(run.code, 1, run.stderr);
    assert.equal(readFileSync(join(dir, path), 'utf8'), expected);
    const stderr = run.stderr.split('\n').filter((l) => l !== '');
    assert.equal(stderr[0], `claimlint: ${path}: removed 1 service line, resolving 1 finding`);
    assert.equal(stderr.length, 2, run.stderr);
    assert.ok(stderr[1]!.startsWith(`${where(path, rangeIn(expected, 'SV1*HC:97140*90.00*UN*', '3'))} error mue.exceeded 97140 is over its MUE of 2 (practitioner table, MAI 1, per line`), stderr[1]);
  });
});
