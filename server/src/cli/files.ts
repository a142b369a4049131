// Reading claim files into text: a whole file (or standard input) decoded as it was written, or a
// big one in blocks of bytes. Writing a fixed file back is atomicWrite.ts.
import { isAscii, isUtf8, constants as bufferConstants } from 'node:buffer';
import { closeSync, fstatSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { shownPath, type FilePath } from '../core/rules/filePaths';
import { identityOf, type FileIdentity } from './fileIdentity';

/**
 * The largest input read: one JavaScript string holds the whole document, and V8 caps string
 * length (about 512 MB of one-byte characters in Node 20).
 */
export const MAX_INPUT_BYTES = Math.min(bufferConstants.MAX_STRING_LENGTH, 1024 * 1024 * 1024);

/** How the bytes were decoded, so that fix writes them back the same way. */
export type InputEncoding = 'ascii' | 'utf8' | 'latin1' | 'utf16le';

export interface DecodedInput {
  text: string;
  encoding: InputEncoding;
  /** A byte-order mark was removed from the start (editors hide it too, so columns match). */
  bom: boolean;
  bytes: number;
  /** A file given by path: what it was when it was read (fix replaces it only if it still is). */
  identity?: FileIdentity;
}


export class InputError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Decodes a claim file: ASCII (nearly every X12 file) as one-byte text without a second pass;
 * valid UTF-8 as UTF-8; UTF-16LE with its BOM (Excel's "Unicode text"); anything else as
 * latin-1, which maps every byte to one character, so no byte is ever lost.
 */
export function decode(bytes: Buffer): DecodedInput {
  const length = bytes.length;
  if (length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: bytes.toString('utf16le', 2), encoding: 'utf16le', bom: true, bytes: length };
  }
  const bom = length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  if (bom && isUtf8(bytes)) return { text: bytes.toString('utf8', 3), encoding: 'utf8', bom: true, bytes: length };
  // A UTF-8 BOM before bytes that are not UTF-8 (a file written in two encodings): the rest is
  // latin-1, every byte kept, and the BOM is not text (an ISA after it is still the header); a
  // fix writes it back (encodedChunks).
  if (bom) return { text: bytes.toString('latin1', 3), encoding: 'latin1', bom: true, bytes: length };
  if (isAscii(bytes)) return { text: bytes.toString('latin1'), encoding: 'ascii', bom: false, bytes: length };
  if (isUtf8(bytes)) return { text: bytes.toString('utf8'), encoding: 'utf8', bom: false, bytes: length };
  return { text: bytes.toString('latin1'), encoding: 'latin1', bom: false, bytes: length };
}

function describeReadError(error: unknown): string {
  const code = (error as { code?: string } | null)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EISDIR':
      return 'is a directory, not a file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ERR_STRING_TOO_LONG':
    case 'ERR_FS_FILE_TOO_LARGE':
      return `too large: the largest file Claimlint can check is ${Math.floor(MAX_INPUT_BYTES / 1048576)} MB`;
    default:
      return code ? `cannot be read (${code})` : 'cannot be read';
  }
}

/** The error a read over MAX_INPUT_BYTES throws (describeReadError says "too large"). */
function tooLarge(): Error {
  return Object.assign(new Error('too large'), { code: 'ERR_FS_FILE_TOO_LARGE' });
}

/**
 * All of what the open descriptor gives until its end, synchronously, in blocks, refused with
 * "too large" as soon as it passes MAX_INPUT_BYTES (a device or a pipe may never end: /dev/zero,
 * `<(zcat big.gz)`). A pipe left in non-blocking mode by the parent answers EAGAIN when it is
 * momentarily empty: wait a little and read on, rather than fail.
 */
export function readAllCapped(fd: number): Buffer {
  const CHUNK = 1 << 22;
  const chunks: Buffer[] = [];
  let total = 0;
  const sleeper = new Int32Array(new SharedArrayBuffer(4));
  // Pipes hand out 64 KB at a time: fill each chunk before starting the next.
  let chunk = Buffer.allocUnsafe(CHUNK);
  let filled = 0;
  for (;;) {
    let read: number;
    try {
      read = readSync(fd, chunk, filled, chunk.length - filled, null);
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === 'EAGAIN') {
        Atomics.wait(sleeper, 0, 0, 10);
        continue;
      }
      if (code === 'EOF') break;
      throw error;
    }
    if (read === 0) break;
    filled += read;
    total += read;
    if (total > MAX_INPUT_BYTES) throw tooLarge();
    if (filled === chunk.length) {
      chunks.push(chunk);
      chunk = Buffer.allocUnsafe(CHUNK);
      filled = 0;
    }
  }
  if (filled > 0) chunks.push(chunk.subarray(0, filled));
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total);
}

/** All of standard input (readAllCapped). */
export function readStandardInput(): Buffer {
  return readAllCapped(0);
}

/**
 * Reads and decodes one input ('-' is standard input). Throws InputError with a one-line reason.
 * A path of bytes (a name found in a folder that is not UTF-8) gets no identity: fix, the one
 * reader of it, names its file by text.
 */
