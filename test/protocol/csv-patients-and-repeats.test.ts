// This session's CSV and MUE changes over LSP, in a real server with an MUE table loaded from disk
// (as a user's claimlint.mueFiles): a claim CSV whose patients share a subscriber id and are told
// apart by name (csv/patientCells.ts), with an MAI 1 code billed twice alike (mue.line-repeated,
// related to the first line) and a row with no date (csv.date-missing). No diagnostic, related
// location or log line names a patient.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { practitionerMueCsv } from '../unit/helpers/ncci-tables';
import { TestClient } from './helpers/lspClient';

const CSV = [
  'Claim ID,Subscriber ID,Patient Name,DOS,CPT,Modifier,Units,Charge',
  'A1,SUB123,"Doe, Mary",10/15/2026,20610,RT,1,150.00',
  'A2,SUB123,"Doe, Mary",10/15/2026,20610,RT,1,150.00',
  'B1,SUB123,"Doe, Tim",10/15/2026,43214,,1,1500.00',
  'B2,SUB123,"Doe, Mary",10/15/2026,43200,,1,400.00',
  'C1,SUB777,"Roe, Ann",,43214,,1,1500.00',
  '',
].join('\n');

test('a claim CSV of two patients on one subscriber id: the repeat and the missing date published, the two patients never paired, no name shown', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'claimlint-csv-patients-'));
  const mue = join(dir, 'MCR_MUE_PractitionerServices_test.csv');
  writeFileSync(mue, practitionerMueCsv(['20610,1,1 Line Edit,Anatomic Consideration']));
  const client = new TestClient({ settings: { mueFiles: [mue], builtinEdits: true } });
  try {
    await client.initialize(undefined, { workspaceFolder: dir });
    await client.waitForNotification('window/logMessage', 10_000, (p) => /MUE values in use: 1 practitioner/.test((p as { message: string }).message));
    const uri = pathToFileURL(join(dir, 'claims.csv')).toString();
    const published = await client.open(uri, CSV, 'csv');
    const lines = CSV.split('\n');
    const shown = published.diagnostics.map((d) => `${d.code}@${d.range.start.line + 1}:${lines[d.range.start.line]!.slice(d.range.start.character, d.range.end.character)}`);
    assert.deepEqual(shown.sort(), ['csv.date-missing@6:43214', 'mue.line-repeated@3:20610'], 'Tim\'s 43214 and Mary\'s 43200 are two patients\' lines: no ptp.conflict');
    const repeat = published.diagnostics.find((d) => d.code === 'mue.line-repeated')!;
    assert.equal(repeat.severity, 2);
    assert.match(repeat.message as string, /^20610 is reported again for this patient and provider on 10\/15\/2026, with the same modifier \(RT\), as on line 2: /);
    assert.deepEqual(repeat.relatedInformation?.map((r) => [r.location.uri, r.location.range.start.line]), [[uri, 1]]);
    const said = JSON.stringify([published, client.notifications, client.stderr]);
    for (const secret of ['Doe', 'Mary', 'Tim', 'Roe', 'Ann']) assert.ok(!said.includes(secret), secret);
  } finally {
    await client.shutdown();
    rmSync(dir, { recursive: true, force: true });
  }
});
