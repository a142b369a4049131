// MUE tables (issue 16): the CMS CSV exactly as downloaded (AMA notice record, two-line quoted
// header, MAI cells such as "2 Date of Service Edit: Policy"), the table kind from the header or the
// name, bad rows reported with their lines, and a generated 50,000-row table.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { strToU8, zipSync } from 'fflate';
import { emptyMueTables, loadKnowledge, loadMueTable, mueKindFromName, MueTable, MAX_PROBLEMS_PER_FILE } from '../../server/src/core/rules';
import { readFileCapped } from '../../server/src/core/rules/readFile';
import { expandRuleFilePaths } from '../../server/src/core/rules/ruleFiles';
import { generateMueRows, generateMueTable } from '../../bench/generate';
import { parseArguments, UsageError } from '../../server/src/cli/arguments';
import { run, type Io } from '../../server/src/cli/main';

// The start of the CMS practitioner MUE table effective 2026-07-01, as downloaded
// (MCR_MUE_PractitionerServices_Eff_07-01-2026.csv, copied in below as a string):
// the AMA notice is one quoted cell over 7 lines, with a latin-1 ® (0xAE) in it; the header is one
// record over 2 lines. LF line ends, as in the excerpt.
const NOTICE = [
  '"Current Procedural Terminology (CPT) codes, descriptions and other data only are copyright 2025 American Medical Association. All rights reserved. ',
  '',
  'CPT\u00ae is a registered trademark of the American Medical Association.',
  '',
  'Applicable FARS/DFARS Restrictions Apply to Government Use. ',
  '',
  'Fee schedules, relative value units, conversion factors and/or related components are not assigned by the AMA, are not part of CPT, and the AMA is not recommending their use.  The AMA does not directly or indirectly practice medicine or dispense medical services.  The AMA assumes no liability for the data contained or not contained herein.",,,',
];
const HEADER = ['"HCPCS/', 'CPT Code",Practitioner Services MUE Values,MUE Adjudication Indicator,MUE Rationale'];
/** The 44 data rows of the excerpt (0001U to 0041U), unchanged. */
const REAL_ROWS = [
  '0001U,1,2 Date of Service Edit: Policy,Code Descriptor / CPT Instruction',
  '0002M,1,3 Date of Service Edit: Clinical,Nature of Analyte',
  '0002U,1,2 Date of Service Edit: Policy,Code Descriptor / CPT Instruction',
  '0003M,1,3 Date of Service Edit: Clinical,Nature of Analyte',
  '0003U,1,2 Date of Service Edit: Policy,Code Descriptor / CPT Instruction',
  '0004M,1,2 Date of Service Edit: Policy,Code Descriptor / CPT Instruction',
  '0005U,1,2 Date of Service Edit: Policy,Code Descriptor / CPT Instruction',
  '0006M,1,2 Date of Service Edit: Policy,Code Descriptor / CPT Instruction',
  '0007M,1,2 Date of Service Edit: Policy,Code Descriptor / CPT Instruction',
  '0007U,1,2 Date of Service Edit: Policy,Code Descriptor / CPT Instruction',
  '0008U,1,3 Date of Service Edit: Clinical,Nature of Analyte',
  '0009U,2,3 Date of Service Edit: Clinical,Nature of Analyte',
  '0010U,2,3 Date of Service Edit: Clinical,Nature of Service/Procedure',
  '0011M,1,2 Date of Service Edit: Policy,Code Descriptor / CPT Instruction',
  '0011U,1,2 Date of Service Edit: Policy,Code Descriptor / CPT Instruction',
  '0012M,1,2 Date of Service Edit: Policy,Code Descriptor / CPT Instruction',
  '0013M,1,2 Date of Service Edit: Policy,Code Descriptor / CPT Instruction',
  '0015M,1,2 Date of Service Edit: Policy,Code Descriptor / CPT Instruction',
  '0016M,2,3 Date of Service Edit: Clinical,Nature of Service/Procedure',
  '0016U,1,3 Date of Service Edit: Clinical,Nature of Analyte',
  '0017M,1,2 Date of Service Edit: Policy,Code Descriptor / CPT Instruction',
  '0017U,1,3 Date of Service Edit: Clinical,Nature of Analyte',
  '0018M,1,2 Date of Service Edit: Policy,Code Descriptor / CPT Instruction',
  '0018U,2,3 Date of Service Edit: Clinical,Nature of Service/Procedure',
  '0019M,1,2 Date of Service Edit: Policy,Code Descriptor / CPT Instruction',
  '0019U,1,3 Date of Service Edit: Clinical,Nature of Analyte',
  '0020M,1,2 Date of Service Edit: Policy,Code Descriptor / CPT Instruction',
  '0021U,1,2 Date of Service Edit: Policy,Code Descriptor / CPT Instruction',
  '0022U,2,3 Date of Service Edit: Clinical,Clinical: CMS Workgroup',
  '0023U,1,2 Date of Service Edit: Policy,Code Descriptor / CPT Instruction',
  '0024U,1,2 Date of Service Edit: Policy,Code Descriptor / CPT Instruction',
  '0025U,1,2 Date of Service Edit: Policy,Code Descriptor / CPT Instruction',
  '0026U,2,3 Date of Service Edit: Clinical,Nature of Service/Procedure',
  '0027U,1,2 Date of Service Edit: Policy,Code Descriptor / CPT Instruction',
  '0030U,1,2 Date of Service Edit: Policy,Code Descriptor / CPT Instruction',
  '0032U,1,2 Date of Service Edit: Policy,Code Descriptor / CPT Instruction',
  '0034U,1,2 Date of Service Edit: Policy,Code Descriptor / CPT Instruction',
  '0035U,1,2 Date of Service Edit: Policy,Code Descriptor / CPT Instruction',
  '0036U,1,3 Date of Service Edit: Clinical,Nature of Analyte',
  '0037U,1,3 Date of Service Edit: Clinical,Nature of Analyte',
  '0038U,1,2 Date of Service Edit: Policy,Code Descriptor / CPT Instruction',
  '0039U,1,2 Date of Service Edit: Policy,Code Descriptor / CPT Instruction',
  '0040U,1,2 Date of Service Edit: Policy,Code Descriptor / CPT Instruction',
  '0041U,1,2 Date of Service Edit: Policy,Code Descriptor / CPT Instruction',
];
/** Line of the first data row: 7 notice lines and 2 header lines come first. */
const FIRST_ROW_LINE = 10;

