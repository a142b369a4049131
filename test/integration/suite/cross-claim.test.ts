// A conflict split across two claims of one patient, provider and date, in the real VS Code:
// two-claims-43214.837 has 43214 on claim 1 (line 1) and 43200 on claim 2 (line 1) of member
// T0000002 on 10/15/2026, same billing provider. The squiggle is on claim 2's 43200, and the
// removal quick fix leaves both claims valid (claim 2's CLM02 and LX, the SE01).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, diagnosticsOf, extensionId, freshCopy, removeFreshCopies } from './helpers';

const name = 'two-claims-43214.837';

describe('Claimlint: a conflict split across two claims in VS Code', () => {
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

  it('puts the squiggle on the 43200 of claim 2, related to the 43214 of claim 1', async () => {
    const uri = freshCopy(name);
    const waiting = diagnosticsOf(uri, (d) => d.length > 0);
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const diagnostics = await waiting;
    assert.equal(diagnostics.length, 1, JSON.stringify(diagnostics.map((d) => d.message)));
    const [d] = diagnostics as [vscode.Diagnostic];
    // Line 38 of the file (0-based 37): SV1*HC:43200 of claim 2, characters 7-12.
    assert.equal(doc.lineAt(37).text, 'SV1*HC:43200*400.00*UN*1***1~');
    assert.ok(d.range.isEqual(new vscode.Range(37, 7, 37, 12)), `range ${JSON.stringify(d.range)}`);
    assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(codeOf(d), 'ptp.conflict');
    assert.match(d.message, /\(claim 1, service line 1\)/);
    const related = d.relatedInformation?.[0];
    assert.ok(related, 'related information');
    assert.equal(related.location.uri.toString(), uri.toString());
    assert.ok(related.location.range.isEqual(new vscode.Range(22, 7, 22, 12)), `related ${JSON.stringify(related.location.range)}`);
    assert.equal(doc.getText(related.location.range), '43214');
    assert.match(doc.lineAt(19).text, /^CLM\*TEST-0902-A\*/, 'the 43214 is in claim 1');
  });

  it('the removal quick fix keeps both claims valid: claim 2 CLM02 and LX, SE01', async () => {
    const uri = freshCopy(name);
    const ready = diagnosticsOf(uri, (d) => d.length === 1);
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const [conflict] = await ready;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, conflict!.range);
    const removal = actions.filter((a) => a.isPreferred && a.title.startsWith('Remove'));
    assert.equal(removal.length, 1, `one preferred removal among ${JSON.stringify(actions.map((a) => a.title))}`);
    assert.match(removal[0]!.title, /^Remove claim 2, service line 1 \(43200, bundled into 43214\)/);
    const clean = diagnosticsOf(uri, (d) => d.length === 0);
    assert.ok(await vscode.workspace.applyEdit(removal[0]!.edit!));
    await clean;
    const text = doc.getText();
    assert.ok(!text.includes('43200'), 'the 43200 line is gone');
    assert.match(text, /CLM\*TEST-0902-A\*1620\.00\*[^~]*~\nHI\*ABK:K222~\nLX\*1~\nSV1\*HC:43214\*1500\.00\*UN\*1\*\*\*1~\nDTP\*472\*D8\*20261015~\nLX\*2~\nSV1\*HC:99213/, 'claim 1 untouched');
    assert.match(text, /CLM\*TEST-0902-B\*120\.00\*[^~]*~\nHI\*ABK:K222~\nLX\*1~\nSV1\*HC:99212\*120\.00/, 'claim 2: CLM02 lowered by 400.00, its remaining line renumbered 1');
    assert.match(text, /\nSE\*38\*0902~/, 'SE01 lowered by the three segments removed');
    assert.equal(doc.lineCount, 43, 'only the three lines of the removed loop are gone');
    // Settled: the edit's version has been checked, with nothing left.
    assert.deepEqual(vscode.languages.getDiagnostics(uri).filter((d) => d.severity === vscode.DiagnosticSeverity.Error).map((d) => d.message), []);
  });
});
