// The 837 reader: 837P, 837I and 837D claims, their loops and patients. Its findings and
// documents cut anywhere are x12-parse837-findings.test.ts's.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseX12 } from '../../server/src/core/x12/index';
import { writeTransactions, writeX12, type SegmentSpec, type WriterClaim } from './helpers/x12-writer';
import { bodyWith, day, slice, SUBSCRIBER } from './helpers/x12-parse';

describe('837P claims', () => {
  const claims: WriterClaim[] = [
    {
      id: 'C000001',
      subscriberId: 'M000001',
      date: { from: 20240101, to: 20240103 },
      lines: [
        { code: '43214', modifiers: ['59', 'XS', 'GA', '76'], charge: '100.50', units: '2', date: day(20240102) },
        { code: '43200', charge: '20' },
        { code: 'J1100', modifiers: ['JW'], charge: '5.25', date: { from: 20240101, to: 20240103 } },
      ],
    },
    { id: 'C000002', subscriberId: 'M000002', patientId: 'P000003', lines: [{ code: '99213', charge: '75.00' }] },
  ];
  const { text } = writeX12(claims, { lineEnding: '\r\n' });
  const doc = parseX12(text);

  it('finds the claims with ids, totals and patients, and no findings', () => {
    assert.deepEqual(doc.findings, []);
    assert.equal(doc.format, 'x12');
    assert.deepEqual(doc.claims.map((c) => c.id), ['C000001', 'C000002']);
    assert.deepEqual(doc.claims.map((c) => c.patientId), ['M000001', 'P000003']);
    assert.deepEqual(doc.claims.map((c) => c.totalCharge), [125.75, 75]);
    assert.deepEqual(doc.claims.map((c) => c.totalChargeText), ['125.75', '75.00']);
    assert.deepEqual(doc.claims.map((c) => slice(text, c.idSpan)), ['C000001', 'C000002']);
    assert.deepEqual(doc.claims.map((c) => slice(text, c.totalChargeSpan)), ['125.75', '75.00']);
    assert.deepEqual(doc.claims.map((c) => c.transactionIndex), [0, 0]);
    assert.deepEqual(doc.claims.map((c) => c.index), [0, 1]);
  });

  it('reads codes, modifiers, charges, units and their spans', () => {
    const [first, second, third] = doc.claims[0]!.lines;
    assert.equal(first!.qualifier, 'HC');
    assert.equal(first!.code, '43214');
    assert.equal(slice(text, first!.codeSpan), '43214');
    assert.deepEqual(first!.modifiers.map((m) => m.value), ['59', 'XS', 'GA', '76']);
    for (const m of first!.modifiers) assert.equal(slice(text, m.span), m.value);
    assert.equal(first!.charge, 100.5);
    assert.equal(first!.chargeText, '100.50');
    assert.equal(slice(text, first!.chargeSpan), '100.50');
    assert.equal(first!.units, 2);
    assert.equal(second!.modifiers.length, 0);
    assert.equal(third!.code, 'J1100');
    assert.deepEqual(doc.claims[0]!.lines.map((l) => l.lineNumber), ['1', '2', '3']);
    assert.deepEqual(doc.claims[0]!.lines.map((l) => slice(text, l.lineNumberSpan)), ['1', '2', '3']);
    assert.deepEqual(doc.claims[0]!.lines.map((l) => l.index), [0, 1, 2]);
  });

  it('gives the modifier insert point at the end of the composite', () => {
    const [first, second] = doc.claims[0]!.lines;
    const insert = first!.modifierInsert;
    assert.ok(insert && insert.kind === 'x12-composite');
    assert.deepEqual({ ...insert, compositeSpan: slice(text, insert.compositeSpan) }, {
      kind: 'x12-composite',
      compositeSpan: 'HC:43214:59:XS:GA:76',
      componentCount: 6,
      componentSeparator: ':',
    });
    assert.equal(second!.modifierInsert?.kind, 'x12-composite');
    if (second!.modifierInsert?.kind === 'x12-composite') {
      assert.equal(slice(text, second!.modifierInsert.compositeSpan), 'HC:43200');
      assert.equal(second!.modifierInsert.componentCount, 2);
    }
  });

  it('reads D8 and RD8 line dates and inherits the claim date', () => {
    const [first, second, third] = doc.claims[0]!.lines;
    assert.deepEqual(doc.claims[0]!.dateOfService, { from: 20240101, to: 20240103 });
    assert.equal(slice(text, doc.claims[0]!.dateSpan), '20240101-20240103');
    assert.deepEqual(first!.dateOfService, day(20240102));
    assert.equal(slice(text, first!.dateSpan), '20240102');
    assert.equal(first!.dateInherited, false);
    assert.deepEqual(second!.dateOfService, { from: 20240101, to: 20240103 });
    assert.equal(second!.dateInherited, true);
    assert.deepEqual(second!.dateSpan, doc.claims[0]!.dateSpan);
    assert.deepEqual(third!.dateOfService, { from: 20240101, to: 20240103 });
    assert.equal(third!.dateInherited, false);
    const noDates = doc.claims[1]!.lines[0]!;
    assert.equal(noDates.dateOfService, null);
    assert.equal(noDates.dateSpan, null);
    assert.equal(noDates.dateInherited, false);
  });

  it('spans the whole 2400 loop (with line breaks) and counts its segments', () => {
    const lines = doc.claims[0]!.lines;
    assert.equal(slice(text, lines[0]!.span), 'LX*1~\r\nSV1*HC:43214:59:XS:GA:76*100.50*UN*2***1~\r\nDTP*472*D8*20240102~\r\n');
    assert.equal(lines[0]!.segmentCount, 3);
    assert.equal(slice(text, lines[1]!.span), 'LX*2~\r\nSV1*HC:43200*20*UN*1***1~\r\n');
    assert.equal(lines[1]!.segmentCount, 2);
    assert.equal(slice(text, lines[0]!.recordSpan), 'SV1*HC:43214:59:XS:GA:76*100.50*UN*2***1');
    // The last line of the last claim ends before SE.
    const last = doc.claims[1]!.lines[0]!;
    assert.ok(text.slice(last.span.end).startsWith('SE*'));
  });

  it('spans the claim from CLM to its last segment', () => {
    const claim = doc.claims[0]!;
    assert.ok(slice(text, claim.span)!.startsWith('CLM*C000001*'));
    assert.ok(text.slice(claim.span.end).startsWith('HL*'));
    assert.equal(claim.span.end, claim.lines[2]!.span.end);
  });

  it('removing a line span and fixing SE01/CLM02 leaves a clean file', () => {
    const line = doc.claims[0]!.lines[1]!;
    let edited = text.slice(0, line.span.start) + text.slice(line.span.end);
    edited = edited.replace('LX*3~', 'LX*2~').replace('CLM*C000001*125.75', 'CLM*C000001*105.75');
    const se01 = doc.transactions[0]!.se01Text!;
    edited = edited.replace(`SE*${se01}*`, `SE*${Number(se01) - line.segmentCount}*`);
    const after = parseX12(edited);
    assert.deepEqual(after.findings, []);
    assert.equal(after.claims[0]!.lines.length, 2);
  });

  it('describes the transaction set', () => {
    assert.equal(doc.transactions.length, 1);
    const st = doc.transactions[0]!;
    assert.equal(st.kind, 'professional');
    assert.equal(st.implementation, '005010X222A1');
    assert.equal(st.controlNumber, '0001');
    assert.equal(st.se01Text, String(st.segmentCount));
    assert.equal(slice(text, st.se01Span), st.se01Text);
    assert.ok(slice(text, st.span)!.startsWith('ST*837*0001'));
    assert.ok(slice(text, st.span)!.endsWith('SE*' + st.se01Text + '*0001~\r\n'));
    assert.equal(doc.groups.length, 1);
    assert.equal(doc.groups[0]!.controlNumber, '1');
    assert.equal(doc.interchanges[0]!.controlNumber, '000000001');
  });
});

