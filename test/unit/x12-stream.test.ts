// An 837 read in pieces (X12Stream, what the CLI does with big files) gives exactly the findings,
// claims and service lines of one analysis of the whole text, wherever the blocks are cut: the
// pieces end before a segment that ends the open claim (HL, CLM, an envelope segment) or before
// any segment while no claim is open, the parser carries its open envelopes and HL context from
// piece to piece, and a long segment no check reads is held by its first characters only.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyze } from '../../server/src/core/analyze';
import type { Finding } from '../../server/src/core/model';
import { X12Stream } from '../../server/src/core/x12/stream';
import { tokenize } from '../../server/src/core/x12/tokenizer';
import { segmentIdCode, X12SegmentIndex } from '../../server/src/core/x12/segment-index';
import { ISA_LOOKAHEAD, isIsaAt } from '../../server/src/core/x12/isa';
import { fuzzKnowledgeWithUnits, mutatedDocumentArb, runParameters, writeX12Scenario, x12ScenarioArb } from '../fuzz/generators';
import { writeTransactions, writeX12 } from './helpers/x12-writer';
import { emptyKnowledge, type Knowledge } from '../../server/src/core/rules/knowledge';
import { emptyMueTables } from '../../server/src/core/rules/mue';
import { AocTable } from '../../server/src/core/rules/aoc';

// The fuzz PTP edits and an MUE table: units findings sit on the units, which a stream must move as it moves the codes.
const knowledge = fuzzKnowledgeWithUnits();

function byPosition(findings: readonly Finding[]): Finding[] {
  return [...findings].sort((a, b) => a.span.start - b.span.start);
}

interface Outcome {
  claims: number;
  serviceLines: number;
  findings: Finding[];
  pieces: number;
  /** Characters of the longest piece the stream read at once. */
  longestPiece: number;
}

/**
 * X12Stream with lower lengths from which a segment is long (its middle left out when the reader
 * reads none of it) and a claim is long (read in pieces cut before its LX segments).
 */
class ShortLimits extends X12Stream {
  constructor(
    protected override longSegment: number,
    protected override longClaim: number,
    guide: boolean,
    codedLinesOnly: boolean,
  ) {
    super(knowledge, undefined, { guide, codedLinesOnly });
  }
}

interface Limits {
  longSegment?: number;
  longClaim?: number;
  /** The guide checks (guideChecks full) in the stream and in the whole analysis. */
  guide?: boolean;
  /** Build only the lines the coding checks can use, as the CLI does (codedLines.ts). */
  codedLinesOnly?: boolean;
}

/**
 * Feeds `text` in blocks of the given sizes (cycled), as the CLI feeds file blocks; with `bytes`,
 * as the bytes of the text (an ASCII text: the CLI hands over its blocks so), each block in a
 * buffer that is written over once it has been fed, as the CLI reuses its block buffer.
 */
function streamed(text: string, blockSizes: readonly number[], longSegment?: number, limits: Limits = {}, bytes = false): Outcome {
  const stream = new ShortLimits(longSegment ?? limits.longSegment ?? 1 << 20, limits.longClaim ?? 1 << 20, limits.guide ?? false, limits.codedLinesOnly ?? false);
  const outcome: Outcome = { claims: 0, serviceLines: 0, findings: [], pieces: 0, longestPiece: 0 };
  const take = (result: ReturnType<X12Stream['feed']>) => {
    outcome.claims += result.claims;
    outcome.serviceLines += result.serviceLines;
    outcome.findings.push(...result.findings);
  };
  let at = 0;
  for (let i = 0; at < text.length; i++) {
    const size = blockSizes[i % blockSizes.length]!;
    const before = outcome.findings.length + outcome.claims;
    if (bytes) {
      const block = Buffer.from(text.slice(at, at + size), 'latin1');
      take(stream.feed(block));
      block.fill(0x7e);
    } else take(stream.feed(text.slice(at, at + size)));
    if (outcome.findings.length + outcome.claims > before) outcome.pieces++;
    at += size;
  }
  take(stream.end());
  outcome.findings = byPosition(outcome.findings);
  outcome.longestPiece = stream.longestPiece;
  return outcome;
}

