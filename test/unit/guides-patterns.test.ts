// The guide maps' element patterns are literals in patterns.ts (no regex is built from data at run
// time): every pattern the committed schema names must be among them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GUIDE_PATTERN_WORDS, GUIDE_PATTERNS, patternInWords } from '../../server/src/core/guides/patterns';

test('every pattern of the guide schema has its literal', () => {
  const data = JSON.parse(readFileSync(join(__dirname, '../../server/src/core/guides/data/guides.json'), 'utf8')) as unknown;
  const patterns = new Set<string>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value !== null && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) {
        if (key === 're' && typeof inner === 'string') patterns.add(inner);
        else visit(inner);
      }
    }
  };
  visit(data);
  assert.ok(patterns.size > 0, 'the schema names some pattern');
  for (const pattern of patterns) assert.ok(GUIDE_PATTERNS[pattern], `no literal for ${pattern}`);
  // Each literal is the map's pattern held to the whole value.
  for (const [pattern, regex] of Object.entries(GUIDE_PATTERNS)) assert.equal(regex.source, `^(?:${pattern})$`);
  // And each is said in words in the message of a value that breaks it (not as a regular expression).
  for (const [pattern, regex] of Object.entries(GUIDE_PATTERNS)) {
    assert.ok(GUIDE_PATTERN_WORDS[pattern], `no words for ${pattern}`);
    assert.equal(patternInWords(regex), GUIDE_PATTERN_WORDS[pattern]);
  }
});
