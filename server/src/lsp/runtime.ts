// What the server needs from its host, passed in so tests and other hosts can supply fakes.
import { statSync, watch, type FSWatcher } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { KnowledgeOptions } from '../core/rules/knowledge';
import { openFileBlocks } from '../core/rules/readFile';
import type { TextContent } from '../core/rules/textInput';
import { expandRuleFilePaths } from '../core/rules/ruleFiles';

export interface Runtime {
  readFile(path: string): TextContent;
  /** Turns configured paths (files, CMS .zip downloads, folders) into the tables to read; without it each path is one file. */
  expandRuleFiles?: KnowledgeOptions['expand'];
  /**
   * Calls onChange when the file (or a file in the folder) changes, and when a path that was
   * missing appears; returns a function that stops watching.
   */
  watchFile(path: string, onChange: () => void): () => void;
  /** Schedules work after pending I/O (so a newer document version can arrive first). */
  schedule(work: () => void): { cancel(): void };
}

export const nodeRuntime: Runtime = {
  // Rule files are refused above the size cap rather than read without bound.
  readFile: (path) => openFileBlocks(path),
  expandRuleFiles: (paths) => expandRuleFilePaths(paths),
  watchFile: (path, onChange) => watchPath(path, onChange),
  schedule(work) {
    const handle = setImmediate(work);
    return { cancel: () => clearImmediate(handle) };
  },
};

/**
 * Watches a path that may be missing: a table named in the settings before it is downloaded, or
 * deleted and written again (`rm`, then a download). fs.watch cannot watch what does not exist,
 * so while the path is missing its nearest existing folder is watched instead (that one folder,
 * not recursively), and onChange is called once the path is there. A path whose file is replaced
 * (a save by rename) or removed is watched again where it is now: a watch follows the file it
 * was made on, not the name.
 */
function watchPath(path: string, onChange: () => void): () => void {
  const target = resolve(path);
  let watcher: FSWatcher | undefined;
  /** What is watched (the path, or a folder above it) and which file that was, to see it replaced. */
  let watched = { path: '', identity: '' };
  let stopped = false;

  /** The folder or file just below `folder` on the way to the path. */
  const stepToward = (folder: string): string => {
    let next = target;
    while (dirname(next) !== folder && dirname(next) !== next) next = dirname(next);
    return next;
  };

  const arm = (): void => {
    watcher?.close();
    watcher = undefined;
    if (stopped) return;
    let at = target;
    let identity = identityOf(at);
    while (identity === null && dirname(at) !== at) {
      at = dirname(at);
      identity = identityOf(at);
    }
    if (identity === null) return;
    try {
      const made = watch(at, { persistent: false }, () => changed());
      // On some systems a watch fails when what it watches goes away: look again where the path is now.
      made.on('error', () => {
        made.close();
        if (watcher === made) changed();
      });
      watcher = made;
      watched = { path: at, identity };
    } catch {
      // Not watchable (permissions, the system's limit on watches): as before, a change then needs new settings or a restart.
      return;
    }
    // What appeared between the look and the watch sent its event to no watcher.
    if (at !== target && identityOf(stepToward(at)) !== null) arm();
  };

  const changed = (): void => {
    if (stopped) return;
    if (watched.path === target) {
      if (identityOf(target) !== watched.identity) arm();
      onChange();
      return;
    }
    // A folder above the path: only the path (or a folder on the way to it) appearing, or that folder going, matters.
    if (identityOf(stepToward(watched.path)) === null && identityOf(watched.path) === watched.identity) return;
    arm();
    if (watched.path === target) onChange();
  };

  arm();
  return () => {
    stopped = true;
    watcher?.close();
  };
}

/** Which file is at a path now (device and inode), or null when nothing is. */
function identityOf(path: string): string | null {
  try {
    const stats = statSync(path);
    return `${stats.dev}:${stats.ino}`;
  } catch {
    return null;
  }
}
