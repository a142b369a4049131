// Runs the integration suite (test/integration/out/*.test.js, built by `node scripts/build.mjs --tests`)
// inside a real VS Code with @vscode/test-electron's runTests.
//
// Where desktop VS Code is at hand, point VSCODE_EXECUTABLE_PATH at it and it is used as is.
// Otherwise (CI, headless machines; VS Code can't be downloaded here) the executable is
// test/vscode-host/launcher.mjs: VS Code's server (from the code-server package) and its web
// workbench in headless Chromium, installed on first use by test/vscode-host/ensure.mjs.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTests } from '@vscode/test-electron';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const extensionTestsPath = join(root, 'test', 'integration', 'out', 'index.js');
const workspace = join(root, 'test', 'integration', 'workspace');
const resultsFile = join(root, 'test', 'integration', 'out', 'results.json');

function summary() {
  // The closing line: 'N passed, N failed' (the suite writes the counts; see suite/index.ts).
  try {
    const r = JSON.parse(readFileSync(resultsFile, 'utf8'));
    return `integration: ${r.passed} passed, ${r.failed} failed${r.skipped ? `, ${r.skipped} skipped` : ''}`;
  } catch {
    return undefined;
  }
}

async function main() {
  for (const required of [extensionTestsPath, join(root, 'client', 'out', 'extension.js'), join(root, 'server', 'out', 'server.js')]) {
    if (!existsSync(required)) throw new Error(`${required} is missing; run: node scripts/build.mjs --tests`);
  }
  let vscodeExecutablePath = process.env.VSCODE_EXECUTABLE_PATH;
  if (!vscodeExecutablePath) {
    const { ensureHost } = await import('../vscode-host/ensure.mjs');
    await ensureHost();
    vscodeExecutablePath = join(root, 'test', 'vscode-host', 'launcher.mjs');
  }
  rmSync(resultsFile, { force: true });
  const started = Date.now();
  await runTests({
    vscodeExecutablePath,
    extensionDevelopmentPath: root,
    extensionTestsPath,
    launchArgs: [workspace, '--disable-extensions'],
    extensionTestsEnv: { CLAIMLINT_INTEGRATION_RESULTS: resultsFile },
  });
  process.stderr.write(`integration run took ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}

try {
  await main();
  console.log(summary() ?? 'integration: suite exited 0 but wrote no results');
} catch (error) {
  console.error(`integration tests failed: ${error?.message ?? error}`);
  const line = summary();
  if (line) console.log(line);
  process.exit(1);
}
