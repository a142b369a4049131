// Add-on code tables (issue 16): tab-delimited text or CSV saved from the CMS spreadsheet, read by
// header name; dates as Julian YYYYDDD, YYYYMMDD or MM/DD/YYYY; every edit type; date windows;
// bad rows reported with their lines; a generated 10,000-row table.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AocTable, loadAocTable, loadKnowledge, parseAocDate, type AocRow } from '../../server/src/core/rules';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AOC_HEADER, generateAocRows, generateAocTable } from '../../bench/generate';
import { readFileCapped } from '../../server/src/core/rules/readFile';
import { loadSummary } from '../../server/src/lsp/rules';
import { defaultSettings, knowledgeOptionsOf, ruleFilesOf } from '../../server/src/lsp/settings';

const HEADER = 'Add-on Code\tPrimary Code\tAOC Edit Type\tAOC Effective Date\tAOC Deletion Date\tPrimary Code Effective Date\tPrimary Code Deletion Date\tSpecial Instruction Notes';

/** One hand-made table, its dates written in one form (Julian as CMS writes them, or another). */
interface HandRow {
  addOn: string;
  primary: string;
  type: string;
  /** CCYYMMDD, '*' or '' */
  dates: [string, string, string, string];
  notes: string;
}

const HAND_ROWS: HandRow[] = [
  // Type 1: the table lists every primary.
  { addOn: '11045', primary: '11042', type: '1', dates: ['20110101', '*', '20110101', '*'], notes: '' },
  { addOn: '11045', primary: '11043', type: '1', dates: ['20110101', '*', '20110101', '*'], notes: '' },
  { addOn: '99292', primary: '99291', type: '1', dates: ['20060101', '*', '20060101', '*'], notes: '' },
  // A primary deleted at the end of 2017 (while the add-on stays), and one from the leap day 2024.
  { addOn: '22552', primary: '22551', type: '1', dates: ['20110101', '', '20110101', '20171231'], notes: '' },
  { addOn: '22552', primary: '22554', type: '1', dates: ['20110101', '', '20240229', ''], notes: '' },
  // An add-on code deleted on the last day of 2010.
  { addOn: '33225', primary: '33206', type: '1', dates: ['20060101', '20101231', '20060101', '*'], notes: '' },
  // Type 2: no primary list (CCCCC).
  { addOn: '64727', primary: 'CCCCC', type: '2', dates: ['20060101', '*', '', ''], notes: 'Contractor defined primary codes' },
  // Type 3: some primaries listed.
  { addOn: '95940', primary: '95907', type: '3', dates: ['20130101', '*', '20130101', '*'], notes: '' },
  { addOn: '95940', primary: '95908', type: '3', dates: ['20130101', '*', '20130101', '*'], notes: '' },
  // HCPCS codes (a letter and 4 digits), a Category III add-on.
  { addOn: 'G0659', primary: '22633', type: '3', dates: ['20170101', '*', '20170101', '*'], notes: '' },
  { addOn: '0054T', primary: 'CCCCC', type: '2', dates: ['20050101', '*', '*', '*'], notes: '' },
];

type DateForm = 'julian' | 'yyyymmdd' | 'mm/dd/yyyy';

function writeDate(date: string, form: DateForm): string {
  if (date === '' || date === '*') return date;
  const [year, month, day] = [Number(date.slice(0, 4)), Number(date.slice(4, 6)), Number(date.slice(6))];
  if (form === 'yyyymmdd') return date;
  if (form === 'mm/dd/yyyy') return `${month}/${String(day).padStart(2, '0')}/${year}`;
  const dayOfYear = Math.round((Date.UTC(year, month - 1, day) - Date.UTC(year, 0, 1)) / 86400000) + 1;
  return `${year}${String(dayOfYear).padStart(3, '0')}`;
}

function handTable(form: DateForm, delimiter = '\t', eol = '\n'): string {
  const header = delimiter === '\t' ? HEADER : HEADER.split('\t').join(delimiter);
  return [header, ...HAND_ROWS.map((r) => [r.addOn, r.primary, r.type, ...r.dates.map((d) => writeDate(d, form)), r.notes].join(delimiter))].join(eol) + eol;
}

