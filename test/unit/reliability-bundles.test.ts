// Issue 8, "never leak", as a property of what ships: the extension, server and CLI bundles load
// no Node module that reaches the network (http, https, http2, dns, tls, dgram), call no fetch
// or WebSocket, and send no telemetry. (The protocol tests run the server and the CLI with the
// network stubbed out; this catches a dependency that would bring the network in, the day it is
// added, even on a code path the tests do not take.) The bundles are built into a temp directory.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '../..');
let outRoot: string;

before(() => {
  outRoot = mkdtempSync(join(tmpdir(), 'claimlint-bundles-'));
  execFileSync(process.execPath, [join(root, 'scripts/build.mjs'), '--production', '--out-root', outRoot], { cwd: root, stdio: 'pipe' });
});

after(() => rmSync(outRoot, { recursive: true, force: true }));

/**
 * Node built-ins each bundle may load. child_process: the client starts the server, and the
 * language-server library can watch its parent; net: the JSON-RPC library's pipe and socket
 * transports (VS Code uses IPC, other editors stdio; the protocol tests prove no socket is opened).
 * worker_threads: the server loads rule tables in a worker (its bundle is embedded in server.js,
 * so this scan covers it too). zlib: a table in a CMS zip is inflated, and its CRC-32 checked, with
 * Node's zlib (core/rules/zipEntry.ts, crc32.ts); it works on bytes in memory only.
 */
const ALLOWED: Record<string, string[]> = {
  'client/out/extension.js': ['vscode', 'child_process', 'crypto', 'fs', 'net', 'os', 'path', 'readline', 'util', 'buffer', 'url', 'events', 'stream'],
  'server/out/server.js': ['child_process', 'crypto', 'fs', 'net', 'os', 'path', 'readline', 'util', 'buffer', 'url', 'events', 'stream', 'worker_threads', 'zlib'],
  'server/out/cli.js': ['crypto', 'fs', 'path', 'util', 'buffer', 'url', 'v8', 'vm', 'os', 'events', 'stream', 'worker_threads', 'zlib'],
};
const NETWORK = ['http', 'https', 'http2', 'dns', 'tls', 'dgram', 'undici'];

function requiredModules(source: string): string[] {
  const names = new Set<string>();
  for (const match of source.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)|\bimport\(\s*["']([^"']+)["']\s*\)/g)) {
    names.add((match[1] ?? match[2]!).replace(/^node:/, ''));
  }
  return [...names].sort();
}

for (const bundle of Object.keys(ALLOWED)) {
  test(`${bundle} loads only allowed Node modules, none of them network modules`, () => {
    const source = readFileSync(join(outRoot, bundle), 'utf8');
    const modules = requiredModules(source);
    assert.ok(modules.length > 0, 'the bundle requires something (the scan works)');
    assert.deepEqual(modules.filter((m) => NETWORK.includes(m)), [], 'network modules');
    assert.deepEqual(modules.filter((m) => !ALLOWED[bundle]!.includes(m)), [], 'modules outside the allow-list (add one only if it cannot reach the network)');
    for (const call of [/\bfetch\s*\(/, /\bnew\s+WebSocket\b/, /\bXMLHttpRequest\b/, /\bsendBeacon\b/]) assert.doesNotMatch(source, call);
  });
}

test('no telemetry: the sources never send a telemetry event or create a telemetry logger', () => {
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? walk(path) : path.endsWith('.ts') ? [path] : [];
    });
  for (const file of [...walk(join(root, 'server/src')), ...walk(join(root, 'client/src'))]) {
    const source = readFileSync(file, 'utf8');
    for (const pattern of [/\btelemetry\s*\.\s*logEvent\b/, /\bTelemetryEventNotification\b/, /['"]telemetry\/event['"]/, /\bcreateTelemetryLogger\b/, /\bTelemetryReporter\b/]) {
      assert.doesNotMatch(source, pattern, `${file}: ${pattern}`);
    }
  }
});
