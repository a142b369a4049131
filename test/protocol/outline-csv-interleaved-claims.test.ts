// The outline and folding of a claim CSV whose claims' rows are not adjacent (found in review). A
// CSV claim groups the rows of its claim id wherever they are (hover/hover.ts findLine says so),
// and rows of one claim id with another frequency are another claim (`A1 (replacement)`, README
// "Claim frequency"). An export sorted by claim id and line writes the original and the
// replacement line by line, so the two claims' rows alternate. core/outline.ts took each claim's
// span (csv/claims.ts: from its first row to its last) for its symbol, which then held the other
// claim's rows: the "Claim A1" symbol covered a row of "A1 (replacement)" (breadcrumbs named the
// wrong claim on it) and folding "Claim A1" hid that row. Such a claim is now one symbol per run of
// its rows, the later ones "Claim A1 (continued)", each fold within its run; the bounded outline
// of a huge file takes the same runs. Synthetic data only.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DocumentSymbolRequest, FoldingRangeRequest, type DocumentSymbol, type FoldingRange, type Range } from 'vscode-languageserver-protocol/node';
import { outline, type OutlineNode } from '../../server/src/core/outline';
import type { Span } from '../../server/src/core/model';
import { parseDocument } from '../../server/src/core/parse';
import { TestClient } from './helpers/lspClient';

const header = 'Claim ID,Patient ID,Claim Frequency,Date of Service,CPT,Units,Charge';

// Sorted by claim id, then line: original (1) and replacement (7) rows alternate.
const alternating = [
  header,
  'A1,P1,1,03/10/2026,43214,1,100.00', // line 1: A1
  'A1,P1,7,03/10/2026,43214,1,100.00', // line 2: A1 (replacement)
  'A1,P1,1,03/10/2026,43200,1,50.00', // line 3: A1
  'A1,P1,7,03/10/2026,43235,1,60.00', // line 4: A1 (replacement)
  'B2,P2,1,03/11/2026,99213,1,80.00', // line 5: B2
];

// Runs of several rows, so the runs fold.
const inRuns = [
  header,
  'A1,P1,1,03/10/2026,43214,1,100.00', // line 1: A1
  'A1,P1,1,03/10/2026,43200,1,50.00', // line 2: A1
  'A1,P1,7,03/10/2026,43214,1,100.00', // line 3: A1 (replacement)
  'A1,P1,7,03/10/2026,43235,1,60.00', // line 4: A1 (replacement)
  'A1,P1,1,03/10/2026,97110,1,40.00', // line 5: A1
  'A1,P1,1,03/10/2026,36415,1,10.00', // line 6: A1
  'B2,P2,1,03/11/2026,99213,1,80.00', // line 7: B2
  'B2,P2,1,03/11/2026,36415,1,10.00', // line 8: B2
];

const contains = (outer: Range, line: number) => outer.start.line <= line && line <= outer.end.line;
const before_ = (a: Range['start'], b: Range['start']) => a.line < b.line || (a.line === b.line && a.character <= b.character);
const inside = (inner: Range, outer: Range) => before_(outer.start, inner.start) && before_(inner.end, outer.end);
/** The claim a symbol is a part of. */
const claimOf = (name: string) => name.replace(/ \(continued\)$/, '');

const cases = [
  {
    name: 'rows alternating one by one',
    rows: alternating,
    symbols: [
      ['Claim A1', [1]],
      ['Claim A1 (replacement)', [2]],
      ['Claim A1 (continued)', [3]],
      ['Claim A1 (replacement) (continued)', [4]],
      ['Claim B2', [5]],
    ],
    folds: [],
  },
  {
    name: 'runs of several rows',
    rows: inRuns,
    symbols: [
      ['Claim A1', [1, 2]],
      ['Claim A1 (replacement)', [3, 4]],
      ['Claim A1 (continued)', [5, 6]],
      ['Claim B2', [7, 8]],
    ],
    folds: [
      { startLine: 1, endLine: 2 },
      { startLine: 3, endLine: 4 },
      { startLine: 5, endLine: 6 },
      { startLine: 7, endLine: 8 },
    ],
  },
] as const;