function expectedRows(source: string): AocRow[] {
  const date = (text: string): number | null => (text === '' || text === '*' ? null : Number(text));
  return HAND_ROWS.map((r) => {
    const primary = r.primary === 'CCCCC' ? null : r.primary;
    return {
      addOn: r.addOn,
      primary,
      type: Number(r.type) as 1 | 2 | 3,
      addOnEffective: Number(r.dates[0]),
      addOnDeletion: date(r.dates[1]),
      primaryEffective: primary === null ? null : date(r.dates[2]),
      primaryDeletion: primary === null ? null : date(r.dates[3]),
      notes: r.notes,
      source,
    };
  });
}

function allRows(table: AocTable): AocRow[] {
  const seen = new Set<string>();
  const rows: AocRow[] = [];
  for (const r of HAND_ROWS) {
    if (seen.has(r.addOn)) continue;
    seen.add(r.addOn);
    rows.push(...table.rowsForAddOn(r.addOn));
  }
  return rows;
}

describe('parseAocDate', () => {
  it('reads Julian YYYYDDD as CMS writes it, leap years included', () => {
    assert.equal(parseAocDate('2024001'), 20240101);
    assert.equal(parseAocDate('2024031'), 20240131);
    assert.equal(parseAocDate('2024032'), 20240201);
    assert.equal(parseAocDate('2024060'), 20240229);
    assert.equal(parseAocDate('2023060'), 20230301);
    assert.equal(parseAocDate('2024061'), 20240301);
    assert.equal(parseAocDate('2023365'), 20231231);
    assert.equal(parseAocDate('2024366'), 20241231);
    assert.equal(parseAocDate('2000060'), 20000229, '2000 is a leap year');
    assert.equal(parseAocDate('1900060'), 19000301, '1900 is not');
    for (const bad of ['2023366', '2024367', '2024000', '1899365', '202401']) assert.equal(parseAocDate(bad), -1, bad);
  });

  it('reads YYYYMMDD, MM/DD/YYYY (and M/D/YYYY) and YYYY-MM-DD, real days only', () => {
    assert.equal(parseAocDate('20240229'), 20240229);
    assert.equal(parseAocDate(' 20240101 '), 20240101);
    assert.equal(parseAocDate('12/31/2024'), 20241231);
    assert.equal(parseAocDate('1/5/2024'), 20240105);
    assert.equal(parseAocDate('2024-02-29'), 20240229);
    for (const bad of ['20240230', '20231301', '02/29/2023', '13/01/2024', '2024/01/01', '01-01-2024', 'soon', '', '*']) assert.equal(parseAocDate(bad), -1, bad);
  });
});

