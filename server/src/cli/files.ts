// Reading claim files into text, and writing a fixed file back without ever leaving a partial one.
import { isAscii, isUtf8, constants as bufferConstants } from 'node:buffer';
import { randomBytes } from 'node:crypto';
import { accessSync, closeSync, constants as fsConstants, fchmodSync, fchownSync, fstatSync, fsyncSync, lstatSync, openSync, readdirSync, readFileSync, readSync, realpathSync, renameSync, statSync, unlinkSync, writeSync, type BigIntStats } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { shownPath, type FilePath } from '../core/rules/filePaths';
import { nextTurn, onInterrupt } from './interrupts';

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

/**
 * A file as it was read, taken before its bytes: a write by someone else, during or after the
 * read, changes the size or the modification time; a replacement (an editor's save, a copy moved
 * over it) changes the inode; and a change of the mode or owner, or a write whose time was set
 * back (touch -d, rsync -t), changes the status-change time, which no user can set.
 */
export interface FileIdentity {
  path: string;
  dev: bigint;
  ino: bigint;
  size: bigint;
  mtimeNs: bigint;
  ctimeNs: bigint;
}

function identityOf(path: string, stats: BigIntStats): FileIdentity {
  return { path, dev: stats.dev, ino: stats.ino, size: stats.size, mtimeNs: stats.mtimeNs, ctimeNs: stats.ctimeNs };
}

function sameInode(stats: BigIntStats, identity: FileIdentity): boolean {
  return stats.dev === identity.dev && stats.ino === identity.ino;
}

