// `npm run bench -- --only host`: how long Claimlint makes the VS Code extension host stall when a
// 30 MB 837 is opened (issue 14's budget: no stall over 250 ms beyond what VS Code itself shows
// with no extension, both measured in the same run).
//
// The real VS Code: the headless host of the integration tests (test/vscode-host: VS Code's
// server with its extension host on Node, the web workbench in headless Chromium), or desktop
// VS Code when VSCODE_EXECUTABLE_PATH points at it. In it, a probe extension (bench/host-probe,
// activated with the host) ticks every 10 ms and records every gap over the tick: a stall, the
// time every extension in that host waits. Its scenario (bench/host-probe/run.js, run as the
// extensionTestsPath): wait until the host is quiet, open the 837 in an editor, wait for
// Claimlint's first diagnostics, ask for the outline (vscode.executeDocumentSymbolProvider, what
// the Outline view and breadcrumbs ask), and wait until the host is quiet again (3 s without a
// stall of 50 ms).
//
// Each repetition is two runs of a fresh VS Code on the same file: the probe alone (no Claimlint:
// what VS Code itself costs to open the file and hand it to the extension host) and the probe
// with Claimlint. Judged: Claimlint's largest stall minus the largest with the probe alone
// (medians over the repetitions).
//
//   node --import tsx bench/hostStall.ts [--runs N] [--profile DIR]    on its own (prints the figures;
//                                 --profile: a CPU profile of the extension host over each scenario;
//                                 CLAIMLINT_HOST_EXTENSION=DIR: measure the extension in DIR, another build of this one)

import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { write837, type GeneratedStats } from './generate';

const ROOT = resolve(__dirname, '..');
const PROBE = join(ROOT, 'bench', 'host-probe');
/** The extension measured: this repository, or CLAIMLINT_HOST_EXTENSION (another build of it, e.g. to compare a change). */
const EXTENSION = resolve(process.env.CLAIMLINT_HOST_EXTENSION ?? ROOT);
const MB = 1024 * 1024;
/** A stall this long or longer counts in the total. */
export const COUNT_MS = 50;

/** What the probe writes at the end of a run (bench/host-probe). */
interface ProbeOutput {
  claimlint: boolean;
  /** How the probe was started: as an extension ('extension'), or by the scenario ('test runner'). */
  probeAs: string;
  vscodeVersion: string;
  /** From the start of openTextDocument: the document in the host, the editor shown, first diagnostics, the outline asked and answered, quiet again. */
  marks: Record<string, number>;
  diagnostics: number;
  symbols: number;
  languageId: string;
  quietBeforeOpen: boolean;
  quietAtEnd: boolean;
  stalls: { at: number; ms: number; cpuMs: number }[];
  histogramMaxMs: number;
  /** The machine's 1-minute load average at the end of the scenario. */
  loadAverage: number;
  error: string;
}

export interface HostRun extends Omit<ProbeOutput, 'claimlint' | 'stalls'> {
  /** 'alone': the probe without Claimlint; 'claimlint': the probe and Claimlint. */
  mode: 'alone' | 'claimlint';
  repetition: number;
  ok: boolean;
  /** The whole run: VS Code started, the scenario, VS Code gone. */
  wallMs: number;
  /** Largest stall from opening the file until the host was quiet again. */
  maxStallMs: number;
  /** Sum and number of the stalls of COUNT_MS or more. */
  stallsOver50Ms: number;
  stallsOver50: number;
  /** CPU time of the extension host's process in its largest stall (well under the stall: it waited for a CPU, the machine was busy). */
  maxStallCpuMs: number;
  /** The most CPU time the host's process used in one stall: the stall on an idle machine. */
  maxCpuStallMs: number;
  /** The stalls of COUNT_MS or more: when they started (ms from opening), how long they were, the host's CPU time in them, and in which step. */
  stalls: { at: number; ms: number; cpuMs: number; during: string }[];
}

export interface HostStallResult {
  file: string;
  bytes: number;
  stats: GeneratedStats | null;
  executable: string;
  runs: HostRun[];
  skipped?: string;
}