describe('loadAocTable', () => {
  it('reads the header names and every edit type, the same in every date form', () => {
    for (const form of ['julian', 'yyyymmdd', 'mm/dd/yyyy'] as const) {
      const table = new AocTable();
      const result = loadAocTable(handTable(form), 'aoc.txt', table);
      assert.deepEqual([result.rows, result.problems], [HAND_ROWS.length, []], form);
      assert.equal(table.size, HAND_ROWS.length);
      assert.deepEqual(allRows(table), expectedRows('aoc.txt'), form);
    }
  });

  it('reads CSV saved from the spreadsheet: CRLF, quoted notes with commas, a title line before the header', () => {
    const csv = handTable('julian', ',', '\r\n').replace('Contractor defined primary codes', '"Contractor defined primary codes, see ""IOM"""');
    const table = new AocTable();
    const result = loadAocTable(Buffer.from(`"Medicare NCCI Add-on Code Edits, effective 2026-07-01"\r\n${csv}`, 'latin1'), 'aoc.csv', table);
    assert.deepEqual([result.rows, result.problems], [HAND_ROWS.length, []]);
    assert.equal(table.rowsForAddOn('64727')[0]!.notes, 'Contractor defined primary codes, see "IOM"');
    assert.equal(table.rowsForAddOn('22552')[0]!.primaryDeletion, 20171231);
  });

  it('reads the columns in any order, with CMS\'s own names (Julian, edit effective and deletion dates)', () => {
    const text = [
      'Special Instruction Notes\tAOC_Edit_Eff_DT (Julian)\tAOC_Edit_Del_DT (Julian)\tAOC_DEL_DT (Julian)\tPrimary_Code_Del_DT (Julian)\tAOC Edit Type\tPrimary Code\tAdd-On Code',
      '(96376 may be reported by facilities only)\t2010001\t*\t*\t*\t1\t96374\t96376',
      // The add-on is deleted at the end of 2020, the edit at the end of 2019: in force until the earlier.
      '\t2006001\t2019365\t2020366\t*\t1\t99291\t99292',
      // The add-on's own effective date, later than the edit's, wins.
      '\t2006001\t\t\t2014365\t3\t95907\t95940',
    ].join('\n');
    const table = new AocTable();
    const result = loadAocTable(text, 'AOC_V2026Q3-MCR.txt', table);
    assert.deepEqual([result.rows, result.problems], [3, []]);
    assert.deepEqual(table.rowsForAddOn('96376'), [
      {
        addOn: '96376',
        primary: '96374',
        type: 1,
        addOnEffective: 20100101,
        addOnDeletion: null,
        primaryEffective: null,
        primaryDeletion: null,
        notes: '(96376 may be reported by facilities only)',
        source: 'AOC_V2026Q3-MCR.txt',
      },
    ]);
    assert.deepEqual([table.rowsForAddOn('99292')[0]!.addOnEffective, table.rowsForAddOn('99292')[0]!.addOnDeletion], [20060101, 20191231]);
    assert.equal(table.rowsForAddOn('95940')[0]!.primaryDeletion, 20141231);
    const both = loadAocTable('Add-on Code\tPrimary Code\tAOC Edit Type\tAOC Effective Date\tAOC Edit Eff Dt\n11045\t11042\t1\t2012001\t2011001\n', 'x', new AocTable());
    assert.deepEqual(both.problems, []);
    const bothTable = new AocTable();
    loadAocTable('Add-on Code\tPrimary Code\tAOC Edit Type\tAOC Effective Date\tAOC Edit Eff Dt\n11045\t11042\t1\t2012001\t2011001\n', 'x', bothTable);
    assert.equal(bothTable.rowsForAddOn('11045')[0]!.addOnEffective, 20120101);
  });

  it('reads the type as 1, 2, 3, "Type 2" or the former I, II, III', () => {
    const text = ['Add-on Code,Primary Code,AOC Edit Type', '11045,11042,Type 1', '64727,CCCCC,II', '95940,95907,III', '99292,99291,I', '0054T,,2'].join('\n');
    const table = new AocTable();
    const result = loadAocTable(text, 'x.csv', table);
    assert.deepEqual(result.problems, []);
    assert.deepEqual(
      ['11045', '64727', '95940', '99292', '0054T'].map((code) => [table.rowsForAddOn(code)[0]!.type, table.rowsForAddOn(code)[0]!.primary]),
      [
        [1, '11042'],
        [2, null],
        [3, '95907'],
        [1, '99291'],
        [2, null],
      ],
    );
    // Without date columns a row is in force from the start of the tables' range, and never deleted.
    assert.equal(table.rowsForAddOn('11045')[0]!.addOnEffective, 19000101);
    assert.ok(table.isAddOn('11045', 20260101));
  });

  it('reports bad rows with their lines and keeps the good ones', () => {
    const rows = [
      HEADER, // 1
      '11045\t11042\t1\t2011001\t*\t2011001\t*\t', // 2: good
      '1104X\t11042\t1\t2011001\t*\t2011001\t*\t', // 3
      '11046\tABC12\t1\t2011001\t*\t2011001\t*\t', // 4
      '11047\t11042\t4\t2011001\t*\t2011001\t*\t', // 5
      '11048\tCCCCC\t1\t2011001\t*\t\t\t', // 6: Type 1 without a primary
      '11049\t11042\t1\t2024400\t*\t2011001\t*\t', // 7
      '11050\t11042\t1\t2011001\t13/01/2024\t2011001\t*\t', // 8
      '11051\t11042\t1\t\t*\t2011001\t*\t', // 9: no effective date
      '11052\t11042\t1\t2011001\t*\t2011001\t20240230\t', // 10
      '', // 11: blank, skipped
      '\t\t\t\t\t\t\t', // 12: empty cells, skipped
      '\t11042\t1\t2011001\t*\t2011001\t*\t', // 13: no add-on code
      '99292\t99291\t1\t2006001\t*\t2006001\t*\t', // 14: good
    ];
    const table = new AocTable();
    const result = loadAocTable(rows.join('\r\n'), 'aoc.txt', table);
    assert.equal(result.rows, 2);
    assert.deepEqual(
      result.problems.map((p) => [p.line, p.reason]),
      [
        [3, 'add-on code "1104X" is not a procedure code'],
        [4, 'primary code "ABC12" of 11046 is not a procedure code or CCCCC'],
        [5, 'AOC edit type "4" of 11047 is not 1, 2 or 3'],
        [6, '11048 is a Type 1 add-on code but the row lists no primary code'],
        [7, 'AOC effective date (a 7-character value) of 11049 is not a date (YYYYDDD, YYYYMMDD or MM/DD/YYYY)'],
        [8, 'AOC deletion date (a 10-character value) of 11050 is not a date (YYYYDDD, YYYYMMDD or MM/DD/YYYY)'],
        [9, 'AOC effective date of 11051 is empty'],
        [10, 'primary code deletion date (an 8-character value) of 11052 is not a date (YYYYDDD, YYYYMMDD or MM/DD/YYYY)'],
        [13, 'no add-on code'],
      ],
    );
    assert.ok(result.problems.every((p) => p.source === 'aoc.txt'));
    assert.deepEqual([table.isAddOn('11045'), table.isAddOn('99292'), table.isAddOn('11046'), table.isAddOn('11049')], [true, true, false, false]);
  });

  it('a file that is not an add-on code table says why in one problem', () => {
    const cases: [string, string][] = [
      ['copyright line\r\n10021\t36000\t\t20190101\t*\t1\tMisuse of column two code with column one code\r\n', 'not an add-on code table: no Add-on Code column in the first 20 lines'],
      ['', 'not an add-on code table: no Add-on Code column in the first 20 lines'],
      ['Add-on Code\tDescription\n11045\tx\n', 'not an add-on code table: the header on line 1 names an add-on code column but not a primary code column or an AOC edit type column'],
      ['Title\nAdd-on Code,Primary Code\n11045,11042\n', 'not an add-on code table: the header on line 2 names an add-on code column but not an AOC edit type column'],
      [`${HEADER}\n\n`, 'no add-on code rows found after the header on line 1'],
      ['\n'.repeat(20) + `${HEADER}\n11045\t11042\t1\t2011001\t*\t2011001\t*\t\n`, 'not an add-on code table: no Add-on Code column in the first 20 lines'],
    ];
    for (const [content, reason] of cases) {
      const result = loadAocTable(content, 'x.txt', new AocTable());
      assert.deepEqual(result.problems, [{ source: 'x.txt', line: 0, reason }], reason);
      assert.equal(result.rows, 0);
    }
  });
});

