// Found by a user: a CSV saved from a spreadsheet that took the CPT column for numbers wrote
// 43214 as "43214.0" (and 00100 as "100"). "43214.0" was reported as a malformed code and the
// conflicts of 43200 and 76000 with it were missed. A five-digit code with decimal zeros is now read
// as the code, with a warning to save the column as text; one to four digits get a hint about the
// leading zeros a spreadsheet drops. Synthetic data only.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { emptyKnowledge } from '../../server/src/core/rules/knowledge';

const knowledge = emptyKnowledge(true);

describe('a code a spreadsheet saved as a number', () => {
  it('43214.0: read as 43214, said in a warning, and its conflicts found', () => {
    const text = 'Claim ID,Member ID,DOS,CPT Code,Units,Charge\nY1,M1,10/15/2026,43214.0,1,100\nY1,M1,10/15/2026,43200,1,50\n';
    const analysis = analyze(text, knowledge);
    assert.equal(analysis.doc.claims[0]!.lines[0]!.code, '43214');
    const said = analysis.findings.find((f) => f.rule === 'csv.procedure-code-invalid')!;
    assert.equal(said.severity, 'warning');
    assert.match(said.message, /is the code 43214 written as a number \(43214\.0\).*it is read as 43214\. Save the column as text\.$/);
    assert.equal(text.slice(said.span.start, said.span.end), '43214.0');
    assert.ok(analysis.findings.some((f) => f.rule === 'ptp.conflict' && f.codes?.includes('43200')));
  });

  it('100: not a code, with the hint about dropped leading zeros', () => {
    const text = 'Claim ID,Member ID,DOS,CPT Code,Units,Charge\nY1,M1,10/15/2026,100,1,100\n';
    const said = analyze(text, knowledge).findings.find((f) => f.rule === 'csv.procedure-code-invalid')!;
    assert.match(said.message, /A spreadsheet drops the leading zeros of a code it takes for a number \(00100 saved as 100\): save the column as text\.$/);
  });

  it('a malformed code that is no number gets no such hint (control)', () => {
    const text = 'Claim ID,Member ID,DOS,CPT Code,Units,Charge\nY1,M1,10/15/2026,4321X9,1,100\n';
    const said = analyze(text, knowledge).findings.find((f) => f.rule === 'csv.procedure-code-invalid')!;
    assert.doesNotMatch(said.message, /spreadsheet/);
  });
});
