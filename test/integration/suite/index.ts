// Entry point the VS Code extension host loads (extensionTestsPath = test/integration/out/index.js):
// runs mocha over the other bundles in test/integration/out/*.test.js (BDD: describe/it).
// mocha stays external to the bundle and resolves from the repo's node_modules.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { format } from 'node:util';
import Mocha from 'mocha';

export async function run(): Promise<void> {
  const mocha = new Mocha({
    ui: 'bdd',
    reporter: 'spec',
    color: false,
    timeout: Number(process.env.CLAIMLINT_MOCHA_TIMEOUT_MS) || 30_000,
    slow: 5_000,
    ...(process.env.CLAIMLINT_MOCHA_GREP ? { grep: process.env.CLAIMLINT_MOCHA_GREP } : {}),
  });
  // The reporter prints through Base.consoleLog (console.log by default). In the extension host,
  // console.* goes to the workbench's log with printf-style formatting lost; writing whole,
  // already formatted lines to stdout reads the same in desktop VS Code and in the headless host.
  (Mocha.reporters.Base as unknown as { consoleLog: (...args: unknown[]) => void }).consoleLog = (...args) => {
    process.stdout.write(`${format(...args)}\n`);
  };

  const outDir = __dirname;
  // extension.test.js first: it checks that opening an .837 file is what activates the
  // extension, which only means something before any other test has activated it.
  const first = 'extension.test.js';
  const files = fs
    .readdirSync(outDir)
    .filter((f) => f.endsWith('.test.js'))
    .sort((a, b) => Number(b === first) - Number(a === first) || a.localeCompare(b));
  if (files.length === 0) throw new Error(`no *.test.js files in ${outDir}; run node scripts/build.mjs --tests`);
  for (const f of files) mocha.addFile(path.join(outDir, f));

  const stats = await new Promise<Mocha.Stats>((resolve, reject) => {
    try {
      const runner = mocha.run(() => resolve(runner.stats ?? ({ passes: 0, failures: 1, pending: 0 } as Mocha.Stats)));
    } catch (error) {
      reject(error);
    }
  });

  // runTest.mjs prints the closing summary from this file after VS Code has exited.
  const resultsFile = process.env.CLAIMLINT_INTEGRATION_RESULTS;
  if (resultsFile) {
    fs.writeFileSync(resultsFile, JSON.stringify({ passed: stats.passes, failed: stats.failures, skipped: stats.pending }));
  }
  if (stats.failures > 0) throw new Error(`${stats.failures} integration test(s) failed`);
  if (stats.passes === 0) throw new Error('no integration test ran');
}
