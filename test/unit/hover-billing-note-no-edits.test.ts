// Found in review (the 43214 hover): the built-in billing note ("Do not bill 43197, 43198, 43200,
// 74360 or 76000 ... no modifier changes that") is meant to show only "where the claim's table
// agrees" (codeHover.ts). It is left out when an edit allows a modifier, but not when the
// table has no edit of 43214 at all: with `claimlint.builtinEdits` off and a loaded CMS table that
// has no rows for 43214 on the date, the hover says "No PTP edits ... in the loaded practitioner
// table" and then tells the coder not to bill 43200, while the check reports nothing on the 43200
// line beside it. The note now shows only when the table in use has an edit of each code it names,
// none allowing a modifier (hover.ts noteAgrees). Synthetic claim; a one-row synthetic practitioner
// table.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { hoverAt } from '../../server/src/core/hover/hover';
import { loadKnowledge } from '../../server/src/core/rules/knowledge';
import { practitionerPtpText } from './helpers/ncci-tables';

const TABLE = practitionerPtpText(['11042\t97597\t\t20200101\t*\t1\tMisuse of column two code with column one code']);
const knowledge = loadKnowledge({ builtinEdits: false, ptpFiles: ['/t/ccipra-ptp.txt'], descriptorFiles: [], readFile: () => TABLE });
const CSV = 'Claim ID,Patient ID,Date of Service,CPT/HCPCS,Units\nC1,M1,10/15/2026,43214,1\nC1,M1,10/15/2026,43200,1\n';

describe('43214 hover when the loaded table has no edit of 43214', () => {
  it('the billing note does not tell the coder not to bill 43200 with it, as the edits and the check do not', () => {
    const analysis = analyze(CSV, knowledge);
    const hover = hoverAt(analysis, CSV.indexOf('43214'), knowledge);
    // The premise: the table loaded, nothing found, and the hover says there are no edits.
    assert.deepEqual(knowledge.problems, []);
    assert.equal(analysis.findings.filter((f) => f.rule.startsWith('ptp.')).length, 0);
    assert.ok(hover);
    assert.match(hover.markdown, /No PTP edits on 10\/15\/2026 in the loaded practitioner table/);
    const billing = hover.markdown.split('\n\n').find((paragraph) => paragraph.startsWith('**Billing:**')) ?? '';
    assert.ok(!billing.includes('43200'), `the hover contradicts itself and the check:\n${hover.markdown}`);
  });

  it('nor when the table pairs 43214 with only some of the codes the note names', () => {
    const partial = practitionerPtpText(['43214\t43200\t\t20140101\t*\t0\tMisuse of column two code with column one code']);
    const some = loadKnowledge({ builtinEdits: false, ptpFiles: ['/t/ccipra-ptp.txt'], descriptorFiles: [], readFile: () => partial });
    const hover = hoverAt(analyze(CSV, some), CSV.indexOf('43214'), some);
    assert.ok(hover);
    assert.match(hover.markdown, /do not report with 43200 — no modifier allowed/);
    assert.ok(!hover.markdown.includes('**Billing:**'), `the note names 76000 and others the table does not pair:\n${hover.markdown}`);
  });
});
