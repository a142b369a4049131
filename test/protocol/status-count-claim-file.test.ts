// The count the status bar shows (claimlint/conflictCount) says whether the document was read as
// a claim file: a CSV of something else (found in review: it showed "No NCCI edits hit", as if
// it had been checked) has no count, a claim CSV and an 837 have one.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { TestClient } from './helpers/lspClient';

describe('the status bar count of a document', () => {
  let client: TestClient;
  before(async () => {
    client = new TestClient({ settings: { builtinEdits: true } });
    await client.initialize();
  });
  after(async () => {
    await client.shutdown();
  });

  const countOf = (name: string, text: string) => client.openForCount(name, text, 'csv');

  test('a CSV that is no claim file: claimFile false', async () => {
    const count = await countOf('inventory.csv', 'Item,Shelf,Quantity\nbolts,A3,120\nnuts,B1,75\n');
    assert.equal(count.claimFile, false);
  });

  test('a claim CSV: claimFile true, its NCCI edits counted', async () => {
    const count = await countOf('claims.csv', 'Claim ID,Patient ID,Date of Service,CPT\nC1,P1,03/10/2026,43214\nC1,P1,03/10/2026,43200\n');
    assert.equal(count.claimFile, true);
    assert.equal(count.ncciFindings, 1);
  });
});
