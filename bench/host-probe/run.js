// The scenario of `npm run bench -- --only host`, run by the extension host as its
// extensionTestsPath (bench/hostStall.ts starts the real VS Code with it): wait until the host is
// quiet, open the big 837 in an editor, wait for Claimlint's diagnostics (when Claimlint is
// loaded), ask for the outline as the Outline view does, wait until the host is quiet again, then
// write what the probe saw (bench/host-probe/extension.js) to CLAIMLINT_HOST_PROBE_OUT as JSON.
// When run() returns, the extension host exits and so does the launcher.
'use strict';
const { writeFileSync } = require('node:fs');
const { performance } = require('node:perf_hooks');

/** A stall at least this long counts in the total (the budget's "stall" is a single one). */
const COUNT_MS = 50;
const PROBE_ID = 'claimlint-bench.claimlint-host-probe';
const CLAIMLINT_ID = 'claimlint.claimlint';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Resolves once no stall of COUNT_MS or more has ended in the last `quietMs` (at least `quietMs`
 * after the call), or after `maxMs`. Returns whether it was quiet.
 */
async function quiet(probe, quietMs, maxMs) {
  const started = performance.now();
  for (;;) {
    await sleep(100);
    const now = performance.now();
    const lastBig = probe.read().stalls.filter((s) => s.ms >= COUNT_MS).reduce((latest, s) => Math.max(latest, s.end), started);
    if (now - lastBig >= quietMs) return true;
    if (now - started >= maxMs) return false;
  }
}

function countSymbols(symbols) {
  let n = 0;
  const walk = (list) => {
    for (const s of list ?? []) {
      n++;
      if (s.children) walk(s.children);
    }
  };
  walk(symbols);
  return n;
}

/** Starts the V8 profiler of this extension host; stop(path) writes the .cpuprofile. */
async function startProfile() {
  const { Session } = require('node:inspector');
  const session = new Session();
  session.connect();
  const post = (method, params) => new Promise((resolve, reject) => session.post(method, params, (error, value) => (error ? reject(error) : resolve(value))));
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 500 });
  await post('Profiler.start');
  return {
    async stop(path) {
      const { profile } = await post('Profiler.stop');
      writeFileSync(path, JSON.stringify(profile));
      session.disconnect();
    },
  };
}

async function run() {
  const vscode = require('vscode');
  const file = process.env.CLAIMLINT_HOST_PROBE_FILE;
  const out = process.env.CLAIMLINT_HOST_PROBE_OUT;
  const diagnosticsTimeoutMs = Number(process.env.CLAIMLINT_HOST_PROBE_DIAGNOSTICS_TIMEOUT_MS) || 180_000;
  if (!file || !out) throw new Error('CLAIMLINT_HOST_PROBE_FILE and CLAIMLINT_HOST_PROBE_OUT must be set');
  // The probe as an extension when it was loaded as one. The web workbench of the headless host
  // takes one extensionDevelopmentPath (the last), so with Claimlint under development the probe
  // is started here instead: the same code in the same host, running before the file is opened.
  const probeExtension = vscode.extensions.getExtension(PROBE_ID);
  const probe = probeExtension ? (probeExtension.isActive ? probeExtension.exports : await probeExtension.activate()) : require('./extension.js').activate();
  const claimlint = vscode.extensions.getExtension(CLAIMLINT_ID);
  const result = {
    claimlint: claimlint !== undefined,
    probeAs: probeExtension ? 'extension' : 'test runner',
    vscodeVersion: vscode.version,
    node: process.version,
    file,
    tickMs: probe.tickMs,
    quietBeforeOpen: false,
    quietAtEnd: false,
    marks: {},
    diagnostics: 0,
    symbols: 0,
    languageId: '',
    stalls: [],
    histogramMaxMs: 0,
    error: '',
  };
  // Start from a quiet host: start-up work (built-in extensions activating) is no part of the scenario.
  result.quietBeforeOpen = await quiet(probe, 2000, 30_000);
  // CLAIMLINT_HOST_PROBE_PROFILE=FILE: a CPU profile of the extension host over the scenario (to find what stalls it).
  const profile = process.env.CLAIMLINT_HOST_PROBE_PROFILE ? await startProfile() : null;
  const uri = vscode.Uri.file(file);
  probe.reset();
  const t0 = performance.now();
  const mark = (name) => (result.marks[name] = performance.now() - t0);
  try {
    // Claimlint's first diagnostics for the file (listened to before the file opens).
    let diagnosticsListener;
    const diagnostics = claimlint
      ? new Promise((resolve) => {
          diagnosticsListener = vscode.languages.onDidChangeDiagnostics((event) => {
            if (!event.uris.some((u) => u.toString() === uri.toString())) return;
            const count = vscode.languages.getDiagnostics(uri).length;
            if (count === 0) return;
            result.diagnostics = count;
            mark('diagnostics');
            resolve(true);
          });
        })
      : Promise.resolve(false);
    const document = await vscode.workspace.openTextDocument(uri);
    mark('opened');
    result.languageId = document.languageId;
    await vscode.window.showTextDocument(document, { preview: false });
    mark('shown');
    if (claimlint) {
      const arrived = await Promise.race([diagnostics, sleep(diagnosticsTimeoutMs).then(() => false)]);
      diagnosticsListener?.dispose();
      if (!arrived) result.error = `no diagnostics within ${diagnosticsTimeoutMs / 1000} s`;
    }
    mark('outlineStart');
    const symbols = await vscode.commands.executeCommand('vscode.executeDocumentSymbolProvider', uri);
    mark('outlineDone');
    result.symbols = countSymbols(symbols);
    // Whatever follows (the editor's own folding and outline requests, diagnostics updates) until the host is quiet.
    result.quietAtEnd = await quiet(probe, 3000, 60_000);
    mark('quiet');
  } catch (error) {
    result.error = String(error && error.stack ? error.stack : error);
  }
  const seen = probe.read();
  // After reading the stalls: writing the profile stalls the host itself.
  if (profile) await profile.stop(process.env.CLAIMLINT_HOST_PROBE_PROFILE);
  result.histogramMaxMs = seen.histogramMaxMs;
  result.stalls = seen.stalls.map((s) => ({ at: s.end - s.ms - t0, ms: s.ms, cpuMs: s.cpuMs }));
  result.loadAverage = require('node:os').loadavg()[0];
  writeFileSync(out, JSON.stringify(result, null, 2));
  process.stdout.write(`host probe: ${claimlint ? 'with Claimlint' : 'alone'}: ${result.stalls.length} stalls, max ${Math.max(0, ...result.stalls.map((s) => s.ms)).toFixed(0)} ms\n`);
}

module.exports = { run };
