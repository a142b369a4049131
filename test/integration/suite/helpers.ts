// What the integration suites share: the extension's id, fixtures of the test workspace (and
// fresh copies of them), waiting for a document's diagnostics (events, never a fixed sleep), and
// the text of hovers.
import * as assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, extname, join } from 'node:path';
import * as vscode from 'vscode';

export const extensionId = 'claimlint.claimlint';

/** A file of the test workspace (test/integration/workspace). */
export function fixture(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'a workspace folder is open (test/integration/workspace)');
  return vscode.Uri.joinPath(folder.uri, name);
}

let scratch: string | undefined;
let copies = 0;

/**
 * A copy of a workspace fixture under a name no test has opened before. A test that opens the
 * fixture itself can meet the document a previous test reverted and closed: VS Code closes a
 * document some time after its editor, so its diagnostics may still be listed when the test
 * starts (a wait for them resolves at once) and its didClose may reach the server after the
 * test's request, which then finds no document. A new file is opened, checked and published for
 * this test alone.
 */
export function freshCopy(name: string): vscode.Uri {
  scratch ??= mkdtempSync(join(tmpdir(), 'claimlint-fixtures-'));
  const extension = extname(name);
  const target = join(scratch, `${basename(name, extension)}-${++copies}${extension}`);
  copyFileSync(fixture(name).fsPath, target);
  return vscode.Uri.file(target);
}

/** Removes the copies freshCopy made (after the run). */
export function removeFreshCopies(): void {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
  scratch = undefined;
}

/** Resolves with the document's Claimlint diagnostics once they satisfy `accept`; rejects after a deadline. */
export function diagnosticsOf(uri: vscode.Uri, accept: (d: readonly vscode.Diagnostic[]) => boolean, timeoutMs = 20_000): Promise<readonly vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      const current = vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'claimlint');
      if (!accept(current)) return false;
      clearTimeout(timer);
      listener.dispose();
      resolve(current);
      return true;
    };
    const listener = vscode.languages.onDidChangeDiagnostics((event) => {
      if (event.uris.some((u) => u.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      listener.dispose();
      const now = vscode.languages.getDiagnostics(uri);
      reject(new Error(`diagnostics for ${uri.path} not as expected within ${timeoutMs} ms (${now.length} now): ${JSON.stringify(now.slice(0, 5).map((d) => d.message))}`));
    }, timeoutMs);
    check();
  });
}

/** The Markdown of every hover, joined. */
export function hoverMarkdown(hovers: vscode.Hover[]): string {
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
}

/** A diagnostic's code (a rule id). */
export const codeOf = (d: vscode.Diagnostic): string | number | undefined => (typeof d.code === 'object' ? d.code.value : d.code);
