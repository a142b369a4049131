// Found by a user: a generator that wrote a segment terminator twice (HI*ABK:K222~~) left empty
// segments. The check said only "SE01 says 34 segments, but the transaction set has 36" (the
// reader counts the empty ones), `--guide full` called each "a segment with an id that is not
// letters and digits" and "not expected here", and `fix` wrote SE01 counting them while leaving
// them in. Now each run of empty segments is one x12.segment-empty error (a bounded number in a
// file), SE01 is right with or without them (a receiver may count or skip them), the guide walk
// goes on as without them, and the certain fix removes every empty segment and sets SE01 to the
// set's segments without them. Synthetic data only.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze, reanalyze } from '../../server/src/core/analyze';
import { applyEdits } from '../../server/src/core/edits';
import { guideFixesFor as fixesFor } from '../../server/src/core/guides/fixes';
import { fixAllWithGuides } from '../../server/src/core/guides/fixes';
import type { Finding } from '../../server/src/core/model';
import { emptyKnowledge } from '../../server/src/core/rules/knowledge';
import { X12Stream } from '../../server/src/core/x12/stream';
import { REPORTED_RUNS } from '../../server/src/core/x12/emptySegments';
import { writeX12 } from './helpers/x12-writer';

const knowledge = emptyKnowledge(true);
const day = { from: 20260310, to: 20260310 };
const full = (text: string) => analyze(text, knowledge, undefined, undefined, { guideChecks: 'full' });
const rules = (findings: readonly Finding[]) => findings.map((f) => f.rule).sort();

/** A valid 837P of two claims of other patients (no coding finding), with line breaks. */
const valid = writeX12(
  [
    { id: 'C1', subscriberId: 'M1', lines: [{ code: '99213', charge: '80.00', date: day }] },
    { id: 'C2', subscriberId: 'M2', lines: [{ code: '99214', charge: '90.00', date: day }] },
  ],
  { lineEnding: '\n' },
).text;

/** `valid` with the terminator of the n-th HI or SV1 (0-based) written `times` more times. */
function withEmpty(id: 'HI' | 'SV1', n: number, times = 1): string {
  let seen = -1;
  return valid.replace(new RegExp(`^${id}\\*[^~]*~`, 'gm'), (segment) => (++seen === n ? segment + '~'.repeat(times) : segment));
}

describe('empty segments are reported, one finding a run', () => {
  it('the file without them is clean in full (control)', () => {
    assert.deepEqual(rules(full(valid).findings), []);
  });

  it('two runs, of one and of three: two findings at their first terminators; SE01 without them is right', () => {
    const text = withEmpty('SV1', 1, 3).replace(/^(HI\*[^~]*~)/m, '$1~');
    const findings = full(text).findings;
    assert.deepEqual(rules(findings), ['x12.segment-empty', 'x12.segment-empty']);
    for (const f of findings.filter((f) => f.rule === 'x12.segment-empty')) {
      assert.equal(f.severity, 'error');
      assert.equal(text.slice(f.span.start, f.span.end), '~');
      assert.equal(text[f.span.start - 1], '~');
    }
  });

  it('no guide finding about them (the walk goes on as without them), in envelope the same reader finding', () => {
    const text = withEmpty('HI', 0);
    assert.deepEqual(rules(full(text).findings), ['x12.segment-empty']);
    assert.deepEqual(rules(analyze(text, knowledge).findings), ['x12.segment-empty']);
  });

  it('SE01 that is neither the count with them nor without them says both', () => {
    const text = withEmpty('HI', 0).replace(/^SE\*(\d+)\*/m, (_, n: string) => `SE*${Number(n) + 5}*`);
    const se01 = analyze(text, knowledge).findings.find((f) => f.rule === 'x12.se01-count');
    assert.ok(se01);
    assert.match(se01.message, /but the transaction set has (\d+) \(\d+ without its 1 empty segment\)$/);
  });

  it('between envelopes, outside any transaction set: the empty segment alone, not also a segment outside a set', () => {
    const text = valid.replace(/^(SE\*[^~]*~)/m, '$1~');
    assert.deepEqual(rules(analyze(text, knowledge).findings), ['x12.segment-empty']);
  });

  it(`a file of many runs: ${REPORTED_RUNS} findings, the last saying the fix removes the others`, () => {
    const many = valid.replace(/^(N3\*[^~]*~)/gm, '$1~');
    const runs = (valid.match(/^N3\*/gm) ?? []).length;
    const text = Array.from({ length: Math.ceil((REPORTED_RUNS + 10) / runs) }, () => many).join('');
    const empty = analyze(text, knowledge).findings.filter((f) => f.rule === 'x12.segment-empty');
    assert.equal(empty.length, REPORTED_RUNS);
    assert.match(empty[empty.length - 1]!.message, /not reported one by one/);
  });

  it('read in pieces, as the CLI reads a big file: the same findings, a run cut between pieces included', () => {
    const text = withEmpty('SV1', 0, 6);
    const at = text.indexOf('~~~') + 2;
    for (const size of [at, at + 1, 7, 64]) {
      const stream = new X12Stream(knowledge);
      const findings: Finding[] = [];
      for (let from = 0; from < text.length; from += size) findings.push(...stream.feed(text.slice(from, from + size)).findings);
      findings.push(...stream.end().findings);
      const shown = (list: readonly Finding[]) => list.filter((f) => f.rule === 'x12.segment-empty').map((f) => `${f.span.start}-${f.span.end}`);
      assert.deepEqual(shown(findings), shown(analyze(text, knowledge).findings), `pieces of ${size}`);
    }
  });
});

