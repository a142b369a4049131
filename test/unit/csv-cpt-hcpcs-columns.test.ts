// Found in review: exports that keep CPT codes and HCPCS Level II codes in two columns ("CPT Code",
// "HCPCS Code"), each row filling one of them. Only the better-ranked column was read; a row whose
// code is in the other was reported as having an empty code, and its line was never checked. The
// other code set's column is now read where the code column's cell is empty (csv/columnLayout.ts
// otherProcedureCode, csv/rows.ts), in both readers (csv-stream.test.ts).

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { CODE_SET_COLUMN_NAMES, COLUMN_NAMES } from '../../server/src/core/csv/columns';
import { mapColumns } from '../../server/src/core/csv/columnLayout';
import { parseCsv } from '../../server/src/core/csv/index';
import { hoverAt } from '../../server/src/core/hover/hover';
import { loadKnowledge } from '../../server/src/core/rules/knowledge';
import { practitionerPtpText } from './helpers/ncci-tables';

// A synthetic practitioner PTP row: column 1 96374, column 2 J2001, modifier indicator 0.
const PTP = practitionerPtpText(['96374\tJ2001\t\t20100101\t*\t0\tMisuse of column two code with column one code']);
const knowledge = loadKnowledge({ builtinEdits: true, ptpFiles: ['ptp.txt'], descriptorFiles: [], readFile: () => PTP });

describe('CSV with a CPT column and an HCPCS column', () => {
  it('a row with its code in the HCPCS column is read, and paired', () => {
    const text = 'Claim,Patient,DOS,CPT Code,HCPCS Code,Units\n1,P1,03/12/2026,96374,,1\n1,P1,03/12/2026,,J2001,1\n';
    const analysis = analyze(text, knowledge);
    assert.deepEqual(analysis.doc.claims.map((c) => c.lines.map((l) => l.code)), [['96374', 'J2001']]);
    assert.deepEqual(analysis.findings.map((f) => f.rule), ['ptp.conflict']);
    const f = analysis.findings[0]!;
    assert.equal(text.slice(f.span.start, f.span.end), 'J2001');
  });
});

describe('CSV code columns of two code sets', () => {
  it('the better-ranked is the code column, the other read where it is empty: either way round', () => {
    let layout = mapColumns(['CPT Code', 'HCPCS Code']);
    assert.deepEqual([layout.procedureCode, layout.otherProcedureCode], [0, 1]);
    layout = mapColumns(['CPT Code', 'HCPCS']);
    assert.deepEqual([layout.procedureCode, layout.otherProcedureCode], [1, 0]);
    assert.deepEqual(layout.roles, ['procedureCode', 'procedureCode']);
    // Two names of one set, or a name of neither (a combined CPT/HCPCS column), have no other column.
    assert.equal(mapColumns(['CPT', 'CPT Code']).otherProcedureCode, -1);
    assert.equal(mapColumns(['CPT/HCPCS', 'HCPCS']).otherProcedureCode, -1);
    assert.equal(mapColumns(['Code', 'HCPCS']).otherProcedureCode, -1);
    for (const name of [...CODE_SET_COLUMN_NAMES.cpt, ...CODE_SET_COLUMN_NAMES.hcpcs]) assert.ok(COLUMN_NAMES.procedureCode.includes(name), name);
  });

  it('reads the code column when both cells are written, names both when both are empty, and reads a row ending before the code column', () => {
    const text = 'Claim,DOS,HCPCS,CPT Code\n1,03/12/2026,J2001,96374\n1,03/12/2026,,\n1,03/12/2026,J2001\n';
    const doc = parseCsv(text);
    assert.deepEqual(doc.claims[0]!.lines.map((l) => l.code), ['J2001', '', 'J2001']);
    const empty = doc.findings.find((f) => f.rule === 'csv.procedure-code-invalid')!;
    assert.match(empty.message, /^Line 3: column "HCPCS" and column "CPT Code" are empty; expected a procedure code\.$/);
    assert.deepEqual(doc.findings.map((f) => f.rule), ['csv.procedure-code-invalid', 'csv.row-short']);
  });

  it('the hover of a code in the other column is the code hover', () => {
    const text = 'Claim,Patient,DOS,CPT Code,HCPCS Code,Units\n1,P1,03/12/2026,96374,,1\n1,P1,03/12/2026,,J2001,1\n';
    const hover = hoverAt(analyze(text, knowledge), text.indexOf('J2001') + 1, knowledge);
    assert.match(hover!.markdown, /J2001/);
  });
});
