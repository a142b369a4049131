// Screenshots of Claimlint in a real VS Code workbench, for the docs.
// Uses the headless host of the integration tests (test/vscode-host: VS Code's server from the
// code-server package + its web workbench in headless Chromium), with this repo loaded as the
// extension under development. Build first (npm run build).
//
//   node scripts/screenshot.mjs --file examples/professional-43214.837 --out docs/images/plain.png
//   node scripts/screenshot.mjs --file examples/professional-43214.837 --hover 43200 --out docs/images/hover.png
//   node scripts/screenshot.mjs --file examples/professional-43214.837 --quickfix 43200 --out docs/images/quickfix.png
//
// Options:
//   --file PATH         file to open (required)
//   --out PATH          PNG to write (default docs/images/<file name>[-hover|-quickfix].png)
//   --hover TEXT        put the cursor on the first TEXT in the file and show its hover (Ctrl+K Ctrl+I)
//   --quickfix TEXT     put the cursor on the first TEXT and open the quick fix menu (Ctrl+.)
//   --cursor TEXT       only put the cursor on the first TEXT
//   --occurrence N      use the N-th occurrence of TEXT (1-based, default 1)
//   --folder PATH       workspace folder (default: the file's folder)
//   --extension PATH    extension development path (default: this repo)
//   --width N --height N  window size in CSS pixels (default 1280 x 800)
//   --scale N           device scale factor (default 1; 2 for sharper images)
//   --theme NAME        color theme (default "Default Light Modern")
//   --setting KEY=JSON  extra user setting, repeatable (e.g. --setting editor.fontSize=15)
//   --wait-for CSS      also wait for this element before the screenshot
//   --timeout SECONDS   give up after this long overall (default 180)
//   --verbose           print the workbench's log
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ensureHost } from '../test/vscode-host/ensure.mjs';
import {
  launchBrowser,
  openWorkbench,
  pollUntil,
  remoteUri,
  startServer,
  withDeadline,
  TimeoutError,
} from '../test/vscode-host/host.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const { values: opts } = parseArgs({
  options: {
    file: { type: 'string' },
    out: { type: 'string' },
    hover: { type: 'string' },
    quickfix: { type: 'string' },
    cursor: { type: 'string' },
    occurrence: { type: 'string', default: '1' },
    folder: { type: 'string' },
    extension: { type: 'string' },
    width: { type: 'string', default: '1280' },
    height: { type: 'string', default: '800' },
    scale: { type: 'string', default: '1' },
    theme: { type: 'string', default: 'Default Light Modern' },
    setting: { type: 'string', multiple: true, default: [] },
    'wait-for': { type: 'string' },
    timeout: { type: 'string', default: '180' },
    verbose: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

function usage(message) {
  const text = readFileSync(fileURLToPath(import.meta.url), 'utf8')
    .split('\n')
    .filter((l) => l.startsWith('//'))
    .map((l) => l.replace(/^\/\/ ?/, ''))
    .join('\n');
  if (message) process.stderr.write(`screenshot: ${message}\n\n`);
  process.stderr.write(`${text}\n`);
  process.exit(message ? 2 : 0);
}

if (opts.help) usage();
if (!opts.file) usage('--file is required');
const actions = ['hover', 'quickfix', 'cursor'].filter((a) => opts[a] !== undefined);
if (actions.length > 1) usage(`use one of --hover, --quickfix, --cursor (got ${actions.join(', ')})`);
const action = actions[0];
const target = action ? opts[action] : undefined;

const file = resolve(opts.file);
if (!existsSync(file)) usage(`no such file: ${file}`);
const folder = resolve(opts.folder ?? dirname(file));
const extensionPath = resolve(opts.extension ?? root);
const out = resolve(opts.out ?? join(root, 'docs', 'images', `${basename(file, extname(file))}${action && action !== 'cursor' ? `-${action}` : ''}.png`));
const viewport = { width: Number(opts.width), height: Number(opts.height) };
const timeoutMs = Number(opts.timeout) * 1000;

const settings = {
  'workbench.colorTheme': opts.theme,
  'editor.minimap.enabled': false,
  'editor.hover.delay': 100,
  'breadcrumbs.enabled': true,
  'window.zoomLevel': 0,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.layoutControl.enabled': false,
};
for (const s of opts.setting) {
  const eq = s.indexOf('=');
  if (eq < 1) usage(`--setting wants KEY=JSON, got ${s}`);
  const raw = s.slice(eq + 1);
  let value;
  try {
    value = JSON.parse(raw);
  } catch {
    value = raw;
  }
  settings[s.slice(0, eq)] = value;
}

/** 1-based line and column of the n-th occurrence of `text` in the file. */
function locate(text, n) {
  const content = readFileSync(file, 'utf8');
  let at = -1;
  for (let i = 0; i < n; i++) {
    at = content.indexOf(text, at + 1);
    if (at < 0) throw new Error(`"${text}" occurs fewer than ${n} time(s) in ${file}`);
  }
  const before = content.slice(0, at);
  const line = before.split('\n').length;
  const column = at - before.lastIndexOf('\n');
  return { line, column };
}

function log(text) {
  process.stderr.write(`[screenshot] ${text}\n`);
}
const t0 = Date.now();
function step(text) {
  if (opts.verbose) log(`${((Date.now() - t0) / 1000).toFixed(1)} s: ${text}`);
}

let server;
let browser;
async function shoot() {
  if (extensionPath === root) {
    for (const built of ['client/out/extension.js', 'server/out/server.js']) {
      if (!existsSync(join(root, built))) throw new Error(`${built} is missing; run npm run build first`);
    }
  }
  await ensureHost();
  step('host ready');
  server = await startServer({
    settings,
    onOutput: opts.verbose ? (t) => process.stderr.write(t) : undefined,
  });
  const position = target !== undefined ? locate(target, Number(opts.occurrence) || 1) : undefined;
  // Open the file with the cursor already placed (the web workbench's "goto" form: PATH:LINE:COLUMN).
  const fileArg = position ? `${remoteUri(server.port, file)}:${position.line}:${position.column}` : remoteUri(server.port, file);
  const payload = [
    ['extensionDevelopmentPath', remoteUri(server.port, extensionPath)],
    ['openFile', fileArg],
    ...(position ? [['gotoLineMode', 'true']] : []),
  ];
  browser = await launchBrowser();
  const { page } = await openWorkbench(browser, {
    port: server.port,
    folder,
    payload,
    viewport,
    onLog: opts.verbose ? (level, message) => log(`workbench ${level}: ${message}`) : undefined,
  });
  step('workbench page loaded');

  // The editor shows the file's text ...
  const name = basename(file);
  await page.waitForSelector(`.tab.active[aria-label*="${name.replace(/"/g, '\\"')}"]`, { timeout: 60_000 });
  await page.waitForFunction(() => (document.querySelector('.editor-instance .view-lines')?.textContent ?? '').trim().length > 0, null, {
    timeout: 60_000,
  });
  step('editor shows the file');
  // ... in the language the extension contributes for it, if it does (then the extension host
  // has loaded the extension) ...
  if (contributesLanguageFor(file)) await pollUntil(
    async () => {
      const mode = await page.locator('[id="status.editor.mode"]').textContent({ timeout: 1000 }).catch(() => '');
      return mode && !/plain text/i.test(mode);
    },
    { deadlineMs: 60_000, intervalMs: 200, message: `the language of ${name} to be recognised (status bar still says Plain Text)` },
  );
  step('language recognised');
  // The workbench has finished its start-up (the problems counter is one of its last items).
  await page.waitForSelector('[id="status.problems"]', { state: 'visible', timeout: 60_000 });
  if (opts['wait-for']) await page.waitForSelector(opts['wait-for'], { timeout: 60_000 });
  // ... and the server's diagnostics, semantic colours and decorations have settled: the
  // editor's text spans and decorations and the status bar stay unchanged for 1.5 s.
  await waitUntilSettled(page, { quietMs: 1500, deadlineMs: 30_000 });
  step('settled');

  if (action === 'hover') {
    // editor.action.showHover (Ctrl+K Ctrl+I) at the cursor; wait for a hover with content.
    const shown = await retryKeys(page, ['Control+K', 'Control+I'], () =>
      page.waitForFunction(() => {
        const hover = [...document.querySelectorAll('.monaco-hover')].find((h) => !h.classList.contains('hidden') && h.getBoundingClientRect().height > 0);
        return hover && !/Loading\.\.\./.test(hover.textContent ?? '');
      }, null, { timeout: 3_000 }),
    );
    if (!shown) log(`no hover appeared over "${target}" (the extension answered nothing there); saving the editor as it is`);
  } else if (action === 'quickfix') {
    // The quick fix menu (.action-widget), or the editor's "No code actions available" message.
    const shown = await retryKeys(page, ['Control+.'], () =>
      page.locator('.action-widget, .monaco-editor-overlaymessage').filter({ visible: true }).first().waitFor({ timeout: 3_000 }),
    );
    if (!shown) log(`no quick fix menu appeared at "${target}"; saving the editor as it is`);
  }
  step(`${action ?? 'no action'} done`);
  if (action) await waitUntilSettled(page, { quietMs: 500, deadlineMs: 15_000 });

  mkdirSync(dirname(out), { recursive: true });
  await page.screenshot({ path: out, animations: 'disabled' });
  log(`wrote ${out}`);
}

/**
 * Focuses the editor's text (the cursor stays where the goto put it) and presses `keys`, then
 * waits for `appeared`; repeats while it times out (a key press can land while the workbench
 * is still moving focus around), for at most 30 s. Resolves to whether it appeared.
 */
async function retryKeys(page, keys, appeared) {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    await page.keyboard.press('Escape');
    // Depending on editor.editContext the editor takes keys in a native edit context or a textarea.
    await page.locator('.editor-instance .monaco-editor :is(.native-edit-context, textarea.inputarea)').first().focus();
    const focused = await page.evaluate(() => !!document.activeElement?.closest('.editor-instance .monaco-editor'));
    if (!focused) throw new Error('could not focus the editor');
    for (const key of keys) await page.keyboard.press(key);
    if (await appeared().then(() => true, () => false)) return true;
    step(`nothing shown yet after ${keys.join(' ')}; trying again`);
  }
  return false;
}

