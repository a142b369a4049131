// Found in review: header names that practice-management exports and claim forms use for the
// units, the claim id and the rendering provider were missing from the name table (csv/columns.ts):
// "Units of Service", "Patient Control Number" (CLM01, UB-04 FL 3a) and "Servicing Provider NPI".
// A column the reader does not know is not read at all, so the units, the patient and the
// provider of every row were lost without a word about that column.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { emptyKnowledge, type Knowledge } from '../../server/src/core/rules/knowledge';
import { emptyMueTables } from '../../server/src/core/rules/mue';
import { COLUMN_NAMES } from '../../server/src/core/csv/columns';
import { roleOfHeader } from '../../server/src/core/csv/columnLayout';

function withMue(): Knowledge {
  const tables = emptyMueTables();
  tables.practitioner.add({ code: '97110', value: 4, mai: 2, rationale: 'Clinical: Data', source: 'mue.csv', kind: 'practitioner' });
  return { ...emptyKnowledge(), mue: tables };
}

const rules = (text: string, knowledge: Knowledge = emptyKnowledge()) => analyze(text, knowledge).findings.map((f) => f.rule);

describe('CSV header synonyms of real exports', () => {
  it('"Units of Service" is the units column: 6 units over an MUE of 4 are reported', () => {
    const text = 'Claim,Patient,DOS,CPT,Units of Service\n1,P1,03/12/2026,97110,6\n';
    const analysis = analyze(text, withMue());
    assert.equal(analysis.doc.claims[0]!.lines[0]!.units, 6);
    const found = analysis.findings.map((f) => f.rule);
    assert.ok(found.includes('mue.exceeded'), JSON.stringify(found));
    assert.ok(!found.includes('mue.units-unknown'), 'the units are written, in "Units of Service"');
  });

  it('"Patient Control Number" is the claim id: two patients\' lines on one date are not paired', () => {
    const text = 'Patient Control Number,DOS,CPT,Units\nPCN1,03/12/2026,43214,1\nPCN2,03/12/2026,43200,1\n';
    const analysis = analyze(text, emptyKnowledge());
    // As the claim id or as the patient: either way the two rows are two patients' claims.
    assert.equal(analysis.doc.claims.length, 2);
    // Each claim is taken as its own patient's, which the header's note says.
    assert.deepEqual(rules(text), ['csv.patient-per-claim']);
  });

  it('"Servicing Provider NPI" is the rendering provider, before "Billing Provider NPI"', () => {
    // One billing group, two servicing providers: not a conflict (ptp.other-rendering-provider).
    const text =
      'Claim,Patient,DOS,CPT,Units,Billing Provider NPI,Servicing Provider NPI\n' +
      '1,P1,03/12/2026,43214,1,1111111112,2222222224\n' +
      '1,P1,03/12/2026,43200,1,1111111112,3333333336\n';
    const analysis = analyze(text, emptyKnowledge());
    assert.deepEqual(analysis.doc.claims[0]!.lines.map((l) => l.providerId), ['2222222224', '3333333336']);
    assert.deepEqual(rules(text), ['ptp.other-rendering-provider']);
  });
});

describe('CSV header synonyms: the close spellings', () => {
  it('each names its role', () => {
    const expected: Record<string, string[]> = {
      units: ['Units of Service', 'Service Unit Count', 'Billed Units', 'Units Billed', 'Unit Qty'],
      claimId: ['Patient Control Number', 'Patient Control No', 'PATIENT_CONTROL_NUM', "Claim Submitter's Identifier"],
      providerId: ['Servicing Provider NPI', 'Servicing NPI', 'Servicing Provider ID', 'Servicing Provider', 'Rendering Physician NPI', 'Servicing Physician'],
    };
    for (const [role, spellings] of Object.entries(expected)) {
      for (const s of spellings) assert.equal(roleOfHeader(s), role, s);
    }
  });

  it('a servicing provider ranks before the billing provider, after the rendering provider', () => {
    const names = COLUMN_NAMES.providerId;
    assert.ok(names.indexOf('servicingprovidernpi') < names.indexOf('billingprovidernpi'));
    assert.ok(names.indexOf('renderingprovidernpi') < names.indexOf('servicingprovidernpi'));
  });

  it('"Claim ID" stays the claim id beside "Patient Control Number"', () => {
    const text = 'Claim ID,Patient Control Number,Patient ID,DOS,CPT\nC1,PCN1,P1,03/12/2026,43214\nC1,PCN2,P1,03/12/2026,43200\n';
    const analysis = analyze(text, emptyKnowledge());
    assert.deepEqual(analysis.doc.claims.map((c) => c.id), ['C1']);
  });
});

