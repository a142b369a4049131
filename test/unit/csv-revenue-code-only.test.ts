// Found by a hospital billing analyst: an institutional export's row with a revenue code and no
// HCPCS code (0250 pharmacy, room and board) got "column "HCPCS" is empty; expected a procedure
// code", though such a line needs none (the same line in an 837I, SV2*0250**..., is silent). A row
// whose revenue code column (csv/columns.ts REVENUE_CODE_NAMES) has a value needs no procedure code.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { emptyKnowledge } from '../../server/src/core/rules/knowledge';

const knowledge = emptyKnowledge(true);
const rules = (text: string) => analyze(text, knowledge).findings.map((f) => f.rule);

describe('a revenue code alone on an institutional row', () => {
  it('no finding for the row without a HCPCS code', () => {
    const text = 'Claim ID,Patient ID,Bill Type,Revenue Code,HCPCS,Service Date,Units,Charge\nH1,P1,0131,0750,43239,10/15/2026,1,1500.00\nH1,P1,0131,0250,,10/15/2026,3,50.00\n';
    assert.deepEqual(rules(text), []);
  });

  it('a row with neither code is still said (control)', () => {
    const text = 'Claim ID,Patient ID,Bill Type,Revenue Code,HCPCS,Service Date,Units,Charge\nH1,P1,0131,0750,43239,10/15/2026,1,1500.00\nH1,P1,0131,,,10/15/2026,3,50.00\n';
    assert.deepEqual(rules(text), ['csv.procedure-code-invalid']);
  });
});
