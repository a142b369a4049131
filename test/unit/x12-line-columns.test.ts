// An 837 document's service lines are rows of its columns (x12/lineColumns.ts), made into objects
// (X12ServiceLine) when asked for. The rows must read back what the reader wrote: the same values
// as the lines the reader builds as objects for the coding checks alone (CodedLine), whatever the
// input; the columns must keep every row as they grow, copy rows exactly into columns of their
// own (a claim carried into the next piece of a file), and move a claim's rows with it, as the
// same text read further on gives them.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { Claim } from '../../server/src/core/model';
import { parseX12 } from '../../server/src/core/x12';
import { Parser837 } from '../../server/src/core/x12/parse837';
import { X12SegmentIndex } from '../../server/src/core/x12/segment-index';
import { tokenize } from '../../server/src/core/x12/tokenizer';
import { shiftClaim } from '../../server/src/core/x12/splice';
import { LineColumns } from '../../server/src/core/x12/lineColumns';
import { lineCountOf, X12Claim, X12ServiceLine } from '../../server/src/core/x12/serviceLine837';
import { anyDocumentArb, runParameters, scenarioArb, writeScenario } from '../fuzz/generators';
import { NO_OFFSET } from '../../server/src/core/offsetLine';

/** The claims the reader builds when it keeps every line with a code as an object of its own (Parser837.keepLine). */
function codedClaims(text: string): Claim[] {
  const parser = new Parser837(new X12SegmentIndex(tokenize(text)));
  parser.keepLine = () => true;
  parser.run();
  parser.finish();
  return parser.result.claims;
}

/** What a coded line holds of a line (its modifiers by value: a coded line's share one object per value). */
function codedView(line: Claim['lines'][number]) {
  return {
    index: line.index,
    lineNumber: line.lineNumber,
    qualifier: line.qualifier,
    code: line.code,
    codeSpan: line.codeSpan,
    modifiers: line.modifiers.map((modifier) => modifier.value),
    units: line.units,
    unitsSpan: line.unitsSpan,
    dateOfService: line.dateOfService,
    dateInherited: line.dateInherited,
    providerId: line.providerId,
  };
}

const json = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