describe('outline and folding of a CSV whose claims interleave (original and replacement rows)', () => {
  let client: TestClient;
  before(async () => {
    client = new TestClient({ settings: {} });
    await client.initialize();
  });
  after(async () => {
    await client.shutdown();
  });

  for (const c of cases) {
    describe(c.name, () => {
      let claims: DocumentSymbol[];
      let folds: FoldingRange[];
      /** The claim each file line's row belongs to. */
      const claimOfLine = new Map<number, string>();

      before(async () => {
        const uri = TestClient.uriFor(`outline-csv-interleaved-${c.rows.length}.csv`);
        await client.open(uri, c.rows.join('\n') + '\n', 'csv');
        claims = (await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } })) as DocumentSymbol[];
        folds = (await client.connection.sendRequest(FoldingRangeRequest.type, { textDocument: { uri } })) as FoldingRange[];
        for (const claim of claims) for (const row of claim.children ?? []) claimOfLine.set(row.selectionRange.start.line, claimOf(claim.name));
      });

      test('one symbol per run of a claim\'s rows, the later ones "(continued)"', () => {
        assert.deepEqual(
          claims.map((claim) => [claim.name, (claim.children ?? []).map((row) => row.selectionRange.start.line)]),
          c.symbols.map(([name, lines]) => [name, [...lines]]),
        );
      });

      test("a claim's symbol range holds no row of another claim (breadcrumbs name the row's own claim)", () => {
        const wrong: string[] = [];
        for (const claim of claims) {
          for (const [line, owner] of claimOfLine) {
            if (owner !== claimOf(claim.name) && contains(claim.range, line)) wrong.push(`${claim.name} (lines ${claim.range.start.line}-${claim.range.end.line}) holds line ${line}, a row of ${owner}`);
          }
        }
        assert.deepEqual(wrong, []);
      });

      test("each symbol's selection lies in its range, each row starts and is selected in its claim's range", () => {
        for (const claim of claims) {
          assert.ok(inside(claim.selectionRange, claim.range), `${claim.name}: selection ${JSON.stringify(claim.selectionRange)} in ${JSON.stringify(claim.range)}`);
          for (const row of claim.children ?? []) {
            assert.ok(inside(row.selectionRange, row.range), `${row.name}: selection in its range`);
            assert.ok(inside(row.selectionRange, claim.range) && contains(claim.range, row.range.start.line), `${row.name} in ${claim.name}`);
          }
        }
      });

      test('folding a claim hides no row of another claim', () => {
        const wrong: string[] = [];
        for (const fold of folds) {
          const owner = claimOfLine.get(fold.startLine);
          for (let line = fold.startLine + 1; line <= fold.endLine; line++) {
            const hidden = claimOfLine.get(line);
            if (hidden !== undefined && hidden !== owner) wrong.push(`the fold of ${owner} (lines ${fold.startLine}-${fold.endLine}) hides line ${line}, a row of ${hidden}`);
          }
        }
        assert.deepEqual(wrong, []);
        assert.deepEqual(folds.map(({ startLine, endLine }) => ({ startLine, endLine })), c.folds);
      });
    });
  }
});

describe('the bounded outline of a large CSV whose claims interleave', () => {
  // 600 claims, each with a replacement whose rows alternate with the original's (2 rows each):
  // 2,400 parts and 2,400 rows.
  const rows = [header];
  for (let i = 1; i <= 600; i++) {
    const id = `C${String(i).padStart(4, '0')}`;
    for (const code of ['43214', '43200']) for (const frequency of ['1', '7']) rows.push(`${id},P${i},${frequency},03/10/2026,${code},1,10.00`);
  }
  const doc = parseDocument(rows.join('\n') + '\n');

  /** Siblings in order without overlap, children inside their parent, selections inside their spans. */
  const assertApart = (nodes: readonly OutlineNode[], parent: Span | null = null): void => {
    let previousEnd = -1;
    for (const node of nodes) {
      assert.ok(node.selectionSpan.start >= node.span.start && node.selectionSpan.end <= node.span.end, `${node.name}: selection inside`);
      if (parent) assert.ok(node.span.start >= parent.start && node.span.end <= parent.end, `${node.name}: inside its parent`);
      assert.ok(node.span.start > previousEnd, `${node.name}: after its previous sibling, apart from it`);
      previousEnd = node.span.end;
      assertApart(node.children, node.span);
    }
  };

  test('parts without their rows when the rows do not fit', () => {
    const nodes = outline(doc, 3000);
    assert.equal(nodes.length, 2400);
    assert.deepEqual(nodes.slice(0, 4).map((n) => [n.name, n.detail]), [
      ['Claim C0001', 'patient P1 · 20.00 · 1 line'],
      ['Claim C0001 (replacement)', 'patient P1 · 20.00 · 1 line'],
      ['Claim C0001 (continued)', 'patient P1 · 20.00 · 1 line'],
      ['Claim C0001 (replacement) (continued)', 'patient P1 · 20.00 · 1 line'],
    ]);
    assertApart(nodes);
  });

  test('ranges of parts when the parts do not fit: apart, covering every part', () => {
    const nodes = outline(doc, 100);
    assert.ok(nodes.length <= 100, `${nodes.length}`);
    assert.ok(nodes.every((n) => n.summary?.of === 'range'));
    assert.equal(nodes.reduce((sum, n) => sum + n.summary!.count, 0), 2400);
    assert.equal(nodes[0]!.name, 'Claims C0001 … C0013 (replacement)');
    assert.equal(nodes[0]!.detail, '26 claims and 24 continued, 1–50 of 2,400');
    assertApart(nodes);
  });

  test('a range of continued runs only says so, not "0 claims"', () => {
    // One claim and its replacement alternating row by row: 2 claims in 300 runs.
    const alternating = [header];
    for (let i = 0; i < 150; i++) for (const frequency of ['1', '7']) alternating.push(`A1,P1,${frequency},03/10/2026,99213,1,10.00`);
    const nodes = outline(parseDocument(alternating.join('\n') + '\n'), 20);
    const details = nodes.map((n) => n.detail ?? '');
    assert.ok(details.some((d) => /^\d+ continued, /.test(d)), JSON.stringify(details));
    assert.ok(!details.some((d) => d.startsWith('0 claims')), JSON.stringify(details));
  });
});