function cmsFile(rows: readonly string[], header: readonly string[] = HEADER, eol = '\n'): Buffer {
  return Buffer.from([...NOTICE, ...header, ...rows].join(eol) + eol, 'latin1');
}

describe('loadMueTable: the CMS CSV as downloaded', () => {
  it('reads every real row of the excerpt past the multi-line notice and header, into the table the header names', () => {
    const tables = emptyMueTables();
    const result = loadMueTable(cmsFile(REAL_ROWS), 'MCR_MUE_PractitionerServices_Eff_07-01-2026.csv', tables);
    assert.deepEqual(result.problems, []);
    assert.equal(result.rows, 44);
    assert.equal(result.kind, 'practitioner');
    assert.equal(tables.practitioner.size, 44);
    assert.equal(tables.hospital.size + tables.dme.size, 0);
    // 0001U,1,2 Date of Service Edit: Policy,Code Descriptor / CPT Instruction
    assert.deepEqual(tables.practitioner.get('0001U'), {
      code: '0001U',
      value: 1,
      mai: 2,
      rationale: 'Code Descriptor / CPT Instruction',
      source: 'MCR_MUE_PractitionerServices_Eff_07-01-2026.csv',
      kind: 'practitioner',
    });
    // 0009U,2,3 Date of Service Edit: Clinical,Nature of Analyte
    const row = tables.practitioner.get('0009U')!;
    assert.deepEqual([row.value, row.mai, row.rationale], [2, 3, 'Nature of Analyte']);
    // 0022U,2,3 Date of Service Edit: Clinical,Clinical: CMS Workgroup (a colon in the rationale)
    assert.equal(tables.practitioner.get('0022U')?.rationale, 'Clinical: CMS Workgroup');
    // Looked up in any case, with blanks around.
    assert.equal(tables.practitioner.get(' 0041u ')?.value, 1);
    assert.equal(tables.practitioner.get('0004U'), undefined, 'not in the table');
    assert.deepEqual(tables.practitioner.sources, ['MCR_MUE_PractitionerServices_Eff_07-01-2026.csv']);
    // Every MAI cell of the excerpt: the leading digit.
    const byMai = new Map<number, number>();
    for (const line of REAL_ROWS) {
      const [code, , maiCell] = line.split(',');
      const mai = tables.practitioner.get(code!)!.mai;
      assert.equal(mai, Number(maiCell![0]), code);
      byMai.set(mai, (byMai.get(mai) ?? 0) + 1);
    }
    assert.deepEqual([byMai.get(1), byMai.get(2), byMai.get(3)], [undefined, 30, 14]);
  });

  it('reads the same file with CRLF line ends, as a string, and with a UTF-8 BOM', () => {
    for (const content of [
      cmsFile(REAL_ROWS, HEADER, '\r\n'),
      cmsFile(REAL_ROWS).toString('latin1'),
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(cmsFile(REAL_ROWS).toString('latin1'), 'utf8')]),
    ]) {
      const tables = emptyMueTables();
      const result = loadMueTable(content, 'mue.csv', tables);
      assert.deepEqual([result.rows, result.problems], [44, []]);
      assert.equal(tables.practitioner.get('0026U')?.rationale, 'Nature of Service/Procedure');
    }
  });

  it('takes MAI 1 ("1 Line Edit") and a value of 0 (not payable)', () => {
    // Hand-made rows: the excerpt has neither.
    const tables = emptyMueTables();
    const result = loadMueTable(cmsFile(['J7999,0,2 Date of Service Edit: Policy,CMS Policy', '20610,2,1 Line Edit,Anatomic Consideration', '36415,2,3,Clinical: Data']), 'mue.csv', tables);
    assert.deepEqual(result.problems, []);
    assert.deepEqual([tables.practitioner.get('J7999')?.value, tables.practitioner.get('J7999')?.mai], [0, 2]);
    assert.deepEqual([tables.practitioner.get('20610')?.value, tables.practitioner.get('20610')?.mai], [2, 1]);
    assert.equal(tables.practitioner.get('36415')?.mai, 3, 'a bare digit is an indicator too');
  });

  it('puts the rows in the table the header names, whatever the file name says', () => {
    for (const [valueHeader, kind] of [
      ['Outpatient Hospital Services MUE Values', 'hospital'],
      ['DME Supplier Services MUE Values', 'dme'],
      ['Practitioner Services MUE Values', 'practitioner'],
    ] as const) {
      const tables = emptyMueTables();
      const header = ['"HCPCS/', `CPT Code",${valueHeader},MUE Adjudication Indicator,MUE Rationale`];
      const result = loadMueTable(cmsFile(REAL_ROWS.slice(0, 3), header), 'MCR_MUE_PractitionerServices.csv', tables, 'practitioner');
      assert.equal(result.kind, kind, valueHeader);
      assert.equal(tables[kind].size, 3, valueHeader);
      assert.equal(tables[kind].get('0001U')?.kind, kind);
      assert.equal(Object.values(tables).reduce((sum, table) => sum + table.size, 0), 3, 'only in that table');
    }
  });

  it('without a kind in the header: the name given, else practitioner (the outpatient hospital rows of oph-mue-2026-10-01)', () => {
    // Real outpatient hospital MUE rows (effective 2026-10-01), in the derived layout of
    // oph-mue-2026-10-01.selected.tsv: comment lines, then a header that names no table.
    const tsv = [
      '# Derived from the CMS Outpatient Hospital Services MUE table effective 2026-10-01. Selected codes only.',
      'code\tmue_value\tmai\tmue_rationale',
      '43197\t1\t3\tNature of Service/Procedure',
      '43213\t1\t2\tCMS Policy',
      '43214\t1\t3\tNature of Service/Procedure',
      '76000\t3\t3\tClinical: Data',
      '77001\t2\t3\tClinical: Data',
    ].join('\n');
    const named = emptyMueTables();
    const result = loadMueTable(tsv, 'oph-mue-2026-10-01.selected.tsv', named, mueKindFromName('oph-mue-2026-10-01.selected.tsv'));
    assert.deepEqual([result.rows, result.kind, result.problems], [5, null, []]);
    assert.deepEqual([named.hospital.get('76000')?.value, named.hospital.get('43213')?.mai], [3, 2]);
    const unnamed = emptyMueTables();
    loadMueTable(tsv, 'mue.tsv', unnamed);
    assert.equal(unnamed.practitioner.get('43214')?.value, 1);
  });

  it('reports bad rows with their lines and keeps the good ones', () => {
    const rows = [
      REAL_ROWS[0]!, // line 10
      '0002Q,1,3 Date of Service Edit: Clinical,Nature of Analyte', // 11: not a procedure code
      '0003M,one,3 Date of Service Edit: Clinical,Nature of Analyte', // 12
      '0003U,-1,2 Date of Service Edit: Policy,Code Descriptor / CPT Instruction', // 13
      '0004M,1.5,2 Date of Service Edit: Policy,Code Descriptor / CPT Instruction', // 14
      '0005U,1,4 Date of Service Edit: Policy,Code Descriptor / CPT Instruction', // 15: MAI 4
      '0006M,1,Date of Service Edit: Policy,Code Descriptor / CPT Instruction', // 16: no digit
      '0007M,1', // 17: too few fields
      '', // 18: blank, skipped
      REAL_ROWS[9]!, // 19: 0007U
      ',,,', // 20: an empty record, skipped
      REAL_ROWS[43]!, // 21: 0041U
    ];
    const tables = emptyMueTables();
    const result = loadMueTable(cmsFile(rows), 'mue.csv', tables);
    assert.equal(result.rows, 3);
    assert.deepEqual(
      result.problems.map((p) => [p.line, p.reason]),
      [
        [11, 'HCPCS/CPT code "0002Q" is not a procedure code'],
        [12, 'MUE value (a 3-character value) of 0003M is not a whole number of units'],
        // Values are quoted only when shaped like a code or a date (valueForMessage): a claim file set
        // as a table by mistake must not put its contents in the log.
        [13, 'MUE value (a 2-character value) of 0003U is not a whole number of units'],
        [14, 'MUE value (a 3-character value) of 0004M is not a whole number of units'],
        [15, 'MUE adjudication indicator "4" of 0005U is not 1, 2 or 3'],
        [16, 'MUE adjudication indicator (a 4-character value) of 0006M is not 1, 2 or 3'],
        [17, 'too few fields (2): expected the code, the MUE value and the MUE adjudication indicator'],
      ],
    );
    assert.ok(result.problems.every((p) => p.source === 'mue.csv'));
    assert.deepEqual([...tables.practitioner.rows()].map((r) => r.code), ['0001U', '0007U', '0041U']);
  });

  it('counts lines inside quoted cells, so a bad row after a multi-line rationale is on its own line', () => {
    const rows = ['0001U,1,2 Date of Service Edit: Policy,"Code Descriptor /', 'CPT Instruction"', '0002Q,1,2,x', '0002U,"1",2,"Quoted, with a comma"'];
    const tables = emptyMueTables();
    const result = loadMueTable(cmsFile(rows), 'mue.csv', tables);
    assert.deepEqual(result.problems.map((p) => p.line), [FIRST_ROW_LINE + 2]);
    assert.equal(tables.practitioner.get('0001U')?.rationale, 'Code Descriptor /\nCPT Instruction');
    assert.equal(tables.practitioner.get('0002U')?.rationale, 'Quoted, with a comma');
    assert.equal(tables.practitioner.get('0002U')?.value, 1);
  });

  it('a quote that is never closed costs its own row only: the rows after it are read', () => {
    const rows = ['0001U,1,2 Date of Service Edit: Policy,"Code Descriptor', ...REAL_ROWS.slice(1, 30)];
    const tables = emptyMueTables();
    const result = loadMueTable(cmsFile(rows), 'mue.csv', tables);
    assert.deepEqual(result.problems.map((p) => [p.line, p.reason]), [[FIRST_ROW_LINE, 'a quoted cell is not closed (a " without its closing ")']]);
    assert.equal(result.rows, 29);
    assert.equal(tables.practitioner.get('0001U'), undefined);
    assert.equal(tables.practitioner.get('0002M')?.mai, 3);
  });

  it('a code loaded again takes the later row, in one file and across files', () => {
    const tables = emptyMueTables();
    loadMueTable(cmsFile(['0001U,1,2 Date of Service Edit: Policy,first', '0001U,3,3 Date of Service Edit: Clinical,second']), 'a.csv', tables);
    assert.deepEqual([tables.practitioner.get('0001U')?.value, tables.practitioner.get('0001U')?.rationale], [3, 'second']);
    loadMueTable(cmsFile(['0001U,5,1 Line Edit,third']), 'b.csv', tables);
    assert.deepEqual([tables.practitioner.get('0001U')?.value, tables.practitioner.get('0001U')?.source], [5, 'b.csv']);
    assert.equal(tables.practitioner.size, 1);
    assert.deepEqual(tables.practitioner.sources, ['a.csv', 'b.csv']);
  });

  it('a file that is not an MUE table says why in one problem', () => {
    const ptp = 'copyright line\r\n10021\t36000\t\t20190101\t*\t1\tMisuse of column two code with column one code\r\n';
    const cases: [string, string][] = [
      [ptp, 'not an MUE table: no HCPCS/CPT code column in the first 20 lines'],
      ['', 'not an MUE table: no HCPCS/CPT code column in the first 20 lines'],
      ['HCPCS Code,Description\n0001U,1\n', 'not an MUE table: the header on line 1 names a HCPCS/CPT code column but not an MUE value column'],
      ['HCPCS Code,MUE Value\n0001U,1\n', 'not an MUE table: the header on line 1 names a HCPCS/CPT code column but not an MUE Adjudication Indicator column'],
      [[...NOTICE, ...HEADER, ''].join('\n'), 'no MUE rows found after the header on line 8'],
      ['\n'.repeat(20) + 'HCPCS Code,MUE Value,MAI\n0001U,1,2\n', 'not an MUE table: no HCPCS/CPT code column in the first 20 lines'],
    ];
    for (const [content, reason] of cases) {
      const tables = emptyMueTables();
      const result = loadMueTable(content, 'x.csv', tables);
      assert.deepEqual(result.problems, [{ source: 'x.csv', line: 0, reason }], reason);
      assert.equal(result.rows, 0);
    }
    // Within the first 20 lines it is found.
    assert.equal(loadMueTable('\n'.repeat(19) + 'HCPCS Code,MUE Value,MAI\n0001U,1,2\n', 'x.csv', emptyMueTables()).rows, 1);
  });

  it('a wrong file cannot flood the problems', () => {
    const rows = Array.from({ length: 1000 }, (_, i) => `${String(10000 + i)},x,2,r`);
    const result = loadMueTable(cmsFile(rows), 'mue.csv', emptyMueTables());
    assert.equal(result.problems.length, MAX_PROBLEMS_PER_FILE + 1);
    assert.equal(result.problems.at(-1)!.reason, `${1000 - MAX_PROBLEMS_PER_FILE} more problems not listed`);
  });

  it('MueTable.add refuses what a table cannot hold', () => {
    const table = new MueTable('dme');
    assert.throws(() => table.add({ code: 'ABCDE', value: 1, mai: 1, rationale: '', source: 's', kind: 'dme' }), /not a procedure code/);
    assert.throws(() => table.add({ code: 'E0100', value: 1.5, mai: 1, rationale: '', source: 's', kind: 'dme' }), /whole number/);
    assert.throws(() => table.add({ code: 'E0100', value: 1, mai: 4 as 1, rationale: '', source: 's', kind: 'dme' }), /1, 2 or 3/);
    table.add({ code: 'e0100 ', value: 1, mai: 1, rationale: '', source: 's', kind: 'practitioner' });
    assert.deepEqual([table.get('E0100')?.code, table.get('E0100')?.kind, table.size], ['E0100', 'dme', 1]);
  });
});

