// One measurement in a fresh process, so that its peak RSS is its own: bench/run.ts bundles this
// file (bench/out/worker.js) and starts it once per measurement. The last stdout line is
// `RESULT {json}`.
//
//   worker.js core --file F [--ptp TABLE] [--runs N] [--guide off|envelope|full]
//                                                       Claimlint's analyze (parse + check), in process
//                                                       (--guide: its guideChecks; absent: analyze's default)
//   worker.js peer --name node-x12|x12-parser --file F  a peer parser on the same file
//   worker.js ptp --file TABLE                          loadKnowledge with a PTP table (needs --expose-gc)
//   worker.js read --file F                             just reading the file: the baseline every figure is divided by
//   worker.js disk --file F                             the language server's check from disk (a file past VS Code's
//                                                       50 MB limit): read in pieces, hover index built, guideChecks full
//   worker.js scale                                     the scale scenarios (bench/scale.ts), each at n and 4n

import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { analyze, type AnalyzeOptions } from '../server/src/core/analyze';
import { lineCountOf } from '../server/src/core/x12/serviceLine837';
import { emptyKnowledge, loadKnowledge, type Knowledge } from '../server/src/core/rules/knowledge';
import { openFileBlocks } from '../server/src/core/rules/readFile';
import { checkFileFromDisk } from '../server/src/lsp/diskRead';
import { timeScenario } from './scale';
import { scaleFixScenarios } from './scaleFixes';
import { scaleRuleScenarios } from './scaleRules';

const MB = 1024 * 1024;

/**
 * What the CLI does with a file's bytes (decode in server/src/cli/files.ts, copied: importing that
 * module into a bundle would run the CLI). UTF-8 when valid, else latin-1.
 */
function decode(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return bytes.toString('latin1');
  }
}

function argument(name: string): string | null {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? (process.argv[at + 1] ?? null) : null;
}

/**
 * Peak RSS of this process, MB: /proc/self/status VmHWM where there is one (getrusage's maxRSS
 * keeps, on Linux, the high-water mark of the bench process this one was forked from: see
 * rss-hook.cjs), else resourceUsage().maxRSS (kilobytes).
 */
function maxRssMB(): number {
  try {
    const match = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (match) return Number(match[1]) / 1024;
  } catch {
    // No /proc: getrusage's figure.
  }
  return process.resourceUsage().maxRSS / 1024;
}

function cpuMs(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
}

function report(result: Record<string, unknown>): void {
  process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
}

/** Full collections: one is not enough to free a large Buffer's external memory. */
function gc(): void {
  const collect = (globalThis as { gc?: () => void }).gc;
  for (let i = 0; i < 3; i++) collect?.();
}

function loadWithTable(table: string | null): Knowledge {
  if (!table) return emptyKnowledge();
  return loadKnowledge({ builtinEdits: true, ptpFiles: [table], descriptorFiles: [], readFile: openFileBlocks });
}

function core(): void {
  const file = argument('file')!;
  const runs = Number(argument('runs') ?? 1);
  const guide = argument('guide');
  if (guide !== null && guide !== 'off' && guide !== 'envelope' && guide !== 'full') throw new Error(`--guide must be off, envelope or full, not ${guide}`);
  const options: AnalyzeOptions | undefined = guide === null ? undefined : { guideChecks: guide };
  const knowledge = loadWithTable(argument('ptp'));
  const baselineRss = process.memoryUsage().rss / MB;
  const readStarted = performance.now();
  const readCpu = process.cpuUsage();
  // As the CLI reads it: bytes, then UTF-8 when valid, else latin-1.
  let bytes: Buffer | null = readFileSync(file);
  const text = decode(bytes);
  const size = bytes.length;
  bytes = null;
  const read = { ms: performance.now() - readStarted, cpuMs: cpuMs(readCpu) };
  const times: { ms: number; cpuMs: number }[] = [];
  let summary: Record<string, unknown> = {};
  for (let r = 0; r < runs; r++) {
    const started = performance.now();
    const cpu = process.cpuUsage();
    const analysis = analyze(text, knowledge, undefined, undefined, options);
    times.push({ ms: performance.now() - started, cpuMs: cpuMs(cpu) });
    if (r === 0) {
      const byRule: Record<string, number> = {};
      for (const finding of analysis.findings) byRule[finding.rule] = (byRule[finding.rule] ?? 0) + 1;
      summary = {
        format: analysis.doc.format,
        claims: analysis.doc.claims.length,
        serviceLines: analysis.doc.claims.reduce((sum, claim) => sum + lineCountOf(claim), 0),
        transactions: analysis.doc.transactions.length,
        findings: analysis.findings.length,
        // The implementation-guide findings (guide.*: with --guide full).
        guideFindings: analysis.findings.filter((finding) => finding.rule.startsWith('guide.')).length,
        byRule,
        rssAfterFirstMB: process.memoryUsage().rss / MB,
        maxRssAfterFirstMB: maxRssMB(),
      };
    }
  }
  report({ kind: 'core', file, guide: guide ?? 'default', bytes: size, read, runs: times, baselineRssMB: baselineRss, maxRssMB: maxRssMB(), ...summary });
}

