// Found trying the guide checks on public 837Ps: a service line's PWK*CT*AD (the durable medical
// equipment certificate of medical necessity indicator, 2400) was placed as line supplemental
// information, whose PWK01 also takes CT, and its PWK02 reported as "not a valid code" (pyx12 does
// the same). Two segments of a loop with one id whose qualifiers share a code are now told apart by
// the first later element with disjoint code lists (PWK02). Synthetic data only.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { hoverAt } from '../../server/src/core/hover/hover';
import { guideFor } from '../../server/src/core/guides/load';
import { segmentsIn } from '../../server/src/core/guides/lookups';
import type { LoopSpec } from '../../server/src/core/guides/schema';
import { emptyKnowledge } from '../../server/src/core/rules/knowledge';
import { writeX12 } from './helpers/x12-writer';

const day = { from: 20261015, to: 20261015 };
const { text: plain } = writeX12([{ id: 'C1', lines: [{ code: 'E0431', charge: '10.00', date: day }, { code: 'E1390', charge: '80.00', date: day }] }], { lineEnding: '\n' });
const knowledge = emptyKnowledge(true);

/** The first line with a PWK after its SV1 (2400 PWKs come before its DTP*472). */
function withPwk(pwk: string): string {
  const text = plain.replace(/(SV1\*HC:E0431\*[^~]*~\n)/, `$1${pwk}~\n`).replace(/SE\*(\d+)\*/, (_, n: string) => `SE*${Number(n) + 1}*`);
  assert.notEqual(text, plain);
  return text;
}

const guideRules = (text: string) => analyze(text, knowledge, undefined, undefined, { guideChecks: 'full' }).findings.filter((f) => f.rule.startsWith('guide.')).map((f) => `${f.rule}: ${f.message}`);

function findLoop(loop: LoopSpec, id: string): LoopSpec | null {
  if (loop.id === id) return loop;
  for (const child of loop.children) if (child.kind === 'loop') { const found = findLoop(child, id); if (found) return found; }
  return null;
}

describe('two segments of one id and a shared qualifier code, told apart by a later element', () => {
  it('the 837P 2400 PWKs: line supplemental information excludes the certificate indicator\'s PWK02 codes; nothing else in the guides', () => {
    const loop = findLoop(guideFor('005010X222A1')!.root, '2400')!;
    const [supplemental, certificate] = segmentsIn(loop, 'PWK');
    assert.equal(supplemental!.excludes?.ref, 'PWK02');
    assert.deepEqual([...supplemental!.excludes!.codes].sort(), ['AB', 'AD', 'AF', 'AG', 'NS']);
    assert.deepEqual([...supplemental!.excludes!.when], ['CT'], 'only with the report type both take');
    assert.equal(certificate!.excludes ?? null, null);
  });

  it('PWK*CT*AD is the certificate indicator: no finding, and its hover says so', () => {
    assert.deepEqual(guideRules(plain), [], 'control: the file without a PWK');
    const text = withPwk('PWK*CT*AD');
    assert.deepEqual(guideRules(text), []);
    const analysis = analyze(text, knowledge, undefined, undefined, { guideChecks: 'full' });
    const markdown = hoverAt(analysis, text.indexOf('PWK*CT*AD') + 8, knowledge)!.markdown;
    assert.match(markdown, /Durable Medical Equipment Certificate of Medical Necessity Indicator/);
  });

  it('PWK*CT*EL is line supplemental information (with its control number): no finding; PWK*CT*ZZ is still a bad PWK02', () => {
    assert.deepEqual(guideRules(withPwk('PWK*CT*EL***AC*ATT0001')), []);
    const bad = guideRules(withPwk('PWK*CT*ZZ'));
    assert.equal(bad.length, 1, bad.join('\n'));
    assert.match(bad[0]!, /^guide\.code-invalid: 'ZZ' is not a valid code for PWK02/);
  });

  it('PWK*OZ*AD (a report type only line supplemental information takes, with a certificate code): a bad PWK02 there, not a segment out of place', () => {
    const bad = guideRules(withPwk('PWK*OZ*AD***AC*ATT0001'));
    assert.equal(bad.length, 1, bad.join('\n'));
    assert.match(bad[0]!, /^guide\.code-invalid: 'AD' is not a valid code for PWK02/);
  });
});