describe('mueKindFromName', () => {
  it('reads the CMS file and zip names, and only the last part of a path', () => {
    assert.equal(mueKindFromName('MCR_MUE_PractitionerServices_Eff_07-01-2026.csv'), 'practitioner');
    assert.equal(mueKindFromName('medicare-ncci-2026-q3-practitioner-services-mue-table.zip'), 'practitioner');
    assert.equal(mueKindFromName('MCR_MUE_OutpatientHospitalServices_Eff_07-01-2026.csv'), 'hospital');
    assert.equal(mueKindFromName('oph-mue-2026-10-01.selected.tsv'), 'hospital');
    assert.equal(mueKindFromName('MCR_MUE_DMESupplierServices_Eff_07-01-2026.csv'), 'dme');
    assert.equal(mueKindFromName('mue.csv'), null);
    assert.equal(mueKindFromName('/data/hospital/mue.csv'), null);
    assert.equal(mueKindFromName('C:\\cms\\dme\\MCR_MUE_PractitionerServices.csv'), 'practitioner');
  });

  it('reads whole words, so a name that only holds the letters of one names no table', () => {
    // A hospitalist group's or an ophthalmology practice's own MUE list is not the hospital table.
    assert.equal(mueKindFromName('hospitalist-mue.csv'), null);
    assert.equal(mueKindFromName('ophthalmology_mue.csv'), null);
    assert.equal(mueKindFromName('admeasure-mue.csv'), null);
    assert.equal(mueKindFromName('group-mue.csv'), null);
    // The words themselves, in every way file names write them.
    assert.equal(mueKindFromName('Outpatient_Hospital_MUE.csv'), 'hospital');
    assert.equal(mueKindFromName('OutpatientHospital.csv'), 'hospital');
    assert.equal(mueKindFromName('opps-mue-2026q4.tsv'), 'hospital');
    assert.equal(mueKindFromName('DMEPOS_MUE.csv'), 'dme');
    assert.equal(mueKindFromName('DME Supplier Services MUE Values'), 'dme');
    assert.equal(mueKindFromName('Outpatient Hospital Services MUE Values'), 'hospital');
    assert.equal(mueKindFromName('Practitioner Services MUE Values'), 'practitioner');
  });
});