type Log = (message: string) => void;

/** The step of the scenario a stall started in, by the probe's marks. */
function stepOf(at: number, marks: Record<string, number>): string {
  const steps: [string, string][] = [
    ['opened', 'openTextDocument'],
    ['shown', 'showTextDocument'],
    ['diagnostics', 'waiting for diagnostics'],
    ['outlineStart', 'waiting for diagnostics'],
    ['outlineDone', 'document symbols'],
    ['quiet', 'after (editor requests, until quiet)'],
  ];
  for (const [mark, name] of steps) if (marks[mark] !== undefined && at < marks[mark]!) return name;
  return 'after';
}

/** The 30 MB 837 (5,000 claims per transaction set, a segment per line), in its own folder (the workspace VS Code opens). */
function inputFile(log: Log): { path: string; folder: string; bytes: number; stats: GeneratedStats | null } {
  const hash = createHash('sha256').update(readFileSync(join(ROOT, 'bench', 'generate.ts'))).digest('hex').slice(0, 12);
  const folder = join(tmpdir(), `claimlint-bench-host-${hash}`);
  const path = join(folder, '837p-30mb-st5000-lines.837');
  const statsPath = join(folder, 'stats.json');
  if (existsSync(path) && existsSync(statsPath)) {
    const saved = JSON.parse(readFileSync(statsPath, 'utf8')) as GeneratedStats;
    return { path, folder, bytes: saved.bytesWithLines ?? saved.bytes, stats: saved };
  }
  mkdirSync(folder, { recursive: true });
  log('host: generating the 30 MB 837P (5,000 claims per transaction set, line breaks)');
  const stats = write837({ targetBytes: 30 * MB, linesPath: path, seed: 867, claimsPerTransaction: 5000 });
  writeFileSync(statsPath, JSON.stringify(stats, null, 2));
  return { path, folder, bytes: stats.bytesWithLines ?? stats.bytes, stats };
}

/** The VS Code to run: desktop VS Code from VSCODE_EXECUTABLE_PATH, else the headless host (installed by ensure.mjs if missing, as the integration tests do). */
async function executable(install: boolean): Promise<{ path: string } | { skipped: string }> {
  const desktop = process.env.VSCODE_EXECUTABLE_PATH;
  if (desktop) return { path: desktop };
  const hostDir = join(ROOT, 'test', 'vscode-host');
  const ensure = (await import(pathToFileURL(join(hostDir, 'ensure.mjs')).href)) as { hostUpToDate(): boolean; ensureHost(): Promise<void> };
  if (!ensure.hostUpToDate()) {
    if (!install) return { skipped: 'the headless VS Code host is not installed (node test/vscode-host/ensure.mjs installs it; --only host does too)' };
    await ensure.ensureHost();
  }
  return { path: join(hostDir, 'launcher.mjs') };
}

