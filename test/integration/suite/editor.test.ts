// What a user sees in VS Code, through VS Code's own API: the hover over 43214, the squiggles on
// the bundled codes, and the quick fix that removes a bundled line and leaves a valid file.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { diagnosticsOf, extensionId, freshCopy, hoverMarkdown, removeFreshCopies } from './helpers';

describe('Claimlint editor features in VS Code', () => {
  before(async () => {
    await vscode.extensions.getExtension(extensionId)?.activate();
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    removeFreshCopies();
  });

  it('underlines the codes bundled into 43214 with errors on their exact ranges', async () => {
    const uri = freshCopy('professional-43214.837');
    const waiting = diagnosticsOf(uri, (d) => d.length > 0);
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const diagnostics = await waiting;
    assert.deepEqual(diagnostics.map((d) => doc.getText(d.range)), ['43200', '76000']);
    for (const d of diagnostics) {
      assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
      assert.equal(typeof d.code === 'object' ? d.code.value : d.code, 'ptp.conflict');
      assert.match(d.message, /43214/);
      assert.equal(doc.getText(d.relatedInformation![0]!.location.range), '43214');
    }
  });

  it('shows the official descriptor of 43214 on hover', async () => {
    const uri = freshCopy('professional-43214.837');
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const position = doc.positionAt(doc.getText().indexOf('43214', doc.getText().indexOf('SV1')) + 2);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position);
    const markdown = hoverMarkdown(hovers);
    assert.match(markdown, /Esophagoscopy, flexible, transoral; with dilation of esophagus with balloon \(30 mm diameter or larger\) \(includes fluoroscopic guidance, when performed\)/);
    assert.match(markdown, /43197, 43198, 43200, 74360, 76000/);
  });

  it('the preferred quick fix removes the bundled line and the file stays valid', async () => {
    const uri = freshCopy('professional-43214.837');
    const ready = diagnosticsOf(uri, (d) => d.length === 2);
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const [first] = await ready;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, first!.range);
    const preferred = actions.filter((a) => a.isPreferred);
    assert.equal(preferred.length, 1, 'one preferred fix');
    assert.match(preferred[0]!.title, /^Remove service line 2/);
    const fixed = diagnosticsOf(uri, (d) => d.length === 1);
    assert.ok(await vscode.workspace.applyEdit(preferred[0]!.edit!));
    const remaining = await fixed;
    assert.deepEqual(remaining.map((d) => doc.getText(d.range)), ['76000']);
    const text = doc.getText();
    assert.ok(!text.includes('HC:43200*400.00*UN*1***1~\nDTP*472*D8*20261015'), 'the 43200 line of the first claim is gone');
    assert.match(text, /CLM\*DEMO-P-0001\*1750\.00\*/, 'CLM02 lowered by the line charge');
    assert.match(text, /LX\*2~\nSV1\*HC:76000/, 'the later line renumbered');
    assert.match(text, /SE\*31\*0001~/, 'SE01 lowered by the three segments removed');
  });

  it('fix-all removes every bundled line, and nothing is left to flag', async () => {
    const uri = freshCopy('professional-43214.837');
    const ready = diagnosticsOf(uri, (d) => d.length === 2);
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    await ready;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      uri,
      new vscode.Range(0, 0, 0, 0),
      vscode.CodeActionKind.SourceFixAll.append('claimlint').value,
      1, // resolve the action: the server sends fix-all's edits on codeAction/resolve
    );
    assert.equal(actions.length, 1);
    const clean = diagnosticsOf(uri, (d) => d.length === 0);
    assert.ok(await vscode.workspace.applyEdit(actions[0]!.edit!));
    await clean;
    assert.match(doc.getText(), /SE\*28\*0001~/);
  });

  it('checks a CSV export too', async () => {
    const uri = freshCopy('claims-export.csv');
    const waiting = diagnosticsOf(uri, (d) => d.length > 0);
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const diagnostics = await waiting;
    assert.deepEqual(diagnostics.map((d) => doc.getText(d.range)), ['43198']);
  });
});