describe('AocTable', () => {
  const table = new AocTable();
  loadAocTable(handTable('julian'), 'aoc.txt', table);

  it('knows the add-on codes in force on a date (deletion dates inclusive), any row without one', () => {
    assert.equal(table.isAddOn('11045', 20240101), true);
    assert.equal(table.isAddOn('11045', 20101231), false, 'before its effective date');
    assert.equal(table.isAddOn('11045 '), true);
    assert.equal(table.isAddOn('g0659', 20240101), true, 'any case');
    assert.equal(table.isAddOn('11042', 20240101), false, 'a primary is not an add-on');
    assert.equal(table.isAddOn('33225', 20101231), true, 'on its deletion date');
    assert.equal(table.isAddOn('33225', 20110101), false, 'after it');
    assert.equal(table.isAddOn('33225'), true, 'without a date: any row');
    // The add-on stays in force when a primary's window has ended.
    assert.equal(table.isAddOn('22552', 20180101), true);
  });

  it('gives the rows of an add-on whose add-on and primary windows cover the date', () => {
    const primaries = (code: string, date?: number) => table.rowsForAddOn(code, date).map((r) => r.primary);
    assert.deepEqual(primaries('11045', 20240101), ['11042', '11043']);
    assert.deepEqual(primaries('11045', 20101231), []);
    assert.deepEqual(primaries('22552', 20171231), ['22551']);
    assert.deepEqual(primaries('22552', 20180101), [], 'the primary was deleted; the other starts in 2024');
    assert.deepEqual(primaries('22552', 20240228), []);
    assert.deepEqual(primaries('22552', 20240229), ['22554']);
    assert.deepEqual(primaries('22552'), ['22551', '22554'], 'all rows without a date');
    // Type 2: no primary, only the add-on's window counts.
    assert.deepEqual(table.rowsForAddOn('64727', 20240101).map((r) => [r.type, r.primary, r.notes]), [[2, null, 'Contractor defined primary codes']]);
    assert.deepEqual(table.rowsForAddOn('64727', 20051231), []);
    assert.deepEqual(primaries('95940', 20240101), ['95907', '95908']);
    assert.deepEqual(table.rowsForAddOn('95940', 20240101).map((r) => r.type), [3, 3]);
    assert.deepEqual(primaries('36415', 20240101), []);
  });

  it('gives the add-on codes a primary enables on a date', () => {
    const addOns = (code: string, date?: number) => table.addOnsForPrimary(code, date).map((r) => r.addOn);
    assert.deepEqual(addOns('11042', 20240101), ['11045']);
    assert.deepEqual(addOns('99291', 20240101), ['99292']);
    assert.deepEqual(addOns('22551', 20240101), [], 'deleted as a primary of 22552');
    assert.deepEqual(addOns('22551'), ['22552']);
    assert.deepEqual(addOns('33206', 20240101), [], 'the add-on was deleted');
    assert.deepEqual(addOns('33206', 20100101), ['33225']);
    assert.deepEqual(addOns('CCCCC'), [], 'CCCCC is no primary');
    assert.deepEqual(addOns('64727'), []);
  });

  it('counts rows and sources; add refuses what a table cannot hold', () => {
    assert.equal(table.size, HAND_ROWS.length);
    assert.deepEqual(table.sources, ['aoc.txt']);
    const other = new AocTable();
    const row: AocRow = { addOn: '11045', primary: '11042', type: 1, addOnEffective: 20110101, addOnDeletion: null, primaryEffective: null, primaryDeletion: null, notes: '', source: 's' };
    assert.throws(() => other.add({ ...row, addOn: 'ABCDE' }), /not a procedure code/);
    assert.throws(() => other.add({ ...row, primary: 'CCCCC' }), /not a procedure code/);
    assert.throws(() => other.add({ ...row, type: 4 as 1 }), /1, 2 or 3/);
    assert.throws(() => other.add({ ...row, addOnEffective: 2011001 }), /not a CCYYMMDD date/);
    assert.equal(other.size, 0);
    other.add({ ...row, addOn: '11045 ', primary: ' 11042' });
    assert.deepEqual([other.rowsForAddOn('11045')[0]!.addOn, other.addOnsForPrimary('11042').length], ['11045', 1]);
  });
});

