// The long fuzz run (`npm run fuzz`): the reliability properties of issue 8 for a bounded time or
// number of documents, with a seed printed first so any failure replays exactly.
//
//   npm run fuzz                              about 2 minutes, a fresh seed
//   npm run fuzz -- --seconds 600             longer
//   npm run fuzz -- --iterations 5000         a fixed amount of work instead of a time
//   npm run fuzz -- --seed 1234               the same run again
//   npm run fuzz -- --seed 1234 --only core --path "17:3:0"   replay one failure (printed on failure)
//   npm run fuzz -- --no-server               core only (the server phase needs `npm run build`)
//
// Environment: CLAIMLINT_FUZZ_SEED, CLAIMLINT_FUZZ_SECONDS, CLAIMLINT_FUZZ_ITERATIONS.
//
// Properties (each run in batches, round robin, until the time or iteration budget is spent):
//   core        any document (valid, mutated, random bytes) through every core operation: no
//               exception, no internal error, spans and edits inside the text, within a time bound
//   fixes-x12   every quick fix and fix-all of a generated 837 (PTP conflicts, units over an MUE)
//               equals the writer's output
//   fixes-csv   the same for generated CSV exports
//   fixes-mue   units over an MUE planted in a generated 837P: the findings, their fixes, then
//               every fix of the file as in fixes-x12
//   ptp-paths   the PTP check's grouped path reports what its pairwise loop reports
//   stream-bytes  any ASCII document fed to X12Stream in blocks as bytes (what the CLI does) reads
//               as the same text fed as strings: findings, claims and service lines
//   server      generated documents opened, edited, queried and closed on one running server,
//               every answer within a deadline, diagnostics equal to the core's
import { existsSync } from 'node:fs';
import fc from 'fast-check';
import { analyze } from '../../server/src/core/analyze';
import { emptyKnowledge } from '../../server/src/core/rules/knowledge';
import { TestClient, serverPath } from '../protocol/helpers/lspClient';
import { anyDocumentArb, claimishStringArb, csvScenarioArb, fuzzKnowledge } from './generators';
import { exerciseCore } from './harness';
import { checkCsvFixes } from './csvFixOracle';
import { checkPtpPathsAgree, ptpPathsCaseArb } from './ptpPathsOracle';
import { checkX12Fixes, x12FixCaseArb } from './x12FixOracle';
import { checkPlantedMueFixes, x12PlantedMueCaseArb } from './x12PlantedFixOracle';
import { exerciseDocument, openAndEdit } from './protocol';
import { DEFAULT_GUIDE_CHECKS } from '../../server/src/core/guides/checks';
import { checkStreamBytes, streamBytesCaseArb } from './streamBytes';
import { editorInputFindings } from '../../server/src/core/inputFindings';
import { cappedFindings } from '../../server/src/lsp/diagnosticCap';
import type { ClaimFormat, Finding } from '../../server/src/core/model';

/** What the server publishes for an X12 document: the core's findings, as the editor shows them (core/inputFindings.ts). */
/** What the editor is sent of an analysis: its input findings, capped as the server caps them (lsp/diagnosticCap.ts). */
const editorFindings = (analysis: { findings: Finding[]; doc: { format: ClaimFormat | null } }) => cappedFindings(editorInputFindings(analysis.findings, analysis.doc.format, 'x12'));

interface Options {
  seed: number;
  seconds: number;
  iterations: number | null;
  only: string | null;
  path: string | null;
  server: boolean;
}

function parseOptions(argv: readonly string[]): Options {
  const value = (name: string): string | undefined => {
    const at = argv.indexOf(name);
    return at >= 0 ? argv[at + 1] : undefined;
  };
  const number = (text: string | undefined, what: string): number | undefined => {
    if (text === undefined || text === '') return undefined;
    const n = Number(text);
    if (!Number.isFinite(n)) throw new Error(`${what} must be a number, not '${text}'`);
    return n;
  };
  const env = process.env;
  return {
    seed: number(value('--seed'), '--seed') ?? number(env.CLAIMLINT_FUZZ_SEED, 'CLAIMLINT_FUZZ_SEED') ?? (Date.now() ^ (Math.random() * 0x7fffffff)) >>> 0,
    seconds: number(value('--seconds') ?? value('--time'), '--seconds') ?? number(env.CLAIMLINT_FUZZ_SECONDS, 'CLAIMLINT_FUZZ_SECONDS') ?? 120,
    iterations: number(value('--iterations'), '--iterations') ?? number(env.CLAIMLINT_FUZZ_ITERATIONS, 'CLAIMLINT_FUZZ_ITERATIONS') ?? null,
    only: value('--only') ?? null,
    path: value('--path') ?? null,
    server: !argv.includes('--no-server'),
  };
}

