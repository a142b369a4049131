// A document opened as X12 (.837, .x12, .edi) that is not one got no diagnostic at all in the
// editor, while the CLI says "Not an X12 837 ... nothing in it was checked": a user who opened the
// wrong file saw a clean file. It now gets a warning at its start (a warning, not the CLI's error:
// the file may be being written); an empty one keeps its own warning; a CSV of something else
// (any table the user opens) gets nothing. A remittance's ST01 gets the reader's information.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DiagnosticSeverity } from 'vscode-languageserver/node';
import { TestClient } from './helpers/lspClient';

const rules = (p: { diagnostics: { code?: string | number; severity?: number }[] }) => p.diagnostics.map((d) => `${d.code} ${d.severity}`);

describe('documents that are not claim files', () => {
  let client: TestClient;
  before(async () => {
    client = new TestClient();
    await client.initialize();
  });
  after(async () => {
    await client.shutdown();
  });

  test('binary-looking text opened as X12: one warning at its start that says it is not an 837', async () => {
    const published = await client.open(TestClient.uriFor('not-claims.837'), 'PK\u0003\u0004 \u0010\u0000 this is a zip, not claims');
    assert.deepEqual(rules(published), [`claimlint.unrecognized-format ${DiagnosticSeverity.Warning}`]);
    assert.match(String(published.diagnostics[0]!.message), /^Not an X12 837, so nothing in it was checked/);
    assert.deepEqual(published.diagnostics[0]!.range.start, { line: 0, character: 0 });
  });

  test('an empty X12 document keeps its own note (information: a new file being written), and nothing more', async () => {
    const published = await client.open(TestClient.uriFor('empty.837'), '\n\n');
    assert.deepEqual(rules(published), [`claimlint.empty-file ${DiagnosticSeverity.Information}`]);
  });

  test('a CSV that is no claim export gets nothing: it may be any table', async () => {
    const published = await client.open(TestClient.uriFor('payments.csv'), 'Batch,Deposit\nB1,120.00\n', 'csv');
    assert.deepEqual(rules(published), []);
  });

  test('an 835 opened as X12: the reader\'s information on its ST01, no warning', async () => {
    const remittance = [
      'ISA*00*          *00*          *ZZ*PAYER01        *ZZ*PROVIDER01     *260312*1200*^*00501*000000007*0*P*:~',
      'GS*HP*PAYER01*PROVIDER01*20260312*1200*7*X*005010X221A1~',
      'ST*835*0001~',
      'BPR*I*150.00*C*ACH*CCP*01*999999999*DA*123456*1512345678**01*999999999*DA*654321*20260312~',
      'SE*3*0001~',
      'GE*1*7~',
      'IEA*1*000000007~',
    ].join('\n');
    const published = await client.open(TestClient.uriFor('remit.edi'), remittance);
    assert.ok(rules(published).includes(`x12.not-a-claim-transaction ${DiagnosticSeverity.Information}`), rules(published).join(', '));
    assert.ok(!rules(published).some((r) => r.startsWith('claimlint.unrecognized-format')));
  });
});
