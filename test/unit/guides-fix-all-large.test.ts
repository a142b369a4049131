// Fix-all's certain envelope and HL fixes (guides/fixes.ts) in large files give back the file as
// it was written before its counts or HL numbers were spoiled: SE01 in every transaction set,
// IEA01 or GE01 in every interchange, the HL numbers of hundreds of subscribers. Fix-all finds the
// envelopes by binary search, notes each HL of a set once, and keeps the edits it has accepted in
// a tree of their starts; this pins that the answers did not change with it. How it scales is
// measured by the bench (bench/scaleFixes.ts), not here.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { analyze, type AnalyzeOptions } from '../../server/src/core/analyze';
import { applyEdits } from '../../server/src/core/edits';
import { fixAllWithGuides } from '../../server/src/core/guides/fixes';
import { emptyKnowledge } from '../../server/src/core/rules/knowledge';
import { writeX12, type WriterClaim, type WriterOptions } from './helpers/x12-writer';

const knowledge = emptyKnowledge(true);
const day = { from: 20260310, to: 20260310 };
const n = 200;

/** n claims of one line in no edit (99213), each its own subscriber. */
const claims: WriterClaim[] = Array.from({ length: n }, (_, i) => ({ id: `C${i}`, subscriberId: `M${i}`, lines: [{ code: '99213', charge: '80.00', date: day }] }));

/** Writes the claims, spoils the text, and checks that fix-all answers every finding of `rule` and gives the text back. */
function restores(options: WriterOptions, spoil: (text: string) => string, rule: RegExp, findings: number, analyzeOptions?: AnalyzeOptions): void {
  const { text } = writeX12(claims, { lineEnding: '\n', ...options });
  const spoilt = spoil(text);
  assert.notEqual(spoilt, text);
  const analysis = analyze(spoilt, knowledge, undefined, undefined, analyzeOptions);
  assert.equal(analysis.findings.filter((f) => rule.test(f.rule)).length, findings);
  const fix = fixAllWithGuides(spoilt, analysis.doc, analysis.findings);
  assert.ok(fix);
  assert.equal(fix.findings.filter((f) => rule.test(f.rule)).length, findings);
  assert.equal(applyEdits(spoilt, fix.edits), text);
}

describe('fix-all of envelope counts and HL numbers in a large file', () => {
  it('SE01 one too high in each transaction set', () => {
    restores({ transactions: n }, (text) => text.replace(/\nSE\*(\d+)\*/g, (_m, count: string) => `\nSE*${Number(count) + 1}*`), /^x12\.se01-count$/, n);
  });

  it('IEA01 and GE01 wrong in each interchange', () => {
    restores({ interchanges: n }, (text) => text.replace(/\nIEA\*1\*/g, '\nIEA*2*').replace(/\nGE\*1\*/g, '\nGE*3*'), /^x12\.(iea|ge)01-count$/, 2 * n);
  });

  it('GE01 wrong in a group of many transaction sets', () => {
    restores({ transactions: n }, (text) => text.replace(/\nGE\*(\d+)\*/, '\nGE*1*'), /^x12\.ge01-count$/, 1);
  });

  it('SE01 wrong in some sets and IEA01 in some interchanges, every third', () => {
    let k = 0;
    const everyThird = (found: string, wrong: string) => (k++ % 3 === 0 ? wrong : found);
    restores(
      { interchanges: n / 2, transactions: 2 },
      (text) => text.replace(/\nSE\*(\d+)\*/g, (m, count: string) => everyThird(m, `\nSE*${Number(count) - 1}*`)).replace(/\nIEA\*1\*/g, (m) => everyThird(m, '\nIEA*0*')),
      /^x12\.(se|iea)01-count$/,
      Math.ceil((n + n / 2) / 3),
    );
  });

  it('every subscriber HL after the first numbered one too high', () => {
    restores({}, (text) => text.replace(/\nHL\*(\d+)\*1\*22/g, (m, id: string) => (id === '2' ? m : `\nHL*${Number(id) + 1}*1*22`)), /^guide\.hl-/, n - 1, { guideChecks: 'full' });
  });

  it('the HL numbers of every other transaction set spoilt, in sets of many subscribers', () => {
    let set = 0;
    restores(
      { transactions: 4 },
      (text) => text.replace(/\nST\*837\*[^]*?\nSE\*/g, (body) => (set++ % 2 === 0 ? body : body.replace(/\nHL\*(\d+)\*1\*22/g, (_m, id: string) => `\nHL*${Number(id) + 10}*1*22`))),
      /^guide\.hl-/,
      2 * (n / 4),
      { guideChecks: 'full' },
    );
  });
});