describe('loadKnowledge with add-on code files', () => {
  it('loads every file into the one table and lists each with its rows and problems', () => {
    const files: Record<string, string | Buffer> = {
      'aoc.txt': handTable('julian'),
      'aoc.csv': Buffer.from(['Add-on Code,Primary Code,AOC Edit Type,AOC Effective Date', '15101,15100,1,01/01/2006', '1510X,15100,1,01/01/2006'].join('\r\n'), 'latin1'),
      'ptp.txt': 'copyright line\r\n10021\t36000\t\t20190101\t*\t1\tMisuse\r\n',
    };
    const knowledge = loadKnowledge({
      builtinEdits: true,
      ptpFiles: [],
      descriptorFiles: [],
      addOnCodeFiles: ['aoc.txt', 'aoc.csv', 'ptp.txt', 'missing.txt'],
      readFile: (path) => {
        const content = files[path];
        if (content === undefined) throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
        return content;
      },
    });
    assert.deepEqual(knowledge.files, [
      { source: 'aoc.txt', kind: 'aoc', rows: HAND_ROWS.length, problems: 0 },
      { source: 'aoc.csv', kind: 'aoc', rows: 1, problems: 1 },
      { source: 'ptp.txt', kind: 'aoc', rows: 0, problems: 1 },
      { source: 'missing.txt', kind: 'aoc', rows: 0, problems: 1, unread: true },
    ]);
    assert.deepEqual(
      knowledge.problems.map((p) => [p.source, p.line, p.reason]),
      [
        ['aoc.csv', 3, 'add-on code "1510X" is not a procedure code'],
        ['ptp.txt', 0, 'not an add-on code table: no Add-on Code column in the first 20 lines'],
        ['missing.txt', 0, 'cannot read: file not found'],
      ],
    );
    assert.equal(knowledge.aoc.size, HAND_ROWS.length + 1);
    assert.equal(knowledge.aoc.rowsForAddOn('15101', 20240101)[0]!.source, 'aoc.csv');
    assert.equal(knowledge.rules.size, 5, 'the PTP tables are as before');
  });

  it('has an empty add-on code table when none is set', () => {
    const knowledge = loadKnowledge({ builtinEdits: true, ptpFiles: [], descriptorFiles: [], readFile: () => '' });
    assert.equal(knowledge.aoc.size, 0);
    assert.equal(knowledge.aoc.isAddOn('11045'), false);
  });
});

