// Found in review: a null answer to workspace/configuration replaced the settings given in
// initializationOptions with the defaults, and didChangeConfiguration was registered dynamically
// with clients that had not declared dynamicRegistration for it.
// Settings as editors other than VS Code give them. Neovim, Helix and eglot declare
// workspace/configuration but answer null for a section they hold nothing for (LSP 3.17: "If the
// client can't provide a configuration setting for a given scope then null needs to be present in
// the returned array"), and none of them declares dynamic registration for didChangeConfiguration.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RegistrationRequest, type RegistrationParams } from 'vscode-languageserver-protocol/node';
import { writeX12 } from '../unit/helpers/x12-writer';
import { TestClient } from './helpers/lspClient';

const day = { from: 20260310, to: 20260310 };
const row = (c1: string, c2: string, indicator: string) => `${c1}\t${c2}\t\t20200101\t*\t${indicator}\tMutually exclusive procedures`;

/** 99213 with 36415 on one day: a conflict only under the user table below (not in the built-in set). */
function officeVisit(): string {
  return writeX12([{ id: 'C1', lines: [{ code: '99213', charge: '90.00', date: day }, { code: '36415', charge: '10.00', date: day }] }], { lineEnding: '\n' }).text;
}

test('a client that answers workspace/configuration with null for claimlint keeps the settings given in initializationOptions', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'claimlint-review-settings-'));
  const table = join(dir, 'ptp.txt');
  writeFileSync(table, ['Title line', row('99213', '36415', '0'), ''].join('\r\n'));
  const client = new TestClient({ pullConfiguration: true });
  // The client holds no claimlint section: it answers [null], as Neovim (vim.NIL) and Helix do.
  (client as unknown as { settings: unknown }).settings = null;
  try {
    await client.initialize({ settings: { ptpEditFiles: [table], builtinEdits: false } });
    await client.settingsTaken(1);
    const published = await client.open(TestClient.uriFor('review-pull-null.837'), officeVisit());
    assert.deepEqual(
      published.diagnostics.map((d) => d.code),
      ['ptp.conflict'],
      'null means the client has no value for the section: the settings from initializationOptions still apply, not the defaults',
    );
  } finally {
    await client.shutdown();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('didChangeConfiguration is not registered dynamically with a client that declares dynamicRegistration false', async () => {
  const client = new TestClient({ pullConfiguration: true });
  const registrations: string[] = [];
  client.connection.onRequest(RegistrationRequest.type, (params: RegistrationParams) => {
    registrations.push(...params.registrations.map((r) => r.method));
  });
  try {
    // TestClient declares workspace.didChangeConfiguration.dynamicRegistration: false.
    await client.initialize();
    await client.settingsTaken(1);
    await client.open(TestClient.uriFor('review-registration.837'), officeVisit());
    assert.deepEqual(registrations, [], 'LSP 3.17: a client opts in to dynamic registration per capability; this one did not');
  } finally {
    await client.shutdown();
  }
});