describe('the fix removes every empty segment and sets SE01', () => {
  it('the quick fix: the file it leaves is the file without them, clean', () => {
    const text = withEmpty('HI', 1, 2).replace(/^(SV1\*[^~]*~)/m, '$1~');
    const analysis = full(text);
    const finding = analysis.findings.find((f) => f.rule === 'x12.segment-empty')!;
    const [fix] = fixesFor(text, analysis.doc, finding);
    assert.ok(fix);
    assert.equal(fix.title, 'Remove the 3 empty segments');
    const fixed = applyEdits(text, fix.edits);
    assert.equal(fixed, valid);
    assert.deepEqual(rules(full(fixed).findings), []);
  });

  it('an empty segment on a line of its own goes with its line break', () => {
    const text = valid.replace(/^(HI\*[^~]*~\n)/m, '$1~\n~\n');
    const analysis = full(text);
    assert.deepEqual(rules(analysis.findings), ['x12.segment-empty']);
    const [fix] = fixesFor(text, analysis.doc, analysis.findings.find((f) => f.rule === 'x12.segment-empty')!);
    assert.equal(applyEdits(text, fix!.edits), valid);
  });

  it('SE01 written counting them: the fix sets it to the segments without them', () => {
    const text = withEmpty('HI', 0).replace(/^SE\*(\d+)\*/m, (_, n: string) => `SE*${Number(n) + 1}*`);
    const analysis = full(text);
    assert.deepEqual(rules(analysis.findings), ['x12.segment-empty']);
    const [fix] = fixesFor(text, analysis.doc, analysis.findings[0]!);
    assert.match(fix!.title, /^Remove the empty segment and set SE01 to \d+$/);
    assert.equal(applyEdits(text, fix!.edits), valid);
  });

  it('an SE01 that is wrong either way: its own quick fix is the removal, and so is fix-all\'s', () => {
    const text = withEmpty('HI', 0).replace(/^SE\*(\d+)\*/m, (_, n: string) => `SE*${Number(n) + 5}*`);
    const analysis = full(text);
    assert.deepEqual(rules(analysis.findings), ['x12.se01-count', 'x12.segment-empty']);
    const [own] = fixesFor(text, analysis.doc, analysis.findings.find((f) => f.rule === 'x12.se01-count')!);
    assert.match(own!.title, /^Remove the empty segment and set SE01 to \d+$/);
    assert.equal(applyEdits(text, own!.edits), valid);
    const fix = fixAllWithGuides(text, analysis.doc, analysis.findings);
    assert.ok(fix);
    assert.equal(applyEdits(text, fix.edits), valid);
    assert.deepEqual(rules(fix.findings), ['x12.se01-count', 'x12.segment-empty']);
  });

  it('with a line removed in the same set, fix-all removes the line first and the empty segments on the result', () => {
    const bundled = writeX12([{ id: 'C1', lines: [{ code: '43214', charge: '100.00', date: day }, { code: '43200', charge: '50.00', date: day }] }], { lineEnding: '\n' }).text;
    const text = bundled.replace(/^(HI\*[^~]*~)/m, '$1~');
    const first = fixAllWithGuides(text, full(text).doc, full(text).findings);
    assert.ok(first);
    const once = applyEdits(text, first.edits);
    const after = full(once);
    assert.deepEqual(rules(after.findings), ['x12.segment-empty']);
    const second = fixAllWithGuides(once, after.doc, after.findings);
    assert.ok(second);
    assert.deepEqual(rules(full(applyEdits(once, second.edits)).findings), []);
  });
});

