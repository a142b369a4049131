// Found in review: the 43214 hover on an outpatient hospital claim whose loaded hospital table makes
// 43214/76000 an indicator-1 edit (as CMS's hospital table does; reference ncci-ptp.md). The edit
// list says 76000 may be reported "unless an NCCI modifier ... shows a distinct service", and the
// check agrees (ptp.modifier-required), but codeHover.ts adds the built-in billing note
// unchanged under it: "Do not bill ... 76000 ... no modifier changes that". The hover contradicts
// itself and the finding on the same line. Synthetic claim; a one-row synthetic hospital table.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { hoverAt } from '../../server/src/core/hover/hover';
import { loadKnowledge } from '../../server/src/core/rules/knowledge';
import { practitionerPtpText } from './helpers/ncci-tables';
import { writeX12 } from './helpers/x12-writer';

const HOSPITAL = practitionerPtpText(['43214\t76000\t\t20140101\t*\t1\tMisuse of column two code with column one code']);
const knowledge = loadKnowledge({ builtinEdits: true, ptpFiles: [], hospitalPtpFiles: ['/t/ccioph.txt'], descriptorFiles: [], readFile: () => HOSPITAL });
const DAY = { from: 20261015, to: 20261015 };

describe('43214 hover on an 837I judged by a hospital table where 43214/76000 is indicator 1', () => {
  const { text } = writeX12([{ id: 'C1', lines: [{ code: '43214', charge: '100', date: DAY }, { code: '76000', charge: '50', date: DAY }] }], { kind: 'institutional' });
  const analysis = analyze(text, knowledge);
  const hover = hoverAt(analysis, text.indexOf('43214'), knowledge);

  it('the edits and the check say a modifier can make 76000 payable (the premise)', () => {
    assert.ok(analysis.findings.some((f) => f.rule === 'ptp.modifier-required'), analysis.findings.map((f) => f.rule).join(' '));
    assert.ok(hover);
    assert.match(hover.markdown, /76000 — unless an NCCI modifier/, hover.markdown);
  });

  it('the billing note does not say that no modifier makes 76000 payable', () => {
    assert.ok(hover);
    const billing = hover.markdown.split('\n\n').find((paragraph) => paragraph.startsWith('**Billing:**')) ?? '';
    assert.ok(!(billing.includes('76000') && /no modifier/i.test(billing)), `the hover contradicts itself:\n${hover.markdown}`);
  });
});
