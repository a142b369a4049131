// Typing in a big 837 that is one transaction set (issue 14: batches of thousands of claims in
// one ST..SE). Generates a one-set 837P of about 10 MB (or --mb N), then times one-character
// edits spread over its claims, in process:
//   full       analyze() of the edited text (what every edit cost without incremental reading)
//   set        the transaction-set re-read (what an edit inside the set cost before claims were read alone)
//   claim      reanalyze(), which now reads the edited claim again
// and, of the claim re-read, the coding checks (PTP, MUE, add-on codes) alone:
//   every claim  the checks run over every claim of the edited document (what each edit cost before
//                reanalyze kept the findings per patient group)
//   groups       DocumentCoding.after(): only the groups of the claim read again, the others moved
// Each timed re-read starts from its own fresh analysis (a re-read consumes the previous one), and
// every claim re-read is checked against a full analysis of the same text (findings and claims).
// With --lsp the bundled server (npm run build) is measured too: didChange -> diagnostics.
// With --guide full (or off) the same edits are timed again with that guideChecks (issue 13): the
// full analyze and reanalyze() of the edited text, the re-read checked equal to the full analysis,
// and both set against the envelope figures above them (the default, and the only mode without --guide).
//
// Times are CPU time of the main thread (garbage collection on it included).
//
//   node --expose-gc --import tsx bench/edit-one-set.ts [--mb 10] [--edits 10] [--guide full] [--lsp]

import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { analyze, reanalyze, type Analysis, type AnalyzeOptions } from '../server/src/core/analyze';
import { deferredCoding } from '../server/src/core/rules/codingRun';
import { DocumentCoding } from '../server/src/core/rules/documentCoding';
import { loadKnowledge } from '../server/src/core/rules/knowledge';
import { openFileBlocks } from '../server/src/core/rules/readFile';
import { LineIndex } from '../server/src/core/text';
import { reread, rereadTransactionSet } from '../server/src/core/x12/incremental';
import { write837 } from './generate';
import { measureLsp } from './lsp';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const mb = option('mb', 10);
const editCount = option('edits', 10);
const guideAt = args.indexOf('--guide');
const guide = guideAt >= 0 ? args[guideAt + 1] : 'envelope';
if (guide !== 'off' && guide !== 'envelope' && guide !== 'full') throw new Error(`--guide must be off, envelope or full, not ${guide}`);
/** The mode compared with envelope, if one was asked for. */
const guideOptions: AnalyzeOptions | null = guide === 'envelope' ? null : { guideChecks: guide };

const dir = join(tmpdir(), 'claimlint-bench-one-set');
mkdirSync(dir, { recursive: true });
const path = join(dir, `837p-one-set-${mb}mb.txt`);
const stats = write837({ targetBytes: mb * 1024 * 1024, linesPath: path, seed: 14, claimsPerTransaction: 1e9 });
const text = readFileSync(path, 'latin1');
const knowledge = loadKnowledge({ builtinEdits: true, ptpFiles: [], descriptorFiles: [], readFile: openFileBlocks });
console.log(`${path}: ${(text.length / 1024 / 1024).toFixed(1)} MB, ${stats.claims} claims, ${stats.serviceLines} lines, ${stats.transactions} transaction set(s)`);

/** One-character edits: the last digit of a line charge (same length), or a digit typed after it (one longer). */
function edits(kind: 'replace' | 'insert'): string[] {
  const out: string[] = [];
  const pattern = /SV1\*[^*~]*\*\d+\.\d\d/g;
  const all: number[] = [];
  for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) all.push(m.index + m[0].length - 1);
  for (let i = 0; i < editCount; i++) {
    const at = all[Math.floor(((i + 0.5) * all.length) / editCount)]!;
    const digit = String((text.charCodeAt(at) - 47) % 10);
    out.push(kind === 'replace' ? text.slice(0, at) + digit + text.slice(at + 1) : text.slice(0, at + 1) + digit + text.slice(at + 1));
  }
  return out;
}

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/**
 * CPU time of this process's main thread, ms (the first field of /proc/self/task/PID/schedstat):
 * on a shared machine the wall time of a step says more about the neighbours than about it.
 * Falls back to the wall clock where /proc is not there.
 */
