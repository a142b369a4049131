// An 837 read in pieces (X12Stream, what the CLI does with big files) gives exactly the findings,
// claims and service lines of one analysis of the whole text, wherever the blocks are cut: the
// pieces end before ST or ISA, and the parser carries its open envelopes from piece to piece.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyze } from '../../server/src/core/analyze';
import type { Finding } from '../../server/src/core/model';
import { X12Stream } from '../../server/src/core/x12/stream';
import { fuzzKnowledge, mutatedDocumentArb, runParameters, writeX12Scenario, x12ScenarioArb } from '../fuzz/generators';
import { writeTransactions, writeX12 } from './helpers/x12-writer';

const knowledge = fuzzKnowledge();

function byPosition(findings: readonly Finding[]): Finding[] {
  return [...findings].sort((a, b) => a.span.start - b.span.start);
}

interface Outcome {
  claims: number;
  serviceLines: number;
  findings: Finding[];
  pieces: number;
}

/** Feeds `text` in blocks of the given sizes (cycled), as the CLI feeds file blocks. */
function streamed(text: string, blockSizes: readonly number[]): Outcome {
  const stream = new X12Stream(knowledge);
  const outcome: Outcome = { claims: 0, serviceLines: 0, findings: [], pieces: 0 };
  const take = (result: ReturnType<X12Stream['feed']>) => {
    outcome.claims += result.claims;
    outcome.serviceLines += result.serviceLines;
    outcome.findings.push(...result.findings);
  };
  let at = 0;
  for (let i = 0; at < text.length; i++) {
    const size = blockSizes[i % blockSizes.length]!;
    const before = outcome.findings.length + outcome.claims;
    take(stream.feed(text.slice(at, at + size)));
    if (outcome.findings.length + outcome.claims > before) outcome.pieces++;
    at += size;
  }
  take(stream.end());
  outcome.findings = byPosition(outcome.findings);
  return outcome;
}

function whole(text: string): Omit<Outcome, 'pieces'> {
  const analysis = analyze(text, knowledge);
  return {
    claims: analysis.doc.claims.length,
    serviceLines: analysis.doc.claims.reduce((sum, claim) => sum + claim.lines.length, 0),
    findings: byPosition(analysis.findings),
  };
}

function assertSame(text: string, blockSizes: readonly number[]): Outcome {
  const expected = whole(text);
  const actual = streamed(text, blockSizes);
  assert.equal(actual.claims, expected.claims, 'claims');
  assert.equal(actual.serviceLines, expected.serviceLines, 'service lines');
  assert.deepEqual(actual.findings, expected.findings);
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
    const searched: number[] = [];
    class Watched extends X12Stream {
      override cutPoint(window: string): number {
        searched.push(window.length);
        return super.cutPoint(window);
      }
    }
    const stream = new Watched(knowledge);
    let conflicts = 0;
    for (let at = 0; at < text.length; at += 64) conflicts += stream.feed(text.slice(at, at + 64)).findings.filter((f) => f.rule === 'ptp.conflict').length;
    conflicts += stream.end().findings.filter((f) => f.rule === 'ptp.conflict').length;
    assert.equal(conflicts, 300);
    assert.ok(searched.length > 1000, `${searched.length} feeds`);
    // The block and a few characters before it: never the text held since the last cut.
    assert.ok(Math.max(...searched) <= 64 + 64, `longest search ${Math.max(...searched)}`);
  });

  it('finds the cut that walking back terminator by terminator finds, in any text', () => {
    /** The cut as first written: every terminator from the end, blanks skipped, then ST or ISA. */
    const reference = (text: string, terminator: string, element: number): number => {
      const blank = (code: number) => code === 10 || code === 13 || code === 32 || code === 9;
      for (let t = text.lastIndexOf(terminator); t >= 0; t = t > 0 ? text.lastIndexOf(terminator, t - 1) : -1) {
        let at = t + 1;
        while (at < text.length && blank(text.charCodeAt(at))) at++;
        if (at + 4 <= text.length && at > 0) {
          if (text.startsWith('ST', at) && text.charCodeAt(at + 2) === element) return at;
          if (text.startsWith('ISA', at) && /^ISA[^\sA-Za-z0-9]/.test(text.slice(at, at + 4))) return at;
        }
      }
      return -1;
    };
    const header = writeX12([{ id: 'C1', lines: [{ code: '43214', charge: '1' }] }]).text.slice(0, 106);
    const piece = fc.constantFrom('~', '*', '\n', '\r', ' ', '\t', 'S', 'T', 'ST', 'ST*', 'ISA', 'ISA*', 'A', 'I', 'x', ':', '~ST*', '~ISA*');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), fc.boolean(), fc.nat(), fc.integer({ min: 0, max: 64 }), (pieces, withHeader, split, overlapLength) => {
        const tail = pieces.join('');
        const text = withHeader ? header + tail : tail;
        const stream = new X12Stream(knowledge);
        const expected = withHeader ? reference(text, '~', 42) : -1;
        assert.equal(stream.cutPoint(text), expected, JSON.stringify(tail));
        // As feed searches a block: with the end of the text before it, not joined to it.
        if (!withHeader) return;
        stream['head'] = header;
        const at = header.length + (split % (tail.length + 1));
        const overlap = text.slice(Math.max(0, at - overlapLength), at);
        const block = text.slice(at);
        assert.equal(stream['cutIn'](overlap, block), stream.cutPoint(overlap + block), JSON.stringify([overlap, block]));
      }),
      { numRuns: 5000 },
    );
  });

  it('cuts only before ST or ISA segments that follow a terminator', () => {
    const stream = new X12Stream(knowledge);
    const text = writeX12([{ id: 'C1', lines: [{ code: '43214', charge: '1' }] }], { transactions: 2 }).text;
    const cut = stream.cutPoint(text);
    assert.ok(cut > 0);
    assert.equal(text.slice(cut, cut + 3), 'ST*');
    assert.equal(text.charAt(cut - 1), '~');
    assert.equal(stream.cutPoint('ISA*00*'), -1, 'no cut inside a header');
    assert.equal(X12Stream.canStream('ST*837*0001~'), false, 'a document without ISA is read whole');
    assert.equal(X12Stream.canStream(text.slice(0, 120)), true);
  });
});
