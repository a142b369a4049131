// nodeRuntime.watchFile on paths that are missing: a rule table named in the settings before it
// is downloaded (its folder too), or deleted and written again, is seen when it appears.
import { test } from 'node:test';
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nodeRuntime } from '../../server/src/lsp/runtime';

/**
 * onChange, and seenAfter(step): resolves at the first call of onChange after step runs. The step
 * before it ran synchronously, so the kernel had queued all its watch events when it returned;
 * Node reads a watcher's queued events and calls back in one poll phase, and a setImmediate runs
 * after that phase: waiting for one lets every event of the step before arrive before this step.
 */
function changes(): { onChange: () => void; seenAfter(what: string, step: () => void): Promise<void> } {
  let waiter: (() => void) | null = null;
  return {
    onChange: () => {
      waiter?.();
      waiter = null;
    },
    seenAfter: async (what, step) => {
      await new Promise((resolve) => setImmediate(resolve));
      const seen = new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no change seen: ${what}`)), 5000);
        waiter = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      step();
      return seen;
    },
  };
}

test('a path under folders that do not exist yet is seen once the folders and the file are made', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'claimlint-watch-'));
  const path = join(dir, 'ncci', '2027q1', 'ptp.txt');
  const seen = changes();
  const stop = nodeRuntime.watchFile(path, seen.onChange);
  try {
    await seen.seenAfter('the file made', () => {
      mkdirSync(join(dir, 'ncci', '2027q1'), { recursive: true });
      writeFileSync(path, 'table');
    });
  } finally {
    stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a file deleted and written again is seen both times, and its changes after that', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'claimlint-watch-'));
  const path = join(dir, 'ptp.txt');
  writeFileSync(path, 'table');
  const seen = changes();
  const stop = nodeRuntime.watchFile(path, seen.onChange);
  try {
    const steps: [string, () => void][] = [
      ['the file deleted', () => unlinkSync(path)],
      ['the file written again', () => writeFileSync(path, 'table again')],
      ['the file changed after that', () => writeFileSync(path, 'table changed')],
    ];
    for (const [what, step] of steps) await seen.seenAfter(what, step);
  } finally {
    stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
