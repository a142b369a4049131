// Issue 8, "never crash, never hang", for the core: random bytes, truncated files, mutated valid
// 837 and CSV files (deleted, doubled or swapped delimiters, cut ISA headers, huge single lines,
// invalid UTF-8, deep loop nesting) go through everything an editor or the CLI asks of the core
// (test/fuzz/harness.ts). Nothing may throw, no check may fail internally, every span and edit
// stays inside the text, and each document is done within a time bound. A failure prints the
// fast-check seed and path, so it replays (`npm run fuzz -- --seed N` runs longer).
//
// And when a check does throw, analyze() turns it into a finding on that document only.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { GuideChecks } from '../../server/src/core/guides/checks';
import { analyze } from '../../server/src/core/analyze';
import { fixAll } from '../../server/src/core/fixes';
import { hoverAt } from '../../server/src/core/hover/hover';
import { loadKnowledge, type Knowledge } from '../../server/src/core/rules/knowledge';
import { exerciseCore } from '../fuzz/harness';
import {
  anyDocumentArb,
  applyMutation,
  FUZZ_PTP_TABLE,
  fuzzKnowledge,
  mutatedDocumentArb,
  randomBytesTextArb,
  randomStringArb,
  runParameters,
  scenarioArb,
  writeScenario,
  X12_DELIMITER_SETS,
} from '../fuzz/generators';
import { writeX12 } from './helpers/x12-writer';
import { writeClaimsCsv } from './helpers/csv-writer';
import { NOT_EDITED_RULE } from '../../server/src/core/rules/notEdited';
import { TABLE_NOT_LOADED_RULE } from '../../server/src/core/rules/tablesMissing';

/**
 * A hang guard, not a speed goal (those are the bench's): per document (analysis, ~20 hovers,
 * fixes re-analyzed, outline, layout) typical is a few ms, so only a path gone quadratic or
 * looping on a fuzzed input comes near it.
 */
const DOCUMENT_HANG_MS = 3000;

function assertSurvives(text: string, knowledge: Knowledge = fuzzKnowledge(), guideChecks: GuideChecks = 'envelope'): void {
  const run = exerciseCore(text, knowledge, { guideChecks });
  assert.deepEqual(run.problems, [], `document of ${text.length} chars: ${JSON.stringify(text.slice(0, 200))}`);
  assert.ok(run.totalMs < DOCUMENT_HANG_MS, `${run.totalMs.toFixed(0)} ms (slowest: ${run.slowest.name}, ${run.slowest.ms.toFixed(0)} ms)`);
}

const day = { from: 20260310, to: 20260310 };
const smallX12 = writeX12(
  [
    { id: 'C1', date: day, lines: [{ code: '43214', charge: '100.00', date: day }, { code: '43200', charge: '50.00', date: day }, { code: '20610', charge: '10', modifiers: ['25'], date: day }] },
    { id: 'C2', patientId: 'P000002', date: day, lines: [{ code: '20605', charge: '12.50', date: day }, { code: '20610', charge: '30.00', date: day }] },
  ],
  { lineEnding: '\n', transactions: 2 },
).text;
const smallCsv = writeClaimsCsv(
  [
    { id: 'C1', patientId: 'M1', lines: [{ code: '43214', date: 20260310, charge: 100 }, { code: '43200', date: 20260310, charge: 50, modifiers: ['59'] }] },
    { id: 'C2', patientId: 'M2', lines: [{ code: '20605', date: 20260310, charge: 12.5 }, { code: '20610', date: 20260310, charge: 30 }] },
  ],
  { lineEnding: '\r\n', quote: 'all' },
);

