// Found in review: a claim CSV ignored the claim frequency that an 837 reads from CLM05-3 (1
// original, 7 replacement, 8 void; rules/supersession.ts). A Bill Type column's last digit (0137,
// 0138) was read for the facility type alone, and a frequency column ("Claim Frequency", "Freq")
// not at all, so a void row was still paired with the patient's other claims, and a replacement
// summed with the claim it replaces. Now a CSV claim carries its frequency (csv/claimFrequency.ts)
// and takes part in supersession as an 837 claim does, in the whole-file path (the editor's) and
// read in pieces (the CLI's: csv/codedClaims.ts), across the files of a CLI run too. Synthetic
// rows; the built-in 43214 set (43214/43197 is an indicator-0 pair) and an in-memory MUE row.
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { run, type Io } from '../../server/src/cli/main';
import { analyze } from '../../server/src/core/analyze';
import { readFrequencyCell } from '../../server/src/core/csv/claimFrequency';
import { mapColumns } from '../../server/src/core/csv/columnLayout';
import { parseCsv } from '../../server/src/core/csv/index';
import type { Finding } from '../../server/src/core/model';
import { emptyKnowledge, type Knowledge } from '../../server/src/core/rules/knowledge';
import { emptyMueTables } from '../../server/src/core/rules/mue';
import { byPosition } from '../../server/src/core/spans';
import { practitionerMueCsv } from './helpers/ncci-tables';
import { csvStreamed } from './helpers/csv-streamed';

const BUILTIN = emptyKnowledge(true);

/** The built-in edits and a practitioner MUE of 1 for 96365. */
const WITH_MUE: Knowledge = (() => {
  const mue = emptyMueTables();
  mue.practitioner.add({ code: '96365', value: 1, mai: 2, rationale: 'Code Descriptor / CPT Instruction', source: 'mue.csv', kind: 'practitioner' });
  return { ...BUILTIN, mue };
})();

function coding(findings: readonly Finding[]): string[] {
  return findings.filter((f) => /^(ptp|mue|aoc)\./.test(f.rule)).map((f) => f.rule);
}

/** The findings analyze() gives (the editor's path, the CLI's for a file read whole). */
function whole(text: string, knowledge: Knowledge = BUILTIN): Finding[] {
  return byPosition(analyze(text, knowledge).findings);
}

/** The findings of the text read in pieces of `size` characters, as the CLI reads a claim CSV from its path. */
function streamed(text: string, knowledge: Knowledge = BUILTIN, size = 7): Finding[] {
  return csvStreamed(text, knowledge, size);
}

/** The coding findings of both paths, which must agree (every finding, on the same spans). */
function bothPaths(text: string, knowledge: Knowledge = BUILTIN): string[] {
  const expected = whole(text, knowledge);
  for (const size of [1, 7, 64, text.length + 1]) assert.deepStrictEqual(streamed(text, knowledge, size), expected, `read in pieces of ${size}`);
  return coding(expected);
}

function csv(header: string, rows: readonly string[]): string {
  return [header, ...rows, ''].join('\n');
}

const FREQ_HEADER = 'Claim ID,Patient ID,Date of Service,CPT,Units,Claim Frequency';

