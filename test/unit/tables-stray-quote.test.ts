// Found in review: forEachRecord (then in mue.ts; shared by the MUE and add-on code loaders) takes every `"` as
// opening or closing a quoted cell, even one in the middle of a cell (an inch mark in a note). Two
// such rows a few lines apart are joined into one record with the rows between them, and those
// rows vanish without a problem. A quote opens a quoted cell only at the start of a cell (RFC 4180;
// parseDelimited and the PTP loader already read it so). Synthetic rows only.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AocTable, emptyMueTables, loadAocTable, loadMueTable } from '../../server/src/core/rules';

const AOC_HEADER = ['Add-On Code', 'AOC Del Dt', 'Primary Code', 'Primary Code Del Dt', 'AOC Edit Type', 'AOC Edit Eff Dt', 'AOC Edit Del Dt', 'Special Instruction Notes'];

describe('a " inside a cell of an add-on code or MUE table', () => {
  it('add-on code table (tab-delimited): every row is loaded, none is swallowed silently', () => {
    const text = [
      AOC_HEADER.join('\t'),
      '11111\t*\t22221\t*\t1\t2011001\t*\tReport per 12" of length',
      '11112\t*\t22222\t*\t1\t2011001\t*\t',
      '11113\t*\t22223\t*\t1\t2011001\t*\tSee the 3" rule',
      '11114\t*\t22224\t*\t1\t2011001\t*\t',
    ].join('\r\n') + '\r\n';
    const table = new AocTable();
    const result = loadAocTable(text, 'aoc.txt', table);
    assert.deepEqual(result.problems, []);
    assert.equal(result.rows, 4);
    for (const code of ['11111', '11112', '11113', '11114']) assert.ok(table.isAddOn(code), `${code} is loaded`);
    assert.equal(table.rowsForAddOn('11111')[0]?.notes, 'Report per 12" of length');
  });

  it('MUE table (CSV): every row is loaded, none is swallowed silently', () => {
    const text = [
      'HCPCS/CPT Code,Practitioner Services MUE Values,MUE Adjudication Indicator,MUE Rationale',
      '11111,1,2 Date of Service Edit: Policy,Limit of 12" total',
      '11112,2,3 Date of Service Edit: Clinical,Clinical: Data',
      '11113,3,1 Line Edit,Per 6" segment',
    ].join('\r\n') + '\r\n';
    const tables = emptyMueTables();
    const result = loadMueTable(text, 'mue.csv', tables);
    assert.deepEqual(result.problems, []);
    assert.equal(result.rows, 3);
    assert.equal(tables.practitioner.get('11112')?.value, 2);
    assert.equal(tables.practitioner.get('11113')?.value, 3);
  });
});