/** One fresh VS Code: the probe (and Claimlint) loaded, the scenario run, its figures read back. */
async function runOnce(exe: string, mode: HostRun['mode'], repetition: number, input: { path: string; folder: string }, log: Log, profileDir: string | null): Promise<HostRun> {
  const work = mkdtempSync(join(tmpdir(), 'claimlint-host-run-'));
  const outPath = join(work, 'probe.json');
  // Desktop VS Code loads every extensionDevelopmentPath; the headless host's web workbench only
  // the last (the probe then starts from the test runner, bench/host-probe/run.js).
  const devPaths = mode === 'claimlint' ? [PROBE, EXTENSION] : [PROBE];
  // The command line @vscode/test-electron's runTests builds (test/integration/runTest.mjs),
  // spawned here so the host's output goes to the bench's log and not into its report.
  const args = [
    input.folder,
    '--disable-extensions',
    ...devPaths.map((p) => `--extensionDevelopmentPath=${p}`),
    `--extensionTestsPath=${join(PROBE, 'run.js')}`,
    `--user-data-dir=${join(work, 'user-data')}`,
    `--extensions-dir=${join(work, 'extensions')}`,
    '--no-sandbox',
    '--disable-gpu-sandbox',
    '--disable-updates',
    '--skip-welcome',
    '--skip-release-notes',
    '--disable-workspace-trust',
  ];
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    CLAIMLINT_HOST_PROBE_FILE: input.path,
    CLAIMLINT_HOST_PROBE_OUT: outPath,
    CLAIMLINT_VSCODE_TIMEOUT_MS: process.env.CLAIMLINT_VSCODE_TIMEOUT_MS ?? String(6 * 60_000),
  };
  if (profileDir) {
    mkdirSync(profileDir, { recursive: true });
    env.CLAIMLINT_HOST_PROBE_PROFILE = join(profileDir, `extension-host-${mode}-${repetition + 1}.cpuprofile`);
  }
  const started = performance.now();
  let tail = '';
  const code = await new Promise<number | null>((done) => {
    const child = spawn(exe, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const keep = (chunk: Buffer) => {
      tail = (tail + chunk.toString()).slice(-4000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('error', (error) => {
      tail += String(error);
      done(null);
    });
    child.on('close', (exitCode) => done(exitCode));
  });
  const wallMs = performance.now() - started;
  let probe: ProbeOutput | null = null;
  try {
    probe = JSON.parse(readFileSync(outPath, 'utf8')) as ProbeOutput;
  } catch {
    /* reported below */
  }
  rmSync(work, { recursive: true, force: true, maxRetries: 3 });
  if (!probe) {
    const why = `VS Code exited with ${code} and the probe wrote nothing: ${tail.trim().split('\n').slice(-4).join(' | ')}`;
    log(`host: ${mode} #${repetition + 1}: ${why}`);
    return { mode, repetition, ok: false, error: why, wallMs, maxStallMs: NaN, stallsOver50Ms: NaN, stallsOver50: 0, marks: {}, diagnostics: 0, symbols: 0, languageId: '', quietBeforeOpen: false, quietAtEnd: false, histogramMaxMs: NaN, maxStallCpuMs: NaN, maxCpuStallMs: NaN, loadAverage: NaN, stalls: [], vscodeVersion: '', probeAs: '' };
  }
  const big = probe.stalls.filter((s) => s.ms >= COUNT_MS);
  const largest = probe.stalls.reduce<{ ms: number; cpuMs: number } | null>((max, s) => (max === null || s.ms > max.ms ? s : max), null);
  const error = probe.error || (mode === 'claimlint' && !probe.claimlint ? 'Claimlint was not loaded' : '') || (mode === 'alone' && probe.claimlint ? 'Claimlint was loaded in the run without it' : '');
  return {
    mode,
    repetition,
    ok: error === '',
    error,
    wallMs,
    maxStallMs: largest?.ms ?? 0,
    maxStallCpuMs: largest?.cpuMs ?? 0,
    maxCpuStallMs: Math.max(0, ...probe.stalls.map((s) => s.cpuMs)),
    loadAverage: probe.loadAverage,
    stallsOver50Ms: big.reduce((sum, s) => sum + s.ms, 0),
    stallsOver50: big.length,
    marks: probe.marks,
    diagnostics: probe.diagnostics,
    symbols: probe.symbols,
    languageId: probe.languageId,
    quietBeforeOpen: probe.quietBeforeOpen,
    quietAtEnd: probe.quietAtEnd,
    histogramMaxMs: probe.histogramMaxMs,
    stalls: big.map((s) => ({ at: s.at, ms: s.ms, cpuMs: s.cpuMs, during: stepOf(s.at, probe!.marks) })),
    vscodeVersion: probe.vscodeVersion,
    probeAs: probe.probeAs,
  };
}

/**
 * `repetitions` pairs of runs (the probe alone, then with Claimlint), each in a fresh VS Code.
 * `install`: install the headless host if it is missing (else the section is skipped).
 */
export async function measureHostStall(options: { repetitions: number; install: boolean; log: Log; profileDir?: string | null }): Promise<HostStallResult> {
  const { log } = options;
  const input = inputFile(log);
  const exe = await executable(options.install);
  if ('skipped' in exe) return { file: input.path, bytes: input.bytes, stats: input.stats, executable: '', runs: [], skipped: exe.skipped };
  const runs: HostRun[] = [];
  for (let repetition = 0; repetition < options.repetitions; repetition++) {
    for (const mode of ['alone', 'claimlint'] as const) {
      log(`host: ${mode === 'alone' ? 'VS Code with the probe alone' : 'VS Code with the probe and Claimlint'} (${repetition + 1} of ${options.repetitions})`);
      const run = await runOnce(exe.path, mode, repetition, input, log, options.profileDir ?? null);
      runs.push(run);
      if (run.ok) log(`host: max stall ${run.maxStallMs.toFixed(0)} ms, ${run.stallsOver50} over ${COUNT_MS} ms (${run.stallsOver50Ms.toFixed(0)} ms), diagnostics ${run.marks.diagnostics !== undefined ? `${(run.marks.diagnostics / 1000).toFixed(1)} s` : 'n/a'}, ${run.symbols} symbols`);
    }
  }
  return { file: input.path, bytes: input.bytes, stats: input.stats, executable: exe.path, runs };
}

function median(values: readonly number[]): number {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The largest stall (by wall or by the host's CPU time in it) that started once the text was in the extension host (openTextDocument resolved). */
export function maxStallAfterOpen(run: HostRun, by: 'ms' | 'cpuMs' = 'ms'): number {
  const opened = run.marks.opened ?? Infinity;
  return Math.max(0, ...run.stalls.filter((s) => s.at >= opened).map((s) => s[by]));
}

/** Largest stalls with Claimlint and with the probe alone (medians over the repetitions), and what Claimlint adds. */
export interface StallFigures {
  claimlint: number;
  alone: number;
  added: number;
}

/**
 * The figures the budget is judged on, by wall time and by the host's CPU time in a stall (the
 * stall on an idle machine: on a loaded one the host waits for a CPU and the wall time runs long),
 * over the whole scenario (the budget as written: VS Code's own stall while it hands the text to
 * the host is in both runs) and from the moment the text is in the host (what follows: Claimlint's
 * activation, didOpen, diagnostics and outline against the editor's own work without it).
 */
export function hostStallSummary(result: HostStallResult): {
  wall: StallFigures;
  cpu: StallFigures;
  wallAfterOpen: StallFigures;
  cpuAfterOpen: StallFigures;
  /** Largest wall stall with Claimlint against the smallest alone. */
  worstAdded: number;
  complete: boolean;
} {
  const of = (mode: HostRun['mode']) => result.runs.filter((r) => r.mode === mode && r.ok);
  const figures = (measure: (run: HostRun) => number): StallFigures => {
    const claimlint = median(of('claimlint').map(measure));
    const alone = median(of('alone').map(measure));
    return { claimlint, alone, added: claimlint - alone };
  };
  return {
    wall: figures((r) => r.maxStallMs),
    cpu: figures((r) => r.maxCpuStallMs),
    wallAfterOpen: figures((r) => maxStallAfterOpen(r, 'ms')),
    cpuAfterOpen: figures((r) => maxStallAfterOpen(r, 'cpuMs')),
    worstAdded: Math.max(...of('claimlint').map((r) => r.maxStallMs)) - Math.min(...of('alone').map((r) => r.maxStallMs)),
    complete: result.runs.length > 0 && result.runs.every((r) => r.ok),
  };
}

const fmt = (value: number | undefined, digits = 0): string => (value === undefined || !Number.isFinite(value) ? 'n/a' : value.toFixed(digits));

function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** The section's lines in the bench's report. */
export function hostStallReport(result: HostStallResult): string[] {
  const out: string[] = [];
  const version = result.runs.find((r) => r.vscodeVersion)?.vscodeVersion ?? '';
  out.push(`5. VS Code extension host: stalls while a ${fmt(result.bytes / MB, 1)} MB 837P (${result.stats?.claims ?? '?'} claims, 5,000 per ST, a segment per line) is opened, checked and outlined;`);
  out.push(`   VS Code ${version || '(not run)'}, a fresh window per run; a stall = a 10 ms timer's lateness in the shared extension host (ms from opening the file)`);
  if (result.skipped) {
    out.push(`   skipped: ${result.skipped}`);
    out.push('');
    return out;
  }
  out.push(
    table(
      ['run', 'max stall', 'its CPU', 'max CPU', `stalls >= ${COUNT_MS}`, `sum >= ${COUNT_MS}`, 'in host', 'shown', 'diagnostics', 'outline ms', 'symbols', 'diags', 'language', 'quiet', 'load', 'run s'],
      result.runs.map((r) => [
        `${r.mode === 'alone' ? 'probe alone' : 'probe + Claimlint'} #${r.repetition + 1}`,
        fmt(r.maxStallMs),
        fmt(r.maxStallCpuMs),
        fmt(r.maxCpuStallMs),
        String(r.stallsOver50),
        fmt(r.stallsOver50Ms),
        fmt(r.marks.opened),
        fmt(r.marks.shown),
        fmt(r.marks.diagnostics),
        r.marks.outlineDone !== undefined && r.marks.outlineStart !== undefined ? fmt(r.marks.outlineDone - r.marks.outlineStart) : 'n/a',
        String(r.symbols),
        String(r.diagnostics),
        r.languageId || 'n/a',
        `${r.quietBeforeOpen ? 'y' : 'n'}/${r.quietAtEnd ? 'y' : 'n'}`,
        fmt(r.loadAverage, 1),
        fmt(r.wallMs / 1000, 0),
      ]),
    ),
  );
  for (const r of result.runs) {
    if (r.error) out.push(`   ${r.mode} #${r.repetition + 1}: ${r.error}`);
    const top = [...r.stalls].sort((a, b) => b.ms - a.ms).slice(0, 5);
    if (top.length > 0) out.push(`   ${r.mode === 'alone' ? 'alone' : 'Claimlint'} #${r.repetition + 1} largest stalls: ${top.map((s) => `${fmt(s.ms)} ms (CPU ${fmt(s.cpuMs)}) at ${fmt(s.at)} (${s.during})`).join('; ')}`);
  }
  const s = hostStallSummary(result);
  const said = (f: StallFigures) => `${fmt(f.claimlint)} ms with Claimlint, ${fmt(f.alone)} ms alone: adds ${fmt(f.added)} ms`;
  out.push(`   medians of the largest stall, whole scenario: wall ${said(s.wall)} (least favourable pairing ${fmt(s.worstAdded)} ms); CPU ${said(s.cpu)}`);
  out.push(`   once the text is in the host: wall ${said(s.wallAfterOpen)}; CPU ${said(s.cpuAfterOpen)}`);
  out.push('   its CPU = the host process\'s CPU time in its largest stall; max CPU = the most CPU time in one stall (the stall on an idle machine);');
  out.push('   in host = openTextDocument resolved (the text is in the extension host); quiet = the host was quiet before opening / at the end (3 s without a 50 ms stall)');
  out.push('');
  return out;
}

if (require.main === module) {
  const argv = process.argv.slice(2);
  const at = argv.indexOf('--runs');
  const repetitions = at >= 0 ? Number(argv[at + 1]) || 1 : 1;
  const profileAt = argv.indexOf('--profile');
  const profileDir = profileAt >= 0 ? resolve(argv[profileAt + 1] ?? 'bench/out/profiles') : null;
  const log: Log = (message) => process.stderr.write(`[host ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
  measureHostStall({ repetitions, install: true, log, profileDir })
    .then((result) => {
      process.stdout.write(hostStallReport(result).join('\n') + '\n');
      mkdirSync(join(ROOT, 'bench', 'out'), { recursive: true });
      writeFileSync(join(ROOT, 'bench', 'out', 'host-latest.json'), JSON.stringify(result, null, 2));
    })
    .catch((error: unknown) => {
      process.stderr.write(`host stall bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
    });
}
