// Found by a user: the status bar said "✓ No NCCI edits hit" with no CMS table loaded (only the
// built-in 43214 edits had been checked; the CLI says so, the editor did not), and showed the error
// icon for a file whose only NCCI finding was a warning. claimlint/conflictCount now says how many
// of the NCCI findings are errors (ncciErrors) and whether any CMS table is loaded (builtinOnly);
// the client picks its icon and words from them. Synthetic data only.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConflictCountNotification } from '../../server/src/lsp/protocol';
import { writeX12 } from '../unit/helpers/x12-writer';
import { practitionerPtpText } from '../unit/helpers/ncci-tables';
import { TestClient } from './helpers/lspClient';
import { hospitalClaims } from '../unit/helpers/hospital-claims';

const day = { from: 20260310, to: 20260310 };
const claim = (codes: string[]) => writeX12([{ id: 'C1', lines: codes.map((code) => ({ code, charge: '50.00', date: day })) }]).text;

async function countOf(client: TestClient, name: string, text: string): Promise<ConflictCountNotification.Params> {
  const uri = TestClient.uriFor(name);
  const since = client.notifications.length;
  await client.open(uri, text);
  return (await client.waitForNotification('claimlint/conflictCount', 10000, (p) => (p as ConflictCountNotification.Params).uri === uri, since)) as ConflictCountNotification.Params;
}

test('built-in edits only: builtinOnly, and an error counted as one', async () => {
  const client = new TestClient();
  try {
    await client.initialize();
    const clean = await countOf(client, 'status-clean.837', claim(['99213']));
    assert.deepEqual([clean.ncciFindings, clean.ncciErrors, clean.builtinOnly], [0, 0, true]);
    const bundled = await countOf(client, 'status-bundled.837', claim(['43214', '43200']));
    assert.deepEqual([bundled.ncciFindings, bundled.ncciErrors, bundled.builtinOnly], [1, 1, true]);
  } finally {
    await client.shutdown();
  }
});

test('a CMS table loaded: not builtinOnly, and a warning alone is no error', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'claimlint-status-'));
  const table = join(dir, 'ccipra-v321r0-f1.txt');
  writeFileSync(table, practitionerPtpText(['20610\t20605\t\t20200101\t*\t1\tMutually exclusive procedures']));
  const client = new TestClient({ pullConfiguration: false });
  try {
    await client.initialize({ settings: { ptpEditFiles: [table] } });
    const uri = TestClient.uriFor('status-warning.837');
    await client.open(uri, claim(['20610', '20605']));
    // Counted once the table is in (the open may be answered before it loads).
    const loaded = (await client.waitForNotification('claimlint/conflictCount', 10000, (p) => (p as ConflictCountNotification.Params).uri === uri && (p as ConflictCountNotification.Params).builtinOnly === false)) as ConflictCountNotification.Params;
    assert.deepEqual([loaded.ncciFindings, loaded.ncciErrors], [1, 0]);
  } finally {
    await client.shutdown();
    rmSync(dir, { recursive: true, force: true });
  }
});

// Found in review: a file of inpatient bills said "No NCCI edits hit" as a checked file does,
// though none of its lines was judged. The count now says when the file has claims no NCCI table
// judges (notApplicable), and the status bar says so.
test('claims no NCCI table judges: notApplicable, beside the count of what was judged', async () => {
  const client = new TestClient();
  try {
    await client.initialize();
    const professional = await countOf(client, 'status-professional.837', claim(['43214', '43200']));
    assert.equal(professional.notApplicable, undefined, 'an 837P is judged');
    const mixed = hospitalClaims([
      { id: 'C1', facility: '13', statement: '20260310-20260310', lines: [{ code: '43214', charge: '500.00', date: '20260310' }, { code: '43200', charge: '200.00', date: '20260310' }] },
      { id: 'C2', facility: '11', statement: '20260310-20260310', lines: [{ code: '43214', charge: '500.00', date: '20260310' }] },
    ]);
    const some = await countOf(client, 'status-mixed.837', mixed);
    assert.deepEqual([some.ncciFindings, some.notApplicable], [1, 'some'], 'the outpatient bill is judged, the inpatient one is not');
    const dental = writeX12([{ id: 'D1', lines: [{ code: 'D2391', charge: '150.00', date: day }] }], { kind: 'dental' }).text;
    const counted = await countOf(client, 'status-dental.837', dental);
    assert.deepEqual([counted.ncciFindings, counted.notApplicable], [0, 'all'], 'every claim is dental');
  } finally {
    await client.shutdown();
  }
});