describe('the core never throws and never hangs', () => {
  test('any document: valid, mutated, random bytes, random strings', () => {
    fc.assert(fc.property(anyDocumentArb, (text) => assertSurvives(text)), runParameters(250, 8001));
  });

  test('any document with the guide checks full: the guide pass, its hovers and its quick fixes', () => {
    fc.assert(fc.property(anyDocumentArb, (text) => assertSurvives(text, fuzzKnowledge(), 'full')), runParameters(250, 8011));
  });

  test('mutated valid 837 and CSV files, several mutations each', () => {
    fc.assert(fc.property(mutatedDocumentArb, (doc) => assertSurvives(doc.text)), runParameters(150, 8002));
  });

  test('random bytes and strings', () => {
    fc.assert(fc.property(fc.oneof(randomBytesTextArb, randomStringArb), (text) => assertSurvives(text)), runParameters(300, 8003));
  });

  test('every prefix of a small 837 and of a small CSV (a file cut short anywhere)', () => {
    const knowledge = fuzzKnowledge();
    for (const text of [smallX12, smallCsv]) {
      for (let end = 0; end <= text.length; end++) {
        const cut = text.slice(0, end);
        const analysis = analyze(cut, knowledge);
        assert.deepEqual(analysis.findings.filter((f) => f.rule === 'claimlint.internal-error'), [], `cut at ${end}`);
        fixAll(cut, analysis.doc, analysis.findings);
        hoverAt(analysis, cut.length, knowledge);
      }
    }
  });

  test('an ISA header cut after every character, with each delimiter set', () => {
    for (const delimiters of X12_DELIMITER_SETS) {
      const text = writeX12([{ id: 'C1', date: day, lines: [{ code: '43214', charge: '1', date: day }, { code: '43200', charge: '2', date: day }] }], { delimiters, lineEnding: delimiters.segment === '\n' ? '' : '\r\n' }).text;
      for (let keep = 0; keep <= 106; keep++) assertSurvives(applyMutation(text, { op: 'cut-isa', keep }));
    }
  });

  test('huge single lines: 1 MB of one character, after an ISA and after a CSV header', () => {
    const isa = smallX12.slice(0, smallX12.indexOf('\n') + 1);
    for (const unit of ['A', '*', '~', ':', ' ', '\n', '"', ',', '\uFFFD', '\uD800']) {
      for (const prefix of ['', isa, 'Claim ID,CPT,DOS\n', 'Claim ID,CPT,DOS\n"']) {
        const text = prefix + unit.repeat(1_000_000);
        const started = performance.now();
        const analysis = analyze(text, fuzzKnowledge());
        assert.deepEqual(analysis.findings.filter((f) => f.rule === 'claimlint.internal-error'), []);
        hoverAt(analysis, text.length >> 1, fuzzKnowledge());
        fixAll(text, analysis.doc, analysis.findings);
        const ms = performance.now() - started;
        assert.ok(ms < DOCUMENT_HANG_MS, `${JSON.stringify(prefix.slice(0, 8))} + ${JSON.stringify(unit)} x 1M: ${ms.toFixed(0)} ms`);
      }
    }
  });

  test('deep nesting: 20,000 chained HL loops, 20,000 repeated CLM, SV1 and ST segments', () => {
    for (const m of [
      { op: 'nest-hl', depth: 20_000 },
      { op: 'repeat-segment', id: 'CLM', times: 20_000 },
      { op: 'repeat-segment', id: 'SV1', times: 20_000 },
      { op: 'repeat-segment', id: 'ST', times: 20_000 },
      { op: 'repeat-segment', id: 'ISA', times: 5_000 },
    ] as const) {
      assertSurvives(applyMutation(smallX12, m));
    }
  });

  test('invalid UTF-8 decoded either way, lone surrogates, NUL and Ctrl-Z inside a valid file', () => {
    for (const text of [smallX12, smallCsv]) {
      for (const at of [0, 0.1, 0.5, 0.9, 1]) {
        assertSurvives(applyMutation(text, { op: 'invalid-utf8', at, bytes: [0xc3, 0x28, 0xff, 0xfe, 0x80], decoding: 'replacement' }));
        assertSurvives(applyMutation(text, { op: 'invalid-utf8', at, bytes: [0xe2, 0x82], decoding: 'latin1' }));
        for (const chars of ['\uD800', '\uDFFF', '\u0000', '\u001a', '\uFEFF']) assertSurvives(applyMutation(text, { op: 'odd-chars', at, chars }));
      }
    }
  });

  test('a valid file of every generated shape passes without structural findings', () => {
    fc.assert(
      fc.property(scenarioArb, (scenario) => {
        const analysis = analyze(writeScenario(scenario), fuzzKnowledge());
        // An unpadded ISA is reported (a warning), as it should be; an 837D's claims, which no NCCI
        // table judges, are said to be (information), and institutional claims, whose hospital
        // table the fuzz tables do not load, are said to be judged by a table that is not loaded.
        const allowed = (rule: string): boolean =>
          rule.startsWith('ptp.') ||
          (rule === 'x12.isa-width' && scenario.format === 'x12' && scenario.options.padIsa === false) ||
          (rule === NOT_EDITED_RULE && scenario.format === 'x12' && scenario.kind === 'dental') ||
          (rule === TABLE_NOT_LOADED_RULE && scenario.format === 'x12' && scenario.kind === 'institutional');
        const structural = analysis.findings.filter((f) => !allowed(f.rule));
        assert.deepEqual(structural.map((f) => `${f.rule}: ${f.message}`), []);
      }),
      runParameters(100, 8004),
    );
  });
});

