// Claimlint's core, the peers and the CLI, each measured in fresh processes.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { BENCH, MB, ROOT, full, median, profileFlags, runChild, timesOf } from './common';
import type { InputFile } from './inputs';
export interface CoreWorkerResult {
  bytes: number;
  read: { ms: number; cpuMs: number };
  runs: { ms: number; cpuMs: number }[];
  maxRssMB: number;
  baselineRssMB: number;
  claims: number;
  serviceLines: number;
  transactions: number;
  findings: number;
  /** guide.* findings (with --guide full). */
  guideFindings?: number;
  byRule: Record<string, number>;
}

export interface CoreRow {
  file: string;
  bytes: number;
  coldRuns: number;
  /** Median of cold runs (one analyze in a fresh process each). */
  ms: number;
  cpuMs: number;
  mbPerSecond: number;
  mbPerCpuSecond: number;
  /** Median of the warm runs (the same process, after the first). */
  warmMs: number;
  warmCpuMs: number;
  readDecodeMs: number;
  maxRssMB: number;
  claims: number;
  serviceLines: number;
  findings: number;
  byRule: Record<string, number>;
  verified: boolean;
  error?: string;
}

export async function measureCore(worker: string, file: InputFile, cold: number, warm: number, extraArgs: string[] = []): Promise<CoreRow> {
  const colds: CoreWorkerResult[] = [];
  let error = '';
  for (let i = 0; i < cold; i++) {
    const child = await runChild<CoreWorkerResult>([worker, 'core', '--file', file.path, '--runs', '1', ...extraArgs], { timeoutMs: 240_000 });
    if (child.result) colds.push(child.result);
    else error = child.error;
  }
  let warmRuns: { ms: number; cpuMs: number }[] = [];
  if (warm > 0) {
    const child = await runChild<CoreWorkerResult>([worker, 'core', '--file', file.path, '--runs', String(warm + 1), ...extraArgs], { timeoutMs: 240_000 });
    if (child.result) warmRuns = child.result.runs.slice(1);
  }
  const first = colds[0];
  const ms = median(colds.map((c) => c.runs[0]!.ms));
  const cpuMs = median(colds.map((c) => c.runs[0]!.cpuMs));
  const mb = file.bytes / MB;
  const expectedLines = file.stats?.serviceLines;
  return {
    file: file.name,
    bytes: file.bytes,
    coldRuns: colds.length,
    ms,
    cpuMs,
    mbPerSecond: mb / (ms / 1000),
    mbPerCpuSecond: mb / (cpuMs / 1000),
    warmMs: median(warmRuns.map((r) => r.ms)),
    warmCpuMs: median(warmRuns.map((r) => r.cpuMs)),
    readDecodeMs: median(colds.map((c) => c.read.ms)),
    maxRssMB: median(colds.map((c) => c.maxRssMB)),
    claims: first?.claims ?? 0,
    serviceLines: first?.serviceLines ?? 0,
    findings: first?.findings ?? 0,
    byRule: first?.byRule ?? {},
    verified: first !== undefined && (expectedLines === undefined || first.serviceLines === expectedLines),
    ...(error ? { error } : {}),
  };
}

/** analyze() with guideChecks `envelope` and `full` on one file (issue 13: full may add at most 30% CPU). */
export interface GuideRow {
  file: string;
  bytes: number;
  /** Cold runs per mode (one analyze in a fresh process each, the modes alternating). */
  runs: number;
  envelopeCpuMs: number;
  fullCpuMs: number;
  envelopeMs: number;
  fullMs: number;
  /** Medians of warm runs (the same process, after the first), where they are cheap. */
  envelopeWarmCpuMs: number;
  fullWarmCpuMs: number;
  /** All findings, and the guide.* ones, of the full analysis. */
  fullFindings: number;
  envelopeFindings: number;
  guideFindings: number;
  /** The guide.* rules found in full mode, with counts (a guide-valid file has none). */
  guideByRule: Record<string, number>;
  error?: string;
}

export async function measureGuide(worker: string, file: InputFile, cold: number, warm: number): Promise<GuideRow> {
  const colds: Record<'envelope' | 'full', CoreWorkerResult[]> = { envelope: [], full: [] };
  let error = '';
  // The modes alternate, so a change in the machine's load falls on both alike.
  for (let i = 0; i < cold; i++) {
    for (const mode of ['envelope', 'full'] as const) {
      const child = await runChild<CoreWorkerResult>([worker, 'core', '--file', file.path, '--runs', '1', '--guide', mode], { timeoutMs: 240_000 });
      if (child.result) colds[mode].push(child.result);
      else error = `${mode}: ${child.error}`;
    }
  }
  const warmCpu: Record<'envelope' | 'full', number> = { envelope: NaN, full: NaN };
  if (warm > 0) {
    for (const mode of ['envelope', 'full'] as const) {
      const child = await runChild<CoreWorkerResult>([worker, 'core', '--file', file.path, '--runs', String(warm + 1), '--guide', mode], { timeoutMs: 240_000 });
      if (child.result) warmCpu[mode] = median(child.result.runs.slice(1).map((r) => r.cpuMs));
    }
  }
  const full = colds.full[0];
  const guideByRule = Object.fromEntries(Object.entries(full?.byRule ?? {}).filter(([rule]) => rule.startsWith('guide.')));
  return {
    file: file.name,
    bytes: file.bytes,
    runs: Math.min(colds.envelope.length, colds.full.length),
    envelopeCpuMs: median(colds.envelope.map((c) => c.runs[0]!.cpuMs)),
    fullCpuMs: median(colds.full.map((c) => c.runs[0]!.cpuMs)),
    envelopeMs: median(colds.envelope.map((c) => c.runs[0]!.ms)),
    fullMs: median(colds.full.map((c) => c.runs[0]!.ms)),
    envelopeWarmCpuMs: warmCpu.envelope,
    fullWarmCpuMs: warmCpu.full,
    fullFindings: full?.findings ?? NaN,
    envelopeFindings: colds.envelope[0]?.findings ?? NaN,
    guideFindings: full?.guideFindings ?? NaN,
    guideByRule,
    ...(error ? { error } : {}),
  };
}

