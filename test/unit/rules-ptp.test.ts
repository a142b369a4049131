import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  CMS_PTP_COLUMNS,
  loadPtpTable,
  MAX_PROBLEMS_PER_FILE,
  parsePtpFields,
  PtpRuleSet,
  type PtpRow,
} from '../../server/src/core/rules';
import { valueForMessage } from '../../server/src/core/rules/loadProblems';

const COPYRIGHT = 'CPT codes, descriptions and other data only are copyright 2024 American Medical Association. All Rights Reserved.';
const WRAPPED_HEADER = [
  'Column 1\tColumn 2\t*=in existence\tEffective\tDeletion\tModifier\tPTP Edit Rationale',
  '\t\tprior to 1996\tDate\tDate\t0=not allowed\t',
  '\t\t\t\t*=no data\t1=allowed\t',
  '\t\t\t\t\t9=not applicable\t',
];

const ROWS = [
  ['10021', '36000', '', '20190101', '*', '1', 'Misuse of column two code with column one code'],
  ['10021', '76942', '*', '19960101', '20181231', '0', 'Standards of medical / surgical practice'],
  ['43214', '43200', '', '20140101', '*', '0', 'CPT Manual or CMS manual coding instructions'],
  ['G0105', '45378', '', '20020401', '*', '9', 'Mutually exclusive procedures'],
];

function cms(preamble: readonly string[], rows: readonly (readonly string[])[] = ROWS, eol = '\r\n'): string {
  return [...preamble, ...rows.map((fields) => fields.join('\t'))].join(eol) + eol;
}

