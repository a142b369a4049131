// Found in review: a CSV whose records end with CR only (Excel for Mac's "CSV (Macintosh)") keeps LF for
// line breaks inside a quoted cell, as the CMS MUE header's "HCPCS/<LF>CPT Code" cell has. The
// survey in textInput picks LF as the line break whenever the file has one, so the whole table
// reads as a few long lines and no MUE row loads. Synthetic rows in the CMS MUE layout.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { emptyMueTables, loadMueTable } from '../../server/src/core/rules';
import type { BlockSource } from '../../server/src/core/rules/textInput';

const records = [
  '"Example notice, line one\n\nline two.",,,',
  '"HCPCS/\nCPT Code",Practitioner Services MUE Values,MUE Adjudication Indicator,MUE Rationale',
  '11111,1,2 Date of Service Edit: Policy,Code Descriptor / CPT Instruction',
  '22222,0,3 Date of Service Edit: Clinical,Clinical: Data',
];

/** The bytes as blocks of `size`, as openFileBlocks gives them. */
function blocksOf(bytes: Buffer, size: number): BlockSource {
  return {
    byteLength: bytes.length,
    *blocks() {
      for (let start = 0; start < bytes.length; start += size) yield bytes.subarray(start, start + size);
    },
  };
}

describe('CR-terminated MUE CSV with an LF inside the quoted header cell', () => {
  it('loads every row', () => {
    const tables = emptyMueTables();
    const result = loadMueTable(Buffer.from(records.join('\r') + '\r', 'latin1'), 'MCR_MUE_PractitionerServices.csv', tables);
    assert.deepEqual(result.problems, []);
    assert.equal(result.rows, 2);
    assert.equal(tables.practitioner.get('22222')?.value, 0);
  });
});

describe('the line break decided from where records end outside quotes', () => {
  it('reads the CR-only file the same whole, as a string and a block at a time', () => {
    const bytes = Buffer.from(records.join('\r') + '\r', 'latin1');
    for (const content of [bytes.toString('latin1'), blocksOf(bytes, 3), blocksOf(bytes, 64)]) {
      const tables = emptyMueTables();
      const result = loadMueTable(content, 'mue.csv', tables);
      assert.deepEqual(result.problems, []);
      assert.deepEqual([...tables.practitioner.rows()].map((row) => row.code), ['11111', '22222']);
    }
  });

  it('keeps LF as the line break when LF ends records (CRLF or LF, with LF or CR inside quoted cells)', () => {
    for (const eol of ['\r\n', '\n']) {
      const result = loadMueTable(records.join(eol) + eol, 'mue.csv', emptyMueTables());
      assert.deepEqual([result.rows, result.problems], [2, []], JSON.stringify(eol));
    }
    const crInside = records.map((record) => record.replace(/\n/g, '\r')).join('\n') + '\n';
    assert.deepEqual([loadMueTable(crInside, 'mue.csv', emptyMueTables()).rows], [2]);
  });

  it('does not take a quote in the middle of a cell (an inch mark) for one that opens a quoted cell', () => {
    const text = [records[1], '11111,1,2 Date of Service Edit: Policy,Per 12" segment', '22222,0,3 Date of Service Edit: Clinical,"Note, with\nLF"'].join('\r') + '\r';
    const tables = emptyMueTables();
    const result = loadMueTable(Buffer.from(text, 'latin1'), 'mue.csv', tables);
    assert.deepEqual([result.rows, result.problems], [2, []]);
    assert.equal(tables.practitioner.get('22222')?.rationale, 'Note, with\nLF');
  });
});
