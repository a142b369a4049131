// The files the bench measures (generated once into a temporary folder, keyed by the generators'
// source) and the tools it needs: the peer parsers and the bundled worker.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AOC_ROWS, MUE_ROWS, PTP_ROWS, write837, writeAocTable, writeClaimsCsv, writeMueTable, writePtpTable, type GeneratedStats } from './generate';
import { DEGENERATE_SHAPES, writeDegenerate837, type DegenerateShape } from './degenerate';
import { BENCH, MB, ROOT, bundleForNode, log, quick } from './common';
export function ensurePeers(): void {
  const installed = ['node-x12', 'x12-parser'].every((name) => existsSync(join(BENCH, 'node_modules', name, 'package.json')));
  if (installed) return;
  log('installing the peer parsers (npm ci --prefix bench)');
  execFileSync('npm', ['ci', '--prefix', 'bench', '--no-audit', '--no-fund'], { cwd: ROOT, stdio: 'inherit' });
}

export async function bundleWorker(): Promise<string> {
  if (!existsSync(join(ROOT, 'server/out/cli.js')) || !existsSync(join(ROOT, 'server/out/server.js'))) {
    log('building server/out (node scripts/build.mjs)');
    execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'inherit' });
  }
  return bundleForNode('worker.js', { entryPoints: [join(BENCH, 'worker.ts')] }, ['node-x12', 'x12-parser']);
}

/**
 * How an 837's claims are split into transaction sets: the bench's first shape (500 claims per
 * ST..SE, 100 sets per group), and the real batches of issue 14: 5,000 claims per set, and one
 * set for the whole file.
 */
export type Shape = 'bench' | 'st5000' | 'onest';
export const SHAPES: Record<Shape, { claimsPerTransaction: number; label: string; file: string }> = {
  bench: { claimsPerTransaction: 500, label: '', file: '' },
  st5000: { claimsPerTransaction: 5000, label: '5,000 claims/ST, ', file: '-st5000' },
  onest: { claimsPerTransaction: Number.MAX_SAFE_INTEGER, label: 'one ST, ', file: '-onest' },
};

export interface InputFile {
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

export const shapeOf = (file: InputFile): Shape => file.shape ?? 'bench';

/** The 837s a run needs: the bench's shape at 1, 10 and 100 MB; 5,000 claims per set at 10, 50, 100 MB; one set at 10 and 50 MB. */
export function x12Specs(): { size: number; shape: Shape }[] {
  const specs: { size: number; shape: Shape }[] = [1, 10, 100].map((size) => ({ size, shape: 'bench' }));
  for (const size of quick ? [10] : [10, 50, 100]) specs.push({ size, shape: 'st5000' });
  for (const size of quick ? [10] : [10, 50]) specs.push({ size, shape: 'onest' });
  return specs;
}

export function inputs(): { dir: string; files: InputFile[] } {
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
export function repetitiveTables(dir: string): { identical: InputFile; distinct: InputFile } {
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


/** A file's twin on one line (same size and shape): where the peers are measured for a file with line breaks. */
export function oneLineTwin(files: readonly InputFile[], file: InputFile): InputFile {
  return files.find((f) => f.kind === 'x12' && !f.lineBreaks && f.nominalMB === file.nominalMB && shapeOf(f) === shapeOf(file)) ?? file;
}
