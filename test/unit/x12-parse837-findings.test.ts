// The 837 reader's findings (envelope, claim and line) and documents cut anywhere.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseX12 } from '../../server/src/core/x12/index';
import { writeTransactions, writeX12, type SegmentSpec } from './helpers/x12-writer';
import { bodyWith, day, rulesOf, slice, SUBSCRIBER } from './helpers/x12-parse';

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

  it('negative charges (found in an EDI analyst\'s review: the guides want zero or more)', () => {
    const text = write([clm('-50'), ['LX', '1'], sv1('99213', '-50')]);
    const doc = parseX12(text);
    assert.deepEqual(doc.findings.map((f) => [f.rule, slice(text, f.span), f.message]), [
      ['x12.amount-invalid', '-50', 'CLM02 (total claim charge) is negative: a claim\'s total charge is zero or more (to take back a claim, send a void or a replacement)'],
      ['x12.amount-invalid', '-50', 'SV1-02 (line charge) is negative: a line\'s charge is zero or more'],
    ]);
    assert.deepEqual(parseX12(write([clm('0'), ['LX', '1'], sv1('99213', '0')])).findings, [], 'zero is a charge');
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