describe('837I and 837D claims', () => {
  it('reads SV2 (revenue code, HCPCS composite, empty composite) and DTP*434', () => {
    const { text } = writeX12(
      [
        {
          id: 'I000001',
          date: { from: 20240201, to: 20240205 },
          lines: [
            { code: '85025', modifiers: ['91'], charge: '13.39', units: '1.5', revenueCode: '0305' },
            { code: '', charge: '76.56', revenueCode: '0730', date: day(20240203) },
          ],
        },
      ],
      { kind: 'institutional', lineEnding: '\n' },
    );
    const doc = parseX12(text);
    // The first line has no date of its own under a five-day statement: said (x12-outpatient-line-dates), and it takes the statement's.
    assert.deepEqual(doc.findings.map((f) => f.rule), ['x12.line-date-missing']);
    assert.equal(doc.transactions[0]!.kind, 'institutional');
    const [hcpcs, revenueOnly] = doc.claims[0]!.lines;
    assert.equal(hcpcs!.code, '85025');
    assert.deepEqual(hcpcs!.modifiers.map((m) => m.value), ['91']);
    assert.equal(hcpcs!.charge, 13.39);
    assert.equal(hcpcs!.units, 1.5);
    assert.deepEqual(hcpcs!.dateOfService, { from: 20240201, to: 20240205 });
    assert.equal(hcpcs!.dateInherited, true);
    assert.equal(revenueOnly!.code, '');
    assert.equal(revenueOnly!.qualifier, null);
    assert.equal(revenueOnly!.modifierInsert, null);
    assert.equal(revenueOnly!.codeSpan.start, revenueOnly!.codeSpan.end);
    assert.equal(revenueOnly!.charge, 76.56);
    assert.deepEqual(revenueOnly!.dateOfService, day(20240203));
  });

  it('reads SV3 (AD composite, units in SV3-06)', () => {
    const { text } = writeX12(
      [{ id: 'D000001', date: day(20240301), lines: [{ code: 'D0120', charge: '44', units: '4' }, { code: 'D2150', modifiers: ['AA'], charge: '120' }] }],
      { kind: 'dental' },
    );
    const doc = parseX12(text);
    assert.deepEqual(doc.findings, []);
    assert.equal(doc.transactions[0]!.kind, 'dental');
    assert.deepEqual(doc.claims[0]!.lines.map((l) => [l.qualifier, l.code, l.units, l.charge]), [
      ['AD', 'D0120', 4, 44],
      ['AD', 'D2150', 1, 120],
    ]);
    assert.deepEqual(doc.claims[0]!.lines[1]!.modifiers.map((m) => m.value), ['AA']);
    assert.equal(doc.claims[0]!.lines[0]!.dateInherited, true);
  });

  it('takes the kind from GS08 in 4010 (no ST03)', () => {
    for (const [kind, implementation] of [
      ['professional', '004010X098A1'],
      ['institutional', '004010X096A1'],
      ['dental', '004010X097A1'],
    ] as const) {
      const { text } = writeX12([{ id: 'C1', lines: [{ code: kind === 'dental' ? 'D0120' : '99213', charge: '10' }] }], { kind, version: '4010' });
      const doc = parseX12(text);
      assert.deepEqual(doc.findings, []);
      assert.equal(doc.transactions[0]!.implementation, implementation);
      assert.equal(doc.transactions[0]!.kind, kind);
      assert.equal(doc.interchanges[0]!.delimiters.repetition, null);
    }
  });

  it('falls back to the service segment for an unknown implementation', () => {
    const { text } = writeX12([{ id: 'C1', lines: [{ code: '99213', charge: '10' }] }]);
    const doc = parseX12(text.replace(/005010X222A1/g, '005010X999'));
    assert.equal(doc.transactions[0]!.kind, 'professional');
  });
});

