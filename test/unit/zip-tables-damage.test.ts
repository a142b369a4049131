// Found in review (hostile input, rule files): CMS .zip downloads given as --ptp /
// claimlint.ptpEditFiles, as a damaged download, a bad tool or a hostile sender can make them. With
// fflate's unzipSync a table that inflated past its declared size was cut short to it without a
// word, a CRC-32 was never checked, a central directory whose offset pointed past the end was
// called empty, and each table re-read the whole zip and walked its directory again (10,000 tables:
// 41 s). The directory is now read once (zipDirectory.ts) and each table from its offset
// (zipEntry.ts), checked against its size and CRC-32: each zip ends in bounded time with every
// table either loaded whole or reported. The zips are written here, byte by byte, a few KB each.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deflateRawSync } from 'node:zlib';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { expandRuleFilePaths, tableKindFromName } from '../../server/src/core/rules/ruleFiles';
import { loadKnowledge, type Knowledge } from '../../server/src/core/rules/knowledge';
import { openFileBlocks } from '../../server/src/core/rules/readFile';

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

interface Entry {
  name: string;
  data: Buffer;
  method: 0 | 8;
  /** The uncompressed size written in both headers (default: the true size). */
  declaredSize?: number;
  /** The CRC-32 written in both headers (default: the true one). */
  crc?: number;
  /** Bytes stored instead of the data (default: the data, deflated for method 8). */
  body?: Buffer;
}

