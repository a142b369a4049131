#!/usr/bin/env node
// A stand-in for the VS Code executable, for @vscode/test-electron's runTests({ vscodeExecutablePath }).
// It takes the command line runTests builds (--extensionDevelopmentPath=, --extensionTestsPath=,
// --user-data-dir=, --extensions-dir=, a workspace folder, Electron/desktop flags), runs the real
// VS Code (code-server's bundled VS Code server + web workbench in headless Chromium), lets the
// extension host run the suite's exported run(), and exits with the code the suite reported.
// See README.md beside this file.
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { launchBrowser, openWorkbench, remoteUri, serverLogParser, startServer, withDeadline, TimeoutError } from './host.mjs';

const started = Date.now();
const timeoutMs = Number(process.env.CLAIMLINT_VSCODE_TIMEOUT_MS) || 10 * 60_000;
const verbose = /^(1|true|yes)$/i.test(process.env.CLAIMLINT_VSCODE_VERBOSE ?? '');

// Options that take a value (as --name=value or --name value); everything else starting with
// '-' is a flag. The one flag acted on is --disable-extensions (the server does not take it:
// the run gets an empty extensions dir instead, so only built-in extensions and the ones under
// development load); the rest (Electron and desktop-only switches such as --no-sandbox,
// --disable-gpu-sandbox, --skip-welcome) are ignored.
const valueOptions = new Set([
  'extensionDevelopmentPath', 'extensionTestsPath', 'user-data-dir', 'extensions-dir',
  'folder-uri', 'file-uri', 'locale', 'log', 'inspect-extensions', 'inspect-brk-extensions',
  'disable-extension', 'remote', 'profile', 'sync',
]);

function parseArgs(argv) {
  const out = { values: {}, flags: new Set(), positional: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      out.positional.push(...argv.slice(i + 1));
      break;
    }
    const m = /^--?([^=]+)(?:=(.*))?$/s.exec(arg);
    if (!m) {
      out.positional.push(arg);
      continue;
    }
    const [, name, inline] = m;
    if (valueOptions.has(name)) {
      const value = inline ?? argv[++i];
      (out.values[name] ??= []).push(value);
    } else {
      out.flags.add(name);
    }
  }
  return out;
}

function note(text) {
  process.stderr.write(`[vscode-host] ${text}\n`);
}
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;

const args = parseArgs(process.argv.slice(2));
if (args.flags.has('version') || args.flags.has('v')) {
  // Some tools ask the executable for its version; answer like `code --version` would.
  const { codeServerDir } = await import('./host.mjs');
  const { readFileSync } = await import('node:fs');
  const product = JSON.parse(readFileSync(join(codeServerDir, 'lib', 'vscode', 'package.json'), 'utf8'));
  process.stdout.write(`${product.version}\n\nx64\n`);
  process.exit(0);
}
const devPaths = (args.values.extensionDevelopmentPath ?? []).map((p) => resolve(p));
const testsPath = args.values.extensionTestsPath?.at(-1);
const userDataArg = args.values['user-data-dir']?.at(-1);
const extensionsArg = args.values['extensions-dir']?.at(-1);

let folder;
let workspaceFile;
const openFiles = [];
for (const p of args.positional) {
  const abs = resolve(p);
  let st;
  try {
    st = statSync(abs);
  } catch {
    note(`warning: ${abs} does not exist; ignoring it`);
    continue;
  }
  if (st.isDirectory()) folder ??= abs;
  else if (abs.endsWith('.code-workspace')) workspaceFile ??= abs;
  else openFiles.push(abs);
}

// Each run gets fresh user data (settings, global and workspace storage, editor history), so
// no run sees what an earlier one left. runTests' --user-data-dir only tells us where to keep
// the logs of a failed run; --extensions-dir is used as given (installed extensions live there).
const runData = mkdtempSync(join(tmpdir(), 'claimlint-vscode-run-'));
const logsDir = resolve(userDataArg ? dirname(resolve(userDataArg)) : process.cwd(), 'vscode-host-logs');

const workbenchLog = [];
const serverLog = [];
let server;
let browser;
async function cleanup() {
  await Promise.allSettled([browser?.close(), server?.stop()]);
  rmSync(runData, { recursive: true, force: true, maxRetries: 3 });
}