describe('a claim CSV names its claims\' frequency', () => {
  it('in a frequency column of the usual names', () => {
    for (const name of ['Claim Frequency', 'Frequency Code', 'Claim Frequency Type Code', 'Freq', 'CLM05-3', 'Resubmission Code']) {
      assert.equal(mapColumns(['Claim ID', 'CPT', name]).frequency, 2, name);
    }
    assert.equal(mapColumns(['Claim ID', 'CPT', 'Units']).frequency, -1);
  });

  it('as a code, a word, or a code beside its word', () => {
    const read: [string, string | null][] = [
      ['1', '1'], ['7', '7'], ['8', '8'], ['07', '7'], ['Replacement', '7'], ['Void/Cancel', '8'], ['7 - Replacement', '7'],
      ['Void (8)', '8'], ['Original', '1'], ['6', null], ['7 - Void', null], ['Weekly', null], ['0137', null],
    ];
    for (const [cell, code] of read) assert.equal(readFrequencyCell(cell), code, cell);
  });

  it('from the frequency column, else the last digit of a three- or four-digit type of bill', () => {
    const text = csv('Claim ID,Patient ID,Bill Type,Frequency Code,Date of Service,CPT', [
      'A1,P1,0137,,2024-01-10,43214',
      'A2,P1,138,,2024-01-10,43214',
      'A3,P1,0137,1,2024-01-10,43214',
      'A4,P1,Professional,8,2024-01-10,43214',
      'A5,P1,Professional,,2024-01-10,43214',
    ]);
    assert.deepEqual(parseCsv(text).claims.map((c) => [c.id, c.frequency ?? null]), [['A1', '7'], ['A2', '8'], ['A3', '1'], ['A4', '8'], ['A5', null]]);
  });

  it('rows of one claim id naming another frequency are another claim of that id', () => {
    const text = csv(FREQ_HEADER, ['A1,P1,2024-01-10,43214,1,1', 'A1,P1,2024-01-10,43197,1,', 'A1,P1,2024-01-10,43214,1,7', 'A1,P1,2024-01-10,43200,1,1']);
    assert.deepEqual(
      parseCsv(text).claims.map((c) => [c.id, c.frequency, c.lines.map((l) => l.code)]),
      [['A1', '1', ['43214', '43197', '43200']], ['A1 (replacement)', '7', ['43214']]],
    );
  });

  it('a claim made for another frequency whose rows name no claim type has its first claim\'s', () => {
    const text = csv('Claim ID,Patient ID,Bill Type,Freq,Date of Service,CPT', [
      'A1,P1,0131,1,2024-01-10,43214',
      'A1,P1,0131,1,2024-01-10,43197',
      'A1,P1,,7,2024-01-10,43214',
      'A2,P1,Professional,1,2024-01-10,43214',
      'A2,P1,0131,7,2024-01-10,43214',
    ]);
    assert.deepEqual(
      parseCsv(text).claims.map((c) => [c.id, c.kind, c.facilityType ?? null]),
      [['A1', 'institutional', '13'], ['A1 (replacement)', 'institutional', '13'], ['A2', 'professional', null], ['A2 (replacement)', 'institutional', '13']],
    );
    assert.deepEqual(bothPaths(text), []);
  });
});

describe('a void claim of a CSV takes no part in the checks', () => {
  it('its row\'s conflict disappears (frequency column or type of bill), in the editor\'s path and read in pieces', () => {
    const originals = csv(FREQ_HEADER, ['A1,P1,2024-01-10,43214,1,1', 'B1,P1,2024-01-10,43197,1,1']);
    assert.deepEqual(bothPaths(originals), ['ptp.conflict']);
    assert.deepEqual(bothPaths(csv(FREQ_HEADER, ['A1,P1,2024-01-10,43214,1,1', 'B1,P1,2024-01-10,43197,1,8'])), []);
    const bills = 'Claim ID,Patient ID,Bill Type,Date of Service,CPT';
    assert.deepEqual(bothPaths(csv(bills, ['A1,P1,0131,2024-01-10,43214', 'B1,P1,0131,2024-01-10,43197'])), ['ptp.conflict']);
    assert.deepEqual(bothPaths(csv(bills, ['A1,P1,0131,2024-01-10,43214', 'B1,P1,0138,2024-01-10,43197'])), []);
  });

  it('without a claim id column: the void rows are left out, but nothing is superseded', () => {
    const header = 'Patient ID,Date of Service,CPT,Freq';
    assert.deepEqual(bothPaths(csv(header, ['P1,2024-01-10,43214,1', 'P1,2024-01-10,43197,8'])), []);
    // A replacement without a claim id names no claim it replaces: both are in force.
    assert.deepEqual(bothPaths(csv(header, ['P1,2024-01-10,43214,1', 'P1,2024-01-10,43197,7'])), ['ptp.conflict']);
  });
});

