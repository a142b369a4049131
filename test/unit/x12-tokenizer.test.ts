import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { looksLikeX12, parseX12, readIsaHeader, segmentIdCode, tokenize } from '../../server/src/core/x12/index';
import { writeX12, writeTransactions, type WriterClaim, type WriterOptions } from './helpers/x12-writer';

const ONE_CLAIM: WriterClaim[] = [
  { id: 'C000001', lines: [{ code: '43214', modifiers: ['59'], charge: '100', date: { from: 20240105, to: 20240105 } }] },
];

/** Ids of all segments, for compact assertions. */
function ids(text: string): string[] {
  const doc = parseX12(text);
  const out: string[] = [];
  for (let i = 0; i < doc.x12.segmentCount; i++) out.push(doc.x12.segmentId(i));
  return out;
}

function rules(text: string): string[] {
  return parseX12(text).findings.map((f) => f.rule);
}

const EXPECTED_IDS = [
  'ISA', 'GS', 'ST', 'BHT', 'NM1', 'PER', 'NM1', 'HL', 'NM1', 'N3', 'N4', 'REF',
  'HL', 'SBR', 'NM1', 'N3', 'N4', 'DMG', 'NM1', 'CLM', 'HI', 'LX', 'SV1', 'DTP', 'SE', 'GE', 'IEA',
];
/** The 4010 guides want the transmission type (REF*87) after the BHT. */
const EXPECTED_IDS_4010 = [...EXPECTED_IDS.slice(0, 4), 'REF', ...EXPECTED_IDS.slice(4)];

describe('x12 tokenizer: delimiters from the ISA', () => {
  const sets: { name: string; options: WriterOptions; expected: { element: string; component: string; repetition: string | null; segment: string } }[] = [
    { name: '* : ~', options: {}, expected: { element: '*', component: ':', repetition: '^', segment: '~' } },
    { name: '| ^ ~', options: { delimiters: { element: '|', component: '^', repetition: '{' } }, expected: { element: '|', component: '^', repetition: '{', segment: '~' } },
    { name: '| > ~', options: { delimiters: { element: '|', component: '>' } }, expected: { element: '|', component: '>', repetition: '^', segment: '~' } },
    { name: 'newline terminator', options: { delimiters: { segment: '\n' } }, expected: { element: '*', component: ':', repetition: '^', segment: '\n' } },
    { name: "' terminator", options: { delimiters: { segment: "'", element: '+' } }, expected: { element: '+', component: ':', repetition: '^', segment: "'" } },
    { name: '4010 U', options: { version: '4010' }, expected: { element: '*', component: ':', repetition: null, segment: '~' } },
  ];
  for (const { name, options, expected } of sets) {
    it(`reads ${name}`, () => {
      const { text } = writeX12(ONE_CLAIM, options);
      const doc = parseX12(text);
      assert.deepEqual(doc.interchanges[0]!.delimiters, expected);
      assert.deepEqual(ids(text), options.version === '4010' ? EXPECTED_IDS_4010 : EXPECTED_IDS);
      assert.deepEqual(doc.findings, []);
      assert.equal(doc.claims.length, 1);
      assert.equal(doc.claims[0]!.lines[0]!.code, '43214');
      assert.deepEqual(doc.claims[0]!.lines[0]!.modifiers.map((m) => m.value), ['59']);
    });
  }

  it('reads the header directly (fixed width and unpadded)', () => {
    const padded = writeX12(ONE_CLAIM).text;
    const header = readIsaHeader(padded, 0);
    assert.ok('delimiters' in header);
    assert.equal(header.fixedWidth, true);
    assert.equal(header.terminatorOffset, 105);
    const unpadded = writeX12(ONE_CLAIM, { padIsa: false }).text;
    const header2 = readIsaHeader(unpadded, 0);
    assert.ok('delimiters' in header2);
    assert.equal(header2.fixedWidth, false);
    assert.equal(unpadded[header2.terminatorOffset], '~');
  });
});

