// Found in review (a hospital billing analyst): a critical access hospital that elects Method II
// bills its practitioners' professional services on its own outpatient bill (85x) under revenue
// codes 096x, 097x and 098x. Those lines were judged with the rest of the bill by the outpatient
// hospital tables: a professional 43214 and the facility's 43214 were summed against the hospital
// MUE (a false mue.exceeded), the facility's 76000 was paired with the professional 43214, and the
// professional pair met the hospital indicator instead of the practitioner one. Such lines are now
// the practitioner's: judged by the practitioner tables, grouped apart from the facility's lines,
// read whole, in pieces or again after an edit. Synthetic claims and tables.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze, reanalyze } from '../../server/src/core/analyze';
import { hoverAt } from '../../server/src/core/hover/hover';
import type { Finding } from '../../server/src/core/model';
import { emptyMueTables } from '../../server/src/core/rules/mue';
import { emptyKnowledge, type Knowledge } from '../../server/src/core/rules/knowledge';
import { byPosition } from '../../server/src/core/spans';
import { X12Stream } from '../../server/src/core/x12/stream';
import { isProfessionalRevenueCode } from '../../server/src/core/rules/claimTables';
import { CsvStream } from '../../server/src/core/csv/stream';
import { CodingRun } from '../../server/src/core/rules/codingRun';
import { DiskIndexBuilder } from '../../server/src/core/hover/diskIndexBuilder';
import { writeX12, type WriterLine } from './helpers/x12-writer';

const day = { from: 20261015, to: 20261015 };
// The built-in 43214 edits: 43214/76000 is indicator 0 for practitioners, 1 in the hospital table.
const BUILTIN = emptyKnowledge(true);
/** The built-in edits, and an MUE of 1 for 43214 in both tables. */
const WITH_MUE: Knowledge = (() => {
  const mue = emptyMueTables();
  mue.practitioner.add({ code: '43214', value: 1, mai: 2, rationale: 'Clinical: Data', source: 'mue.csv', kind: 'practitioner' });
  mue.hospital.add({ code: '43214', value: 1, mai: 2, rationale: 'Clinical: Data', source: 'mue.csv', kind: 'hospital' });
  return { ...BUILTIN, mue };
})();

/** One 837I bill of facility type `facility`: a professional 43214 and 76000 (revenue code `professional`), and the facility's 43214 and 76000. */
function bill(facility: string, professional = '0960'): string {
  const line = (code: string, revenueCode: string): WriterLine => ({ code, charge: '100.00', revenueCode, date: day });
  const lines = [line('43214', professional), line('76000', professional), line('43214', '0750'), line('76000', '0320')];
  return writeX12([{ id: 'CAH1', date: day, facility, lines }], { kind: 'institutional', lineEnding: '\n' }).text;
}

/** Each coding finding as rule, the line of the code it is on, and the table its message names. */
function coding(text: string, findings: readonly Finding[]): string[] {
  return byPosition(findings)
    .filter((f) => f.rule.startsWith('ptp.') || f.rule.startsWith('mue.'))
    .map((f) => `${f.rule} line ${text.slice(0, f.span.start).split('\nLX*').length - 1} ${/outpatient hospital/.test(f.message) ? 'hospital' : /practitioner/.test(f.message) ? 'practitioner' : '?'}`);
}

function streamed(text: string, knowledge: Knowledge): Finding[] {
  const stream = new X12Stream(knowledge, undefined, { codedLinesOnly: true });
  const findings: Finding[] = [];
  for (let at = 0; at < text.length; at += 60) findings.push(...stream.feed(text.slice(at, at + 60)).findings);
  findings.push(...stream.end().findings);
  return findings;
}

