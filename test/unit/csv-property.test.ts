// Property: claims written as CSV with any delimiter, quoting, line endings, header spelling and
// value format read back as the same claims, and every span points at what it describes.

import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parseCsv } from '../../server/src/core/csv/index';
import { parseDateOfService } from '../../server/src/core/csv/cellDates';
import { parseAmount } from '../../server/src/core/csv/values';
import type { CsvColumnRole, Span } from '../../server/src/core/model';
import {
  HEADER_SPELLINGS,
  writeClaimsCsvDetailed,
  type CsvWriteOptions,
  type WriterClaim,
  type WriterColumn,
} from './helpers/csv-writer';

const digit = fc.constantFrom(...'0123456789'.split(''));
const alnum = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'.split(''));
const digits = (n: number) => fc.array(digit, { minLength: n, maxLength: n }).map((a) => a.join(''));

const procedureCode = fc.oneof(
  digits(5),
  fc.tuple(digits(4), fc.constantFrom('F', 'T', 'U')).map(([d, l]) => d + l),
  fc.tuple(fc.constantFrom(...'ABCDEGHJKLMPQRSTV'.split('')), digits(4)).map(([l, d]) => l + d),
  digits(4).map((d) => `D${d}`),
);
const modifier = fc.tuple(alnum, alnum).map(([a, b]) => a + b);

// Dates within the two-digit-year window so that M/D/YY round-trips.
const date = fc
  .date({ min: new Date(Date.UTC(1969, 0, 1)), max: new Date(Date.UTC(2068, 11, 31)), noInvalidDate: true })
  .map((d) => d.getUTCFullYear() * 10000 + (d.getUTCMonth() + 1) * 100 + d.getUTCDate());

// Identifiers with characters that force quoting (delimiters, quotes, spaces inside).
const idChar = fc.constantFrom(...'ABCXYZ0189-_/ ,;|\t"'.split(''));
const identifier = fc
  .array(idChar, { minLength: 1, maxLength: 10 })
  .map((a) => a.join('').trim())
  .filter((s) => s.length > 0);

const line = fc.record({
  code: procedureCode,
  modifiers: fc.array(modifier, { maxLength: 4 }),
  date,
  units: fc.option(fc.integer({ min: 0, max: 999 }), { nil: null }),
  charge: fc.option(fc.integer({ min: -100000, max: 10000000 }).map((c) => c / 100), { nil: null }),
});

const note = fc.string({ unit: fc.constantFrom('a', 'b', ' ', ',', ';', '|', '\t', '"', '\n', '\r', '\r\n', 'é'), maxLength: 12 });

interface Scenario {
  claims: WriterClaim[];
  withClaimId: boolean;
  options: CsvWriteOptions;
  notes: string[];
}