describe('an edit that adds or removes empty segments: the re-read equals a fresh analysis', () => {
  const shown = (findings: readonly Finding[]) => findings.map((f) => `${f.rule} ${f.span.start}-${f.span.end} ${f.message}`).sort();
  for (const mode of ['envelope', 'full'] as const) {
    it(`${mode}: after every terminator of the file, one, two, or one on a line of its own`, () => {
      const options = { guideChecks: mode };
      // reanalyze takes its previous analysis over: one for each edit.
      const before = () => analyze(valid, knowledge, undefined, undefined, options);
      const expected = shown(before().findings);
      let edits = 0;
      for (let at = valid.indexOf('~'); at >= 0; at = valid.indexOf('~', at + 1)) {
        for (const inserted of ['~', '~~', '\n~']) {
          const edited = valid.slice(0, at + 1) + inserted + valid.slice(at + 1);
          const fresh = analyze(edited, knowledge, undefined, undefined, options);
          assert.deepEqual(shown(reanalyze(before(), edited, knowledge, undefined, options).findings), shown(fresh.findings), `${JSON.stringify(inserted)} at ${at}`);
          assert.deepEqual(shown(reanalyze(fresh, valid, knowledge, undefined, options).findings), expected, `${JSON.stringify(inserted)} at ${at}, taken out`);
          edits++;
        }
      }
      assert.ok(edits > 60, `${edits} edits`);
    });
  }
});

describe('past the hundred runs reported, an edit gives what a fresh analysis gives', () => {
  it('150 claims each with an empty segment: an edit in claim 120, one adding a run in claim 130, one removing an early run', () => {
    const many = writeX12(
      Array.from({ length: 150 }, (_, i) => ({ id: `C${i + 1}`, subscriberId: `M${i + 1}`, lines: [{ code: '99213', charge: '80.00', date: day }] })),
      { lineEnding: '\n' },
    ).text.replace(/^(HI\*[^~]*~)/gm, '$1~');
    const shown = (findings: readonly Finding[]) => findings.map((f) => `${f.rule} ${f.span.start}-${f.span.end} ${f.message}`).sort();
    const clm = (n: number) => many.indexOf(`CLM*C${n}*`);
    const edits = [
      many.slice(0, clm(120) + 5) + '9' + many.slice(clm(120) + 6),
      many.slice(0, clm(130)) + many.slice(clm(130)).replace(/^(DTP\*[^~]*~)/m, '$1~'),
      many.slice(0, clm(3)) + many.slice(clm(3)).replace('~~', '~'),
    ];
    for (const mode of ['envelope', 'full'] as const) {
      for (const edited of edits) {
        const before = analyze(many, knowledge, undefined, undefined, { guideChecks: mode });
        assert.equal(before.findings.filter((f) => f.rule === 'x12.segment-empty').length, REPORTED_RUNS);
        const fresh = analyze(edited, knowledge, undefined, undefined, { guideChecks: mode });
        assert.deepEqual(shown(reanalyze(before, edited, knowledge, undefined, { guideChecks: mode }).findings), shown(fresh.findings), mode);
      }
    }
  });
});