describe('a replacement or void claim of a CSV supersedes the patient\'s claims of its claim id', () => {
  // The original bills 43214 with 43197 (a conflict); its replacement bills 43214 alone.
  const original = ['A1,P1,2024-01-10,43214,1,1', 'A1,P1,2024-01-10,43197,1,1'];
  const replacement = ['A1,P1,2024-01-10,43214,1,7'];

  it('whether it comes after the original or before, in the editor\'s path and read in pieces', () => {
    assert.deepEqual(bothPaths(csv(FREQ_HEADER, original)), ['ptp.conflict']);
    assert.deepEqual(bothPaths(csv(FREQ_HEADER, [...original, ...replacement])), []);
    assert.deepEqual(bothPaths(csv(FREQ_HEADER, [...replacement, ...original])), []);
    // A void of A1 withdraws it as well.
    assert.deepEqual(bothPaths(csv(FREQ_HEADER, ['A1,P1,2024-01-10,99213,1,8', ...original])), []);
  });

  it('MAI 2: the replacement\'s units are not added to the original\'s', () => {
    const header = 'Claim ID,Member ID,Bill Type,DOS,HCPCS,Units';
    // Two original claims of one unit each are over the MUE of 1.
    assert.deepEqual(bothPaths(csv(header, ['A1,M1,Professional,2024-01-10,96365,1', 'A2,M1,Professional,2024-01-10,96365,1']), WITH_MUE), ['mue.exceeded']);
    assert.deepEqual(bothPaths(csv('Claim ID,Member ID,Freq,DOS,HCPCS,Units', ['A1,M1,1,2024-01-10,96365,1', 'A1,M1,7,2024-01-10,96365,1']), WITH_MUE), []);
  });

  it('without a patient column, of the same claim id in the file', () => {
    const header = 'Claim ID,Date of Service,CPT,Units,Frequency';
    assert.deepEqual(bothPaths(csv(header, ['A1,2024-01-10,43214,1,1', 'A1,2024-01-10,43197,1,1'])), ['ptp.conflict']);
    assert.deepEqual(bothPaths(csv(header, ['A1,2024-01-10,43214,1,7', 'A1,2024-01-10,43214,1,1', 'A1,2024-01-10,43197,1,1'])), []);
  });

  it('another patient\'s claim of the same id is not superseded', () => {
    const text = csv(FREQ_HEADER, [...original, 'A1,P2,2024-01-10,43214,1,7']);
    assert.deepEqual(bothPaths(text), ['ptp.conflict']);
    const conflict = whole(text).find((f) => f.rule === 'ptp.conflict')!;
    assert.equal(text.slice(conflict.span.start, conflict.span.end), '43197', 'P1\'s original is in force');
  });

  it('of several, the one read last is in force', () => {
    // A replacement that repeats the conflict: its own lines are checked.
    const repeated = ['A1,P1,2024-01-10,43214,1,7', 'A1,P1,2024-01-10,43197,1,7'];
    assert.deepEqual(bothPaths(csv(FREQ_HEADER, [...repeated, ...original])), ['ptp.conflict']);
    // A void of A1 read after it withdraws the replacement too.
    assert.deepEqual(bothPaths(csv(FREQ_HEADER, [...repeated, ...original, 'A1,P1,2024-01-10,99213,1,8'])), []);
  });
});

