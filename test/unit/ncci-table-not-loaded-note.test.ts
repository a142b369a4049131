// Found in review (a hospital billing analyst): an 837I checked with only the practitioner tables
// loaded (or a hospital PTP file renamed so its name no longer says ccioph) reported "0 errors,
// 0 warnings" and the status bar "No NCCI edits hit", while no edit of the outpatient hospital
// table had been looked at. A file whose claims are judged by a table that is not loaded, while the
// other claim type's is, now gets one note per table (information) on the first such claim (a
// CSV: its header row), naming what was not checked and the setting that loads it; the same note
// whether the file is read whole, again after an edit, or in pieces. Synthetic claims and tables.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyze, reanalyze } from '../../server/src/core/analyze';
import type { Finding } from '../../server/src/core/model';
import { CsvStream } from '../../server/src/core/csv/stream';
import { CodingRun } from '../../server/src/core/rules/codingRun';
import { loadKnowledge, type Knowledge } from '../../server/src/core/rules/knowledge';
import { isNcciEditFinding } from '../../server/src/core/rules/ncciFindings';
import { TABLE_NOT_LOADED_RULE } from '../../server/src/core/rules/tablesMissing';
import { byPosition } from '../../server/src/core/spans';
import { X12Stream } from '../../server/src/core/x12/stream';
import { hospitalClaims } from './helpers/hospital-claims';
import { practitionerMueCsv, practitionerPtpText } from './helpers/ncci-tables';
import { writeX12 } from './helpers/x12-writer';

const PTP = practitionerPtpText(['43214\t43200\t\t20200101\t*\t0\tMisuse of column two code with column one code']);
const MUE = practitionerMueCsv(['43214,1,2,Clinical']);

function tables(options: { ptp?: string[]; hospitalPtp?: string[]; mue?: string[]; builtinEdits?: boolean }): Knowledge {
  return loadKnowledge({
    builtinEdits: options.builtinEdits ?? false,
    ptpFiles: options.ptp ?? [],
    hospitalPtpFiles: options.hospitalPtp ?? [],
    mueFiles: options.mue ?? [],
    descriptorFiles: [],
    readFile: (path) => (path.includes('MUE') ? MUE : PTP),
  });
}

const outpatient = hospitalClaims([
  { id: 'C1', facility: '13', statement: '20260310-20260310', lines: [{ code: '43214', charge: '500.00', date: '20260310' }, { code: '43200', charge: '200.00', date: '20260310' }] },
  { id: 'C2', facility: '13', statement: '20260311-20260311', lines: [{ code: '43214', charge: '500.00', date: '20260311' }] },
]);

function notes(findings: readonly Finding[]): Finding[] {
  return findings.filter((f) => f.rule === TABLE_NOT_LOADED_RULE);
}

function shown(findings: readonly Finding[]): string[] {
  return byPosition(findings).map((f) => `${f.rule} ${f.severity} ${f.span.start}-${f.span.end} ${f.message}`);
}

function streamed(text: string, knowledge: Knowledge, size: number): Finding[] {
  const stream = new X12Stream(knowledge);
  const findings: Finding[] = [];
  for (let at = 0; at < text.length; at += size) findings.push(...stream.feed(text.slice(at, at + size)).findings);
  findings.push(...stream.end().findings);
  return findings;
}