describe('a check that throws becomes a finding on that document', () => {
  const SECRET = 'DOE^JANE^19800101';
  /**
   * A knowledge like the fuzz knowledge (loaded anew, so its rule set is its own), whose rule set
   * throws from one method until heal() is called.
   */
  function brokenKnowledge(method: 'codeId' | 'finish' | 'activeRowInRange'): { knowledge: Knowledge; heal(): void } {
    const knowledge = loadKnowledge({ builtinEdits: true, ptpFiles: ['fuzz-edits.txt'], descriptorFiles: [], readFile: () => FUZZ_PTP_TABLE });
    let broken = true;
    const rules = new Proxy(knowledge.rules, {
      get(target, property, receiver) {
        if (broken && property === method) {
          return () => {
            throw new TypeError(`injected failure near ${SECRET}`);
          };
        }
        const value = Reflect.get(target, property, receiver) as unknown;
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
    });
    return { knowledge: { ...knowledge, rules, tables: { ...knowledge.tables, practitioner: rules } }, heal: () => (broken = false) };
  }

  for (const method of ['codeId', 'finish', 'activeRowInRange'] as const) {
    test(`rules.${method} throws: one internal-error finding, the structure still checked, no claim contents or error text; the same knowledge object works once the failure is gone`, () => {
      const broken = smallX12.replace(/SE\*(\d+)/, 'SE*999');
      const { knowledge, heal } = brokenKnowledge(method);
      const analysis = analyze(broken, knowledge);
      const internal = analysis.findings.filter((f) => f.rule === 'claimlint.internal-error');
      assert.equal(internal.length, 1);
      assert.equal(internal[0]!.severity, 'error');
      assert.deepEqual(internal[0]!.span, { start: 0, end: 0 });
      assert.match(internal[0]!.message, /checking this document \(TypeError\)/);
      assert.ok(!internal[0]!.message.includes(SECRET) && !internal[0]!.message.includes('injected'), internal[0]!.message);
      assert.ok(analysis.findings.some((f) => f.rule.startsWith('x12.')), 'the structural findings are still reported');
      assert.ok(analysis.doc.claims.length > 0, 'the parsed claims are kept (hovers and outline still work)');
      // The same knowledge object, not a fresh one: the failure left its rule set usable, and it
      // gives what a knowledge that never failed gives.
      heal();
      const again = analyze(smallX12, knowledge);
      assert.ok(again.findings.some((f) => f.rule.startsWith('ptp.')));
      assert.deepEqual(again.findings, analyze(smallX12, fuzzKnowledge()).findings);
    });
  }

  test('reading throws: one internal-error finding, an empty document, no error text', () => {
    // A String object whose charCodeAt throws stands in for a parser bug on some input.
    const poisoned = Object.assign(new String(smallX12), {
      charCodeAt(): number {
        throw new RangeError(`injected failure near ${SECRET}`);
      },
    }) as unknown as string;
    const analysis = analyze(poisoned, fuzzKnowledge());
    assert.deepEqual(analysis.findings.map((f) => f.rule), ['claimlint.internal-error']);
    assert.match(analysis.findings[0]!.message, /reading this document \(RangeError\)/);
    assert.ok(!analysis.findings[0]!.message.includes(SECRET));
    assert.equal(analysis.doc.claims.length, 0);
  });
});
