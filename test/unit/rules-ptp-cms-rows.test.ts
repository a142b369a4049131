// Issue 12: the real CMS rows (excerpts of the CMS downloads, copied in as strings) through
// loadPtpTable and loadKnowledge, and what they find in claims.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import type { ClaimKind } from '../../server/src/core/model';
import { BUILTIN_SOURCE, emptyKnowledge, loadKnowledge, loadPtpTable } from '../../server/src/core/rules';
import { ptpData, ptpOf, readingProblems } from './helpers/ptp-findings';
import { writeX12837 } from './helpers/ptp-claims';

/**
 * Rows of the CMS practitioner table v32.2 (ccipra-v322r0-f1, 2026 Q3) exactly as CMS writes them:
 * its 6 preamble lines, tab-separated, CRLF: a selection of the download's rows, unchanged,
 * plus two same-key duplicates that v32.2 holds (13121/13120, 17000/17281).
 */
const CCIPRA_EXCERPT = [
  'CPT only copyright 2025 American Medical Association.  All rights reserved.\t\t\t\t\t\t',
  'Column1/Column2 Edits\t\t\t\t\t\t',
  'Column 1\tColumn 2\t*=in existence\tEffective\tDeletion\tModifier\tPTP Edit Rationale',
  '\t\tprior to 1996\tDate\tDate\t0=not allowed\t',
  '\t\t\t\t*=no data\t1=allowed\t',
  '\t\t\t\t\t9=not applicable\t',
  '0001A\t0591T\t\t20220101\t20231231\t1\tCPT Manual or CMS manual coding instruction',
  '0001A\t36591\t\t20220101\t20231231\t0\tCPT Manual or CMS manual coding instruction',
  '0001A\t90473\t\t20220101\t20220101\t9\tCPT Manual or CMS manual coding instruction',
  '0001A\t99213\t\t20220101\t20231231\t1\tCPT Manual or CMS manual coding instruction',
  '0001A\t99241\t\t20220101\t20221231\t1\tCPT Manual or CMS manual coding instruction',
  '0001A\tG0008\t\t20220101\t20220101\t9\tMutually exclusive procedures',
  '0001M\t36591\t\t20151001\t20151001\t9\tCPT Manual or CMS manual coding instruction',
  '0001M\t80053\t\t20170401\t20181231\t0\tMisuse of Column Two code with Column One code',
  '0001M\t80500\t\t20170401\t20181231\t1\tMisuse of Column Two code with Column One code',
  '0001T\t0002T\t\t20030101\t20040331\t1\tMutually exclusive procedures',
  '0001U\t0028U\t\t20180701\t20180930\t1\tMisuse of Column Two code with Column One code',
  '0001U\t0030U\t\t20180701\t*\t1\tMisuse of Column Two code with Column One code',
  '0001U\t0053U\t\t20190101\t20230630\t1\tMisuse of Column Two code with Column One code',
  '0001U\t80500\t\t20180101\t20211231\t1\tMisuse of Column Two code with Column One code',
  '0001U\t80503\t\t20220101\t*\t1\tMisuse of Column Two code with Column One code',
  '13121\t13120\t\t19960101\t19960101\t9\tStandards of medical/surgical practice',
  '13121\t13120\t*\t19960101\t*\t0\tStandards of medical/surgical practice',
  '17000\t17281\t\t19990701\t20041231\t1\tMutually exclusive procedures',
  '17000\t17281\t\t19990701\t19990701\t9\tMutually exclusive procedures',
].join('\r\n') + '\r\n';
const CCIPRA_DATA_ROWS = 19;

/**
 * Rows of the CMS outpatient hospital table v32.3 (ccioph-v323r0, OPPS), its active 43214 rows:
 * the codes and modifier indicators are real. The excerpt they come from has no dates or
 * rationale: the effective date 20140101,
 * the deletion `*` and the rationale text were ADDED here to make CMS-layout rows.
 */
const CCIOPH_EXCERPT = [
  'Column 1\tColumn 2\t*=in existence\tEffective\tDeletion\tModifier\tPTP Edit Rationale',
  '43210\t43214\t\t20140101\t*\t0\tMutually exclusive procedures',
  '43214\t43197\t\t20140101\t*\t0\tCPT Manual or CMS manual coding instruction',
  '43214\t43200\t\t20140101\t*\t0\tCPT Manual or CMS manual coding instruction',
  '43214\t43202\t\t20140101\t*\t1\tMisuse of column two code with column one code',
  '43214\t74360\t\t20140101\t*\t0\tCPT Manual or CMS manual coding instruction',
  '43214\t76000\t\t20140101\t*\t1\tMisuse of column two code with column one code',
  '43214\t77001\t\t20140101\t*\t1\tMisuse of column two code with column one code',
].join('\r\n') + '\r\n';

