// Found in a user review (a billing analyst): a claim CSV that names patients by subscriber id
// took a mother and her child on one subscriber id for one patient: her 43214 and his 43200 on
// one day were a PTP conflict, and `fix` removed his line. The patient's name and date of birth,
// when the file has them, are part of who the patient is (csv/patientCells.ts); without a patient
// column they are the patient (claims of one name pair across claims). Neither is ever shown.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { fixAll, fixesFor } from '../../server/src/core/fixes';
import { outline } from '../../server/src/core/outline';
import { emptyKnowledge } from '../../server/src/core/rules/knowledge';

const builtin = emptyKnowledge(true);
const conflicts = (text: string) => analyze(text, builtin).findings.filter((f) => f.rule === 'ptp.conflict').length;

describe('patients of one subscriber id told apart by name or date of birth', () => {
  const family = 'Claim ID,Subscriber ID,Patient Name,Relationship,DOS,CPT,Units,Charge\nA,SUB123,"Doe, Mary",Self,10/15/2026,43214,1,1500.00\nB,SUB123,"Doe, Tim",Child,10/15/2026,43200,1,400.00\n';

  it('a mother\'s 43214 and her child\'s 43200 are no pair, and fix-all leaves both lines', () => {
    const analysis = analyze(family, builtin);
    assert.equal(conflicts(family), 0);
    assert.equal(fixAll(family, analysis.doc, analysis.findings), null);
    assert.notEqual(analysis.doc.claims[0]!.patientKey, analysis.doc.claims[1]!.patientKey);
  });

  it('the same patient written in other capitals and spacing is one patient: the pair is found (control)', () => {
    assert.equal(conflicts(family.replace('"Doe, Tim"', '"DOE,  mary"')), 1);
  });

  it('a date of birth column alone tells them apart too', () => {
    const text = 'Claim ID,Member ID,DOB,DOS,CPT\nA,SUB123,01/02/1980,10/15/2026,43214\nB,SUB123,03/04/2015,10/15/2026,43200\nC,SUB123,01/02/1980,10/15/2026,43200\n';
    const findings = analyze(text, builtin).findings.filter((f) => f.rule === 'ptp.conflict');
    assert.deepEqual(findings.map((f) => text.slice(0, f.span.start).split('\n').length), [4], 'only the 43200 of the patient born 01/02/1980');
  });

  it('a row continuing its claim (patient cells empty) stays in it', () => {
    const text = 'Claim ID,Subscriber ID,Patient Name,DOS,CPT\nA,SUB123,"Doe, Tim",10/15/2026,43214\n,,,10/15/2026,43200\n';
    assert.equal(conflicts(text), 1);
    assert.equal(analyze(text, builtin).doc.claims.length, 1);
  });

  it('without a patient column, the name (and date of birth) are the patient: claims of one name pair, of two names not', () => {
    const same = 'Claim ID,Patient Name,DOS,CPT\nA,"Doe, Jane",10/15/2026,43214\nB,"Doe, Jane",10/15/2026,43200\n';
    assert.equal(conflicts(same), 1);
    assert.equal(conflicts(same.replace('B,"Doe, Jane"', 'B,"Roe, Jane"')), 0);
  });

  it('rows grouped by patient and date (no claim id): two patients of one subscriber id on one day are two claims, labelled apart', () => {
    const text = 'Subscriber ID,Patient Name,DOS,CPT\nSUB123,"Doe, Mary",10/15/2026,43214\nSUB123,"Doe, Tim",10/15/2026,43200\n';
    const analysis = analyze(text, builtin);
    assert.equal(conflicts(text), 0);
    assert.deepEqual(analysis.doc.claims.map((c) => c.id), ['SUB123 2026-10-15', 'SUB123 2026-10-15 2']);
  });

  it('names and dates of birth are never shown: claim labels and the outline show the patient cell alone', () => {
    const text = 'Claim ID,Subscriber ID,Patient Name,Patient DOB,DOS,CPT\nA,SUB123,"Doe, Mary",01/02/1980,10/15/2026,43214\nA,SUB123,"Doe, Tim",03/04/2015,10/15/2026,43200\n';
    const analysis = analyze(text, builtin);
    assert.deepEqual(analysis.doc.claims.map((c) => c.id), ['A', 'A (SUB123)']);
    const shown = JSON.stringify(outline(analysis.doc)) + JSON.stringify(analysis.findings);
    for (const secret of ['Doe', 'DOE', 'Mary', 'MARY', 'Tim', 'TIM', '1980', '2015', '\\u0001']) assert.ok(!shown.includes(secret), secret);
    assert.match(JSON.stringify(outline(analysis.doc)), /patient SUB123/);
  });

  // Found in the code review: a claim that names its patient on its first row only (its other
  // rows the patient id alone) was split in two claims of two patients, and its pair lost.
  it('a claim naming its patient on its first row only is one patient\'s: its pair is found, by claim id and by patient and date', () => {
    const byId = 'Claim ID,Patient ID,Patient Name,DOS,CPT\nK1,P1,"Doe, Jane",10/15/2026,43214\nK1,P1,,10/15/2026,43200\n';
    assert.equal(conflicts(byId), 1);
    assert.equal(analyze(byId, builtin).doc.claims.length, 1);
    const byDate = 'Patient ID,Patient Name,DOS,CPT\nP1,"Doe, Jane",10/15/2026,43214\nP1,,10/15/2026,43200\n';
    assert.equal(conflicts(byDate), 1);
    const nameOnly = 'Claim ID,Patient Name,DOB,DOS,CPT\nA,"Doe, Jane",01/02/1980,10/15/2026,43214\nA,"Doe, Jane",,,43200\n';
    const analysis = analyze(nameOnly, builtin);
    assert.deepEqual(analysis.doc.claims.map((c) => c.id), ['A']);
    assert.deepEqual(analysis.findings.map((f) => f.rule), ['ptp.conflict'], 'one claim: its date carried, no csv.date-missing');
  });

  it('names compare by their letters and digits, dates of birth by their numbers', () => {
    const text = 'Claim ID,Member ID,Patient Name,DOB,DOS,CPT\nA,SUB1,"Doe, Jane",01/02/1980,10/15/2026,43214\nB,SUB1,"DOE,JANE",1/2/1980,10/15/2026,43200\n';
    assert.equal(conflicts(text), 1);
    assert.equal(conflicts(text.replace('1/2/1980', '1/3/1980')), 0, 'another date of birth: another patient');
  });

  it('no name or date of birth reaches a fix title, a claim label of a name-only patient, or a message', () => {
    const text = 'Claim ID,Patient Name,DOB,DOS,CPT\nA,"Doe, Jane",01/02/1980,10/15/2026,43214\nA,"Roe, Tim",03/04/2015,10/15/2026,43200\nB,"Roe, Tim",03/04/2015,10/15/2026,43214\n';
    const analysis = analyze(text, builtin);
    assert.deepEqual(analysis.doc.claims.map((c) => c.id), ['A', 'A (another patient)', 'B']);
    const titles = analysis.findings.flatMap((f) => fixesFor(text, analysis.doc, f).map((fix) => fix.title));
    assert.ok(titles.length > 0, 'the pair of Tim\'s claims has fixes');
    const shown = JSON.stringify([titles, analysis.findings, outline(analysis.doc)]);
    for (const secret of ['Doe', 'DOE', 'Jane', 'JANE', 'Roe', 'ROE', 'Tim', 'TIM', '1980', '2015', '\\u0001']) assert.ok(!shown.includes(secret), secret);
  });
});
