// When an ISA13 is padded (guides/isaFix.ts interchangeFix), the fix checks that no other
// interchange of the file already writes the padded number. It read the ISA of every other
// interchange for each ISA it padded: fix-all over n interchanges with short ISA13s read n² ISAs
// (631 ms at 1,000 interchanges, 10.7 s at 4,000). The ISA13s are now counted once per request
// (ControlNumbers, shared by the request's Planner): this counts the reads of ISA elements, which
// are deterministic where a timing is not, and pins that the check still refuses a repeated ISA13.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { analyze, type Analysis } from '../../server/src/core/analyze';
import { applyEdits } from '../../server/src/core/edits';
import { fixAllWithGuides, guideFixesFor } from '../../server/src/core/guides/fixes';
import { emptyKnowledge } from '../../server/src/core/rules/knowledge';
import { writeX12, type WriterClaim } from './helpers/x12-writer';

const knowledge = emptyKnowledge(true);
const day = { from: 20260310, to: 20260310 };

/** n claims of one line in no edit (99213), one interchange each. */
function interchanges(n: number): string {
  const claims: WriterClaim[] = Array.from({ length: n }, (_, i) => ({ id: `C${i}`, subscriberId: `M${i}`, lines: [{ code: '99213', charge: '80.00', date: day }] }));
  return writeX12(claims, { lineEnding: '\n', interchanges: n }).text;
}

/** Every ISA13 written without its leading zeros (000000012 as 12): the ISA is no longer 106 characters wide. */
function shortControlNumbers(text: string): string {
  return text.replace(/^(ISA(?:\*[^*~]*){12}\*)0*([1-9][0-9]*)\*/gm, '$1$2*');
}

/** What `run` gives, and how many times the ISA segments' elements are read while it runs. */
function isaReads<T>(analysis: Analysis, run: () => T): { result: T; reads: number } {
  const ix = analysis.doc.x12!;
  const elementSpans = ix.elementSpans.bind(ix);
  let reads = 0;
  ix.elementSpans = (i: number) => {
    if (ix.segmentId(i) === 'ISA') reads++;
    return elementSpans(i);
  };
  try {
    const result = run();
    return { result, reads };
  } finally {
    ix.elementSpans = elementSpans;
  }
}

describe('padding ISA13 in many interchanges', () => {
  it('fix-all reads each ISA a bounded number of times, not once per other interchange', () => {
    const n = 100;
    const text = interchanges(n);
    const spoilt = shortControlNumbers(text);
    assert.notEqual(spoilt, text);
    const analysis = analyze(spoilt, knowledge);
    assert.equal(analysis.findings.filter((f) => f.rule === 'x12.isa-width').length, n);
    const { result: fix, reads } = isaReads(analysis, () => fixAllWithGuides(spoilt, analysis.doc, analysis.findings));
    assert.ok(fix, 'fix-all pads them');
    assert.equal(applyEdits(spoilt, fix.edits), text, 'the file as it was written');
    // Once to count the ISA13s, once for each ISA's fix: every other ISA read per padding was n².
    assert.ok(reads <= 3 * n, `${reads} reads of ISA elements for ${n} interchanges`);
  });

  it('a padded ISA13 that another interchange already writes gets no fix', () => {
    // Interchange 1 writes 1, interchange 2 writes 000000001: padding the first would repeat it.
    const text = shortControlNumbers(interchanges(2)).replace(/^(ISA(?:\*[^*~]*){12}\*)2\*/m, '$1000000001*');
    const analysis = analyze(text, knowledge);
    const [first, second] = analysis.findings.filter((f) => f.rule === 'x12.isa-width');
    assert.ok(first && !second, `one ISA is not fixed width: ${analysis.findings.map((f) => f.rule).join(', ')}`);
    assert.deepEqual(guideFixesFor(text, analysis.doc, first), []);
    assert.equal(fixAllWithGuides(text, analysis.doc, analysis.findings)?.findings.some((f) => f.rule === 'x12.isa-width') ?? false, false);
  });
});