const scenario: fc.Arbitrary<Scenario> = fc
  .record({
    withClaimId: fc.boolean(),
    claims: fc.uniqueArray(fc.record({ id: identifier, patientId: identifier, lines: fc.array(line, { minLength: 1, maxLength: 5 }) }), {
      minLength: 1,
      maxLength: 6,
      selector: (c) => c.id,
    }),
    delimiter: fc.constantFrom(',', '\t', ';', '|'),
    lineEnding: fc.constantFrom('\n', '\r\n', '\r'),
    quoteMode: fc.constantFrom('minimal', 'all', 'some'),
    quoteSeed: fc.integer({ min: 0, max: 1 << 30 }),
    modifierLayout: fc.constantFrom('single', 'columns'),
    modifierSeparator: fc.constantFrom(',', ' ', ':', '-', ', '),
    dateFormat: fc.constantFrom('YYYY-MM-DD', 'MM/DD/YYYY', 'M/D/YY', 'YYYYMMDD'),
    chargeFormat: fc.constantFrom('plain', 'dollar', 'thousands'),
    spelling: fc.integer({ min: 0, max: 1000 }),
    trailingLineBreak: fc.boolean(),
    bom: fc.boolean(),
    interleaved: fc.boolean(),
    withNotes: fc.boolean(),
    notes: fc.array(note, { minLength: 1, maxLength: 8 }),
    blankSeed: fc.integer({ min: 0, max: 1 << 30 }),
    columnShift: fc.integer({ min: 0, max: 20 }),
  })
  .map((s) => {
    let claims: WriterClaim[] = s.claims;
    if (!s.withClaimId) {
      // Grouped by patient + date: one patient per claim, one date per claim.
      claims = claims.map((c, i) => ({
        ...c,
        patientId: `P${i}`,
        lines: c.lines.map((l) => ({ ...l, date: c.lines[0]!.date })),
      }));
    }
    const roles: CsvColumnRole[] = [
      ...(s.withClaimId ? (['claimId'] as const) : []),
      'patientId',
      'dateOfService',
      'procedureCode',
      ...(s.modifierLayout === 'single'
        ? (['modifiers'] as const)
        : (['modifier1', 'modifier2', 'modifier3', 'modifier4'] as const)),
      'units',
      'charge',
    ];
    const headerNames: Partial<Record<CsvColumnRole, string>> = {};
    roles.forEach((role, i) => {
      const options = HEADER_SPELLINGS[role];
      headerNames[role] = options[(s.spelling + i * 7) % options.length]!;
    });
    let n = 0;
    const columns: WriterColumn[] = [...roles];
    if (s.withNotes) {
      columns.splice(s.columnShift % (columns.length + 1), 0, { header: 'Notes', value: () => s.notes[n++ % s.notes.length]! });
    }
    const hash = (a: number, b: number, seed: number) => ((a * 73856093) ^ (b * 19349663) ^ seed) >>> 0;
    const options: CsvWriteOptions = {
      delimiter: s.delimiter,
      lineEnding: s.lineEnding,
      quote: s.quoteMode === 'some' ? (row, col) => hash(row, col, s.quoteSeed) % 3 === 0 : (s.quoteMode as 'minimal' | 'all'),
      columns,
      headerNames,
      modifierSeparator: s.modifierSeparator,
      dateFormat: s.dateFormat,
      chargeFormat: s.chargeFormat,
      rowOrder: s.interleaved ? 'interleaved' : 'grouped',
      trailingLineBreak: s.trailingLineBreak,
      bom: s.bom,
      blankLinesAfter: (row) => (hash(row, 0, s.blankSeed) % 5 === 0 ? 1 : 0),
    };
    return { claims, withClaimId: s.withClaimId, options, notes: s.notes };
  });

function at(text: string, span: Span | null): string {
  assert.ok(span, 'span expected');
  assert.ok(span.start >= 0 && span.start <= span.end && span.end <= text.length, 'span in range');
  return text.slice(span.start, span.end);
}

/** A value span inside quotes holds doubled quotes. */
const unescape = (s: string) => s.split('""').join('"');

function iso(d: number): string {
  const s = String(d);
  return `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}`;
}

