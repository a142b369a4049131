import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { COLUMN_NAMES, EXTRA_COLUMN_NAMES, normalizeHeader } from '../../server/src/core/csv/columns';
import { mapColumns, roleOfHeader } from '../../server/src/core/csv/columnLayout';
import { findHeader } from '../../server/src/core/csv/header';
import { looksLikeClaimCsv, parseCsv } from '../../server/src/core/csv/index';
import { HEADER_SPELLINGS } from './helpers/csv-writer';

describe('csv column names', () => {
  it('normalizes case, punctuation and spaces', () => {
    assert.equal(normalizeHeader(' CPT/HCPCS '), 'cpthcpcs');
    assert.equal(normalizeHeader('Claim #'), 'claim');
    assert.equal(normalizeHeader('CLAIM_NO'), 'claimno');
    assert.equal(normalizeHeader('Modifier-1'), 'modifier1');
  });

  it('gives every name exactly one role, and lists only normalized names', () => {
    const seen = new Map<string, string>();
    const tables: Record<string, readonly string[]> = { ...COLUMN_NAMES, ...EXTRA_COLUMN_NAMES };
    for (const [role, names] of Object.entries(tables)) {
      for (const name of names) {
        assert.equal(normalizeHeader(name), name, `${role}: ${name} is not normalized`);
        assert.ok(!seen.has(name), `${name} is listed for ${seen.get(name)} and ${role}`);
        seen.set(name, role);
      }
    }
  });

  it('recognizes the usual spellings of each role', () => {
    for (const [role, spellings] of Object.entries(HEADER_SPELLINGS)) {
      for (const s of spellings) assert.equal(roleOfHeader(s), role, s);
    }
    for (const s of ['claim id', 'claim_no', 'Claim Number', 'claimid', 'ICN', 'tcn']) assert.equal(roleOfHeader(s), 'claimId', s);
    for (const s of ['Patient ID', 'member id', 'MRN', 'subscriber id', 'patient', 'member', 'account', 'Pt ID', 'Patient Acct #', 'Pt Acct No', 'Pt #']) assert.equal(roleOfHeader(s), 'patientId', s);
    for (const s of ['dos', 'date of service', 'service date', 'from date', 'svc date', 'dos from', 'Serv Date', 'Date of Svc']) assert.equal(roleOfHeader(s), 'dateOfService', s);
    for (const s of ['cpt', 'hcpcs', 'cpt/hcpcs', 'cpt code', 'procedure code', 'proc', 'proc code', 'code', 'CPT-4', 'CPT4 Code']) assert.equal(roleOfHeader(s), 'procedureCode', s);
    for (const s of ['units', 'qty', 'quantity', 'days or units']) assert.equal(roleOfHeader(s), 'units', s);
    for (const s of ['charge', 'charges', 'amount', 'billed', 'billed amount', 'line charge']) assert.equal(roleOfHeader(s), 'charge', s);
    for (const s of ['line', 'line no']) assert.equal(roleOfHeader(s), 'lineNumber', s);
    // Not roles of their own, but read beside the patient column (csv/patientCells.ts).
    assert.deepEqual(['Patient Name', 'Date of Birth', 'Patient DOB'].map(roleOfHeader), ['patientName', 'patientBirthDate', 'patientBirthDate']);
    for (const s of ['Diagnosis Code', 'Total Charge', 'Notes', 'Name']) assert.equal(roleOfHeader(s), null, s);
  });

  it('prefers the more specific name when two columns match a role', () => {
    const layout = mapColumns(['Code', 'Amount', 'CPT Code', 'Line Charge']);
    assert.equal(layout.procedureCode, 2);
    assert.equal(layout.charge, 3);
    assert.deepEqual(layout.roles, [null, null, 'procedureCode', 'charge']);
  });

  it('reads numbered modifier columns, taking an unnumbered one as modifier 1', () => {
    let layout = mapColumns(['CPT', 'Mod 1', 'Mod 2', 'Mod 3', 'Mod 4']);
    assert.deepEqual(layout.modifierColumns, [1, 2, 3, 4]);
    assert.equal(layout.modifiers, -1);
    layout = mapColumns(['CPT', 'Modifier', 'Modifier 2', 'Modifier 3']);
    assert.deepEqual(layout.modifierColumns, [1, 2, 3]);
    assert.deepEqual(layout.roles, ['procedureCode', 'modifier1', 'modifier2', 'modifier3']);
    layout = mapColumns(['CPT', 'Modifiers']);
    assert.equal(layout.modifiers, 1);
    assert.deepEqual(layout.modifierColumns, []);
  });
});

