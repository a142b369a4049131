// Writing a fixed file back without ever leaving a partial one: the text encoded as it was read
// (encodedChunks.ts), written to a temporary file beside the target (temporaries.ts) and renamed
// over it, and only if the target is still the file that was read (fileIdentity.ts); a failure
// says why (outputError.ts). Reading claim files is files.ts.
import { accessSync, closeSync, constants as fsConstants, fchmodSync, fchownSync, fstatSync, fsyncSync, openSync, renameSync, statSync, unlinkSync, writeSync, type BigIntStats } from 'node:fs';
import { nextTurn, onInterrupt } from './interrupts';
import { sameInode, unchanged, type FileIdentity } from './fileIdentity';
import { asOutputError, OutputError } from './outputError';
import { destinationOf, temporaryFor } from './temporaries';

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
    // The rename gives the name a new file: the file's other names (hard links) would keep the old
    // text without a word, so it is refused unless --force.
    if (existing && !options.force && existing.nlink > 1n) {
      throw new OutputError(target, `it has ${existing.nlink} hard links, which a rewrite would leave holding the old text (--force replaces it under this name only)`);
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
