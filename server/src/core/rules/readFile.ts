// The one place the rules code touches the file system: read a rule or descriptor file, refusing
// files over a size cap before reading them (a wrong setting must not exhaust memory).

import { closeSync, fstatSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import type { FilePath } from './filePaths';
import { formatBytes, MAX_RULE_FILE_BYTES, type BlockSource } from './textInput';

/** Rule files opened with openFileBlocks are read this many bytes at a time. */
const BLOCK_BYTES = 1 << 20;

function checkedSize(stats: { isFile(): boolean; size: number }, maxBytes: number): number {
  if (!stats.isFile()) throw new Error('not a file');
  if (stats.size > maxBytes) throw new Error(`file is ${formatBytes(stats.size)}, over the ${formatBytes(maxBytes)} limit`);
  return stats.size;
}

/** The whole file. */
export function readFileCapped(path: FilePath, maxBytes: number = MAX_RULE_FILE_BYTES): Buffer {
  checkedSize(statSync(path), maxBytes);
  return readFileSync(path);
}

/** A file open for reading at offsets (a .zip archive, whose directory is at its end), and what it was when opened. */
export interface OpenFile {
  fd: number;
  size: number;
  mtimeMs: number;
}

/** Opens a file after the checks readFileCapped makes (a regular file, not over `maxBytes`); close its fd after. */
export function openFileCapped(path: FilePath, maxBytes: number = MAX_RULE_FILE_BYTES): OpenFile {
  // Checked before it is opened too: opening a named pipe would wait for a writer.
  checkedSize(statSync(path), maxBytes);
  const fd = openSync(path, 'r');
  try {
    const stats = fstatSync(fd);
    return { fd, size: checkedSize(stats, maxBytes), mtimeMs: stats.mtimeMs };
  } catch (error) {
    closeSync(fd);
    throw error;
  }
}

/**
 * A table file read a block at a time whenever its lines are walked, so loading a 60 MB CMS table
 * never holds its bytes whole. Each walk reads the bytes the file had when opened (the size the
 * cap was checked against), or fewer if it has shrunk; a file rewritten meanwhile is loaded again
 * when its watcher sees the change.
 */
export function openFileBlocks(path: FilePath, maxBytes: number = MAX_RULE_FILE_BYTES): BlockSource {
  const byteLength = checkedSize(statSync(path), maxBytes);
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