describe("a critical access hospital's Method II bill (85x)", () => {
  it('professional-fee revenue codes: 096x, 097x, 098x, four digits or three, blanks around them', () => {
    for (const code of ['0960', '0971', '0982', '0989', '960', '979', ' 0961 ']) assert.equal(isProfessionalRevenueCode(code), true, code);
    for (const code of ['0990', '0950', '0450', '96', '09600', '0x60', '', '1960']) assert.equal(isProfessionalRevenueCode(code), false, code);
  });

  it('the professional lines (0960) are paired by the practitioner table, the facility lines by the hospital table, and not with each other', () => {
    const text = bill('85');
    assert.deepEqual(coding(text, analyze(text, BUILTIN).findings), ['ptp.conflict line 2 practitioner', 'ptp.modifier-required line 4 hospital']);
  });

  it('the professional and facility 43214 are not summed against one MUE', () => {
    const text = bill('85');
    assert.deepEqual(
      coding(text, analyze(text, WITH_MUE).findings).filter((f) => f.startsWith('mue.')),
      [],
    );
  });

  it('control: on an outpatient hospital bill (13x) every line is the hospital\'s, 0960 or not', () => {
    const text = bill('13');
    const rules = coding(text, analyze(text, WITH_MUE).findings);
    assert.ok(rules.every((r) => r.endsWith('hospital')), rules.join('\n'));
    assert.ok(rules.some((r) => r.startsWith('mue.exceeded')), 'both 43214 lines are summed against the hospital MUE of 1');
  });

  it('097x and 098x too, and a 4010 file\'s three digits (960)', () => {
    for (const revenueCode of ['0971', '0982', '960']) {
      const text = bill('85', revenueCode);
      assert.deepEqual(coding(text, analyze(text, BUILTIN).findings), ['ptp.conflict line 2 practitioner', 'ptp.modifier-required line 4 hospital'], revenueCode);
    }
  });

  it('the same read in pieces (the CLI), and again after an edit', () => {
    const text = bill('85');
    assert.deepEqual(coding(text, streamed(text, WITH_MUE)), coding(text, analyze(text, WITH_MUE).findings));
    const first = analyze(text, WITH_MUE);
    const edited = text.replace('SV2*0750*HC:43214*100.00', 'SV2*0750*HC:43214*101.00');
    const again = reanalyze(first, edited, WITH_MUE);
    assert.deepEqual(coding(edited, again.findings), coding(edited, analyze(edited, WITH_MUE).findings));
    // An edit that makes a facility line professional moves it to the practitioner table.
    const moved = text.replace('SV2*0320*HC:76000', 'SV2*0961*HC:76000');
    assert.deepEqual(coding(moved, reanalyze(first, moved, WITH_MUE).findings), coding(moved, analyze(moved, WITH_MUE).findings));
  });

  it('the hover of a professional line\'s code names the practitioner table, a facility line\'s the hospital table', () => {
    const text = bill('85');
    const analysis = analyze(text, BUILTIN);
    const professional = hoverAt(analysis, text.indexOf('HC:43214') + 4, BUILTIN)!.markdown;
    const facility = hoverAt(analysis, text.lastIndexOf('HC:43214') + 4, BUILTIN)!.markdown;
    assert.match(professional, /\(practitioner table/);
    assert.match(facility, /\(outpatient hospital table/);
  });
});

describe("a critical access hospital's bill in a claim CSV (Bill Type 85x, Rev Code 096x-098x)", () => {
  const csv = (billType: string) =>
    [
      'Claim ID,Patient ID,Bill Type,Rev Code,Date of Service,CPT/HCPCS,Units,Charge',
      `C1,P1,${billType},0960,2026-10-15,43214,1,100.00`,
      `C1,P1,${billType},0960,2026-10-15,76000,1,100.00`,
      `C1,P1,${billType},0750,2026-10-15,43214,1,100.00`,
      `C1,P1,${billType},0320,2026-10-15,76000,1,100.00`,
      '',
    ].join('\n');
  /** Each coding finding as its rule, its row and the table its message names. */
  const rowsOf = (text: string, findings: readonly Finding[]) =>
    byPosition(findings)
      .filter((f) => f.rule.startsWith('ptp.') || f.rule.startsWith('mue.'))
      .map((f) => `${f.rule} row ${text.slice(0, f.span.start).split('\n').length} ${/outpatient hospital/.test(f.message) ? 'hospital' : 'practitioner'}`);

  it('is judged as the 837I is: the professional rows by the practitioner table, apart from the facility rows', () => {
    const text = csv('0851');
    assert.deepEqual(rowsOf(text, analyze(text, WITH_MUE).findings), ['ptp.conflict row 3 practitioner', 'ptp.modifier-required row 5 hospital']);
    // An outpatient hospital bill (0131): every row the hospital's (control).
    const hospital = csv('0131');
    assert.ok(rowsOf(hospital, analyze(hospital, WITH_MUE).findings).every((r) => r.endsWith('hospital')));
  });

  it('the same read in pieces (the CLI)', () => {
    const text = csv('0851');
    for (const size of [7, 50, text.length]) {
      const run = new CodingRun(WITH_MUE);
      const filter = run.lineFilter();
      const stream = new CsvStream({ dates: { order: 'month-first', settled: false }, keep: (code) => filter(code, null) || filter(code, 'institutional'), loaded: run.loaded });
      for (let at = 0; at < text.length; at += size) assert.ok(stream.feed(text.slice(at, at + size)));
      const result = stream.end();
      assert.ok(result);
      run.addStaged(result.coded, {});
      assert.deepEqual(rowsOf(text, [...result.findings, ...run.findings()]), rowsOf(text, analyze(text, WITH_MUE).findings), `pieces of ${size}`);
    }
  });
});

describe("a CAH's bill in a claim CSV checked from disk (the editor's files past 50 MB)", () => {
  it('the disk index hovers a professional row by the practitioner table, as the open document does', () => {
    const text = ['Claim ID,Patient ID,Bill Type,Rev Code,Date of Service,CPT/HCPCS,Units,Charge', 'C1,P1,0851,0960,2026-10-15,43214,1,100.00', 'C1,P1,0851,0960,2026-10-15,76000,1,100.00', 'C1,P1,0851,0750,2026-10-15,43239,1,100.00', ''].join('\n');
    const run = new CodingRun(BUILTIN);
    const builder = new DiskIndexBuilder(false);
    const stream = new CsvStream({ dates: { order: 'month-first', settled: false }, keep: () => true, loaded: run.loaded, index: builder.lineSink() });
    assert.ok(stream.feed(text));
    const read = stream.end();
    assert.ok(read);
    run.addStaged(read.coded, {});
    const index = builder.finish(byPosition([...read.findings, ...run.findings()]), BUILTIN, read.coded);
    const professional = index.hoverAt(text.indexOf('43214') + 1)!.markdown;
    const facility = index.hoverAt(text.indexOf('43239') + 1)!.markdown;
    assert.match(professional, /\(practitioner table/);
    assert.match(facility, /outpatient hospital/);
    assert.match(hoverAt(analyze(text, BUILTIN), text.indexOf('43214') + 1, BUILTIN)!.markdown, /\(practitioner table/);
  });

  it('the professional pair\'s finding says why the practitioner table judges it; the facility pair\'s says nothing of it (from a second hospital review)', () => {
    const text = bill('85');
    const findings = byPosition(analyze(text, BUILTIN).findings).filter((f) => f.rule.startsWith('ptp.'));
    assert.equal(findings.length, 2);
    assert.match(findings[0]!.message, / The 43214 and 76000 lines are practitioners' services on a critical access hospital's bill \(Method II: a professional-fee revenue code, 096x-098x\), so the practitioner table judges them\.$/);
    assert.doesNotMatch(findings[1]!.message, /Method II/);
    assert.deepEqual(byPosition(streamed(text, BUILTIN)).filter((f) => f.rule.startsWith('ptp.')).map((f) => f.message), findings.map((f) => f.message), 'read in pieces, the same');
  });
});
