// Found in review (hostile input, rule files): a --descriptors / claimlint.descriptorFiles CSV with
// one very long quoted cell (a spreadsheet export that ran a column together, a binary pasted into a
// cell). loadDescriptorFile reads the file with parseDelimited (delimitedText.ts), which built each field
// one character at a time (`field += c`): every character added a V8 cons-string node, so a cell cost
// about 36 bytes of heap per byte of file. A 20 MB cell took 730 MB; a 200 MB file (under the
// 512 MB rule-file cap) ran the CLI out of its 4 GB heap after 80 s and aborted it, with no
// message naming the file. Reading the file must cost memory in proportion to it: fields are now
// slices of the text (tables-delimited-slices.test.ts holds them to the old reading).
//
// Here an 8 MB cell is loaded in a worker whose heap is capped at 128 MB (the text itself is
// 8 MB): the worker must finish, with the file's rows loaded or a problem naming it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';

test('a descriptor CSV with an 8 MB quoted cell loads within a 128 MB heap', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'claimlint-review-cell-'));
  const path = join(dir, 'descriptors.csv');
  writeFileSync(path, `Code,Short Descriptor,Long Descriptor\n99213,Office visit,"${'B'.repeat(8 * 1024 * 1024)}"\n99214,Office visit,Established patient\n`);
  const source = (file: string) => JSON.stringify(resolve(__dirname, '../../server/src/core/rules', file));
  const worker = new Worker(
    `require(${JSON.stringify(require.resolve('tsx/cjs'))});
     const { loadDescriptorFile } = require(${source('descriptors.ts')});
     const { openFileBlocks } = require(${source('readFile.ts')});
     const { parentPort, workerData } = require('node:worker_threads');
     const result = loadDescriptorFile(openFileBlocks(workerData), workerData);
     parentPort.postMessage({ rows: result.rows, problems: result.problems.length });`,
    { eval: true, workerData: path, resourceLimits: { maxOldGenerationSizeMb: 128 } },
  );
  try {
    const outcome = await new Promise<{ rows: number; problems: number } | string>((done) => {
      const timer = setTimeout(() => done('no answer within 60 s'), 60_000);
      worker.once('message', (message: { rows: number; problems: number }) => {
        clearTimeout(timer);
        done(message);
      });
      worker.once('error', (error: Error & { code?: string }) => {
        clearTimeout(timer);
        done(`${error.code ?? error.name}: ${error.message}`);
      });
    });
    assert.equal(typeof outcome, 'object', `the load failed: ${String(outcome)}`);
    const { rows, problems } = outcome as { rows: number; problems: number };
    assert.ok(rows === 2 || problems > 0, `rows ${rows}, problems ${problems}`);
  } finally {
    await worker.terminate();
    rmSync(dir, { recursive: true, force: true });
  }
});
