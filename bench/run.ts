// `npm run bench`: Claimlint's speed and memory against its budgets and against the X12 parsers a
// user would pick instead, on the same generated files, in one run. Not part of `npm test`.
//
//   npm run bench                 everything (a few minutes on 2 cores)
//   npm run bench -- --quick      fewer repetitions, no 100 MB peers (about a minute)
//   npm run bench -- --full       also node-x12 on the 100 MB file (it needs minutes and over 4 GB)
//   npm run bench -- --only core,peers,cli,lsp,ptp,csv,read,guide,disk,scale     (ptp: the PTP loader, and it with MUE and AOC tables;
//                                 guide: analyze with guideChecks full against envelope, and the CLI's --guide full against envelope;
//                                 disk: the server's check from disk of files past VS Code's 50 MB limit;
//                                 scale: how the once-quadratic paths grow from n to 4n, bench/scale.ts)
//   npm run bench -- --only host  the VS Code extension host's stalls on a 30 MB 837, with and without Claimlint
//                                 (bench/hostStall.ts; the headless VS Code of the integration tests)
//   npm run bench -- --only lsp --profile /tmp/prof   CPU profiles of every measured process
//                                 (summarize: node bench/profile-summary.mjs /tmp/prof)
//
// 837 shapes: the bench's own (500 claims per transaction set) at 1, 10 and 100 MB for the core
// and the peers; and the real batches of issue 14, 5,000 claims per set (10, 50, 100 MB) and one
// set for the whole file (10, 50 MB), for the CLI and the server; and for the CLI's memory, three
// degenerate 100 MB files (bench/degenerate.ts). Every figure is set beside the
// x12-parser stream on the same file and beside just reading the file, measured in the same run;
// the budgets are data (BUDGETS), one printed line each.
//
// Every measurement with a memory figure runs in a fresh child process (bench/worker.ts, bundled
// to bench/out/worker.js), so its peak RSS is its own. Inputs are generated deterministically
// into a temporary folder (kept between runs, keyed by the generator's source) and never
// committed. Results: a table on stdout, and the same figures as JSON in bench/out/.

import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { AOC_ROWS, MUE_ROWS, PTP_ROWS, write837, writeAocTable, writeClaimsCsv, writeMueTable, writePtpTable, type GeneratedStats } from './generate';
import { DEGENERATE_SHAPES, writeDegenerate837, type DegenerateShape } from './degenerate';
import { measureLsp, type LspResult } from './lsp';
import { hostStallReport, hostStallSummary, measureHostStall, type HostStallResult } from './hostStall';
import type { ScaleRow } from './scale';

const ROOT = resolve(__dirname, '..');
const BENCH = join(ROOT, 'bench');
const OUT = join(BENCH, 'out');
const MB = 1024 * 1024;

const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
/** Also node-x12 on the 100 MB file: about four minutes here, until it runs out of its default heap. */
const full = argv.includes('--full');
const onlyArg = argv.find((a) => a.startsWith('--only'));
const only = onlyArg ? new Set((onlyArg.includes('=') ? onlyArg.split('=')[1]! : argv[argv.indexOf(onlyArg) + 1]!).split(',')) : null;
const wants = (section: string) => only === null || only.has(section);
/** --profile DIR: every measured process (workers, the CLI, the server) writes a CPU profile there. */
const profileArg = argv.indexOf('--profile');
const profileDir = profileArg >= 0 ? resolve(argv[profileArg + 1] ?? 'bench/out/profiles') : null;
const profileFlags = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];

// ---------------------------------------------------------------------------------------------
// Helpers

function median(values: readonly number[]): number {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function log(message: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

interface ChildResult<T> {
  ok: boolean;
  result: T | null;
  wallMs: number;
  exitCode: number | null;
  signal: string | null;
  error: string;
}

/** Runs a child node process; its last `RESULT {json}` line is the result. */
function runChild<T>(args: string[], options: { timeoutMs?: number; env?: NodeJS.ProcessEnv; stdoutFile?: string } = {}): Promise<ChildResult<T>> {
  return new Promise((done) => {
    const started = performance.now();
    const child = spawn(process.execPath, [...profileFlags, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: options.env ?? process.env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      // The CLI's JSON report can be large: keep only the tail (a RESULT line is short and last).
      stdout = (stdout + chunk.toString('latin1')).slice(-65536);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-8192);
    });
    const timer = options.timeoutMs ? setTimeout(() => child.kill('SIGKILL'), options.timeoutMs) : null;
    child.on('close', (exitCode, signal) => {
      if (timer) clearTimeout(timer);
      const line = stdout.split('\n').reverse().find((l) => l.startsWith('RESULT '));
      const result = line ? (JSON.parse(line.slice(7)) as T) : null;
      const oom = /heap out of memory|Allocation failed/i.test(stderr);
      done({
        ok: result !== null,
        result,
        wallMs: performance.now() - started,
        exitCode,
        signal,
        error: result ? '' : signal === 'SIGKILL' && timer ? `timed out after ${Math.round((options.timeoutMs ?? 0) / 1000)} s` : oom ? 'JavaScript heap out of memory' : stderr.trim().split('\n').slice(-3).join(' | '),
      });
    });
  });
}

/** `runs` fresh processes of the same measurement: the results of those that reported one, and the last failure ('' when none). */
async function runTimes<T>(args: string[], runs: number, timeoutMs: number): Promise<{ results: T[]; error: string }> {
  const results: T[] = [];
  let error = '';
  for (let i = 0; i < runs; i++) {
    const child = await runChild<T>(args, { timeoutMs });
    if (child.result) results.push(child.result);
    else error = child.error;
  }
  return { results, error };
}

function gitCommit(): string {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT }).toString().trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: ROOT }).toString().trim() !== '';
    return dirty ? `${commit}+local changes` : commit;
  } catch {
    return 'unknown';
  }
}

function fmt(value: number | null | undefined, digits = 0): string {
  return value === null || value === undefined || !Number.isFinite(value) ? 'n/a' : value.toFixed(digits);
}

/** A ratio as "4.1x" (two significant digits under 1, none from 100). */
function ratio(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  return `${value >= 100 ? value.toFixed(0) : value >= 1 ? value.toFixed(1) : value.toPrecision(2)}x`;
}

// ---------------------------------------------------------------------------------------------
// Setup

function ensurePeers(): void {
  const installed = ['node-x12', 'x12-parser'].every((name) => existsSync(join(BENCH, 'node_modules', name, 'package.json')));
  if (installed) return;
  log('installing the peer parsers (npm ci --prefix bench)');
  execFileSync('npm', ['ci', '--prefix', 'bench', '--no-audit', '--no-fund'], { cwd: ROOT, stdio: 'inherit' });
}

