// The server's rules while tables load (lsp/rules.ts): the knowledge in use stays until the new
// one is in, only the latest load's result is used, and settings already loading are not loaded
// again. The loader here is a fake whose loads the test finishes by hand.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Connection } from 'vscode-languageserver/node';
import { emptyKnowledge, type Knowledge } from '../../server/src/core/rules/knowledge';
import type { KnowledgeLoader } from '../../server/src/lsp/knowledgeLoader';
import type { ClaimlintSettings } from '../../server/src/lsp/protocol';
import { Rules } from '../../server/src/lsp/rules';
import type { Runtime } from '../../server/src/lsp/runtime';
import { defaultSettings, type RuleFiles } from '../../server/src/lsp/settings';

function setup() {
  const loads: { files: RuleFiles; finish(knowledge: Knowledge): void }[] = [];
  const loader: KnowledgeLoader = (files) => new Promise((resolve) => loads.push({ files, finish: resolve }));
  const log: string[] = [];
  const connection = {
    console: { info: (m: string) => log.push(m), warn: (m: string) => log.push(m), error: (m: string) => log.push(m) },
    sendNotification: () => Promise.resolve(),
  } as unknown as Connection;
  const runtime: Runtime = {
    readFile: () => Buffer.alloc(0),
    watchFile: () => () => undefined,
    schedule(work) {
      const handle = setImmediate(work);
      return { cancel: () => clearImmediate(handle) };
    },
  };
  const rules = new Rules(connection, runtime, loader);
  let changes = 0;
  rules.onDidChange(() => changes++);
  return { rules, loads, log, changes: () => changes };
}

const settings = (...ptpEditFiles: string[]): ClaimlintSettings => ({ ...defaultSettings, ptpEditFiles });
const tick = () => new Promise((resolve) => setImmediate(resolve));

test('while a load runs, the knowledge before stays in use; when it is in, it replaces it once', async () => {
  const { rules, loads, changes } = setup();
  const before = rules.knowledge;
  rules.apply(settings('/tables/a.txt'));
  assert.equal(rules.loading, true);
  assert.equal(rules.knowledge, before);
  let idle = false;
  void rules.whenLoaded().then(() => (idle = true));
  await tick();
  assert.equal(idle, false);
  const loaded = emptyKnowledge(false);
  loads[0]!.finish(loaded);
  await tick();
  assert.equal(rules.knowledge, loaded);
  assert.equal(rules.loading, false);
  assert.deepEqual([idle, rules.generation, changes()], [true, 1, 1]);
});

test('the same settings applied again while they load are not loaded twice; other settings are, and only the latest result is used', async () => {
  const { rules, loads, changes } = setup();
  rules.apply(settings('/tables/a.txt'));
  rules.apply(settings('/tables/a.txt'));
  assert.equal(loads.length, 1);
  rules.apply(settings('/tables/b.txt'));
  assert.equal(loads.length, 2);
  const a = emptyKnowledge(true);
  const b = emptyKnowledge(false);
  // b finishes first; a's late result must not replace it.
  loads[1]!.finish(b);
  await tick();
  loads[0]!.finish(a);
  await tick();
  assert.equal(rules.knowledge, b);
  assert.deepEqual([rules.generation, changes()], [1, 1]);
});

test('settings that name no file are loaded at once, without the loader, and supersede a load in progress', async () => {
  const { rules, loads, log } = setup();
  rules.apply(settings('/tables/a.txt'));
  assert.match(log[0]!, /^Claimlint rules: loading 1 rule file or folder; the rules in use stay until they are loaded\.$/);
  rules.apply({ ...defaultSettings, builtinEdits: false });
  await tick();
  assert.equal(loads.length, 1);
  assert.equal(rules.loading, false);
  assert.equal(rules.knowledge.rules.size, 0, 'the built-in set is off');
  loads[0]!.finish(emptyKnowledge(true));
  await tick();
  assert.equal(rules.knowledge.rules.size, 0, 'the superseded load is dropped');
});
