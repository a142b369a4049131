// Found in review (an EDI analyst): SV1*HC:99213:*... passed, while a segment's trailing element
// separators are reported. X12 drops empty components at a composite's end as it drops empty
// elements at a segment's: guide.trailing-separator (a warning) on the composite, through the
// fast clean check as well as the exact one.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { emptyKnowledge } from '../../server/src/core/rules/knowledge';
import { writeX12 } from './helpers/x12-writer';

const day = { from: 20261015, to: 20261015 };
const { text } = writeX12([{ id: 'C1', lines: [{ code: '99213', charge: '10.00', date: day }, { code: '99214', charge: '10.00', date: day }] }], { lineEnding: '\n' });
const trailing = (t: string) => analyze(t, emptyKnowledge(true), undefined, undefined, { guideChecks: 'full' }).findings.filter((f) => f.rule === 'guide.trailing-separator');

describe('a composite that ends with component separators', () => {
  it('is reported on the composite; the same composite without them is not (control)', () => {
    assert.deepEqual(trailing(text), []);
    const broken = text.replace('SV1*HC:99214*', 'SV1*HC:99214:*');
    const [finding, ...more] = trailing(broken);
    assert.ok(finding);
    assert.deepEqual(more, []);
    assert.equal(finding.severity, 'warning');
    assert.equal(finding.message, 'SV101 ends with component separators (empty trailing components).');
    assert.equal(broken.slice(finding.span.start, finding.span.end), 'HC:99214:');
  });
});
