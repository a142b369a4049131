// Which MUE (and PTP) table a CSV claim is judged by follows its Claim Type / Bill Type cell
// (csv/claimTypes.ts, its words as data in csv/columns.ts). The cell was looked up whole in
// CLAIM_TYPE_VALUES, so one that says institutional in other words ("Institutional Outpatient",
// "837I Institutional", "Institutional (UB-04)") left the claim's kind unknown and it was judged,
// silently, by the practitioner table: 2 units over the hospital MUE of 1 were not reported (the
// practitioner MUE is 4). Such a cell is now read by its words; a cell that names no kind, or more
// than one, is reported once a file (csv.claim-type-unknown, on that cell), showing the cell only
// when all its words are claim-type words (anything else may be a patient's data).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { readClaimType } from '../../server/src/core/csv/claimTypes';
import { CsvStream } from '../../server/src/core/csv/stream';
import { emptyKnowledge, type Knowledge } from '../../server/src/core/rules/knowledge';
import { emptyMueTables } from '../../server/src/core/rules/mue';
import { byPosition } from '../../server/src/core/spans';
import { NOT_EDITED_RULE } from '../../server/src/core/rules/notEdited';
import { loadedTablesOf } from '../../server/src/core/rules/tablesMissing';

function knowledge(): Knowledge {
  const tables = emptyMueTables();
  tables.practitioner.add({ code: '97110', value: 4, mai: 2, rationale: 'Clinical: Data', source: 'practitioner.csv', kind: 'practitioner' });
  tables.hospital.add({ code: '97110', value: 1, mai: 2, rationale: 'Clinical: Data', source: 'hospital.csv', kind: 'hospital' });
  return { ...emptyKnowledge(false), mue: tables };
}

const csv = (...types: string[]) =>
  ['Claim ID,Patient ID,Date of Service,CPT,Units,Charge,Claim Type', ...types.map((type, i) => `C${i + 1},P${i + 1},03/10/2026,97110,2,90.00,${type}`), ''].join('\n');

describe('CSV claim type naming an institutional claim in other words', () => {
  for (const cell of ['Institutional Outpatient', '837I Institutional', 'Institutional (UB-04)']) {
    it(`"${cell}": judged by the outpatient hospital MUE table`, () => {
      const analysis = analyze(csv(cell), knowledge());
      assert.equal(analysis.doc.claims[0]!.kind, 'institutional');
      const mue = analysis.findings.filter((f) => f.rule.startsWith('mue.'));
      assert.equal(mue.length, 1);
      assert.match(mue[0]!.message, /hospital table/);
      assert.deepEqual(analysis.findings.filter((f) => f.rule === 'csv.claim-type-unknown'), []);
    });
  }

  it('reads the kind and facility type from the words', () => {
    const expected: [string, string | null, string | null][] = [
      ['UB 04', 'institutional', null],
      ['CMS-1500', 'professional', null],
      ['837 P', 'professional', null],
      ['Professional (HCFA 1500)', 'professional', null],
      ['837D Dental', 'dental', null],
      ['Institutional Inpatient', 'institutional', '11'],
      ['Inpatient Facility Claim', 'institutional', '11'],
      ['Hospital Outpatient Dept', 'institutional', null],
      // Where the service was given does not outweigh the form: a physician's claim.
      ['Hospital Professional', 'professional', null],
      ['Professional Non-Facility', 'professional', null],
      // The UB-04 writes the type of bill with a leading 0, then its description.
      ['0131 Hospital Outpatient', 'institutional', '13'],
      ['0121 Hospital Inpatient Part B', 'institutional', '12'],
      ['0111 - Inpatient', 'institutional', '11'],
      // ... or after the words: the type of bill still says the facility.
      ['Institutional 0111', 'institutional', '11'],
      ['UB-04 (0131)', 'institutional', '13'],
      ['837I - 0831', 'institutional', '83'],
      // A type of bill beside a professional form word names two kinds: not understood.
      ['Professional 0131', null, null],
      // Not understood: no kind, more than one, or a negated one.
      ['Professional/Institutional', null, null],
      ['Non-Facility', null, null],
      ['Other', null, null],
      ['constructor', null, null],
    ];
    for (const [cell, kind, facility] of expected) {
      const reading = readClaimType(cell);
      assert.deepEqual([reading.kind, reading.facilityType], [kind, facility], cell);
    }
  });

  it('an inpatient claim in words is judged by no table; an outpatient type of bill by the hospital table', () => {
    const analysis = analyze(csv('Institutional Inpatient', '0131 Hospital Outpatient'), knowledge());
    assert.deepEqual(analysis.doc.claims.map((c) => [c.kind, c.facilityType]), [['institutional', '11'], ['institutional', '13']]);
    assert.deepEqual(analysis.findings.filter((f) => f.rule.startsWith('mue.')).map((f) => f.message.includes('hospital table')), [true]);
  });
});