describe('a generated 10,000-row add-on code table', () => {
  it('loads every row and answers by add-on, by primary and by date (load time printed)', (t) => {
    const rows = generateAocRows(10_000);
    const text = generateAocTable(rows);
    assert.ok(text.startsWith(AOC_HEADER.join('\t')));
    const bytes = Buffer.from(text, 'latin1');
    const table = new AocTable();
    const cpu = process.cpuUsage();
    const started = performance.now();
    const result = loadAocTable(bytes, 'generated.txt', table);
    const ms = performance.now() - started;
    const used = process.cpuUsage(cpu);
    assert.deepEqual(result.problems, []);
    assert.deepEqual([result.rows, table.size], [10_000, 10_000]);

    const types = new Set<number>();
    let withPrimary = 0;
    const primaries = new Set<string>();
    for (const row of rows) {
      types.add(row.type);
      const effective = parseAocDate(row.addOnEffective);
      const primary = row.primary === 'CCCCC' ? null : row.primary;
      const loaded = table.rowsForAddOn(row.addOn).filter((r) => r.primary === primary);
      assert.ok(loaded.length > 0, `${row.addOn}/${row.primary}`);
      assert.ok(loaded.some((r) => r.type === row.type && r.addOnEffective === effective && r.addOnDeletion === (row.addOnDeletion === '*' ? null : parseAocDate(row.addOnDeletion))));
      assert.equal(table.isAddOn(row.addOn, effective), true);
      const dayBefore = effective % 10000 === 101 ? effective - 10000 + 1231 - 101 : effective - 1;
      assert.equal(table.isAddOn(row.addOn, dayBefore), false, `${row.addOn} before ${effective}`);
      if (primary !== null) {
        withPrimary++;
        primaries.add(primary);
        const start = Math.max(effective, parseAocDate(row.primaryEffective));
        const deletion = row.primaryDeletion === '*' ? null : parseAocDate(row.primaryDeletion);
        if (deletion === null || start <= deletion) {
          assert.ok(table.addOnsForPrimary(primary, start).some((r) => r.addOn === row.addOn), `${primary} enables ${row.addOn} on ${start}`);
        }
      }
    }
    assert.deepEqual([...types].sort(), [1, 2, 3]);
    assert.equal([...primaries].reduce((sum, code) => sum + table.addOnsForPrimary(code).length, 0), withPrimary);
    t.diagnostic(`10,000 AOC rows (${(bytes.length / 1024).toFixed(0)} KB): loaded in ${ms.toFixed(0)} ms (${((used.user + used.system) / 1000).toFixed(0)} ms CPU)`);
  });
});

describe('the server: claimlint.mueFiles and claimlint.addOnCodeFiles', () => {
  it('reach the loader, and the load summary counts the MUE values and add-on code edits in use', () => {
    const dir = mkdtempSync(join(tmpdir(), 'claimlint-lsp-aoc-'));
    try {
      writeFileSync(join(dir, 'aoc.txt'), handTable('julian'));
      writeFileSync(join(dir, 'MCR_MUE_DMESupplierServices.csv'), 'HCPCS Code,MUE Value,MAI,Rationale\nE0100,1,2,Nature of Equipment\nE0105,1,2,Nature of Equipment\n');
      const settings = { ...defaultSettings, mueFiles: ['MCR_MUE_DMESupplierServices.csv'], addOnCodeFiles: ['aoc.txt'], builtinEdits: false };
      const files = ruleFilesOf(settings, { trusted: true, root: dir });
      const knowledge = loadKnowledge(knowledgeOptionsOf(files, { readFile: (path) => readFileCapped(path) }));
      assert.deepEqual(knowledge.problems, []);
      assert.deepEqual([knowledge.mue.dme.size, knowledge.aoc.size], [2, HAND_ROWS.length]);
      const summary = loadSummary(knowledge, files);
      assert.match(summary, /^Claimlint rules loaded: .*; in use: 0 practitioner and 0 outpatient hospital PTP edits \(built-in set off\)\. /);
      assert.ok(summary.endsWith(`MUE values in use: 0 practitioner, 0 outpatient hospital and 2 DME; add-on code edits in use: ${HAND_ROWS.length}.`), summary);
      // Without MUE or add-on code files the line is the load report's alone.
      const none = ruleFilesOf({ ...defaultSettings, builtinEdits: false }, { trusted: true, root: dir });
      assert.equal(loadSummary(loadKnowledge(knowledgeOptionsOf(none, { readFile: () => Buffer.alloc(0) })), none), 'Claimlint rules loaded: no rule files set; in use: 0 practitioner and 0 outpatient hospital PTP edits (built-in set off).');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
