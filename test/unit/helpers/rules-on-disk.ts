// The server's Rules over the real file system and the in-thread loader, with the file watches
// held by the test: `filesChanged()` tells every watched table it changed, as fs.watch would,
// so a test drives reloads (and their settle timer, on node:test's mock clock) by its own events.
import type { Connection } from 'vscode-languageserver/node';
import { inThreadKnowledgeLoader } from '../../../server/src/lsp/knowledgeLoader';
import { Rules } from '../../../server/src/lsp/rules';
import { nodeRuntime, type Runtime } from '../../../server/src/lsp/runtime';

/** A connection that takes the server's log lines and notifications and drops them. */
const SILENT_CONNECTION = {
  console: { info: () => undefined, warn: () => undefined, error: () => undefined, log: () => undefined },
  sendNotification: () => Promise.resolve(),
} as unknown as Connection;

export function rulesOnDisk(): { rules: Rules; filesChanged(): void } {
  const watchers: (() => void)[] = [];
  const runtime: Runtime = { ...nodeRuntime, watchFile: (_path, onChange) => (watchers.push(onChange), () => undefined) };
  const rules = new Rules(SILENT_CONNECTION, runtime, inThreadKnowledgeLoader(runtime));
  return { rules, filesChanged: () => watchers.forEach((changed) => changed()) };
}