/** Per document, generous: typical is a few milliseconds, the huge generated lines a few hundred. */
const DOCUMENT_BUDGET_MS = 5000;
const ANSWER_MS = 10_000;

/** What a batch tells the loop (fast-check's RunDetails, without its type parameter). */
interface Outcome {
  failed: boolean;
  numRuns: number;
  counterexamplePath: string | null;
  counterexample: unknown;
  error: unknown;
}

function check<T>(property: fc.IProperty<T>, seed: number, numRuns: number, path?: string): Outcome {
  const details = fc.check(property, { seed, numRuns, ...(path !== undefined ? { path } : {}) });
  return { failed: details.failed, numRuns: details.numRuns, counterexamplePath: details.counterexamplePath, counterexample: details.counterexample, error: details.errorInstance };
}

interface Property {
  name: string;
  /** Documents per batch. */
  batch: number;
  run(seed: number, numRuns: number, path?: string): Outcome;
}

const knowledge = fuzzKnowledge();
let slowest = { ms: 0, what: '' };

const properties: Property[] = [
  {
    name: 'core',
    batch: 100,
    run: (seed, numRuns, path) =>
      check(
        fc.property(anyDocumentArb, (text) => {
          const run = exerciseCore(text, knowledge);
          if (run.totalMs > slowest.ms) slowest = { ms: run.totalMs, what: `core document of ${text.length} chars (${run.slowest.name})` };
          if (run.problems.length > 0) throw new Error(run.problems.join('\n'));
          if (run.totalMs > DOCUMENT_BUDGET_MS) throw new Error(`${run.totalMs.toFixed(0)} ms for one document (slowest: ${run.slowest.name} ${run.slowest.ms.toFixed(0)} ms)`);
        }),
        seed,
        numRuns,
        path,
      ),
  },
  {
    name: 'fixes-x12',
    batch: 50,
    run: (seed, numRuns, path) => check(fc.property(x12FixCaseArb, ({ scenario, blanks }) => void checkX12Fixes(scenario, blanks)), seed, numRuns, path),
  },
  {
    name: 'fixes-csv',
    batch: 50,
    run: (seed, numRuns, path) => check(fc.property(csvScenarioArb, (scenario) => void checkCsvFixes(scenario)), seed, numRuns, path),
  },
  {
    name: 'fixes-mue',
    batch: 50,
    run: (seed, numRuns, path) => check(fc.property(x12PlantedMueCaseArb, (planted) => void checkPlantedMueFixes(planted)), seed, numRuns, path),
  },
  {
    name: 'ptp-paths',
    batch: 200,
    run: (seed, numRuns, path) => check(fc.property(ptpPathsCaseArb, checkPtpPathsAgree), seed, numRuns, path),
  },
  {
    name: 'stream-bytes',
    batch: 50,
    run: (seed, numRuns, path) => check(fc.property(streamBytesCaseArb, (c) => checkStreamBytes(c, knowledge)), seed, numRuns, path),
  },
];

/** The server phase: one server, many documents; a failure names the batch seed and document. */
const serverCaseArb = fc.record({
  text: anyDocumentArb,
  edits: fc.array(fc.record({ from: fc.double({ min: 0, max: 1, noNaN: true }), length: fc.nat(80), text: claimishStringArb }), { maxLength: 3 }),
  probes: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 2, maxLength: 4 }),
});

async function serverBatch(client: TestClient, seed: number, numRuns: number): Promise<void> {
  const reference = emptyKnowledge(true);
  for (const [i, c] of fc.sample(serverCaseArb, { seed, numRuns }).entries()) {
    const where = `server seed ${seed}, document ${i}`;
    const uri = TestClient.uriFor(`fuzz-${seed}-${i}.837`);
    const started = performance.now();
    const { published, mirror } = await openAndEdit(client, uri, c.text, c.edits, ANSWER_MS, where);
    // The server runs in the default claimlint.guideChecks; the core is asked for the same mode.
    const expected = editorFindings(analyze(mirror.getText(), reference, undefined, undefined, { guideChecks: DEFAULT_GUIDE_CHECKS })).map((f) => f.rule).join(',');
    const got = published.diagnostics.map((d) => String(d.code)).join(',');
    if (got !== expected) throw new Error(`${where}: diagnostics [${got}] differ from the core's findings [${expected}]`);
    const positions = c.probes.map((p) => mirror.positionAt(Math.floor(p * mirror.getText().length)));
    for (const { name, outcome } of await exerciseDocument(client.connection, uri, positions, ANSWER_MS)) {
      if (outcome.error) throw new Error(`${where}, ${name}: ${outcome.error.message}`);
    }
    await client.close(uri);
    const ms = performance.now() - started;
    if (ms > slowest.ms) slowest = { ms, what: `server document of ${c.text.length} chars` };
  }
}

