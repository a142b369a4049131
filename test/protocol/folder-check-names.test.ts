// Found in review: Check All Claim Files (folderCheck.ts) walks folders as the CLI does
// (claimFiles.ts walkClaimFiles), which listed names as text: a claim file whose name is not UTF-8
// (`caf\xe9.837`) came back as `caf\uFFFD.837` and was "no such file", and a folder that could not
// be listed was skipped without a word. Such a file is now read by its bytes and published under a
// file: URI of them; such a folder is in the result's unreadable lines, as an unreadable file is.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, rmdirSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { CheckFolderRequest } from '../../server/src/lsp/protocol';
import { writeX12 } from '../unit/helpers/x12-writer';
import { TestClient } from './helpers/lspClient';

const DAY = { from: 20260310, to: 20260310 };
const linuxOnly = process.platform !== 'linux' && 'needs a file system that takes any bytes in a name';

test('a claim file named in latin-1 is checked and published; a folder that cannot be listed is reported', { skip: linuxOnly }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'claimlint-folder-names-'));
  const home = process.cwd();
  const levels: string[] = [];
  try {
    writeFileSync(join(dir, 'a.837'), writeX12([{ id: 'C1', subscriberId: 'M1', lines: [{ code: '43214', charge: '100', date: DAY }] }], { lineEnding: '\n' }).text);
    // Another interchange control number than a.837's: the same one would be a finding of its own.
    writeFileSync(Buffer.concat([Buffer.from(join(dir, 'caf')), Buffer.from([0xe9]), Buffer.from('.837')]), writeX12([{ id: 'C2', subscriberId: 'M1', lines: [{ code: '43200', charge: '100', date: DAY }] }], { lineEnding: '\n', firstControl: 2 }).text);
    // Folders deep enough that the path passes PATH_MAX (4096), made by relative paths (as root, no folder is unreadable).
    process.chdir(dir);
    for (let depth = 0; depth < 18; depth++) {
      const name = `level${String(depth).padStart(2, '0')}${'x'.repeat(243)}`;
      mkdirSync(name);
      process.chdir(name);
      levels.push(name);
    }
    writeFileSync('deep.837', 'ISA');
    process.chdir(home);

    const latin1Uri = `${pathToFileURL(join(dir, 'caf')).toString()}%E9.837`;
    const client = new TestClient({ settings: { ptpEditFiles: [], descriptorFiles: [], builtinEdits: true } });
    try {
      await client.initialize(undefined, { workspaceFolder: dir });
      const published = client.waitForDiagnostics(latin1Uri);
      const result = await client.connection.sendRequest(CheckFolderRequest.type, {});
      assert.equal(result.found, 2);
      assert.equal(result.checked, 2);
      assert.equal(result.errors, 1);
      assert.equal(result.unreadable.length, 1, JSON.stringify(result.unreadable));
      assert.match(result.unreadable[0]!, /^level00x+\/.*level\d\dx+: folder cannot be listed: its path is too long$/);
      const [conflict] = (await published).diagnostics;
      assert.equal(conflict?.code, 'ptp.conflict');
    } finally {
      await client.shutdown();
    }
  } finally {
    process.chdir(home);
    try {
      process.chdir(dir);
      for (const name of levels) process.chdir(name);
      for (const entry of readdirSync('.')) unlinkSync(entry);
      for (let i = levels.length - 1; i >= 0; i--) {
        process.chdir('..');
        rmdirSync(levels[i]!);
      }
    } finally {
      process.chdir(home);
      rmSync(dir, { recursive: true, force: true });
    }
  }
});

test('a named pipe named as a claim file is in the unreadable lines, not read (a read would wait for a writer)', { skip: linuxOnly }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'claimlint-folder-fifo-'));
  try {
    writeFileSync(join(dir, 'a.837'), writeX12([{ id: 'C1', subscriberId: 'M1', lines: [{ code: '43214', charge: '100', date: DAY }, { code: '43200', charge: '50', date: DAY }] }], { lineEnding: '\n' }).text);
    execFileSync('mkfifo', [join(dir, 'incoming.837')]);
    const client = new TestClient({ settings: { ptpEditFiles: [], descriptorFiles: [], builtinEdits: true } });
    try {
      await client.initialize(undefined, { workspaceFolder: dir });
      const result = await client.connection.sendRequest(CheckFolderRequest.type, {});
      assert.equal(result.checked, 1);
      assert.equal(result.errors, 1);
      assert.deepEqual(result.unreadable, ['incoming.837: not a regular file (a named pipe), so not read']);
    } finally {
      await client.shutdown();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
