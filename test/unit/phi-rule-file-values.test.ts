// Found in review (claim contents in the log): a claim CSV set as a descriptor file by mistake
// (claimlint.descriptorFiles, --descriptors) puts its member ids and birth dates in the load
// problems. valueForMessage (core/rules/loadProblems.ts) quotes any 6-8 digit value "as a date"
// and any code-like value of up to 5 characters, and descriptors.ts says
// `${valueForMessage(code)} is not a procedure code` for column 1 of every row. Its own comment
// says a claim file set as a rule file "must not put names or member ids in the log and the
// warning", but an 8-digit member id (12345678) or a birth date (19310517) is quoted: in the
// server's log (rules.ts console.warn), in the LoadProblems notification the client shows with
// showWarningMessage and writes to its output channel, and on the CLI's stderr.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { loadKnowledge } from '../../server/src/core/rules/knowledge';
import { fileReports, fileSummary, otherProblems, unusableFileReason } from '../../server/src/lsp/loadReport';

const MEMBER_ID = '88120042';
const OTHER_MEMBER_ID = '77310042';
const BIRTH_DATE = '19310517';

/** A claim export whose first column is the member id (another starts with the birth date). */
const CLAIMS_BY_MEMBER = [
  'Member ID,Patient Name,DOB,DOS,CPT,Units',
  `${MEMBER_ID},QXZPATIENTLAST QXZPATIENTFIRST,${BIRTH_DATE},2026-03-10,43214,1`,
  `${OTHER_MEMBER_ID},QXZPATIENTLAST QXZPATIENTFIRST,${BIRTH_DATE},2026-03-10,43200,1`,
  '',
].join('\n');
const CLAIMS_BY_BIRTH_DATE = ['DOB,Patient Name,CPT', `${BIRTH_DATE},QXZPATIENTLAST QXZPATIENTFIRST,43214`, ''].join('\n');

const FORBIDDEN = [MEMBER_ID, OTHER_MEMBER_ID, BIRTH_DATE, 'QXZ'];
const leaks = (text: string): string[] => FORBIDDEN.filter((s) => text.includes(s));

/** Every line the server would log or show for this file given as a descriptor file (rules.ts use()). */
function loadLines(text: string): string[] {
  const knowledge = loadKnowledge({ builtinEdits: false, ptpFiles: [], descriptorFiles: ['claims.csv'], readFile: () => text });
  const reports = fileReports(knowledge);
  return [
    ...knowledge.problems.map((p) => p.reason),
    ...reports.filter((r) => r.problems.length > 0).map(fileSummary),
    ...reports.map(unusableFileReason).filter((r): r is string => r !== null),
    ...otherProblems(knowledge),
  ];
}

describe('a claim file set as a descriptor file never puts member ids or birth dates in the load problems', () => {
  for (const [name, text] of [
    ['member id in column 1', CLAIMS_BY_MEMBER],
    ['birth date in column 1', CLAIMS_BY_BIRTH_DATE],
  ] as const) {
    it(`${name}: the problems say the file is not a descriptor table without quoting it`, () => {
      const lines = loadLines(text);
      assert.ok(lines.length > 0, 'the file is reported as having problems');
      assert.deepEqual(lines.filter((line) => leaks(line).length > 0), [], 'problem lines that quote the claim file');
    });
  }

  it('the CLI (--descriptors) does not print them on stderr', () => {
    const dir = mkdtempSync(join(tmpdir(), 'claimlint-review-rulefile-'));
    try {
      const file = join(dir, 'claims.csv');
      writeFileSync(file, CLAIMS_BY_MEMBER);
      const run = spawnSync(process.execPath, [resolve(__dirname, '../../server/out/cli.js'), 'check', '--descriptors', file, file], { encoding: 'utf8' });
      assert.match(run.stderr, /descriptor/);
      assert.deepEqual(leaks(run.stdout + run.stderr), [], run.stderr);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
