// Issue 15 item 10: "Segment a value that is not a code is outside a transaction set". Values
// that messages must not quote are described instead ("a value that is not a code", "an empty
// value"); every message template of the X12 reader and the CSV reader must read as a sentence
// whichever of those it gets.

import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import type { Finding } from '../../server/src/core/model';
import { parseCsv } from '../../server/src/core/csv/index';
import { parseX12 } from '../../server/src/core/x12/index';
import { parseDateValue, procedureCodeProblem } from '../../server/src/core/x12/values';
import { claimSegments, writeTransactions, writeX12, type SegmentSpec } from './helpers/x12-writer';
import { SUBSCRIBER } from './helpers/x12-parse';

const write = (segments: SegmentSpec[]) => writeTransactions([[...claimSegments([]), ...SUBSCRIBER, ...segments]]).text;
const clm = (total: string): SegmentSpec => ['CLM', 'C1', total, '', '', ['11', 'B', '1'], 'Y', 'A', 'Y', 'Y'];

/** What a described value must never be followed or preceded by: it is a noun phrase, not a name. */
function assertReads(message: string): void {
  assert.doesNotMatch(message, /(a value that is not a (code|number)|an empty value) (is|has|but|are)\b/, message);
  assert.doesNotMatch(message, /(Segment|qualifier|code|is|LX01) (a value that is not|an empty value)/, message);
  assert.doesNotMatch(message, /''/, message);
  assert.doesNotMatch(message, /\.\.\.\./, message);
  assert.doesNotMatch(message, /  /, message);
}

const messages = (findings: Finding[]) => findings.map((f) => f.message);

describe('X12 messages with values that are not shown', () => {
  const base = writeX12([{ id: 'C1', lines: [{ code: '99213', charge: '10' }] }], { lineEnding: '\n' }).text;

  it('a segment outside a transaction set, whatever its id', () => {
    const named = parseX12(base.replace('GE*1*1~', 'NTE*ADD*NOTE~GE*1*1~'));
    assert.deepEqual(messages(named.findings), ['Segment NTE is outside a transaction set: segments must sit between ST and SE']);
    const unnamed = parseX12(base.replace('GE*1*1~', 'N#E*ADD*NOTE~GE*1*1~'));
    assert.deepEqual(messages(unnamed.findings), ['A segment whose id is not a segment id is outside a transaction set: segments must sit between ST and SE']);
    const empty = parseX12(base.replace('GE*1*1~', '*ADD*NOTE~GE*1*1~'));
    assert.deepEqual(messages(empty.findings), ['A segment without an id is outside a transaction set: segments must sit between ST and SE']);
  });

  it('procedure composites, dates, line numbers and control numbers', () => {
    const cases: [SegmentSpec[], string][] = [
      [[clm('10'), ['LX', '1'], ['SV1', ['H#'], '10', 'UN', '1']], 'SV1-01 has a qualifier that is not a code and no procedure code'],
      [[clm('10'), ['LX', '1'], ['SV1', ['HC'], '10', 'UN', '1']], "SV1-01 has qualifier 'HC' but no procedure code"],
      [
        [clm('10'), ['LX', '1'], ['SV1', 'H#C99213', '10', 'UN', '1']],
        "SV1-01 has no procedure code: it contains no component separator ':' (ISA16) after its qualifier; the file may use another component separator than ISA16 declares",
      ],
      [[clm('10'), ['LX', '1'], ['SV1', ['HC', '43#14'], '10', 'UN', '1']], 'SV1-01: expected a CPT code (5 digits, or 4 digits and F, T, U, M or A) or a HCPCS code (a letter A-V and 4 digits) after qualifier HC, found a value that is not a code'],
      [[clm('10'), ['LX', '1'], ['SV1', ['HC', '4321'], '10', 'UN', '1']], "SV1-01: expected a CPT code (5 digits, or 4 digits and F, T, U, M or A) or a HCPCS code (a letter A-V and 4 digits) after qualifier HC, found '4321'"],
      [[clm('10'), ['DTP', '472', 'X#', '20240101'], ['LX', '1'], ['SV1', ['HC', '99213'], '10', 'UN', '1']], 'DTP*472: expected date format D8 or RD8 in DTP02, found a value that is not a code'],
      [[clm('10'), ['DTP', '472', '', '20240101'], ['LX', '1'], ['SV1', ['HC', '99213'], '10', 'UN', '1']], 'DTP*472: expected date format D8 or RD8 in DTP02, found an empty value'],
      [[clm('10'), ['LX', 'A#'], ['SV1', ['HC', '99213'], '10', 'UN', '1']], 'LX01 should be 1 (service lines are numbered 1, 2, 3... within a claim), found a value that is not a number'],
      [[clm('10'), ['LX', '3'], ['SV1', ['HC', '99213'], '10', 'UN', '1']], "LX01 should be 1 (service lines are numbered 1, 2, 3... within a claim), found '3'"],
    ];
    for (const [segments, expected] of cases) {
      const found = messages(parseX12(write(segments)).findings);
      assert.deepEqual(found, [expected]);
      found.forEach(assertReads);
    }
  });

  it('empty control numbers', () => {
    const emptySe02 = parseX12(base.replace(/SE\*(\d+)\*0001/, 'SE*$1*'));
    assert.deepEqual(messages(emptySe02.findings), ["SE02 is empty, but ST02 is '0001': the control numbers must match"]);
    const emptySt02 = parseX12(base.replace('ST*837*0001*', 'ST*837**').replace(/SE\*\d+\*0001~\n/, ''));
    assert.deepEqual(messages(emptySt02.findings), ['ST (with no control number) has no SE before GE']);
    messages(emptySe02.findings).concat(messages(emptySt02.findings)).forEach(assertReads);
  });

  it('values.ts on its own', () => {
    for (const format of ['', 'X#', 'DT']) {
      const parsed = parseDateValue(format, '20240101');
      assert.equal(parsed.ok, false);
      if (!parsed.ok) assertReads(`DTP*472: ${parsed.problem}`);
    }
    for (const code of ['', '43#14', 'ABC']) assertReads(`SV1-01: ${procedureCodeProblem('HC', code)}`);
  });
});

describe('CSV messages', () => {
  it('a short row names at most five missing columns and says how many more', () => {
    const header = 'Claim,CPT,A,B,C,D,E,F,G';
    const doc = parseCsv(`${header}\nX,99213\n`);
    assert.deepEqual(messages(doc.findings), ['Line 2 has 2 fields but the header has 9; missing "A", "B", "C", "D", "E" and 2 more.']);
    const few = parseCsv('Claim,CPT,A,B\nX,99213\n');
    assert.deepEqual(messages(few.findings), ['Line 2 has 2 fields but the header has 4; missing "A" and "B".']);
  });

  it('a malformed code names every code set in the same form', () => {
    const doc = parseCsv('Claim,CPT\nX,9921\n');
    assert.deepEqual(messages(doc.findings), [
      'Line 2: the value in column "CPT" is not a well-formed procedure code; expected a CPT code (5 digits, or 4 digits and F, T, U, M or A), a HCPCS code (a letter A-V and 4 digits) or a CDT code (D and 4 digits).',
    ]);
  });
});
