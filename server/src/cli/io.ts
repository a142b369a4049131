// What the CLI's commands share: the process's streams as the commands see them, the progress
// line, the wording of counts and paths, and freeing one analysis before the next is built.
import { statSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { CliOptions } from './arguments';
import { shownPath, type FilePath } from '../core/rules/filePaths';
import { Progress } from './progress';
import { pathOnOneLine } from './report';

export interface Io {
  stdout: (data: string | Uint8Array) => void;
  stderr: (text: string) => void;
  readStdin: () => Buffer;
  /** Standard error is a terminal: progress may be drawn on it. */
  isTty: boolean;
  columns?: number;
  now?: () => number;
}

export function plural(count: number, word: string, many = `${word}s`): string {
  return `${count} ${count === 1 ? word : many}`;
}

/** An input as reports name it: a name that is not UTF-8 with its other bytes as \xHH (filePaths.ts). */
export function displayPath(path: FilePath): string {
  return path === '-' ? '<stdin>' : shownPath(path);
}

/**
 * An input as a line of standard error names it: its name on one line, control characters
 * escaped as the text report escapes them (a line break in a name would split the line).
 */
export function stderrName(path: FilePath): string {
  return path === '-' ? 'standard input' : pathOnOneLine(displayPath(path));
}

/** The progress bar over `files` (by default the ones given: check passes those its folders expanded to). */
export function progressFor(options: CliOptions, io: Io, files: readonly FilePath[] = options.files): Progress {
  return new Progress({
    isTty: io.isTty,
    write: io.stderr,
    ...(io.columns !== undefined ? { columns: io.columns } : {}),
    ...(io.now !== undefined ? { now: io.now } : {}),
    files: files.map((path) => ({ path: path === '-' ? path : shownPath(path), size: sizeOf(path) })),
  });
}

function sizeOf(path: FilePath): number | null {
  if (path === '-') return null;
  try {
    return statSync(path).size;
  } catch {
    return null;
  }
}

/**
 * A full garbage collection between two analyses (fix's two, or two big files of check), so that
 * the first one's claims are gone before the next are built: the peak is one analysis, not two. Node exposes gc()
 * only behind a flag; it can be turned on at run time and fetched from a fresh context.
 */
export function collectGarbage(): void {
  try {
    setFlagsFromString('--expose-gc');
    (runInNewContext('gc') as () => void)();
  } catch {
    // Not available: the collector runs on its own schedule.
  }
}
