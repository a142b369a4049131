// The claims and service lines the 837 reader builds hold their spans as offsets (X12Claim,
// X12ServiceLine): each span they give must be the text it names, absent ones null, a move must
// move every one of them (an inherited date's too), and JSON must give the plain model.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Span } from '../../server/src/core/model';
import { parseX12 } from '../../server/src/core/x12';
import { shiftClaim } from '../../server/src/core/x12/splice';
import { X12Claim, X12ServiceLine } from '../../server/src/core/x12/serviceLine837';
import { writeX12 } from './helpers/x12-writer';

// Dates as the model numbers them (yyyymmdd).
const day = (n: number) => ({ from: n, to: n });

function read(): { text: string; claim: X12Claim } {
  const { text } = writeX12([
    {
      id: 'CLAIM7',
      date: day(20240116),
      lines: [
        { code: '43214', modifiers: ['59'], charge: '500', units: '2' },
        { code: '43200', charge: '125.5', units: '', date: day(20240117) },
      ],
    },
  ]);
  const claim = parseX12(text).claims[0];
  assert.ok(claim instanceof X12Claim);
  return { text, claim };
}

const at = (text: string, span: Span | null) => (span === null ? null : text.slice(span.start, span.end));

describe('x12 model objects: spans as offsets', () => {
  it('give each span as the text it names, and null for what the line does not write', () => {
    const { text, claim } = read();
    assert.equal(at(text, claim.idSpan), 'CLAIM7');
    assert.equal(at(text, claim.totalChargeSpan), '625.50');
    assert.equal(at(text, claim.dateSpan), '20240116');
    assert.match(at(text, claim.span)!, /^CLM\*CLAIM7\*/);
    const [first, second] = claim.lines;
    assert.ok(first instanceof X12ServiceLine && second instanceof X12ServiceLine);
    assert.equal(at(text, first.lineNumberSpan), '1');
    assert.equal(at(text, first.codeSpan), '43214');
    assert.equal(at(text, first.chargeSpan), '500');
    assert.equal(at(text, first.unitsSpan), '2');
    assert.deepEqual(first.modifiers.map((m) => at(text, m.span)), ['59']);
    assert.match(at(text, first.recordSpan)!, /^SV1\*HC:43214:59\*500\*/);
    assert.match(at(text, first.span)!, /^LX\*1~/);
    const insert = first.modifierInsert;
    assert.ok(insert && insert.kind === 'x12-composite');
    assert.equal(at(text, insert.compositeSpan), 'HC:43214:59');
    assert.equal(insert.componentCount, 3);
    // The first line takes the claim's date (and its span); the second has its own.
    assert.equal(first.dateInherited, true);
    assert.equal(at(text, first.dateSpan), '20240116');
    assert.equal(second.dateInherited, false);
    assert.equal(at(text, second.dateSpan), '20240117');
    assert.equal(at(text, second.chargeSpan), '125.5');
    assert.equal(second.unitsSpan, null);
    assert.equal(second.units, null);
    const secondInsert = second.modifierInsert;
    assert.ok(secondInsert && secondInsert.kind === 'x12-composite');
    assert.equal(secondInsert.componentCount, 2);
    assert.deepEqual(second.modifiers, []);
  });

  it('moves every span when the claim moves, an inherited date once', () => {
    const { text, claim } = read();
    const before = JSON.parse(JSON.stringify(claim));
    const moved = 'XYZ' + text;
    shiftClaim(claim, 3, 0);
    // The moved claim names the same text in the moved document, span by span.
    const spans = (value: unknown, out: Span[] = []): Span[] => {
      if (value && typeof value === 'object') {
        const o = value as Record<string, unknown>;
        if (typeof o.start === 'number' && typeof o.end === 'number' && Object.keys(o).length === 2) out.push(o as unknown as Span);
        else for (const v of Object.values(o)) spans(v, out);
      }
      return out;
    };
    const old = spans(before);
    const now = spans(JSON.parse(JSON.stringify(claim)));
    assert.equal(now.length, old.length);
    assert.ok(old.length >= 15, `${old.length} spans`);
    for (let i = 0; i < old.length; i++) {
      assert.deepEqual(now[i], { start: old[i]!.start + 3, end: old[i]!.end + 3 });
      assert.equal(at(moved, now[i]!), at(text, old[i]!));
    }
  });

  it('give JSON of the plain model: the same keys as an object literal claim and line', () => {
    const { claim } = read();
    const json = JSON.parse(JSON.stringify(claim));
    // An X12 claim adds what CLM05 gives the coding checks (the 837I facility type code, the claim frequency code).
    assert.deepEqual(Object.keys(json), ['index', 'id', 'idSpan', 'patientId', 'patientKey', 'billingProviderId', 'renderingProviderId', 'kind', 'totalCharge', 'totalChargeText', 'totalChargeSpan', 'dateOfService', 'dateSpan', 'lines', 'span', 'transactionIndex', 'facilityType', 'frequency']);
    assert.deepEqual(Object.keys(json.lines[0]), ['index', 'lineNumber', 'lineNumberSpan', 'qualifier', 'code', 'codeSpan', 'modifiers', 'modifierInsert', 'charge', 'chargeText', 'chargeSpan', 'units', 'unitsSpan', 'dateOfService', 'dateSpan', 'dateInherited', 'providerId', 'span', 'segmentCount', 'recordSpan']);
    assert.equal(json.lines[1].lineNumber, '2');
    assert.equal(json.lines[1].modifierInsert.componentSeparator, ':');
  });
});