describe('loadPtpTable: CMS text layout', () => {
  const preambles: [string, string[]][] = [
    ['no preamble', []],
    ['3 lines (copyright, title, one header line)', [COPYRIGHT, 'Column 1/Column 2 Edits', WRAPPED_HEADER[0]!]],
    ['7 lines with the header wrapped over four', [COPYRIGHT, 'Column 1/Column 2 Edits', '', ...WRAPPED_HEADER]],
  ];
  for (const [name, preamble] of preambles) {
    it(`reads every row after a preamble of ${name}`, () => {
      const result = loadPtpTable(Buffer.from(cms(preamble), 'latin1'), 'ccipra-v301r0-f1.txt');
      assert.deepEqual(result.problems, []);
      assert.equal(result.rows, ROWS.length);
      assert.equal(result.delimiter, '\t');
      assert.equal(result.rules.size, ROWS.length);
      const edit = result.rules.lookup('10021', '36000', 20240101);
      assert.deepEqual(edit, {
        columnOne: '10021',
        columnTwo: '36000',
        preexisting: false,
        effective: 20190101,
        deletion: null,
        modifierIndicator: '1',
        rationale: 'Misuse of column two code with column one code',
        source: 'ccipra-v301r0-f1.txt',
      });
      const old = result.rules.lookup('10021', '76942', 20000101);
      assert.equal(old?.preexisting, true);
      assert.equal(old?.deletion, 20181231);
      assert.equal(old?.modifierIndicator, '0');
    });
  }

  it('reads LF, CRLF and CR-only files, as a string or as bytes', () => {
    for (const eol of ['\r\n', '\n', '\r']) {
      for (const content of [cms(WRAPPED_HEADER, ROWS, eol), Buffer.from(cms(WRAPPED_HEADER, ROWS, eol), 'latin1')]) {
        const result = loadPtpTable(content, 'x.txt');
        assert.deepEqual(result.problems, [], JSON.stringify(eol));
        assert.equal(result.rows, 4);
        assert.equal(result.rules.lookup('43214', '43200', 20240101)?.rationale, 'CPT Manual or CMS manual coding instructions');
      }
    }
  });

  it('decodes latin-1 bytes (0xE9 is é) and UTF-8 with or without a BOM', () => {
    const line = (rationale: string) => `43214\t43200\t\t20140101\t*\t0\t${rationale}\r\n`;
    const latin1 = Buffer.concat([Buffer.from(line('Proc').slice(0, -2), 'latin1'), Buffer.from([0xe9]), Buffer.from('dure\r\n')]);
    assert.equal(loadPtpTable(latin1, 'l.txt').rules.lookup('43214', '43200', 20200101)?.rationale, 'Procédure');
    const utf8 = Buffer.from(line('Procédure'), 'utf8');
    assert.equal(loadPtpTable(utf8, 'u.txt').rules.lookup('43214', '43200', 20200101)?.rationale, 'Procédure');
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8]);
    const withBom = loadPtpTable(bom, 'b.txt');
    assert.deepEqual(withBom.problems, []);
    assert.equal(withBom.rules.lookup('43214', '43200', 20200101)?.rationale, 'Procédure');
  });

  it('reports malformed rows with file and line, and keeps every good row', () => {
    const text = cms([COPYRIGHT, 'Column 1/Column 2 Edits', ...WRAPPED_HEADER], [
      ROWS[0]!,
      ['10021', '36000', '', '2019011', '*', '1', 'short effective date'], // line 8
      ['10021', '36001', '', '20190101', '*', '2', 'bad indicator'], // 9
      ['10021', '36002', '', '20190101'], // 10: too few fields
      ['10021', '36003', '', '20190101', '20191340', '1', 'bad deletion'], // 11
      ['10021', 'ABCDE', '', '20190101', '*', '1', 'bad column 2'], // 12
      ['10021', '36004', '', '20190230', '*', '1', 'no such day'], // 13
      ROWS[2]!, // 14
      ['Footer text that is not a row'], // 15
      ROWS[3]!, // 16
    ]);
    const result = loadPtpTable(text, 'f1.txt');
    assert.equal(result.rows, 3);
    assert.deepEqual(
      result.problems.map((problem) => [problem.source, problem.line]),
      [8, 9, 10, 11, 12, 13, 15].map((line) => ['f1.txt', line]),
    );
    const reasons = result.problems.map((problem) => problem.reason);
    // Dates are not quoted (a claim file given as a table would show its birth dates): their length is.
    assert.match(reasons[0]!, /effective date \(a 7-character value\)/);
    assert.match(reasons[1]!, /modifier indicator "2"/);
    assert.match(reasons[2]!, /too few fields/);
    assert.match(reasons[3]!, /deletion date \(an 8-character value\)/);
    // Letters only, so it could be a name from a claim file given as a table: only its length.
    assert.match(reasons[4]!, /column 2 \(a 5-character value\)/);
    assert.match(reasons[5]!, /effective date \(an 8-character value\)/);
    assert.match(reasons[6]!, /not a PTP row/);
    assert.ok(result.rules.lookup('43214', '43200', 20240101));
    assert.equal(result.rules.lookup('10021', '36001', 20240101), null);
  });

  it('reports a broken first data row rather than taking it for preamble', () => {
    const result = loadPtpTable(cms(WRAPPED_HEADER, [['43214', 'XX', '', '20140101', '*', '0', ''], ROWS[2]!]), 'x.txt');
    assert.deepEqual(result.problems.map((problem) => problem.line), [5]);
    assert.equal(result.rows, 1);
  });

  it('reads bytes across decoding chunks, a line longer than a chunk, and CR-only bytes', () => {
    const rows: string[][] = [];
    for (let i = 0; i < 40_000; i++) rows.push([String(10000 + (i % 80000)).padStart(5, '0'), String(20000 + i), '', '20140101', '*', '1', `Rationale ${i % 7} with é`]);
    const longLine = `${'x'.repeat(1_500_000)}`;
    for (const eol of ['\r\n', '\r']) {
      const bytes = Buffer.from(cms([COPYRIGHT, longLine, ...WRAPPED_HEADER], rows, eol), 'latin1');
      assert.ok(bytes.length > 2_500_000);
      const result = loadPtpTable(bytes, 'big.txt');
      assert.deepEqual(result.problems, [], JSON.stringify(eol));
      assert.equal(result.rows, rows.length);
      for (const i of [0, 12_345, 39_999]) {
        const row = rows[i]!;
        assert.equal(result.rules.lookup(row[0]!, row[1]!, 20240101)?.rationale, row[6], `row ${i}`);
      }
    }
  });

  it('treats quotes inside tab-separated rows as text, and unquotes quoted fields', () => {
    const text = '43214\t43200\t\t20140101\t*\t0\tMisuse of "column two" code\r\n"43214"\t"43197"\t\t"20140101"\t*\t"1"\t"Quoted, with a comma"\r\n';
    const result = loadPtpTable(text, 'q.txt');
    assert.deepEqual(result.problems, []);
    assert.equal(result.rules.lookup('43214', '43200', 20200101)?.rationale, 'Misuse of "column two" code');
    assert.equal(result.rules.lookup('43214', '43197', 20200101)?.rationale, 'Quoted, with a comma');
  });

  it('says so when a file has no PTP rows at all', () => {
    const result = loadPtpTable('%PDF-1.7\nsomething else entirely\n', 'wrong.pdf');
    assert.equal(result.rows, 0);
    assert.equal(result.delimiter, null);
    assert.deepEqual(result.problems.map((problem) => [problem.source, problem.line]), [['wrong.pdf', 0]]);
    assert.match(result.problems[0]!.reason, /no PTP rows found/);
    assert.deepEqual(loadPtpTable('', 'empty.txt').problems.map((problem) => problem.line), [0]);
  });

  it('caps the problems listed per file and says how many more there were', () => {
    const rows = Array.from({ length: MAX_PROBLEMS_PER_FILE + 50 }, () => ['43214', '43200', '', 'bad', '*', '0', '']);
    const result = loadPtpTable(cms([], [ROWS[0]!, ...rows]), 'many.txt');
    assert.equal(result.problems.length, MAX_PROBLEMS_PER_FILE + 1);
    assert.deepEqual(result.problems.at(-1), { source: 'many.txt', line: 0, reason: '50 more problems not listed' });
  });

  it('ignores blank lines and trailing blanks around fields; codes are case-insensitive', () => {
    const text = '\r\n43214 \t 43200\t\t20140101\t*\t0\tWhy\r\n\r\n\t\t\t\t\t\t\r\ng0105\tg0121\t\t20200101\t\t1\t\r\n';
    const result = loadPtpTable(text, 'x.txt');
    assert.deepEqual(result.problems, []);
    assert.equal(result.rows, 2);
    assert.equal(result.rules.lookup('43214', '43200', 20140101)?.rationale, 'Why');
    const hcpcs = result.rules.lookup('G0105', 'g0121', 20240101);
    assert.equal(hcpcs?.columnOne, 'G0105');
    assert.equal(hcpcs?.columnTwo, 'G0121');
    assert.equal(hcpcs?.deletion, null);
    assert.equal(hcpcs?.rationale, '');
  });
});

