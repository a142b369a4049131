import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Finding, Span } from '../../server/src/core/model';
import { parseX12 } from '../../server/src/core/x12/index';
import {
  claimSegments,
  writeTransactions,
  writeX12,
  type SegmentSpec,
  type WriterClaim,
} from './helpers/x12-writer';

const slice = (text: string, span: Span | null) => (span === null ? null : text.slice(span.start, span.end));
const rulesOf = (findings: Finding[]) => findings.map((f) => f.rule);
const day = (d: number) => ({ from: d, to: d });

/** Header segments of a transaction (BHT .. billing provider) followed by the given segments. */
function bodyWith(segments: SegmentSpec[]): SegmentSpec[] {
  return [...claimSegments([]), ...segments];
}

const SUBSCRIBER: SegmentSpec[] = [
  ['HL', '2', '1', '22', '0'],
  ['SBR', 'P', '18', '', '', '', '', '', '', 'CI'],
  ['NM1', 'IL', '1', 'DOE', 'JANE', '', '', '', 'MI', 'M000001'],
];

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
    assert.deepEqual(doc.findings, []);
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

describe('envelope findings', () => {
  const base = writeX12([{ id: 'C1', lines: [{ code: '99213', charge: '10' }] }], { lineEnding: '\n' });
  const count = base.transactionSegmentCounts[0]!;
  const only = (text: string) => {
    const doc = parseX12(text);
    return { doc, rules: rulesOf(doc.findings) };
  };

  it('SE01 count', () => {
    const { doc, rules } = only(base.text.replace(`SE*${count}*0001`, `SE*${count + 2}*0001`));
    assert.deepEqual(rules, ['x12.se01-count']);
    const f = doc.findings[0]!;
    assert.equal(f.severity, 'error');
    assert.equal(f.message, `SE01 says ${count + 2} segments, but the transaction set has ${count}`);
    assert.equal(slice(base.text.replace(`SE*${count}*`, `SE*${count + 2}*`), f.span), String(count + 2));
    assert.equal(doc.transactions[0]!.segmentCount, count);
    assert.equal(doc.transactions[0]!.se01Text, String(count + 2));
  });

  it('SE01 not a number', () => {
    const { doc, rules } = only(base.text.replace(`SE*${count}*0001`, 'SE*X*0001'));
    assert.deepEqual(rules, ['x12.se01-count']);
    assert.match(doc.findings[0]!.message, /SE01 should be the number of segments/);
  });

  it('SE02 control number', () => {
    const { doc, rules } = only(base.text.replace(`SE*${count}*0001`, `SE*${count}*0002`));
    assert.deepEqual(rules, ['x12.se02-control']);
    assert.equal(doc.findings[0]!.message, "SE02 is '0002', but ST02 is '0001': the control numbers must match");
    assert.equal(doc.findings[0]!.related?.length, 1);
  });

  it('GE01 and GE02', () => {
    assert.deepEqual(only(base.text.replace('GE*1*1', 'GE*2*1')).rules, ['x12.ge01-count']);
    assert.equal(only(base.text.replace('GE*1*1', 'GE*2*1')).doc.findings[0]!.message, 'GE01 says 2 transaction sets, but the functional group has 1');
    assert.deepEqual(only(base.text.replace('GE*1*1', 'GE*1*7')).rules, ['x12.ge02-control']);
  });

  it('IEA01 and IEA02', () => {
    assert.deepEqual(only(base.text.replace('IEA*1*000000001', 'IEA*3*000000001')).rules, ['x12.iea01-count']);
    assert.deepEqual(only(base.text.replace('IEA*1*000000001', 'IEA*1*000000009')).rules, ['x12.iea02-control']);
  });

  it('unclosed envelopes', () => {
    const noTrailers = base.text.slice(0, base.text.indexOf('SE*'));
    const { rules, doc } = only(noTrailers);
    assert.deepEqual(rules, ['x12.envelope-unclosed', 'x12.envelope-unclosed', 'x12.envelope-unclosed']);
    assert.ok(doc.findings.every((f) => f.severity === 'error'));
    assert.equal(doc.claims.length, 1);
    assert.deepEqual(doc.findings.map((f) => f.message), [
      "ISA '000000001' has no IEA before the end of the document",
      "GS '1' has no GE before the end of the document",
      "ST '0001' has no SE before the end of the document",
    ]);
    // An ST with no SE before GE.
    const noSe = base.text.replace(/SE\*\d+\*0001~\n/, '');
    assert.deepEqual(only(noSe).rules, ['x12.envelope-unclosed']);
    assert.match(only(noSe).doc.findings[0]!.message, /before GE/);
  });

  it('trailers without headers', () => {
    const { rules } = only(base.text + 'SE*2*0009~GE*1*9~');
    assert.ok(rules.includes('x12.envelope-unmatched'));
  });

  it('segments outside a transaction set', () => {
    const text = base.text.replace('GE*1*1~', 'NTE*ADD*NOTE~NTE*ADD*NOTE~GE*1*1~');
    assert.deepEqual(only(text).rules, ['x12.outside-transaction']);
  });
});

