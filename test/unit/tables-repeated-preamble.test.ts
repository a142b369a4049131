// Found in review: the CMS parts of one PTP table joined into one file (cat ccipra-…-f1.txt …-f2.txt), or a
// CSV export that repeats its header row, give a "not a PTP row" problem for every preamble or
// header line after the first data row. The reference: do not count preamble lines; a data row is
// a line whose first two fields are procedure codes. A repeated CMS preamble or header row is not
// a malformed row. Synthetic rows in the CMS layout.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AocTable, emptyMueTables, loadAocTable, loadMueTable, loadPtpTable } from '../../server/src/core/rules';

const PREAMBLE = [
  'CPT only copyright 2099 Example.  All rights reserved.\t\t\t\t\t\t',
  'Column1/Column2 Edits\t\t\t\t\t\t',
  'Column 1\tColumn 2\t*=in existence\tEffective\tDeletion\tModifier\tPTP Edit Rationale',
  '\t\tprior to 1996\tDate\tDate\t0=not allowed\t',
  '\t\t\t\t*=no data\t1=allowed\t',
  '\t\t\t\t\t9=not applicable\t',
];

describe('a PTP table whose preamble or header is repeated', () => {
  it('loads two CMS parts joined into one file without problems', () => {
    const part1 = [...PREAMBLE, '11111\t22222\t\t20200101\t*\t1\tMutually exclusive procedures'];
    const part2 = [...PREAMBLE, '33333\t44444\t*\t19960101\t*\t0\tStandards of medical / surgical practice'];
    const result = loadPtpTable([...part1, ...part2].join('\r\n') + '\r\n', 'ccipra-joined.txt');
    assert.equal(result.rows, 2);
    assert.deepEqual(result.problems, []);
  });

  it('loads a CSV export whose header row is repeated without problems', () => {
    const header = 'Column 1,Column 2,Effective Date,Deletion Date,Modifier Indicator';
    const result = loadPtpTable([header, '11111,22222,20200101,*,1', header, '33333,44444,20200101,*,0'].join('\n'), 'ptp.csv');
    assert.equal(result.rows, 2);
    assert.deepEqual(result.problems, []);
  });
});

const MUE_NOTICE = '"Example notice, line one\n\nline two.",,,';
const MUE_HEADER = '"HCPCS/\nCPT Code",Practitioner Services MUE Values,MUE Adjudication Indicator,MUE Rationale';

describe('an MUE or add-on code table whose preamble or header is repeated', () => {
  it('loads two MUE files joined into one (notice and header again) without problems', () => {
    const part = (row: string) => [MUE_NOTICE, MUE_HEADER, row];
    const text = [...part('11111,1,2 Date of Service Edit: Policy,Policy'), ...part('22222,3,3 Date of Service Edit: Clinical,Clinical')].join('\r\n') + '\r\n';
    const tables = emptyMueTables();
    const result = loadMueTable(text, 'mue.csv', tables);
    assert.deepEqual(result.problems, []);
    assert.equal(result.rows, 2);
    assert.equal(tables.practitioner.get('22222')?.value, 3);
  });

  it('still reports a header that names another MUE table (two tables joined into one file)', () => {
    const hospital = '"HCPCS/\nCPT Code",Outpatient Hospital Services MUE Values,MUE Adjudication Indicator,MUE Rationale';
    const text = [MUE_HEADER, '11111,1,2 Date of Service Edit: Policy,Policy', hospital, '22222,3,3 Date of Service Edit: Clinical,Clinical'].join('\n');
    const result = loadMueTable(text, 'mue.csv', emptyMueTables());
    assert.deepEqual(result.problems.map((problem) => problem.line), [4]);
  });

  it('loads an add-on code table whose title and header are repeated without problems', () => {
    const title = 'Example add-on code edits';
    const header = 'Add-on Code\tPrimary Code\tAOC Edit Type\tAOC Effective Date\tAOC Deletion Date';
    const text = [title, header, '11111\t22222\t1\t2011001\t*', title, header, '33333\t44444\t1\t2011001\t*', 'Footer that is not a row'].join('\r\n') + '\r\n';
    const table = new AocTable();
    const result = loadAocTable(text, 'aoc.txt', table);
    assert.equal(result.rows, 2);
    assert.ok(table.isAddOn('33333'));
    assert.deepEqual(result.problems.map((problem) => problem.line), [7], 'a line that is neither a row nor the preamble is still reported');
  });

  it('still reports a line after the data that is neither a row nor the preamble', () => {
    const result = loadPtpTable([...PREAMBLE, '11111\t22222\t\t20200101\t*\t1\tMutually exclusive procedures', 'Footer text that is not a row'].join('\r\n'), 'ptp.txt');
    assert.equal(result.rows, 1);
    assert.deepEqual(result.problems.map((problem) => problem.line), [PREAMBLE.length + 2]);
  });
});