describe('loadPtpTable: CSV and TSV user tables', () => {
  it('maps columns by header names, with quoted fields, in any order', () => {
    const csv = [
      '"Modifier Indicator","Column 1","Column 2","Effective Date","Deletion Date","Rationale"',
      '1,43214,43200,20140101,,"Standards of medical / surgical practice, per payer"',
      '0,"43235",43200,20100101,20191231,"Misuse of ""column two"" code"',
      '9,99213,99212,20100101,*,',
    ].join('\r\n');
    const result = loadPtpTable(csv, 'payer.csv');
    assert.deepEqual(result.problems, []);
    assert.equal(result.delimiter, ',');
    assert.equal(result.rows, 3);
    const edit = result.rules.lookup('43214', '43200', 20240101);
    assert.equal(edit?.modifierIndicator, '1');
    assert.equal(edit?.rationale, 'Standards of medical / surgical practice, per payer');
    assert.equal(edit?.preexisting, false);
    assert.equal(result.rules.lookup('43235', '43200', 20150101)?.rationale, 'Misuse of "column two" code');
    assert.equal(result.rules.lookup('43235', '43200', 20200101), null);
    assert.equal(result.rules.lookup('99213', '99212', 20200101), null);
  });

  it('reads a TSV with the CMS columns under a one-line header', () => {
    const tsv = [
      'Column 1\tColumn 2\tPrior to 1996\tEffective Date\tDeletion Date\tModifier\tPTP Edit Rationale',
      ...ROWS.map((row) => row.join('\t')),
    ].join('\n');
    const result = loadPtpTable(tsv, 'edits.tsv');
    assert.deepEqual(result.problems, []);
    assert.equal(result.rows, 4);
    assert.equal(result.rules.lookup('10021', '76942', 20000101)?.preexisting, true);
  });

  it('reads a headerless CSV in the CMS order, and one that leaves out the pre-1996 column', () => {
    const withStar = loadPtpTable('43214,43200,*,20140101,*,0,Why\n', 'a.csv');
    assert.deepEqual(withStar.problems, []);
    assert.equal(withStar.rules.lookup('43214', '43200', 20140101)?.preexisting, true);
    const without = loadPtpTable('43214,43200,20140101,20201231,1,Why\n43214,43201,20140101,,0\n', 'b.csv');
    assert.deepEqual(without.problems, []);
    assert.equal(without.rules.lookup('43214', '43200', 20201231)?.modifierIndicator, '1');
    assert.equal(without.rules.lookup('43214', '43200', 20210101), null);
    assert.equal(without.rules.lookup('43214', '43201', 20210101)?.modifierIndicator, '0');
  });

  it('reports malformed CSV rows by line', () => {
    const csv = 'Column 1,Column 2,Effective Date,Deletion Date,Modifier\n43214,43200,20140101,,0\n43214,43201,2014-01-01,,0\n43214,43202,20140101,,x\n';
    const result = loadPtpTable(csv, 'c.csv');
    assert.equal(result.rows, 1);
    assert.deepEqual(result.problems.map((problem) => problem.line), [3, 4]);
  });
});

