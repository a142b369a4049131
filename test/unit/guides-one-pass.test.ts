// The guide checks in the reader's one pass (guides/pass.ts, with fastCheck.ts deciding which
// segments are clean from their offsets) against the validator's exact checks run as a second
// pass over every segment's values (GuideValidator.segment): the same findings, in the same order,
// on the same segments, for generated files with random element values planted in them.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { REPEAT_LIMIT } from '../../server/src/core/guides/repeats';
import { GuideValidator, valuesOf, type GuideFinding } from '../../server/src/core/guides/validate';
import { parseX12 } from '../../server/src/core/x12/index';
import { x12ScenarioArb, writeX12Scenario } from '../fuzz/generators';

/** The exact checks as a second pass: every segment's values made and checked. */
function secondPass(text: string): string[] {
  const ix = parseX12(text).x12;
  const raw: GuideFinding[] = [];
  let validator: GuideValidator | null = null;
  let component = '';
  let repetition: string | null = null;
  for (let i = 0; i < ix.segmentCount; i++) {
    const d = ix.delimitersOf(i);
    if (!validator || d.component !== component || d.repetition !== repetition) {
      if (validator) raw.push(...validator.finish());
      component = d.component;
      repetition = d.repetition;
      validator = new GuideValidator({ componentSeparator: component, repetitionSeparator: repetition });
    }
    validator.segment({ id: ix.segmentId(i), elements: valuesOf(ix, i) }, i);
  }
  if (validator) raw.push(...validator.finish());
  return raw.map((f) => `${f.segment} ${f.rule} ${f.message}`);
}

/** The one pass, each finding named by the segment its span falls in. */
function onePass(text: string): string[] {
  const doc = parseX12(text, { guide: true });
  return doc.guideFindings!.filter((f) => f.rule !== 'guide.segment-leading-blanks').map((f) => `${doc.x12.segmentAt(f.span.start)} ${f.rule} ${f.message}`);
}

/** Values that break one check or another: lengths, types, codes, separators, blanks, characters outside the set. */
const plantedValue = fc.oneof(
  fc.constantFrom('', ' ', 'A ', '0', '-', '-.5', '5.', '1.25', '12345678901234567890', '20240230', '20240229', '2359', '2460', 'ZZ', 'XX', 'HC', '1:2', 'A^B', 'é', '\u0001', 'D8', 'RD8', '20240101-20240102'),
  fc.string({ unit: fc.constantFrom(...'AZ09 .-:^é'), maxLength: 12 }),
);

/** Replaces element `k` (1-based, capped at the segment's count) of segment `n` (capped) with `value`. */
function plant(text: string, n: number, k: number, value: string): string {
  const doc = parseX12(text);
  const ix = doc.x12;
  if (ix.segmentCount < 2) return text;
  const s = 1 + (n % (ix.segmentCount - 1));
  const id = ix.segmentId(s);
  // The envelope's own layout (ISA width, separators) is not what this test is about.
  if (id === 'ISA' || id === 'IEA') return text;
  const count = ix.elementCount(s);
  if (count === 0) return text;
  const element = 1 + (k % count);
  const span = ix.elementSpan(s, element)!;
  return text.slice(0, span.start) + value + text.slice(span.end);
}

