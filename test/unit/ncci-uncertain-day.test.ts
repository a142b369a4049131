// Found by a hospital billing analyst: two 837I lines without a date of their own (no DTP*472)
// under a statement of several days were a definite conflict "on 10/13/2026-10/16/2026", and
// `fix` removed one, though the two may have been on different days. Such a pair is now a warning
// that says the advice holds only if they were of one day, and no fix removes a line for it; a
// line with its own date (and a one-day statement) is judged as before.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { fixAll } from '../../server/src/core/fixesAll';
import { fixesFor } from '../../server/src/core/fixes';
import type { Finding } from '../../server/src/core/model';
import { emptyKnowledge } from '../../server/src/core/rules/knowledge';
import { X12Stream } from '../../server/src/core/x12/stream';
import { hospitalClaims } from './helpers/hospital-claims';

const knowledge = emptyKnowledge(true);
const ptp = (findings: readonly Finding[]) => findings.filter((f) => f.rule.startsWith('ptp.'));

/** One outpatient claim, statement `statement`, of 43214 and 43200 with line dates `one` and `two` (undefined: none). */
function claim(statement: string, one?: string, two?: string): string {
  return hospitalClaims([{ id: 'H1', statement, lines: [{ code: '43214', charge: '900.00', ...(one ? { date: one } : {}) }, { code: '43200', charge: '400.00', ...(two ? { date: two } : {}) }] }]);
}

describe('a PTP pair of lines dated only by a statement of several days', () => {
  test('neither line dated: a warning that says so, and no fix removes a line', () => {
    const text = claim('20261013-20261016');
    const analysis = analyze(text, knowledge);
    const [finding, ...more] = ptp(analysis.findings);
    assert.deepEqual(more, []);
    assert.equal(finding!.rule, 'ptp.conflict');
    assert.equal(finding!.severity, 'warning');
    assert.match(finding!.message, /Neither line has a date of its own \(DTP\*472\): each is taken over its claim's statement period, so the two may be of different days/);
    assert.equal((finding!.data as { dayUncertain?: boolean }).dayUncertain, true);
    assert.ok(fixesFor(text, analysis.doc, finding!).every((f) => !f.isPreferred), 'no removal is preferred');
    assert.equal(fixAll(text, analysis.doc, analysis.findings), null, 'fix-all leaves it');
  });

  test('one line dated, the other not: still uncertain, and the message names the undated line', () => {
    const [finding] = ptp(analyze(claim('20261013-20261016', '20261014'), knowledge).findings);
    assert.equal(finding!.severity, 'warning');
    assert.match(finding!.message, /The 43200 line has no date of its own/);
  });

  test('both dated, or a one-day statement: an error, removed by fix-all (controls)', () => {
    for (const text of [claim('20261013-20261016', '20261014', '20261014'), claim('20261014-20261014')]) {
      const analysis = analyze(text, knowledge);
      const [finding] = ptp(analysis.findings);
      assert.equal(finding!.severity, 'error');
      assert.doesNotMatch(finding!.message, /date of its own/);
      assert.ok(fixAll(text, analysis.doc, analysis.findings));
    }
  });

  test('read in pieces (the CLI), the same', () => {
    const text = claim('20261013-20261016');
    const stream = new X12Stream(knowledge, undefined, { codedLinesOnly: true });
    const findings: Finding[] = [];
    for (let at = 0; at < text.length; at += 50) findings.push(...stream.feed(text.slice(at, at + 50)).findings);
    findings.push(...stream.end().findings);
    assert.deepEqual(ptp(findings).map((f) => [f.severity, f.message]), ptp(analyze(text, knowledge).findings).map((f) => [f.severity, f.message]));
  });
});
