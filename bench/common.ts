// What every part of the bench shares: where things are, the command line, child processes, and
// how figures are shown.
import { execFileSync, spawn } from 'node:child_process';
import { join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '..');
export const BENCH = join(ROOT, 'bench');
export const OUT = join(BENCH, 'out');
export const MB = 1024 * 1024;

const argv = process.argv.slice(2);
export const quick = argv.includes('--quick');
/** Also node-x12 on the 100 MB file: about four minutes here, until it runs out of its default heap. */
export const full = argv.includes('--full');
const onlyArg = argv.find((a) => a.startsWith('--only'));
export const only = onlyArg ? new Set((onlyArg.includes('=') ? onlyArg.split('=')[1]! : argv[argv.indexOf(onlyArg) + 1]!).split(',')) : null;
export const wants = (section: string) => only === null || only.has(section);
/** --profile DIR: every measured process (workers, the CLI, the server) writes a CPU profile there. */
const profileArg = argv.indexOf('--profile');
export const profileDir = profileArg >= 0 ? resolve(argv[profileArg + 1] ?? 'bench/out/profiles') : null;
export const profileFlags = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];

// ---------------------------------------------------------------------------------------------
// Helpers

export function median(values: readonly number[]): number {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function log(message: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

export interface ChildResult<T> {
  ok: boolean;
  result: T | null;
  wallMs: number;
  exitCode: number | null;
  signal: string | null;
  error: string;
}

/** Runs a child node process; its last `RESULT {json}` line is the result. */
export function runChild<T>(args: string[], options: { timeoutMs?: number; env?: NodeJS.ProcessEnv; stdoutFile?: string } = {}): Promise<ChildResult<T>> {
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
export async function runTimes<T>(args: string[], runs: number, timeoutMs: number): Promise<{ results: T[]; error: string }> {
  const results: T[] = [];
  let error = '';
  for (let i = 0; i < runs; i++) {
    const child = await runChild<T>(args, { timeoutMs });
    if (child.result) results.push(child.result);
    else error = child.error;
  }
  return { results, error };
}

export function gitCommit(): string {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT }).toString().trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: ROOT }).toString().trim() !== '';
    return dirty ? `${commit}+local changes` : commit;
  } catch {
    return 'unknown';
  }
}

export function fmt(value: number | null | undefined, digits = 0): string {
  return value === null || value === undefined || !Number.isFinite(value) ? 'n/a' : value.toFixed(digits);
}

/** A ratio as "4.1x" (two significant digits under 1, none from 100). */
export function ratio(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  return `${value >= 100 ? value.toFixed(0) : value >= 1 ? value.toFixed(1) : value.toPrecision(2)}x`;
}


export function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** Bundles a bench entry like the CLI and the server (esbuild, CommonJS for Node 20), so it runs the same code; its path. */
export async function bundleForNode(name: string, entry: { entryPoints: string[] } | { stdin: { contents: string; resolveDir: string; sourcefile: string; loader: 'ts' } }, external: string[] = []): Promise<string> {
  const esbuild = await import('esbuild');
  const outfile = join(OUT, name);
  await esbuild.build({ ...entry, outfile, bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: 'linked', external, logLevel: 'warning' });
  return outfile;
}

/** What every row measured in fresh processes starts with: its file, how many runs reported, and their median wall and CPU times. */
export function timesOf(file: { name: string; bytes: number }, results: readonly { ms: number; cpuMs: number }[]): { file: string; bytes: number; runs: number; ms: number; cpuMs: number } {
  return { file: file.name, bytes: file.bytes, runs: results.length, ms: median(results.map((r) => r.ms)), cpuMs: median(results.map((r) => r.cpuMs)) };
}
