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
// the budgets are data (bench/budgets.ts: BUDGETS), one printed line each. The run is split:
// inputs.ts makes the files, measures.ts and measureTables.ts measure, budgets.ts judges,
// report.ts prints.
//
// Every measurement with a memory figure runs in a fresh child process (bench/worker.ts, bundled
// to bench/out/worker.js), so its peak RSS is its own. Inputs are generated deterministically
// into a temporary folder (kept between runs, keyed by the generator's source) and never
// committed. Results: a table on stdout, and the same figures as JSON in bench/out/.

import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { judgeBudgets } from './budgets';
import { OUT, full, gitCommit, log, median, only, profileDir, profileFlags, quick, runChild, wants } from './common';
import { bundleTablesWorker, measureDisk, measurePtp, measureRead, measureTables } from './measureTables';
import { measureHostStall } from './hostStall';
import { bundleWorker, ensurePeers, inputs, oneLineTwin, repetitiveTables, shapeOf } from './inputs';
import { measureLsp } from './lsp';
import { type CliRow, measureCli, measureCore, measureGuide, measurePeer, skippedPeer } from './measures';
import { report } from './report';
import type { BenchResults } from './results';
import type { ScaleRow } from './scale';

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

  const results: BenchResults = {
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
          opens: quick || huge ? 1 : 3,
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
    for (const file of shaped.filter((f) => !f.lineBreaks && (cliFiles.includes(f) || lspFiles.some((l) => oneLineTwin(files, l) === f)))) {
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
          // Three opens of every 10 MB file: the budget is judged on their median and, apart, on the first (a fresh server).
          opens: quick ? 2 : huge ? 1 : 3,
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

  judgeBudgets(results, files);
  const out = report(results, files, loadAtStart, loadAtEnd);
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
