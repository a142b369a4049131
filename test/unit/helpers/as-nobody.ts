// Running a check as an unprivileged user. As root every file is readable whatever its mode, so a
// test of an unreadable file runs the reading code as nobody (uid and gid 65534, as
// test/cli/fix-safety.test.ts does) in a folder everyone may enter, from a copy of the code there.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSync } from 'esbuild';

export const NOBODY = { uid: 65534, gid: 65534 } as const;

/** Whether this process is root (a mode of 000 does not keep it from reading a file). */
export const runningAsRoot = process.getuid?.() === 0;

/** A new temporary folder everyone may read and enter (mkdtemp makes it the owner's only). */
export function sharedFolder(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  chmodSync(dir, 0o755);
  return dir;
}

/**
 * Bundles `entry` (a TypeScript module) into `dir` as one CommonJS file, runs `script` in a node
 * child process as nobody with the bundle's exports as `m`, and returns what the script wrote to
 * standard output. The script's own failure (or a failure to start) throws.
 */
export function runAsNobody(dir: string, entry: string, script: string): string {
  const bundle = join(dir, 'module-under-test.cjs');
  buildSync({ entryPoints: [entry], bundle: true, platform: 'node', format: 'cjs', outfile: bundle, logLevel: 'silent' });
  chmodSync(bundle, 0o644);
  const result = spawnSync(process.execPath, ['-e', `const m = require(${JSON.stringify(bundle)});\n${script}`], { cwd: dir, encoding: 'utf8', ...NOBODY });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`the script run as nobody exited ${result.status}: ${result.stderr}`);
  return result.stdout;
}