describe('claims judged by a table that is not loaded are told so', () => {
  test('an 837I with only a practitioner PTP table: one note on its first claim, not an edit hit', () => {
    const findings = analyze(outpatient, tables({ ptp: ['ccipra-v322r0-f1.txt'] })).findings;
    assert.equal(findings.filter((f) => f.rule.startsWith('ptp.')).length, 0, 'the practitioner table does not judge the 837I');
    const [note, ...more] = notes(findings);
    assert.ok(note, 'a note');
    assert.equal(more.length, 0);
    assert.equal(note.severity, 'information');
    assert.equal(outpatient.slice(note.span.start, note.span.end), 'C1');
    assert.equal(
      note.message,
      'No outpatient hospital PTP table is loaded, only a practitioner one, which does not apply to outpatient facility bills (837I; institutional CSV claims): ' +
        'the 2 claims of this file judged by the outpatient hospital tables were paired with no PTP edit. ' +
        "Load CMS's outpatient hospital PTP table with claimlint.hospitalPtpEditFiles (--ptp-hospital). This is the first of them.",
    );
    assert.ok(!isNcciEditFinding(note));
  });

  test('PTP and MUE both missing: one note naming both; with the built-in edits on, it says those were checked', () => {
    const [note, ...more] = notes(analyze(outpatient, tables({ ptp: ['ccipra-v322r0-f1.txt'], mue: ['MCR_MUE_PractitionerServices.csv'], builtinEdits: true })).findings);
    assert.ok(note);
    assert.equal(more.length, 0);
    assert.match(note.message, /^No outpatient hospital PTP or MUE table is loaded, only practitioner ones, which do not apply/);
    assert.match(note.message, /were paired with the built-in CPT 43214 edits only and counted against no MUE\./);
    assert.match(note.message, /with claimlint\.hospitalPtpEditFiles \(--ptp-hospital\) and claimlint\.mueFiles \(--mue\)\./);
  });

  test('nothing is said when the claims\' own table is loaded, when no table is loaded at all, or of a claim type the file does not hold', () => {
    assert.deepEqual(notes(analyze(outpatient, tables({ hospitalPtp: ['ccioph-v323r0-f1.txt'] })).findings), []);
    assert.deepEqual(notes(analyze(outpatient, tables({ builtinEdits: true })).findings), []);
    assert.deepEqual(notes(analyze(outpatient, tables({ ptp: ['ccipra-v322r0-f1.txt'], hospitalPtp: ['ccioph-v323r0-f1.txt'] })).findings), []);
    // An 837P with only the practitioner table: its own.
    const { text: professional } = writeX12([{ id: 'P1', lines: [{ code: '43214', charge: '100.00', date: { from: 20260310, to: 20260310 } }] }]);
    assert.deepEqual(notes(analyze(professional, tables({ ptp: ['ccipra-v322r0-f1.txt'] })).findings), []);
    // An 837P with only the hospital table: told, the other way round.
    const [note] = notes(analyze(professional, tables({ hospitalPtp: ['ccioph-v323r0-f1.txt'] })).findings);
    assert.ok(note);
    assert.match(note.message, /^No practitioner PTP table is loaded, only an outpatient hospital one, which does not apply to professional claims/);
  });

  test('the same note read in pieces of any size, and after an edit', () => {
    const knowledge = tables({ ptp: ['ccipra-v322r0-f1.txt'], mue: ['MCR_MUE_PractitionerServices.csv'] });
    const whole = notes(analyze(outpatient, knowledge).findings);
    assert.equal(whole.length, 1);
    for (const size of [7, 64, 200, outpatient.length + 1]) assert.deepEqual(shown(notes(streamed(outpatient, knowledge, size))), shown(whole), `pieces of ${size}`);
    const first = analyze(outpatient, knowledge);
    const edited = outpatient.replace('CLM*C2*500', 'CLM*C2*501');
    assert.deepEqual(shown(notes(reanalyze(first, edited, knowledge).findings)), shown(notes(analyze(edited, knowledge).findings)));
  });

  test("a critical access hospital's Method II bill (85x) is judged by both tables: each missing one is said, whole, in pieces and after an edit (found in review)", () => {
    const day = { from: 20261015, to: 20261015 };
    const lines = [
      { code: '43214', charge: '100.00', revenueCode: '0960', date: day },
      { code: '43200', charge: '100.00', revenueCode: '0960', date: day },
      { code: '43214', charge: '100.00', revenueCode: '0750', date: day },
    ];
    const text = writeX12([{ id: 'CAH1', date: day, facility: '85', lines }], { kind: 'institutional', lineEnding: '\n' }).text;
    const hospitalOnly = tables({ hospitalPtp: ['ccioph-v323r0-f1.txt'] });
    const [note, ...more] = notes(analyze(text, hospitalOnly).findings);
    assert.ok(note, 'its professional lines meet no loaded practitioner table, and it is said');
    assert.deepEqual(more, []);
    assert.match(note.message, /^No practitioner PTP table is loaded, only an outpatient hospital one, which does not apply to professional claims \(837P; CSV claims not marked institutional; a critical access hospital's professional-fee lines\)/);
    assert.deepEqual(shown(notes(streamed(text, hospitalOnly, 40))), shown([note]));
    const edited = text.replace('CLM*CAH1', 'CLM*CAH2');
    assert.deepEqual(shown(notes(reanalyze(analyze(text, hospitalOnly), edited, hospitalOnly).findings)), shown(notes(analyze(edited, hospitalOnly).findings)));
    const practitionerOnly = tables({ ptp: ['ccipra-v322r0-f1.txt'] });
    assert.deepEqual(notes(analyze(text, practitionerOnly).findings).map((f) => f.message.slice(0, 40)), ['No outpatient hospital PTP table is load']);
  });

  test("a CAH's bill in a claim CSV with only the hospital tables: the practitioner note, whole and in pieces alike", () => {
    const text = ['Claim ID,Patient ID,Bill Type,Rev Code,Date of Service,CPT/HCPCS,Units,Charge', 'C1,P1,0851,0960,2026-10-15,43214,1,100.00', 'C1,P1,0851,0750,2026-10-15,43200,1,100.00'].join('\n') + '\n';
    const knowledge = tables({ hospitalPtp: ['ccioph-v323r0-f1.txt'] });
    const whole = notes(analyze(text, knowledge).findings);
    assert.equal(whole.length, 1);
    assert.match(whole[0]!.message, /^No practitioner PTP table is loaded/);
    const run = new CodingRun(knowledge);
    const stream = new CsvStream({ dates: { order: 'month-first', settled: false }, keep: () => true, loaded: run.loaded });
    for (let at = 0; at < text.length; at += 9) assert.ok(stream.feed(text.slice(at, at + 9)));
    const read = stream.end();
    assert.ok(read);
    assert.deepEqual(shown(notes(read.findings)), shown(whole));
  });

  test('a claim CSV: on the header row, whole and read in pieces alike', () => {
    const text = ['Claim ID,Patient ID,Bill Type,Date of Service,CPT/HCPCS,Units,Charge', 'C1,P1,0131,2026-03-10,43214,1,1500.00', 'C1,P1,0131,2026-03-10,43200,1,400.00'].join('\n') + '\n';
    const knowledge = tables({ ptp: ['ccipra-v322r0-f1.txt'] });
    const whole = notes(analyze(text, knowledge).findings);
    assert.equal(whole.length, 1);
    assert.equal(whole[0]!.span.start, 0, 'on the header row');
    assert.match(whole[0]!.message, /the claim of this file judged by the outpatient hospital tables was paired with no PTP edit\./);
    const run = new CodingRun(knowledge);
    const stream = new CsvStream({ dates: { order: 'month-first', settled: false }, keep: () => true, loaded: run.loaded });
    for (let at = 0; at < text.length; at += 16) assert.ok(stream.feed(text.slice(at, at + 16)));
    const read = stream.end();
    assert.ok(read);
    assert.deepEqual(shown(notes(read.findings)), shown(whole));
  });
});
