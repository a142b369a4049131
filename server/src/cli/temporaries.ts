// The temporary file a fix is written to beside its target (hidden, named after it, with random
// hex digits), the file a write to a target replaces (a symbolic link's file), and the removal of
// the temporaries a killed run left behind.
import { randomBytes } from 'node:crypto';
import { lstatSync, readdirSync, realpathSync, unlinkSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** Random bytes in a temporary file's name, written as twice as many hex digits. */
const TEMPORARY_RANDOM_BYTES = 6;
const TEMPORARY_SUFFIX = '.claimlint-tmp';

/** The hidden temporary file beside `destination`: `.NAME.<12 hex digits>.claimlint-tmp`. */
export function temporaryFor(destination: string): string {
  return join(dirname(destination), `.${basename(destination)}.${randomBytes(TEMPORARY_RANDOM_BYTES).toString('hex')}${TEMPORARY_SUFFIX}`);
}

/** The file a write to `target` replaces: a symbolic link's file; the path itself when it does not exist yet. */
export function destinationOf(target: string): string {
  try {
    return realpathSync(target);
  } catch {
    return target;
  }
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