async function bundleWorker(): Promise<string> {
  if (!existsSync(join(ROOT, 'server/out/cli.js')) || !existsSync(join(ROOT, 'server/out/server.js'))) {
    log('building server/out (node scripts/build.mjs)');
    execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'inherit' });
  }
  // Bundled like the CLI and the server (esbuild, CommonJS), so the core runs the same code.
  const esbuild = await import('esbuild');
  const outfile = join(OUT, 'worker.js');
  await esbuild.build({
    entryPoints: [join(BENCH, 'worker.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: 'linked',
    external: ['node-x12', 'x12-parser'],
    logLevel: 'warning',
  });
  return outfile;
}

/**
 * How an 837's claims are split into transaction sets: the bench's first shape (500 claims per
 * ST..SE, 100 sets per group), and the real batches of issue 14: 5,000 claims per set, and one
 * set for the whole file.
 */
type Shape = 'bench' | 'st5000' | 'onest';
const SHAPES: Record<Shape, { claimsPerTransaction: number; label: string; file: string }> = {
  bench: { claimsPerTransaction: 500, label: '', file: '' },
  st5000: { claimsPerTransaction: 5000, label: '5,000 claims/ST, ', file: '-st5000' },
  onest: { claimsPerTransaction: Number.MAX_SAFE_INTEGER, label: 'one ST, ', file: '-onest' },
};

interface InputFile {
  name: string;
  path: string;
  kind: 'x12' | 'csv' | 'ptp' | 'mue' | 'aoc' | 'degenerate';
  lineBreaks: boolean;
  nominalMB: number;
  /** 837 only (absent in manifests written before shapes: the bench's shape). */
  shape?: Shape;
  stats: GeneratedStats | null;
  bytes: number;
}

const shapeOf = (file: InputFile): Shape => file.shape ?? 'bench';

/** The 837s a run needs: the bench's shape at 1, 10 and 100 MB; 5,000 claims per set at 10, 50, 100 MB; one set at 10 and 50 MB. */
function x12Specs(): { size: number; shape: Shape }[] {
  const specs: { size: number; shape: Shape }[] = [1, 10, 100].map((size) => ({ size, shape: 'bench' }));
  for (const size of quick ? [10] : [10, 50, 100]) specs.push({ size, shape: 'st5000' });
  for (const size of quick ? [10] : [10, 50]) specs.push({ size, shape: 'onest' });
  return specs;
}

function inputs(): { dir: string; files: InputFile[] } {
  // Keyed by the generators' source: a change to them makes new files. Files already generated
  // there are reused; missing ones (a shape added since) are generated and added to the manifest.
  const hash = createHash('sha256');
  for (const source of ['bench/generate.ts', 'server/src/core/rules/generatePtpTable.ts']) hash.update(readFileSync(join(ROOT, source)));
  const dir = join(tmpdir(), `claimlint-bench-${hash.digest('hex').slice(0, 12)}`);
  const manifestPath = join(dir, 'manifest.json');
  const kept = new Map<string, InputFile>();
  if (existsSync(manifestPath)) {
    for (const f of JSON.parse(readFileSync(manifestPath, 'utf8')) as InputFile[]) if (existsSync(f.path) && statSync(f.path).size === f.bytes) kept.set(f.name, f);
  }
  mkdirSync(dir, { recursive: true });
  const files: InputFile[] = [];
  let generated = 0;
  const use = (names: string[], make: () => InputFile[]): void => {
    if (names.every((name) => kept.has(name))) {
      files.push(...names.map((name) => kept.get(name)!));
      return;
    }
    generated++;
    files.push(...make());
  };
  for (const { size, shape } of x12Specs()) {
    const { claimsPerTransaction, label, file } = SHAPES[shape];
    const oneLineName = `837P ${size} MB, ${label}one line`;
    const linesName = `837P ${size} MB, ${label}line breaks`;
    use([oneLineName, linesName], () => {
      log(`generating the ${size} MB 837P files${label ? ` (${label.slice(0, -2)})` : ''}`);
      const oneLine = join(dir, `837p-${size}mb${file}.837`);
      const withLines = join(dir, `837p-${size}mb${file}-lines.837`);
      // The same seed in every shape: the same claims, split into sets differently.
      const stats = write837({ targetBytes: size * MB, oneLinePath: oneLine, linesPath: withLines, seed: 837 + size, claimsPerTransaction });
      return [
        { name: oneLineName, path: oneLine, kind: 'x12', lineBreaks: false, nominalMB: size, shape, stats, bytes: stats.bytes },
        { name: linesName, path: withLines, kind: 'x12', lineBreaks: true, nominalMB: size, shape, stats, bytes: stats.bytesWithLines! },
      ];
    });
  }
  // Degenerate 837s for the CLI's memory budget (bench/degenerate.ts, not hashed above: its file names carry its shapes).
  for (const [shape, label] of Object.entries(DEGENERATE_SHAPES) as [DegenerateShape, string][]) {
    const name = `837 100 MB, ${label}`;
    use([name], () => {
      log(`generating ${name}`);
      const path = join(dir, `837-100mb-${shape}.837`);
      const { bytes } = writeDegenerate837(path, shape, 100 * MB);
      return [{ name, path, kind: 'degenerate', lineBreaks: false, nominalMB: 100, stats: null, bytes }];
    });
  }
  use(['CSV 1M rows'], () => {
    log('generating the 1M-row claim CSV');
    const csvPath = join(dir, 'claims-1m.csv');
    const csv = writeClaimsCsv(csvPath, { rows: 1_000_000, seed: 1000 });
    return [{ name: 'CSV 1M rows', path: csvPath, kind: 'csv', lineBreaks: true, nominalMB: csv.bytes / MB, stats: csv, bytes: csv.bytes }];
  });
  const ptpName = `PTP table ${PTP_ROWS / 1e6}M rows`;
  use([ptpName], () => {
    log('generating the 1M-row PTP table');
    const ptpPath = join(dir, 'ptp-1m.txt');
    const ptp = writePtpTable(ptpPath);
    return [{ name: ptpName, path: ptpPath, kind: 'ptp', lineBreaks: true, nominalMB: ptp.bytes / MB, stats: null, bytes: ptp.bytes }];
  });
  const mueName = `MUE table ${MUE_ROWS / 1000}k rows`;
  const aocName = `AOC table ${AOC_ROWS / 1000}k rows`;
  use([mueName, aocName], () => {
    log('generating the 50k-row MUE table and the 10k-row add-on code table');
    const muePath = join(dir, 'MCR_MUE_PractitionerServices-50k.csv');
    const mue = writeMueTable(muePath);
    const aocPath = join(dir, 'aoc-10k.txt');
    const aoc = writeAocTable(aocPath);
    return [
      { name: mueName, path: muePath, kind: 'mue', lineBreaks: true, nominalMB: mue.bytes / MB, stats: null, bytes: mue.bytes },
      { name: aocName, path: aocPath, kind: 'aoc', lineBreaks: true, nominalMB: aoc.bytes / MB, stats: null, bytes: aoc.bytes },
    ];
  });
  if (generated === 0) log(`inputs: reusing ${dir}`);
  // Everything valid in the folder stays listed, so a --quick run does not forget the big files.
  const listed = new Map([...kept, ...files.map((f) => [f.name, f] as const)]);
  writeFileSync(manifestPath, JSON.stringify([...listed.values()], null, 2));
  return { dir, files };
}

/** Two PTP tables of 160,000 rows in the CMS layout: one row repeated, and distinct rows of the same length. */
function repetitiveTables(dir: string): { identical: InputFile; distinct: InputFile } {
  const rows = 160_000;
  const write = (name: string, row: (i: number) => string): InputFile => {
    const path = join(dir, name);
    const lines: string[] = ['Column 1\tColumn 2\t*=in existence prior to 1996\tEffective Date\tDeletion Date *=no data\tModifier Indicator\tPTP Edit Rationale'];
    for (let i = 0; i < rows; i++) lines.push(row(i));
    const text = lines.join('\r\n') + '\r\n';
    writeFileSync(path, text, 'latin1');
    return { name, path, kind: 'ptp', lineBreaks: true, nominalMB: text.length / MB, stats: null, bytes: text.length };
  };
  return {
    identical: write('ptp-160k-identical.txt', () => '43214\t43200\t\t20140101\t*\t0\tStandards of medical / surgical practice 000000'),
    // Column 1 runs over 5-digit codes from 10000, two rows each, and every row has its own rationale
    // (a user's export with free text per row); the same row length as the identical table.
    distinct: write(
      'ptp-160k-distinct.txt',
      (i) => `${String(10000 + Math.floor(i / 2))}\t${i % 2 === 0 ? '43200' : '43197'}\t\t20140101\t*\t0\tStandards of medical / surgical practice ${String(i).padStart(6, '0')}`,
    ),
  };
}

// ---------------------------------------------------------------------------------------------
// Measurements

interface CoreWorkerResult {
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

interface CoreRow {
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

async function measureCore(worker: string, file: InputFile, cold: number, warm: number, extraArgs: string[] = []): Promise<CoreRow> {
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
interface GuideRow {
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

async function measureGuide(worker: string, file: InputFile, cold: number, warm: number): Promise<GuideRow> {
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

interface PeerWorkerResult {
  ms: number;
  cpuMs: number;
  serviceLines: number;
  lx: number;
  segments: number;
  maxRssMB: number;
}

interface PeerRow {
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

async function measurePeer(worker: string, peer: string, file: InputFile, runs: number, claimlint: CoreRow | undefined): Promise<PeerRow> {
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
  const ms = median(results.map((r) => r.ms));
  const cpuMs = median(results.map((r) => r.cpuMs));
  const seen = results[0]?.serviceLines ?? 0;
  return {
    peer,
    file: file.name,
    bytes: file.bytes,
    runs: results.length,
    ms,
    cpuMs,
    mbPerSecond: file.bytes / MB / (ms / 1000),
    maxRssMB: median(results.map((r) => r.maxRssMB)),
    serviceLinesSeen: seen,
    verified: results.length > 0 && seen === file.stats?.serviceLines,
    ratioWall: claimlint ? ms / claimlint.ms : NaN,
    ratioCpu: claimlint ? cpuMs / claimlint.cpuMs : NaN,
    ...(error ? { error } : {}),
  };
}

function skippedPeer(peer: string, file: InputFile, reason: string): PeerRow {
  return { peer, file: file.name, bytes: file.bytes, runs: 0, ms: NaN, cpuMs: NaN, mbPerSecond: NaN, maxRssMB: NaN, serviceLinesSeen: 0, verified: false, ratioWall: NaN, ratioCpu: NaN, error: reason };
}

interface CliRow {
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

async function measureCli(file: InputFile, runs: number, dir: string, cliArgs: string[] = []): Promise<CliRow> {
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

interface PtpWorkerResult {
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

interface PtpRow {
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

async function measurePtp(worker: string, file: InputFile, runs: number): Promise<PtpRow> {
  const { results, error } = await runTimes<PtpWorkerResult>(['--expose-gc', worker, 'ptp', '--file', file.path], runs, 120_000);
  return {
    file: file.name,
    bytes: file.bytes,
    runs: results.length,
    rows: results[0]?.rows ?? 0,
    ms: median(results.map((r) => r.ms)),
    cpuMs: median(results.map((r) => r.cpuMs)),
    peakDeltaMB: median(results.map((r) => r.maxRssMB - r.baselineRssMB)),
    maxRssMB: median(results.map((r) => r.maxRssMB)),
    retainedMB: median(results.map((r) => r.retainedMB)),
    problems: results[0]?.problems ?? 0,
    ...(error ? { error } : {}),
  };
}

interface ReadRow {
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
async function measureRead(worker: string, file: InputFile, runs: number): Promise<ReadRow> {
  const { results, error } = await runTimes<{ ms: number; cpuMs: number; processMs: number; processCpuMs: number }>([worker, 'read', '--file', file.path], runs, 60_000);
  return {
    file: file.name,
    bytes: file.bytes,
    runs: results.length,
    ms: median(results.map((r) => r.ms)),
    cpuMs: median(results.map((r) => r.cpuMs)),
    processMs: median(results.map((r) => r.processMs)),
    processCpuMs: median(results.map((r) => r.processCpuMs)),
    ...(error ? { error } : {}),
  };
}

// ---------------------------------------------------------------------------------------------
// The server's check from disk (issue 14: files past VS Code's 50 MB limit), in a fresh process

interface DiskRow {
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

async function measureDisk(worker: string, file: InputFile, runs: number): Promise<DiskRow> {
  const { results, error } = await runTimes<{ ms: number; cpuMs: number; claims: number; findings: number; indexed: number; maxRssMB: number }>([worker, 'disk', '--file', file.path], runs, 120_000);
  return {
    file: file.name,
    bytes: file.bytes,
    runs: results.length,
    ms: median(results.map((r) => r.ms)),
    cpuMs: median(results.map((r) => r.cpuMs)),
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
const TABLES_WORKER_SOURCE = `
import { readFileSync } from 'node:fs';
import { loadKnowledge } from './server/src/core/rules/knowledge';
import { openFileBlocks } from './server/src/core/rules/readFile';

const given = (name: string): string[] => {
  const at = process.argv.indexOf('--' + name);
  return at > 0 ? [process.argv[at + 1]!] : [];
};
const collect = (globalThis as { gc?: () => void }).gc;
for (let i = 0; i < 3; i++) collect?.();
const before = process.memoryUsage();
const started = performance.now();
const cpu = process.cpuUsage();
const knowledge = loadKnowledge({
  builtinEdits: true,
  ptpFiles: given('ptp'),
  mueFiles: given('mue'),
  addOnCodeFiles: given('aoc'),
  descriptorFiles: [],
  readFile: (path) => openFileBlocks(path),
});
knowledge.rules.finish();
const ms = performance.now() - started;
const used = process.cpuUsage(cpu);
// This process's own peak (VmHWM): getrusage's maxRSS keeps the bench's, which forked it (rss-hook.cjs).
const hwm = /^VmHWM:\\s+(\\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'));
const maxRssMB = hwm ? Number(hwm[1]) / 1024 : process.resourceUsage().maxRSS / 1024;
for (let i = 0; i < 3; i++) collect?.();
const after = process.memoryUsage();
const rows = (kind: string) => knowledge.files.filter((file) => file.kind === kind).reduce((sum, file) => sum + file.rows, 0);
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

async function bundleTablesWorker(): Promise<string> {
  const esbuild = await import('esbuild');
  const outfile = join(OUT, 'tables-worker.js');
  await esbuild.build({
    stdin: { contents: TABLES_WORKER_SOURCE, resolveDir: ROOT, sourcefile: 'bench/tables-worker.ts', loader: 'ts' },
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: 'linked',
    logLevel: 'warning',
  });
  return outfile;
}

interface TablesWorkerResult {
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

interface TablesRow extends TablesWorkerResult {
  /** What was loaded: 'PTP + MUE + AOC', or one table alone. */
  load: string;
  runs: number;
  error?: string;
}

/** Medians of `runs` fresh processes loading the given tables. */
async function measureTables(worker: string, load: string, tables: { ptp?: InputFile; mue?: InputFile; aoc?: InputFile }, runs: number): Promise<TablesRow> {
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

// ---------------------------------------------------------------------------------------------
// Report

// ---------------------------------------------------------------------------------------------
// Budgets, as data: each printed row is one of these judged on one file, so a missed budget is one
// line of the table. Issue 14's budgets, and the earlier ones still held.

type Comparator = '>=' | '<=' | '<';

interface BudgetSpec {
  measure: string;
  budget: number;
  unit: string;
  comparator: Comparator;
}

const BUDGETS = {
  coreThroughput: { measure: 'parse + check in process (analyze), CPU', budget: 100, unit: 'MB/s', comparator: '>=' },
  coreVsPeer: { measure: 'parse + check vs x12-parser stream, CPU', budget: 20, unit: 'x', comparator: '>=' },
  cliThroughput: { measure: 'CLI check, whole process, CPU', budget: 100, unit: 'MB/s', comparator: '>=' },
  cliVsPeer: { measure: 'CLI check vs x12-parser stream, CPU', budget: 20, unit: 'x', comparator: '>=' },
  cliVsRead: { measure: 'CLI check vs a process just reading the file, CPU', budget: 3, unit: 'x read', comparator: '<=' },
  cliRss: { measure: 'CLI peak RSS', budget: 2, unit: 'x file', comparator: '<=' },
  open: { measure: 'server: open -> first diagnostics, CPU', budget: 500, unit: 'ms', comparator: '<=' },
  edit: { measure: 'server: one-character edit -> diagnostics, CPU', budget: 100, unit: 'ms', comparator: '<=' },
  editLarge: { measure: 'server: one-character edit -> diagnostics, CPU', budget: 250, unit: 'ms', comparator: '<=' },
  hover: { measure: 'server: hover p99, CPU', budget: 5, unit: 'ms', comparator: '<' },
  codeAction: { measure: 'server: code actions p99, CPU', budget: 20, unit: 'ms', comparator: '<' },
  ptpLoad: { measure: '1M-row PTP table load, CPU', budget: 3, unit: 's', comparator: '<' },
  ptpMemory: { measure: '1M-row PTP table: kept, and peak RSS added while loading', budget: 150, unit: 'MB', comparator: '<' },
  guideFull: { measure: 'parse + check with guideChecks full vs envelope, CPU', budget: 30, unit: '% added', comparator: '<=' },
  tablesLoad: { measure: '1M PTP + 50k MUE + 10k AOC rows load, CPU', budget: 3, unit: 's', comparator: '<' },
  repetitiveTable: { measure: '160k identical PTP rows, CPU, against as many distinct rows', budget: 2, unit: 'x', comparator: '<' },
  hostStall: { measure: 'VS Code extension host: largest stall added over VS Code alone, CPU', budget: 250, unit: 'ms', comparator: '<=' },
  scaleGrowth: { measure: 'time for 4 times the input (linear: about 4; quadratic: 16)', budget: 8, unit: 'x', comparator: '<=' },
} as const satisfies Record<string, BudgetSpec>;

interface Judged extends BudgetSpec {
  file: string;
  /** The figure judged (CPU-based where it is a time). */
  value: number;
  /** The same figure by wall time, when there is one: over the budget by wall only is "CPU ok, wall over (load)". */
  wall?: number;
  /** How the figure is shown, with what stands beside it. */
  reached: string;
  /** The x12-parser stream on the same file (or its one-line twin): its figure and how it compares. */
  peer: string;
  /** The figure against just reading the file. */
  vsRead: string;
  pass: boolean | null;
}

function meets(value: number, comparator: Comparator, budget: number): boolean {
  if (!Number.isFinite(value)) return false;
  return comparator === '>=' ? value >= budget : comparator === '<=' ? value <= budget : value < budget;
}

function judge(spec: BudgetSpec, file: string, value: number, shown: { reached: string; wall?: number; peer?: string; vsRead?: string }): Judged {
  const cpuOk = meets(value, spec.comparator, spec.budget);
  const wallOk = shown.wall === undefined || meets(shown.wall, spec.comparator, spec.budget);
  return { ...spec, file, value, wall: shown.wall, reached: shown.reached, peer: shown.peer ?? '', vsRead: shown.vsRead ?? '', pass: cpuOk && wallOk ? true : cpuOk ? null : false };
}

function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

async function main(): Promise<void> {
  const wallStarted = performance.now();
  const loadAtStart = loadavg()[0]!;
  mkdirSync(OUT, { recursive: true });
  ensurePeers();
  const worker = await bundleWorker();
  const { dir, files } = inputs();
  const allX12 = files.filter((f) => f.kind === 'x12');
  // Core and peers on the bench's shape; the other shapes (issue 14) for the CLI and the server.
  const x12 = allX12.filter((f) => shapeOf(f) === 'bench');
  const shaped = allX12.filter((f) => shapeOf(f) !== 'bench');
  const csv = files.find((f) => f.kind === 'csv')!;
  const ptpTable = files.find((f) => f.kind === 'ptp')!;
  const mueTable = files.find((f) => f.kind === 'mue')!;
  const aocTable = files.find((f) => f.kind === 'aoc')!;
  const big = x12.filter((f) => f.nominalMB === 100);
  const ten = x12.find((f) => f.nominalMB === 10 && !f.lineBreaks)!;
  const tenLines = x12.find((f) => f.nominalMB === 10 && f.lineBreaks)!;
  // The CLI on the bench's 100 MB files and on every file of the other shapes.
  const degenerate = files.filter((f) => f.kind === 'degenerate');
  // The claim CSV too: the CLI reads it in pieces as well (bounded memory for any input).
  const cliFiles = quick ? [big[0]!, ...shaped.filter((f) => !f.lineBreaks), ...degenerate, csv] : [...big, ...shaped, ...degenerate, csv];
  // The server on the bench's 10 MB files and on the other shapes up to 50 MB with a segment per
  // line (as an editor shows an 837, and the dearer case for the line index).
  const lspFiles = quick ? [ten, ...shaped.filter((f) => f.lineBreaks && shapeOf(f) === 'onest')] : [ten, tenLines, ...shaped.filter((f) => f.lineBreaks && f.nominalMB <= 50)];
  /** A file's twin on one line (same size and shape): where the peers are measured for a file with line breaks. */
  const oneLineTwin = (file: InputFile) => allX12.find((f) => !f.lineBreaks && f.nominalMB === file.nominalMB && shapeOf(f) === shapeOf(file)) ?? file;

  const results: {
    machine: Record<string, unknown>;
    core: CoreRow[];
    coreWithTable: CoreRow[];
    guide: GuideRow[];
    /** The CLI's whole process on the 100 MB file with --guide envelope and --guide full. */
    guideCli: (CliRow & { guide: 'envelope' | 'full' })[];
    peers: PeerRow[];
    cli: CliRow[];
    lsp: LspResult[];
    ptp: PtpRow[];
    tables: TablesRow[];
    disk: DiskRow[];
    reads: ReadRow[];
    host: HostStallResult | null;
    /** Each scale scenario at n and 4n (bench/scale.ts). */
    scale: ScaleRow[];
    budgets: Judged[];
  } = {
    machine: {
      commit: gitCommit(),
      date: new Date().toISOString(),
      node: process.version,
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? 'unknown',
      memoryGB: Math.round(totalmem() / 1024 ** 3),
      quick,
      inputs: dir,
    },
    core: [],
    coreWithTable: [],
    guide: [],
    guideCli: [],
    peers: [],
    cli: [],
    lsp: [],
    ptp: [],
    tables: [],
    disk: [],
    reads: [],
    host: null,
    scale: [],
    budgets: [],
  };

  // 1. Claimlint's core, in process.
  if (wants('core')) {
    for (const file of x12) {
      const cold = file.nominalMB === 100 ? 3 : 5;
      // Warm runs (the same process again) only where they are cheap.
      const warm = file.nominalMB === 100 ? 0 : quick ? 2 : 5;
      log(`core: ${file.name} (${cold} cold runs, ${warm} warm)`);
      results.core.push(await measureCore(worker, file, quick ? Math.min(cold, 2) : cold, warm));
    }
    if (!quick) {
      // The same check with the one-million-row table loaded (most codes known, so many pair look-ups).
      log('core: 837P 100 MB, one line, with the 1M-row PTP table loaded');
      results.coreWithTable.push(await measureCore(worker, big[0]!, 1, 0, ['--ptp', ptpTable.path]));
    }
  }
  if (wants('csv') || wants('core')) {
    log(`core: ${csv.name}`);
    results.core.push(await measureCore(worker, csv, quick ? 1 : 3, 0));
  }

  // 1b. The implementation-guide checks (issue 13): analyze with guideChecks full against envelope,
  // on the one-line 837Ps (100 MB without --quick), cold runs in fresh processes as in 1; then the
  // CLI's whole process on the 100 MB file with --guide full against --guide envelope.
  if (wants('guide')) {
    for (const file of x12.filter((f) => !f.lineBreaks && (f.nominalMB < 100 || !quick))) {
      const cold = file.nominalMB === 100 ? 3 : quick ? 3 : 5;
      const warm = file.nominalMB === 100 ? 0 : quick ? 2 : 5;
      log(`guide: ${file.name}, envelope and full (${cold} cold runs each, ${warm} warm)`);
      results.guide.push(await measureGuide(worker, file, cold, warm));
    }
    const cliRuns = quick ? 1 : 3;
    log(`guide: CLI on ${big[0]!.name}, --guide envelope and --guide full (${cliRuns} run${cliRuns > 1 ? 's' : ''} each)`);
    const byMode: Record<'envelope' | 'full', CliRow[]> = { envelope: [], full: [] };
    for (let i = 0; i < cliRuns; i++) for (const mode of ['envelope', 'full'] as const) byMode[mode].push(await measureCli(big[0]!, 1, dir, ['--guide', mode]));
    for (const mode of ['envelope', 'full'] as const) {
      const rows = byMode[mode];
      const ok = rows.filter((r) => r.runs > 0);
      results.guideCli.push({
        ...rows[0]!,
        guide: mode,
        runs: ok.length,
        wallMs: median(ok.map((r) => r.wallMs)),
        cpuMs: median(ok.map((r) => r.cpuMs)),
        maxRssMB: median(ok.map((r) => r.maxRssMB)),
        rssToFile: median(ok.map((r) => r.rssToFile)),
      });
    }
  }

  // 1b'. The degenerate files (a run of empty segments, no terminator, one-element segments)
  // through the CLI with --guide full: the guide checks keep memory bounded too (cliRss).
  if (wants('guide')) {
    for (const file of degenerate) {
      log(`guide: CLI --guide full on ${file.name}`);
      results.guideCli.push({ ...(await measureCli(file, 1, dir, ['--guide', 'full'])), guide: 'full' });
    }
  }

  // 1c. The language server with guideChecks full (issue 13: an edit keeps its budget): the
  // primary 10 MB file, and the one-set files with line breaks up to 50 MB, judged as in 4.
  if (wants('guide')) {
    const guideLspFiles = quick ? [ten] : [ten, ...shaped.filter((f) => f.lineBreaks && shapeOf(f) === 'onest' && f.nominalMB <= 50)];
    for (const file of guideLspFiles) {
      log(`guide: lsp with guideChecks full, ${file.name}`);
      const huge = file.nominalMB >= 50;
      results.lsp.push(
        await measureLsp({
          file: file.path,
          opens: quick || huge ? 1 : 2,
          edits: quick || huge ? 3 : 5,
          hovers: quick ? 50 : 100,
          codeActions: quick ? 20 : 30,
          warmup: 20,
          serverExecArgv: profileFlags,
          guideChecks: 'full',
        }),
      );
    }
  }

  // 2. The peers, on the same files.
  if (wants('peers')) {
    for (const file of x12) {
      if (file.nominalMB === 100 && (quick || file.lineBreaks)) continue; // minutes each: the one-line file only
      const runs = file.nominalMB === 1 ? 3 : file.nominalMB === 10 ? (quick ? 1 : 3) : 1;
      const claimlint = results.core.find((c) => c.file === file.name);
      for (const peer of ['x12-parser', 'node-x12']) {
        if (peer === 'node-x12' && file.nominalMB === 100 && !full) {
          results.peers.push(skippedPeer(peer, file, 'not run (--full runs it: on this machine it ran out of its default 4 GB heap after about 230 s)'));
          continue;
        }
        log(`peer ${peer}: ${file.name} (${runs} run${runs > 1 ? 's' : ''})`);
        results.peers.push(await measurePeer(worker, peer, file, runs, claimlint));
      }
    }
    // The faster peer on the other shapes' one-line files (their files with line breaks are judged against these).
    for (const file of shaped.filter((f) => !f.lineBreaks && (cliFiles.includes(f) || lspFiles.some((l) => oneLineTwin(l) === f)))) {
      log(`peer x12-parser: ${file.name} (1 run)`);
      results.peers.push(await measurePeer(worker, 'x12-parser', file, 1, undefined));
    }
  }

  // 2b. Just reading the file, the floor every figure is compared with, in the same run.
  if (wants('cli') || wants('lsp') || wants('core') || wants('read')) {
    const toRead = [...new Set([...(wants('core') ? big : []), ...(wants('cli') ? cliFiles : []), ...(wants('lsp') ? lspFiles : [])])];
    for (const file of toRead) {
      log(`read: ${file.name}`);
      results.reads.push(await measureRead(worker, file, quick ? 1 : 3));
    }
  }

  // 3. The CLI as a whole process: the big files, and every file of the other shapes.
  if (wants('cli')) {
    for (const file of cliFiles) {
      log(`cli: ${file.name}`);
      results.cli.push(await measureCli(file, 1, dir));
    }
  }

  // 4. The language server over LSP.
  if (wants('lsp')) {
    for (const file of lspFiles) {
      log(`lsp: ${file.name}`);
      const primary = file === ten;
      // 50 MB: one open and three edits (as one transaction set, each may take seconds today).
      const huge = file.nominalMB >= 50;
      results.lsp.push(
        await measureLsp({
          file: file.path,
          opens: quick ? 2 : huge ? 1 : primary ? 3 : 2,
          edits: quick ? 5 : huge ? 3 : primary ? 10 : 5,
          hovers: quick ? 100 : huge ? 100 : primary ? 300 : 150,
          codeActions: quick ? 30 : huge ? 30 : primary ? 100 : 50,
          warmup: 20,
          serverExecArgv: profileFlags,
        }),
      );
    }
  }

  // 5. Loading the one-million-row PTP table.
  if (wants('ptp')) {
    log('ptp: loading the 1M-row table');
    results.ptp.push(await measurePtp(worker, ptpTable, quick ? 1 : 3));
    // 5b. The three NCCI tables loaded together, as a user with all three set has them loaded;
    // then the MUE and AOC tables alone, to show their share.
    const tablesWorker = await bundleTablesWorker();
    log('tables: loading 1M PTP + 50k MUE + 10k AOC rows together, then MUE and AOC alone');
    results.tables.push(await measureTables(tablesWorker, 'PTP + MUE + AOC', { ptp: ptpTable, mue: mueTable, aoc: aocTable }, quick ? 1 : 3));
    results.tables.push(await measureTables(tablesWorker, 'MUE alone', { mue: mueTable }, quick ? 1 : 3));
    results.tables.push(await measureTables(tablesWorker, 'AOC alone', { aoc: aocTable }, quick ? 1 : 3));
    // 5c. A repetitive table (issue 17): 160,000 copies of one row against 160,000 distinct rows
    // of the same size; the row reader once compared each chunk's text by value on every line.
    log('tables: 160,000 identical PTP rows against 160,000 distinct rows');
    const repeated = repetitiveTables(dir);
    results.tables.push(await measureTables(tablesWorker, 'PTP 160k identical rows', { ptp: repeated.identical }, quick ? 1 : 3));
    results.tables.push(await measureTables(tablesWorker, 'PTP 160k distinct rows', { ptp: repeated.distinct }, quick ? 1 : 3));
  }

  // 5d. The server's check from disk, for files VS Code does not hand to extensions (over 50 MB):
  // the 100 MB 837P with line breaks and the 1M-row claim CSV, read in pieces with the hover index
  // built. Not budgeted (the 60 MB file's 10 s in the real VS Code is the integration test's).
  if (wants('disk')) {
    for (const file of [big.find((f) => f.lineBreaks), csv]) {
      if (!file) continue;
      log(`disk: the server's check from disk of ${file.name}`);
      results.disk.push(await measureDisk(worker, file, quick ? 1 : 2));
    }
  }

  // 5e. How the paths that once visited every pair of lines, claims or envelopes grow: each
  // scenario at n and 4n in one fresh process (bench/scale.ts).
  if (wants('scale')) {
    log('scale: the scale scenarios at n and 4n');
    const child = await runChild<{ rows: ScaleRow[] }>([worker, 'scale'], { timeoutMs: 600_000 });
    if (child.result) results.scale = child.result.rows;
    else log(`scale: ${child.error}`);
  }

  // 6. The real VS Code's extension host on a 30 MB 837, with the probe alone and with Claimlint
  // (bench/hostStall.ts). In a full run only when the headless host is installed; --only host installs it.
  if (wants('host')) results.host = await measureHostStall({ repetitions: quick ? 1 : 3, install: only !== null, log, profileDir });

  const loadAtEnd = loadavg()[0]!;
  results.machine.loadAverage1m = { start: loadAtStart, end: loadAtEnd };
  results.machine.benchWallSeconds = (performance.now() - wallStarted) / 1000;

  // ---- budgets ------------------------------------------------------------------------------
  const budgets = results.budgets;
  const readOf = (name: string) => results.reads.find((r) => r.file === name && r.runs > 0);
  /** x12-parser on this file, else on its one-line twin (the peers are not run on the big files with line breaks). */
  const peerOf = (file: InputFile): { row: PeerRow; twin: boolean } | null => {
    const on = (name: string) => results.peers.find((p) => p.peer === 'x12-parser' && p.file === name && p.runs > 0);
    const own = on(file.name);
    if (own) return { row: own, twin: false };
    const twin = on(oneLineTwin(file).name);
    return twin ? { row: twin, twin: true } : null;
  };
  const fileNamed = (name: string) => files.find((f) => f.name === name)!;
  /** "x12-parser 19,000 ms, 4.1x ours" for a figure of `ms` CPU on this file. */
  const peerText = (file: InputFile, ms: number): string => {
    const peer = peerOf(file);
    return peer ? `${fmt(peer.row.cpuMs)} ms${peer.twin ? ' (one-line twin)' : ''} = ${ratio(peer.row.cpuMs / ms)} ours` : 'not run';
  };
  const readText = (name: string, ms: number, whole = false): string => {
    const read = readOf(name);
    if (!read) return 'not run';
    const base = whole ? read.processCpuMs : read.cpuMs;
    return `${ratio(ms / base)} read (${fmt(base)} ms${whole ? ', whole process' : ''})`;
  };

  for (const row of results.core.filter((r) => r.file.startsWith('837P 100 MB'))) {
    const file = fileNamed(row.file);
    budgets.push(judge(BUDGETS.coreThroughput, row.file, row.mbPerCpuSecond, { reached: `${fmt(row.mbPerCpuSecond, 1)} MB/s (${fmt(row.cpuMs)} ms; wall ${fmt(row.mbPerSecond, 1)} MB/s)`, peer: peerText(file, row.cpuMs), vsRead: readText(row.file, row.cpuMs) }));
    const peer = peerOf(file);
    if (peer && !peer.twin) {
      budgets.push(judge(BUDGETS.coreVsPeer, row.file, peer.row.cpuMs / row.cpuMs, { reached: `${fmt(peer.row.cpuMs / row.cpuMs, 1)}x (wall ${fmt(peer.row.ms / row.ms, 1)}x)`, peer: `${fmt(peer.row.cpuMs)} ms`, vsRead: readText(row.file, row.cpuMs) }));
    }
  }
  // Issue 13: the guide checks in full may add at most 30% CPU to parse + check, judged per file.
  for (const row of results.guide) {
    const added = (row.fullCpuMs / row.envelopeCpuMs - 1) * 100;
    const wallAdded = (row.fullMs / row.envelopeMs - 1) * 100;
    const warmAdded = (row.fullWarmCpuMs / row.envelopeWarmCpuMs - 1) * 100;
    budgets.push(
      judge(BUDGETS.guideFull, row.file, added, {
        wall: wallAdded,
        reached: `+${fmt(added, 1)}% (${fmt(row.fullCpuMs)} against ${fmt(row.envelopeCpuMs)} ms${Number.isFinite(warmAdded) ? `; warm +${fmt(warmAdded, 1)}%` : ''}; wall +${fmt(wallAdded, 1)}%; ${fmt(row.guideFindings)} guide findings)`,
      }),
    );
  }
  // The CLI reads a big 837 in pieces (X12Stream): its whole process (start-up, reading, check,
  // positions, JSON out) is the figure the issue judges. Judged from 50 MB: below that Node's
  // start-up (about 40 ms CPU, 50-60 MB RSS) is most of the figure; the 10 MB rows are in 3a.
  for (const row of results.cli) {
    const file = fileNamed(row.file);
    const mbPerCpuSecond = row.bytes / MB / (row.cpuMs / 1000);
    if (file.kind === 'degenerate') {
      // Only memory is budgeted for these (and linear time, seen in 3a).
      budgets.push(judge(BUDGETS.cliRss, row.file, row.rssToFile, { reached: `${fmt(row.rssToFile, 2)}x (${fmt(row.maxRssMB)} MB, ${fmt(row.cpuMs)} ms CPU)` }));
    } else if (file.kind === 'csv') {
      budgets.push(judge(BUDGETS.cliRss, `${row.file} (CLI check)`, row.rssToFile, { reached: `${fmt(row.rssToFile, 2)}x (${fmt(row.maxRssMB)} MB, ${fmt(row.cpuMs)} ms CPU)` }));
    } else if (file.nominalMB >= 50) {
      budgets.push(judge(BUDGETS.cliThroughput, row.file, mbPerCpuSecond, { reached: `${fmt(mbPerCpuSecond, 1)} MB/s (${fmt(row.cpuMs)} ms)`, peer: peerText(file, row.cpuMs), vsRead: readText(row.file, row.cpuMs, true) }));
      const peer = peerOf(file);
      if (peer) budgets.push(judge(BUDGETS.cliVsPeer, row.file, peer.row.cpuMs / row.cpuMs, { reached: `${fmt(peer.row.cpuMs / row.cpuMs, 1)}x`, peer: `${fmt(peer.row.cpuMs)} ms${peer.twin ? ' (one-line twin)' : ''}` }));
      const read = readOf(row.file);
      if (read) budgets.push(judge(BUDGETS.cliVsRead, row.file, row.cpuMs / read.processCpuMs, { reached: `${fmt(row.cpuMs / read.processCpuMs, 1)}x (${fmt(row.cpuMs)} against ${fmt(read.processCpuMs)} ms)`, vsRead: `read in process ${fmt(read.cpuMs)} ms` }));
      const twin = peerOf(file);
      budgets.push(judge(BUDGETS.cliRss, row.file, row.rssToFile, { reached: `${fmt(row.rssToFile, 2)}x (${fmt(row.maxRssMB)} MB)`, peer: twin ? `${fmt(twin.row.maxRssMB)} MB${twin.twin ? ' (one-line twin)' : ''}` : '' }));
    }
  }
  for (const row of results.guideCli.filter((r) => fileNamed(r.file).kind === 'degenerate')) {
    budgets.push(judge(BUDGETS.cliRss, `${row.file}, --guide full`, row.rssToFile, { reached: `${fmt(row.rssToFile, 2)}x (${fmt(row.maxRssMB)} MB, ${fmt(row.cpuMs)} ms CPU)` }));
  }
  /** The edits to structure (a CLM broken, SBR01, an HI qualifier): the slowest of them judged, as a user waits on each. */
  const judgeStructureEdits = (spec: BudgetSpec, label: string, l: LspResult, file: InputFile) => {
    if (l.structureEditCpuMs.length === 0) return;
    const cpu = Math.max(...l.structureEditCpuMs);
    budgets.push(judge(spec, `${label}, edits to a CLM, SBR01 or an HI code (slowest)`, cpu, { wall: Math.max(...l.structureEditMs), reached: `${fmt(cpu)} ms (median ${fmt(median(l.structureEditCpuMs))} ms; wall ${fmt(Math.max(...l.structureEditMs))} ms)`, peer: peerText(file, cpu) }));
  };
  // The server: judged on its main thread's CPU time per operation (a lower bound of the wall
  // time: over it fails on any machine), with the wall time at the client beside it.
  for (const l of results.lsp) {
    const file = files.find((f) => f.path === l.file)!;
    // A session with a guideChecks setting is judged under its own name.
    const label = l.guideChecks === 'default' ? file.name : `${file.name}, guideChecks ${l.guideChecks}`;
    const openCpu = median(l.openCpuMs);
    const editCpu = median(l.editCpuMs);
    if (file.nominalMB <= 10) {
      budgets.push(judge(BUDGETS.open, label, openCpu, { wall: median(l.openMs), reached: `${fmt(openCpu)} ms (wall ${fmt(median(l.openMs))} ms, cold ${fmt(l.openMs[0])} ms)`, peer: peerText(file, openCpu), vsRead: readText(file.name, openCpu) }));
      budgets.push(judge(BUDGETS.edit, label, editCpu, { wall: median(l.editMs), reached: `${fmt(editCpu)} ms (wall ${fmt(median(l.editMs))} ms)`, peer: peerText(file, editCpu), vsRead: readText(file.name, editCpu) }));
      judgeStructureEdits(BUDGETS.edit, label, l, file);
      budgets.push(judge(BUDGETS.hover, label, l.hoverCpu.p99, { wall: l.hover.p99, reached: `${fmt(l.hoverCpu.p99, 2)} ms (wall ${fmt(l.hover.p99, 1)} ms)`, peer: peerText(file, l.hoverCpu.p99), vsRead: readText(file.name, l.hoverCpu.p99) }));
      budgets.push(judge(BUDGETS.codeAction, label, l.codeActionCpu.p99, { wall: l.codeAction.p99, reached: `${fmt(l.codeActionCpu.p99, 2)} ms (wall ${fmt(l.codeAction.p99, 1)} ms)`, peer: peerText(file, l.codeActionCpu.p99), vsRead: readText(file.name, l.codeActionCpu.p99) }));
    } else {
      budgets.push(judge(BUDGETS.editLarge, label, editCpu, { wall: median(l.editMs), reached: `${fmt(editCpu)} ms (wall ${fmt(median(l.editMs))} ms)`, peer: peerText(file, editCpu), vsRead: readText(file.name, editCpu) }));
      judgeStructureEdits(BUDGETS.editLarge, label, l, file);
    }
  }
  const ptp = results.ptp[0];
  if (ptp) {
    budgets.push(judge(BUDGETS.ptpLoad, ptp.file, ptp.cpuMs / 1000, { wall: ptp.ms / 1000, reached: `${fmt(ptp.cpuMs / 1000, 2)} s (wall ${fmt(ptp.ms / 1000, 2)} s)` }));
    budgets.push(judge(BUDGETS.ptpMemory, ptp.file, Math.max(ptp.retainedMB, ptp.peakDeltaMB), { reached: `${fmt(ptp.retainedMB)} MB kept, peak RSS +${fmt(ptp.peakDeltaMB)} MB (file read a block at a time)` }));
  }
  const allTables = results.tables.find((t) => t.load === 'PTP + MUE + AOC');
  if (allTables) {
    const alone = (load: string) => results.tables.find((t) => t.load === load);
    const complete = allTables.problems === 0 && allTables.mueRows === MUE_ROWS && allTables.aocRows === AOC_ROWS;
    budgets.push(
      judge(BUDGETS.tablesLoad, 'PTP + MUE + AOC', complete ? allTables.cpuMs / 1000 : NaN, {
        wall: allTables.ms / 1000,
        reached: `${fmt(allTables.cpuMs / 1000, 2)} s (wall ${fmt(allTables.ms / 1000, 2)} s; MUE alone ${fmt(alone('MUE alone')?.cpuMs)} ms, AOC alone ${fmt(alone('AOC alone')?.cpuMs)} ms)${complete ? '' : ', rows missing or problems'}`,
      }),
    );
  }

  const identical = results.tables.find((t) => t.load === 'PTP 160k identical rows');
  const distinct = results.tables.find((t) => t.load === 'PTP 160k distinct rows');
  if (identical && distinct) {
    const ratio = identical.cpuMs / Math.max(1, distinct.cpuMs);
    budgets.push(judge(BUDGETS.repetitiveTable, 'PTP 160k identical rows', ratio, { reached: `${fmt(ratio, 2)}x (${fmt(identical.cpuMs)} ms against ${fmt(distinct.cpuMs)} ms)` }));
  }

  if (results.host && !results.host.skipped) {
    const host = hostStallSummary(results.host);
    const file = `837P ${fmt(results.host.bytes / MB, 0)} MB, 5,000 claims/ST, line breaks`;
    // Judged on the host's CPU time in its largest stall (what it is on an idle machine), with the wall time beside it.
    for (const [label, cpu, wall] of [[file, host.cpu, host.wall], [`${file}, once the text is in the host`, host.cpuAfterOpen, host.wallAfterOpen]] as const) {
      budgets.push(judge(BUDGETS.hostStall, label, host.complete ? cpu.added : NaN, { wall: wall.added, reached: `${fmt(cpu.added)} ms CPU (${fmt(cpu.claimlint)} against ${fmt(cpu.alone)} ms alone); wall ${fmt(wall.added)} ms (${fmt(wall.claimlint)} against ${fmt(wall.alone)})` }));
    }
  }

  for (const row of results.scale) {
    budgets.push(judge(BUDGETS.scaleGrowth, `${row.name}, n = ${row.n.toLocaleString('en-US')}`, row.ratio, { reached: `${fmt(row.ratio, 1)}x (${fmt(row.smallMs, 1)} ms at n, ${fmt(row.largeMs, 1)} ms at 4n)` }));
  }

  // ---- print ----------------------------------------------------------------------------------
  const out: string[] = [];
  const m = results.machine;
  out.push(`Claimlint benchmark — commit ${m.commit}, Node ${m.node}, ${m.cpus} × ${m.cpuModel}, ${m.memoryGB} GB`);
  out.push(`load average (1 min) ${fmt(loadAtStart, 1)} at the start, ${fmt(loadAtEnd, 1)} at the end: wall times on a shared machine run long; CPU times do not.`);
  out.push('');
  if (results.core.length > 0) {
    out.push('1. Claimlint core: analyze (parse + check), in process, built-in rules; medians of cold runs (each in a fresh process)');
    out.push(
      table(
        ['file', 'MB', 'runs', 'wall ms', 'CPU ms', 'MB/s', 'MB/CPU-s', 'warm CPU ms', 'peak RSS MB', 'claims', 'lines', 'findings'],
        [...results.core, ...results.coreWithTable.map((r) => ({ ...r, file: `${r.file} + 1M-row table` }))].map((r) => [
          r.file,
          fmt(r.bytes / MB, 1),
          String(r.coldRuns),
          fmt(r.ms),
          fmt(r.cpuMs),
          fmt(r.mbPerSecond, 1),
          fmt(r.mbPerCpuSecond, 1),
          fmt(r.warmCpuMs),
          fmt(r.maxRssMB),
          String(r.claims),
          String(r.serviceLines) + (r.verified ? '' : ' (!)'),
          String(r.findings),
        ]),
      ),
    );
    out.push('');
  }
  if (results.guide.length > 0) {
    out.push('1b. Implementation-guide checks: analyze (parse + check) with guideChecks full against envelope, CPU ms; medians of cold runs (fresh process each, modes alternating)');
    out.push(
      table(
        ['file', 'MB', 'runs', 'envelope CPU ms', 'full CPU ms', 'full / envelope', 'added %', 'warm env', 'warm full', 'warm added %', 'findings env', 'findings full', 'guide findings'],
        results.guide.map((g) => [
          g.file,
          fmt(g.bytes / MB, 1),
          String(g.runs),
          fmt(g.envelopeCpuMs),
          fmt(g.fullCpuMs),
          fmt(g.fullCpuMs / g.envelopeCpuMs, 2),
          fmt((g.fullCpuMs / g.envelopeCpuMs - 1) * 100, 1),
          fmt(g.envelopeWarmCpuMs),
          fmt(g.fullWarmCpuMs),
          fmt((g.fullWarmCpuMs / g.envelopeWarmCpuMs - 1) * 100, 1),
          fmt(g.envelopeFindings),
          fmt(g.fullFindings),
          fmt(g.guideFindings),
        ]),
      ),
    );
    for (const g of results.guide) {
      const rules = Object.entries(g.guideByRule).sort((a, b) => b[1] - a[1]);
      if (rules.length > 0) out.push(`   ${g.file}: guide findings by rule: ${rules.map(([rule, n]) => `${rule} ${n}`).join(', ')}`);
      if (g.error) out.push(`   ${g.file}: ${g.error}`);
    }
    const [envelope, fullCli] = (['envelope', 'full'] as const).map((mode) => results.guideCli.find((c) => c.guide === mode));
    if (envelope && fullCli) {
      out.push(
        `   CLI whole process on ${envelope.file} (check --format json; medians of ${Math.min(envelope.runs, fullCli.runs)}): --guide envelope ${fmt(envelope.cpuMs)} ms CPU (wall ${fmt(envelope.wallMs)}, peak RSS ${fmt(envelope.maxRssMB)} MB), ` +
          `--guide full ${fmt(fullCli.cpuMs)} ms CPU (wall ${fmt(fullCli.wallMs)}, peak RSS ${fmt(fullCli.maxRssMB)} MB): +${fmt((fullCli.cpuMs / envelope.cpuMs - 1) * 100, 1)}% CPU` +
          `; both read in pieces; report ${fmt(envelope.reportBytes / MB, 1)} / ${fmt(fullCli.reportBytes / MB, 1)} MB; exit ${envelope.exitCode} / ${fullCli.exitCode}`,
      );
      for (const c of [envelope, fullCli].filter((r) => r.error)) out.push(`   CLI --guide ${c.guide}: ${c.error}`);
    }
    out.push('');
  }
  if (results.peers.length > 0) {
    out.push('2. Peers on the same files, fresh process each (x = peer time / Claimlint core time on that file; SV1 seen = service lines they parsed)');
    out.push(
      table(
        ['peer', 'file', 'runs', 'wall ms', 'CPU ms', 'MB/s', 'peak RSS MB', 'SV1 seen', 'x wall', 'x CPU'],
        results.peers.map((p) => [
          p.peer,
          p.file,
          String(p.runs),
          p.runs === 0 ? 'see note' : fmt(p.ms),
          fmt(p.cpuMs),
          fmt(p.mbPerSecond, 1),
          fmt(p.maxRssMB),
          p.runs === 0 ? 'n/a' : `${p.serviceLinesSeen}${p.verified ? ' ok' : ' MISMATCH'}`,
          fmt(p.ratioWall, 1),
          fmt(p.ratioCpu, 1),
        ]),
      ),
    );
    for (const p of results.peers.filter((r) => r.error)) out.push(`   ${p.peer} on ${p.file}: ${p.error}`);
    out.push('');
  }
  if (results.cli.length > 0) {
    out.push('3a. CLI: node server/out/cli.js check --format json FILE > report (whole process); x12-parser CPU on the file (or its one-line twin) and a process just reading it');
    out.push(
      table(
        ['file', 'MB', 'wall ms', 'CPU ms', 'MB/CPU-s', 'peak RSS MB', 'RSS / file', 'x12-parser CPU ms', 'x peer', 'read CPU ms', 'x read', 'exit', 'report MB'],
        results.cli.map((c) => {
          const file = files.find((f) => f.name === c.file)!;
          const peer = peerOf(file);
          const read = readOf(c.file);
          return [
            c.file,
            fmt(c.bytes / MB, 1),
            fmt(c.wallMs),
            fmt(c.cpuMs),
            fmt(c.bytes / MB / (c.cpuMs / 1000), 1),
            fmt(c.maxRssMB),
            fmt(c.rssToFile, 2),
            peer ? fmt(peer.row.cpuMs) + (peer.twin ? '*' : '') : 'n/a',
            peer ? ratio(peer.row.cpuMs / c.cpuMs) : 'n/a',
            read ? fmt(read.processCpuMs) : 'n/a',
            read ? ratio(c.cpuMs / read.processCpuMs) : 'n/a',
            String(c.exitCode),
            fmt(c.reportBytes / MB, 1),
          ];
        }),
      ),
    );
    out.push('   * x12-parser measured on the one-line twin (same claims and segments). read: the whole reading process, start-up included, as the CLI\'s.');
    out.push('');
  }
  if (results.lsp.length > 0) {
    out.push('3b. Language server over LSP (stdio, bundled server): wall latencies at the client and CPU time of the server\'s main thread, ms');
    out.push(
      table(
        ['document', 'open cold', 'open med', 'open CPU', 'edit med', 'edit max', 'edit CPU', 'hover p50', 'hover p99', 'hover CPU p99', 'action p50', 'action p99', 'action CPU p99', 'outline ms', 'symbols', 'outline KB', 'server RSS MB'],
        results.lsp.map((l) => [
          `${files.find((f) => f.path === l.file)?.name ?? l.file}${l.guideChecks === 'default' ? '' : ` (guide ${l.guideChecks})`}`,
          fmt(l.openMs[0]),
          fmt(median(l.openMs)),
          fmt(median(l.openCpuMs)),
          fmt(median(l.editMs)),
          fmt(Math.max(...l.editMs)),
          fmt(median(l.editCpuMs)),
          fmt(l.hover.p50, 1),
          fmt(l.hover.p99, 1),
          fmt(l.hoverCpu.p99, 1),
          fmt(l.codeAction.p50, 1),
          fmt(l.codeAction.p99, 1),
          fmt(l.codeActionCpu.p99, 1),
          fmt(l.outline.ms),
          String(l.outline.symbols),
          fmt(l.outline.bytes / 1024),
          fmt(l.serverPeakRssMB),
        ]),
      ),
    );
    for (const l of results.lsp) {
      out.push(
        `   ${files.find((f) => f.path === l.file)?.name}: ${l.diagnosticsAfterOpen} diagnostics; edits verified: ${l.editsVerified}; ` +
          `${l.hover.count} hovers (${l.hoversWithContent} with content); ${l.codeAction.count} code action requests (${l.codeActionsReturned} actions returned); ` +
          `server CPU over the session ${fmt((l.serverCpuMs ?? NaN) / 1000, 1)} s`,
      );
    }
    out.push('');
  }
  const shapeRows = [...new Set([...results.cli.map((c) => c.file), ...results.lsp.map((l) => files.find((f) => f.path === l.file)!.name)])].map((name) => files.find((f) => f.name === name)!);
  if (shapeRows.length > 0) {
    out.push('3c. Per file: just reading it, the x12-parser stream, the CLI and the server, CPU ms (x read = over reading it in process; the CLI over a reading process)');
    out.push(
      table(
        ['file', 'MB', 'STs', 'claims', 'read', 'x12-parser', 'CLI', 'x read', 'x12-parser / CLI', 'open', 'x read', 'edit', 'x read', 'hover p99', 'symbols'],
        shapeRows.map((file) => {
          const read = readOf(file.name);
          const peer = peerOf(file);
          const cli = results.cli.find((c) => c.file === file.name);
          const l = results.lsp.find((r) => r.file === file.path);
          const open = l ? median(l.openCpuMs) : NaN;
          const edit = l ? median(l.editCpuMs) : NaN;
          return [
            file.name,
            fmt(file.bytes / MB, 1),
            String(file.stats?.transactions ?? ''),
            String(file.stats?.claims ?? ''),
            read ? fmt(read.cpuMs) : 'n/a',
            peer ? fmt(peer.row.cpuMs) + (peer.twin ? '*' : '') : 'n/a',
            cli ? fmt(cli.cpuMs) : '',
            cli && read ? ratio(cli.cpuMs / read.processCpuMs) : '',
            cli && peer ? ratio(peer.row.cpuMs / cli.cpuMs) : '',
            l ? fmt(open) : '',
            l && read ? ratio(open / read.cpuMs) : '',
            l ? fmt(edit) : '',
            l && read ? ratio(edit / read.cpuMs) : '',
            l ? fmt(l.hoverCpu.p99, 2) : '',
            l ? String(l.outline.symbols) : '',
          ];
        }),
      ),
    );
    out.push('');
  }
  if (results.ptp.length > 0) {
    out.push('4. Loading the one-million-row PTP table (CMS text layout), fresh process each');
    out.push(
      table(
        ['file', 'MB', 'rows', 'runs', 'wall ms', 'CPU ms', 'kept MB', 'peak RSS +MB', 'peak RSS MB'],
        results.ptp.map((p) => [p.file, fmt(p.bytes / MB, 1), String(p.rows), String(p.runs), fmt(p.ms), fmt(p.cpuMs), fmt(p.retainedMB), fmt(p.peakDeltaMB), fmt(p.maxRssMB)]),
      ),
    );
    out.push('');
  }
  if (results.tables.length > 0) {
    out.push('4b. Loading the PTP, MUE and add-on code tables (generated: 1M PTP rows, 50k MUE rows in the CMS CSV layout, 10k AOC rows tab-delimited), fresh process each');
    out.push(
      table(
        ['load', 'runs', 'wall ms', 'CPU ms', 'PTP rows', 'MUE rows', 'AOC rows', 'problems', 'kept MB', 'peak RSS MB'],
        results.tables.map((t) => [t.load, String(t.runs), fmt(t.ms), fmt(t.cpuMs), String(t.ptpRows), String(t.mueRows), String(t.aocRows), String(t.problems), fmt(t.retainedMB), fmt(t.maxRssMB)]),
      ),
    );
    for (const t of results.tables.filter((r) => r.error)) out.push(`   ${t.load}: ${t.error}`);
    out.push('');
  }
  if (results.disk.length > 0) {
    out.push("4c. The language server's check from disk (files past VS Code's 50 MB limit): read in pieces, hover index built, guideChecks full; fresh process each");
    out.push(
      table(
        ['file', 'MB', 'runs', 'wall ms', 'CPU ms', 'MB/s (CPU)', 'claims', 'findings', 'indexed lines', 'peak RSS MB', 'RSS / file'],
        results.disk.map((d) => [d.file, fmt(d.bytes / MB, 1), String(d.runs), fmt(d.ms), fmt(d.cpuMs), fmt(d.bytes / MB / (d.cpuMs / 1000), 1), String(d.claims), String(d.findings), String(d.indexed), fmt(d.maxRssMB), `${fmt(d.maxRssMB / (d.bytes / MB), 2)}x`]),
      ),
    );
    for (const d of results.disk.filter((r) => r.error)) out.push(`   ${d.file}: ${d.error}`);
    out.push('');
  }
  if (results.scale.length > 0) {
    out.push('4d. How work grows with its input: each scenario at n and 4n in one process, best of a few runs after a warm-up (linear about 4x, quadratic 16x)');
    out.push(table(['scenario', 'n', 'ms at n', 'ms at 4n', '4n / n'], results.scale.map((r) => [r.name, r.n.toLocaleString('en-US'), fmt(r.smallMs, 1), fmt(r.largeMs, 1), `${fmt(r.ratio, 1)}x`])));
    out.push('');
  }
  if (results.host) out.push(...hostStallReport(results.host));
  if (budgets.length > 0) {
    const missed = budgets.filter((b) => b.pass === false).length;
    out.push(`Budgets: ${budgets.length - missed} of ${budgets.length} met, ${missed} missed (marked FAIL below); x12-parser = the stream peer on the same file, CPU ms, and how many times our time; read = our time over just reading the file`);
    out.push(
      table(
        ['measure', 'file', 'budget', 'reached', 'x12-parser', 'vs read', 'result'],
        budgets.map((b) => [b.measure, b.file, `${b.comparator} ${b.budget} ${b.unit}`, b.reached, b.peer, b.vsRead, b.pass === null ? 'CPU ok, wall over (load)' : b.pass ? 'PASS' : 'FAIL']),
      ),
    );
    out.push('Throughput and load time are judged on CPU time (for this single-threaded work an upper bound of the wall time on an idle');
    out.push('machine); LSP latencies on the server\'s CPU time and the client\'s wall time: over on CPU fails on any machine. "Read" is');
    out.push('a stream of 1 MB pieces made strings, in a fresh process: in process for the core and the server, the whole process for the CLI.');
    out.push('');
  }
  out.push(`bench wall time ${fmt(results.machine.benchWallSeconds as number)} s`);
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const jsonPath = join(OUT, `results-${stamp}.json`);
  writeFileSync(jsonPath, JSON.stringify(results, null, 2));
  writeFileSync(join(OUT, 'latest.json'), JSON.stringify(results, null, 2));
  out.push(`JSON: ${jsonPath} (and bench/out/latest.json)`);
  process.stdout.write(out.join('\n') + '\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