describe('x12 tokenizer: line endings and leading text', () => {
  for (const [name, lineEnding] of [['none', ''], ['LF', '\n'], ['CRLF', '\r\n'], ['CR', '\r']] as const) {
    it(`tolerates ${name} after terminators, and full spans include it`, () => {
      const { text } = writeX12(ONE_CLAIM, { lineEnding });
      const doc = parseX12(text);
      assert.deepEqual(ids(text), EXPECTED_IDS);
      assert.deepEqual(doc.findings, []);
      const ix = doc.x12;
      for (let i = 0; i < ix.segmentCount; i++) {
        const span = ix.segmentSpan(i);
        const full = ix.segmentFullSpan(i);
        assert.equal(text[span.end], '~');
        assert.equal(text.slice(span.end + 1, full.end), lineEnding);
        assert.ok(!text.slice(span.start, span.end).includes('\n'));
      }
      const line = doc.claims[0]!.lines[0]!;
      assert.ok(text.slice(line.span.start, line.span.end).endsWith('~' + lineEnding));
    });
  }

  it('reads a newline used as the terminator, with CR before it (CR becomes the terminator)', () => {
    const lf = writeX12(ONE_CLAIM, { delimiters: { segment: '\n' } }).text;
    assert.deepEqual(parseX12(lf).findings, []);
    const crlf = writeX12(ONE_CLAIM, { delimiters: { segment: '\r' }, lineEnding: '\n' }).text;
    const doc = parseX12(crlf);
    assert.equal(doc.interchanges[0]!.delimiters.segment, '\r');
    assert.deepEqual(ids(crlf), EXPECTED_IDS);
    assert.deepEqual(doc.findings, []);
  });

  it('skips a BOM and whitespace before the ISA', () => {
    for (const prefix of ['\uFEFF', '  \n\t', '\uFEFF\r\n  ']) {
      const { text } = writeX12(ONE_CLAIM, { prefix, lineEnding: '\n' });
      const doc = parseX12(text);
      assert.deepEqual(doc.findings, [], JSON.stringify(prefix));
      assert.equal(doc.x12.segmentSpan(0).start, prefix.length);
      assert.equal(doc.claims.length, 1);
      assert.equal(looksLikeX12(text), true);
    }
  });

  it('ignores NUL and a DOS end-of-file mark after the last segment', () => {
    const { text } = writeX12(ONE_CLAIM, { lineEnding: '\r\n' });
    const doc = parseX12(text + '\u001a\u0000');
    assert.deepEqual(doc.findings, []);
    assert.equal(doc.x12.segmentFullSpan(doc.x12.segmentCount - 1).end, text.length + 2);
  });

  it('accepts a TA1 between ISA and GS', () => {
    const { text } = writeX12(ONE_CLAIM);
    const withTa1 = text.replace('~GS*', '~TA1*000000001*240115*1200*A*000~GS*');
    assert.deepEqual(parseX12(withTa1).findings, []);
  });

  it('reads an ISA that starts a later line, with a warning for the text before it', () => {
    const { text } = writeX12(ONE_CLAIM, { prefix: 'Example 1 - a note\n\n', lineEnding: '\n' });
    const doc = parseX12(text);
    assert.deepEqual(doc.findings.map((f) => f.rule), ['x12.text-before-isa']);
    assert.deepEqual(doc.findings[0]!.span, { start: 0, end: 'Example 1 - a note'.length });
    assert.equal(doc.claims.length, 1);
  });

  it('reads unpadded ISA fields by splitting, with a width warning', () => {
    const { text } = writeX12(ONE_CLAIM, { padIsa: false, delimiters: { element: '|', component: '>' }, lineEnding: '\r\n' });
    const doc = parseX12(text);
    assert.deepEqual(doc.findings.map((f) => f.rule), ['x12.isa-width']);
    assert.equal(doc.findings[0]!.severity, 'warning');
    assert.deepEqual(doc.interchanges[0]!.delimiters, { element: '|', component: '>', repetition: '^', segment: '~' });
    assert.equal(doc.claims[0]!.lines[0]!.code, '43214');
  });
});

