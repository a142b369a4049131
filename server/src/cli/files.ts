// Reading claim files into text, and writing a fixed file back without ever leaving a partial one.
import { isAscii, isUtf8, constants as bufferConstants } from 'node:buffer';
import { randomBytes } from 'node:crypto';
import { closeSync, fchmodSync, fsyncSync, openSync, readFileSync, readSync, realpathSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

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
  // A UTF-8 BOM before bytes that are not UTF-8 falls through to latin-1, BOM bytes and all.
  if (bom && isUtf8(bytes)) return { text: bytes.toString('utf8', 3), encoding: 'utf8', bom: true, bytes: length };
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

/**
 * All of standard input, synchronously. A pipe left in non-blocking mode by the parent answers
 * EAGAIN when it is momentarily empty: wait a little and read on, rather than fail.
 */
export function readStandardInput(): Buffer {
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
      read = readSync(0, chunk, filled, chunk.length - filled, null);
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
    if (total > MAX_INPUT_BYTES) throw Object.assign(new Error('too large'), { code: 'ERR_FS_FILE_TOO_LARGE' });
    if (filled === chunk.length) {
      chunks.push(chunk);
      chunk = Buffer.allocUnsafe(CHUNK);
      filled = 0;
    }
  }
  if (filled > 0) chunks.push(chunk.subarray(0, filled));
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total);
}

/** Reads and decodes one input ('-' is standard input). Throws InputError with a one-line reason. */
export function readInput(path: string, readStdin: () => Buffer): DecodedInput {
  let bytes: Buffer;
  try {
    if (path === '-') {
      bytes = readStdin();
    } else {
      const stats = statSync(path);
      if (stats.isDirectory()) throw Object.assign(new Error('directory'), { code: 'EISDIR' });
      if (stats.size > MAX_INPUT_BYTES) throw Object.assign(new Error('too large'), { code: 'ERR_FS_FILE_TOO_LARGE' });
      bytes = readFileSync(path);
    }
    if (bytes.length > MAX_INPUT_BYTES) throw Object.assign(new Error('too large'), { code: 'ERR_FS_FILE_TOO_LARGE' });
    return decode(bytes);
  } catch (error) {
    throw new InputError(path, describeReadError(error));
  }
}

/** Bytes read per block when a file is read in pieces (one reused buffer of this size). */
export const BLOCK_BYTES = 4 * 1024 * 1024;

/**
 * Opens a file to be read in blocks, after the checks readInput makes (a directory, a file over
 * MAX_INPUT_BYTES), with the same InputError reasons. Null for what is not a regular file (a pipe,
 * a device): that is read whole, once.
 */
export function openForBlocks(path: string): number | null {
  try {
    const stats = statSync(path);
    if (stats.isDirectory()) throw Object.assign(new Error('directory'), { code: 'EISDIR' });
    if (stats.size > MAX_INPUT_BYTES) throw Object.assign(new Error('too large'), { code: 'ERR_FS_FILE_TOO_LARGE' });
    if (!stats.isFile()) return null;
    return openSync(path, 'r');
  } catch (error) {
    throw new InputError(path, describeReadError(error));
  }
}

/**
 * Fills `buffer` with the file's bytes from `position` (fewer only at the end of the file) and
 * returns how many were read. A read error is an InputError, as readInput reports it.
 */
export function readBlock(path: string, fd: number, buffer: Buffer, position: number): number {
  let filled = 0;
  try {
    while (filled < buffer.length) {
      const read = readSync(fd, buffer, filled, buffer.length - filled, position + filled);
      if (read === 0) break;
      filled += read;
    }
    if (position + filled > MAX_INPUT_BYTES) throw Object.assign(new Error('too large'), { code: 'ERR_FS_FILE_TOO_LARGE' });
  } catch (error) {
    throw new InputError(path, describeReadError(error));
  }
  return filled;
}

/**
 * The text of an open file from its start, read in blocks of the buffer's size and decoded as
 * latin-1 in strings of up to `pieceChars` characters, one at a time.
 */
export function* latin1Pieces(path: string, fd: number, buffer: Buffer, pieceChars: number): Generator<string, void, undefined> {
  for (let position = 0; ; ) {
    const read = readBlock(path, fd, buffer, position);
    if (read === 0) return;
    position += read;
    for (let at = 0; at < read; at += pieceChars) yield buffer.toString('latin1', at, Math.min(at + pieceChars, read));
  }
}

/** Character count written per write call: a slice of a flat string costs nothing to make. */
const WRITE_CHUNK = 1 << 20;

/** Encodes text the way it was read and hands it out in pieces, never as one big Buffer. */
export function forEachEncodedChunk(text: string, encoding: InputEncoding, bom: boolean, write: (chunk: Buffer) => void): void {
  if (bom) write(encoding === 'utf16le' ? Buffer.from([0xff, 0xfe]) : Buffer.from([0xef, 0xbb, 0xbf]));
  const nodeEncoding: BufferEncoding = encoding === 'utf8' ? 'utf8' : encoding === 'utf16le' ? 'utf16le' : 'latin1';
  for (let start = 0; start < text.length; ) {
    let end = Math.min(start + WRITE_CHUNK, text.length);
    // Never split a surrogate pair between two chunks.
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end--;
    write(Buffer.from(text.slice(start, end), nodeEncoding));
    start = end;
  }
}

function describeWriteError(error: unknown): string {
  const code = (error as { code?: string } | null)?.code;
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return 'no such directory';
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    case 'ENOSPC':
      return 'no space left on the device';
    case 'EDQUOT':
      return 'disk quota exceeded';
    default:
      return code ? `write failed (${code})` : 'write failed';
  }
}

export class OutputError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
  }
}

export interface AtomicWriteOptions {
  /** For tests: called after each chunk is written to the temporary file. */
  afterChunk?: () => void;
}

/**
 * Writes to a temporary file beside the target, flushes it to disk, then renames it over the
 * target: readers see the old file or the new one, never a partial one. An existing target keeps
 * its permissions; a symbolic link keeps pointing at the file it pointed at, which is replaced.
 * On failure the temporary file is removed and OutputError says why.
 */
export function writeAtomically(target: string, produce: (write: (chunk: Buffer) => void) => void, options: AtomicWriteOptions = {}): void {
  let destination = target;
  let mode: number | null = null;
  try {
    destination = realpathSync(target);
    const stats = statSync(destination);
    if (stats.isDirectory()) throw new OutputError(target, 'is a directory');
    mode = stats.mode & 0o7777;
  } catch (error) {
    if (error instanceof OutputError) throw error;
    // No such file yet: it is created.
  }
  const temporary = join(dirname(destination), `.${basename(destination)}.${randomBytes(6).toString('hex')}.claimlint-tmp`);
  let fd: number | null = null;
  let created = false;
  try {
    fd = openSync(temporary, 'wx', 0o666);
    created = true;
    if (mode !== null) fchmodSync(fd, mode);
    const descriptor = fd;
    produce((chunk) => {
      let written = 0;
      while (written < chunk.length) written += writeSync(descriptor, chunk, written, chunk.length - written);
      options.afterChunk?.();
    });
    fsyncSync(fd);
    closeSync(fd);
    fd = null;
    renameSync(temporary, destination);
  } catch (error) {
    if (fd !== null) {
      try {
        closeSync(fd);
      } catch {
        // already closed
      }
    }
    if (created) {
      try {
        unlinkSync(temporary);
      } catch {
        // already gone
      }
    }
    throw new OutputError(target, describeWriteError(error));
  }
}
