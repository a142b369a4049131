// Rule files read a block at a time (openFileBlocks) must read exactly as the same bytes read whole:
// same encoding, same line breaks, same lines, whatever the block size and wherever a block ends
// (inside a UTF-8 character, between CR and LF, inside the BOM, inside a line longer than a block).

import assert from 'node:assert/strict';
import { appendFileSync, chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { loadKnowledge } from '../../server/src/core/rules';
import { openFileBlocks } from '../../server/src/core/rules/readFile';
import { decodeText, forEachLine, type BlockSource, type TextContent } from '../../server/src/core/rules/textInput';
import { runParameters } from '../fuzz/generators';
import { runAsNobody, runningAsRoot, sharedFolder } from './helpers/as-nobody';

/** The bytes as blocks of `size`, all in one buffer that each block reads over, as openFileBlocks does. */
function blocksOf(bytes: Buffer, size: number): BlockSource {
  return {
    byteLength: bytes.length,
    *blocks() {
      const block = Buffer.alloc(size);
      for (let start = 0; start < bytes.length; start += size) {
        const count = bytes.copy(block, 0, start, Math.min(start + size, bytes.length));
        yield block.subarray(0, count);
        block.fill(0x21);
      }
    },
  };
}

function linesOf(content: TextContent): string[] {
  const lines: string[] = [];
  forEachLine(content, (text, start, end, lineNumber) => lines.push(`${lineNumber}:${text.slice(start, end)}`));
  return lines;
}

const pieceArb = fc.constantFrom('43214', '\t', ',', ' ', '\n', '\r\n', '\r', 'é', 'ü', '€', '𝄞', '"', 'a', '20240101');
const fileArb = fc.record({
  text: fc.array(pieceArb, { maxLength: 60 }).map((pieces) => pieces.join('')),
  encoding: fc.constantFrom<'utf8' | 'latin1'>('utf8', 'latin1'),
  bom: fc.boolean(),
  blockSize: fc.integer({ min: 1, max: 17 }),
});

describe('rule files read a block at a time', () => {
  it('give the same lines and text as the bytes read whole, for any block size', () => {
    fc.assert(
      fc.property(fileArb, ({ text, encoding, bom, blockSize }) => {
        const body = Buffer.from(text, encoding);
        const bytes = bom ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]) : body;
        assert.deepEqual(linesOf(blocksOf(bytes, blockSize)), linesOf(bytes));
        assert.equal(decodeText(blocksOf(bytes, blockSize)), decodeText(bytes));
      }),
      runParameters(400, 9101),
    );
  });

  it('read UTF-8 cut by a block end as UTF-8, and keep a CRLF cut between blocks one line break', () => {
    const bytes = Buffer.from('43214\t43200\tCafé\r\n43214\t43197\t𝄞\r\n', 'utf8');
    const cutInE = bytes.indexOf(0xa9); // the second byte of é
    assert.deepEqual(linesOf(blocksOf(bytes, cutInE)), ['1:43214\t43200\tCafé', '2:43214\t43197\t𝄞']);
    const cutInCrlf = bytes.indexOf(10);
    assert.deepEqual(linesOf(blocksOf(bytes, cutInCrlf)), ['1:43214\t43200\tCafé', '2:43214\t43197\t𝄞']);
  });

  it('join a line longer than many blocks once (a file with no line break is copied once, not once a block)', () => {
    const bytes = Buffer.alloc(8 << 20, 0x41);
    bytes.write('43214\t43200\n', 0, 'latin1');
    const lengths: number[] = [];
    forEachLine(blocksOf(bytes, 1024), (_text, start, end) => lengths.push(end - start));
    assert.deepEqual(lengths, [11, bytes.length - 12]);
  });

  it('decode a source that gives more bytes than it said it had', () => {
    const bytes = Buffer.from('Code,Short\n43214,Egd\n'.repeat(50), 'latin1');
    const understated: BlockSource = { byteLength: 7, blocks: () => blocksOf(bytes, 5).blocks() };
    assert.equal(decodeText(understated), bytes.toString('latin1'));
  });

  it('read a latin-1 file as latin-1 even when its first blocks are ASCII', () => {
    const bytes = Buffer.from(`${'43214\t43200\n'.repeat(20)}Caf\u00e9\n`, 'latin1');
    assert.deepEqual(linesOf(blocksOf(bytes, 8)).at(-1), '21:Café');
  });

  it('openFileBlocks reads a file, refusing one over the cap or not a file before reading it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'claimlint-blocks-'));
    try {
      const path = join(dir, 'edits.txt');
      const rows = Array.from({ length: 80_000 }, (_, i) => `${10000 + (i % 80000)}\t${20000 + i}\t\t20100101\t*\t1\tRow ${i}\r\n`).join('');
      writeFileSync(path, rows, 'latin1');
      const source = openFileBlocks(path);
      assert.equal(source.byteLength, Buffer.byteLength(rows, 'latin1'));
      assert.ok(source.byteLength > 2 << 20, 'the file spans several blocks');
      assert.deepEqual(linesOf(source), linesOf(Buffer.from(rows, 'latin1')));
      assert.throws(() => openFileBlocks(path, 10), /over the 10 bytes limit/);
      // Bytes written after it was opened are not read: both walks read the size the cap was checked against.
      const growing = join(dir, 'growing.txt');
      writeFileSync(growing, rows, 'latin1');
      const opened = openFileBlocks(growing);
      appendFileSync(growing, '99999\t99998\t\t20100101\t*\t1\tAppended\r\n', 'latin1');
      assert.deepEqual(linesOf(opened), linesOf(Buffer.from(rows, 'latin1')));
      assert.throws(() => openFileBlocks(dir), /not a file/);
      const knowledge = loadKnowledge({ builtinEdits: false, ptpFiles: [path], descriptorFiles: [], readFile: (file) => openFileBlocks(file) });
      assert.deepEqual(knowledge.problems, []);
      assert.equal(knowledge.files[0]?.rows, 80_000);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('openFileBlocks refuses a file it may not read before reading it (as root: run as nobody)', () => {
    const dir = sharedFolder('claimlint-blocks-locked-');
    try {
      const path = join(dir, 'locked.txt');
      writeFileSync(path, '43214\t43200\t\t20100101\t*\t1\tRow\r\n', 'latin1');
      chmodSync(path, 0o000);
      if (runningAsRoot) {
        const code = runAsNobody(dir, resolve(__dirname, '../../server/src/core/rules/readFile.ts'), `try { m.openFileBlocks(${JSON.stringify(path)}); process.stdout.write('read'); } catch (error) { process.stdout.write(String(error.code)); }`);
        assert.equal(code, 'EACCES');
      } else {
        assert.throws(() => openFileBlocks(path), /EACCES/);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
