// Tables inside CMS .zip downloads: telling a zip by its first bytes, refusing entries that
// cannot be unzipped safely (other compression methods, encryption, sizes that do not add up),
// and reading one entry from the offset the zip's directory gave (zipDirectory.ts), while the
// zip is still the one listed.

import { closeSync, openSync, readSync } from 'node:fs';
import { basename } from 'node:path';
import { shownPath, type FilePath } from './filePaths';
import { describeFsError } from './fsErrors';
import { openFileCapped, type OpenFile } from './readFile';
import { formatBytes } from './textInput';
import { ZipDamaged, type ZipEntryInfo } from './zipDirectory';
import { readZipEntryBytes } from './zipEntry';

/** General purpose flag bit 0: the entry is encrypted. */
const ENCRYPTED = 1;

const COMPRESSION_NAMES: Record<number, string> = { 1: 'Shrink', 6: 'Implode', 9: 'Deflate64', 12: 'BZIP2', 14: 'LZMA', 93: 'Zstandard', 95: 'XZ', 98: 'PPMd', 99: 'AES encryption' };

/** Zip local file header or (empty archive) end of central directory signature. */
export function looksLikeZip(path: FilePath): boolean {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const head = Buffer.alloc(4);
    if (readSync(fd, head, 0, 4, 0) < 4) return false;
    return head[0] === 0x50 && head[1] === 0x4b && ((head[2] === 3 && head[3] === 4) || (head[2] === 5 && head[3] === 6));
  } catch {
    return false; // the real read reports the error
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Why an entry cannot be unzipped safely, or undefined. The declared size bounds what is
 * inflated (zipEntry.ts stops past it, and calls the entry damaged), so a refused size is never
 * allocated; a compressed size beyond what deflate could produce from the declared size means
 * the sizes are false (a damaged zip or a zip bomb).
 */
export function entryRefusal(info: ZipEntryInfo, maxBytes: number): string | undefined {
  if (info.compression !== 0 && info.compression !== 8) {
    const name = COMPRESSION_NAMES[info.compression];
    return `compressed with method ${info.compression}${name ? ` (${name})` : ''}, which cannot be read; unzip it and set the table file itself`;
  }
  if (info.flags & ENCRYPTED) return 'encrypted, which cannot be read; unzip it and set the table file itself';
  const unzipped = info.compression === 0 ? info.size : info.originalSize;
  if (!Number.isFinite(unzipped) || unzipped < 0) return 'the zip gives no valid size for this entry (the zip may be damaged)';
  if (unzipped > maxBytes) return `unzips to ${formatBytes(unzipped)}, over the ${formatBytes(maxBytes)} limit`;
  if (info.compression === 0 && info.originalSize !== info.size) return 'the sizes in the zip do not match (the zip may be damaged)';
  if (info.compression === 8 && info.size > info.originalSize + Math.ceil(info.originalSize / 1024) + 1024) {
    return 'the sizes in the zip do not match (the zip may be damaged, or be a zip bomb)';
  }
  return undefined;
}

/** A zip as it was when its directory was read: a table is read from it only while it still is. */
export interface ListedZip {
  size: number;
  mtimeMs: number;
}

/** Reads `entry` of the zip at `path` from the offset its directory gave, checking the zip is still the one listed. */
export function readZipEntry(path: FilePath, entry: ZipEntryInfo, listed: ListedZip, maxBytes: number): Buffer {
  const zipName = basename(shownPath(path));
  let zip: OpenFile;
  try {
    zip = openFileCapped(path, maxBytes);
  } catch (error) {
    throw new Error(`cannot read ${zipName}: ${describeFsError(error)}`);
  }
  try {
    if (zip.size !== listed.size || zip.mtimeMs !== listed.mtimeMs) throw new Error(`${entry.name} is no longer as it was listed in ${zipName} (the zip changed on disk)`);
    return readZipEntryBytes(zip.fd, zip.size, entry);
  } catch (error) {
    if (error instanceof ZipDamaged) throw new Error(`cannot unzip ${entry.name} from ${zipName}: ${error.message}`);
    if ((error as { code?: unknown } | null)?.code === undefined) throw error;
    throw new Error(`cannot read ${zipName}: ${describeFsError(error)}`);
  } finally {
    closeSync(zip.fd);
  }
}