function saveLogs(reportedLogs) {
  try {
    mkdirSync(logsDir, { recursive: true });
    writeFileSync(join(logsDir, 'workbench.log'), workbenchLog.join('\n') + '\n');
    writeFileSync(join(logsDir, 'server.log'), serverLog.join('\n') + '\n');
    for (const { relativePath, contents } of reportedLogs ?? []) {
      const target = join(logsDir, 'vscode', relativePath.replace(/\.\.(\/|\\)/g, ''));
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, contents);
    }
    return logsDir;
  } catch (error) {
    note(`could not save logs: ${error.message}`);
    return undefined;
  }
}

async function main() {
  // The extension host's stdout/stderr arrive inside the server's log; print them as they are,
  // keep the server's own lines for the failure report (and show them with CLAIMLINT_VSCODE_VERBOSE).
  const parse = serverLogParser({
    onExtHostStdout: (text) => process.stdout.write(text),
    onExtHostStderr: (text) => process.stderr.write(text),
    onServerLine: (line) => {
      serverLog.push(line);
      if (verbose) note(`server: ${line}`);
    },
  });
  server = await startServer({
    dataDir: runData,
    extensionsDir: args.flags.has('disable-extensions') ? undefined : extensionsArg,
    env: process.env,
    onOutput: parse,
  });
  server.exited.then(() => parse.end());
  if (verbose) note(`server on ${server.origin} after ${elapsed()}`);

  const payload = [];
  for (const p of devPaths) payload.push(['extensionDevelopmentPath', remoteUri(server.port, p)]);
  if (testsPath) payload.push(['extensionTestsPath', remoteUri(server.port, resolve(testsPath))]);
  if (openFiles[0]) payload.push(['openFile', remoteUri(server.port, openFiles[0])]);

  browser = await launchBrowser();
  const { exitCode } = await openWorkbench(browser, {
    port: server.port,
    folder,
    workspace: workspaceFile,
    payload,
    // The workbench's log, which in a test run also carries the extension host's console.* calls.
    onLog: (level, message) => {
      workbenchLog.push(`${level}: ${message}`);
      if (verbose) note(`workbench ${level}: ${message}`);
    },
    onConsole: verbose ? (type, text) => note(`browser ${type}: ${text}`) : undefined,
  });
  if (verbose) note(`workbench page loaded after ${elapsed()}`);
  if (!testsPath) {
    // Not a test run: keep the workbench up until the server goes away or we are stopped.
    note(`workbench running at ${server.origin}; stop with Ctrl+C`);
    await server.exited;
    return { code: 0 };
  }
  // The server can die under the workbench; don't wait for a report that will never come.
  const serverDied = server.exited.then((how) => {
    throw new Error(`VS Code server exited during the test run (${JSON.stringify(how)})`);
  });
  const result = await Promise.race([exitCode, serverDied]);
  if (verbose) note(`suite reported exit code ${result.code} after ${elapsed()}`);
  return result;
}

let code = 1;
const onSignal = (signal) => {
  note(`received ${signal}; shutting down`);
  cleanup().finally(() => process.exit(130));
};
process.once('SIGINT', onSignal);
process.once('SIGTERM', onSignal);
try {
  const result = await withDeadline(
    main(),
    timeoutMs,
    `VS Code test run did not finish in time (CLAIMLINT_VSCODE_TIMEOUT_MS=${timeoutMs}); set CLAIMLINT_VSCODE_VERBOSE=1 to watch the workbench`,
  );
  code = result.code;
  if (code !== 0) {
    const noise = /^error: (Canceled\b|\[Service Worker\] registration|getaddrinfo )/;
    const errors = workbenchLog.filter((l) => l.startsWith('error: ') && !noise.test(l));
    if (errors.length) note(`errors in the workbench log (the extension host's console.error lands here):\n${errors.slice(-20).join('\n')}`);
    const dir = saveLogs(result.logs);
    if (dir) note(`suite exited with code ${code} after ${elapsed()}; logs in ${dir}`);
  }
} catch (error) {
  note(error instanceof TimeoutError ? `TIMEOUT: ${error.message}` : `error: ${error?.stack ?? error}`);
  const dir = saveLogs();
  if (dir) note(`logs in ${dir}`);
  code = 1;
} finally {
  await cleanup();
}
process.exit(code);