function mainThreadMs(): number {
  try {
    return Number(readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
  } catch {
    return performance.now();
  }
}

/** Runs `run` after a full collection (with --expose-gc), so garbage of the set-up is not charged to it. */
function timed<T>(run: () => T): [T, number] {
  (globalThis as { gc?: () => void }).gc?.();
  const started = mainThreadMs();
  const result = run();
  return [result, mainThreadMs() - started];
}

function sameResult(a: Analysis, b: Analysis): boolean {
  return JSON.stringify(a.findings) === JSON.stringify(b.findings) && JSON.stringify(a.doc.claims) === JSON.stringify(b.doc.claims);
}

const [base, openMs] = timed(() => analyze(text, knowledge));
console.log(`open (analyze): ${openMs.toFixed(0)} ms CPU, ${base.findings.length} findings`);
const positions = base.lines;
if (guideOptions) {
  const [guided, guidedMs] = timed(() => analyze(text, knowledge, positions, undefined, guideOptions));
  const guideCount = guided.findings.filter((f) => f.rule.startsWith('guide.')).length;
  console.log(
    `open (analyze, guideChecks ${guide}, after the envelope one): ${guidedMs.toFixed(0)} ms CPU, ${guided.findings.length} findings, ${guideCount} of them guide.*`,
  );
}

for (const kind of ['replace', 'insert'] as const) {
  const full: number[] = [];
  const set: number[] = [];
  const claim: number[] = [];
  const everyClaim: number[] = [];
  const groups: number[] = [];
  let verified = 0;
  const guidedFull: number[] = [];
  const guidedClaim: number[] = [];
  let guidedVerified = 0;
  for (const edited of edits(kind)) {
    const lines = new LineIndex(edited);
    const [expected, fullMs] = timed(() => analyze(edited, knowledge, lines));
    full.push(fullMs);
    const forSet = analyze(text, knowledge, positions);
    const [bySet, setMs] = timed(() => rereadTransactionSet(text, forSet.doc, edited, knowledge));
    if (bySet?.unit !== 'transaction-set') throw new Error('the transaction-set path was not taken');
    set.push(setMs);
    const previous = analyze(text, knowledge, positions);
    const [actual, claimMs] = timed(() => reanalyze(previous, edited, knowledge, lines));
    claim.push(claimMs);
    if (sameResult(actual, expected)) verified++;
    // The coding part of the claim re-read, on its own (the re-read leaves it to the caller).
    const fresh = analyze(text, knowledge, positions);
    const byClaim = reread(text, fresh.doc, edited, deferredCoding(knowledge));
    if (byClaim?.unit !== 'claim' || byClaim.claims === null || fresh.coding === undefined) throw new Error('the claim path was not taken');
    const [all, everyMs] = timed(() => DocumentCoding.check(byClaim.doc.claims, knowledge, true).findings());
    everyClaim.push(everyMs);
    const [some, groupsMs] = timed(() => fresh.coding!.after(byClaim.doc.claims, byClaim.claims!)?.findings());
    groups.push(groupsMs);
    if (JSON.stringify(some) !== JSON.stringify(all)) throw new Error('the coding of the groups read again is not that of every claim');
    if (guideOptions) {
      // The same edit with the other guide checks: the full analysis, and reanalyze() from a fresh analysis in that mode.
      const [guidedExpected, guidedFullMs] = timed(() => analyze(edited, knowledge, lines, undefined, guideOptions));
      guidedFull.push(guidedFullMs);
      const guidedPrevious = analyze(text, knowledge, positions, undefined, guideOptions);
      const [guidedActual, guidedClaimMs] = timed(() => reanalyze(guidedPrevious, edited, knowledge, lines, guideOptions));
      guidedClaim.push(guidedClaimMs);
      if (sameResult(guidedActual, guidedExpected)) guidedVerified++;
    }
  }
  console.log(
    `${kind === 'replace' ? 'digit replaced' : 'digit typed   '} (${editCount} edits, medians): full analyze ${median(full).toFixed(1)} ms | ` +
      `transaction-set re-read ${median(set).toFixed(1)} ms | claim re-read (reanalyze) ${median(claim).toFixed(1)} ms (CPU); ${verified}/${editCount} equal to a full analysis`,
  );
  console.log(`  coding checks of the claim re-read: over every claim ${median(everyClaim).toFixed(1)} ms | the edited claim's groups ${median(groups).toFixed(1)} ms (CPU)`);
  if (guideOptions) {
    const added = (mode: number, envelope: number) => `${mode >= envelope ? '+' : ''}${(((mode - envelope) / envelope) * 100).toFixed(0)}%`;
    console.log(
      `  guideChecks ${guide}: full analyze ${median(guidedFull).toFixed(1)} ms (${added(median(guidedFull), median(full))} over envelope) | ` +
        `claim re-read (reanalyze) ${median(guidedClaim).toFixed(1)} ms (${added(median(guidedClaim), median(claim))} over envelope) (CPU); ${guidedVerified}/${editCount} equal to a full analysis`,
    );
  }
}

async function measureServer(): Promise<void> {
  const result = await measureLsp({ file: path, opens: 2, edits: editCount, hovers: 50, codeActions: 10, warmup: 10 });
  console.log(
    `server (bundled): open ${median(result.openMs).toFixed(0)} ms (CPU ${median(result.openCpuMs).toFixed(0)} ms); ` +
      `one-character edit -> diagnostics ${median(result.editMs).toFixed(1)} ms wall, ${median(result.editCpuMs).toFixed(1)} ms server CPU (median of ${result.editMs.length}); ` +
      `edits verified ${result.editsVerified}; server peak RSS ${result.serverPeakRssMB?.toFixed(0)} MB`,
  );
}

if (args.includes('--lsp')) void measureServer();
