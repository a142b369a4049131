// The implementation guides through the real server over stdio: claimlint.guideChecks full adds
// the guide's diagnostics (and keeps them equal to a fresh analysis after an edit), the element
// hover shows the guide's word on CLM05-01, and completion offers codes and segments.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CompletionRequest, HoverRequest, type CompletionItem, type CompletionList, type MarkupContent, type Position, type TextEdit } from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze } from '../../server/src/core/analyze';
import { loadKnowledge } from '../../server/src/core/rules/knowledge';
import { TestClient } from './helpers/lspClient';

const root = resolve(__dirname, '../..');
const example = readFileSync(join(root, 'examples/professional-43214.837'), 'utf8');
const broken = example.replace('22:B:1*', '22::1*').replace('SV1*HC:43214*1500.00*UN*', 'SV1*HC:43214*1500.00*ZZ*');
const knowledge = loadKnowledge({ builtinEdits: true, ptpFiles: [], descriptorFiles: [], readFile: () => '' });

function positionOf(text: string, needle: string, delta = 0): Position {
  const offset = text.indexOf(needle);
  assert.ok(offset >= 0, `${JSON.stringify(needle)} in the document`);
  return TextDocument.create('x', 'x', 0, text).positionAt(offset + delta);
}

const codes = (diagnostics: { code?: number | string }[]) => diagnostics.map((d) => String(d.code)).sort();

test('guideChecks full (the default) publishes the guide findings, envelope does not, and an edit keeps them equal to a fresh analysis', async () => {
  const client = new TestClient({ settings: { builtinEdits: true } });
  try {
    await client.initialize();
    const uri = TestClient.uriFor('guides.837');
    // No guideChecks setting: the default is full.
    const byDefault = await client.open(uri, broken);
    const missing = byDefault.diagnostics.find((d) => d.code === 'guide.element-missing');
    assert.ok(missing, 'the default is full');
    assert.match(String(missing.message), /CLM05-02/);
    assert.ok(byDefault.diagnostics.some((d) => d.code === 'guide.code-invalid' && /SV103/.test(String(d.message))));
    assert.deepEqual(codes(byDefault.diagnostics), analyze(broken, knowledge, undefined, undefined, { guideChecks: 'full' }).findings.map((f) => f.rule).sort());

    // Set to envelope: the guide findings go.
    const envelopeOnly = client.waitForDiagnostics(uri, (p) => !p.diagnostics.some((d) => String(d.code).startsWith('guide.')));
    await client.changeSettings({ builtinEdits: true, guideChecks: 'envelope' });
    const envelope = await envelopeOnly;
    assert.deepEqual(codes(envelope.diagnostics), analyze(broken, knowledge, undefined, undefined, { guideChecks: 'envelope' }).findings.map((f) => f.rule).sort());

    // Set to full: they are back.
    const full = client.waitForDiagnostics(uri, (p) => p.diagnostics.some((d) => String(d.code).startsWith('guide.')));
    await client.changeSettings({ builtinEdits: true, guideChecks: 'full' });
    const published = await full;
    assert.deepEqual(codes(published.diagnostics), codes(byDefault.diagnostics));

    // An edit inside the first transaction set: what is published is what a whole analysis gives.
    const edited = broken.replace('DTP*472*D8*20261020~', 'DTP*472*D8*20261020~\nFOO*1~');
    const line = TextDocument.create('x', 'x', 0, broken).positionAt(broken.indexOf('DTP*472*D8*20261020~') + 'DTP*472*D8*20261020~'.length);
    const after = await client.change(uri, { text: '\nFOO*1~', range: { start: line, end: line } });
    const fresh = analyze(edited, knowledge, undefined, undefined, { guideChecks: 'full' }).findings.map((f) => f.rule).sort();
    assert.ok(fresh.includes('guide.segment-unexpected'));
    assert.deepEqual(codes(after.diagnostics), fresh);

    // Back to off: the envelope and structure checks go too.
    const off = client.waitForDiagnostics(uri, (p) => !p.diagnostics.some((d) => String(d.code).startsWith('guide.')));
    await client.changeSettings({ builtinEdits: true, guideChecks: 'off' });
    const offCodes = codes((await off).diagnostics);
    assert.deepEqual(offCodes, analyze(edited, knowledge, undefined, undefined, { guideChecks: 'off' }).findings.map((f) => f.rule).sort());
    assert.ok(!offCodes.some((c) => c.startsWith('x12.')), offCodes.join(', '));
  } finally {
    await client.shutdown();
  }
});

test('hover on CLM05-01 shows the guide; completion offers HC in SV1-01-1 and the allowed segments at a segment start', async () => {
  const client = new TestClient({ settings: { builtinEdits: true } });
  try {
    const init = await client.initialize();
    assert.ok(init.capabilities.completionProvider?.triggerCharacters?.includes('*'));
    const uri = TestClient.uriFor('guides-editor.837');
    await client.open(uri, example);

    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: positionOf(example, '22:B:1', 1) });
    assert.ok(hover);
    const markdown = (hover.contents as MarkupContent).value;
    assert.match(markdown, /\*\*CLM05-01\*\* Place of Service Code/);
    assert.match(markdown, /Required · string \(AN\) · 1-2 characters/);
    assert.match(markdown, /loop 2300 Claim Information/);
    assert.match(markdown, /Valid codes \(external code set `pos`\): `01`, .* and \d+ more/);

    const items = (result: CompletionItem[] | CompletionList | null): CompletionItem[] => (Array.isArray(result) ? result : (result?.items ?? []));
    const inQualifier = items(await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: positionOf(example, 'SV1*HC:43214', 4) }));
    const hc = inQualifier.find((i) => i.label === 'HC');
    assert.ok(hc, inQualifier.map((i) => i.label).join(' '));
    assert.equal(hc.detail, 'HCPCS / CPT code');
    const edit = hc.textEdit as TextEdit;
    assert.deepEqual(edit.range, { start: positionOf(example, 'SV1*HC:43214', 4), end: positionOf(example, 'SV1*HC:43214', 6) });

    const atStart = items(await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: positionOf(example, 'LX*2~') }));
    const labels = atStart.map((i) => i.label);
    // After line 1's DTP*472 (max use 1 in its 2400): another line, another date, a claim, the trailer.
    for (const expected of ['LX', 'DTP*471', 'CLM', 'SE']) assert.ok(labels.includes(expected), `${expected} in ${labels.join(' ')}`);
    assert.ok(!labels.includes('DTP*472'), labels.join(' '));
    const ids = new Set(labels.map((label) => label.split('*')[0]));
    for (const absent of ['BHT', 'ISA', 'GS', 'ST', 'IEA']) assert.ok(!ids.has(absent), `${absent} in ${labels.join(' ')}`);
  } finally {
    await client.shutdown();
  }
});