describe('a frequency cell that names no code', () => {
  it('is reported once a file, on its cell, quoted only when it is a single digit', () => {
    const text = csv(FREQ_HEADER, ['A1,P1,2024-01-10,43214,1,6', 'A2,P1,2024-01-10,43197,1,Smith J', 'A3,P2,2024-01-10,43197,1,6']);
    const invalid = whole(text).filter((f) => f.rule === 'csv.claim-frequency-invalid');
    assert.equal(invalid.length, 1);
    assert.equal(text.slice(invalid[0]!.span.start, invalid[0]!.span.end), '6');
    assert.match(invalid[0]!.message, /^Line 2: the claim frequency "6" in column "Claim Frequency" is not a claim frequency code/);
    assert.equal(invalid[0]!.severity, 'warning');
    assert.deepEqual(streamed(text), whole(text));

    const named = csv(FREQ_HEADER, ['A1,P1,2024-01-10,43214,1,Smith J', 'A2,P1,2024-01-10,43197,1,6']);
    const finding = whole(named).find((f) => f.rule === 'csv.claim-frequency-invalid')!;
    assert.equal(named.slice(finding.span.start, finding.span.end), 'Smith J');
    assert.match(finding.message, /^Line 2: the value in column "Claim Frequency" is not a claim frequency code/);
    assert.ok(!finding.message.includes('Smith'), 'the cell is not quoted');
    // Such rows are read as naming no frequency: the claims are originals.
    assert.deepEqual(coding(whole(named)), ['ptp.conflict']);
  });
});

describe('read in pieces as read whole', () => {
  // Found by the property below (CI, 2026-12-06): row 3 joined A2's "original" claim by its id,
  // gave it P1, and went on to A2's replacement claim (which had no patient) by its bill type; the
  // whole-file reader then took row 4 (A2 and P1 again) as that patient's claim without looking
  // (it was not: the replacement had no patient), while read in pieces row 4 looked, and gave the
  // replacement P1. The two readers kept different claims of A2 and named different column-1 lines.
  it('a row that went to another frequency\'s claim does not vouch for its patient to the next row', () => {
    const text = csv('Claim ID,Patient ID,Bill Type,Claim Frequency,CPT,Units,DOS', [
      'A2,,0137,,43214,1,2024-01-10',
      'A2,,,1,43214,1,2024-01-10',
      'A2,P1,0137,,43214,1,2024-01-10',
      'A2,P1,,,43214,1,2024-01-10',
      'A1,P1,0131,,43197,1,2024-01-10',
    ]);
    assert.deepStrictEqual(bothPaths(text, WITH_MUE), ['ptp.conflict']);
    const conflict = whole(text, WITH_MUE).find((f) => f.rule === 'ptp.conflict')!;
    // The replacement (rows 1, 3 and 4, P1's once row 4 names P1) supersedes the original (row 2):
    // its first 43214 (row 1) is the column-1 line.
    assert.deepStrictEqual(conflict.related?.map((r) => text.slice(r.span.start - 10, r.span.end)), ['A2,,0137,,43214']);
  });

  it('any small CSV of originals, replacements and voids, cut anywhere (property)', () => {
    const row = fc.record({
      id: fc.constantFrom('A1', 'A2', ''),
      patient: fc.constantFrom('P1', 'P2', ''),
      type: fc.constantFrom('', 'Professional', '0131', '0137', '138', '0111'),
      frequency: fc.constantFrom('', '1', '7', '8', '6', 'Void', 'x'),
      code: fc.constantFrom('43214', '43197', '43200', '96365'),
      units: fc.constantFrom('1', '2'),
    });
    const columns = ['Claim ID', 'Patient ID', 'Bill Type', 'Claim Frequency', 'CPT', 'Units'];
    const file = fc.record({
      drop: fc.subarray([0, 1, 2, 3], { minLength: 0 }),
      rows: fc.array(row, { minLength: 1, maxLength: 10 }),
      size: fc.integer({ min: 1, max: 40 }),
    });
    fc.assert(
      fc.property(file, (f) => {
        const keep = columns.map((_, k) => !f.drop.includes(k));
        const lines = [[...columns.filter((_, k) => keep[k]), 'DOS'].join(',')];
        for (const r of f.rows) lines.push([...[r.id, r.patient, r.type, r.frequency, r.code, r.units].filter((_, k) => keep[k]), '2024-01-10'].join(','));
        const text = lines.join('\n');
        assert.deepStrictEqual(streamed(text, WITH_MUE, f.size), whole(text, WITH_MUE));
      }),
      { numRuns: 300 },
    );
  });
});

