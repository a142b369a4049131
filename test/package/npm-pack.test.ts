// Issue 15, item 13: `npm pack` from a clean clone gives a package that `npm install -g` turns
// into a working `claimlint`. The test copies the files git tracks or would track (what a clone
// of the working tree holds: no bundles, nothing git ignores) into a temporary folder, packs there (so prepack must build), installs
// the tarball into a temporary prefix with no network (no dependencies to fetch), and runs the
// installed command. The repository's own bundles are left alone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

const root = resolve(__dirname, '../..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string; dependencies?: Record<string, string> };
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** npm with no update check, audit or funding message, and no settings of the npm run that started the tests. */
function npmEnv(cache: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!/^npm_/i.test(key)) env[key] = value;
  return { ...env, npm_config_update_notifier: 'false', npm_config_audit: 'false', npm_config_fund: 'false', npm_config_cache: cache };
}

test('npm pack from a clean clone, npm install -g from the tarball: claimlint --version and check work', () => {
  const dir = mkdtempSync(join(tmpdir(), 'claimlint-npm-pack-'));
  try {
    // A clean clone: the tracked and not ignored files as they are in the working tree; no bundles.
    const clone = join(dir, 'clone');
    const tracked = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: root, encoding: 'utf8' }).split('\0').filter(Boolean);
    for (const file of tracked) {
      if (!existsSync(join(root, file))) continue; // deleted in the working tree
      mkdirSync(dirname(join(clone, file)), { recursive: true });
      cpSync(join(root, file), join(clone, file));
    }
    assert.ok(!existsSync(join(clone, 'server/out')), 'the clone has no bundles');
    // The installed development dependencies (esbuild), as after `npm ci`.
    symlinkSync(join(root, 'node_modules'), join(clone, 'node_modules'), 'dir');

    // npm's cache holds the registry's answers; the install below must not need any.
    const cache = join(dir, 'cache');
    const out = join(dir, 'out');
    mkdirSync(out);
    const packed = spawnSync(npm, ['pack', '--json', '--pack-destination', out], { cwd: clone, env: npmEnv(cache), encoding: 'utf8' });
    assert.equal(packed.status, 0, `npm pack failed:\n${packed.stderr}`);
    const [report] = JSON.parse(packed.stdout.slice(packed.stdout.indexOf('['))) as { filename: string; files: { path: string }[] }[];
    const files = report!.files.map((f) => f.path).sort();
    assert.deepEqual(files, ['LICENSE', 'README.md', 'package.json', 'server/out/cli.js', 'server/out/server.js'], 'the package holds the two bundles, README, LICENSE and package.json');

    // The installed package asks for nothing: every runtime module is in the bundles.
    const packedManifest = JSON.parse(readFileSync(join(clone, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
    assert.deepEqual(Object.keys(packedManifest.dependencies ?? {}), [], 'no runtime dependencies');

    const prefix = join(dir, 'prefix');
    const installed = spawnSync(npm, ['install', '--global', '--offline', '--prefix', prefix, join(out, report!.filename)], { cwd: dir, env: npmEnv(cache), encoding: 'utf8' });
    assert.equal(installed.status, 0, `npm install -g failed:\n${installed.stderr}`);

    const claimlint = join(prefix, process.platform === 'win32' ? 'claimlint.cmd' : 'bin/claimlint');
    const version = spawnSync(claimlint, ['--version'], { encoding: 'utf8' });
    assert.equal(version.status, 0, version.stderr);
    assert.equal(version.stdout.trim(), `claimlint ${pkg.version}`);

    const example = join(root, 'examples/professional-43214.837');
    const check = spawnSync(claimlint, ['check', example], { encoding: 'utf8' });
    assert.equal(check.status, 1, `check exits 1 on the example's conflicts:\n${check.stdout}${check.stderr}`);
    assert.match(check.stdout, /professional-43214\.837:\d+:\d+ error ptp\.conflict 43200 should not be billed with 43214/);
    assert.match(check.stdout, /ptp\.conflict 76000 should not be billed with 43214/);
    assert.match(check.stdout + check.stderr, /1 file checked/);

    // The installed server starts too (other editors run it with --stdio): it answers nothing
    // until spoken to, and exits when stdin closes.
    const server = spawnSync(process.execPath, [join(prefix, 'lib/node_modules/claimlint/server/out/server.js'), '--stdio'], { input: '', encoding: 'utf8', timeout: 10_000 });
    assert.equal(server.error, undefined);
    assert.equal(server.stdout, '');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
