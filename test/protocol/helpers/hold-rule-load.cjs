// Preloaded into the language server (node --require) by rules-loading.test.ts, to hold a rule
// load at a point the test chooses instead of racing it. In a worker thread (the server loads rule
// files in one, lsp/knowledgeLoader.ts), the first opening of the table CLAIMLINT_TEST_HOLD_TABLE
// waits until the test lets it go: a child process connects to the test's TCP server on
// 127.0.0.1:CLAIMLINT_TEST_HOLD_PORT (the test sees the load arrive) and ends when the test writes
// to it. spawnSync blocks the worker only; the server's own thread goes on answering. Without the
// two variables, or on the server's thread, nothing is changed.
'use strict';
const { isMainThread } = require('node:worker_threads');

const table = process.env.CLAIMLINT_TEST_HOLD_TABLE;
const port = Number(process.env.CLAIMLINT_TEST_HOLD_PORT);

if (!isMainThread && table && port > 0) {
  const fs = require('node:fs');
  const { resolve } = require('node:path');
  const { spawnSync } = require('node:child_process');
  const openSync = fs.openSync;
  let held = false;
  fs.openSync = function (path, ...rest) {
    if (!held && typeof path === 'string' && resolve(path) === table) {
      held = true;
      const wait = `require('node:net').connect(${port}, '127.0.0.1').on('data', () => process.exit(0)).on('error', () => process.exit(1)).on('end', () => process.exit(2));`;
      const run = spawnSync(process.execPath, ['-e', wait], { stdio: 'ignore' });
      if (run.status !== 0) throw new Error(`hold-rule-load: the test did not let the load go (child exit ${run.status}, ${run.error ?? 'no error'})`);
    }
    return openSync.call(this, path, ...rest);
  };
}
