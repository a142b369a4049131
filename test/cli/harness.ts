// What the spawned-CLI test files share: build the bundle once before the file's tests, a fresh
// temporary folder to work in, and a runner that spawns `node server/out/cli.js`.
import { after, before } from 'node:test';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const root = resolve(__dirname, '../..');
export const cli = join(root, 'server/out/cli.js');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Registers the build and the temporary folder for this test file; `dir()` is that folder. */
export function useBuiltCli(prefix: string): { dir: () => string; claimlint: (args: readonly string[]) => CliRun } {
  let dir = '';
  before(() => {
    execFileSync(process.execPath, [join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'pipe' });
    dir = mkdtempSync(join(tmpdir(), prefix));
  });
  after(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  return {
    dir: () => dir,
    claimlint: (args) => {
      // Room for a big report (Node's default of 1 MB is a few thousand findings).
      const result = spawnSync(process.execPath, [cli, ...args], { cwd: dir, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
      if (result.error) throw result.error;
      return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
    },
  };
}