export interface PeerWorkerResult {
  ms: number;
  cpuMs: number;
  serviceLines: number;
  lx: number;
  segments: number;
  maxRssMB: number;
}

export interface PeerRow {
  peer: string;
  file: string;
  bytes: number;
  runs: number;
  ms: number;
  cpuMs: number;
  mbPerSecond: number;
  maxRssMB: number;
  serviceLinesSeen: number;
  /** The peer saw every service line the generator wrote. */
  verified: boolean;
  /** Peer time / Claimlint time on the same file (cold medians): how many times faster Claimlint is. */
  ratioWall: number;
  ratioCpu: number;
  error?: string;
}

export async function measurePeer(worker: string, peer: string, file: InputFile, runs: number, claimlint: CoreRow | undefined): Promise<PeerRow> {
  const results: PeerWorkerResult[] = [];
  let error = '';
  for (let i = 0; i < runs; i++) {
    const child = await runChild<PeerWorkerResult>([worker, 'peer', '--name', peer, '--file', file.path], { timeoutMs: full ? 600_000 : 240_000 });
    if (child.result) results.push(child.result);
    else {
      error = `${child.error} (after ${(child.wallMs / 1000).toFixed(0)} s)`;
      break; // a peer that fails once fails every time: do not spend the time again
    }
  }
  const times = timesOf(file, results);
  const { ms, cpuMs } = times;
  const seen = results[0]?.serviceLines ?? 0;
  return {
    peer,
    ...times,
    mbPerSecond: file.bytes / MB / (ms / 1000),
    maxRssMB: median(results.map((r) => r.maxRssMB)),
    serviceLinesSeen: seen,
    verified: results.length > 0 && seen === file.stats?.serviceLines,
    ratioWall: claimlint ? ms / claimlint.ms : NaN,
    ratioCpu: claimlint ? cpuMs / claimlint.cpuMs : NaN,
    ...(error ? { error } : {}),
  };
}

export function skippedPeer(peer: string, file: InputFile, reason: string): PeerRow {
  return { peer, file: file.name, bytes: file.bytes, runs: 0, ms: NaN, cpuMs: NaN, mbPerSecond: NaN, maxRssMB: NaN, serviceLinesSeen: 0, verified: false, ratioWall: NaN, ratioCpu: NaN, error: reason };
}

export interface CliRow {
  file: string;
  bytes: number;
  runs: number;
  wallMs: number;
  cpuMs: number;
  maxRssMB: number;
  /** Peak RSS / file size. */
  rssToFile: number;
  exitCode: number | null;
  reportBytes: number;
  error?: string;
}

export async function measureCli(file: InputFile, runs: number, dir: string, cliArgs: string[] = []): Promise<CliRow> {
  const samples: { wallMs: number; cpuMs: number; maxRssMB: number; exitCode: number | null }[] = [];
  let reportBytes = 0;
  let error = '';
  for (let i = 0; i < runs; i++) {
    const usagePath = join(dir, `cli-usage-${process.pid}.json`);
    // The report goes through a pipe, as in `claimlint check FILE | jq`: a pipe the reader has not
    // emptied yet is where a report can pile up in memory (see cli/output.ts). The hook records
    // peak RSS and CPU of the CLI process alone.
    let piped = 0;
    const started = performance.now();
    const exitCode = await new Promise<number | null>((done) => {
      const child = spawn(
        process.execPath,
        [...profileFlags, '--require', join(BENCH, 'rss-hook.cjs'), 'server/out/cli.js', 'check', '--format', 'json', ...cliArgs, file.path],
        { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, CLAIMLINT_BENCH_USAGE: usagePath } },
      );
      child.stdout.on('data', (chunk: Buffer) => (piped += chunk.length));
      child.stderr.on('data', () => undefined);
      child.on('close', (code) => done(code));
    });
    const wallMs = performance.now() - started;
    if (!existsSync(usagePath)) {
      error = `the CLI exited with ${exitCode} without reporting its usage`;
      continue;
    }
    const usage = JSON.parse(readFileSync(usagePath, 'utf8')) as { maxRssMB: number; cpuMs: number };
    samples.push({ wallMs, cpuMs: usage.cpuMs, maxRssMB: usage.maxRssMB, exitCode });
    reportBytes = piped;
    rmSync(usagePath, { force: true });
  }
  const maxRssMB = median(samples.map((s) => s.maxRssMB));
  return {
    file: file.name,
    bytes: file.bytes,
    runs: samples.length,
    wallMs: median(samples.map((s) => s.wallMs)),
    cpuMs: median(samples.map((s) => s.cpuMs)),
    maxRssMB,
    rssToFile: (maxRssMB * MB) / file.bytes,
    exitCode: samples[0]?.exitCode ?? null,
    reportBytes,
    ...(error ? { error } : {}),
  };
}

