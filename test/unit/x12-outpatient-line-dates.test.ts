// Found by a hospital billing analyst: an outpatient 837I claim whose statement covers a month
// (DTP*434 RD8) and whose lines have no DTP*472 passed every check: each line was taken over the
// whole month, so a per-day MUE spread its units thin and never fired. The guide requires each
// line's date there. The reader now says so once per claim (x12.line-date-missing, a warning).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import type { Finding } from '../../server/src/core/model';
import { emptyKnowledge } from '../../server/src/core/rules/knowledge';
import { X12Stream } from '../../server/src/core/x12/stream';
import { writeX12, type WriterLine } from './helpers/x12-writer';

const knowledge = emptyKnowledge(true);
const month = { from: 20261001, to: 20261031 };
const oneDay = { from: 20261015, to: 20261015 };
const said = (findings: readonly Finding[]) => findings.filter((f) => f.rule === 'x12.line-date-missing');

function claim(statement: { from: number; to: number }, dated: boolean, facility = '13'): string {
  const line = (code: string): WriterLine => ({ code, charge: '100.00', revenueCode: '0360', ...(dated ? { date: oneDay } : {}) });
  return writeX12([{ id: 'H1', date: statement, facility, lines: [line('96365'), line('96366')] }], { kind: 'institutional', lineEnding: '\n' }).text;
}

describe('an outpatient 837I claim over several days names each line\'s date', () => {
  it('lines without DTP*472 under a month-long statement: one warning on CLM01', () => {
    const text = claim(month, false);
    const [finding, ...more] = said(analyze(text, knowledge).findings);
    assert.ok(finding);
    assert.deepEqual(more, []);
    assert.equal(finding.severity, 'warning');
    assert.equal(text.slice(finding.span.start, finding.span.end), 'H1');
    assert.match(finding.message, /^2 service lines with a procedure code have no date of service \(DTP\*472\) on an outpatient claim whose statement covers 10\/01\/2026–10\/31\/2026/);
  });

  it('read in pieces (the CLI, which keeps only coded lines), the same', () => {
    const text = claim(month, false);
    const stream = new X12Stream(knowledge, undefined, { codedLinesOnly: true });
    const findings: Finding[] = [];
    for (let at = 0; at < text.length; at += 64) findings.push(...stream.feed(text.slice(at, at + 64)).findings);
    findings.push(...stream.end().findings);
    assert.equal(said(findings).length, 1);
  });

  it('a line of a revenue code alone (room, supplies: no MUE counts it) is not asked for its date (found in review)', () => {
    const lines = (codes: string[]): WriterLine[] => codes.map((code) => ({ code, charge: '100.00', revenueCode: code === '' ? '0120' : '0360' }));
    const text = (codes: string[]) => writeX12([{ id: 'H1', date: month, facility: '13', lines: lines(codes) }], { kind: 'institutional', lineEnding: '\n' }).text;
    assert.deepEqual(said(analyze(text(['', '']), knowledge).findings), []);
    const [finding] = said(analyze(text(['96365', '']), knowledge).findings);
    assert.ok(finding);
    assert.match(finding.message, /^1 service line with a procedure code has no date of service/);
  });

  it('controls: dated lines, a one-day statement, an inpatient bill (11x) get none', () => {
    assert.deepEqual(said(analyze(claim(month, true), knowledge).findings), []);
    assert.deepEqual(said(analyze(claim(oneDay, false), knowledge).findings), []);
    assert.deepEqual(said(analyze(claim(month, false, '11'), knowledge).findings), []);
  });
});