describe('guide checks in one pass', () => {
  it('give the exact second pass findings on generated files with planted values', () => {
    fc.assert(
      fc.property(
        x12ScenarioArb,
        fc.array(fc.tuple(fc.nat(), fc.nat(), plantedValue), { minLength: 0, maxLength: 6 }),
        (scenario, plants) => {
          let text = writeX12Scenario(scenario);
          for (const [n, k, value] of plants) text = plant(text, n, k, value);
          assert.deepEqual(onePass(text), secondPass(text));
        },
      ),
      { numRuns: 300, seed: 1304 },
    );
  });

  it('find what the exact checks find in a segment the fast check must send to them', () => {
    // A clean file, then one value of each kind the fast check decides: each gives a finding.
    const clean = writeX12Scenario(fc.sample(x12ScenarioArb, { numRuns: 1, seed: 7 })[0]!);
    const before = onePass(clean).length;
    const doc = parseX12(clean);
    const ix = doc.x12;
    let sv = -1;
    for (let i = 0; i < ix.segmentCount && sv < 0; i++) if (/^SV[123]$/.test(ix.segmentId(i))) sv = i;
    assert.ok(sv > 0, 'the generated file has a service line');
    const charge = ix.elementSpan(sv, 2)!;
    const broken = clean.slice(0, charge.start) + '1O.00' + clean.slice(charge.end);
    const after = onePass(broken);
    assert.ok(after.length > before, 'a letter in a decimal is a finding');
    assert.deepEqual(after, secondPass(broken));
  });

  it('list a problem that repeats at most REPEAT_LIMIT times per transaction set, the last saying so, in one pass as in the exact pass', () => {
    // Runs of stray segments (one repeated, one with an id that is no id, a long one of each) after
    // the first claim's CLM: the one pass skips a run once its findings are all past the limit; the
    // exact second pass reads every segment. Both list the same findings. A run of empty segments
    // among them is the reader's finding (x12.segment-empty), none of the guide's, in both.
    // A generated file whose segment terminator is not a line break (empty segments then are segments).
    const clean = fc.sample(x12ScenarioArb, { numRuns: 50, seed: 5 }).map((s) => writeX12Scenario(s)).find((t) => !/[\r\n]/.test(parseX12(t).x12.delimitersOf(0).segment))!;
    const d = parseX12(clean).x12.delimitersOf(0);
    const end = d.segment;
    const clm = clean.indexOf(`CLM${d.element}`);
    const at = clean.indexOf(end, clm) + end.length;
    const segment = (...parts: string[]) => parts.join(d.element) + end;
    const runs = segment('N3', 'A').repeat(REPEAT_LIMIT + 700) + segment('9Z', 'A').repeat(REPEAT_LIMIT + 300) + end.repeat(REPEAT_LIMIT + 300) + segment('ZZ', '1').repeat(3) + segment('N3', 'A').repeat(5);
    const text = clean.slice(0, at) + runs + clean.slice(at);
    const found = onePass(text);
    assert.deepEqual(found, secondPass(text));
    const unexpected = found.filter((f) => f.includes('guide.segment-unexpected Segment N3*A '));
    assert.equal(unexpected.length, REPEAT_LIMIT);
    assert.match(unexpected[REPEAT_LIMIT - 1]!, /listed no more than 10000 times in a transaction set/);
    assert.doesNotMatch(unexpected[REPEAT_LIMIT - 2]!, /listed no more than/);
    // The id that is no id and the other stray id are their own problems, listed on their own.
    assert.equal(found.filter((f) => f.includes('guide.segment-id-invalid')).length, REPEAT_LIMIT);
    assert.deepEqual(found.filter((f) => f.includes('is not letters and digits')), []);
    assert.equal(found.filter((f) => f.includes("Segment ZZ")).length, 3);
  });

  it('reports blanks before segments once, with the count, on the first', () => {
    const clean = writeX12Scenario(fc.sample(x12ScenarioArb, { numRuns: 1, seed: 11 })[0]!);
    const doc = parseX12(clean);
    const third = doc.x12.segmentSpan(3).start;
    const fifth = doc.x12.segmentSpan(5).start;
    const text = clean.slice(0, third) + ' ' + clean.slice(third, fifth) + '\t' + clean.slice(fifth);
    const blanks = parseX12(text, { guide: true }).guideFindings!.filter((f) => f.rule === 'guide.segment-leading-blanks');
    assert.equal(blanks.length, 1);
    assert.equal(blanks[0]!.span.start, third + 1);
    assert.match(blanks[0]!.message, /So do 1 more segments after it\.$/);
  });
});
