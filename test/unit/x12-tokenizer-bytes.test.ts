// Property: the tokenizer reads the bytes of ASCII text (the CLI's blocks, source.ts) into the
// same segment table as the text itself, for well-formed and malformed input alike: headers
// padded or not, broken ones, notes before them, line breaks and other gaps, empty segments,
// long ids, a text that ends without a terminator; and for a piece that continues an interchange.

import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { tokenize, TokenizerScratch, type SegmentTable, type TokenizeOptions } from '../../server/src/core/x12/tokenizer';
import { latin1 } from '../../server/src/core/x12/source';
import { writeX12 } from './helpers/x12-writer';

const PADDED = 'ISA*00*          *00*          *ZZ*SUBMITTER01    *ZZ*RECEIVER01     *240115*1200*^*00501*000000001*0*T*:~';
const UNPADDED = 'ISA*00**00**ZZ*S*ZZ*R*240115*1200*^*00501*1*0*T*:~';
const OTHER_DELIMITERS = 'ISA|00|          |00|          |ZZ|SUBMITTER01    |ZZ|RECEIVER01     |240115|1200|^|00501|000000001|0|T|>\n';

const part = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('HL*1**20*1', 'CLM*C1*10.00***11:B:1', 'LX*1', 'SV1*HC:99213*10*UN*1', 'DTP*472*D8*20240101', 'NM1*IL*1*DOE', 'ST*837*0001', 'SE*5*0001', 'N3*A', 'ABCD*1', 'X', '*A', '') },
  { weight: 2, arbitrary: fc.constantFrom(PADDED, UNPADDED, OTHER_DELIMITERS, 'ISA*00*', 'ISA*00~', 'ISA', 'IS', 'ISA00*') },
  { weight: 3, arbitrary: fc.constantFrom('~', '~\n', '~\r\n', '\n', '\r\n', ' ', '\t', '\u0000', '\u001a', '|', '>', ':', '^', '*', '~~~') },
  // DEL and the like beside a terminator: a byte one above it is what the four-at-a-time search could take for one.
  { weight: 2, arbitrary: fc.string({ unit: fc.constantFrom('A', 'I', 'S', '1', '*', '~', ':', '\n', ' ', '|', '\u007f', '\u000b', '}', '?'), maxLength: 20 }) },
);
const document = fc.array(part, { maxLength: 40 }).map((parts) => parts.join(''));

function plain(table: SegmentTable): unknown {
  return {
    text: table.text,
    segmentCount: table.segmentCount,
    segmentStart: [...table.segmentStart],
    segmentEnd: [...table.segmentEnd],
    segmentCode: [...table.segmentCode],
    trailingEnd: table.trailingEnd,
    delimiterRuns: table.delimiterRuns,
    findings: table.findings,
  };
}

function bytesOf(text: string): Uint8Array {
  return Uint8Array.from(text, (c) => c.charCodeAt(0));
}

function agree(text: string, options: TokenizeOptions = {}): void {
  const fromText = plain(tokenize(text, { ...options, scratch: new TokenizerScratch() }));
  assert.deepEqual(plain(tokenize(bytesOf(text), { ...options, scratch: new TokenizerScratch() })), fromText);
  assert.deepEqual(plain(tokenize(bytesOf(text), options)), plain(tokenize(text, options)));
}

describe('the tokenizer over bytes', () => {
  it('gives the table the text gives, for generated and malformed documents', () => {
    fc.assert(
      fc.property(document, (text) => agree(text)),
      { numRuns: 3000 },
    );
  });

  it('gives the same table for a piece that continues an interchange, and one whose last segment is cut short', () => {
    const delimiters = { element: '*', component: ':', repetition: '^', segment: '~' };
    fc.assert(
      fc.property(document, fc.nat(60), (text, leftOut) => {
        agree(text, { continuing: delimiters });
        agree(text, { continuing: delimiters, leftOut: Math.min(leftOut, text.length) });
      }),
      { numRuns: 2000 },
    );
  });

  it('agrees on a written 837 with and without line breaks', () => {
    const claims = [{ id: 'C1', date: { from: 20260310, to: 20260310 }, lines: [{ code: '43214', charge: '1.00' }, { code: '43200', charge: '1.00' }] }];
    const text = writeX12(claims).text;
    agree(text);
    agree(text.replaceAll('~', '~\r\n'));
  });

  it('decodes a byte table\'s text when it is asked for', () => {
    const bytes = bytesOf(PADDED + 'ST*837*1~');
    const table = tokenize(bytes);
    assert.equal(table.source, bytes);
    assert.equal(table.text, latin1(bytes));
  });
});
