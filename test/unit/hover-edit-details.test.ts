// A coder's review: a code's hover listed its pairs but not the modifier indicator as a number,
// the dates an edit is in force or its rationale, and a code whose edits had all ended said only
// "No PTP edits". A few edits are now shown one by one with their dates and rationale; more are
// grouped, each group with its indicator. Synthetic rows in the CMS layout.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { codeHover } from '../../server/src/core/hover/codeHover';
import { loadKnowledge } from '../../server/src/core/rules/knowledge';
import { practitionerPtpText } from './helpers/ncci-tables';

const rows = [
  '29881\t20610\t\t20200101\t*\t1\tMutually exclusive procedures',
  '29881\t29877\t*\t19960101\t*\t0\tStandards of medical / surgical practice',
  '11055\t11719\t\t20100101\t20231231\t0\tMisuse of column two code with column one code',
];
const knowledge = loadKnowledge({ builtinEdits: false, ptpFiles: ['ccipra-v321r0-f1.txt'], descriptorFiles: [], readFile: () => practitionerPtpText(rows) });
const day = (d: number) => ({ from: d, to: d });

describe('code hover: each edit\'s indicator, dates and rationale', () => {
  it('a few edits, one by one: what they allow with the indicator, since when, and the rationale', () => {
    const hover = codeHover('29881', day(20260310), knowledge);
    assert.match(hover, /- Column 1: do not report with 20610 — unless an NCCI modifier \(an anatomic one, XE, XS, XP, XU or 59\) shows a distinct service \(modifier indicator 1\); in force since 01\/01\/2020; Mutually exclusive procedures\n/);
    assert.match(hover, /- Column 1: do not report with 29877 — no modifier allowed \(modifier indicator 0\); in force since before 1996 \(table date 01\/01\/1996\); Standards of medical \/ surgical practice/);
  });

  it('an edit with a deletion date shows it while in force', () => {
    assert.match(codeHover('11719', day(20230615), knowledge), /- Column 2: bundled into 11055 — no modifier allowed \(modifier indicator 0\); in force since 01\/01\/2010 until 12\/31\/2023; Misuse of column two code with column one code/);
  });

  it('a code whose edits all ended before the date says when', () => {
    const hover = codeHover('11719', day(20240301), knowledge);
    assert.match(hover, /No PTP edits on 03\/01\/2024 in the loaded practitioner table\. Its edit in the table ended by 12\/31\/2023\./);
    // A code with no edit at all says nothing of ended ones.
    assert.doesNotMatch(codeHover('99213', day(20240301), knowledge), /ended by/);
  });

  it('more than four edits are grouped, each group with its indicator', () => {
    const many = ['43235\t43200\t\t20200101\t*\t0\tx', '43235\t43202\t\t20200101\t*\t0\tx', '43235\t43204\t\t20200101\t*\t1\tx', '43235\t43206\t\t20200101\t*\t1\tx', '43235\t99213\t\t20200101\t*\t1\tx'];
    const k = loadKnowledge({ builtinEdits: false, ptpFiles: ['ccipra-v321r0-f1.txt'], descriptorFiles: [], readFile: () => practitionerPtpText(many) });
    const hover = codeHover('43235', day(20260310), k);
    assert.match(hover, /- Column 1: do not report with 43200, 43202 — no modifier allowed \(modifier indicator 0\)\n/);
    assert.match(hover, /- Column 1: do not report with 43204, 43206 — unless an NCCI modifier \(an anatomic one, XE, XS, XP, XU or 59\) shows a distinct service \(modifier indicator 1\)\n/);
    assert.match(hover, /- Column 1: do not report with 99213 — unless 25 on the E\/M code shows a significant, separately identifiable visit \(modifier indicator 1\)/);
    assert.doesNotMatch(hover, /in force since/);
  });
});
