// 837I, guideChecks full: an RD8 range that ends before it starts is reported in the 837I's
// composite dates too, the occurrence spans of HI*BI (HI0n-03 RD8, HI0n-04 the span), as
// guide.element-type on HI0n-04; a payer rejects a through date before its from date there as in
// a statement or service period. Found in review: `HI*BI:70:RD8:20231205-20231201` passed, since
// the RD8 check (guides/valueTypes.ts) read each half as a date but not their order, and the
// reader (x12/parse837.ts) reads DTPs only. A DTP's reversed range stays the reader's
// x12.date-invalid alone (it names the two dates and is kept in every guideChecks mode).
// Synthetic claims (test/unit/helpers/x12-writer.ts).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { claimSegments, writeTransactions, type SegmentSpec } from './helpers/x12-writer';
import { fullFindings, replaced } from './helpers/guide-findings';
import { GuideValidator, valuesOf } from '../../server/src/core/guides/validate';
import { parseX12 } from '../../server/src/core/x12/index';

/** A guide-valid 837I 5010 with one more HI (as given) after the principal diagnosis. */
function institutional(hi: readonly string[]): string {
  const body: SegmentSpec[] = claimSegments(
    [{ id: 'C1', date: { from: 20240110, to: 20240112 }, lines: [{ code: '99213', charge: '100.00', date: { from: 20240110, to: 20240112 } }] }],
    'institutional',
  );
  const at = body.findIndex((s) => s[0] === 'HI');
  assert.ok(at > 0);
  body.splice(at + 1, 0, ['HI', hi]);
  return writeTransactions([body], { kind: 'institutional' }).text;
}

describe('837I: an RD8 range that ends before it starts', () => {
  test('a valid occurrence span passes', () => {
    assert.deepEqual(fullFindings(institutional(['BI', '70', 'RD8', '20231201-20231205'])).map((f) => f.rule), []);
  });

  test("in a line DTP*472 it stays the reader's x12.date-invalid alone", () => {
    const text = replaced(institutional(['BI', '70', 'RD8', '20231201-20231205']), 'DTP*472*RD8*20240110-20240112', 'DTP*472*RD8*20240112-20240110');
    assert.deepEqual(fullFindings(text).map((f) => f.rule), ['x12.date-invalid']);
  });

  test('in an HI*BI occurrence span it is reported on HI01-04', () => {
    const found = fullFindings(institutional(['BI', '70', 'RD8', '20231205-20231201']));
    assert.ok(
      found.some((f) => f.message.includes('HI01-04')),
      `no finding on the reversed occurrence span: ${JSON.stringify(found.map((f) => `${f.rule}: ${f.message}`))}`,
    );
    assert.deepEqual(
      found.map((f) => `${f.rule}: ${f.message}`),
      ['guide.element-type: HI01-04 (Occurrence Span Code Date) is an RD8 range that ends before it starts.'],
    );
  });

  test('a one-day span and a later span are in order', () => {
    assert.deepEqual(fullFindings(institutional(['BI', '70', 'RD8', '20231201-20231201'])).map((f) => f.rule), []);
    assert.deepEqual(fullFindings(institutional(['BI', '70', 'RD8', '20231231-20240101'])).map((f) => f.rule), []);
  });

  test('the one pass (fastCheck.ts from offsets) finds what the exact checks find', () => {
    for (const span of ['20231201-20231205', '20231205-20231201', '20231201-20231201', '20240101-20231231']) {
      const text = institutional(['BI', '70', 'RD8', span]);
      const doc = parseX12(text, { guide: true });
      const onePass = doc.guideFindings!.map((f) => `${doc.x12.segmentAt(f.span.start)} ${f.rule} ${f.message}`);
      const exact = new GuideValidator();
      for (let i = 0; i < doc.x12.segmentCount; i++) exact.segment({ id: doc.x12.segmentId(i), elements: valuesOf(doc.x12, i) }, i);
      assert.deepEqual(onePass, exact.finish().map((f) => `${f.segment} ${f.rule} ${f.message}`), span);
    }
  });
});