describe('the CLI: files checked together, read in blocks', () => {
  let dir = '';
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'claimlint-csv-frequency-'));
  });
  after(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  function check(args: readonly string[]): { code: number; out: string } {
    let out = '';
    const io: Io = {
      stdout: (data) => (out += typeof data === 'string' ? data : Buffer.from(data).toString('utf8')),
      stderr: () => {},
      readStdin: () => Buffer.alloc(0),
      isTty: false,
    };
    return { code: run(['check', ...args], io) as number, out };
  }

  /** The coding rules of each file of a JSON report. */
  function rulesOf(out: string): string[][] {
    return (JSON.parse(out) as { files: { findings: Finding[] }[] }).files.map((file) => coding(file.findings));
  }

  function write(name: string, text: string, encoding: BufferEncoding = 'latin1'): string {
    const path = join(dir, name);
    writeFileSync(path, text, encoding);
    return path;
  }

  it('a replacement in one file supersedes the original in another, in either order, as the whole-file path does', () => {
    const original = csv(FREQ_HEADER, ['A1,P1,2024-01-10,43214,1,1', 'A1,P1,2024-01-10,43197,1,1']);
    const replacement = csv(FREQ_HEADER, ['B9,P3,2024-01-10,99213,1,1', 'A1,P1,2024-01-10,43214,1,7']);
    const anotherOriginal = csv(FREQ_HEADER, ['A1,P1,2024-01-10,43214,1,1']);
    const a = write('original.csv', original);
    const b = write('replacement.csv', replacement);
    const c = write('another-original.csv', anotherOriginal);
    assert.deepEqual(rulesOf(check(['--format', 'json', a, c]).out), [['ptp.conflict'], []]);
    assert.deepEqual(rulesOf(check(['--format', 'json', a, b]).out), [[], []]);
    assert.deepEqual(rulesOf(check(['--format', 'json', b, a]).out), [[], []]);
    // The same files with a character that is not ASCII (in a column not read) are read whole: the same report.
    const header = `${FREQ_HEADER},Notes`;
    const originalWhole = write('original-whole.csv', csv(header, ['A1,P1,2024-01-10,43214,1,1,é', 'A1,P1,2024-01-10,43197,1,1,']), 'utf8');
    assert.deepEqual(rulesOf(check(['--format', 'json', originalWhole, c]).out), [['ptp.conflict'], []]);
    assert.deepEqual(rulesOf(check(['--format', 'json', b, originalWhole]).out), [[], []]);
    assert.deepEqual(rulesOf(check(['--format', 'json', originalWhole, b]).out), [[], []]);
    // Checked each on its own, the original keeps its conflict.
    assert.deepEqual(rulesOf(check(['--format', 'json', '--each-file', a, b]).out), [['ptp.conflict'], []]);
  });

  it('a void row\'s units are not counted against the MUE, read in blocks', () => {
    const mue = write('MCR_MUE_PractitionerServices.csv', practitionerMueCsv(['96365,1,2 Date of Service Edit: Policy,Code Descriptor / CPT Instruction']));
    const header = 'Claim ID,Member ID,Claim Frequency,DOS,HCPCS,Units';
    const twice = write('twice.csv', csv(header, ['A1,M1,1,2024-01-10,96365,1', 'A2,M1,1,2024-01-10,96365,1']));
    const voided = write('voided.csv', csv(header, ['A1,M1,1,2024-01-10,96365,1', 'A2,M1,8,2024-01-10,96365,1']));
    assert.deepEqual(rulesOf(check(['--format', 'json', '--mue', mue, twice]).out), [['mue.exceeded']]);
    assert.deepEqual(rulesOf(check(['--format', 'json', '--mue', mue, voided]).out), [[]]);
  });
});
