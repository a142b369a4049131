// Property: any claim set written as X12 (any delimiter set, line ending, version, envelope
// layout) parses back to the same claims, and every span slices exactly the value it names.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { DateRange, Span } from '../../server/src/core/model';
import { parseX12 } from '../../server/src/core/x12/index';
import { X12_DELIMITER_SETS } from '../fuzz/generators';
import { writeX12, type ClaimKind, type WriterClaim, type WriterDelimiters, type WriterOptions } from './helpers/x12-writer';

/** The fuzz run's delimiter sets, and a bare CR as terminator (read back here, not fuzzed). */
const DELIMITER_SETS: WriterDelimiters[] = [...X12_DELIMITER_SETS, { element: '*', component: '>', repetition: '^', segment: '\r' }];
const LINE_ENDINGS = ['', '\n', '\r\n', '\r'];
const CODES: Record<ClaimKind, string[]> = {
  professional: ['43214', '43200', '99213', 'J1100', '0001U', '1234F', '0042T'],
  institutional: ['43214', '85025', '99213', 'J1100', ''],
  dental: ['D0120', 'D2150', 'D0230'],
};
const MODIFIERS = ['59', 'XS', 'XU', '25', '76', 'GA', 'LT', 'RT'];

const dateNumber = fc
  .tuple(fc.integer({ min: 2000, max: 2030 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }))
  .map(([y, m, d]) => y * 10000 + m * 100 + d);
const dateRange: fc.Arbitrary<DateRange> = fc.oneof(
  dateNumber.map((d) => ({ from: d, to: d })),
  fc.tuple(dateNumber, dateNumber).map(([a, b]) => ({ from: Math.min(a, b), to: Math.max(a, b) })),
);
const charge = fc
  .tuple(fc.integer({ min: 0, max: 999999 }), fc.constantFrom(0, 1, 2))
  .map(([cents, decimals]) => (decimals === 0 ? String(Math.round(cents / 100)) : (cents / 100).toFixed(decimals)));

/** A line's date as a valid 837I writes it under `statement`: inside it, and its own when the statement spans days. */
function withinStatement(date: DateRange | null, statement: DateRange): DateRange | null {
  if (date === null) return statement.to > statement.from ? { from: statement.from, to: statement.from } : null;
  const from = Math.max(date.from, statement.from);
  const to = Math.min(date.to, statement.to);
  return from <= to ? { from, to } : { from: statement.from, to: statement.from };
}

function claimArbitrary(kind: ClaimKind): fc.Arbitrary<WriterClaim> {
  const line = fc.record({
    code: fc.constantFrom(...CODES[kind]),
    modifiers: fc.uniqueArray(fc.constantFrom(...MODIFIERS), { maxLength: 4 }),
    charge,
    units: fc.integer({ min: 1, max: 12 }).map(String),
    date: fc.option(dateRange, { nil: null }),
  });
  return fc
    .record({
      id: fc.integer({ min: 1, max: 999999 }).map((n) => `C${String(n).padStart(6, '0')}`),
      subscriberId: fc.integer({ min: 1, max: 999999 }).map((n) => `M${String(n).padStart(6, '0')}`),
      patientId: fc.option(fc.integer({ min: 1, max: 999999 }).map((n) => `P${String(n).padStart(6, '0')}`), { nil: null }),
      date: fc.option(dateRange, { nil: null }),
      lines: fc.array(line, { minLength: 1, maxLength: 4 }),
    })
    .map((claim): WriterClaim => {
      const statement = claim.date;
      if (kind !== 'institutional' || statement === null) return claim;
      // An outpatient 837I statement over several days needs each line's own date
      // (x12.line-date-missing), and a line's date falls in the statement period
      // (x12.line-date-outside-statement): clamped into it.
      return { ...claim, lines: claim.lines.map((l) => ({ ...l, date: withinStatement(l.date, statement) })) };
    });
}

const scenario = fc.constantFrom<ClaimKind>('professional', 'institutional', 'dental').chain((kind) =>
  fc.record({
    kind: fc.constant(kind),
    claims: fc.array(claimArbitrary(kind), { minLength: 1, maxLength: 5 }),
    delimiters: fc.constantFrom(...DELIMITER_SETS),
    lineEnding: fc.constantFrom(...LINE_ENDINGS),
    version: fc.constantFrom<'5010' | '4010'>('5010', '4010'),
    transactions: fc.integer({ min: 1, max: 3 }),
    interchanges: fc.integer({ min: 1, max: 2 }),
    padIsa: fc.boolean(),
    prefix: fc.constantFrom('', '\uFEFF', '  \r\n'),
  }),
);

function dateText(range: DateRange): string {
  return range.from === range.to ? String(range.from) : `${range.from}-${range.to}`;
}

function cents(text: string): number {
  return Math.round(Number(text) * 100);
}

