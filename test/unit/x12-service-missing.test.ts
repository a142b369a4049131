// Issue 17 item 2: a 2400 loop with no SV1/SV2/SV3 is reported, and CLM02 is still checked
// against the lines that have a charge.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Finding, Span } from '../../server/src/core/model';
import { parseX12 } from '../../server/src/core/x12/index';
import { claimSegments, writeTransactions, type SegmentSpec } from './helpers/x12-writer';
import { SUBSCRIBER } from './helpers/x12-parse';

const slice = (text: string, span: Span | null) => (span === null ? null : text.slice(span.start, span.end));
const rulesOf = (findings: Finding[]) => findings.map((f) => f.rule);

const write = (segments: SegmentSpec[], kind: 'professional' | 'institutional' | 'dental' = 'professional') =>
  writeTransactions([[...claimSegments([], kind), ...SUBSCRIBER, ...segments]], { kind }).text;
const clm = (total: string): SegmentSpec => ['CLM', 'C1', total, '', '', ['11', 'B', '1'], 'Y', 'A', 'Y', 'Y'];
const sv1 = (code: string, charge: string): SegmentSpec => ['SV1', ['HC', code], charge, 'UN', '1'];

describe('a 2400 loop without a service segment', () => {
  it('is reported on its LX, and CLM02 is checked against the lines that have a charge', () => {
    const text = write([
      clm('9999.00'),
      ['LX', '1'],
      sv1('43214', '1500.00'),
      ['LX', '2'],
      ['DTP', '472', 'D8', '20261015'],
      ['LX', '3'],
      sv1('76000', '250.00'),
    ]);
    const doc = parseX12(text);
    assert.deepEqual(rulesOf(doc.findings).sort(), ['x12.clm02-sum', 'x12.service-missing']);
    const missing = doc.findings.find((f) => f.rule === 'x12.service-missing')!;
    assert.equal(missing.severity, 'error');
    assert.equal(slice(text, missing.span), 'LX*2');
    assert.equal(missing.message, 'Service line 2 has no SV1 segment: each service line (2400 loop) needs one for its procedure code and charge');
    const sum = doc.findings.find((f) => f.rule === 'x12.clm02-sum')!;
    assert.equal(sum.message, 'CLM02 is 9999.00, but the 2 of 3 service lines that have a charge add up to 1750.00');
    assert.equal(slice(text, sum.span), '9999.00');
    assert.deepEqual(sum.related?.map((r) => slice(text, r.span)), ['1500.00', '250.00']);
    // The line is still a line of the claim (so LX numbering and fixes see it).
    assert.equal(doc.claims[0]!.lines.length, 3);
    assert.equal(doc.claims[0]!.lines[1]!.code, '');
  });

  it('a balanced claim with such a line gets only the missing-segment finding', () => {
    const doc = parseX12(write([clm('1750.00'), ['LX', '1'], sv1('43214', '1500.00'), ['LX', '2'], ['LX', '3'], sv1('76000', '250.00')]));
    assert.deepEqual(rulesOf(doc.findings), ['x12.service-missing']);
  });

  it('names the segment the claim type expects', () => {
    const institutional = parseX12(write([clm('10'), ['LX', '1']], 'institutional'));
    assert.deepEqual(rulesOf(institutional.findings), ['x12.service-missing']);
    assert.match(institutional.findings[0]!.message, /has no SV2 segment/);
    const dental = parseX12(write([clm('10'), ['LX', '1']], 'dental'));
    assert.match(dental.findings[0]!.message, /has no SV3 segment/);
  });

  it('an unreadable line charge still switches the balance check off (it is reported on its own)', () => {
    const doc = parseX12(write([clm('9999'), ['LX', '1'], sv1('43214', 'abc'), ['LX', '2'], sv1('43200', '10')]));
    assert.deepEqual(rulesOf(doc.findings), ['x12.amount-invalid']);
  });

  it('the example with one SV1 removed and CLM02 set to 9999.00 (the issue\'s repro)', () => {
    const original = readFileSync(resolve(__dirname, '../../examples/professional-43214.837'), 'utf8');
    const text = original
      .replace('SV1*HC:43200*400.00*UN*1***1~\nDTP*472*D8*20261015~', 'DTP*472*D8*20261015~')
      .replace('SE*34*', 'SE*33*')
      .replace('CLM*DEMO-P-0001*2150.00', 'CLM*DEMO-P-0001*9999.00');
    assert.notEqual(text, original);
    const doc = parseX12(text);
    assert.deepEqual(rulesOf(doc.findings).sort(), ['x12.clm02-sum', 'x12.service-missing']);
  });
});