describe('x12 line columns', () => {
  it('read back what the reader builds as objects, for any input', () => {
    fc.assert(
      fc.property(anyDocumentArb, (text) => {
        const doc = parseX12(text);
        const coded = new Map(codedClaims(text).map((claim) => [claim.index, claim]));
        for (const claim of doc.claims) {
          assert.ok(claim instanceof X12Claim);
          assert.equal(lineCountOf(claim), claim.lines.length);
          const withCodes = claim.lines.filter((line) => line.code !== '');
          const other = coded.get(claim.index);
          if (withCodes.length === 0) continue;
          assert.ok(other, `claim ${claim.index} kept`);
          assert.deepEqual(withCodes.map(codedView), other.lines.map(codedView));
          // A line's spans name the text of its values.
          for (const line of claim.lines) {
            assert.ok(line instanceof X12ServiceLine);
            assert.equal(text.slice(line.codeSpan.start, line.codeSpan.end), line.code);
            if (line.chargeSpan !== null) assert.equal(text.slice(line.chargeSpan.start, line.chargeSpan.end), line.chargeText);
            for (const modifier of line.modifiers) assert.equal(text.slice(modifier.span.start, modifier.span.end), modifier.value);
          }
        }
      }),
      runParameters(300, 1414),
    );
  });

  it('move a claim as the same text read further on gives it', () => {
    // Runs whose text is an 837 with claims to move (the others check nothing).
    let moved = 0;
    fc.assert(
      fc.property(scenarioArb, fc.integer({ min: 1, max: 40 }), (scenario, by) => {
        const text = writeScenario(scenario);
        if (!text.startsWith('ISA')) return;
        const later = json(parseX12(' '.repeat(by) + text).claims);
        const claims = parseX12(text).claims;
        for (const claim of claims) shiftClaim(claim, by, 0);
        assert.deepEqual(json(claims), later);
        if (claims.length > 0) moved++;
      }),
      runParameters(200, 1415),
    );
    assert.ok(moved >= 20, `${moved} of 200 runs moved claims`);
  });

  it('keep every row as they grow, and copy rows into columns of their own', () => {
    const columns = new LineColumns(2);
    for (let n = 0; n < 40; n++) {
      const row = columns.addRow(n, `C${n}`);
      columns.setCodeStart(row, n * 100);
      columns.setLineNumber(row, n % 5 === 0 ? `00${n}` : String(n + 1), n * 100 - 5, n * 100 - 3);
      columns.setCharge(row, n % 3 === 0 ? null : n * 1.5, n % 3 === 0 ? 'x' : String(n * 1.5), n * 100 + 10);
      columns.setUnits(row, n % 4 === 0 ? null : n);
      if (n % 4 !== 0) columns.setUnitsSpan(row, n * 100 + 20, n * 100 + 21);
      if (n % 2 === 0) columns.setDate(row, { from: 20240100 + n, to: 20240101 + n }, n * 100 + 30, n * 100 + 38, n % 4 === 0);
      columns.setSpans(row, n * 100 - 10, n * 100 + 90, 2 + (n % 3), n * 100 - 2, n * 100 + 50);
      for (let k = 0; k < n % 5; k++) columns.addModifier(row, `M${k}`, n * 100 + 6 + k * 3, n * 100 + 8 + k * 3);
      if (n % 7 !== 0) columns.setComposite(row, n * 100 - 3, n * 100 + 5 + (n % 5) * 3, 2 + (n % 5), ':');
      columns.setProvider(row, n % 2 === 0 ? null : `P${n}`);
      columns.setQualifier(row, n % 6 === 0 ? null : 'HC');
    }
    assert.equal(columns.size, 40);
    const lines = (from: LineColumns, first: number, end: number) => {
      const out: unknown[] = [];
      for (let row = first; row < end; row++) out.push(json(new X12ServiceLine(from, row)));
      return out;
    };
    const all = lines(columns, 0, 40) as ReturnType<X12ServiceLine['toJSON']>[];
    for (let n = 0; n < 40; n++) {
      const line = all[n]!;
      assert.equal(line.index, n);
      assert.equal(line.code, `C${n}`);
      assert.equal(line.lineNumber, n % 5 === 0 ? `00${n}` : String(n + 1));
      assert.equal(line.charge, n % 3 === 0 ? null : n * 1.5);
      assert.equal(line.units, n % 4 === 0 ? null : n);
      assert.deepEqual(line.dateOfService, n % 2 === 0 ? { from: 20240100 + n, to: 20240101 + n } : null);
      assert.equal(line.dateInherited, n % 4 === 0);
      assert.equal(line.segmentCount, 2 + (n % 3));
      assert.deepEqual(line.modifiers.map((m) => m.value), Array.from({ length: n % 5 }, (_, k) => `M${k}`));
      assert.equal(line.modifierInsert === null, n % 7 === 0);
      assert.equal(line.providerId, n % 2 === 0 ? null : `P${n}`);
    }
    // Rows 10..30 copied, then moved back as a claim carried into the next piece is.
    const copy = columns.rowsFrom(10, 30);
    assert.equal(copy.size, 20);
    assert.deepEqual(lines(copy, 0, 20), all.slice(10, 30));
    copy.shift(0, 20, -1000);
    const moved = lines(copy, 0, 20) as typeof all;
    for (let i = 0; i < 20; i++) {
      const before = all[10 + i]!;
      const after = moved[i]!;
      assert.deepEqual(after.codeSpan, { start: before.codeSpan.start - 1000, end: before.codeSpan.end - 1000 });
      assert.deepEqual(after.span, { start: before.span.start - 1000, end: before.span.end - 1000 });
      assert.deepEqual(after.dateSpan, before.dateSpan && { start: before.dateSpan.start - 1000, end: before.dateSpan.end - 1000 });
      assert.deepEqual(after.unitsSpan, before.unitsSpan && { start: before.unitsSpan.start - 1000, end: before.unitsSpan.end - 1000 });
      assert.deepEqual(after.modifiers.map((m) => m.span.start), before.modifiers.map((m) => m.span.start - 1000));
      assert.equal(after.code, before.code);
    }
    // The rows left in the first columns are not moved.
    assert.deepEqual(lines(columns, 0, 40), all);
    assert.ok(NO_OFFSET < -1000);
  });
});