function realKnowledge() {
  const files: Record<string, string> = { 'ccipra-v322r0-f1.txt': CCIPRA_EXCERPT, 'ccioph-v323r0-f1.txt': CCIOPH_EXCERPT };
  return loadKnowledge({
    builtinEdits: true,
    ptpFiles: ['ccipra-v322r0-f1.txt'],
    hospitalPtpFiles: ['ccioph-v323r0-f1.txt'],
    descriptorFiles: [],
    readFile: (path) => {
      const content = files[path];
      if (content === undefined) throw Object.assign(new Error('not found'), { code: 'ENOENT' });
      return content;
    },
  });
}

describe('the real CMS rows', () => {
  test('the practitioner excerpt loads as CMS writes it: preamble, CRLF, tombstones, `*`', () => {
    const result = loadPtpTable(CCIPRA_EXCERPT, 'ccipra-v322r0-f1.txt');
    assert.deepEqual(result.problems, []);
    assert.equal(result.rows, CCIPRA_DATA_ROWS);
    assert.equal(result.delimiter, '\t');
    const rules = result.rules;
    const indicator = (one: string, two: string, date: number) => rules.lookup(one, two, date)?.modifierIndicator ?? null;

    // A window with a deletion date: in force on both edge days, not the day before or after.
    assert.equal(indicator('0001A', '99213', 20211231), null);
    assert.equal(indicator('0001A', '99213', 20220101), '1');
    assert.equal(indicator('0001A', '99213', 20231231), '1');
    assert.equal(indicator('0001A', '99213', 20240101), null);
    assert.equal(indicator('0001A', '36591', 20231231), '0');
    // Quarter-end and year-end deletions.
    assert.equal(indicator('0001A', '99241', 20221231), '1');
    assert.equal(indicator('0001A', '99241', 20230101), null);
    assert.equal(indicator('0001T', '0002T', 20040331), '1');
    assert.equal(indicator('0001T', '0002T', 20040401), null);
    assert.equal(indicator('0001U', '0028U', 20180930), '1');
    assert.equal(indicator('0001U', '0028U', 20181001), null);
    assert.equal(indicator('0001U', '0053U', 20230630), '1');
    assert.equal(indicator('0001U', '0053U', 20230701), null);
    assert.equal(indicator('0001M', '80053', 20170331), null);
    assert.equal(indicator('0001M', '80053', 20170401), '0');
    assert.equal(indicator('0001M', '80053', 20181231), '0');
    assert.equal(indicator('0001M', '80053', 20190101), null);
    // `*`: never deleted.
    const open = rules.lookup('0001U', '0030U', 20991231);
    assert.equal(open?.deletion, null);
    assert.equal(open?.effective, 20180701);
    assert.equal(open?.rationale, 'Misuse of Column Two code with Column One code');
    assert.equal(open?.source, 'ccipra-v322r0-f1.txt');
    assert.equal(indicator('0001U', '0030U', 20180630), null);
    // Indicator-9 tombstones (deletion = effective): no edit on that day or any other.
    for (const date of [20211231, 20220101, 20220102]) assert.equal(indicator('0001A', '90473', date), null);
    assert.equal(indicator('0001A', 'G0008', 20220101), null);
    assert.equal(indicator('0001M', '36591', 20151001), null);
    assert.equal(rules.editsAsColumnOne('0001A').filter((e) => e.modifierIndicator === '9').length, 2, 'the 9 rows are kept as rows');
    // One pair over two windows: 0001U/80500 ended when 80503-80506 started.
    assert.equal(indicator('0001U', '80500', 20211231), '1');
    assert.equal(indicator('0001U', '80500', 20220101), null);
    assert.equal(indicator('0001U', '80503', 20211231), null);
    assert.equal(indicator('0001U', '80503', 20220101), '1');
    // Same-key duplicates: a 9 row on the same day never hides the 0 or 1 row.
    assert.equal(indicator('13121', '13120', 19960101), '0');
    assert.equal(rules.lookup('13121', '13120', 19960101)?.preexisting, true);
    assert.equal(indicator('13121', '13120', 20260701), '0');
    assert.equal(indicator('17000', '17281', 19990630), null);
    assert.equal(indicator('17000', '17281', 19990701), '1');
    assert.equal(indicator('17000', '17281', 20041231), '1');
    assert.equal(indicator('17000', '17281', 20050101), null);
    // Over an RD8 range: the edit in force on some day of it.
    assert.equal(rules.lookupInRange('0001A', '99213', 20231220, 20240110)?.modifierIndicator, '1');
    assert.equal(rules.lookupInRange('0001A', '99213', 20240101, 20240110), null);
    assert.equal(rules.lookupInRange('0001A', '90473', 20211201, 20220201), null);
  });

  test('the hospital excerpt (real codes and indicators, added dates) loads', () => {
    const result = loadPtpTable(CCIOPH_EXCERPT, 'ccioph-v323r0-f1.txt');
    assert.deepEqual(result.problems, []);
    assert.equal(result.rows, 7);
    assert.equal(result.rules.lookup('43214', '76000', 20260310)?.modifierIndicator, '1');
    assert.equal(result.rules.lookup('43214', '43200', 20260310)?.modifierIndicator, '0');
    assert.equal(result.rules.lookup('43214', '76000', 20131231), null);
  });

  const knowledge = realKnowledge();

  test('loadKnowledge puts each file in its table, and a loaded table with rows of a column-1 code replaces the built-in rows of that code', () => {
    assert.deepEqual(knowledge.problems, []);
    assert.deepEqual(
      knowledge.files.map((f) => [f.source, f.table, f.rows]),
      [['ccipra-v322r0-f1.txt', 'practitioner', CCIPRA_DATA_ROWS], ['ccioph-v323r0-f1.txt', 'hospital', 7]],
    );
    const { practitioner, hospital } = knowledge.tables;
    // Hospital: the loaded row replaces the built-in one (even on days before the loaded row starts).
    assert.equal(hospital.lookup('43214', '76000', 20260310)?.modifierIndicator, '1');
    assert.equal(hospital.lookup('43214', '76000', 20260310)?.source, 'ccioph-v323r0-f1.txt');
    assert.equal(hospital.lookup('43214', '76000', 20131231), null);
    assert.equal(hospital.editsAsColumnOne('43214').filter((e) => e.columnTwo === '76000').length, 1);
    // 43198 is in the built-in set and not in the hospital excerpt, which has rows of 43214 as
    // column 1: a CMS table holds every edit of a column-1 code it has, so the pair is no edit.
    assert.equal(hospital.lookup('43214', '43198', 20260310), null);
    // Practitioner: no 43214 rows in the excerpt, so the built-in 0 stays, and the real rows are there.
    assert.equal(practitioner.lookup('43214', '76000', 20260310)?.modifierIndicator, '0');
    assert.equal(practitioner.lookup('43214', '76000', 20260310)?.source, BUILTIN_SOURCE);
    assert.equal(practitioner.lookup('0001A', '36591', 20230615)?.modifierIndicator, '0');
    assert.equal(hospital.lookup('0001A', '36591', 20230615), null, 'the practitioner rows are not in the hospital table');
  });

  /** An 837 of one claim with two lines on 2026-03-10. */
  function twoLines(kind: ClaimKind, first: string, second: string, modifiers: string[] = [], date = 20260310, firstModifiers: string[] = []): string {
    const lines = [{ code: first, charge: '100', modifiers: firstModifiers }, { code: second, charge: '50', modifiers }];
    return writeX12837([{ id: 'C1', subscriberId: 'M1', lines: lines.map((l) => ({ ...l, date })) }], kind);
  }

  test('with only the built-in set, 43214/76000 takes each table\'s indicator: 1 on an 837I (the OPPS table\'s), 0 on an 837P', () => {
    const builtin = emptyKnowledge();
    const institutional = ptpOf(analyze(twoLines('institutional', '43214', '76000'), builtin).findings);
    assert.deepEqual(institutional.map((f) => [f.rule, f.codes, ptpData(f)?.table, ptpData(f)?.modifierIndicator]), [['ptp.modifier-required', ['43214', '76000'], 'hospital', '1']]);
    assert.deepEqual(ptpOf(analyze(twoLines('institutional', '43214', '76000', ['XS']), builtin).findings), []);
    // The other four pairs are 0 in both tables.
    for (const code of ['43197', '43198', '43200', '74360']) {
      assert.deepEqual(ptpOf(analyze(twoLines('institutional', '43214', code, ['XS']), builtin).findings).map((f) => [f.rule, ptpData(f)?.modifierIndicator]), [['ptp.conflict', '0']], code);
    }
    const professional = ptpOf(analyze(twoLines('professional', '43214', '76000', ['XS']), builtin).findings);
    assert.deepEqual(professional.map((f) => [f.rule, ptpData(f)?.table, ptpData(f)?.modifierIndicator]), [['ptp.conflict', 'practitioner', '0']]);
  });

  test('837I: the hospital table\'s 1 for 43214/76000, and XS satisfies it; 837P keeps the built-in 0', () => {
    const institutional = ptpOf(analyze(twoLines('institutional', '43214', '76000'), knowledge).findings);
    assert.deepEqual(institutional.map((f) => [f.rule, f.codes, ptpData(f)?.table, ptpData(f)?.modifierIndicator]), [['ptp.modifier-required', ['43214', '76000'], 'hospital', '1']]);
    assert.match(institutional[0]!.message, /outpatient hospital PTP edit/);
    assert.deepEqual(ptpOf(analyze(twoLines('institutional', '43214', '76000', ['XS']), knowledge).findings), []);
    // 43200 is 0 in the hospital table too: XS does not help.
    assert.deepEqual(ptpOf(analyze(twoLines('institutional', '43214', '43200', ['XS']), knowledge).findings).map((f) => f.rule), ['ptp.conflict']);

    const professional = ptpOf(analyze(twoLines('professional', '43214', '76000'), knowledge).findings);
    assert.deepEqual(professional.map((f) => [f.rule, f.codes, ptpData(f)?.table, ptpData(f)?.modifierIndicator]), [['ptp.conflict', ['43214', '76000'], 'practitioner', '0']]);
    assert.deepEqual(ptpOf(analyze(twoLines('professional', '43214', '76000', ['XS']), knowledge).findings).map((f) => f.rule), ['ptp.conflict']);

    // 837D: no table at all.
    assert.deepEqual(ptpOf(analyze(twoLines('dental', '43214', '43200'), knowledge).findings), []);
  });

  test('0001A and 0001M are procedure codes, and their real rows pair them on their real dates', () => {
    const x12 = (first: string, second: string, modifiers: string[], date: number, firstModifiers: string[] = []) => {
      const analysis = analyze(twoLines('professional', first, second, modifiers, date, firstModifiers), knowledge);
      assert.deepEqual(readingProblems(analysis.findings), [], 'no reading problems');
      return ptpOf(analysis.findings).map((f) => `${f.rule} ${f.codes!.join('/')}`);
    };
    assert.deepEqual(x12('0001A', '36591', [], 20230615), ['ptp.conflict 0001A/36591']);
    assert.deepEqual(x12('0001A', '36591', [], 20240102), [], 'deleted 20231231');
    assert.deepEqual(x12('0001A', '90473', [], 20220101), [], 'an indicator-9 tombstone');
    assert.deepEqual(x12('0001A', '99213', [], 20231231), ['ptp.modifier-required 0001A/99213']);
    assert.deepEqual(x12('0001A', '99213', ['25'], 20231231), [], '25 with an E/M code');
    assert.deepEqual(x12('0001A', '0591T', ['25'], 20231231), ['ptp.modifier-required 0001A/0591T'], '25 without an E/M code');
    assert.deepEqual(x12('0001A', '0591T', ['RT'], 20231231), ['ptp.modifier-required 0001A/0591T'], 'a site on one line only');
    assert.deepEqual(x12('0001A', '0591T', ['RT'], 20231231, ['RT']), ['ptp.modifier-required 0001A/0591T'], 'the same site on both lines');
    assert.deepEqual(x12('0001A', '0591T', ['RT'], 20231231, ['LT']), [], 'two sites');
    assert.deepEqual(x12('0001A', '0591T', ['91'], 20231231), ['ptp.modifier-required 0001A/0591T'], '91 on a code that is not a laboratory code');
    assert.deepEqual(x12('0001A', '0591T', ['XU'], 20231231), []);
    assert.deepEqual(x12('0001M', '80053', [], 20181231), ['ptp.conflict 0001M/80053']);
    assert.deepEqual(x12('0001M', '80500', ['91'], 20181231), [], '91 on a laboratory code');
    assert.deepEqual(x12('0001U', '0030U', [], 20260310), ['ptp.modifier-required 0001U/0030U']);
    assert.deepEqual(x12('0001U', '0030U', ['91'], 20260310), []);
    // The column-2 code first: still found, on the column-2 line.
    assert.deepEqual(x12('36591', '0001A', [], 20230615), ['ptp.conflict 0001A/36591']);

    const csv = analyze('Claim ID,DOS,CPT,Modifier\nC1,2023-06-15,0001A,\nC1,2023-06-15,36591,\nC1,2023-06-15,0001M,\n', knowledge);
    assert.deepEqual(readingProblems(csv.findings), []);
    assert.deepEqual(ptpOf(csv.findings).map((f) => `${f.rule} ${f.codes!.join('/')}`), ['ptp.conflict 0001A/36591']);
  });
});