describe('PtpRuleSet', () => {
  const row = (columnOne: string, columnTwo: string, effective: number, deletion: number | null, modifierIndicator: '0' | '1' | '9', rationale = ''): PtpRow => ({
    columnOne,
    columnTwo,
    preexisting: false,
    effective,
    deletion,
    modifierIndicator,
    rationale,
  });

  it('honours effective and deletion dates: before, on effective, on deletion day, after', () => {
    const rules = new PtpRuleSet();
    rules.add(row('43214', '43200', 20140101, 20181231, '0'), 'x');
    assert.equal(rules.lookup('43214', '43200', 20131231), null);
    assert.equal(rules.lookup('43214', '43200', 20140101)?.modifierIndicator, '0');
    assert.equal(rules.lookup('43214', '43200', 20160615)?.modifierIndicator, '0');
    assert.equal(rules.lookup('43214', '43200', 20181231)?.modifierIndicator, '0');
    assert.equal(rules.lookup('43214', '43200', 20190101), null);
    // Direction matters: 43200 is column 2.
    assert.equal(rules.lookup('43200', '43214', 20160615), null);
  });

  it('picks the row whose window covers the date when a pair has several rows', () => {
    const rules = new PtpRuleSet();
    rules.add(row('43214', '43200', 20140101, 20161231, '0', 'first'), 'x');
    rules.add(row('43214', '43200', 20170101, 20191231, '1', 'second'), 'x');
    rules.add(row('43214', '43200', 20200101, null, '9', 'voided'), 'x');
    assert.equal(rules.lookup('43214', '43200', 20150101)?.rationale, 'first');
    assert.equal(rules.lookup('43214', '43200', 20161231)?.rationale, 'first');
    assert.equal(rules.lookup('43214', '43200', 20170101)?.rationale, 'second');
    assert.equal(rules.lookup('43214', '43200', 20191231)?.modifierIndicator, '1');
    assert.equal(rules.lookup('43214', '43200', 20200101), null, 'indicator 9 voids the edit');
    assert.equal(rules.lookup('43214', '43200', 20130101), null);
  });

  it('on overlapping windows the latest effective date wins, and on a tie the row added last', () => {
    const rules = new PtpRuleSet();
    rules.add(row('43214', '43200', 20140101, null, '0', 'builtin'), 'builtin');
    rules.add(row('43214', '43200', 20140101, null, '1', 'user'), 'user.txt');
    rules.add(row('43214', '43200', 20200101, null, '0', 'newer'), 'user.txt');
    assert.equal(rules.lookup('43214', '43200', 20150101)?.source, 'user.txt');
    assert.equal(rules.lookup('43214', '43200', 20150101)?.rationale, 'user');
    assert.equal(rules.lookup('43214', '43200', 20200101)?.rationale, 'newer');
  });

  it('indicator 9 voids only the window it covers', () => {
    const rules = new PtpRuleSet();
    rules.add(row('11042', '97597', 20100101, 20121231, '9'), 'x');
    rules.add(row('11042', '97597', 20130101, null, '1'), 'x');
    assert.equal(rules.lookup('11042', '97597', 20110101), null);
    assert.equal(rules.lookup('11042', '97597', 20130101)?.modifierIndicator, '1');
  });

  it('finds an edit anywhere in a date range (RD8): a 0 row on any day, else the earliest', () => {
    const rules = new PtpRuleSet();
    rules.add(row('43214', '43200', 20140101, 20140131, '1', 'january'), 'x');
    rules.add(row('43214', '43200', 20140301, null, '0', 'march'), 'x');
    assert.equal(rules.lookupInRange('43214', '43200', 20131201, 20131231), null);
    assert.equal(rules.lookupInRange('43214', '43200', 20131225, 20140105)?.rationale, 'january');
    assert.equal(rules.lookupInRange('43214', '43200', 20140201, 20140228), null);
    assert.equal(rules.lookupInRange('43214', '43200', 20140215, 20140305)?.rationale, 'march');
    // Indicator 0 in force on a later day of the range wins over the 1 of an earlier day.
    assert.equal(rules.lookupInRange('43214', '43200', 20140120, 20140305)?.rationale, 'march');
    const ones = new PtpRuleSet();
    ones.add(row('43214', '43200', 20140101, 20140131, '1', 'january'), 'x');
    ones.add(row('43214', '43200', 20140301, null, '1', 'march'), 'x');
    assert.equal(ones.lookupInRange('43214', '43200', 20140120, 20140305)?.rationale, 'january', 'among 1 rows the earliest day');
  });

  it('lists edits by column 1 and by column 2, all rows or those in force on a date', () => {
    const rules = new PtpRuleSet();
    rules.add(row('43214', '76000', 20140101, null, '0'), 'x');
    rules.add(row('43214', '43200', 20140101, 20161231, '0'), 'x');
    rules.add(row('43214', '43200', 20170101, null, '1'), 'x');
    rules.add(row('43214', '43197', 20140101, null, '9'), 'x');
    rules.add(row('43220', '43200', 20140101, null, '1'), 'x');
    const all = rules.editsAsColumnOne('43214');
    assert.deepEqual(all.map((edit) => [edit.columnTwo, edit.effective]), [['43197', 20140101], ['43200', 20140101], ['43200', 20170101], ['76000', 20140101]]);
    const onDate = rules.editsAsColumnOne('43214', 20180101);
    assert.deepEqual(onDate.map((edit) => [edit.columnTwo, edit.modifierIndicator]), [['43200', '1'], ['76000', '0']]);
    assert.deepEqual(rules.editsAsColumnTwo('43200').map((edit) => [edit.columnOne, edit.effective]), [['43214', 20140101], ['43214', 20170101], ['43220', 20140101]]);
    assert.deepEqual(rules.editsAsColumnTwo('43200', 20150101).map((edit) => [edit.columnOne, edit.modifierIndicator]), [['43214', '0'], ['43220', '1']]);
    assert.deepEqual(rules.editsAsColumnOne('99999'), []);
    assert.deepEqual(rules.editsAsColumnTwo('43214'), []);
    assert.equal(rules.hasEdits('76000'), true);
    assert.equal(rules.hasEdits('99213'), false);
  });

  it('keeps answering correctly when rows are added after a query', () => {
    const rules = new PtpRuleSet();
    rules.add(row('43214', '43200', 20140101, null, '0'), 'a');
    assert.ok(rules.lookup('43214', '43200', 20150101));
    rules.add(row('43214', '43200', 20140101, null, '0'), 'b');
    rules.add(row('43200', '43214', 20140101, null, '1'), 'b');
    assert.equal(rules.lookup('43214', '43200', 20150101)?.source, 'b');
    assert.ok(rules.lookup('43200', '43214', 20150101));
    assert.equal(rules.size, 3);
  });

  it('merges several files into one set', () => {
    const rules = new PtpRuleSet();
    const part1 = loadPtpTable(cms(WRAPPED_HEADER, [ROWS[0]!, ROWS[1]!]), 'ccipra-f1.txt', rules);
    const part2 = loadPtpTable(cms([COPYRIGHT], [ROWS[2]!, ROWS[3]!]), 'ccipra-f2.txt', rules);
    assert.equal(part1.rules, rules);
    assert.equal(part2.rows, 2);
    assert.equal(rules.size, 4);
    assert.deepEqual(rules.sources, ['ccipra-f1.txt', 'ccipra-f2.txt']);
    assert.equal(rules.lookup('10021', '36000', 20200101)?.source, 'ccipra-f1.txt');
    assert.equal(rules.lookup('43214', '43200', 20200101)?.source, 'ccipra-f2.txt');
  });

  it('rejects rows with codes that are not procedure codes', () => {
    assert.throws(() => new PtpRuleSet().add(row('4321', '43200', 20140101, null, '0'), 'x'), /column 1/);
  });

  it('agrees with a plain reading of the rules on random tables', () => {
    const codes = ['43214', '43200', '43197', 'G0105', '0001U'];
    const dates = [20100101, 20120630, 20140101, 20151231, 20180101];
    const rowArbitrary = fc.record({
      columnOne: fc.constantFrom(...codes),
      columnTwo: fc.constantFrom(...codes),
      effective: fc.constantFrom(...dates),
      deletion: fc.option(fc.constantFrom(...dates), { nil: null }),
      modifierIndicator: fc.constantFrom('0' as const, '1' as const, '9' as const),
      preexisting: fc.boolean(),
      // Which of three tables (quarters) the row is in; tables are loaded in this order.
      table: fc.integer({ min: 0, max: 2 }),
    });
    fc.assert(
      fc.property(fc.array(rowArbitrary, { maxLength: 30 }), fc.integer({ min: 20090101, max: 20200101 }), (drawn, date) => {
        // A table's rows are added together, tables in order; each row is told apart by its rationale.
        const rows = drawn.map((r, i) => ({ ...r, rationale: `r${i}` })).sort((a, b) => a.table - b.table);
        const rules = new PtpRuleSet();
        for (const r of rows) rules.add(r, `t${r.table}`);
        for (const columnOne of codes) {
          for (const columnTwo of codes) {
            // Reference: only the last table with rows for the pair counts; among its rows covering
            // the date, 0 before 1 before 9; then the latest effective; on ties the last added.
            const ofPair = rows.filter((r) => r.columnOne === columnOne && r.columnTwo === columnTwo);
            const deciding = Math.max(-1, ...ofPair.map((r) => r.table));
            const rank = { '0': 2, '1': 1, '9': 0 };
            let expected: (typeof rows)[number] | null = null;
            for (const r of ofPair) {
              if (r.table !== deciding) continue;
              if (r.effective > date || (r.deletion !== null && date > r.deletion)) continue;
              const e = expected as (typeof rows)[number] | null;
              const better =
                e === null ||
                rank[r.modifierIndicator] > rank[e.modifierIndicator] ||
                (rank[r.modifierIndicator] === rank[e.modifierIndicator] && r.effective >= e.effective);
              if (better) expected = r;
            }
            const found = rules.lookup(columnOne, columnTwo, date);
            const want = expected as (typeof rows)[number] | null;
            if (want === null || want.modifierIndicator === '9') assert.equal(found, null);
            else {
              assert.equal(found?.rationale, want.rationale);
              assert.equal(found?.source, `t${want.table}`);
              assert.equal(found?.modifierIndicator, want.modifierIndicator);
            }
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('parsePtpFields', () => {
  it('parses the CMS column order and explains what is wrong', () => {
    assert.deepEqual(parsePtpFields(['43214', '43200', '*', '20140101', '*', '0', 'Why'], CMS_PTP_COLUMNS), {
      columnOne: '43214',
      columnTwo: '43200',
      preexisting: true,
      effective: 20140101,
      deletion: null,
      modifierIndicator: '0',
      rationale: 'Why',
    });
    assert.match(parsePtpFields(['43214', '43200', '', '20140101', '*', '5', '']) as string, /modifier indicator "5"/);
    assert.match(parsePtpFields(['43214', '43200']) as string, /too few fields/);
    assert.match(parsePtpFields(['Column 1', '43200', '', '20140101', '*', '0']) as string, /column 1 "Column 1"/);
    assert.equal((parsePtpFields(['43214', '43200', '', '20140101', '*', '1', 'tab\tinside']) as PtpRow).rationale, 'tab inside');
  });
});

describe('values in load problems', () => {
  it('quotes codes, indicators and * and only counts the characters of anything else', () => {
    for (const value of ['43214', 'J1234', '0042T', '4320', '2', '*']) assert.equal(valueForMessage(value), JSON.stringify(value));
    // Short words of letters only may be names, and runs of digits member ids or birth dates, from a claim file given as a table by mistake.
    for (const value of ['DOE', 'ANN', 'soon', 'ABCDE', 'M00012345', 'JANE DOE', '1970-01-01', '', '1970010', '88120042', '123456']) {
      const n = value.length;
      assert.equal(valueForMessage(value), `(${n === 8 || n === 11 || n === 18 ? 'an' : 'a'} ${n}-character value)`, value);
    }
  });
});
