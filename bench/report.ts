// The run's figures as the tables printed at the end of `npm run bench`.
import { MB, fmt, median, ratio, table } from './common';
import { comparisons } from './budgets';
import { hostStallReport } from './hostStall';
import type { InputFile } from './inputs';
import type { BenchResults } from './results';

/** The printed report of a run, a line per element; load averages at its start and end. */
export function report(results: BenchResults, files: readonly InputFile[], loadAtStart: number, loadAtEnd: number): string[] {
  const { readOf, peerOf } = comparisons(results, files);
  const budgets = results.budgets;
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
  return out;
}