describe('csv header and delimiter detection', () => {
  it('detects each delimiter from the header line, outside quotes', () => {
    for (const sep of [',', '\t', ';', '|'] as const) {
      const header = ['Claim ID', 'DOS', 'CPT', 'Charge'].join(sep);
      const info = findHeader(`${header}\nC1${sep}2024-01-02${sep}99213${sep}10\n`);
      assert.equal(info?.separator, sep);
    }
    // Commas inside a quoted header cell do not count.
    assert.equal(findHeader('"Amount, USD";"CPT, code";"Claim, ID";DOS\n')?.separator, ';');
    // A mixed line: the delimiter that yields the most recognized columns wins.
    assert.equal(findHeader('CPT|Units|Charge,Notes\n')?.separator, '|');
  });

  it('skips a BOM and a short title preamble', () => {
    const info = findHeader('\uFEFFClaims export\r\nRun date,2024-05-01\r\n\r\nClaim ID,CPT,Charge\r\nC1,99213,10\r\n');
    assert.equal(info?.line, 4);
    assert.equal(info?.layout.procedureCode, 1);
  });

  it('says no to files that are not claim files', () => {
    const notClaims = [
      '',
      'name,age,city\nAda,36,London\n',
      'Diagnosis Code,Description\nE11.9,Type 2 diabetes\n',
      'ISA*00*          *00*          *ZZ*SUBMITTER      *ZZ*RECEIVER       *240101*1200*^*00501*000000001*0*P*:~',
      // A generic "Code" column holding no procedure codes (country codes with amounts).
      'Code,Amount\nUS,10\nFR,20\n',
      // A code table (descriptor file), not claims.
      'HCPCS,Short Description,Long Description\n43214,EGD balloon dil,Esophagogastroduodenoscopy\n',
      'CPT,Description\n99213,Office visit\n',
      // A header far below a block of data-like lines.
      'a,b,c\n1,2,3\nClaim ID,CPT\n',
    ];
    for (const text of notClaims) {
      assert.equal(looksLikeClaimCsv(text), false, text);
      const doc = parseCsv(text);
      assert.equal(doc.format, 'csv');
      assert.deepEqual(doc.claims, []);
      assert.deepEqual(doc.findings, []);
      assert.equal(doc.csv, undefined);
    }
  });

  it('says yes to claim files, including a generic "Code" column with procedure codes', () => {
    assert.ok(looksLikeClaimCsv('CPT\n99213\n'));
    assert.ok(looksLikeClaimCsv('CPT,Line,\n99213,1,\n'));
    assert.ok(looksLikeClaimCsv('CPT,Description,Charge\n99213,Office visit,10\n'));
    assert.ok(looksLikeClaimCsv('Patient,Code,Amount\nP1,99213,10\n'));
    assert.ok(looksLikeClaimCsv('\uFEFFclaim_no\tcpt_code\r\n'));
    assert.ok(!looksLikeClaimCsv('Code\n99213\n'));
  });
});

describe('csv header search limits', () => {
  it('gives up early on a huge single-line file: how far it reads does not grow with the line', () => {
    const text = 'CPT,' + 'x,'.repeat(3_000_000);
    assert.equal(looksLikeClaimCsv(text), false);
    assert.deepEqual(parseCsv(text).claims, []);
    // findHeader's reach: how far into the text its answer depends (what it read).
    const reach = { end: 0 };
    assert.equal(findHeader(text, reach), null);
    assert.ok(reach.end < 100_000, `read ${reach.end} characters of ${text.length}`);
    const twice = { end: 0 };
    assert.equal(findHeader(text + 'x,'.repeat(3_000_000), twice), null);
    assert.equal(twice.end, reach.end, 'a line twice as long is read as far');
  });

  it('reads a header whose quote never closes up to its line break', () => {
    const text = 'Claim ID,"CPT,Units\nC1,99213,1\n';
    const doc = parseCsv(text);
    // The header quote is reported and read as a character; '"CPT' still names the code column.
    assert.deepEqual(doc.findings.map((f) => [f.rule, f.span.start]), [['csv.quote-unterminated', text.indexOf('"')]]);
    assert.deepEqual(doc.csv!.headers, ['Claim ID', '"CPT', 'Units']);
    assert.deepEqual(doc.claims.map((c) => c.lines.map((l) => l.code)), [['99213']]);
    const ok = parseCsv('CPT,Units,"Notes\n99213,1,x\n');
    // No patient or claim column either: every row is one patient's, said once on the header.
    assert.deepEqual(ok.findings.map((f) => f.rule), ['csv.quote-unterminated', 'csv.no-patient-column']);
    assert.deepEqual(ok.claims[0]!.lines.map((l) => l.code), ['99213']);
  });
});