describe('claim and line findings', () => {
  const write = (segments: SegmentSpec[]) => writeTransactions([bodyWith([...SUBSCRIBER, ...segments])]).text;
  const clm = (total: string): SegmentSpec => ['CLM', 'C1', total, '', '', ['11', 'B', '1'], 'Y', 'A', 'Y', 'Y'];
  const sv1 = (code: string, charge: string): SegmentSpec => ['SV1', ['HC', code], charge, 'UN', '1'];

  it('line outside a claim', () => {
    const doc = parseX12(write([['LX', '1'], sv1('99213', '10')]));
    assert.deepEqual(rulesOf(doc.findings), ['x12.line-outside-claim', 'x12.line-outside-claim']);
    assert.equal(doc.claims.length, 0);
  });

  it('CLM02 differs from the sum of the lines (compared in cents)', () => {
    const text = write([clm('150'), ['LX', '1'], sv1('43214', '100'), ['LX', '2'], sv1('43200', '40.00')]);
    const doc = parseX12(text);
    assert.deepEqual(rulesOf(doc.findings), ['x12.clm02-sum']);
    const f = doc.findings[0]!;
    assert.equal(f.message, 'CLM02 is 150.00, but the 2 service lines add up to 140.00');
    assert.equal(f.severity, 'error');
    assert.equal(slice(text, f.span), '150');
    assert.deepEqual(f.related?.map((r) => slice(text, r.span)), ['100', '40.00']);
    // 0.1 + 0.2 is 0.30 in cents.
    assert.deepEqual(parseX12(write([clm('0.3'), ['LX', '1'], sv1('99213', '0.1'), ['LX', '2'], sv1('99213', '0.2')])).findings, []);
  });

  it('invalid amounts', () => {
    const doc = parseX12(write([clm('1,00'), ['LX', '1'], sv1('99213', 'abc'), ['LX', '2'], ['SV1', ['HC', '99213']]]));
    assert.deepEqual(rulesOf(doc.findings), ['x12.amount-invalid', 'x12.amount-invalid', 'x12.amount-invalid']);
    assert.equal(doc.findings[1]!.message, 'SV1-02 (line charge) should be a decimal amount, found a value that is not a number');
    assert.equal(doc.findings[0]!.message, "CLM02 (total claim charge) should be a decimal amount, found '1,00'");
    assert.match(doc.findings[2]!.message, /SV1-02 \(line charge\) is missing/);
    assert.equal(doc.claims[0]!.totalCharge, null);
    assert.equal(doc.claims[0]!.totalChargeText, '1,00');
    assert.equal(doc.claims[0]!.lines[0]!.charge, null);
    assert.equal(doc.claims[0]!.lines[0]!.chargeText, 'abc');
    assert.equal(doc.claims[0]!.lines[1]!.chargeText, null);
  });

  it('invalid dates, and an RD8 holding one date', () => {
    const text = write([
      clm('10'),
      ['DTP', '472', 'D8', '20240230'],
      ['LX', '1'],
      sv1('99213', '10'),
      ['DTP', '472', 'RD8', '20240105-20240101'],
      ['DTP', '573', 'D8', '2024011'],
    ]);
    const doc = parseX12(text);
    assert.deepEqual(rulesOf(doc.findings), ['x12.date-invalid', 'x12.date-invalid', 'x12.date-invalid']);
    assert.equal(doc.findings[0]!.message, "DTP*472: expected a D8 date CCYYMMDD, found '20240230'");
    assert.equal(slice(text, doc.findings[0]!.span), '20240230');
    assert.equal(doc.claims[0]!.dateOfService, null);
    assert.equal(doc.claims[0]!.lines[0]!.dateOfService, null);

    const single = parseX12(write([clm('10'), ['DTP', '434', 'RD8', '20240105'], ['LX', '1'], sv1('99213', '10')]));
    assert.deepEqual(rulesOf(single.findings), ['x12.date-invalid']);
    assert.deepEqual(single.claims[0]!.dateOfService, day(20240105));
    assert.deepEqual(parseX12(write([clm('10'), ['DTP', '472', 'D8', '20240229']])).findings, []);
  });

  it('LX out of sequence, and a service segment without LX', () => {
    const doc = parseX12(write([clm('30'), ['LX', '1'], sv1('99213', '10'), ['LX', '3'], sv1('99213', '10'), sv1('99214', '10')]));
    assert.deepEqual(rulesOf(doc.findings), ['x12.lx-sequence', 'x12.lx-sequence']);
    assert.ok(doc.findings.every((f) => f.severity === 'warning'));
    assert.equal(doc.findings[0]!.message, "LX01 should be 2 (service lines are numbered 1, 2, 3... within a claim), found '3'");
    const lines = doc.claims[0]!.lines;
    assert.deepEqual(lines.map((l) => [l.lineNumber, l.code]), [['1', '99213'], ['3', '99213'], ['', '99214']]);
    assert.equal(lines[2]!.lineNumberSpan, null);
    assert.equal(lines[1]!.segmentCount, 2);
    assert.equal(lines[2]!.segmentCount, 1);
  });

  it('procedure codes: CPT, cat II/III, PLA, HCPCS, CDT; other qualifiers skipped', () => {
    const codes: [string, string, boolean][] = [
      ['HC', '43214', true],
      ['HC', '1234F', true],
      ['HC', '0042T', true],
      ['HC', '0001U', true],
      ['HC', 'J1100', true],
      ['HC', 'V2020', true],
      ['HC', 'D0120', true],
      ['HC', '4321', false],
      ['HC', '432145', false],
      ['HC', 'W1234', false],
      ['HC', 'j1100', false],
      ['HC', '1234X', false],
      ['AD', 'D0120', true],
      ['AD', '99213', false],
      ['N4', '00002143380', true],
      ['ER', 'ANYTHING', true],
      ['IV', 'X', true],
    ];
    const segments: SegmentSpec[] = [clm(String(codes.length))];
    codes.forEach(([qualifier, code], i) => segments.push(['LX', String(i + 1)], ['SV1', [qualifier, code], '1', 'UN', '1']));
    const text = write(segments);
    const doc = parseX12(text);
    const flagged = doc.findings.filter((f) => f.rule === 'x12.procedure-code-invalid');
    // A value that does not read as a code (432145: six digits in a row, as an id has) is not in
    // the finding's codes, which JSON and SARIF reports print (README "Health information").
    assert.deepEqual(flagged.map((f) => f.codes), codes.filter(([, , ok]) => !ok).map(([, code]) => (code === '432145' ? undefined : [code])));
    assert.ok(flagged.every((f) => f.severity === 'warning'));
    assert.deepEqual(flagged.map((f) => slice(text, f.span)), codes.filter(([, , ok]) => !ok).map(([, code]) => code));
    assert.equal(rulesOf(doc.findings).length, flagged.length);
  });

  it('a composite written with another component separator than ISA16', () => {
    const text = write([clm('10'), ['LX', '1'], ['SV1', 'HC>99213', '10', 'UN', '1']]);
    const doc = parseX12(text);
    assert.deepEqual(rulesOf(doc.findings), ['x12.procedure-code-invalid']);
    assert.match(doc.findings[0]!.message, /no component separator ':'/);
  });

  it('messages carry no names or member/claim ids', () => {
    const text = write([
      clm('999'),
      ['DTP', '472', 'D8', '2024'],
      ['LX', '2'],
      sv1('ABC', 'x'),
      ['NM1', 'IL', '1', 'SECRETNAME', 'JANE', '', '', '', 'MI', 'M123SECRET'],
    ]).replace(/SE\*\d+\*/, 'SE*1*');
    const doc = parseX12(text);
    assert.ok(doc.findings.length >= 5);
    for (const f of doc.findings) {
      for (const phi of ['DOE', 'JANE', 'M000001', 'SECRETNAME', 'M123SECRET', 'C1']) {
        assert.ok(!f.message.includes(phi), `${f.rule}: ${f.message}`);
      }
    }
  });
});

