// The server's load report: one line per file with problems, and counts of what was loaded.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadKnowledge } from '../../server/src/core/rules/knowledge';
import { fileReports, fileSummary, loadedSummary, whyUnusable } from '../../server/src/lsp/loadReport';

const row = (c1: string, c2: string, indicator: string) => `${c1}\t${c2}\t\t20200101\t*\t${indicator}\tMutually exclusive procedures`;
const table = (...rows: string[]) => ['Title line', ...rows, ''].join('\n');

test('a file with more problems than the loader lists is counted whole; a file given for two kinds gets its own problems in each', () => {
  const files: Record<string, string> = {
    'many.txt': table(row('99213', '36415', '0'), ...Array.from({ length: 230 }, () => row('99214', '36415', '7'))),
    'one.txt': table(row('99213', '36415', '0'), row('99215', '36415', '7')),
    'both.csv': 'Code,Short Descriptor\n43200,Esophagoscopy\n',
  };
  const knowledge = loadKnowledge({
    builtinEdits: true,
    ptpFiles: ['many.txt', 'one.txt', 'both.csv'],
    descriptorFiles: ['both.csv'],
    readFile: (path) => files[path] ?? '',
  });
  const reports = fileReports(knowledge);
  assert.deepEqual(reports.map((r) => [r.file.source, r.file.kind, r.total]), [
    ['many.txt', 'ptp', 230],
    ['one.txt', 'ptp', 1],
    ['both.csv', 'ptp', 1],
    ['both.csv', 'descriptors', 0],
  ]);
  assert.match(fileSummary(reports[0]!), /^many\.txt: 1 PTP edit loaded; 230 problems, first: line 3: .+; line 4: .+; line 5: [^;]+$/);
  assert.match(fileSummary(reports[1]!), /^one\.txt: 1 PTP edit loaded; 1 problem: line 3: modifier indicator "7" is not 0, 1 or 9$/);
  assert.match(fileSummary(reports[2]!), /^both\.csv: /);
  assert.match(loadedSummary(knowledge, true), /^Claimlint rules loaded: PTP tables: 2 of 3 files loaded \(2 edits\), descriptor files: 1 of 1 file loaded \(1 descriptor\); in use: \d+ practitioner and \d+ outpatient hospital PTP edits \(built-in set on\)\.$/);
});

test('nothing set: the summary says so', () => {
  const knowledge = loadKnowledge({ builtinEdits: false, ptpFiles: [], descriptorFiles: [], readFile: () => '' });
  assert.equal(loadedSummary(knowledge, false), 'Claimlint rules loaded: no rule files set; in use: 0 practitioner and 0 outpatient hospital PTP edits (built-in set off).');
});

test('MUE and add-on code files are named and counted in their own words', () => {
  const mue = ['code\tmue_value\tmai\tmue_rationale', '43214\t1\t3\tNature of Service/Procedure', '76000\t3\t3\tClinical: Data', 'BAD\t1\t3\tx', ''].join('\n');
  const aoc = [
    'Add-on Code\tPrimary Code\tAOC Edit Type\tAOC Effective Date\tAOC Deletion Date\tPrimary Code Effective Date\tPrimary Code Deletion Date\tSpecial Instruction Notes',
    '99292\t99291\t1\t20060101\t*\t20060101\t*\t',
    'BAD\t99291\t1\t20060101\t*\t20060101\t*\t',
    '',
  ].join('\n');
  const files: Record<string, string> = { 'mue.tsv': mue, 'aoc.txt': aoc };
  const knowledge = loadKnowledge({ builtinEdits: false, ptpFiles: [], descriptorFiles: [], mueFiles: ['mue.tsv'], addOnCodeFiles: ['aoc.txt'], readFile: (path) => files[path] ?? '' });
  const reports = fileReports(knowledge);
  assert.deepEqual(reports.map((r) => [r.file.kind, r.file.rows, r.total]), [['mue', 2, 1], ['aoc', 1, 1]]);
  assert.match(fileSummary(reports[0]!), /^mue\.tsv: 2 MUE values loaded; 1 problem: line 4: /);
  assert.match(fileSummary(reports[1]!), /^aoc\.txt: 1 add-on code edit loaded; 1 problem: line 3: /);
  assert.match(loadedSummary(knowledge, false), /MUE tables: 1 of 1 file loaded \(2 MUE values\), add-on code tables: 1 of 1 file loaded \(1 add-on code edit\);/);
});

test('a file given as one kind of table whose name says another is told where it goes (found in review)', () => {
  const mueCsv = 'Synthetic notice\r\n"HCPCS/\r\nCPT Code",Practitioner Services MUE Values,MUE Adjudication Indicator,MUE Rationale\r\n36415,1,3,Clinical\r\n';
  const ptpText = 'Notice\r\nColumn 1\tColumn 2\t*\tEffective Date\tDeletion Date\tModifier\tRationale\r\n43214\t43200\t\t20200101\t*\t0\tMisuse\r\n';
  const knowledge = loadKnowledge({
    builtinEdits: false,
    ptpFiles: ['MCR_MUE_PractitionerServices_Eff_10-01-2026.csv'],
    mueFiles: ['ccipra-v322r0-f1.txt'],
    descriptorFiles: [],
    readFile: (path) => (path.startsWith('MCR') ? mueCsv : ptpText),
  });
  const reasons = fileReports(knowledge).map((report) => whyUnusable(report));
  assert.match(reasons[0]!, /^not a PTP table: .*; its name says it is an MUE table: give it as one \(--mue, claimlint\.mueFiles\)$/);
  assert.match(reasons[1]!, /^not an MUE table: .*; its name says it is a PTP table: give it as one \(--ptp or --ptp-hospital, /);
  // A name that says nothing of another kind gets no hint (control).
  const plain = loadKnowledge({ builtinEdits: false, ptpFiles: ['table.csv'], descriptorFiles: [], readFile: () => mueCsv });
  assert.doesNotMatch(whyUnusable(fileReports(plain)[0]!), /its name says/);
});
