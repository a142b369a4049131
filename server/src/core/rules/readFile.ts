// The one place the rules code touches the file system: read a rule or descriptor file, refusing
// files over a size cap before reading them (a wrong setting must not exhaust memory).

import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { formatBytes, MAX_RULE_FILE_BYTES, type BlockSource } from './textInput';

/** Rule files opened with openFileBlocks are read this many bytes at a time. */
const BLOCK_BYTES = 1 << 20;

function checkedSize(path: string, maxBytes: number): number {
  const stats = statSync(path);
  if (!stats.isFile()) throw new Error('not a file');
  if (stats.size > maxBytes) throw new Error(`file is ${formatBytes(stats.size)}, over the ${formatBytes(maxBytes)} limit`);
  return stats.size;
}

/** The whole file (a .zip archive, whose directory is at its end). */
export function readFileCapped(path: string, maxBytes: number = MAX_RULE_FILE_BYTES): Buffer {
  checkedSize(path, maxBytes);
  return readFileSync(path);
}

/**
 * A table file read a block at a time whenever its lines are walked, so loading a 60 MB CMS table
 * never holds its bytes whole. Each walk reads the bytes the file had when opened (the size the
 * cap was checked against), or fewer if it has shrunk; a file rewritten meanwhile is loaded again
 * when its watcher sees the change.
 */
export function openFileBlocks(path: string, maxBytes: number = MAX_RULE_FILE_BYTES): BlockSource {
  const byteLength = checkedSize(path, maxBytes);
  // Refused now (not halfway through loading) when it cannot be read at all.
  closeSync(openSync(path, 'r'));
  return {
    byteLength,
    *blocks() {
      const fd = openSync(path, 'r');
      // One buffer for every block: a block is read over once the next is asked for.
      const block = Buffer.allocUnsafe(BLOCK_BYTES);
      try {
        for (let left = byteLength; left > 0; ) {
          const count = readSync(fd, block, 0, Math.min(BLOCK_BYTES, left), null);
          if (count === 0) return;
          left -= count;
          yield block.subarray(0, count);
        }
      } finally {
        closeSync(fd);
      }
    },
  };
}