describe('x12 tokenizer: unusable headers', () => {
  it('reports a missing ISA at the start and yields no claims', () => {
    const body = writeX12(ONE_CLAIM, { lineEnding: '\n' }).text.split('\n').slice(1).join('\n');
    const doc = parseX12(body);
    assert.deepEqual(doc.findings.map((f) => f.rule), ['x12.isa-missing']);
    assert.equal(doc.findings[0]!.span.start, 0);
    assert.equal(doc.claims.length, 0);
    assert.equal(doc.x12.segmentCount, 0);
  });

  it('reports an empty document', () => {
    for (const text of ['', '   \n', '\uFEFF']) {
      const doc = parseX12(text);
      assert.deepEqual(doc.findings.map((f) => f.rule), ['x12.isa-missing']);
      assert.equal(doc.claims.length, 0);
    }
  });

  it('reports a header cut short as malformed', () => {
    const { text } = writeX12(ONE_CLAIM);
    for (const cut of [4, 20, 60, 100, 104]) {
      const doc = parseX12(text.slice(0, cut));
      assert.deepEqual(doc.findings.map((f) => f.rule), ['x12.isa-malformed'], `cut at ${cut}`);
      assert.equal(doc.claims.length, 0);
    }
  });

  it('reports a header whose delimiters clash', () => {
    const { text } = writeX12(ONE_CLAIM);
    const clash = text.slice(0, 104) + '*' + text.slice(105);
    assert.deepEqual(rules(clash), ['x12.isa-malformed']);
  });

  it('looksLikeX12 spots ISA (and bare GS/ST fragments), not CSV', () => {
    assert.equal(looksLikeX12('ISA*00*'), true);
    assert.equal(looksLikeX12('\uFEFF  ISA|00|'), true);
    assert.equal(looksLikeX12('GS*HC*A*B~'), true);
    assert.equal(looksLikeX12('claim_id,code\nC1,43214\n'), false);
    assert.equal(looksLikeX12('ISAAC,NEWTON'), false);
    assert.equal(looksLikeX12(''), false);
  });
});

describe('x12 tokenizer: several interchanges', () => {
  it('switches delimiters per interchange', () => {
    const first = writeX12(ONE_CLAIM, { lineEnding: '\n' }).text;
    const second = writeX12([{ id: 'C000002', lines: [{ code: '99213', charge: '50' }] }], {
      delimiters: { element: '|', component: '>', segment: "'" },
      lineEnding: '\r\n',
    }).text;
    const text = first + second;
    const doc = parseX12(text);
    assert.deepEqual(doc.findings, []);
    assert.equal(doc.interchanges.length, 2);
    assert.equal(doc.interchanges[1]!.delimiters.element, '|');
    assert.deepEqual(doc.claims.map((c) => c.lines[0]!.code), ['43214', '99213']);
    const isa2 = ids(text).lastIndexOf('ISA');
    assert.equal(doc.x12.delimitersOf(isa2 - 1).element, '*');
    assert.equal(doc.x12.delimitersOf(isa2).element, '|');
    assert.equal(doc.interchanges[1]!.span.start, first.length);
    assert.equal(doc.interchanges[0]!.span.end, first.length);
  });

  it('keeps the previous delimiters after a malformed second ISA', () => {
    const first = writeX12(ONE_CLAIM).text;
    const doc = parseX12(first + 'ISA*00*   ~');
    assert.ok(doc.findings.some((f) => f.rule === 'x12.isa-malformed'));
    assert.equal(doc.claims.length, 1);
  });
});

