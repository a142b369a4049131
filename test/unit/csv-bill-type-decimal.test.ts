// A UB-04 export written by pandas: a numeric "Bill Type" column with some blank cells is written
// as floats ("131.0", "138.0"), exactly as the "Claim Frequency" column that claimFrequency.ts now
// reads as "7.0"/"8.0". The type of bill's digits are its facility type (13) and frequency
// (8 void), so the void should withdraw the original as "0138" does. Synthetic rows; the built-in
// 43214 set (43214/43200 is an indicator-0 pair).
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { emptyKnowledge } from '../../server/src/core/rules/knowledge';

const knowledge = emptyKnowledge(true);
const csv = (rows: string[]) => ['Claim ID,Patient ID,Date of Service,CPT,Claim Type,Bill Type', ...rows, ''].join('\n');
const ptp = (text: string) => analyze(text, knowledge).findings.filter((f) => f.rule.startsWith('ptp.')).map((f) => f.rule);

describe('a type of bill written as a decimal number (pandas float column)', () => {
  it('138.0 voids the claim, as 0138 does', () => {
    const rows = ['A1,M1,2026-03-10,43214,Institutional,131.0', 'A1,M1,2026-03-10,43200,Institutional,', 'A1,M1,2026-03-10,43214,Institutional,138.0'];
    // The premise: written with its leading zero, the void withdraws the original.
    assert.deepEqual(ptp(csv(rows.map((r) => r.replace(/,(13[18])\.0$/, ',0$1')))), []);
    assert.deepEqual(ptp(csv(rows)), [], 'the void row (Bill Type 138.0) withdraws claim A1');
  });

  it('131.0 names facility type 13 and 137.0 a replacement claim', () => {
    const text = csv(['A1,M1,2026-03-10,43214,Institutional,131.0', 'A1,M1,2026-03-10,43200,Institutional,', 'A1,M1,2026-03-10,99213,Institutional,137.0']);
    const claims = analyze(text, knowledge).doc.claims;
    assert.equal(claims[0]!.facilityType, '13');
    assert.deepEqual(claims.map((c) => c.id), ['A1', 'A1 (replacement)']);
  });
});
