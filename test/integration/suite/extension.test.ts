// First end-to-end check in a real VS Code: the extension is there, an .837 file is X12 and
// wakes the extension, and the language server answers a request made through VS Code's API.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, diagnosticsOf, extensionId, fixture } from './helpers';

describe('Claimlint in VS Code', () => {
  let doc: vscode.TextDocument;

  before(async () => {
    doc = await vscode.workspace.openTextDocument(fixture('conflict.837'));
    await vscode.window.showTextDocument(doc);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('is installed from the development path', () => {
    const extension = vscode.extensions.getExtension(extensionId);
    assert.ok(extension, `${extensionId} is among the extensions`);
  });

  it('contributes the x12 language', async () => {
    const languages = await vscode.languages.getLanguages();
    assert.ok(languages.includes('x12'), `x12 in ${languages.join(', ')}`);
  });

  it('opens an .837 file as x12', () => {
    assert.equal(doc.languageId, 'x12');
  });

  it('activates when an .837 file is opened', async () => {
    const extension = vscode.extensions.getExtension(extensionId);
    assert.ok(extension);
    // Nothing here calls activate(): opening the document must be what wakes the extension. Its
    // server's diagnostics for the document (the conflict of conflict.837) are the event that
    // says it is awake.
    await diagnosticsOf(doc.uri, (d) => d.some((diagnostic) => codeOf(diagnostic) === 'ptp.conflict'));
    assert.equal(extension.isActive, true, `${extensionId} is active`);
  });

  it('gets an answer from the language server (hover)', async () => {
    const extension = vscode.extensions.getExtension(extensionId);
    assert.ok(extension);
    await extension.activate(); // resolves once the client has started and the server initialized
    const line = doc.getText().split(/\r?\n/).findIndex((l) => l.includes('HC:43214'));
    assert.ok(line >= 0, 'fixture has the 43214 service line');
    const character = doc.lineAt(line).text.indexOf('43214') + 1;
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      doc.uri,
      new vscode.Position(line, character),
    );
    // The server's answer, not only an empty list: the hover over 43214 names the code, its
    // descriptor, and the codes bundled into it.
    const markdown = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(markdown, /43214/, `the hover over 43214: ${markdown}`);
    assert.match(markdown, /Esophagoscopy, flexible, transoral; with dilation of esophagus with balloon/);
    assert.match(markdown, /43200/, 'the PTP edits of 43214 on that date');
  });
});
