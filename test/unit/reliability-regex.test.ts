// Issue 8, "never hang": every regular expression that sees user text is linear. The test finds
// every regex literal in the server, CLI and client sources (so a new one is covered the day it is
// written), forbids regexes built at run time (they cannot be checked), and runs each one on
// adversarial inputs made from its own alphabet in a worker stopped at a deadline. The editor-side
// patterns (TextMate grammar, word patterns, the first-line pattern) are checked the same way.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { checkLinear, findRegexes, type FoundRegex } from '../fuzz/regex-linearity';
import fc from 'fast-check';
import { detectFormat } from '../../server/src/core/parse';

const root = resolve(__dirname, '../..');
const { literals, dynamic } = findRegexes(root, ['server/src', 'client/src']);

describe('regular expressions in the sources are linear', { concurrency: 2 }, () => {
  test('the sources hold regex literals to check, and build no regex at run time', () => {
    assert.ok(literals.length >= 10, `found ${literals.length} regex literals`);
    assert.deepEqual(dynamic, [], 'a RegExp built at run time cannot be proven linear: use a literal');
  });

  for (const regex of literals) {
    test(`${regex.where} /${regex.source}/${regex.flags}`, async () => {
      const result = await checkLinear(regex);
      assert.ok(
        result.ok,
        result.timedOut
          ? `still running at the deadline on ${result.timedOut}`
          : `${result.slowest.ms.toFixed(0)} ms on ${result.slowest.label} (${result.inputs} inputs)`,
      );
    });
  }
});

describe('editor-side patterns are linear', { concurrency: 2 }, () => {
  const grammar = JSON.parse(readFileSync(resolve(root, 'syntaxes/x12.tmLanguage.json'), 'utf8')) as unknown;
  const grammarRegexes: FoundRegex[] = [];
  const collect = (node: unknown, path: string): void => {
    if (Array.isArray(node)) node.forEach((child, i) => collect(child, `${path}[${i}]`));
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if ((key === 'match' || key === 'begin' || key === 'end' || key === 'while') && typeof value === 'string') {
          grammarRegexes.push({ where: `x12.tmLanguage.json ${path}.${key}`, source: value, flags: 'g' });
        } else collect(value, `${path}.${key}`);
      }
    }
  };
  collect(grammar, '$');

  test('the grammar has patterns to check', () => assert.ok(grammarRegexes.length >= 5));

  for (const regex of grammarRegexes) {
    // TextMate matches one line at a time (Oniguruma; the patterns use only syntax JavaScript shares).
    test(regex.where, async () => {
      const result = await checkLinear(regex, { singleLine: true });
      assert.ok(result.ok, result.timedOut ? `still running at the deadline on ${result.timedOut}` : `${result.slowest.ms.toFixed(0)} ms on ${result.slowest.label}`);
    });
  }

  for (const file of ['language-configuration.json', 'language-configuration-csv.json']) {
    test(`${file} wordPattern`, async () => {
      const config = JSON.parse(readFileSync(resolve(root, file), 'utf8')) as { wordPattern?: string };
      assert.ok(config.wordPattern);
      const result = await checkLinear({ source: config.wordPattern, flags: 'g' }, { singleLine: true });
      assert.ok(result.ok, `${result.slowest.ms.toFixed(0)} ms on ${result.slowest.label}`);
    });
  }

  test('package.json firstLine patterns, on the 1,000 characters VS Code gives them', async () => {
    // VS Code matches `firstLine` against at most the first 1,000 characters of the first line
    // (getFirstLineText(1e3) in the workbench), so that is the input that matters. (The current
    // pattern, ^\s*(\uFEFF)?\s*ISA., is quadratic on a long run of spaces, which this bound keeps to
    // a few milliseconds; ^\s*ISA. would be equivalent in JavaScript, where \s includes U+FEFF.)
    const manifest = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { contributes: { languages: { firstLine?: string }[] } };
    const patterns = manifest.contributes.languages.map((l) => l.firstLine).filter((p): p is string => typeof p === 'string');
    for (const source of patterns) {
      const result = await checkLinear({ source, flags: '' }, { singleLine: true, runLength: 1000, pairLength: 1000, inputLimitMs: 50 });
      assert.ok(result.ok, `${source}: ${result.slowest.ms.toFixed(1)} ms on ${result.slowest.label}`);
    }
  });
});

describe('the linearity check itself', () => {
  // It must fail the patterns it is there for, slow on every run (the fastest of three runs of a
  // slow input is what is judged), and pass a linear one.
  for (const [kind, source] of [
    ['a quadratic', '(^|\\n)\\s*X'],
    ['an exponential', '^(a+)+b$'],
  ] as const) {
    test(`${kind} pattern, /${source}/, fails`, async () => {
      const result = await checkLinear({ source, flags: 'g' }, { deadlineMs: 3000 });
      assert.equal(result.ok, false, `passed: ${result.slowest.ms.toFixed(0)} ms at most on ${result.inputs} inputs`);
    });
  }

  test('a linear pattern, /\\d{8}/, passes', async () => {
    const result = await checkLinear({ source: '\\d{8}', flags: 'g' });
    assert.ok(result.ok, `${result.slowest.ms.toFixed(0)} ms on ${result.slowest.label}`);
  });
});

describe('format detection at its call site', () => {
  // detectFormat runs on every keystroke; its header regexes see up to 4 KB of the document.
  for (const [name, unit] of [
    ['line breaks', '\n'],
    ['line break + space', '\n '],
    ['segment terminators + line breaks', '~\r\n'],
    ['apostrophes + tabs', "'\t"],
  ] as const) {
    test(`a document of ${name} is classified in a few milliseconds`, () => {
      const text = unit.repeat(Math.ceil(200_000 / unit.length));
      detectFormat(text);
      // The fastest of several calls: other processes on a busy machine slow some calls down,
      // never all of them, while a quadratic pattern is slow every time.
      let ms = Infinity;
      for (let i = 0; i < 7; i++) {
        const started = performance.now();
        detectFormat(text);
        ms = Math.min(ms, performance.now() - started);
      }
      assert.ok(ms < 25, `${ms.toFixed(1)} ms per call`);
    });
  }
});

describe('the linear header patterns of parse.ts', () => {
  // The patterns before the fix (quadratic on a run of line breaks), kept here as the reference.
  const quadratic = [/(^|[~'\n])\s*(GS|ST|BHT|NM1|CLM|HL)[*|]/, /(^|[~'\n])\s*(ST|CLM|SV[123])[*|]/];
  test('classify every short text exactly as the quadratic ones did', () => {
    const linear = findRegexes(root, ['server/src/core'])
      .literals.filter((r) => r.where.startsWith('server/src/core/parse.ts'))
      .map((r) => new RegExp(r.source, r.flags));
    assert.equal(linear.length, 2, 'the two header patterns of parse.ts');
    const piece = fc.constantFrom('\n', '\r', ' ', '\t', '\uFEFF', '~', "'", 'GS', 'ST', 'BHT', 'NM1', 'CLM', 'HL', 'SV1', 'SV4', '*', '|', 'x');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 14 }).map((p) => p.join('')), (text) => {
        for (let i = 0; i < 2; i++) assert.equal(linear[i]!.test(text), quadratic[i]!.test(text), JSON.stringify(text));
      }),
      { numRuns: 3000, seed: 8 },
    );
  });
});