describe('x12 property: write then parse', () => {
  it('returns the claims written, with spans that slice their values', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const options: WriterOptions = {
          kind: s.kind,
          delimiters: s.delimiters,
          lineEnding: s.lineEnding,
          version: s.version,
          transactions: s.transactions,
          interchanges: s.interchanges,
          padIsa: s.padIsa,
          prefix: s.prefix,
        };
        const written = writeX12(s.claims, options);
        const text = written.text;
        const doc = parseX12(text);
        const at = (span: Span | null) => (span === null ? null : text.slice(span.start, span.end));

        const expectedRules = s.padIsa ? [] : Array(doc.interchanges.length).fill('x12.isa-width');
        assert.deepEqual(doc.findings.map((f) => f.rule), expectedRules);
        assert.deepEqual(doc.transactions.map((t) => t.segmentCount), written.transactionSegmentCounts);
        assert.equal(doc.claims.length, s.claims.length);
        for (const t of doc.transactions) assert.equal(t.kind, s.kind);
        for (const i of doc.interchanges) {
          assert.equal(i.delimiters.element, s.delimiters.element);
          assert.equal(i.delimiters.segment, s.delimiters.segment);
          assert.equal(i.delimiters.repetition, s.delimiters.repetition);
        }

        s.claims.forEach((expected, c) => {
          const claim = doc.claims[c]!;
          assert.equal(claim.id, expected.id);
          assert.equal(at(claim.idSpan), expected.id);
          assert.equal(claim.patientId, expected.patientId ?? expected.subscriberId);
          assert.equal(at(claim.totalChargeSpan), claim.totalChargeText);
          assert.equal(cents(claim.totalChargeText!), expected.lines.reduce((sum, l) => sum + cents(l.charge), 0));
          assert.deepEqual(claim.dateOfService, expected.date ?? null);
          assert.equal(at(claim.dateSpan), expected.date ? dateText(expected.date) : null);
          assert.ok(at(claim.span)!.startsWith(`CLM${s.delimiters.element}${expected.id}`));
          assert.equal(claim.lines.length, expected.lines.length);

          expected.lines.forEach((want, l) => {
            const line = claim.lines[l]!;
            assert.equal(line.index, l);
            assert.equal(line.lineNumber, String(l + 1));
            assert.equal(at(line.lineNumberSpan), String(l + 1));
            assert.equal(line.code, want.code);
            assert.equal(at(line.codeSpan), want.code);
            if (want.code === '') {
              assert.equal(line.qualifier, null);
              assert.equal(line.modifierInsert, null);
              assert.deepEqual(line.modifiers, []);
            } else {
              assert.equal(line.qualifier, s.kind === 'dental' ? 'AD' : 'HC');
              assert.deepEqual(line.modifiers.map((m) => m.value), want.modifiers);
              for (const m of line.modifiers) assert.equal(at(m.span), m.value);
              const insert = line.modifierInsert;
              assert.ok(insert && insert.kind === 'x12-composite');
              assert.equal(insert.componentCount, 2 + want.modifiers!.length);
              assert.equal(insert.componentSeparator, s.delimiters.component);
              assert.equal(at(insert.compositeSpan), [line.qualifier, want.code, ...want.modifiers!].join(s.delimiters.component));
              const located = doc.x12.locate(line.codeSpan.start)!;
              assert.equal(located.componentIndex, 2);
              assert.deepEqual(located.span, line.codeSpan);
            }
            assert.equal(line.chargeText, want.charge);
            assert.equal(at(line.chargeSpan), want.charge);
            assert.equal(line.charge, Number(want.charge));
            assert.equal(line.units, Number(want.units));
            const effective = want.date ?? expected.date ?? null;
            assert.deepEqual(line.dateOfService, effective);
            assert.equal(line.dateInherited, !want.date && !!expected.date);
            assert.equal(at(line.dateSpan), effective ? dateText(effective) : null);
            const service = { professional: 'SV1', institutional: 'SV2', dental: 'SV3' }[s.kind];
            assert.ok(at(line.recordSpan)!.startsWith(service + s.delimiters.element));
            assert.equal(line.segmentCount, want.date ? 3 : 2);
            const loop = at(line.span)!;
            assert.ok(loop.startsWith(`LX${s.delimiters.element}${l + 1}${s.delimiters.segment}`));
            assert.ok(loop.endsWith(s.delimiters.segment + s.lineEnding));
          });
        });
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on mangled documents, and keeps every span inside the text', () => {
    const base = writeX12(
      [
        { id: 'C000001', date: { from: 20240101, to: 20240101 }, lines: [{ code: '43214', modifiers: ['59'], charge: '10' }, { code: '43200', charge: '20' }] },
        { id: 'C000002', patientId: 'P000001', lines: [{ code: '99213', charge: '30', date: { from: 20240102, to: 20240103 } }] },
      ],
      { lineEnding: '\n' },
    ).text;
    const edit = fc.record({
      at: fc.nat({ max: base.length }),
      remove: fc.nat({ max: 40 }),
      insert: fc.string({ unit: fc.constantFrom('*', ':', '~', '^', '\n', '\r', 'A', '1', '.', '-', ' ', 'LX', 'SV1', 'CLM', 'HL', 'SE', 'ISA') , maxLength: 12 }),
    });
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 6 }), (edits) => {
        let text = base;
        for (const e of edits) text = text.slice(0, e.at) + e.insert + text.slice(e.at + e.remove);
        const doc = parseX12(text);
        const inside = (span: Span | null) => span === null || (span.start >= 0 && span.start <= span.end && span.end <= text.length);
        for (const f of doc.findings) assert.ok(inside(f.span), f.rule);
        for (const claim of doc.claims) {
          assert.ok(inside(claim.span) && inside(claim.idSpan) && inside(claim.totalChargeSpan) && inside(claim.dateSpan));
          for (const line of claim.lines) {
            for (const span of [line.span, line.codeSpan, line.recordSpan, line.chargeSpan, line.dateSpan, line.lineNumberSpan]) assert.ok(inside(span));
            assert.equal(text.slice(line.codeSpan.start, line.codeSpan.end), line.code);
          }
        }
        for (let i = 0; i < doc.x12.segmentCount; i++) {
          const full = doc.x12.segmentFullSpan(i);
          assert.ok(inside(full));
          assert.equal(doc.x12.segmentAt(full.start), i);
        }
        for (let offset = 0; offset <= text.length; offset += 7) doc.x12.locate(offset);
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (tail) => {
        parseX12(tail);
        parseX12('ISA*' + tail);
      }),
      { numRuns: 300 },
    );
  });
});