describe('documents cut anywhere', () => {
  const { text } = writeX12(
    [
      { id: 'C000001', date: day(20240101), lines: [{ code: '43214', modifiers: ['59'], charge: '10' }, { code: '43200', charge: '20', date: { from: 20240101, to: 20240102 } }] },
      { id: 'C000002', patientId: 'P000001', lines: [{ code: '99213', charge: '30' }] },
    ],
    { lineEnding: '\n' },
  );

  it('never throws, keeps spans in bounds, and yields every claim whose CLM has begun', () => {
    for (let cut = 0; cut <= text.length; cut++) {
      const part = text.slice(0, cut);
      const doc = parseX12(part);
      const begun = (part.match(/\nCLM(\*|$)/g) ?? []).length;
      assert.equal(doc.claims.length, begun, `cut at ${cut}`);
      for (const claim of doc.claims) {
        assert.ok(claim.span.end <= part.length);
        for (const line of claim.lines) {
          for (const span of [line.span, line.codeSpan, line.recordSpan, line.chargeSpan, line.dateSpan, line.lineNumberSpan]) {
            if (span) assert.ok(span.start <= span.end && span.end <= part.length, `cut at ${cut}`);
          }
          assert.equal(part.slice(line.codeSpan.start, line.codeSpan.end), line.code);
        }
      }
      for (const f of doc.findings) assert.ok(f.span.end <= part.length);
    }
  });

  it('the full document is clean', () => {
    assert.deepEqual(parseX12(text).findings, []);
  });
});