/** A plain zip (no data descriptors, no zip64); `centralOffset` overrides the offset the end record gives. */
function makeZip(entries: Entry[], centralOffset?: number): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const body = entry.body ?? (entry.method === 8 ? deflateRawSync(entry.data) : entry.data);
    const crc = entry.crc ?? crc32(entry.data);
    const size = entry.declaredSize ?? entry.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0, 6);
    local.writeUInt16LE(entry.method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0, 8);
    central.writeUInt16LE(entry.method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(centralOffset ?? offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const TITLE = 'CMS NCCI practitioner PTP edits (synthetic)\r\n';
const row = (column1: string, column2: string) => `${column1}\t${column2}\t\t20200101\t*\t0\tMutually exclusive procedures\r\n`;
/** Ten good rows, each a distinct pair. */
const TEN_ROWS = Array.from({ length: 10 }, (_, i) => row(`9921${i % 5}`, `3641${i}`)).join('');

function loadZip(bytes: Buffer): Knowledge {
  const dir = mkdtempSync(join(tmpdir(), 'claimlint-zip-damage-'));
  try {
    const path = join(dir, 'medicare-ncci-ptp-edits-ccipra-f1.zip');
    writeFileSync(path, bytes);
    return loadKnowledge({
      builtinEdits: false,
      ptpFiles: [path],
      descriptorFiles: [],
      readFile: (p) => openFileBlocks(p),
      expand: (paths) => expandRuleFilePaths(paths),
      tableOfName: tableKindFromName,
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('a zip entry that inflates past the size its headers declare is not loaded cut short without a word', () => {
  const data = Buffer.from(TITLE + TEN_ROWS, 'latin1');
  // The headers say the table is half its size (a damaged or hand-edited zip): fflate inflates into
  // a buffer of the declared size and drops the rest, so half the rows would go missing.
  const knowledge = loadZip(makeZip([{ name: 'ptp.txt', data, method: 8, declaredSize: Math.floor(data.length / 2) }]));
  const rows = knowledge.files.reduce((sum, file) => sum + file.rows, 0);
  assert.ok(rows === 10 || knowledge.problems.length > 0, `${rows} of 10 rows loaded and no problem said: ${JSON.stringify(knowledge.problems)}`);
});

test('a stored zip entry whose bytes do not match its CRC-32 is reported as damaged, not loaded as it reads', () => {
  const good = Buffer.from(TITLE + TEN_ROWS, 'latin1');
  // One byte changed after the CRC was taken (a damaged download): 36410 became 36419, an edit CMS never published.
  const damaged = Buffer.from(good);
  const at = damaged.indexOf('36410');
  damaged[at + 4] = 0x39;
  const knowledge = loadZip(makeZip([{ name: 'ptp.txt', data: good, method: 0, body: damaged }]));
  assert.ok(knowledge.problems.length > 0, `loaded ${JSON.stringify(knowledge.files)} with no problem`);
  assert.match(knowledge.problems.map((p) => p.reason).join('\n'), /damaged|CRC|checksum|corrupt/i);
  assert.equal(knowledge.tables.practitioner.editsAsColumnTwo('36419').length, 0, 'the altered pair was loaded as an edit');
});

test('a zip whose central directory offset points past its end is called damaged, not empty', () => {
  const data = Buffer.from(TITLE + TEN_ROWS, 'latin1');
  const knowledge = loadZip(makeZip([{ name: 'ptp.txt', data, method: 8 }], 0x7fffff00));
  assert.equal(knowledge.problems.length, 1, JSON.stringify(knowledge.problems));
  const reason = knowledge.problems[0]!.reason;
  assert.doesNotMatch(reason, /empty/, reason);
  assert.match(reason, /damaged|not a readable zip/i, reason);
});

test('a zip of 10,000 small tables is loaded, each table once, not re-read whole for each table', async () => {
  const entries: Entry[] = Array.from({ length: 10_000 }, (_, i) => ({ name: `part-${i}.txt`, data: Buffer.from(TITLE + row('99213', '36415'), 'latin1'), method: 0 as const }));
  const dir = mkdtempSync(join(tmpdir(), 'claimlint-zip-many-'));
  const path = join(dir, 'many-tables.zip');
  const zip = makeZip(entries);
  writeFileSync(path, zip);
  // In a worker, so that a load that runs on for minutes can be stopped at the deadline. The
  // worker counts the bytes the load reads (fs.readSync), which say whether the zip was read
  // again for each table whatever the machine's speed.
  const source = (file: string) => JSON.stringify(resolve(__dirname, '../../server/src/core/rules', file));
  const worker = new Worker(
    `require(${JSON.stringify(require.resolve('tsx/cjs'))});
     const { expandRuleFilePaths, tableKindFromName } = require(${source('ruleFiles.ts')});
     const { loadKnowledge } = require(${source('knowledge.ts')});
     const { openFileBlocks } = require(${source('readFile.ts')});
     const { parentPort, workerData } = require('node:worker_threads');
     const fs = require('node:fs');
     const readSync = fs.readSync;
     let bytesRead = 0;
     fs.readSync = function (...args) { const n = readSync.apply(this, args); bytesRead += n; return n; };
     const k = loadKnowledge({ builtinEdits: false, ptpFiles: [workerData], descriptorFiles: [], readFile: (p) => openFileBlocks(p), expand: (p) => expandRuleFilePaths(p), tableOfName: tableKindFromName });
     fs.readSync = readSync;
     parentPort.postMessage({ files: k.files.length, rows: k.files.reduce((sum, f) => sum + f.rows, 0), problems: k.problems.map((p) => p.reason), bytesRead });`,
    { eval: true, workerData: path },
  );
  // Only a guard against a load that never ends (re-reading the zip for each table took 41 s): not a speed goal.
  const DEADLINE_MS = 60_000;
  try {
    type Loaded = { files: number; rows: number; problems: string[]; bytesRead: number };
    const outcome = await new Promise<Loaded | 'timeout'>((done, fail) => {
      const timer = setTimeout(() => done('timeout'), DEADLINE_MS);
      worker.once('message', (loaded: Loaded) => {
        clearTimeout(timer);
        done(loaded);
      });
      worker.once('error', (error) => {
        clearTimeout(timer);
        fail(error);
      });
    });
    assert.notEqual(outcome, 'timeout', `loading a ${(zip.length / 1e6).toFixed(1)} MB zip of 10,000 tables did not end within ${DEADLINE_MS / 1000} s`);
    const loaded = outcome as Loaded;
    assert.deepEqual({ files: loaded.files, rows: loaded.rows, problems: loaded.problems }, { files: 10_000, rows: 10_000, problems: [] }, 'every table loaded, its one row each');
    // The directory once and each table from its offset: about the zip's size (re-read whole
    // for each table: 10,000 times it).
    assert.ok(loaded.bytesRead <= 2 * zip.length, `${loaded.bytesRead} bytes read of a ${zip.length}-byte zip`);
  } finally {
    await worker.terminate();
    rmSync(dir, { recursive: true, force: true });
  }
});