export function readInput(path: FilePath, readStdin: () => Buffer): DecodedInput {
  let bytes: Buffer;
  try {
    let identity: FileIdentity | undefined;
    if (path === '-') {
      bytes = readStdin();
    } else {
      // The status of the open file, taken before its bytes are read: the same file, and any
      // change made while it is read shows as a change.
      const fd = openSync(path, 'r');
      try {
        const stats = fstatSync(fd, { bigint: true });
        if (stats.isDirectory()) throw Object.assign(new Error('directory'), { code: 'EISDIR' });
        if (stats.size > BigInt(MAX_INPUT_BYTES)) throw tooLarge();
        if (stats.isFile() && typeof path === 'string') identity = identityOf(path, stats);
        // A regular file is read to the size it has; anything else (a device, a pipe, a file
        // that gives no size) until its end, the cap applied as it is read.
        bytes = stats.isFile() && stats.size > 0n ? readFileSync(fd) : readAllCapped(fd);
      } finally {
        closeSync(fd);
      }
    }
    if (bytes.length > MAX_INPUT_BYTES) throw tooLarge();
    return identity ? { ...decode(bytes), identity } : decode(bytes);
  } catch (error) {
    throw new InputError(shownPath(path), describeReadError(error));
  }
}

/** Bytes read per block when a file is read in pieces (one reused buffer of this size). */
export const BLOCK_BYTES = 4 * 1024 * 1024;

/**
 * Opens a file to be read in blocks, after the checks readInput makes (a directory, a file over
 * MAX_INPUT_BYTES), with the same InputError reasons. Null for what is not a regular file (a pipe,
 * a device): that is read whole, once.
 */
function openForBlocks(path: FilePath): number | null {
  try {
    const stats = statSync(path);
    if (stats.isDirectory()) throw Object.assign(new Error('directory'), { code: 'EISDIR' });
    if (stats.size > MAX_INPUT_BYTES) throw tooLarge();
    if (!stats.isFile()) return null;
    return openSync(path, 'r');
  } catch (error) {
    throw new InputError(shownPath(path), describeReadError(error));
  }
}

/** A file open to be read in blocks (withBlockFile). */
export interface BlockFile {
  fd: number;
  /**
   * The one buffer its blocks are read into, made when first asked for: a reader that looks at
   * the file's start first (stream.ts) and leaves it to another never fills megabytes for nothing.
   */
  readonly buffer: Buffer;
  /** Throws InputError when the file is not the one opened any more (rewritten while it was read twice). */
  unchanged(): void;
}

/**
 * Runs `read` on the file at `path` open for blocks (openForBlocks), with a buffer of
 * `blockBytes` (or the file's size, if smaller), and closes it after; null when it is not a regular file (it is read whole).
 */
export function withBlockFile<T>(path: FilePath, blockBytes: number, read: (file: BlockFile) => T): T | null {
  const fd = openForBlocks(path);
  if (fd === null) return null;
  try {
    const before = fstatSync(fd);
    const unchanged = () => {
      const now = fstatSync(fd);
      if (now.size !== before.size || now.mtimeMs !== before.mtimeMs || now.ino !== before.ino) throw new InputError(shownPath(path), 'changed while it was being checked; check it again');
    };
    // No bigger than the file (at least a byte): a run over many small files does not make a block's buffer for each.
    let buffer: Buffer | null = null;
    return read({
      fd,
      get buffer() {
        return (buffer ??= Buffer.allocUnsafe(Math.min(blockBytes, Math.max(before.size, 1))));
      },
      unchanged,
    });
  } finally {
    closeSync(fd);
  }
}

/** Fills `buffer` with the bytes of the open file `fd` from `position` (fewer only at its end) and returns how many were read. */
export function fillBlock(fd: number, buffer: Buffer, position: number): number {
  let filled = 0;
  while (filled < buffer.length) {
    const read = readSync(fd, buffer, filled, buffer.length - filled, position + filled);
    if (read === 0) break;
    filled += read;
  }
  return filled;
}

/**
 * Fills `buffer` with the file's bytes from `position` (fewer only at the end of the file) and
 * returns how many were read. A read error is an InputError, as readInput reports it.
 */
export function readBlock(path: FilePath, fd: number, buffer: Buffer, position: number): number {
  let filled = 0;
  try {
    filled = fillBlock(fd, buffer, position);
    if (position + filled > MAX_INPUT_BYTES) throw tooLarge();
  } catch (error) {
    throw new InputError(shownPath(path), describeReadError(error));
  }
  return filled;
}

/**
 * The bytes of an open file from its start, read in blocks of the buffer's size into the buffer:
 * a block is valid only until the next one is asked for.
 */
export function* byteBlocks(path: FilePath, fd: number, buffer: Buffer): Generator<Uint8Array, void, undefined> {
  for (let position = 0; ; ) {
    const read = readBlock(path, fd, buffer, position);
    if (read === 0) return;
    position += read;
    yield buffer.subarray(0, read);
  }
}

