// `claimlint fix --out` into a named pipe or a character device (a FIFO of a pipeline, a terminal,
// /dev/stdout, /dev/null): such a target is opened and written as it is, never replaced by a file
// (atomicWrite.ts replaces regular files only). Nothing is atomic here: a reader sees the bytes as they
// come, and a failure or Ctrl-C part way leaves it with part of the result.
import { closeSync, constants as fsConstants, fstatSync, openSync, statSync } from 'node:fs';
import { asOutputError, OutputError } from './outputError';
import { nextTurn, onInterrupt } from './interrupts';
import { FULL_WAIT_MS, writeSome } from './output';

/**
 * Opened for writing only, never created or truncated; without blocking, so that a pipe without
 * a reader answers ENXIO rather than stopping the process where Ctrl-C cannot reach it; and never
 * as our controlling terminal. Windows has neither flag (nor named pipes in its file system).
 */
const OPEN_FLAGS = fsConstants.O_WRONLY | (fsConstants.O_NONBLOCK ?? 0) | (fsConstants.O_NOCTTY ?? 0);

/** How long to wait before opening again a named pipe that has no reader yet. */
const READER_WAIT_MS = 50;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));


/** What is at a path, links followed, for a command that writes there. */
export type TargetKind = 'stream' | 'special' | 'other';

/**
 * 'stream' for a named pipe or a character device (written into), 'special' for a socket or a
 * block device (neither written into nor replaced), 'other' for a file, a folder or nothing.
 */
export function targetKind(path: string): TargetKind {
  let stats;
  try {
    stats = statSync(path);
  } catch {
    return 'other';
  }
  if (stats.isFIFO() || stats.isCharacterDevice()) return 'stream';
  return stats.isFile() || stats.isDirectory() ? 'other' : 'special';
}

/**
 * Opens the named pipe or device at `target`, waiting (a turn of the event loop at a time, so
 * that Ctrl-C still ends the run) until a pipe has a reader, as `cat > fifo` waits.
 */
async function openStream(target: string): Promise<number> {
  for (;;) {
    let fd: number;
    try {
      fd = openSync(target, OPEN_FLAGS);
    } catch (error) {
      if ((error as { code?: string }).code === 'ENXIO' && statSync(target).isFIFO()) {
        await sleep(READER_WAIT_MS);
        continue;
      }
      throw error;
    }
    // What was opened is still a pipe or a device, not a file put there since it was looked at.
    const stats = fstatSync(fd);
    if (stats.isFIFO() || stats.isCharacterDevice()) return fd;
    closeSync(fd);
    throw new OutputError(target, 'no longer a named pipe or a device');
  }
}

/**
 * Writes the chunks into the named pipe or character device at `target`, a turn of the event loop
 * apart. While it runs, SIGINT, SIGTERM and SIGHUP close it, say so in one line and end the
 * process with 128 + the signal's number (interrupts.ts). A failure (EPIPE: the reader went away)
 * is an OutputError that says whether anything was written.
 */
export async function writeIntoStreamInterruptibly(target: string, chunks: Iterable<Buffer>, options: { note?: (message: string) => void } = {}): Promise<void> {
  let fd: number | null = null;
  let written = 0;
  const outcome = () => (written > 0 ? 'what was written into it is incomplete' : 'nothing was written');
  const close = () => {
    if (fd === null) return;
    try {
      closeSync(fd);
    } catch {
      // already closed
    }
    fd = null;
  };
  const release = onInterrupt((signal) => {
    close();
    options.note?.(`${target}: interrupted (${signal}); ${outcome()}`);
  });
  try {
    const open = await openStream(target);
    fd = open;
    for (const chunk of chunks) {
      for (let at = 0; at < chunk.length; ) {
        const wrote = writeSome(open, chunk, at);
        if (wrote === 0) await sleep(FULL_WAIT_MS);
        at += wrote;
        written += wrote;
      }
      await nextTurn();
    }
  } catch (error) {
    const failure = asOutputError(target, error);
    throw new OutputError(target, `${failure.message}; ${outcome()}`);
  } finally {
    close();
    release();
  }
}
