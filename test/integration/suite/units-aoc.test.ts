// The MUE and add-on code checks (issue 16) in the real VS Code. The workspace settings
// (test/integration/workspace/.vscode/settings.json) load tables/MCR_MUE_PractitionerServices_test.csv
// (97110: MUE 4, MAI 2; 20610: MUE 1, MAI 1; in CMS's CSV layout) and tables/aoc-test.txt (11045
// needs 11042 or 11043).
// units-97110.837 has one patient on 10/15/2026: claim 1 bills 97110 x3, 11042 and 11045 (its
// primary is there: no finding); claim 2 bills 97110 x2, so 5 units of 97110 are one over.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, diagnosticsOf, extensionId, freshCopy, hoverMarkdown, removeFreshCopies } from './helpers';

const name = 'units-97110.837';

/** A fresh copy of fixture `fixture` opened in an editor, once its first diagnostics arrive. */
async function openFixture(fixture = name): Promise<{ uri: vscode.Uri; doc: vscode.TextDocument; diagnostics: readonly vscode.Diagnostic[] }> {
  const uri = freshCopy(fixture);
  const waiting = diagnosticsOf(uri, (d) => d.length > 0);
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(doc);
  return { uri, doc, diagnostics: await waiting };
}

describe('Claimlint: MUE and add-on codes in VS Code', () => {
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

  it('puts an mue.exceeded error on the units of claim 2, related to the units of claim 1', async () => {
    const { uri, doc, diagnostics } = await openFixture();
    assert.deepEqual(diagnostics.map((d) => `${codeOf(d)}@${doc.getText(d.range)}`), ['mue.exceeded@2'], 'only the excess: 11045 has its primary 11042 beside it');
    const [d] = diagnostics as [vscode.Diagnostic];
    // Line 41 of the file (0-based 40): claim 2's SV1; SV1-04 is character 22.
    assert.equal(doc.lineAt(40).text, 'SV1*HC:97110*60.00*UN*2***1~');
    assert.ok(d.range.isEqual(new vscode.Range(40, 22, 40, 23)), `range ${JSON.stringify(d.range)}`);
    assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
    assert.match(d.message, /^97110 is over its MUE of 4 \(practitioner table, MAI 2/);
    assert.match(d.message, /5 units of 97110 are reported for this patient and provider on 10\/15\/2026, over 2 lines \(claim 1, service line 1 and this one\)/);
    const related = d.relatedInformation?.[0];
    assert.ok(related, 'related information');
    assert.equal(related.location.uri.toString(), uri.toString());
    assert.ok(related.location.range.isEqual(new vscode.Range(22, 22, 22, 23)), `related ${JSON.stringify(related.location.range)}`);
    assert.equal(doc.lineAt(22).text, 'SV1*HC:97110*90.00*UN*3***1~');
  });

  it('the hover over 97110 shows its MUE, and over 11045 its primaries', async () => {
    const { uri, doc } = await openFixture();
    const text = doc.getText();
    const on97110 = doc.positionAt(text.indexOf('HC:97110') + 5);
    const mue = hoverMarkdown(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, on97110));
    assert.match(mue, /\*\*MUE:\*\* at most 4 units \(MAI 2, per day, a policy limit; practitioner table; Clinical: Data\)/);
    const on11045 = doc.positionAt(text.indexOf('HC:11045') + 5);
    const addOn = hoverMarkdown(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, on11045));
    assert.match(addOn, /\*\*Add-on code\*\* \(type 1: only with a listed primary\): primaries 11042, 11043\./);
  });

  it('the quick fix lowers the units of claim 2 to 1 and leaves no error', async () => {
    const { uri, doc, diagnostics } = await openFixture();
    const [excess] = diagnostics as [vscode.Diagnostic];
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, excess.range, vscode.CodeActionKind.QuickFix.value);
    const lower = actions.filter((a) => a.title === 'Lower the units of 97110 to its MUE of 4 for the day');
    assert.equal(lower.length, 1, `the units fix among ${JSON.stringify(actions.map((a) => a.title))}`);
    assert.equal(lower[0]!.isPreferred, true);
    const clean = diagnosticsOf(uri, (d) => d.length === 0);
    assert.ok(await vscode.workspace.applyEdit(lower[0]!.edit!));
    await clean;
    const text = doc.getText();
    assert.match(text, /CLM\*TEST-1601-B\*150\.00\*[^~]*~\nHI\*ABK:M545~\nLX\*1~\nSV1\*HC:97110\*30\.00\*UN\*1\*\*\*1~/, 'claim 2: 1 unit at 30.00, CLM02 lowered by 30.00');
    assert.match(text, /CLM\*TEST-1601-A\*290\.00\*[^~]*~\nHI\*ABK:M545~\nLX\*1~\nSV1\*HC:97110\*90\.00\*UN\*3\*\*\*1~/, 'claim 1 untouched');
    assert.match(text, /\nSE\*44\*1601~/, 'no segment removed');
    assert.deepEqual(vscode.languages.getDiagnostics(uri).filter((d) => d.severity === vscode.DiagnosticSeverity.Error).map((d) => d.message), []);
  });

  // repeats-20610.csv: Mary's 20610-RT on claims A1 and A2 (alike: mue.line-repeated), her 43200
  // on B2 and her son Tim's 43214 on B1, on one subscriber id: two patients, no pair.
  it('a CSV of two patients on one subscriber id: a warning on the repeated MAI 1 line, related to the first, and no pair across the patients', async () => {
    const { doc, diagnostics } = await openFixture('repeats-20610.csv');
    assert.deepEqual(diagnostics.map((d) => `${codeOf(d)}@${d.range.start.line + 1}:${doc.getText(d.range)}`), ['mue.line-repeated@3:20610']);
    const [d] = diagnostics as [vscode.Diagnostic];
    assert.equal(d.severity, vscode.DiagnosticSeverity.Warning);
    assert.match(d.message, /as on line 2: nothing tells the lines apart/);
    assert.equal(d.relatedInformation?.[0]?.location.range.start.line, 1);
    assert.doesNotMatch(JSON.stringify(diagnostics.map((x) => [x.message, x.relatedInformation?.map((r) => r.message)])), /Doe|Mary|Tim/);
  });
});