function report(name: string, seed: number, details: Outcome): string {
  const example = JSON.stringify(details.counterexample)?.slice(0, 2000) ?? '';
  const error = details.error instanceof Error ? `${details.error.message}` : String(details.error);
  return [
    `FAILED: ${name} (seed ${seed}, path ${details.counterexamplePath})`,
    `  ${error.split('\n').slice(0, 12).join('\n  ')}`,
    `  counterexample: ${example}`,
    `  replay: npm run fuzz -- --seed ${seed} --only ${name} --path "${details.counterexamplePath}"`,
  ].join('\n');
}

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
  const started = performance.now();
  const budgetMs = options.seconds * 1000;
  console.log(`claimlint fuzz: seed ${options.seed}, ${options.iterations !== null ? `${options.iterations} documents` : `${options.seconds} s`}${options.only ? `, only ${options.only}` : ''}`);
  console.log(`  replay this run: npm run fuzz -- --seed ${options.seed}${options.iterations !== null ? ` --iterations ${options.iterations}` : ` --seconds ${options.seconds}`}`);

  const selected = properties.filter((p) => !options.only || p.name === options.only);
  const useServer = options.server && (!options.only || options.only === 'server');
  if (useServer && !existsSync(serverPath)) {
    console.log(`  (no server phase: ${serverPath} is missing; run npm run build)`);
  }
  const withServer = useServer && existsSync(serverPath);
  if (selected.length === 0 && !withServer) {
    console.error(`unknown property '${options.only}' (core, fixes-x12, fixes-csv, fixes-mue, ptp-paths, stream-bytes, server)`);
    return 2;
  }

  // Replaying one counterexample.
  if (options.path !== null) {
    const property = selected[0];
    if (!property) {
      console.error('--path needs --only with a property name');
      return 2;
    }
    const details = property.run(options.seed, 1, options.path);
    if (details.failed) {
      console.log(report(property.name, options.seed, details));
      return 1;
    }
    console.log(`${property.name}: passed on replay`);
    return 0;
  }

  let client: TestClient | null = null;
  let serverExited: number | null | undefined;
  if (withServer) {
    client = new TestClient();
    client.process.once('exit', (code) => (serverExited = code));
    await client.initialize();
  }

  const counts = new Map<string, number>();
  let documents = 0;
  let batch = 0;
  let failure: string | null = null;
  const done = (): boolean => (options.iterations !== null ? documents >= options.iterations : performance.now() - started >= budgetMs);
  const rotation: (Property | 'server')[] = [...selected, ...(withServer ? ['server' as const] : [])];
  let lastReport = performance.now();
  while (!done() && failure === null) {
    const next = rotation[batch % rotation.length]!;
    // Every batch has its own seed, derived from the run's, so a failure replays on its own.
    const seed = (options.seed + batch * 7919) >>> 0;
    batch++;
    if (next === 'server') {
      const numRuns = 20;
      try {
        await serverBatch(client!, seed, numRuns);
        if (serverExited !== undefined) throw new Error(`the server exited with code ${serverExited}`);
      } catch (error) {
        failure = `FAILED: server (batch seed ${seed})\n  ${(error as Error).message}\n  replay: npm run fuzz -- --seed ${seed} --only server --iterations ${numRuns}`;
      }
      documents += numRuns;
      counts.set('server', (counts.get('server') ?? 0) + numRuns);
      continue;
    }
    const numRuns = options.iterations !== null ? Math.min(next.batch, Math.max(1, options.iterations - documents)) : next.batch;
    const details = next.run(seed, numRuns);
    documents += details.numRuns;
    counts.set(next.name, (counts.get(next.name) ?? 0) + details.numRuns);
    if (details.failed) failure = report(next.name, seed, details);
    if (performance.now() - lastReport > 10_000) {
      lastReport = performance.now();
      console.log(`  ${((performance.now() - started) / 1000).toFixed(0)} s: ${[...counts].map(([k, v]) => `${k} ${v}`).join(', ')}`);
    }
  }

  if (client) {
    if (serverExited === undefined) await client.shutdown();
    const stderr = client.stderr.join('');
    if (failure === null && stderr !== '') failure = `FAILED: the server wrote to stderr:\n${stderr.slice(0, 2000)}`;
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`  ${documents} documents in ${seconds} s: ${[...counts].map(([k, v]) => `${k} ${v}`).join(', ')}`);
  console.log(`  slowest: ${slowest.ms.toFixed(0)} ms (${slowest.what})`);
  if (failure !== null) {
    console.log(failure);
    console.log(`  (run seed ${options.seed})`);
    return 1;
  }
  console.log('  no failures');
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 2;
  },
);