// Found in review: "Bill Type Code" was no column the reader knew, so an export's inpatient bills
// (0111) were judged by the practitioner table, without a word about the column.
describe('"Bill Type Code", "Type of Bill Code" and "TOB Code" are the type of bill', () => {
  for (const header of ['Bill Type Code', 'Type of Bill Code', 'TOB Code']) {
    it(`${header}: an inpatient bill is judged by no table, and said to be`, () => {
      const text = `Claim ID,Patient ID,Date of Service,CPT/HCPCS,Units,${header}\nC1,P1,10/15/2026,43214,1,0111\nC1,P1,10/15/2026,43200,1,0111\n`;
      const analysis = analyze(text, emptyKnowledge());
      assert.deepEqual([analysis.doc.claims[0]!.kind, analysis.doc.claims[0]!.facilityType], ['institutional', '11']);
      assert.deepEqual(rules(text), ['ncci.not-applicable']);
    });
  }
});

// Found in a user review: headers an export writes with a format or a code set in brackets, or
// naming the line's first date or its code ("First DOS", "Line CPT"), were no column the reader
// knew: the date column missing made every line unpaired (one note), the code column missing made
// the file no claim CSV at all. A 43214 + 43200 pair passed either way.
describe('headers with a part in brackets, and "First DOS", "Line CPT" and the like', () => {
  const cases: [string, string][] = [
    ['Date of Service (MM/DD/YYYY)', 'CPT'],
    ['DOS [mm/dd/yyyy]', 'CPT'],
    ['First DOS', 'CPT'],
    ['Begin DOS', 'CPT'],
    ['Line DOS', 'Line CPT'],
    ['Date of Service', 'Procedure Code (CPT/HCPCS)'],
    ['Date of Service', 'Line HCPCS'],
  ];
  for (const [date, code] of cases) {
    it(`${date} / ${code}: the pair is found`, () => {
      const text = `Claim ID,Patient ID,${date},${code},Units\nC1,P1,10/15/2026,43214,1\nC1,P1,10/15/2026,43200,1\n`;
      assert.deepEqual(rules(text), ['ptp.conflict']);
    });
  }

  it('the name as written comes first; a bracket part is dropped only when the whole name is no known one', () => {
    assert.equal(roleOfHeader('Date of Service (MM/DD/YYYY)'), 'dateOfService');
    assert.equal(roleOfHeader('Last DOS'), 'dateOfServiceTo');
    assert.equal(roleOfHeader('Units (Allowed)'), null, 'a part that is no format or code set is part of the name');
    assert.equal(roleOfHeader('Diagnosis Code (ICD-10)'), null, 'a diagnosis code is no procedure code');
    assert.equal(roleOfHeader('(CPT)'), 'procedureCode');
    assert.equal(roleOfHeader('Notes (CPT)'), null);
  });

  // Found in the code review: any part in brackets was dropped, so "CPT (Description)" became the
  // code column before "CPT Code", "Date (Paid)" the date of service, "NPI (Referring)" the
  // rendering provider. Only a format or a code set in brackets is dropped, ranked after every
  // header matched as written.
  it('a part naming what the column is keeps the header unmatched, and a header as written wins over one read without its brackets', () => {
    for (const header of ['Date (Paid)', 'NPI (Referring)', 'Provider (Referring)', 'Code (Diagnosis)', 'CPT (Description)', 'Charge (Paid)']) assert.equal(roleOfHeader(header), null, header);
    const text = 'Claim ID,Member ID,DOS,CPT (Description),CPT Code,Units\nC1,P1,10/15/2026,Esophagoscopy,43214,1\nC1,P1,10/15/2026,Biopsy,43200,1\n';
    assert.deepEqual(rules(text), ['ptp.conflict']);
    const ranked = 'Claim ID,Member ID,Date of Service (MM/DD/YYYY),DOS,CPT,Units\nC1,P1,01/01/2020,10/15/2026,43214,1\nC1,P1,01/01/2020,10/15/2026,43200,1\n';
    assert.equal(analyze(ranked, emptyKnowledge()).doc.claims[0]!.lines[0]!.dateOfService?.from, 20261015, 'DOS as written before the bracketed one');
  });
});

describe('abbreviated headers of another vendor (found in a pipeline developer\'s review)', () => {
  it('"Patient MRN", "Line Charge Amt" and "Rendering Prov NPI" are read: the units fix keeps the charge per unit', () => {
    assert.equal(roleOfHeader('Patient MRN'), 'patientId');
    assert.equal(roleOfHeader('Line Charge Amt'), 'charge');
    assert.equal(roleOfHeader('Rendering Prov NPI'), 'providerId');
    const text = 'Claim Nbr,Patient MRN,Svc Dt,CPT4,Mod,Unit(s),Line Charge Amt,Rendering Prov NPI\nQ1,MRN1,10/15/2026,97110,,6,600.00,1999999984\n';
    const line = analyze(text, withMue()).doc.claims[0]!.lines[0]!;
    assert.equal(line.charge, 600);
    assert.equal(line.providerId, '1999999984');
    assert.ok(!rules(text, withMue()).includes('csv.patient-per-claim'), 'the patient column is read');
  });
});