describe('x12 index: elements and segments', () => {
  const { text } = writeTransactions([[['BHT', '0019'], ['SV1', ['HC', '43214', '59'], '100', 'UN', '1']]], { lineEnding: '\r\n' });
  const doc = parseX12(text);
  const ix = doc.x12;
  const sv1 = ids(text).indexOf('SV1');

  it('gives element spans (0 is the id)', () => {
    const spans = ix.elementSpans(sv1);
    assert.deepEqual(spans.map((s) => text.slice(s.start, s.end)), ['SV1', 'HC:43214:59', '100', 'UN', '1']);
  });

  it('finds the segment at an offset, including its terminator, and -1 in line breaks', () => {
    const span = ix.segmentSpan(sv1);
    assert.equal(ix.segmentAt(span.start), sv1);
    assert.equal(ix.segmentAt(span.end - 1), sv1);
    assert.equal(ix.segmentAt(span.end), sv1);
    assert.equal(text.slice(span.end + 1, span.end + 3), '\r\n');
    assert.equal(ix.segmentAt(span.end + 1), -1);
    assert.equal(ix.segmentAt(span.end + 3), sv1 + 1);
    assert.equal(ix.segmentAt(text.length + 5), -1);
  });

  it('tokenize() exposes the raw tables', () => {
    const table = tokenize(text);
    assert.equal(table.segmentCount, ix.segmentCount);
    assert.equal(table.segmentStart[0], 0);
    assert.equal(table.segmentEnd[0], 105);
    assert.equal(table.segmentCode[0], segmentIdCode('ISA'));
    assert.equal(table.segmentCode[1], segmentIdCode('GS'));
    assert.equal(ix.elementCount(0), 16);
    assert.equal(table.delimiterRuns.length, 1);
  });

  it('reads each id as written: without elements, too long, empty, or not letters', () => {
    const header = writeTransactions([]).text.split('~')[0]! + '~';
    const table = tokenize(`${header}LX~ABCD*1~~PER*X~N1*A*B~`);
    const codes = [...table.segmentCode.subarray(1, table.segmentCount)];
    assert.deepEqual(codes, [segmentIdCode('LX'), 0, 0, segmentIdCode('PER'), segmentIdCode('N1')]);
    const ix = parseX12(`${header}N1*A*B~`).x12;
    assert.deepEqual([ix.elementCount(1), ix.value(1, 1), ix.value(1, 2), ix.value(1, 3)], [2, 'A', 'B', null]);
  });

  it('reads a segment id without splitting the rest of the segment (no element table for a long segment)', () => {
    const header = writeTransactions([]).text.split('~')[0]! + '~';
    const ix = parseX12(`${header}NTE${'*A'.repeat(100_000)}~N3*B~`).x12;
    assert.equal(ix.segmentId(1), 'NTE');
    const starts = () => (ix as unknown as { elements: { starts: Int32Array } }).elements.starts.length;
    assert.ok(starts() <= 34, `element starts kept: ${starts()}`);
    assert.equal(ix.segmentId(2), 'N3');
    assert.equal(ix.elementCount(1), 100_000, 'still split when its elements are asked for');
    assert.equal(ix.segmentId(1), 'NTE');
  });

  it('gives no id code to an id with a character past ASCII (which would otherwise pack like an ASCII one)', () => {
    const header = writeTransactions([]).text.split('~')[0]! + '~';
    // U+00C8 is 'H' + 128, U+00CC 'L' + 128: packed to 7 bits each they were read as HL and CLM.
    const table = tokenize(`${header}\u00C8L*1~C\u00CCM*A~HL*1~`);
    assert.deepEqual([...table.segmentCode.subarray(1, table.segmentCount)], [0, 0, segmentIdCode('HL')]);
  });
});