describe('a claim type cell that is not understood', () => {
  it('is reported once a file, on its cell; the claim is judged by the practitioner table', () => {
    const text = csv('Professional/Institutional', 'Whatever', 'Institutional');
    const analysis = analyze(text, knowledge());
    const unknown = analysis.findings.filter((f) => f.rule === 'csv.claim-type-unknown');
    assert.equal(unknown.length, 1);
    assert.equal(unknown[0]!.severity, 'warning');
    assert.equal(text.slice(unknown[0]!.span.start, unknown[0]!.span.end), 'Professional/Institutional');
    assert.equal(
      unknown[0]!.message,
      'Line 2: the claim type "Professional/Institutional" in column "Claim Type" does not say whether the claim is professional, institutional or dental, ' +
        'so its lines are judged by the practitioner table, as a professional claim. Write Professional, Institutional, Dental or a type of bill such as 0131. ' +
        'Other claims whose claim type is not understood are not reported.',
    );
    assert.deepEqual(analysis.doc.claims.map((c) => c.kind), [null, null, 'institutional']);
    // 2 units: within the practitioner MUE of 4 for C1 and C2, over the hospital MUE of 1 for C3.
    assert.equal(analysis.findings.filter((f) => f.rule === 'mue.exceeded').length, 1);
  });

  it('does not show a cell that is not all claim-type words', () => {
    const unknown = analyze(csv('"Smith, John"'), knowledge()).findings.filter((f) => f.rule === 'csv.claim-type-unknown');
    assert.equal(unknown.length, 1);
    assert.doesNotMatch(unknown[0]!.message, /Smith|John/);
    assert.match(unknown[0]!.message, /^Line 2: the value in column "Claim Type" does not say/);
  });

  it('is not reported when a row of the claim names the kind first, nor for an empty cell', () => {
    const text = ['Claim ID,Patient ID,DOS,CPT,Units,Claim Type', 'C1,P1,03/10/2026,97110,1,Institutional', 'C1,P1,03/10/2026,97110,1,n/a', 'C2,P2,03/10/2026,97110,1,', ''].join('\n');
    assert.deepEqual(analyze(text, knowledge()).findings.filter((f) => f.rule === 'csv.claim-type-unknown'), []);
  });

  it('a file read in pieces reports it as the whole text does', () => {
    const text = csv('0131 Hospital Outpatient', 'Professional/Institutional', 'Other', 'Institutional Inpatient');
    const whole = byPosition(analyze(text, emptyKnowledge(false)).findings);
    // The inpatient claim (no NCCI table judges it) is said on the header row.
    assert.deepEqual(whole.map((f) => f.rule), [NOT_EDITED_RULE, 'csv.claim-type-unknown']);
    for (const size of [1, 9, 64]) {
      const stream = new CsvStream({ dates: { order: 'month-first', settled: false }, keep: () => true, loaded: loadedTablesOf(emptyKnowledge(false)) });
      for (let at = 0; at < text.length; at += size) assert.ok(stream.feed(text.slice(at, at + size)));
      const result = stream.end();
      assert.ok(result);
      assert.deepEqual(byPosition(result.findings), whole, `pieces of ${size}`);
      assert.deepEqual([0, 1, 2, 3].map((claim) => [result.kindOf(claim), result.coded.facilityType(claim)]), [['institutional', '13'], [null, null], [null, null], ['institutional', '11']]);
    }
  });
});
