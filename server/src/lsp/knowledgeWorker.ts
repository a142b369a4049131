// The worker thread that loads rule tables for the server (knowledgeLoader.ts starts it): it is
// given what loadKnowledge needs as data (the files, the built-in switch), adds the Node file
// readers the server itself uses, loads, and sends the knowledge back once.
// scripts/build.mjs bundles this file on its own and embeds that bundle in the server's.
import { parentPort, workerData } from 'node:worker_threads';
import { loadKnowledge, type KnowledgeOptions } from '../core/rules/knowledge';
import { tableKindFromName } from '../core/rules/ruleFiles';
import { packKnowledge, type PackedKnowledge } from './knowledgeTransfer';
import { nodeRuntime } from './runtime';

/** KnowledgeOptions without its functions: what can be sent to the worker. */
export type KnowledgeData = Omit<KnowledgeOptions, 'readFile' | 'expand' | 'tableOfName'>;

/** What the worker sends back. */
export type KnowledgeWorkerMessage = { ok: true; packed: PackedKnowledge } | { ok: false; error: string };

/** The options the worker loads with: the data, and the functions knowledgeOptionsOf gives with nodeRuntime. */
export function workerKnowledgeOptions(data: KnowledgeData): KnowledgeOptions {
  return { ...data, readFile: nodeRuntime.readFile, expand: nodeRuntime.expandRuleFiles!, tableOfName: tableKindFromName };
}

/** The worker's workerData. */
export interface KnowledgeWorkerData {
  claimlintKnowledgeWorker: true;
  data: KnowledgeData;
}

function run(port: NonNullable<typeof parentPort>, data: KnowledgeData): void {
  let message: KnowledgeWorkerMessage;
  let transfer: ArrayBuffer[] = [];
  try {
    const packed = packKnowledge(loadKnowledge(workerKnowledgeOptions(data)));
    message = { ok: true, packed: packed.packed };
    transfer = packed.transfer;
  } catch (error) {
    message = { ok: false, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
  port.postMessage(message, transfer);
}

const given = workerData as Partial<KnowledgeWorkerData> | null;
if (parentPort && given?.claimlintKnowledgeWorker === true && given.data) run(parentPort, given.data);
