// The status bar count (claimlint/conflictCount) of an X12 file that holds no 837 (found in review).
// Billing offices keep 835 remittances (and 999 and 277 acknowledgements) beside their claims, as
// .edi/.x12 files VS Code opens with Claimlint. The reader takes such a transaction set as "no
// claims" (x12/envelope837.ts otherTransaction), and lsp/scheduling.ts publish sent
// `claimFile: analysis.doc.format !== null`, true for any ISA header: the client showed "No NCCI
// edits hit" for a remittance none of whose claims was checked, as it did for a CSV of something
// else before (status-count-claim-file.test.ts). protocol.ts: claimFile is "False when the
// document was not read as a claim file": now true for an X12 file only when it has an 837
// transaction set (scheduling.ts isClaimFile). Synthetic data only.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { TestClient } from './helpers/lspClient';

const ISA = 'ISA*00*          *00*          *ZZ*PAYER01        *ZZ*PROVIDER01     *260312*1200*^*00501*000000007*0*P*:~';

const remittance835 = [
  ISA,
  'GS*HP*PAYER01*PROVIDER01*20260312*1200*7*X*005010X221A1~',
  'ST*835*0001*005010X221A1~',
  'BPR*I*150.00*C*ACH*CCP*01*999999999*DA*123456*1512345678**01*999999999*DA*654321*20260312~',
  'TRN*1*EFT0001*1512345678~',
  'DTM*405*20260312~',
  'N1*PR*EXAMPLE PAYER~',
  'N1*PE*EXAMPLE CLINIC*XX*1234567893~',
  'LX*1~',
  'CLP*C1*1*250.00*150.00**12*ICN0001~',
  'NM1*QC*1*DOE*JANE****MI*M000001~',
  'SVC*HC:43214*250.00*150.00**1~',
  'DTM*472*20260310~',
  'SE*13*0001~',
  'GE*1*7~',
  'IEA*1*000000007~',
].join('\n') + '\n';

const acknowledgement999 = [
  ISA,
  'GS*FA*PAYER01*PROVIDER01*20260312*1200*8*X*005010X231A1~',
  'ST*999*0001*005010X231A1~',
  'AK1*HC*1*005010X222A1~',
  'AK2*837*0001*005010X222A1~',
  'IK5*A~',
  'AK9*A*1*1*1~',
  'SE*6*0001~',
  'GE*1*8~',
  'IEA*1*000000007~',
].join('\n') + '\n';

describe('the status bar count of an X12 file that holds no 837', () => {
  let client: TestClient;
  before(async () => {
    client = new TestClient({ settings: { builtinEdits: true } });
    await client.initialize();
  });
  after(async () => {
    await client.shutdown();
  });

  const countOf = (name: string, text: string) => client.openForCount(name, text, 'x12');

  test('an 835 remittance: claimFile false (no "No NCCI edits hit" for claims never checked)', async () => {
    const count = await countOf('status-remittance.835', remittance835);
    assert.equal(count.claimFile, false, JSON.stringify(count));
  });

  test('a 999 acknowledgement: claimFile false', async () => {
    const count = await countOf('status-acknowledgement.999', acknowledgement999);
    assert.equal(count.claimFile, false, JSON.stringify(count));
  });

  test('an 837: claimFile true', async () => {
    const text = readFileSync(resolve(__dirname, '../../examples/professional-43214.837'), 'latin1');
    const count = await countOf('status-claims.837', text);
    assert.equal(count.claimFile, true, JSON.stringify(count));
  });

  test('an 835 and an 837 in one file: claimFile true (the 837 is checked)', async () => {
    const claims = readFileSync(resolve(__dirname, '../../examples/professional-43214.837'), 'latin1');
    const count = await countOf('status-remittance-and-claims.x12', remittance835 + claims);
    assert.equal(count.claimFile, true, JSON.stringify(count));
  });
});
