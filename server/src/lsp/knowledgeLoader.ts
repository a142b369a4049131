// Loading rule tables off the request path. A CMS PTP table is a million rows and loads in about
// a second (a pathological one took far longer): loaded on the server's thread, it stopped every
// hover and check meanwhile. In the bundled server, tables load in a worker thread started for
// each load (its bundle is embedded in the server's by scripts/build.mjs) and the knowledge comes
// back as a message (knowledgeTransfer.ts). Elsewhere (tests running the sources, a runtime other
// than Node's) they load on this thread, after the current turn of the event loop.
import { Worker } from 'node:worker_threads';
import { loadKnowledge, type Knowledge, type KnowledgeOptions } from '../core/rules/knowledge';
import { unpackKnowledge } from './knowledgeTransfer';
import type { KnowledgeData, KnowledgeWorkerData, KnowledgeWorkerMessage } from './knowledgeWorker';
import { nodeRuntime, type Runtime } from './runtime';
import { knowledgeOptionsOf, type RuleFiles } from './settings';

/** The worker's bundle as a string, set by scripts/build.mjs (esbuild define); undeclared when running from source. */
declare const CLAIMLINT_KNOWLEDGE_WORKER: string | undefined;

/** Loads the knowledge of these rule files; never rejects (loadKnowledge reports problems in the knowledge). */
export type KnowledgeLoader = (files: RuleFiles) => Promise<Knowledge>;

/** The loader the server uses with this runtime: a worker thread when it can, else this thread. */
export function defaultKnowledgeLoader(runtime: Runtime, log: (message: string) => void): KnowledgeLoader {
  const source = typeof CLAIMLINT_KNOWLEDGE_WORKER === 'string' ? CLAIMLINT_KNOWLEDGE_WORKER : null;
  // The worker reads files with Node's functions: a runtime of its own (a test's, another host's) is used here.
  return source !== null && runtime === nodeRuntime ? workerKnowledgeLoader(source, runtime, log) : inThreadKnowledgeLoader(runtime);
}

/** Loads on this thread, once the current turn of the event loop is over. */
export function inThreadKnowledgeLoader(runtime: Pick<Runtime, 'readFile' | 'expandRuleFiles'>): KnowledgeLoader {
  return (files) => new Promise((resolve) => setImmediate(() => resolve(loadKnowledge(knowledgeOptionsOf(files, runtime)))));
}

/**
 * Loads in a worker thread running `source` (the bundle of knowledgeWorker.ts). Should the worker
 * fail (it cannot start, it dies, what it sends cannot be read), the files are loaded on this
 * thread instead, and the log says why: the rules are never silently left out.
 */
export function workerKnowledgeLoader(source: string, runtime: Runtime, log: (message: string) => void): KnowledgeLoader {
  return (files) => {
    const options = knowledgeOptionsOf(files, runtime);
    const data = dataOf(options);
    const here = (why: string): Knowledge => {
      log(`Claimlint: the rule files could not be loaded in a worker thread (${why}); loading them on the server's thread.`);
      return loadKnowledge(options);
    };
    if (data === null) return Promise.resolve(here('the options hold functions the worker does not have'));
    return new Promise((resolve) => {
      let worker: Worker;
      try {
        const workerData: KnowledgeWorkerData = { claimlintKnowledgeWorker: true, data };
        worker = new Worker(source, { eval: true, workerData });
      } catch (error) {
        resolve(here(describe(error)));
        return;
      }
      let settled = false;
      const settle = (result: () => Knowledge): void => {
        if (settled) return;
        settled = true;
        void worker.terminate();
        resolve(result());
      };
      worker.once('message', (message: KnowledgeWorkerMessage) =>
        settle(() => {
          if (!message.ok) return here(message.error);
          try {
            return unpackKnowledge(message.packed);
          } catch (error) {
            return here(describe(error));
          }
        }),
      );
      worker.once('error', (error) => settle(() => here(describe(error))));
      worker.once('exit', (code) => settle(() => here(`the worker stopped with exit code ${code} before sending the rules`)));
    });
  };
}

/**
 * The options without the functions the worker adds itself (workerKnowledgeOptions in
 * knowledgeWorker.ts); null when they hold another function, which the worker would not have.
 */
function dataOf(options: KnowledgeOptions): KnowledgeData | null {
  const { readFile: _readFile, expand: _expand, tableOfName: _tableOfName, ...data } = options;
  return Object.values(data).some((value) => typeof value === 'function') ? null : data;
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
