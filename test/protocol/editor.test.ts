// What users see every day, through the real server over stdio: diagnostics, hovers, quick fixes
// (applied and re-parsed), fix-all, symbols, folding and formatting, on 837P/I/D with several
// delimiter sets and line endings, and on CSV.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CodeActionRequest,
  DocumentFormattingRequest,
  DocumentSymbolRequest,
  FoldingRangeRequest,
  HoverRequest,
  type CodeAction,
  type Diagnostic,
  type DocumentSymbol,
  type Position,
  type TextEdit,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseDocument } from '../../server/src/core/parse';
import type { ParsedDocument } from '../../server/src/core/model';
import { writeX12, type ClaimKind, type WriterClaim, type WriterOptions } from '../unit/helpers/x12-writer';
import { statementPeriod } from './helpers/guideDates';
import { TestClient } from './helpers/lspClient';
import { hoverText } from './helpers/text';
import { practitionerPtpText } from '../unit/helpers/ncci-tables';

const day = { from: 20260310, to: 20260310 };
const otherDay = { from: 20260311, to: 20260311 };

/**
 * The claim-level date each guide allows: none in an 837P (the service date is each line's
 * DTP*472 in 2400), the statement period in an 837I, the optional claim DTP*472 in an 837D. The
 * lines carry their own dates, so the fixtures are guide-valid and the PTP checks read line dates.
 */
function claimDate(kind: ClaimKind): WriterClaim['date'] {
  return kind === 'professional' ? undefined : kind === 'institutional' ? statementPeriod : day;
}

/**
 * The second code bundled into 43214 on claim 1, with modifier indicator 0 in the claim's table:
 * 76000 on a professional claim; on an 837I 74360, since CMS's outpatient hospital table (and the
 * built-in set's hospital rows) give 43214/76000 indicator 1, a modifier making it payable.
 */
function secondBundled(kind: ClaimKind): string {
  return kind === 'institutional' ? '74360' : '76000';
}

function conflictClaims(kind: ClaimKind): WriterClaim[] {
  if (kind === 'dental') {
    // The user table (below) pairs D4341 with D4355, but no NCCI PTP table applies to 837D claims.
    return [
      { id: 'CLAIM-D1', date: claimDate(kind), lines: [
        { code: 'D4341', charge: '210.00', date: day },
        { code: 'D4355', charge: '95.50', date: day },
        { code: 'D0120', charge: '40.00', date: day },
      ] },
    ];
  }
  return [
    { id: 'CLAIM-1', date: claimDate(kind), lines: [
      { code: '43214', charge: '1500.00', date: day },
      { code: '43200', charge: '400.00', date: day },
      { code: '99213', charge: '120.00', modifiers: ['25'], date: day },
      { code: secondBundled(kind), charge: '250.00', date: day },
    ] },
    { id: 'CLAIM-2', date: claimDate(kind), lines: [
      { code: '43200', charge: '400.00', date: otherDay },
      { code: '43214', charge: '1500.00', date: day },
    ] },
  ];
}

const variants: { name: string; kind: ClaimKind; options: WriterOptions }[] = [
  { name: '837P, * : ~, LF', kind: 'professional', options: { lineEnding: '\n' } },
  { name: '837P, | ^ ~, single line', kind: 'professional', options: { delimiters: { element: '|', component: '^', repetition: '{' }, lineEnding: '' } },
  { name: '837I, | > ~, CRLF', kind: 'institutional', options: { kind: 'institutional', delimiters: { element: '|', component: '>', repetition: '^' }, lineEnding: '\r\n' } },
  { name: '837D, * : ~, CRLF, 2 transaction sets', kind: 'dental', options: { kind: 'dental', lineEnding: '\r\n' } },
];

let dir: string;
let client: TestClient;
let ptpFile: string;
let hospitalFile: string;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'claimlint-editor-'));
  ptpFile = join(dir, 'user-edits.txt');
  // CMS layout: preamble, then tab-separated rows, CRLF. A practitioner table: it applies to 837P
  // claims and CSV rows; 11042/97597 and D4341/D4355 are pairs the built-in 43214 set does not know.
  writeFileSync(ptpFile, [
    'Synthetic PTP table for tests',
    'Column 1\tColumn 2\t*=in existence prior to 1996\tEffective Date\tDeletion Date\tModifier Indicator\tPTP Edit Rationale',
    'D4341\tD4355\t\t20200101\t*\t1\tMisuse of column two code with column one code',
    '11042\t97597\t\t20200101\t*\t1\tMisuse of column two code with column one code',
    '',
  ].join('\r\n'));
  // And an outpatient hospital table, so that the 837I variant is judged by a table that is loaded
  // (with only a practitioner one, it is told so: ncci.table-not-loaded), beside the built-in rows.
  hospitalFile = join(dir, 'ccioph-user-edits.txt');
  writeFileSync(hospitalFile, practitionerPtpText(['11042\t97597\t\t20200101\t*\t1\tMisuse of column two code with column one code']));
  client = new TestClient({ settings: { ptpEditFiles: [ptpFile], hospitalPtpEditFiles: [hospitalFile], descriptorFiles: [], builtinEdits: true } });
  await client.initialize();
});

