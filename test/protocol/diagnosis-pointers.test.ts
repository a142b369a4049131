// A diagnosis pointer that names no code of its claim's HI (x12.diagnosis-pointer), over LSP in
// a real server: published on the pointer, related to the HI, and gone after the edit that adds
// the code it names (the claim read again); the diagnosis code itself is never in a message.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TestClient } from './helpers/lspClient';

const TEXT = [
  'ISA*00*          *00*          *ZZ*SUBMITTER01    *ZZ*RECEIVER01     *260115*1200*^*00501*000000001*0*T*:~',
  'GS*HC*SENDER01*RECEIVER01*20260115*1200*1*X*005010X222A1~',
  'ST*837*0001*005010X222A1~',
  'BHT*0019*00*0001*20260115*1200*CH~',
  'NM1*41*2*SUBMITTER CLINIC*****46*S000001~',
  'PER*IC*CONTACT DESK*TE*5555550100~',
  'NM1*40*2*EXAMPLE PAYER*****46*R000001~',
  'HL*1**20*1~',
  'NM1*85*2*EXAMPLE BILLING*****XX*1234567893~',
  'N3*1 MAIN ST~',
  'N4*SPRINGFIELD*IL*000000000~',
  'REF*EI*000000000~',
  'HL*2*1*22*0~',
  'SBR*P*18*******CI~',
  'NM1*IL*1*DOE*JANE****MI*M000001~',
  'N3*2 ELM ST~',
  'N4*SPRINGFIELD*IL*000000000~',
  'DMG*D8*19800101*F~',
  'NM1*PR*2*EXAMPLE PAYER*****PI*P000001~',
  'CLM*C1*150.00***11:B:1*Y*A*Y*Y~',
  'HI*ABK:K219~',
  'LX*1~',
  'SV1*HC:99213*100.00*UN*1***1~',
  'DTP*472*D8*20260110~',
  'LX*2~',
  'SV1*HC:36415*50.00*UN*1***1:2~',
  'DTP*472*D8*20260110~',
  'SE*26*0001~',
  'GE*1*1~',
  'IEA*1*000000001~',
  '',
].join('\n');

test('a pointer past the claim\'s diagnosis codes: published on it, related to the HI, gone once the HI lists the code', async () => {
  const client = new TestClient({ settings: { guideChecks: 'full' } });
  try {
    await client.initialize();
    const uri = 'file:///synthetic/pointers.837';
    const lines = TEXT.split('\n');
    const published = await client.open(uri, TEXT);
    const shown = published.diagnostics.map((d) => `${d.code}@${d.range.start.line + 1}:${lines[d.range.start.line]!.slice(d.range.start.character, d.range.end.character)}`);
    assert.deepEqual(shown, ['x12.diagnosis-pointer@26:2']);
    const [pointer] = published.diagnostics;
    assert.equal(pointer!.severity, 1);
    assert.equal(pointer!.message, 'SV107-02 points to diagnosis 2, but the claim lists 1 diagnosis code (HI): a pointer to no code is rejected before the claim is adjudicated');
    assert.deepEqual(pointer!.relatedInformation?.map((r) => [r.location.uri, r.location.range.start.line, r.message]), [[uri, 20, "the claim's diagnosis codes (1)"]]);
    assert.ok(!JSON.stringify([published, client.notifications, client.stderr]).includes('K219'), 'the diagnosis code is not shown');

    // Add the second diagnosis code to the HI (line 21): the pointer names it now.
    const end = lines[20]!.length - 1;
    const after = await client.change(uri, { text: '*ABF:R12', range: { start: { line: 20, character: end }, end: { line: 20, character: end } } });
    assert.deepEqual(after.diagnostics.map((d) => d.code), []);
  } finally {
    await client.shutdown();
  }
});