function unchanged(stats: BigIntStats, identity: FileIdentity): boolean {
  return sameInode(stats, identity) && stats.size === identity.size && stats.mtimeNs === identity.mtimeNs && stats.ctimeNs === identity.ctimeNs;
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

/** Character count written per write call: a slice of a flat string costs nothing to make. */
const WRITE_CHUNK = 1 << 20;

/** Encodes text the way it was read and hands it out in pieces, never as one big Buffer. */
export function* encodedChunks(text: string, encoding: InputEncoding, bom: boolean): Generator<Buffer, void, undefined> {
  if (bom) yield encoding === 'utf16le' ? Buffer.from([0xff, 0xfe]) : Buffer.from([0xef, 0xbb, 0xbf]);
  const nodeEncoding: BufferEncoding = encoding === 'utf8' ? 'utf8' : encoding === 'utf16le' ? 'utf16le' : 'latin1';
  for (let start = 0; start < text.length; ) {
    let end = Math.min(start + WRITE_CHUNK, text.length);
    // Never split a surrogate pair between two chunks.
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end--;
    yield Buffer.from(text.slice(start, end), nodeEncoding);
    start = end;
  }
}

/** encodedChunks, handed to `write` one by one. */
export function forEachEncodedChunk(text: string, encoding: InputEncoding, bom: boolean, write: (chunk: Buffer) => void): void {
  for (const chunk of encodedChunks(text, encoding, bom)) write(chunk);
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
    case 'EPIPE':
      return 'the reader of the pipe went away';
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
  /** One line for standard error, without the `claimlint: ` prefix (an interrupted write, a warning). */
  note?: (message: string) => void;
  /** Replace a file that is read-only to us, or whose owner cannot be kept (see keepOwnerAndMode). */
  force?: boolean;
  /**
   * The file the new content was made from, as it was read. When the target is that file, it is
   * replaced only if it is still as it was read, checked when the write begins and just before
   * the rename: a change made meanwhile by someone else is kept, and nothing is written.
   */
  source?: FileIdentity;
}

/** Why a target that is neither a file nor a folder is not replaced. */
const NOT_A_FILE = 'not a regular file (a pipe, a device or a socket is never replaced by one)';

/** Random bytes in a temporary file's name, written as twice as many hex digits. */
const TEMPORARY_RANDOM_BYTES = 6;
const TEMPORARY_SUFFIX = '.claimlint-tmp';

/** The hidden temporary file beside `destination`: `.NAME.<12 hex digits>.claimlint-tmp`. */
function temporaryFor(destination: string): string {
  return join(dirname(destination), `.${basename(destination)}.${randomBytes(TEMPORARY_RANDOM_BYTES).toString('hex')}${TEMPORARY_SUFFIX}`);
}

/** The file a write to `target` replaces: a symbolic link's file; the path itself when it does not exist yet. */
function destinationOf(target: string): string {
  try {
    return realpathSync(target);
  } catch {
    return target;
  }
}

/**
 * Whether the file's mode forbids us to write it. fix writes through a rename, which asks for the
 * folder's permission, never the file's, so it must ask the file's itself. A user other than root
 * asks the kernel (access(2), which also reads ACLs). Root may write any file: for root, a file is
 * read-only when its mode lets nobody write it (the mark of a file protected on purpose).
 */
function readOnlyToUs(path: string, stats: BigIntStats): boolean {
  const uid = process.geteuid?.();
  if (uid === undefined || uid === 0) return (Number(stats.mode) & 0o222) === 0;
  try {
    accessSync(path, fsConstants.W_OK);
    return false;
  } catch (error) {
    const code = (error as { code?: string }).code;
    return code === 'EACCES' || code === 'EPERM';
  }
}

function octal(mode: number): string {
  return (mode & 0o7777).toString(8).padStart(3, '0');
}

/**
 * One replacement of a file: a temporary file beside it, written, flushed, and renamed over it.
 * Every step that fails leaves the target as it was; `abandon` removes the temporary file.
 */
class Replacement {
  readonly destination: string;
  readonly temporary: string;
  /** The target existed when the write began (an interrupted write "did not change" it). */
  readonly existed: boolean;
  /** Said once the file is replaced: its owner could not be kept (--force). */
  warning: string | null = null;
  /** The target is the file the content was made from, as it was read. */
  private readonly source: FileIdentity | null;
  private fd: number | null = null;
  /** The temporary file exists under its own name (created, not yet renamed or removed). */
  private pending = false;

  private constructor(
    readonly target: string,
    options: AtomicWriteOptions,
  ) {
    this.destination = destinationOf(target);
    let existing: BigIntStats | null = null;
    try {
      existing = statSync(this.destination, { bigint: true });
    } catch {
      // No such file yet: it is created.
    }
    if (existing?.isDirectory()) throw new OutputError(target, 'is a directory');
    // A named pipe, a device or a socket is never replaced by a file (pipeOutput.ts writes into pipes and devices).
    if (existing && !existing.isFile()) throw new OutputError(target, NOT_A_FILE);
    const source = options.source;
    this.source = source && (destinationOf(source.path) === this.destination || (existing !== null && sameInode(existing, source))) ? source : null;
    this.checkUnchanged();
    if (existing && !options.force && readOnlyToUs(this.destination, existing)) {
      throw new OutputError(target, `read-only (mode ${octal(Number(existing.mode))}; --force replaces it anyway)`);
    }
    this.existed = existing !== null;
    this.temporary = temporaryFor(this.destination);
    try {
      // Readable by us alone until it has the owner and mode of the file it replaces.
      this.fd = openSync(this.temporary, 'wx', existing ? 0o600 : 0o666);
      this.pending = true;
      if (existing) this.keepOwnerAndMode(existing, options.force === true);
    } catch (error) {
      this.abandon();
      throw error;
    }
  }

  /**
   * Gives the temporary file the owner, group and mode of the file it replaces: the owner first,
   * since a change of owner clears the set-id bits that the mode then restores.
   *
   * Only root may give a file to another user, or to a group it is not in. When the owner or the
   * group cannot be kept, the rewrite would hand the file to us: its owner could lose access to it
   * and our group gain it. So fix refuses (before writing anything) unless --force; with --force
   * it keeps the group if it may, drops the set-id bits (they would now grant our ids, not the
   * owner's) and warns once the file is replaced. Where files have no owner ids (Windows),
   * nothing is changed but the mode.
   */
  private keepOwnerAndMode(existing: BigIntStats, force: boolean): void {
    const fd = this.fd!;
    const uid = Number(existing.uid);
    const gid = Number(existing.gid);
    let mode = Number(existing.mode) & 0o7777;
    const ours = fstatSync(fd);
    if (process.getuid && (ours.uid !== uid || ours.gid !== gid)) {
      try {
        fchownSync(fd, uid, gid);
      } catch (error) {
        const code = (error as { code?: string }).code;
        if (code !== 'EPERM' && code !== 'EINVAL') throw error;
        const owner = `uid ${uid}, gid ${gid}`;
        if (!force) throw new OutputError(this.target, `its owner (${owner}) can be kept only by root (--force writes it as yours)`);
        try {
          fchownSync(fd, -1, gid);
        } catch {
          // not a group of ours
        }
        const now = fstatSync(fd);
        mode &= ~0o6000;
        this.warning = `${this.target}: now owned by uid ${now.uid}, gid ${now.gid}: its owner (${owner}) could not be kept`;
      }
    }
    fchmodSync(fd, mode);
  }

  /** Creates the temporary file; OutputError when that fails. */
  static begin(target: string, options: AtomicWriteOptions): Replacement {
    try {
      return new Replacement(target, options);
    } catch (error) {
      throw asOutputError(target, error);
    }
  }

  write(chunk: Buffer): void {
    let written = 0;
    while (written < chunk.length) written += writeSync(this.fd!, chunk, written, chunk.length - written);
  }

  /** Flushes the temporary file to disk and closes it. */
  flush(): void {
    fsyncSync(this.fd!);
    closeSync(this.fd!);
    this.fd = null;
  }

  /**
   * The target is still the file that was read, as it was read (when it is that file). Between
   * this check and the rename, microseconds apart, a change could still slip through: no
   * portable call renames only if the target is unchanged.
   */
  private checkUnchanged(): void {
    if (this.source === null) return;
    let now: BigIntStats;
    try {
      now = statSync(this.destination, { bigint: true });
    } catch (error) {
      if ((error as { code?: string }).code === 'ENOENT') throw new OutputError(this.target, 'deleted while fix ran');
      throw error;
    }
    if (!unchanged(now, this.source)) throw new OutputError(this.target, 'changed by another program while fix ran (run fix again)');
  }

  /** Renames the flushed temporary file over the target, if the target is unchanged (see checkUnchanged) and still no pipe or device. */
  commit(): void {
    this.checkUnchanged();
    this.checkNotSpecial();
    renameSync(this.temporary, this.destination);
    this.pending = false;
  }

  /** What is at the destination now is a regular file, or nothing (a pipe made there meanwhile is not replaced). */
  private checkNotSpecial(): void {
    let now: BigIntStats;
    try {
      now = statSync(this.destination, { bigint: true });
    } catch {
      return;
    }
    if (!now.isFile()) throw new OutputError(this.target, now.isDirectory() ? 'is a directory' : NOT_A_FILE);
  }

  /** Closes and removes the temporary file, if there is one; never throws. */
  abandon(): void {
    if (this.fd !== null) {
      try {
        closeSync(this.fd);
      } catch {
        // already closed
      }
      this.fd = null;
    }
    if (this.pending) {
      try {
        unlinkSync(this.temporary);
      } catch {
        // already gone
      }
      this.pending = false;
    }
  }
}

export function asOutputError(target: string, error: unknown): OutputError {
  return error instanceof OutputError ? error : new OutputError(target, describeWriteError(error));
}

/**
 * Writes to a temporary file beside the target, flushes it to disk, then renames it over the
 * target: readers see the old file or the new one, never a partial one. An existing target keeps
 * its owner, group and mode, and is not replaced if it is read-only to us (unless `force`) or, as
 * `source`, changed since it was read; a symbolic link keeps pointing at the file it pointed at,
 * which is replaced. On failure the temporary file is removed and OutputError says why.
 */
export function writeAtomically(target: string, produce: (write: (chunk: Buffer) => void) => void, options: AtomicWriteOptions = {}): void {
  const replacement = Replacement.begin(target, options);
  try {
    produce((chunk) => {
      replacement.write(chunk);
      options.afterChunk?.();
    });
    replacement.flush();
    replacement.commit();
  } catch (error) {
    replacement.abandon();
    throw asOutputError(target, error);
  }
  if (replacement.warning) options.note?.(`warning: ${replacement.warning}`);
}

/**
 * writeAtomically for the command line, where the user may press Ctrl-C: while the temporary file
 * exists, SIGINT, SIGTERM and SIGHUP remove it, leave the target as it was, say so in one line
 * and end the process with 128 + the signal's number. The chunks are written one event-loop turn
 * apart, so that a signal is handled within a chunk's time; the last turn comes after the flush,
 * so a signal that arrives while the file is written or flushed always wins over the rename. One
 * that arrives in the microseconds of the last check and the rename is handled just after them:
 * the file is then wholly fixed, and the process still exits 128 + the signal's number.
 */
export async function writeAtomicallyInterruptibly(target: string, chunks: Iterable<Buffer>, options: AtomicWriteOptions = {}): Promise<void> {
  let replacement: Replacement | null = null;
  let committed = false;
  const release = onInterrupt((signal) => {
    replacement?.abandon();
    const outcome = committed ? 'the fixed file was already in place' : replacement?.existed === false ? 'nothing was written' : 'the file was not changed';
    options.note?.(`${target}: interrupted (${signal}); ${outcome}`);
  });
  try {
    replacement = Replacement.begin(target, options);
    for (const chunk of chunks) {
      replacement.write(chunk);
      options.afterChunk?.();
      await nextTurn();
    }
    replacement.flush();
    await nextTurn();
    replacement.commit();
    committed = true;
    // A signal caught during the rename is still waiting for its turn: handle it, not drop it.
    await nextTurn();
  } catch (error) {
    replacement?.abandon();
    throw asOutputError(target, error);
  } finally {
    release();
  }
  if (replacement.warning) options.note?.(`warning: ${replacement.warning}`);
}

/**
 * How old a temporary file of ours must be before a later run takes it for the remains of a run
 * that was killed (SIGKILL, a power cut): a run that is writing touches its file with every chunk.
 */
export const STALE_TEMPORARY_MS = 5 * 60 * 1000;

/**
 * Removes the temporary files that earlier runs writing `target` left behind: only regular files
 * named `.NAME.<12 hex digits>.claimlint-tmp` for this target, not modified for STALE_TEMPORARY_MS
 * (they hold claim contents where nobody looks). Returns how many were removed; never throws.
 */
export function removeStaleTemporaries(target: string, now: number = Date.now()): number {
  const destination = destinationOf(target);
  const folder = dirname(destination);
  const name = basename(destination);
  const prefix = `.${name}.`;
  // TEMPORARY_RANDOM_BYTES (6) in hex; a literal, as every regex in the sources is (the linearity test reads them).
  const random = /^[0-9a-f]{12}$/;
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return 0;
  }
  let removed = 0;
  for (const entry of names) {
    if (!entry.startsWith(prefix) || !entry.endsWith(TEMPORARY_SUFFIX)) continue;
    if (!random.test(entry.slice(prefix.length, entry.length - TEMPORARY_SUFFIX.length))) continue;
    const path = join(folder, entry);
    try {
      const stats = lstatSync(path);
      if (!stats.isFile() || now - stats.mtimeMs < STALE_TEMPORARY_MS) continue;
      unlinkSync(path);
      removed++;
    } catch {
      // gone already, or not ours to remove
    }
  }
  return removed;
}