describe('x12 index: locate()', () => {
  const { text } = writeTransactions([[['SV1', ['HC', '43214', '59', 'XS'], '100', 'UN', '1', '', '', ['1', '2']], ['REF', 'EI', 'A^B']]]);
  const ix = parseX12(text).x12;
  const at = (needle: string, delta = 0) => {
    const i = text.indexOf(needle);
    assert.ok(i >= 0, needle);
    return i + delta;
  };

  it('on a segment id', () => {
    const pos = ix.locate(at('SV1*', 1))!;
    assert.equal(pos.segmentId, 'SV1');
    assert.equal(pos.elementIndex, 0);
    assert.equal(pos.componentIndex, 0);
    assert.equal(text.slice(pos.span.start, pos.span.end), 'SV1');
    assert.equal(pos.delimiter, undefined);
  });

  it('on components of a composite', () => {
    const code = ix.locate(at('43214', 2))!;
    assert.equal(code.elementIndex, 1);
    assert.equal(code.componentIndex, 2);
    assert.equal(text.slice(code.span.start, code.span.end), '43214');
    const qualifier = ix.locate(at('HC:43214'))!;
    assert.equal(qualifier.componentIndex, 1);
    assert.equal(text.slice(qualifier.span.start, qualifier.span.end), 'HC');
    const modifier = ix.locate(at(':XS', 2))!;
    assert.equal(modifier.componentIndex, 4);
    assert.equal(text.slice(modifier.span.start, modifier.span.end), 'XS');
  });

  it('on a simple element', () => {
    const charge = ix.locate(at('*100*', 2))!;
    assert.equal(charge.elementIndex, 2);
    assert.equal(charge.componentIndex, 0);
    assert.equal(text.slice(charge.span.start, charge.span.end), '100');
  });

  it('on each kind of delimiter', () => {
    const element = ix.locate(at('SV1*', 3))!;
    assert.equal(element.delimiter, 'element');
    assert.equal(element.elementIndex, 1);
    assert.deepEqual(element.span, { start: at('SV1*', 3), end: at('SV1*', 4) });
    const component = ix.locate(at('HC:', 2))!;
    assert.equal(component.delimiter, 'component');
    assert.equal(component.elementIndex, 1);
    assert.equal(component.componentIndex, 2);
    const repetition = ix.locate(at('A^B', 1))!;
    assert.equal(repetition.delimiter, 'repetition');
    assert.equal(repetition.segmentId, 'REF');
    const segment = ix.locate(at('*1:2~', 4))!;
    assert.equal(segment.delimiter, 'segment');
    assert.equal(segment.segmentId, 'SV1');
    assert.equal(segment.elementIndex, 7);
    assert.deepEqual(segment.delimiters, { element: '*', component: ':', repetition: '^', segment: '~' });
  });

  it('on an empty element (between two separators)', () => {
    const i = at('*1**', 3);
    const pos = ix.locate(i)!;
    assert.equal(pos.delimiter, 'element');
    assert.equal(pos.elementIndex, 6);
  });

  it('in the ISA, whose fields hold the delimiters as values', () => {
    const isa16 = ix.locate(104)!;
    assert.equal(isa16.segmentId, 'ISA');
    assert.equal(isa16.elementIndex, 16);
    assert.equal(isa16.delimiter, undefined);
    assert.equal(text.slice(isa16.span.start, isa16.span.end), ':');
    const isa11 = ix.locate(82)!;
    assert.equal(isa11.elementIndex, 11);
    assert.equal(isa11.delimiter, undefined);
  });

  it('returns null outside segments', () => {
    const bom = parseX12('\uFEFF' + text).x12;
    assert.equal(bom.locate(0), null);
    assert.equal(bom.locate(1)!.segmentId, 'ISA');
  });
});

describe('x12 segment index: elements found on demand', () => {
  it('gives every element start, end and count as a full split does, in any order of questions', () => {
    const header = writeX12(ONE_CLAIM).text.slice(0, 106);
    const piece = fc.constantFrom('*', '**', '~', 'AB', 'LX', 'CLM', 'x', ':', '\n', '12');
    // Questions answered and checked (a run may ask none).
    let asked = 0;
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 80 }), fc.array(fc.tuple(fc.nat(), fc.integer({ min: -1, max: 12 }), fc.nat(3))), (pieces, questions) => {
        const text = header + pieces.join('');
        const doc = parseX12(text);
        const ix = doc.x12;
        const table = ix.table;
        // Questions in any order, after the ones the parser asked.
        for (const [segmentPick, k, what] of questions) {
          if (table.segmentCount === 0) return;
          const i = segmentPick % table.segmentCount;
          const start = table.segmentStart[i]!;
          const end = table.segmentEnd[i]!;
          const separator = ix.delimitersOf(i).element;
          const parts = text.slice(start, end).split(separator);
          const starts: number[] = [start];
          for (let p = 1; p < parts.length; p++) starts.push(starts[p - 1]! + parts[p - 1]!.length + 1);
          const count = parts.length - 1;
          if (what === 0) assert.equal(ix.elementCount(i), count);
          else if (what === 1) assert.equal(ix.elementStartOf(i, k), k < 0 || k > count ? -1 : starts[k]!);
          else if (what === 2) assert.equal(ix.elementEnd(i, k), k < 0 || k > count ? -1 : starts[k]! + parts[k]!.length);
          else assert.equal(ix.value(i, k), k < 0 || k > count ? null : parts[k]!);
          asked++;
        }
      }),
      { numRuns: 1000 },
    );
    assert.ok(asked >= 1000, `${asked} questions checked in 1000 runs`);
  });
});