describe('loadKnowledge with MUE files', () => {
  it('loads each file into its table and lists it with its kind, table, rows and problems', () => {
    const files: Record<string, Buffer | string> = {
      'MCR_MUE_PractitionerServices.csv': cmsFile(REAL_ROWS),
      'oph-mue.tsv': 'code\tmue_value\tmai\tmue_rationale\n43214\t1\t3\tNature of Service/Procedure\n4321X\t1\t3\tbad\n',
      'mue.csv': 'not a table\n',
    };
    const knowledge = loadKnowledge({
      builtinEdits: true,
      ptpFiles: [],
      descriptorFiles: [],
      mueFiles: ['MCR_MUE_PractitionerServices.csv', 'oph-mue.tsv', 'mue.csv', 'missing.csv'],
      readFile: (path) => {
        const content = files[path];
        if (content === undefined) throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
        return content;
      },
    });
    assert.deepEqual(knowledge.files, [
      { source: 'MCR_MUE_PractitionerServices.csv', kind: 'mue', rows: 44, problems: 0, mueTable: 'practitioner' },
      { source: 'oph-mue.tsv', kind: 'mue', rows: 1, problems: 1, mueTable: 'hospital' },
      { source: 'mue.csv', kind: 'mue', rows: 0, problems: 1, mueTable: 'practitioner' },
      { source: 'missing.csv', kind: 'mue', rows: 0, problems: 1, unread: true },
    ]);
    assert.deepEqual(
      knowledge.problems.map((p) => [p.source, p.line]),
      [
        ['oph-mue.tsv', 3],
        ['mue.csv', 0],
        ['missing.csv', 0],
      ],
    );
    assert.equal(knowledge.problems.at(-1)!.reason, 'cannot read: file not found');
    assert.equal(knowledge.mue.practitioner.size, 44);
    assert.equal(knowledge.mue.hospital.get('43214')?.source, 'oph-mue.tsv');
    assert.equal(knowledge.mue.dme.size, 0);
    assert.equal(knowledge.aoc.size, 0);
    assert.equal(knowledge.rules.size, 5, 'the PTP tables are as before');
  });

  it('has empty MUE tables when none are set', () => {
    const knowledge = loadKnowledge({ builtinEdits: true, ptpFiles: [], descriptorFiles: [], readFile: () => '' });
    assert.deepEqual([knowledge.mue.practitioner.size, knowledge.mue.hospital.size, knowledge.mue.dme.size], [0, 0, 0]);
    assert.deepEqual([knowledge.mue.practitioner.kind, knowledge.mue.hospital.kind, knowledge.mue.dme.kind], ['practitioner', 'hospital', 'dme']);
  });

  it('reads the CMS zips as downloaded and folders, the table from the header or else the name', () => {
    const dir = mkdtempSync(join(tmpdir(), 'claimlint-mue-'));
    try {
      const practitionerZip = join(dir, 'medicare-ncci-2026-q3-practitioner-services-mue-table.zip');
      writeFileSync(practitionerZip, zipSync({ 'MCR_MUE_PractitionerServices_Eff_07-01-2026.csv': cmsFile(REAL_ROWS), 'README.txt': strToU8('notice') }));
      // A header that names no table: the entry's name decides (DME), not the zip's.
      const dmeZip = join(dir, 'mue-tables.zip');
      writeFileSync(dmeZip, zipSync({ 'MCR_MUE_DMESupplierServices.csv': strToU8('HCPCS Code,MUE Value,MAI,Rationale\nE0100,1,2,Nature of Equipment\n') }));
      const folder = join(dir, 'hospital-folder');
      mkdirSync(folder);
      writeFileSync(join(folder, 'MCR_MUE_OutpatientHospitalServices.csv'), cmsFile(['43214,1,3 Date of Service Edit: Clinical,Nature of Service/Procedure'], ['"HCPCS/', 'CPT Code",Outpatient Hospital Services MUE Values,MUE Adjudication Indicator,MUE Rationale']));
      const knowledge = loadKnowledge({
        builtinEdits: false,
        ptpFiles: [],
        descriptorFiles: [],
        mueFiles: [practitionerZip, dmeZip, folder],
        readFile: (path) => readFileCapped(path),
        expand: (paths) => expandRuleFilePaths(paths),
      });
      assert.deepEqual(knowledge.problems, []);
      assert.deepEqual(
        knowledge.files.map((f) => [f.kind, f.rows, f.mueTable]),
        [
          ['mue', 44, 'practitioner'],
          ['mue', 1, 'dme'],
          ['mue', 1, 'hospital'],
        ],
      );
      assert.equal(knowledge.mue.dme.get('E0100')?.source, `${dmeZip} \u203a MCR_MUE_DMESupplierServices.csv`);
      assert.equal(knowledge.mue.hospital.get('43214')?.mai, 3);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('a generated 50,000-row MUE table', () => {
  it('loads every row, each with its value, MAI and rationale (load time printed)', (t) => {
    const rows = generateMueRows(50_000);
    const bytes = Buffer.from(generateMueTable(rows, 'hospital'), 'latin1');
    const tables = emptyMueTables();
    const cpu = process.cpuUsage();
    const started = performance.now();
    const result = loadMueTable(bytes, 'generated.csv', tables);
    const ms = performance.now() - started;
    const used = process.cpuUsage(cpu);
    assert.deepEqual(result.problems, []);
    assert.deepEqual([result.rows, result.kind, tables.hospital.size], [50_000, 'hospital', 50_000]);
    let zeros = 0;
    for (const row of rows) {
      const loaded = tables.hospital.get(row.code);
      assert.ok(loaded, row.code);
      assert.deepEqual([loaded.value, loaded.mai, loaded.rationale], [row.value, row.mai, row.rationale], row.code);
      if (row.value === 0) zeros++;
    }
    assert.ok(zeros > 100, 'the table has not-payable rows');
    t.diagnostic(`50,000 MUE rows (${(bytes.length / 1024 / 1024).toFixed(1)} MB): loaded in ${ms.toFixed(0)} ms (${((used.user + used.system) / 1000).toFixed(0)} ms CPU)`);
  });
});

describe('claimlint --mue and --aoc', () => {
  function io(): Io & { out: string; err: string } {
    const state = {
      out: '',
      err: '',
      stdout: (data: string | Uint8Array) => (state.out += typeof data === 'string' ? data : Buffer.from(data).toString('latin1')),
      stderr: (text: string) => (state.err += text),
      readStdin: () => Buffer.alloc(0),
      isTty: false,
    };
    return state;
  }

  it('parses both options, repeatable, in both spellings; absent when not given', () => {
    const options = parseArguments(['check', '--mue', 'a.csv', '--aoc', 'aoc.txt', '--mue=cms/mue.zip', '--aoc=aoc/', 'x.837']);
    assert.deepEqual([options.mueFiles, options.addOnCodeFiles, options.files], [['a.csv', 'cms/mue.zip'], ['aoc.txt', 'aoc/'], ['x.837']]);
    const plain = parseArguments(['check', 'x.837']);
    assert.deepEqual([plain.mueFiles, plain.addOnCodeFiles], [undefined, undefined]);
    assert.throws(() => parseArguments(['check', 'x.837', '--mue']), (error: unknown) => error instanceof UsageError && /--mue needs a value/.test(error.message));
    assert.throws(() => parseArguments(['check', '--aoc', '--format', 'x.837']), /--aoc needs a value/);
  });

  it('a table that cannot be used stops the run (exit 2), naming the option that gave it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'claimlint-cli-mue-'));
    try {
      const claims = join(__dirname, '../../examples/professional-43214.837');
      const ptp = join(dir, 'ptp.txt');
      writeFileSync(ptp, 'copyright line\r\n10021\t36000\t\t20190101\t*\t1\tMisuse\r\n');
      const missing = join(dir, 'missing.csv');
      const mueRun = io();
      assert.equal(run(['check', '--mue', missing, claims], mueRun), 2);
      assert.equal(mueRun.err, `claimlint: --mue ${missing}: cannot read: file not found\n`);
      const aocRun = io();
      assert.equal(run(['check', '--aoc', ptp, claims], aocRun), 2);
      // ptp.txt: its name says where it goes.
      const giveAsPtp = '; its name says it is a PTP table: give it as one (--ptp or --ptp-hospital, claimlint.ptpEditFiles or claimlint.hospitalPtpEditFiles)';
      assert.equal(aocRun.err, `claimlint: --aoc ${ptp}: not an add-on code table: no Add-on Code column in the first 20 lines${giveAsPtp}\n`);
      const wrongKind = io();
      assert.equal(run(['check', '--mue', ptp, claims], wrongKind), 2);
      assert.equal(wrongKind.err, `claimlint: --mue ${ptp}: not an MUE table: no HCPCS/CPT code column in the first 20 lines${giveAsPtp}\n`);

      // Usable tables load: bad rows are warnings with their lines, and the run goes on.
      const mue = join(dir, 'MCR_MUE_PractitionerServices.csv');
      writeFileSync(mue, cmsFile([REAL_ROWS[0]!, '0002Q,1,2,x']));
      const aoc = join(dir, 'aoc.txt');
      writeFileSync(aoc, 'Add-on Code\tPrimary Code\tAOC Edit Type\tAOC Effective Date\n43273\t43260\t1\t2006001\n');
      const good = io();
      const code = run(['check', '--format', 'json', '--mue', mue, '--aoc', aoc, claims], good);
      assert.notEqual(code, 2, good.err);
      assert.match(good.err, new RegExp(`^claimlint: warning: ${mue.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:11: HCPCS/CPT code "0002Q" is not a procedure code\nclaimlint: 1 file checked, [^\n]*\n$`));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
