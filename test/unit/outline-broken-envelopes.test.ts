// Found in review: the outline (documentSymbol, folding ranges) of a broken 837 left out every
// claim that is not inside a complete envelope chain (a node whose parent envelope was missing or
// did not contain it was dropped, in the whole and the bounded outline, and nothing put it
// anywhere else): an 837 whose GS or ST line was deleted shows only
// "Interchange ...", and a claim after a stray SE vanishes, though the checker reports findings on
// these claims and the bounded outline promises that every claim stays one click away.
// Synthetic data only.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../server/src/core/analyze';
import { outline, type OutlineNode } from '../../server/src/core/outline';
import { loadKnowledge } from '../../server/src/core/rules/knowledge';
import { writeX12 } from './helpers/x12-writer';

const knowledge = loadKnowledge({ builtinEdits: true, ptpFiles: [], descriptorFiles: [], readFile: () => '' });
const DAY = { from: 20260310, to: 20260310 };
const text = writeX12(
  [
    { id: 'C1', lines: [{ code: '43214', charge: '100.00', date: DAY }] },
    { id: 'C2', lines: [{ code: '99213', charge: '10.00', date: DAY }] },
  ],
  { lineEnding: '\n' },
).text;

function names(nodes: readonly OutlineNode[]): string[] {
  return nodes.flatMap((node) => [node.name, ...names(node.children)]);
}

function claimsIn(broken: string): { parsed: string[]; outlined: string[] } {
  const { doc } = analyze(broken, knowledge, undefined, undefined, { guideChecks: 'full' });
  return { parsed: doc.claims.map((claim) => `Claim ${claim.id}`), outlined: names(outline(doc)).filter((name) => name.startsWith('Claim ')) };
}

test('the reference: both claims of the intact file are in its outline', () => {
  assert.deepEqual(claimsIn(text), { parsed: ['Claim C1', 'Claim C2'], outlined: ['Claim C1', 'Claim C2'] });
});

for (const [name, broken] of [
  ['its GS line deleted', text.replace(/^GS\*.*\n/m, '')],
  ['its ST line deleted', text.replace(/^ST\*.*\n/m, '')],
  ['a stray SE before the second claim', text.replace('CLM*C2', 'SE*5*0001~\nCLM*C2')],
] as const) {
  test(`an 837 with ${name}: every claim the reader found is still in the outline`, () => {
    const { parsed, outlined } = claimsIn(broken);
    assert.deepEqual(parsed, ['Claim C1', 'Claim C2'], 'the reader still finds both claims');
    assert.deepEqual(outlined, parsed);
  });
}

test('the bounded outline of a claim after a stray SE: the claim under its group, after the transaction it follows', () => {
  const broken = text.replace('CLM*C2', 'SE*5*0001~\nCLM*C2');
  const { doc } = analyze(broken, knowledge, undefined, undefined, { guideChecks: 'full' });
  // Envelopes and claims fit, lines do not: the bounded outline, claims without their lines.
  const nodes = outline(doc, 5);
  const group = nodes[0]!.children[0]!;
  assert.equal(group.kind, 'group');
  assert.deepEqual(group.children.map((node) => node.name), [group.children[0]!.name, 'Claim C2']);
  assert.equal(group.children[0]!.kind, 'transaction');
  assert.deepEqual(group.children[0]!.children.map((node) => node.name), ['Claim C1']);
});