describe('loops and patients', () => {
  it('takes the patient NM109 over the subscriber id, and ignores NM1*IL after CLM (2330A)', () => {
    const body = bodyWith([
      ...SUBSCRIBER,
      ['CLM', 'C1', '10', '', '', ['11', 'B', '1'], 'Y', 'A', 'Y', 'Y'],
      ['NM1', 'IL', '1', 'OTHER', 'SUBSCRIBER', '', '', '', 'MI', 'M999999'],
      ['LX', '1'],
      ['SV1', ['HC', '99213'], '10', 'UN', '1'],
      ['CLM', 'C2', '10', '', '', ['11', 'B', '1'], 'Y', 'A', 'Y', 'Y'],
      ['LX', '1'],
      ['SV1', ['HC', '99213'], '10', 'UN', '1'],
      ['HL', '3', '2', '23', '0'],
      ['PAT', '19'],
      ['NM1', 'QC', '1', 'DOE', 'JOHN', '', '', '', 'MI', 'P000001'],
      ['CLM', 'C3', '10', '', '', ['11', 'B', '1'], 'Y', 'A', 'Y', 'Y'],
      ['LX', '1'],
      ['SV1', ['HC', '99213'], '10', 'UN', '1'],
      ['HL', '4', '2', '23', '0'],
      ['NM1', 'QC', '1', 'DOE', 'JIM'],
      ['CLM', 'C4', '10', '', '', ['11', 'B', '1'], 'Y', 'A', 'Y', 'Y'],
      ['HL', '5', '1', '22', '0'],
      ['CLM', 'C5', '10', '', '', ['11', 'B', '1'], 'Y', 'A', 'Y', 'Y'],
    ]);
    const doc = parseX12(writeTransactions([body]).text);
    assert.deepEqual(doc.findings, []);
    assert.deepEqual(doc.claims.map((c) => [c.id, c.patientId]), [
      ['C1', 'M000001'],
      ['C2', 'M000001'],
      ['C3', 'P000001'],
      ['C4', 'M000001'],
      ['C5', null],
    ]);
  });

  it('takes a subscriber or patient only from an NM101 that is exactly IL or QC', () => {
    const claim = (id: string): SegmentSpec => ['CLM', id, '10', '', '', ['11', 'B', '1'], 'Y', 'A', 'Y', 'Y'];
    const body = bodyWith([
      ['HL', '2', '1', '22', '0'],
      ['NM1', 'ILX', '1', 'A', '', '', '', '', 'MI', 'M1'],
      claim('C1'),
      ['HL', '3', '1', '22', '0'],
      ['NM1', 'IL'],
      claim('C2'),
      ['HL', '4', '1', '22', '0'],
      ['NM1', 'IL', '1', 'A', '', '', '', '', 'MI', 'M4'],
      claim('C3'),
      ['HL', '5', '4', '23', '0'],
      ['NM1', 'Q'],
      claim('C4'),
      ['HL', '6', '4', '23', '0'],
      ['NM1', '', 'QC', '', '', '', '', '', 'MI', 'P6'],
      claim('C5'),
      ['HL', '7', '4', '23', '0'],
      ['NM1', 'QC', '1', 'A', '', '', '', '', 'MI', 'P7'],
      claim('C6'),
    ]);
    const doc = parseX12(writeTransactions([body]).text);
    assert.deepEqual(doc.claims.map((c) => [c.id, c.patientId]), [
      ['C1', null],
      ['C2', null],
      ['C3', 'M4'],
      // A patient loop without a patient id keeps its subscriber's.
      ['C4', 'M4'],
      ['C5', 'M4'],
      ['C6', 'P7'],
    ]);
  });

  it('prefers DTP*472 over DTP*434 on the claim', () => {
    const body = bodyWith([
      ...SUBSCRIBER,
      ['CLM', 'C1', '10', '', '', ['11', 'B', '1'], 'Y', 'A', 'Y', 'Y'],
      ['DTP', '472', 'D8', '20240105'],
      ['DTP', '434', 'RD8', '20240101-20240110'],
      ['LX', '1'],
      ['SV1', ['HC', '99213'], '10', 'UN', '1'],
    ]);
    const doc = parseX12(writeTransactions([body]).text);
    assert.deepEqual(doc.claims[0]!.dateOfService, day(20240105));
  });

  it('splits claims over several ST in one GS and several interchanges', () => {
    const claims = Array.from({ length: 6 }, (_, i) => ({ id: `C${i}`, lines: [{ code: '99213', charge: `${i + 1}` }] }));
    const doc = parseX12(writeX12(claims, { transactions: 3, lineEnding: '\n' }).text);
    assert.deepEqual(doc.findings, []);
    assert.equal(doc.transactions.length, 3);
    assert.equal(doc.groups.length, 1);
    assert.deepEqual(doc.claims.map((c) => c.transactionIndex), [0, 0, 1, 1, 2, 2]);
    assert.deepEqual(doc.transactions.map((t) => t.groupIndex), [0, 0, 0]);

    const multi = parseX12(writeX12(claims, { transactions: 1, interchanges: 2 }).text);
    assert.deepEqual(multi.findings, []);
    assert.equal(multi.interchanges.length, 2);
    assert.deepEqual(multi.groups.map((g) => g.interchangeIndex), [0, 1]);
    assert.equal(multi.claims.length, 6);
  });
});
