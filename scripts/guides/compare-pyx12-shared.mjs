#!/usr/bin/env node
// `npm run compare:pyx12`: runs compare-pyx12.mjs with --corpus and --results taken from the
// team's shared reference folder beside the repository (../shared/corpus and
// ../shared/reference/pyx12-results-corpus.json) unless given. A fresh clone has no ../shared:
// then it says which options to pass instead of failing inside the comparison. Other options
// (--all, --verbose, --extras N, --pairs) go through unchanged:
//
//   npm run compare:pyx12 -- --extras 3
//   npm run compare:pyx12 -- --corpus DIR --results FILE
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '../..');
const args = process.argv.slice(2);
const defaults = [
  ['--corpus', resolve(repo, '../shared/corpus'), 'the folder of X12 files pyx12 was run on'],
  ['--results', resolve(repo, '../shared/reference/pyx12-results-corpus.json'), "pyx12's errors on that folder (pyx12-results-corpus.json)"],
];
const missing = [];
for (const [name, path, what] of defaults) {
  if (args.includes(name)) continue;
  if (existsSync(path)) args.push(name, path);
  else missing.push(`  ${name} ${name === '--corpus' ? 'DIR' : 'FILE'}  ${what} (default ${path}: not found)`);
}
if (missing.length > 0) {
  process.stderr.write(
    'compare:pyx12: the corpus and pyx12\'s results are not in the repository, and the shared folder beside it is not there.\n' +
      `Pass them after --:\n${missing.join('\n')}\n` +
      'e.g. npm run compare:pyx12 -- --corpus ../shared/corpus --results ../shared/reference/pyx12-results-corpus.json\n',
  );
  process.exit(2);
}
const run = spawnSync(process.execPath, ['--import', 'tsx', join(here, 'compare-pyx12.mjs'), ...args], { stdio: 'inherit', cwd: repo });
process.exit(run.status ?? 1);
