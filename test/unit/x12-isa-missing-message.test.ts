// Found in review: a transaction set pasted without its header (the file starts at GS or ST) got
// x12.isa-missing alone and 0 claims, nothing checked, while its message only said an interchange
// must begin with ISA, and claimlint.unrecognized-format said an 837 "starts with an ISA segment
// (or ST/GS when pasted without one)", as if such a paste were read. Neither is read (the
// delimiters are in ISA): the isa-missing message now says the claims were not read and what to
// add above what the file starts with, and no message says ST or GS alone is accepted. Synthetic data only.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../server/src/core/analyze';
import { editorInputFindings, withInputFindings } from '../../server/src/core/inputFindings';
import { emptyKnowledge } from '../../server/src/core/rules/knowledge';
import { writeX12 } from './helpers/x12-writer';

const knowledge = emptyKnowledge(true);
const day = { from: 20260310, to: 20260310 };
const text = writeX12([{ id: 'C1', lines: [{ code: '43214', charge: '100.00', date: day }, { code: '43200', charge: '50.00', date: day }] }], { lineEnding: '\n' }).text;

describe('a transaction set pasted without its ISA header', () => {
  for (const [name, start, add] of [['from GS', 'GS*', 'add the ISA header above the GS'], ['from ST', 'ST*', 'add the ISA and GS headers above the ST']] as const) {
    it(`${name}: x12.isa-missing says no claim was read and what to add above it`, () => {
      const pasted = text.slice(text.indexOf(start));
      const analysis = analyze(pasted, knowledge);
      assert.equal(analysis.doc.claims.length, 0, 'not read: the message must not pretend otherwise');
      const missing = analysis.findings.filter((f) => f.rule === 'x12.isa-missing');
      assert.equal(missing.length, 1);
      assert.match(missing[0]!.message, /without the ISA header the delimiters are unknown, so no claim in this file was read or checked/);
      assert.ok(missing[0]!.message.endsWith(`; ${add}`), missing[0]!.message);
    });
  }

  it('a file that starts inside a transaction set (HL): no envelope is named', () => {
    const missing = analyze('HL*1**20*1~CLM*A*1~', knowledge).findings.find((f) => f.rule === 'x12.isa-missing');
    assert.ok(missing);
    assert.match(missing.message, /; an X12 file starts with it$/);
  });
});

describe('claimlint.unrecognized-format does not say ST or GS alone is read', () => {
  it('on the command line and in the editor', () => {
    const cli = withInputFindings([], null).find((f) => f.rule === 'claimlint.unrecognized-format');
    const editor = editorInputFindings([], null, 'x12').find((f) => f.rule === 'claimlint.unrecognized-format');
    for (const finding of [cli, editor]) {
      assert.ok(finding);
      assert.match(finding.message, /an 837 starts with an ISA segment/);
      assert.doesNotMatch(finding.message, /\bST\b|\bGS\b/);
    }
  });
});
