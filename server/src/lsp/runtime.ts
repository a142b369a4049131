// What the server needs from its host, passed in so tests and other hosts can supply fakes.
import { watch, type FSWatcher } from 'node:fs';
import type { KnowledgeOptions } from '../core/rules/knowledge';
import { openFileBlocks } from '../core/rules/readFile';
import type { TextContent } from '../core/rules/textInput';
import { expandRuleFilePaths } from '../core/rules/ruleFiles';

export interface Runtime {
  readFile(path: string): TextContent;
  /** Turns configured paths (files, CMS .zip downloads, folders) into the tables to read; without it each path is one file. */
  expandRuleFiles?: KnowledgeOptions['expand'];
  /** Calls onChange when the file (or a file in the folder) changes; returns a function that stops watching. */
  watchFile(path: string, onChange: () => void): () => void;
  /** Schedules work after pending I/O (so a newer document version can arrive first). */
  schedule(work: () => void): { cancel(): void };
}

export const nodeRuntime: Runtime = {
  // Rule files are refused above the size cap rather than read without bound.
  readFile: (path) => openFileBlocks(path),
  expandRuleFiles: (paths) => expandRuleFilePaths(paths),
  watchFile(path, onChange) {
    let watcher: FSWatcher | undefined;
    try {
      watcher = watch(path, { persistent: false }, () => onChange());
      watcher.on('error', () => watcher?.close());
    } catch {
      // A file that does not exist yet cannot be watched; the load problem is reported elsewhere.
    }
    return () => watcher?.close();
  },
  schedule(work) {
    const handle = setImmediate(work);
    return { cancel: () => clearImmediate(handle) };
  },
};
