// Found in review: `claimlint.trace.server` as package.json and the README describe it: "Traces the communication
// between VS Code and the Claimlint language server in the Claimlint output channel". The client
// bundles vscode-languageclient 11 and gives it a log output channel (client/src/extension.ts:
// createOutputChannel('Claimlint', { log: true }) as `outputChannel`). That client traces only
// while the channel's log level is Trace (BaseLanguageClient.refreshTrace: any other level means
// Trace.Off, whatever the setting says; and at Trace, the setting's `off` becomes `messages`), and
// writes each trace line with LogOutputChannel.trace, which a channel at the default level (Info)
// drops. A user who sets `verbose` to see the messages gets nothing in the Claimlint output
// unless they also set its log level to Trace (Output panel, or "Developer: Set Log Level..."),
// which neither the setting's description nor the README says.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '../..');

test('the installed language client traces only at the output channel log level Trace', () => {
  // What the test below depends on: if a later client traced on the setting alone, the docs would be right as they are.
  const client = readFileSync(join(root, 'node_modules/vscode-languageclient/lib/common/client.js'), 'utf8');
  assert.match(client, /_traceLogLevel !== vscode_1\.LogLevel\.Trace \? [\w.]+Trace\.Off/);
  const extension = readFileSync(join(root, 'client/src/extension.ts'), 'utf8');
  assert.match(extension, /createOutputChannel\('Claimlint', \{ log: true \}\)/, 'the client gives it a log output channel');
  assert.doesNotMatch(extension, /setTrace\(|traceOutputChannel/, 'the client does not trace by other means');
});

test('the trace.server description and the README say the Claimlint output must be at log level Trace', () => {
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { contributes: { configuration: { properties: Record<string, { description?: string; markdownDescription?: string }> } } };
  const setting = manifest.contributes.configuration.properties['claimlint.trace.server']!;
  const description = setting.markdownDescription ?? setting.description ?? '';
  assert.match(description, /log level[\s\S]*\bTrace\b/i, `the setting's description: ${description}`);
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const row = readme.split('\n').find((line) => line.startsWith('| `claimlint.trace.server`'));
  assert.ok(row, 'the README lists the setting');
  assert.match(row, /log level[\s\S]*\bTrace\b/i, `the README row: ${row}`);
});