async function peer(): Promise<void> {
  const name = argument('name')!;
  const file = argument('file')!;
  const bytes = statSync(file).size;
  // The peers are the benchmark's own dev dependencies (bench/node_modules).
  // (bench/package.json: beside this file under tsx, one folder up from the bundle in bench/out.)
  const benchDir = existsSync(join(__dirname, 'package.json')) ? __dirname : resolve(__dirname, '..');
  const requirePeer = createRequire(join(benchDir, 'package.json'));
  const baselineRss = process.memoryUsage().rss / MB;
  const started = performance.now();
  const cpu = process.cpuUsage();
  let serviceLines = 0;
  let lx = 0;
  let segments = 0;
  if (name === 'node-x12') {
    // Typed here rather than imported, so type-checking needs no bench/node_modules.
    const { X12Parser } = requirePeer('node-x12') as { X12Parser: new (strict: boolean) => { parse(text: string): unknown } };
    // What a user of node-x12 writes for a file: read it, parse it (strict), walk the model.
    const text = readFileSync(file, 'utf8');
    const parsed = new X12Parser(true).parse(text) as {
      interchanges?: { functionalGroups: { transactions: { segments: { tag: string }[] }[] }[] }[];
      functionalGroups?: { transactions: { segments: { tag: string }[] }[] }[];
    };
    const interchanges = parsed.interchanges ?? [parsed as { functionalGroups: { transactions: { segments: { tag: string }[] }[] }[] }];
    for (const interchange of interchanges) {
      for (const group of interchange.functionalGroups) {
        for (const transaction of group.transactions) {
          for (const segment of transaction.segments) {
            segments++;
            if (segment.tag === 'SV1') serviceLines++;
            else if (segment.tag === 'LX') lx++;
          }
        }
      }
    }
  } else if (name === 'x12-parser') {
    const { X12parser } = requirePeer('x12-parser') as { X12parser: new () => NodeJS.ReadWriteStream };
    await new Promise<void>((done, fail) => {
      const parser = new X12parser();
      parser.on('error', fail);
      createReadStream(file)
        .on('error', fail)
        .pipe(parser)
        .on('data', (segment: { name: string }) => {
          segments++;
          if (segment.name === 'SV1') serviceLines++;
          else if (segment.name === 'LX') lx++;
        })
        .on('end', () => done());
    });
  } else {
    throw new Error(`unknown peer ${name}`);
  }
  report({ kind: 'peer', name, file, bytes, ms: performance.now() - started, cpuMs: cpuMs(cpu), serviceLines, lx, segments, baselineRssMB: baselineRss, maxRssMB: maxRssMB() });
}

function ptp(): void {
  const file = argument('file')!;
  const bytes = statSync(file).size;
  gc();
  const before = process.memoryUsage();
  const started = performance.now();
  const cpu = process.cpuUsage();
  const knowledge = loadWithTable(file);
  knowledge.rules.finish();
  const ms = performance.now() - started;
  const cpuUsed = cpuMs(cpu);
  const peakRss = maxRssMB();
  gc();
  const after = process.memoryUsage();
  const rows = knowledge.files[0]?.rows ?? 0;
  const problems = knowledge.problems.length;
  const size = knowledge.rules.size;
  report({
    kind: 'ptp',
    file,
    bytes,
    ms,
    cpuMs: cpuUsed,
    rows,
    ruleSetSize: size,
    problems,
    baselineRssMB: before.rss / MB,
    maxRssMB: peakRss,
    rssAfterMB: after.rss / MB,
    // What the loaded rule set keeps: JS heap plus typed-array storage, after GC, against before loading.
    retainedMB: (after.heapUsed + after.external - (before.heapUsed + before.external)) / MB,
    retainedHeapMB: (after.heapUsed - before.heapUsed) / MB,
    retainedExternalMB: (after.external - before.external) / MB,
  });
  // Still referenced here, so the figures above count the rule set.
  if (knowledge.rules.size < 0) process.exitCode = 2;
}

/**
 * Just reading the file, the floor under any check of it: a read stream of 1 MB pieces, each
 * turned into a string (latin-1, the cheapest decode), as a streaming reader gets its text.
 * Reports the read itself and the whole process's CPU time (start-up included, as the CLI's is).
 */
async function read(): Promise<void> {
  const file = argument('file')!;
  const started = performance.now();
  const cpu = process.cpuUsage();
  let chars = 0;
  await new Promise<void>((done, fail) => {
    createReadStream(file, { highWaterMark: MB })
      .on('data', (chunk) => {
        chars += (chunk as Buffer).toString('latin1').length;
      })
      .on('error', fail)
      .on('end', () => done());
  });
  const ms = performance.now() - started;
  const usage = process.resourceUsage();
  report({ kind: 'read', file, bytes: statSync(file).size, chars, ms, cpuMs: cpuMs(cpu), processCpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000, processMs: process.uptime() * 1000, maxRssMB: maxRssMB() });
}

/** The server's check of a file from disk, as for a file VS Code does not hand to extensions: its CPU, time and peak RSS. */
async function disk(): Promise<void> {
  const file = argument('file')!;
  const knowledge = loadKnowledge({ builtinEdits: true, ptpFiles: [], descriptorFiles: [], readFile: openFileBlocks });
  const started = performance.now();
  const cpu = process.cpuUsage();
  const checked = await checkFileFromDisk(file, knowledge, { index: true, guideChecks: 'full' });
  report({
    kind: 'disk',
    file,
    bytes: statSync(file).size,
    ms: performance.now() - started,
    cpuMs: cpuMs(cpu),
    format: checked?.format ?? null,
    claims: checked?.claims ?? 0,
    findings: checked?.findings.length ?? 0,
    indexed: checked?.index?.size ?? 0,
    maxRssMB: maxRssMB(),
  });
}

/** Every scale scenario at n and 4n (bench/scale.ts), in this one process. */
function scale(): void {
  const rows = [...scaleRuleScenarios(), ...scaleFixScenarios()].map(timeScenario);
  report({ kind: 'scale', rows });
}

async function main(): Promise<void> {
  const command = process.argv[2];
  if (command === 'scale') return scale();
  if (command === 'read') return read();
  if (command === 'disk') return disk();
  if (command === 'core') core();
  else if (command === 'peer') await peer();
  else if (command === 'ptp') ptp();
  else throw new Error(`unknown command ${command}`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
