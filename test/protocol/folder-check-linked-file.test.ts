// Found in review (check from disk / Check All Claim Files). Synthetic data only.
//
// walkClaimFiles (cli/claimFiles.ts) yields a symbolic link to a claim file as well as the file
// itself. The CLI drops a file reached a second time (cli/check.ts expandDirectories: "checked
// once and never paired with itself"); claimlint/checkFolder (lsp/folderCheck.ts runFolder) did
// not, so the same claims went into the run twice and were paired with themselves: one claim's 3
// units of an MAI 2 code became 6 units on the day (mue.exceeded on a clean file, and on the link
// too), and the result counted the file twice. Both now keep the first place of each file by the
// same rule (claimFiles.ts SeenFiles). README: Check All checks the files "together (lines of one
// patient paired across files, as in the CLI)".
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import { CheckFolderRequest } from '../../server/src/lsp/protocol';
import { run } from '../../server/src/cli/main';
import { memoryIo } from '../cli/memoryIo';
import { writeX12 } from '../unit/helpers/x12-writer';
import { practitionerMueCsv } from '../unit/helpers/ncci-tables';
import { TestClient } from './helpers/lspClient';

const DAY = { from: 20260310, to: 20260310 };
const linuxOnly = process.platform === 'win32' && 'symbolic links need privileges on Windows';

let dir = '';
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'claimlint-review-disk-symlink-'));
});
after(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('a folder holding a claim file and a link to it: checked once and never paired with itself, as the CLI does', { skip: linuxOnly }, async () => {
  // The MUE table lives outside the checked folder. 97110: MUE 4, MAI 2 (per day, summed across claims and files).
  const mue = join(dir, 'MCR_MUE_PractitionerServices_review.csv');
  writeFileSync(mue, practitionerMueCsv(['97110,4,2 Date of Service Edit: Policy,Clinical: Data']));
  const folder = join(dir, 'outbound');
  mkdirSync(folder);
  const target = join(folder, 'a.837');
  // One claim, 3 units of 97110: under the MUE of 4.
  writeFileSync(target, writeX12([{ id: 'C1', subscriberId: 'M1', lines: [{ code: '97110', charge: '90.00', units: '3', date: DAY }] }], { lineEnding: '\n' }).text);
  symlinkSync(target, join(folder, 'link.837'));

  // The CLI's answer for the same folder and table: one file, no finding.
  const io = memoryIo();
  const code = await run(['check', '--format', 'json', '--mue', mue, folder], io);
  const cli = JSON.parse(io.out) as { files: { path: string; findings: { rule: string }[] }[] };
  assert.equal(code, 0, io.err);
  assert.equal(cli.files.length, 1, 'the CLI checks the file once');
  assert.deepEqual(cli.files.flatMap((f) => f.findings.map((x) => x.rule)), []);

  const client = new TestClient({ settings: { mueFiles: [mue], guideChecks: 'envelope' } });
  try {
    await client.initialize(undefined, { workspaceFolder: folder });
    await client.waitForNotification('window/logMessage', 10_000, (p) => /MUE values in use: 1 practitioner/.test((p as { message: string }).message));
    // What the server publishes from here on (the client records every publication).
    const from = client.publications.length;
    const published = (): PublishDiagnosticsParams[] => client.publications.slice(from);

    const result = await client.connection.sendRequest(CheckFolderRequest.type, {});
    const shown = published().map((p) => `${p.uri.slice(pathToFileURL(folder).toString().length)}: ${p.diagnostics.map((d) => d.code).join(' ')}`);
    assert.deepEqual(
      { found: result.found, checked: result.checked, errors: result.errors, warnings: result.warnings },
      { found: 1, checked: 1, errors: 0, warnings: 0 },
      `the folder check, published: ${JSON.stringify(shown)}`,
    );
    assert.ok(published().every((p) => p.diagnostics.length === 0), `no finding on a claim under its MUE: ${JSON.stringify(shown)}`);
  } finally {
    await client.shutdown();
  }
});
