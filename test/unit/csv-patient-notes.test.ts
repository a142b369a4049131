// How a claim CSV's patients are told apart decides which lines are paired, so the header says
// when the file cannot tell them apart. Found in review:
// - a file with a patient name column but no patient or claim id column grouped its rows by
//   date alone (the name was read only beside a patient id column), so two patients' lines of one
//   day were paired, a false conflict, under a note that every row was taken as one patient;
// - a file with claim ids but nothing naming patients takes each claim as its own patient's, and
//   said nothing: one patient's services on two claims were never paired.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import type { Finding } from '../../server/src/core/model';
import { emptyKnowledge } from '../../server/src/core/rules/knowledge';
import { csvStreamed } from './helpers/csv-streamed';

const knowledge = emptyKnowledge(true);
const rules = (findings: readonly Finding[]) => findings.map((f) => f.rule);


describe('a claim CSV names its patients, or the header says how rows are taken', () => {
  test('names only: two patients of one day are two patients (no pair, no note)', () => {
    const text = ['Patient Name,DOS,CPT,Units,Charge', '"Doe, Mary",10/15/2026,43214,1,1500.00', '"Roe, Ann",10/15/2026,43200,1,400.00', ''].join('\n');
    assert.deepEqual(rules(analyze(text, knowledge).findings), []);
    // The same patient's two rows are paired (control).
    const same = text.replace('"Roe, Ann"', '"DOE, MARY"');
    assert.deepEqual(rules(analyze(same, knowledge).findings), ['ptp.conflict']);
  });

  test('claim ids and no patient: each claim its own patient\'s, said once on the header', () => {
    const text = ['Claim ID,DOS,CPT,Units,Charge', 'A1,10/15/2026,43214,1,1500.00', 'A2,10/15/2026,43200,1,400.00', ''].join('\n');
    const findings = analyze(text, knowledge).findings;
    assert.deepEqual(rules(findings), ['csv.patient-per-claim']);
    const [note] = findings;
    assert.equal(note!.severity, 'information');
    assert.deepEqual(note!.span, { start: 0, end: text.indexOf('\n') });
    assert.match(note!.message, /^No patient or member id column: each claim is taken as its own patient's/);
    assert.deepEqual(rules(csvStreamed(text, knowledge, 17)).filter((r) => r.startsWith('csv.')), ['csv.patient-per-claim'], 'read in pieces, the same note');
  });

  test('one claim, a patient column, or a name column: no such note (controls)', () => {
    assert.deepEqual(rules(analyze('Claim ID,DOS,CPT\nA1,10/15/2026,99213\n', knowledge).findings), []);
    assert.deepEqual(rules(analyze('Claim ID,Patient ID,DOS,CPT\nA1,P1,10/15/2026,99213\nA2,P1,10/15/2026,99212\n', knowledge).findings), []);
    assert.deepEqual(rules(analyze('Claim ID,Patient Name,DOS,CPT\nA1,Ann,10/15/2026,99213\nA2,Bob,10/15/2026,99212\n', knowledge).findings), []);
  });

  test('no claim id and no patient: every row one patient\'s, as before', () => {
    assert.deepEqual(rules(analyze('DOS,CPT\n10/15/2026,43214\n10/15/2026,43200\n', knowledge).findings), ['csv.no-patient-column', 'ptp.conflict']);
  });
});