after(async () => {
  await client.shutdown();
  rmSync(dir, { recursive: true, force: true });
});

function positionOf(text: string, needle: string, from = 0): Position {
  const offset = text.indexOf(needle, from);
  assert.ok(offset >= 0, `${JSON.stringify(needle)} in the document`);
  return TextDocument.create('x', 'x', 0, text).positionAt(offset);
}

function applyTextEdits(text: string, edits: TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('x', 'x', 0, text), edits);
}

function editsOf(action: CodeAction): TextEdit[] {
  const change = action.edit?.documentChanges?.[0];
  assert.ok(change && 'edits' in change, 'a versioned text document edit');
  return change.edits as TextEdit[];
}

/** The structural checks a fix must leave clean: counts, LX numbering, CLM02 balance. */
function assertStructurallyValid(doc: ParsedDocument): void {
  const structural = doc.findings.filter((f) => !f.rule.startsWith('ptp.'));
  assert.deepEqual(structural.map((f) => `${f.rule}: ${f.message}`), []);
  for (const claim of doc.claims) {
    assert.deepEqual(claim.lines.map((l) => l.lineNumber), claim.lines.map((_, i) => String(i + 1)), 'LX numbered 1..n');
  }
}

for (const variant of variants) {
  describe(variant.name, () => {
    const claims = conflictClaims(variant.kind);
    const { text } = writeX12(claims, { ...variant.options, transactions: variant.kind === 'dental' ? 1 : 2 });
    const uri = TestClient.uriFor(`${variant.kind}-${variants.indexOf(variant)}.837`);
    let diagnostics: Diagnostic[];
    const columnTwo = '43200';
    const columnOne = '43214';

    before(async () => {
      diagnostics = (await client.open(uri, text)).diagnostics;
    });

    if (variant.kind === 'dental') {
      test('no NCCI PTP table applies to a dental claim: no PTP diagnostic, though the user table pairs D4341 with D4355; only the notes that the 5010 837D guide is not validated and that no NCCI table judges the claim', () => {
        assert.ok(text.includes('AD:D4341') && text.includes('AD:D4355'), 'the file bills the pair the user table knows');
        // Claimlint has no map of the 5010 dental guide: in the default guideChecks (full) the user
        // is told so once, as information on GS08; and once, on the claim's CLM01, that no NCCI
        // table judges a dental claim. Those are the only diagnostics.
        assert.deepEqual(
          diagnostics.map((d) => [d.code, d.severity, text.slice(...offsets(text, d))]),
          [
            ['guide.not-validated', 3, '005010X224A2'],
            ['ncci.not-applicable', 3, 'CLAIM-D1'],
          ],
          'no PTP finding, and a generated file has no structural findings',
        );
        assert.match(String(diagnostics[0]!.message), /^837 Dental 5010 \(005010X224A2\) is not validated against its implementation guide/);
        assert.match(String(diagnostics[1]!.message), /^No NCCI table applies to this claim, a dental claim: its service lines were not paired with PTP edits/);
      });

      test('hover on a dental code names it and says no PTP table applies', async () => {
        const markdown = hoverText(await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: positionOf(text, 'D4341') }));
        assert.match(markdown, /\*\*D4341\*\*/);
        assert.match(markdown, /Dental claim: no NCCI PTP table applies/);
        assert.doesNotMatch(markdown, /D4355/, 'the user table pair is not listed');
      });

      test('no quick fix and no fix-all edit is offered on a dental claim', async () => {
        const everything = { start: { line: 0, character: 0 }, end: { line: 1e6, character: 0 } };
        const actions = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: everything, context: { diagnostics: [] } })) as CodeAction[];
        assert.deepEqual(actions.filter((a) => a.kind === 'quickfix').map((a) => a.title), []);
        assert.deepEqual(actions.filter((a) => a.edit && editsOf(a).length > 0).map((a) => a.title), []);
      });
    } else {
      test('conflicts are diagnostics on the column-2 code, with severity, source, code and the column-1 line', () => {
        const ptp = diagnostics.filter((d) => String(d.code).startsWith('ptp.'));
        assert.deepEqual(ptp.map((d) => text.slice(...offsets(text, d))), ['43200', secondBundled(variant.kind)]);
        for (const d of ptp) {
          assert.equal(d.source, 'claimlint');
          assert.equal(d.severity, 1, 'indicator 0 is an error');
          assert.equal(d.code, 'ptp.conflict');
          assert.match(String(d.message), new RegExp(columnOne));
          assert.match(String(d.message), /03\/10\/2026/);
          const related = d.relatedInformation?.[0];
          assert.ok(related, 'related information');
          assert.equal(text.slice(...offsets(text, related.location)), columnOne);
        }
        assert.equal(diagnostics.length, ptp.length, 'a generated file has no structural findings');
      });

      test('hover on the column-1 code names it and the codes it must not be reported with', async () => {
        const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: positionOf(text, columnOne) });
        const markdown = hoverText(hover);
        assert.match(markdown, new RegExp(`\\*\\*${columnOne}\\*\\*`));
        assert.match(markdown, new RegExp(columnTwo));
        assert.match(markdown, /Esophagoscopy, flexible, transoral; with dilation of esophagus with balloon \(30 mm diameter or larger\) \(includes fluoroscopic guidance, when performed\)/);
        if (variant.kind === 'institutional') {
          // The hospital table allows a modifier for 76000, so the billing note ("no modifier
          // changes that", of all five codes) would contradict it, and is left out.
          assert.match(markdown, /76000 — unless an NCCI modifier/);
          assert.doesNotMatch(markdown, /Billing/);
        } else {
          assert.match(markdown, /Billing/);
        }
        assert.match(markdown, /Clinical summary/);
      });

      test('removing the column-2 line leaves a valid file and touches nothing else', async () => {
        const target = diagnostics.find((d) => text.slice(...offsets(text, d)) === columnTwo)!;
        const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
          textDocument: { uri },
          range: target.range,
          context: { diagnostics: [target] },
        })) as CodeAction[];
        const removal = actions.find((a) => a.title.startsWith('Remove'));
        assert.ok(removal, 'a removal action');
        assert.equal(removal.kind, 'quickfix');
        assert.equal(removal.isPreferred, true);
        const change = removal.edit!.documentChanges![0]!;
        assert.ok('textDocument' in change && change.textDocument.version === client.version(uri), 'the edit names the document version it was computed for');

        const before = parseDocument(text);
        const fixed = applyTextEdits(text, editsOf(removal));
        const afterDoc = parseDocument(fixed);
        assertStructurallyValid(afterDoc);
        const claimBefore = before.claims[0]!;
        const removed = claimBefore.lines.find((l) => l.code === columnTwo)!;
        assert.deepEqual(afterDoc.claims[0]!.lines.map((l) => l.code), claimBefore.lines.filter((l) => l !== removed).map((l) => l.code));
        assert.equal(afterDoc.claims[0]!.totalCharge! * 100, Math.round(claimBefore.totalCharge! * 100 - removed.charge! * 100));
        // Outside the removed loop, only LX01, SE01 and CLM02 values may differ.
        const allowed = [
          ...claimBefore.lines.map((l) => l.lineNumberSpan!),
          claimBefore.totalChargeSpan!,
          before.transactions[claimBefore.transactionIndex!]!.se01Span!,
          removed.span,
        ];
        for (const edit of editsOf(removal)) {
          const [start, end] = offsets(text, edit);
          assert.ok(allowed.some((span) => span.start === start && span.end === end), `edit at ${start}-${end} is an allowed one`);
        }
        const serviceSegment = text.slice(removed.recordSpan.start, removed.recordSpan.end);
        assert.equal(fixed.split(serviceSegment).length, text.split(serviceSegment).length - 1, 'exactly one copy of the service segment is gone');
      });

        if (variant.kind === 'professional') {
        // 837P uses the practitioner table, so the user table's indicator-1 row applies here.
        test('indicator 1: one action per bypass modifier, X modifiers first, and adding one clears the warning', async () => {
          const component = variant.options.delimiters?.component ?? ':';
          const oneUri = TestClient.uriFor(`indicator-1-${variants.indexOf(variant)}.837`);
          const { text: oneText } = writeX12([
            { id: 'CLAIM-M1', date: claimDate(variant.kind), lines: [
              { code: '11042', charge: '210.00', date: day },
              { code: '97597', charge: '95.50', date: day },
            ] },
          ], variant.options);
          const published = (await client.open(oneUri, oneText)).diagnostics;
          assert.equal(published.length, 1, JSON.stringify(published));
          const target = published[0]!;
          assert.equal(oneText.slice(...offsets(oneText, target)), '97597');
          assert.equal(target.code, 'ptp.modifier-required');
          assert.equal(target.severity, 2, 'indicator 1 is a warning');
          assert.match(String(target.message), /11042/);
          const actions = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: oneUri }, range: target.range, context: { diagnostics: [target] } })) as CodeAction[];
          const modifiers = actions.filter((a) => a.title.startsWith('Add modifier')).map((a) => /modifier (\w+)/.exec(a.title)![1]);
          // Not XP (a separate practitioner): both lines are the billing provider's.
          assert.deepEqual(modifiers, ['XE', 'XS', 'XU', '59']);
          const xs = actions.find((a) => a.title.startsWith('Add modifier XS'))!;
          const fixed = applyTextEdits(oneText, editsOf(xs));
          assert.ok(fixed.includes(['HC', '97597', 'XS'].join(component)), 'XS goes into the first modifier position of the composite');
          const recheck = await client.change(oneUri, { text: fixed });
          assert.deepEqual(recheck.diagnostics.filter((d) => String(d.code).startsWith('ptp.')), []);
          await client.close(oneUri);
        });
      }

      test('indicator 0: no modifier action is offered', async () => {
          const target = diagnostics.find((d) => d.code === 'ptp.conflict')!;
          const actions = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: target.range, context: { diagnostics: [target] } })) as CodeAction[];
          assert.ok(actions.length >= 1);
          assert.deepEqual(actions.filter((a) => a.title.startsWith('Add modifier')), []);
        });

        test('source.fixAll.claimlint removes every bundled line at once, two from one claim', async () => {
          const actions = await client.fixAllActions(uri);
          assert.equal(actions.length, 1);
          assert.equal(actions[0]!.kind, 'source.fixAll.claimlint');
          const fixed = applyTextEdits(text, editsOf(actions[0]!));
          const doc = parseDocument(fixed);
          assertStructurallyValid(doc);
          assert.deepEqual(doc.claims[0]!.lines.map((l) => l.code), ['43214', '99213']);
          assert.equal(doc.claims[0]!.totalChargeText, '1620.00');
          const recheck = await client.change(uri, { text: fixed });
          assert.deepEqual(recheck.diagnostics, []);
          await client.change(uri, { text });
        });

        test('a client without codeAction/resolve gets fix-all when it asks, not with every lightbulb request', async () => {
          const ask = async (context: { only?: string[]; triggerKind?: 1 | 2 }) => {
            const conflict = diagnostics.find((d) => d.code === 'ptp.conflict')!;
            const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
              textDocument: { uri },
              range: conflict.range,
              context: { diagnostics: [conflict], ...context },
            })) as CodeAction[];
            return actions.map((a) => ({ kind: a.kind, edits: a.edit ? editsOf(a).length : 0 }));
          };
          const cursorMoved = await ask({ triggerKind: 2 });
          assert.ok(cursorMoved.some((a) => a.kind === 'quickfix' && a.edits > 0), 'the quick fixes are there');
          assert.deepEqual(cursorMoved.filter((a) => a.kind === 'source.fixAll.claimlint'), [], 'no fix-all edits on a cursor move');
          for (const asked of [await ask({ triggerKind: 1 }), await ask({}), await ask({ triggerKind: 2, only: ['source.fixAll'] })]) {
            const all = asked.filter((a) => a.kind === 'source.fixAll.claimlint');
            assert.equal(all.length, 1);
            assert.ok(all[0]!.edits > 0, 'fix-all carries its edits');
          }
        });
    }

    test('hover on a segment id, on CLM02 and on a date', async () => {
      const uriDoc = TextDocument.create(uri, 'x12', 1, text);
      const clm = text.indexOf('CLM');
      const segment = hoverText(await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: uriDoc.positionAt(clm) }));
      assert.match(segment, /CLM.*Claim Information/);
      const clm02 = text.indexOf('CLAIM-', clm) + claims[0]!.id.length + 1;
      const amount = hoverText(await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: uriDoc.positionAt(clm02 + 1) }));
      assert.match(amount, /CLM02.*Total Claim Charge Amount/);
      const date = hoverText(await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: positionOf(text, '20260310') }));
      assert.match(date, /Tuesday, March 10, 2026/);
    });

    test('outline: interchange > group > transaction > claim > lines', async () => {
      const symbols = (await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } })) as DocumentSymbol[];
      assert.equal(symbols.length, 1);
      const transactions = symbols[0]!.children![0]!.children!;
      const claimSymbols = transactions.flatMap((t) => t.children ?? []);
      assert.deepEqual(claimSymbols.map((c) => c.name), claims.map((c) => `Claim ${c.id}`));
      assert.equal(claimSymbols[0]!.children!.length, claims[0]!.lines.length);
      assert.match(claimSymbols[0]!.children![0]!.name, new RegExp(claims[0]!.lines[0]!.code));
    });

    test('folding ranges and one-segment-per-line formatting', async () => {
      const formatting = (await client.connection.sendRequest(DocumentFormattingRequest.type, { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } })) ?? [];
      const formatted = applyTextEdits(text, formatting);
      const terminator = '~';
      const eol = text.includes('\r\n') ? '\r\n' : '\n';
      assert.equal(formatted.split(terminator + eol).join(terminator), text.split(terminator + eol).join(terminator), 'only line breaks after terminators change');
      assert.ok(formatted.split(eol).length > 30, 'one segment per line');
      await client.change(uri, { text: formatted });
      const folding = await client.connection.sendRequest(FoldingRangeRequest.type, { textDocument: { uri } });
      assert.ok(folding && folding.length >= claims.length + 3, 'folding ranges for the envelope, claims and lines');
      await client.change(uri, { text });
    });
  });
}

