// Found by a hospital billing analyst: an 837I line dated (DTP*472) outside its claim's
// statement period (DTP*434) passed silently, and was paired on that date; payers return such a
// claim to the provider. It is now x12.line-date-outside-statement, on the line's date, in every
// reading of the file.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import type { Finding } from '../../server/src/core/model';
import { emptyKnowledge } from '../../server/src/core/rules/knowledge';
import { X12Stream } from '../../server/src/core/x12/stream';
import { hospitalClaims } from './helpers/hospital-claims';

const knowledge = emptyKnowledge(true);
const outside = (findings: readonly Finding[]) => findings.filter((f) => f.rule === 'x12.line-date-outside-statement');

function claim(...dates: (string | undefined)[]): string {
  const lines = dates.map((date, i) => ({ code: ['99213', '36415', '93000'][i]!, charge: '100.00', ...(date ? { date } : {}) }));
  return hospitalClaims([{ id: 'H1', statement: '20261013-20261016', lines }]);
}

describe('a line dated outside its claim\'s statement period', () => {
  test('before or after the period: an error on the line\'s date, naming both', () => {
    const text = claim('20261012', '20261014', '20261020');
    const found = outside(analyze(text, knowledge).findings);
    assert.deepEqual(found.map((f) => text.slice(f.span.start, f.span.end)), ['20261012', '20261020']);
    assert.equal(found[0]!.severity, 'error');
    assert.match(found[0]!.message, /^The line's date of service \(DTP\*472, 10\/12\/2026\) is outside its claim's statement period \(DTP\*434, 10\/13\/2026–10\/16\/2026\)/);
  });

  test('within the period, or no date of its own: nothing (controls)', () => {
    assert.deepEqual(outside(analyze(claim('20261013', '20261016', undefined), knowledge).findings), []);
  });

  test('with guideChecks off it goes, with the other structure checks', () => {
    assert.deepEqual(outside(analyze(claim('20261020'), knowledge, undefined, undefined, { guideChecks: 'off' }).findings), []);
  });

  test('read in pieces (the CLI), the same', () => {
    const text = claim('20261012', '20261014', '20261020');
    const stream = new X12Stream(knowledge, undefined, { codedLinesOnly: true });
    const findings: Finding[] = [];
    for (let at = 0; at < text.length; at += 40) findings.push(...stream.feed(text.slice(at, at + 40)).findings);
    findings.push(...stream.end().findings);
    assert.deepEqual(outside(findings).map((f) => f.span), outside(analyze(text, knowledge).findings).map((f) => f.span));
  });
});