function whole(text: string, guide = false): Omit<Outcome, 'pieces' | 'longestPiece'> {
  const analysis = analyze(text, knowledge, undefined, undefined, { guideChecks: guide ? 'full' : 'envelope' });
  return {
    claims: analysis.doc.claims.length,
    serviceLines: analysis.doc.claims.reduce((sum, claim) => sum + claim.lines.length, 0),
    findings: byPosition(analysis.findings),
  };
}

function assertSame(text: string, blockSizes: readonly number[], longSegment?: number, limits: Limits = {}): Outcome {
  const expected = whole(text, limits.guide);
  const actual = streamed(text, blockSizes, longSegment, limits);
  assert.equal(actual.claims, expected.claims, 'claims');
  assert.equal(actual.serviceLines, expected.serviceLines, 'service lines');
  assert.deepEqual(actual.findings, expected.findings);
  // The same text fed as its bytes (what the CLI does with an ASCII file) reads the same.
  if (/^[\x00-\x7f]*$/.test(text)) assert.deepEqual(streamed(text, blockSizes, longSegment, limits, true), actual, 'fed as bytes');
  return actual;
}

const blockSizesArb = fc.array(fc.integer({ min: 1, max: 400 }), { minLength: 1, maxLength: 5 });

describe('X12Stream: an 837 in pieces', () => {
  it('reads well-formed documents as one analysis does, for any block sizes', () => {
    fc.assert(
      fc.property(x12ScenarioArb, blockSizesArb, (scenario, sizes) => {
        assertSame(writeX12Scenario(scenario), sizes);
      }),
      runParameters(300, 7101),
    );
  });

  it('reads broken documents (missing trailers, wrong counts, cut headers) as one analysis does', () => {
    fc.assert(
      fc.property(
        mutatedDocumentArb.filter((d) => d.scenario.format === 'x12' && X12Stream.canStream(d.text.slice(0, 200))),
        blockSizesArb,
        (document, sizes) => {
          assertSame(document.text, sizes);
        },
      ),
      runParameters(250, 7102),
    );
  });

  it('reads one transaction set of many claims in pieces, not whole (cuts before CLM and HL)', () => {
    const day = { from: 20260310, to: 20260310 };
    const claims = Array.from({ length: 200 }, (_, i) => ({
      id: `C${i}`,
      patientId: i % 3 === 0 ? `P${i}` : null,
      lines: [{ code: '43214', charge: '100.00', date: day }, { code: '43200', charge: '50.00', date: day }],
    }));
    const text = writeX12(claims, { transactions: 1, lineEnding: '\n' }).text;
    for (const size of [64, 1000, 4096]) {
      const outcome = assertSame(text, [size]);
      assert.ok(outcome.pieces >= Math.min(150, text.length / size / 2), `${outcome.pieces} pieces of a ${text.length}-character set fed in blocks of ${size}`);
      assert.equal(outcome.findings.filter((f) => f.rule === 'ptp.conflict').length, 200);
    }
  });

  it('reads one-set documents as one analysis does, for small blocks', () => {
    const oneSet = x12ScenarioArb.map((s) => ({ ...s, options: { ...s.options, transactions: 1, interchanges: 1 } }));
    fc.assert(
      fc.property(oneSet, fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 4 }), (scenario, sizes) => {
        assertSame(writeX12Scenario(scenario), sizes);
      }),
      runParameters(300, 7103),
    );
  });

  it('reads broken one-set documents as one analysis does, for small blocks', () => {
    const oneSet = mutatedDocumentArb.filter((d) => d.scenario.format === 'x12' && (d.scenario.options as { transactions?: number }).transactions === 1 && X12Stream.canStream(d.text.slice(0, 200)));
    fc.assert(
      fc.property(oneSet, fc.array(fc.integer({ min: 1, max: 60 }), { minLength: 1, maxLength: 4 }), (document, sizes) => {
        assertSame(document.text, sizes);
      }),
      runParameters(300, 7104),
    );
  });

  it('reads runs of empty or one-element segments in pieces of about a block', () => {
    const header = writeX12([{ id: 'C1', lines: [{ code: '43214', charge: '1' }] }]).text.slice(0, 106);
    const group = 'GS*HC*S*R*20260310*1200*1*X*005010X222A1~ST*837*0001*005010X222A1~';
    const texts = {
      'empty segments': header + '~'.repeat(200_000),
      'empty segments with line breaks': header + '~\r\n'.repeat(50_000),
      'one-element segments in a transaction set': header + group + 'N3*A~'.repeat(40_000) + 'SE*40002*0001~GE*1*1~IEA*1*000000001~',
      'segments outside a transaction set': header + 'NTE*A~'.repeat(40_000),
    };
    for (const [name, text] of Object.entries(texts)) {
      const outcome = assertSame(text, [4096]);
      assert.ok(outcome.longestPiece <= 3 * 4096, `${name}: longest piece ${outcome.longestPiece} characters`);
    }
  });

  it('holds only the start of a long segment the reader reads nothing of, wherever it ends', () => {
    const header = writeX12([{ id: 'C1', lines: [{ code: '43214', charge: '1' }] }]).text.slice(0, 106);
    const set = 'GS*HC*S*R*20260310*1200*1*X*005010X222A1~ST*837*0001*005010X222A1~';
    const claim = 'HL*1**20*1~HL*2*1*22*0~NM1*IL*1*DOE*JANE****MI*M1~CLM*C1*1***11:B:1~LX*1~SV1*HC:43214*1*UN*1~DTP*472*D8*20260310~';
    const long = (id: string, unit: string) => id + unit.repeat(Math.ceil(20_000 / unit.length));
    const texts: Record<string, string> = {
      'no terminator to the end': header + set + long('NTE*', 'ABCDEFGHIJ'),
      'a terminator, then claims': header + set + long('NTE*', 'A*B:C') + '~' + claim + 'SE*10*0001~GE*1*1~IEA*1*000000001~',
      'line breaks after it': header + set + long('REF*', 'A') + '~\r\n\n' + claim,
      'outside a transaction set': header + long('NTE*', 'A') + '~' + long('N3*', 'B*') + '~' + set,
      'an id that is no id': header + set + long('', 'ABCDEFGHIJ'),
      'an id past its first characters': header + set + long('', 'A'.repeat(100) + '*') + '~' + claim,
    };
    for (const [name, text] of Object.entries(texts)) {
      for (const size of [1000, 4096, 777]) {
        const outcome = assertSame(text, [size], 300);
        assert.ok(outcome.longestPiece < 6000, `${name}, blocks of ${size}: longest piece ${outcome.longestPiece}`);
      }
    }
    // A long segment the reader reads, or one in a claim, is held whole: still what one analysis reads.
    const read: Record<string, string> = {
      'a long NM1': header + set + claim.replace('NM1*IL*1*DOE', long('NM1*IL*1*', 'DOE')) + 'SE*10*0001~',
      'a long SV1': header + set + claim.replace('SV1*HC:43214*1*UN*1', long('SV1*HC:43214*1*UN*1*', 'A*')) + 'SE*10*0001~',
      'a long segment in a claim': header + set + claim + long('NTE*', 'A') + '~LX*2~SV1*HC:43200*1*UN*1~SE*12*0001~',
      'a long ISA': header + set + '~' + long('ISA*', 'A'),
    };
    for (const [name, text] of Object.entries(read)) {
      const outcome = assertSame(text, [1000], 300);
      assert.ok(outcome.longestPiece > 20_000, `${name}: longest piece ${outcome.longestPiece}`);
    }
  });

  it('reads documents with long segments of any id as one analysis does, for any block sizes', () => {
    const ids = ['NTE', 'REF', 'N3', 'HI', 'PER', 'TA1', 'NM1', 'SV1', 'SV2', 'CLM', 'HL', 'DTP', 'LX', 'ISA', 'ST', 'SE', 'GE', 'IEA', 'X', 'ABCDE', ''];
    const longSegment = fc.record({
      at: fc.double({ min: 0, max: 1, noNaN: true }),
      id: fc.constantFrom(...ids),
      unit: fc.constantFrom('A', '*', ':', 'A*B', ' ', '\n', '^'),
      count: fc.integer({ min: 100, max: 3000 }),
      terminated: fc.boolean(),
    });
    fc.assert(
      fc.property(x12ScenarioArb, fc.array(longSegment, { minLength: 1, maxLength: 3 }), fc.array(fc.integer({ min: 1, max: 700 }), { minLength: 1, maxLength: 4 }), (scenario, longs, sizes) => {
        let text = writeX12Scenario(scenario);
        const terminator = text.charAt(105 + (text.startsWith('\uFEFF') ? 1 : 0));
        for (const long of longs) {
          // Inserted after a terminator, so it starts a segment (ISA header left alone).
          const after = text.indexOf(terminator, 120 + Math.floor(long.at * (text.length - 120)));
          const at = after < 0 ? text.length : after + 1;
          const segment = long.id + (long.id === '' ? '' : scenario.options.delimiters?.element ?? '*') + long.unit.repeat(long.count) + (long.terminated ? terminator : '');
          text = text.slice(0, at) + segment + text.slice(at);
        }
        assertSame(text, sizes, 200);
      }),
      runParameters(300, 7106),
    );
  });

  it('reads a long claim in pieces cut before its LX segments, as one analysis does, with or without the guide checks, building every line or only the coded ones', () => {
    fc.assert(
      fc.property(
        fc.oneof(x12ScenarioArb.map((scenario) => writeX12Scenario(scenario)), mutatedDocumentArb.filter((d) => d.scenario.format === 'x12' && X12Stream.canStream(d.text.slice(0, 200))).map((d) => d.text)),
        blockSizesArb,
        fc.integer({ min: 1, max: 400 }),
        fc.boolean(),
        fc.boolean(),
        (text, sizes, longClaim, guide, codedLinesOnly) => {
          assertSame(text, sizes, undefined, { longClaim, guide, codedLinesOnly });
        },
      ),
      runParameters(300, 7108),
    );
  });

  it('holds at most the start of a long claim and one block at a time, for one claim of thousands of lines', () => {
    const day = { from: 20260310, to: 20260310 };
    const codes = ['43214', '43200', '99213', '20610'];
    const lines = Array.from({ length: 3000 }, (_, i) => ({ code: codes[i % 4]!, charge: '10.00', date: day }));
    // CLM02 one cent off: the sum finding points at the first 100 line charges, read in the first pieces.
    const written = writeX12([{ id: 'HUGE', date: day, lines }], { lineEnding: '\n' }).text;
    const text = written.replace('CLM*HUGE*30000.00*', 'CLM*HUGE*30000.01*');
    assert.notEqual(text, written);
    assert.ok(text.length > 150_000);
    const outcome = assertSame(text, [4096], undefined, { longClaim: 8192 });
    const sum = outcome.findings.find((f) => f.rule === 'x12.clm02-sum');
    assert.equal(sum?.related?.length, 100);
    assert.match(sum.message, /the first 100 line charges are listed/);
    // Cut once the claim has held 8 KB, at the last LX of the 4 KB block that got it there.
    assert.ok(outcome.longestPiece < 8192 + 4096, `longest piece ${outcome.longestPiece} characters`);
    assert.equal(outcome.serviceLines, 3000);
    assert.ok(outcome.findings.some((f) => f.rule === 'ptp.conflict'));
    // The claim is one claim: its CLM02 adds up over all its lines, read in many pieces.
    assert.equal(outcome.claims, 1);
  });

  it('keeps the units of the lines of a claim carried into later pieces, for the MUE findings on them (the CLI builds those lines alone)', () => {
    // Lines read before a cut inside a claim are moved below offset 0 of the next piece: an offset
    // sign once marked "no units" on such a line, and its MUE finding fell on the code, or said
    // it had no unit count.
    const mue = emptyMueTables();
    mue.practitioner.add({ code: '97110', value: 4, mai: 3, rationale: 'Clinical: Data', source: 'mue.csv', kind: 'practitioner' });
    const withMue: Knowledge = { ...emptyKnowledge(false), mue, aoc: new AocTable() };
    class Carried extends X12Stream {
      protected override longClaim = 2000;
      constructor(codedLinesOnly: boolean) {
        super(withMue, undefined, { codedLinesOnly });
      }
    }
    const day = { from: 20260310, to: 20260310 };
    for (const units of ['9', 'x']) {
      const lines = Array.from({ length: 200 }, (_, i) => ({ code: i === 0 ? '97110' : '99213', units: i === 0 ? units : '1', charge: '10.00', date: day }));
      const { text } = writeX12([{ id: 'LONG', date: day, lines }], { lineEnding: '\n' });
      const whole = analyze(text, withMue).findings.filter((f) => f.rule.startsWith('mue.'));
      assert.equal(whole.length, 1);
      assert.equal(text.slice(whole[0]!.span.start, whole[0]!.span.end), units);
      for (const codedLinesOnly of [false, true]) {
        const stream = new Carried(codedLinesOnly);
        const found: Finding[] = [];
        for (let at = 0; at < text.length; at += 512) found.push(...stream.feed(text.slice(at, at + 512)).findings);
        found.push(...stream.end().findings);
        const streamedMue = found.filter((f) => f.rule.startsWith('mue.'));
        assert.deepEqual(streamedMue.map((f) => [f.rule, f.span, f.message]), whole.map((f) => [f.rule, f.span, f.message]), `units ${units}, codedLinesOnly ${codedLinesOnly}`);
      }
    }
  });

  it('cuts before every ST, so a document of many transaction sets is read in many pieces', () => {
    const day = { from: 20260310, to: 20260310 };
    const claims = Array.from({ length: 12 }, (_, i) => ({
      id: `C${i}`,
      date: day,
      lines: [{ code: '43214', charge: '100.00', date: day }, { code: '43200', charge: '50.00', date: day }],
    }));
    const text = writeX12(claims, { transactions: 6, lineEnding: '\r\n' }).text;
    const outcome = assertSame(text, [64]);
    assert.ok(outcome.pieces >= 5, `${outcome.pieces} pieces`);
    assert.equal(outcome.findings.filter((f) => f.rule === 'ptp.conflict').length, 12);
  });

  it('reports an ST without SE in one piece, with the other pieces right, and an IEA missing at the end', () => {
    const body = [['BHT', '0019', '00', '1', '20260310', '1200', 'CH'] as const];
    const text = writeTransactions([body, body, body], { lineEnding: '\n' }).text;
    const broken = text.replace(/SE\*\d+\*0002~\n/, '').replace(/IEA\*[^~]*~\n?$/, '');
    assert.notEqual(broken, text);
    const outcome = assertSame(broken, [16]);
    const rules = outcome.findings.map((f) => f.rule);
    assert.ok(rules.includes('x12.envelope-unclosed'), rules.join());
  });

  it('searches each block once for a cut, however long the transaction set it holds', () => {
    const day = { from: 20260310, to: 20260310 };
    const claims = Array.from({ length: 300 }, (_, i) => ({ id: `C${i}`, date: day, lines: [{ code: '43214', charge: '1.00' }, { code: '43200', charge: '1.00' }] }));
    const text = writeX12(claims, { lineEnding: '\n' }).text;
    const searched: { start: number; length: number }[] = [];
    class Watched extends X12Stream {
      protected override findCut(window: string, start: number): number {
        searched.push({ start, length: window.length });
        return super.findCut(window, start);
      }
    }
    const stream = new Watched(knowledge);
    let conflicts = 0;
    for (let at = 0; at < text.length; at += 64) conflicts += stream.feed(text.slice(at, at + 64)).findings.filter((f) => f.rule === 'ptp.conflict').length;
    conflicts += stream.end().findings.filter((f) => f.rule === 'ptp.conflict').length;
    assert.equal(conflicts, 300);
    assert.ok(searched.length > 1000, `${searched.length} feeds`);
    // Past the first header, the block and a few characters before it: never the text held since the last cut.
    const longest = Math.max(...searched.filter((s) => s.start > 2 * ISA_LOOKAHEAD).map((s) => s.length));
    assert.ok(longest <= 64 + 9, `longest search ${longest}`);
    assert.ok(stream.longestPiece < 2000, `longest piece ${stream.longestPiece}`);
  });

  it('cuts only where the tokenizer of the whole text starts a segment that ends the open claim (or with none open), away from ISA headers', () => {
    const header = writeX12([{ id: 'C1', lines: [{ code: '43214', charge: '1' }] }]).text.slice(0, 106);
    // A second interchange with other delimiters (element |, terminator !).
    const other = header.replaceAll('*', '|').replace(/~$/, '!');
    const piece = fc.constantFrom('~', '*', '|', '!', '\n', '\r', ' ', '\t', '\u0000', 'S', 'T', 'ST*', 'SE*', 'HL*', 'HL', 'CLM*', 'CLM', 'LX*1', 'N3*A', 'NTE', 'ISA', 'ISA*', 'A', ':', '~ST*', '~HL*', '~CLM*', '!HL|', '!CLM|', '~' + header, '~' + other, '~' + header.slice(0, 50));
    // Short texts in small blocks, and long runs of segments that end no claim with a few that do, in blocks of any size.
    const short = fc.tuple(fc.array(piece, { maxLength: 80 }), fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 1, maxLength: 4 }));
    const runs = fc.tuple(
      fc.array(fc.oneof({ weight: 30, arbitrary: fc.constantFrom('~', '~\n', '~N3*A', '~LX*1', '~NTE') }, { weight: 1, arbitrary: fc.constantFrom('~CLM*', '~HL*', '~SE*') }, { weight: 1, arbitrary: piece }), { minLength: 200, maxLength: 800 }),
      fc.array(fc.integer({ min: 1, max: 3000 }), { minLength: 1, maxLength: 4 }),
    );
    fc.assert(
      fc.property(fc.oneof(short, runs), ([pieces, sizes]) => {
        const text = header + pieces.join('');
        const allowed = allowedCuts(text);
        const cuts: number[] = [];
        class Watched extends X12Stream {
          protected override findCut(window: string, start: number): number {
            const cut = super.findCut(window, start);
            if (cut >= 0) cuts.push(cut);
            return cut;
          }
        }
        const stream = new Watched(knowledge);
        for (let at = 0, i = 0; at < text.length; at += sizes[i++ % sizes.length]!) stream.feed(text.slice(at, at + sizes[i % sizes.length]!));
        for (const cut of cuts) assert.ok(allowed.has(cut), `cut at ${cut} in ${JSON.stringify(text.slice(106))}: ${JSON.stringify(text.slice(Math.max(0, cut - 10), cut))}|${JSON.stringify(text.slice(cut, cut + 10))}`);
        // And what is read in those pieces is what one analysis reads.
        assertSame(text, sizes);
      }),
      runParameters(3000, 7105),
    );
  });

  it('cuts only before a segment, and reads a document that does not start with an ISA whole', () => {
    const text = writeX12([{ id: 'C1', lines: [{ code: '43214', charge: '1' }] }], { transactions: 2 }).text;
    const outcome = assertSame(text, [16]);
    assert.ok(outcome.longestPiece < text.length - 300, `longest piece ${outcome.longestPiece} of ${text.length}`);
    assert.equal(X12Stream.canStream('ST*837*0001~'), false, 'a document without ISA is read whole');
    assert.equal(X12Stream.canStream(text.slice(0, 120)), true);
    const body = text.slice(text.indexOf('GS*'));
    const notIsa = assertSame(body, [16]);
    assert.equal(notIsa.longestPiece, body.length);
  });
});

/**
 * Where X12Stream may end a piece in `text`: the start of a segment of the whole text's
 * tokenization (not the first) that HL, CLM or an envelope segment opens, or any segment while
 * no claim is open, and not within ISA_LOOKAHEAD characters after an ISA segment.
 */
function allowedCuts(text: string): Set<number> {
  const table = tokenize(text);
  const ix = new X12SegmentIndex(table);
  const closers = new Set(['ISA', 'IEA', 'GS', 'GE', 'ST', 'SE', 'HL', 'CLM'].map(segmentIdCode));
  const allowed = new Set<number>();
  let open = false;
  let isa = -Infinity;
  for (let i = 0; i < table.segmentCount; i++) {
    const start = table.segmentStart[i]!;
    const code = ix.idCode(i);
    const closes = closers.has(code);
    if (i > 0 && (closes || !open) && start >= isa + ISA_LOOKAHEAD) allowed.add(start);
    if (isIsaAt(text, start)) isa = start;
    if (closes) open = code === segmentIdCode('CLM');
  }
  return allowed;
}
