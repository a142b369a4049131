// One esbuild script for every bundle: the client (vscode external), the server and the CLI
// (no externals, so `node server/out/server.js --stdio` runs on its own), and, with --tests,
// the integration suite that runs inside the VS Code extension host.
import * as esbuild from 'esbuild';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const production = process.argv.includes('--production');
const tests = process.argv.includes('--tests');
// --out-root DIR writes the bundles under DIR instead of the repository (the packaging test uses it).
const outRootIndex = process.argv.indexOf('--out-root');
const outRoot = outRootIndex > 0 ? process.argv[outRootIndex + 1] : '.';

/**
 * The JSON files in the core's data folders (imported whole, by their default export) as
 * JSON.parse of one string rather than as object literals: V8 parses JSON text much faster than
 * the same object as JavaScript, and every process runs its bundle's top level (the 270 KB guide
 * data: about 10 ms of each CLI run's start-up).
 */
const dataAsJsonText = {
  name: 'data-as-json-text',
  setup(build) {
    build.onLoad({ filter: /[\\/]server[\\/]src[\\/]core[\\/](?:.*[\\/])?data[\\/][^\\/]+\.json$/ }, (args) => {
      const json = JSON.stringify(JSON.parse(readFileSync(args.path, 'utf8')));
      return { contents: `export default JSON.parse(${JSON.stringify(json)});`, loader: 'js' };
    });
  },
};

const common = {
  bundle: true,
  plugins: [dataAsJsonText],
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  legalComments: 'none',
};

// The server loads rule tables in a worker thread (server/src/lsp/knowledgeLoader.ts). The
// worker's bundle is embedded in the server's as a string, so the server stays one file.
const knowledgeWorker = await esbuild.build({ ...common, sourcemap: false, entryPoints: ['server/src/lsp/knowledgeWorker.ts'], outfile: 'knowledgeWorker.js', write: false });
const define = { CLAIMLINT_KNOWLEDGE_WORKER: JSON.stringify(knowledgeWorker.outputFiles[0].text) };

const builds = [
  { ...common, entryPoints: ['client/src/extension.ts'], outfile: join(outRoot, 'client/out/extension.js'), external: ['vscode'] },
  { ...common, entryPoints: ['server/src/server.ts'], outfile: join(outRoot, 'server/out/server.js'), define },
  { ...common, entryPoints: ['server/src/cli/main.ts'], outfile: join(outRoot, 'server/out/cli.js'), banner: { js: '#!/usr/bin/env node' } },
];

if (tests) {
  const dir = 'test/integration/suite';
  const entryPoints = readdirSync(dir).filter((f) => f.endsWith('.ts')).map((f) => join(dir, f));
  builds.push({ ...common, sourcemap: 'inline', minify: false, entryPoints, outdir: 'test/integration/out', external: ['vscode', 'mocha'] });
}

await Promise.all(builds.map((options) => esbuild.build(options)));
