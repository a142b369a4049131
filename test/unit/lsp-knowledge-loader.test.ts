// The server's rule loading off the request path (lsp/knowledgeLoader.ts): the worker thread
// loads what the server's thread would, and when the worker fails the rules are loaded anyway,
// on the server's thread, with the reason in the log. The worker is bundled here from source as
// scripts/build.mjs bundles it into the server.
import { before, after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as esbuild from 'esbuild';
import { loadKnowledge } from '../../server/src/core/rules/knowledge';
import { workerKnowledgeLoader } from '../../server/src/lsp/knowledgeLoader';
import { nodeRuntime } from '../../server/src/lsp/runtime';
import { knowledgeOptionsOf, type RuleFiles } from '../../server/src/lsp/settings';

let dir: string;
let source: string;
let files: RuleFiles;

before(async () => {
  const built = await esbuild.build({ bundle: true, platform: 'node', target: 'node20', format: 'cjs', write: false, logLevel: 'warning', entryPoints: [resolve(__dirname, '../../server/src/lsp/knowledgeWorker.ts')], outfile: 'knowledgeWorker.js' });
  source = built.outputFiles[0]!.text;
  dir = mkdtempSync(join(tmpdir(), 'claimlint-loader-'));
  const row = (c1: string, c2: string, indicator: string) => `${c1}\t${c2}\t\t20200101\t*\t${indicator}\tMutually exclusive procedures`;
  writeFileSync(join(dir, 'ptp.txt'), ['Title line', row('99213', '36415', '1'), row('99214', '36415', '7'), ''].join('\n'));
  writeFileSync(join(dir, 'ccioph-table.txt'), ['Title line', row('20610', '20605', '0'), ''].join('\n'));
  writeFileSync(join(dir, 'mue.tsv'), ['code\tmue_value\tmai\tmue_rationale', '97110\t4\t2\tClinical: Data', ''].join('\n'));
  writeFileSync(join(dir, 'descriptors.csv'), 'Code,Short Descriptor\n36415,SYNTHETIC VENIPUNCTURE TEXT\n');
  files = {
    builtinEdits: true,
    ptpFiles: [join(dir, 'ptp.txt'), join(dir, 'ccioph-table.txt'), join(dir, 'missing.txt')],
    hospitalPtpFiles: [],
    mueFiles: [join(dir, 'mue.tsv')],
    addOnCodeFiles: [],
    descriptorFiles: [join(dir, 'descriptors.csv')],
  };
});

after(() => rmSync(dir, { recursive: true, force: true }));

test('the worker loads what the server thread loads: the same knowledge, problems and all', async () => {
  const log: string[] = [];
  const loaded = await workerKnowledgeLoader(source, nodeRuntime, (m) => log.push(m))(files);
  const here = loadKnowledge(knowledgeOptionsOf(files, nodeRuntime));
  assert.deepStrictEqual(loaded, here);
  assert.deepEqual(log, []);
  assert.ok(loaded.problems.some((p) => /missing\.txt/.test(p.source)), 'the missing file is a problem, as on the server thread');
  assert.ok(loaded.tables.hospital.codeId('20610') >= 0 && loaded.tables.practitioner.codeId('20610') < 0, 'a ccioph table named in ptpFiles goes to the hospital table, as on the server thread');
});

for (const [what, broken, reason] of [
  ['throws as it starts', 'throw new Error("worker broke")', /worker broke/],
  ['exits without sending anything', 'process.exit(3)', /exit code 3/],
  ['sends a failure', 'require("node:worker_threads").parentPort.postMessage({ ok: false, error: "Error: could not pack" })', /could not pack/],
  ['sends something that is not a knowledge', 'require("node:worker_threads").parentPort.postMessage({ ok: true, packed: { knowledge: {}, instances: [{ path: ["rules"], type: 0 }] } })', /no PtpRuleSet instance at rules/],
] as const) {
  test(`a worker that ${what}: the rules are loaded on the server thread, and the log says why`, async () => {
    const log: string[] = [];
    const loaded = await workerKnowledgeLoader(broken, nodeRuntime, (m) => log.push(m))(files);
    assert.deepStrictEqual(loaded, loadKnowledge(knowledgeOptionsOf(files, nodeRuntime)));
    assert.equal(log.length, 1, log.join('\n'));
    assert.match(log[0]!, /could not be loaded in a worker thread/);
    assert.match(log[0]!, reason);
  });
}
