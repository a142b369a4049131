// A diagnosis pointer that names no code of its claim's HI, in a real VS Code: the error sits on
// the pointer with the HI as its related location, and goes once an edit adds the code.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { diagnosticsOf, freshCopy } from './helpers';

describe('Claimlint: diagnosis pointers in VS Code', () => {
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('underlines a pointer past the claim\'s diagnosis codes, and clears it when the HI lists the code', async () => {
    const uri = freshCopy('pointers.837');
    const published = diagnosticsOf(uri, (d) => d.some((x) => x.message.startsWith('SV107-02 points to diagnosis 2')));
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const diagnostics = await published;
    assert.equal(diagnostics.length, 1, JSON.stringify(diagnostics.map((d) => d.message)));
    const [pointer] = diagnostics;
    assert.equal(pointer!.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(doc.getText(pointer!.range), '2');
    assert.match(doc.lineAt(pointer!.range.start.line).text, /^SV1\*HC:36415\*/);
    const related = pointer!.relatedInformation?.[0];
    assert.ok(related, 'related information');
    assert.equal(doc.lineAt(related.location.range.start.line).text, 'HI*ABK:K219~');

    const hi = doc.lineAt(related.location.range.start.line);
    const cleared = diagnosticsOf(uri, (d) => d.length === 0);
    const edit = new vscode.WorkspaceEdit();
    edit.insert(uri, hi.range.end.translate(0, -1), '*ABF:R12');
    assert.ok(await vscode.workspace.applyEdit(edit));
    await cleared;
    assert.match(doc.getText(), /\nHI\*ABK:K219\*ABF:R12~\n/);
  });
});