describe('csv round trip (property)', () => {
  it('parses back what the writer wrote, with exact spans', () => {
    fc.assert(
      fc.property(scenario, ({ claims, withClaimId, options }) => {
        const { text, rows } = writeClaimsCsvDetailed(claims, options);
        const doc = parseCsv(text);
        assert.equal(doc.format, 'csv');
        assert.deepEqual(doc.findings, []);
        assert.equal(doc.csv?.separator, options.delimiter);
        assert.equal(doc.claims.length, claims.length);

        doc.claims.forEach((claim, ci) => {
          const w = claims[ci]!;
          assert.equal(claim.index, ci);
          if (withClaimId) {
            assert.equal(claim.id, w.id);
            assert.equal(unescape(at(text, claim.idSpan)), w.id);
          } else {
            assert.equal(claim.id, `${w.patientId} ${iso(w.lines[0]!.date as number)}`);
            assert.equal(claim.idSpan, null);
          }
          assert.equal(claim.patientId, w.patientId);
          const charges = w.lines.map((l) => l.charge).filter((c): c is number => c !== null && c !== undefined);
          if (charges.length === 0) assert.equal(claim.totalCharge, null);
          else assert.ok(Math.abs(claim.totalCharge! - charges.reduce((a, b) => a + b, 0)) < 0.005);
          assert.equal(claim.lines.length, w.lines.length);
          assert.ok(claim.span.start <= claim.lines[0]!.recordSpan.start);
          assert.equal(claim.span.end, claim.lines[claim.lines.length - 1]!.recordSpan.end);

          claim.lines.forEach((l, li) => {
            const wl = w.lines[li]!;
            const row = rows.find((r) => r.claimIndex === ci && r.lineIndex === li)!;
            assert.equal(l.index, li);
            assert.equal(l.lineNumber, String(row.line));
            assert.equal(l.recordSpan.start, row.start);
            assert.equal(l.code, wl.code);
            assert.equal(at(text, l.codeSpan), wl.code);
            assert.deepEqual(l.modifiers.map((m) => m.value), wl.modifiers);
            for (const m of l.modifiers) assert.equal(at(text, m.span), m.value);
            assert.deepEqual(l.dateOfService, { from: wl.date, to: wl.date });
            assert.deepEqual(parseDateOfService(at(text, l.dateSpan)), l.dateOfService);
            assert.equal(l.units, wl.units);
            assert.equal(l.charge, wl.charge);
            if (wl.charge === null) {
              assert.equal(l.chargeSpan, null);
            } else {
              assert.equal(at(text, l.chargeSpan), l.chargeText);
              assert.equal(parseAmount(l.chargeText!), wl.charge);
            }
            // The row span is the record plus one line break (after it, or before it for a last
            // row without one), and removing it leaves the other rows' text untouched.
            const whole = at(text, l.span);
            const record = at(text, l.recordSpan);
            assert.ok(whole === record + options.lineEnding || whole === options.lineEnding + record, 'row span');
            // The insert point for a new modifier is a cell of this row.
            const insert = l.modifierInsert;
            assert.ok(insert);
            const cells = insert.kind === 'csv-cell' ? [insert.cellSpan] : insert.kind === 'csv-columns' ? insert.cells.map((c) => c.cellSpan) : [];
            assert.equal(cells.length, insert.kind === 'csv-cell' ? 1 : 4);
            for (const c of cells) assert.ok(c.start >= l.recordSpan.start && c.end <= l.recordSpan.end);
            if (insert.kind === 'csv-cell' && wl.modifiers!.length > 1) assert.equal(insert.separator, options.modifierSeparator);
          });
        });

        // Removing one line's span leaves a file that parses to the same claims minus that line.
        const all = doc.claims.flatMap((c) => c.lines);
        const victim = all[all.length >> 1]!;
        const rest = parseCsv(text.slice(0, victim.span.start) + text.slice(victim.span.end));
        assert.deepEqual(rest.findings, []);
        assert.equal(rest.claims.flatMap((c) => c.lines).length, all.length - 1);
      }),
      { numRuns: 400 },
    );
  });

  it('locate() finds every code cell', () => {
    fc.assert(
      fc.property(scenario, ({ claims, options }) => {
        const { text } = writeClaimsCsvDetailed(claims, options);
        const doc = parseCsv(text);
        for (const claim of doc.claims) {
          for (const l of claim.lines) {
            const pos = doc.csv!.locate(l.codeSpan.start)!;
            assert.equal(pos.role, 'procedureCode');
            assert.equal(pos.value, l.code);
            assert.ok(pos.span.start <= l.codeSpan.start && l.codeSpan.end <= pos.span.end);
          }
        }
      }),
      { numRuns: 100 },
    );
  });
});