function offsets(text: string, located: { range: { start: Position; end: Position } }): [number, number] {
  const doc = TextDocument.create('x', 'x', 0, text);
  return [doc.offsetAt(located.range.start), doc.offsetAt(located.range.end)];
}

describe('CSV export', () => {
  const text = [
    'Claim No,Member ID,DOS,CPT/HCPCS,Modifier 1,Modifier 2,Units,Billed Amount',
    'C-100,M000010,03/10/2026,43214,,,1,"1,500.00"',
    'C-100,M000010,03/10/2026,"43198",,,1,380.00',
    'C-200,M000011,2026-03-10,D4341,,,1,210.00',
    'C-200,M000011,2026-03-10,D4355,,,1,"95.50"',
    'C-300,M000012,3/11/26,43200,"XS",,1,"note, with ""quotes"""',
    '',
  ].join('\r\n');
  const uri = TestClient.uriFor('export.csv');
  let diagnostics: Diagnostic[];

  before(async () => {
    diagnostics = (await client.open(uri, text, 'csv')).diagnostics;
  });

  test('a conflict in a CSV export is a diagnostic on the code cell', () => {
    const ptp = diagnostics.filter((d) => String(d.code).startsWith('ptp.'));
    assert.deepEqual(ptp.map((d) => [d.code, text.slice(...offsets(text, d))]), [
      ['ptp.conflict', '43198'],
      ['ptp.modifier-required', 'D4355'],
    ]);
  });

  test('hover on a code cell and on a modifier', async () => {
    const code = hoverText(await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: positionOf(text, '43214') }));
    assert.match(code, /Esophagoscopy, flexible, transoral/);
    const modifier = hoverText(await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: positionOf(text, 'XS') }));
    assert.match(modifier, /Modifier XS/);
    assert.match(modifier, /NCCI-associated/);
  });

  test('removing a row deletes exactly that row and leaves the quoting of the others untouched', async () => {
    const target = diagnostics.find((d) => d.code === 'ptp.conflict')!;
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: target.range, context: { diagnostics: [target] } })) as CodeAction[];
    const removal = actions.find((a) => a.title.startsWith('Remove'))!;
    const fixed = applyTextEdits(text, editsOf(removal));
    assert.equal(fixed, text.replace('C-100,M000010,03/10/2026,"43198",,,1,380.00\r\n', ''));
  });

  test('a bypass modifier goes into the next free modifier column', async () => {
    const target = diagnostics.find((d) => d.code === 'ptp.modifier-required')!;
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: target.range, context: { diagnostics: [target] } })) as CodeAction[];
    const xu = actions.find((a) => a.title.startsWith('Add modifier XU'))!;
    const fixed = applyTextEdits(text, editsOf(xu));
    assert.equal(fixed, text.replace('D4355,,,1', 'D4355,XU,,1'));
  });
});