/** True when the extension under development declares a language for this file's name. */
function contributesLanguageFor(path) {
  try {
    const manifest = JSON.parse(readFileSync(join(extensionPath, 'package.json'), 'utf8'));
    const name = basename(path).toLowerCase();
    return (manifest.contributes?.languages ?? []).some(
      (l) => (l.extensions ?? []).some((e) => name.endsWith(e.toLowerCase())) || (l.filenames ?? []).some((f) => f.toLowerCase() === name),
    );
  } catch {
    return false;
  }
}

/** Polls a fingerprint of what is on screen until it stays the same for quietMs. */
async function waitUntilSettled(page, { quietMs, deadlineMs }) {
  let last;
  let since = Date.now();
  await pollUntil(
    async () => {
      const now = await page.evaluate(() => {
        const pick = (sel) => [...document.querySelectorAll(sel)].map((e) => `${e.className}|${e.textContent}`).join('\n');
        return [
          document.querySelector('.editor-instance .view-lines')?.innerHTML ?? '',
          pick('.editor-instance .view-overlays > div > div, .editor-instance .decorationsOverviewRuler'),
          pick('.statusbar-item'),
          pick('.monaco-hover, .action-widget'),
        ].join('\n--\n');
      });
      if (now !== last) {
        last = now;
        since = Date.now();
        return false;
      }
      return Date.now() - since >= quietMs;
    },
    { deadlineMs, intervalMs: 100, message: 'the workbench to settle' },
  );
}

let code = 0;
try {
  await withDeadline(shoot(), timeoutMs, 'screenshot did not finish in time (raise --timeout, or add --verbose)');
} catch (error) {
  log(error instanceof TimeoutError ? `TIMEOUT: ${error.message}` : `error: ${error?.stack ?? error}`);
  code = 1;
} finally {
  await Promise.allSettled([browser?.close(), server?.stop()]);
}
process.exit(code);
