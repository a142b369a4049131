// The tables (PTP alone, and PTP with MUE and AOC), just reading a file, and the server's check
// from disk, each measured in fresh processes.
import { ROOT, bundleForNode, median, runTimes, timesOf } from './common';
import type { InputFile } from './inputs';
export interface PtpWorkerResult {
  ms: number;
  cpuMs: number;
  rows: number;
  ruleSetSize: number;
  problems: number;
  baselineRssMB: number;
  maxRssMB: number;
  rssAfterMB: number;
  retainedMB: number;
}

export interface PtpRow {
  file: string;
  bytes: number;
  runs: number;
  rows: number;
  ms: number;
  cpuMs: number;
  /** Peak RSS of the loading process minus its RSS before loading. */
  peakDeltaMB: number;
  maxRssMB: number;
  /** Heap + array buffers the loaded rule set keeps (after GC). */
  retainedMB: number;
  problems: number;
  error?: string;
}

export async function measurePtp(worker: string, file: InputFile, runs: number): Promise<PtpRow> {
  const { results, error } = await runTimes<PtpWorkerResult>(['--expose-gc', worker, 'ptp', '--file', file.path], runs, 120_000);
  return {
    ...timesOf(file, results),
    rows: results[0]?.rows ?? 0,
    peakDeltaMB: median(results.map((r) => r.maxRssMB - r.baselineRssMB)),
    maxRssMB: median(results.map((r) => r.maxRssMB)),
    retainedMB: median(results.map((r) => r.retainedMB)),
    problems: results[0]?.problems ?? 0,
    ...(error ? { error } : {}),
  };
}

export interface ReadRow {
  file: string;
  bytes: number;
  runs: number;
  /** The read itself (stream of 1 MB pieces, each made a string), in process: wall and CPU ms. */
  ms: number;
  cpuMs: number;
  /** The whole reading process, start-up included (to set beside the CLI's whole process). */
  processMs: number;
  processCpuMs: number;
  error?: string;
}

/** Just reading the file, in `runs` fresh processes (medians). */
export async function measureRead(worker: string, file: InputFile, runs: number): Promise<ReadRow> {
  const { results, error } = await runTimes<{ ms: number; cpuMs: number; processMs: number; processCpuMs: number }>([worker, 'read', '--file', file.path], runs, 60_000);
  return {
    ...timesOf(file, results),
    processMs: median(results.map((r) => r.processMs)),
    processCpuMs: median(results.map((r) => r.processCpuMs)),
    ...(error ? { error } : {}),
  };
}

// ---------------------------------------------------------------------------------------------
// The server's check from disk (issue 14: files past VS Code's 50 MB limit), in a fresh process

export interface DiskRow {
  file: string;
  bytes: number;
  runs: number;
  ms: number;
  cpuMs: number;
  claims: number;
  findings: number;
  /** Service lines with a code in its hover index. */
  indexed: number;
  maxRssMB: number;
  error?: string;
}

export async function measureDisk(worker: string, file: InputFile, runs: number): Promise<DiskRow> {
  const { results, error } = await runTimes<{ ms: number; cpuMs: number; claims: number; findings: number; indexed: number; maxRssMB: number }>([worker, 'disk', '--file', file.path], runs, 120_000);
  return {
    ...timesOf(file, results),
    claims: results[0]?.claims ?? 0,
    findings: results[0]?.findings ?? 0,
    indexed: results[0]?.indexed ?? 0,
    maxRssMB: median(results.map((r) => r.maxRssMB)),
    ...(error ? { error } : {}),
  };
}

// ---------------------------------------------------------------------------------------------
// Loading all three NCCI tables (issue 16): 1M PTP rows + 50k MUE rows + 10k AOC rows

/**
 * The worker for it, bundled from this source like bench/worker.ts (esbuild, CommonJS), so the
 * loaders run as the CLI and the server run them. Loads what it is given (--ptp, --mue, --aoc) in
 * one loadKnowledge call, with the PTP index built, and reports CPU and wall time.
 */
export const TABLES_WORKER_SOURCE = `
import { readFileSync } from 'node:fs';
import { loadKnowledge } from './server/src/core/rules/knowledge';
import { openFileBlocks } from './server/src/core/rules/readFile';

export const given = (name: string): string[] => {
  const at = process.argv.indexOf('--' + name);
  return at > 0 ? [process.argv[at + 1]!] : [];
};
export const collect = (globalThis as { gc?: () => void }).gc;
for (let i = 0; i < 3; i++) collect?.();
export const before = process.memoryUsage();
export const started = performance.now();
export const cpu = process.cpuUsage();
export const knowledge = loadKnowledge({
  builtinEdits: true,
  ptpFiles: given('ptp'),
  mueFiles: given('mue'),
  addOnCodeFiles: given('aoc'),
  descriptorFiles: [],
  readFile: (path) => openFileBlocks(path),
});
knowledge.rules.finish();
export const ms = performance.now() - started;
export const used = process.cpuUsage(cpu);
// This process's own peak (VmHWM): getrusage's maxRSS keeps the bench's, which forked it (rss-hook.cjs).
export const hwm = /^VmHWM:\\s+(\\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'));
export const maxRssMB = hwm ? Number(hwm[1]) / 1024 : process.resourceUsage().maxRSS / 1024;
for (let i = 0; i < 3; i++) collect?.();
export const after = process.memoryUsage();
export const rows = (kind: string) => knowledge.files.filter((file) => file.kind === kind).reduce((sum, file) => sum + file.rows, 0);
process.stdout.write('RESULT ' + JSON.stringify({
  ms,
  cpuMs: (used.user + used.system) / 1000,
  ptpRows: rows('ptp'),
  mueRows: rows('mue'),
  aocRows: rows('aoc'),
  mueValues: knowledge.mue.practitioner.size + knowledge.mue.hospital.size + knowledge.mue.dme.size,
  aocSize: knowledge.aoc.size,
  problems: knowledge.problems.length,
  maxRssMB,
  retainedMB: (after.heapUsed + after.external - (before.heapUsed + before.external)) / (1024 * 1024),
}) + '\\n');
if (knowledge.rules.size < 0) process.exitCode = 2;
`;

export function bundleTablesWorker(): Promise<string> {
  return bundleForNode('tables-worker.js', { stdin: { contents: TABLES_WORKER_SOURCE, resolveDir: ROOT, sourcefile: 'bench/tables-worker.ts', loader: 'ts' } });
}

export interface TablesWorkerResult {
  ms: number;
  cpuMs: number;
  ptpRows: number;
  mueRows: number;
  aocRows: number;
  mueValues: number;
  aocSize: number;
  problems: number;
  maxRssMB: number;
  retainedMB: number;
}

export interface TablesRow extends TablesWorkerResult {
  /** What was loaded: 'PTP + MUE + AOC', or one table alone. */
  load: string;
  runs: number;
  error?: string;
}

/** Medians of `runs` fresh processes loading the given tables. */
export async function measureTables(worker: string, load: string, tables: { ptp?: InputFile; mue?: InputFile; aoc?: InputFile }, runs: number): Promise<TablesRow> {
  const args = ['--expose-gc', worker];
  for (const [name, file] of Object.entries(tables)) if (file) args.push(`--${name}`, file.path);
  const { results, error } = await runTimes<TablesWorkerResult>(args, runs, 120_000);
  const first = results[0];
  return {
    load,
    runs: results.length,
    ms: median(results.map((r) => r.ms)),
    cpuMs: median(results.map((r) => r.cpuMs)),
    ptpRows: first?.ptpRows ?? 0,
    mueRows: first?.mueRows ?? 0,
    aocRows: first?.aocRows ?? 0,
    mueValues: first?.mueValues ?? 0,
    aocSize: first?.aocSize ?? 0,
    problems: first?.problems ?? 0,
    maxRssMB: median(results.map((r) => r.maxRssMB)),
    retainedMB: median(results.map((r) => r.retainedMB)),
    ...(error ? { error } : {}),
  };
}

