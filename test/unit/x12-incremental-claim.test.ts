// After an edit inside one claim (a 2300 loop and its lines), the server reads that claim again
// with its HL parents standing in, not the whole transaction set (a batch of 150,000 claims is
// often one ST..SE); after an edit in a subscriber's loops before its claims, or one that breaks
// or makes a CLM, it reads that subscriber (HL to HL) again. Oracle, as for the transaction-set path: for any document and any edit, the
// result equals a full analyze() of the edited text (findings, claims with every span,
// envelopes, the segment table), and the tests count which unit was read again.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyze, reanalyze, type Analysis, type AnalyzeOptions } from '../../server/src/core/analyze';
import { reread, rereadTransactionSet } from '../../server/src/core/x12/incremental';
import { X12SegmentIndex } from '../../server/src/core/x12/segment-index';
import { fuzzKnowledge, mutatedDocumentArb, runParameters, writeX12Scenario, x12ScenarioArb, type X12Scenario } from '../fuzz/generators';
import { writeX12, type WriterClaim } from './helpers/x12-writer';
import { comparable } from './helpers/analysis';

const knowledge = fuzzKnowledge();



type Unit = 'claim' | 'subscriber' | 'transaction-set' | 'document';

/** Which unit reanalyze reads again for this edit (asked of a copy: a re-read consumes the previous analysis). */
function unitOf(text: string, edited: string): Unit {
  return reread(text, analyze(text, knowledge).doc, edited, knowledge)?.unit ?? 'document';
}

/** Reanalyzes `previous` into `edited`, checks it against a full analysis, and says which unit was read again. */
function step(previous: Analysis, edited: string, options?: AnalyzeOptions): { analysis: Analysis; unit: Unit } {
  const unit = unitOf(previous.text, edited);
  const expected = comparable(analyze(edited, knowledge, undefined, undefined, options));
  const analysis = reanalyze(previous, edited, knowledge, undefined, options);
  assert.deepEqual(comparable(analysis), expected);
  return { analysis, unit };
}

// ---- edits inside claims --------------------------------------------------------------------

interface ClaimEdit {
  /** Which claim (fraction of the claim count), and where in it (fraction of its length after the CLM's first character). */
  claim: number;
  at: number;
  remove: number;
  insert: string;
}

const INSERTS = [
  '', '1', '9', ' ', '*', ':', '~', '\n', '43200', '43214', '59', 'XS', '.5',
  'LX*9~', 'SV1*HC:43200*50*UN*1~', 'SV2*0450*HC:43200*50*UN*1~', 'SV3*AD:D4355*50****1~', 'DTP*472*D8*20260311~',
  'CLM*X9*10~', 'CLM*X9*10~LX*1~SV1*HC:43214*10*UN*1~', 'NM1*82*1*DOE****XX*1~', 'REF*6R*1~', 'HL*9*1*22*0~', 'SE*9*0001~',
  'ST*837*0009~', 'GE*1*1~', 'ISA*', 'TA1*', 'NM1*IL*1*DOE****MI*M9~', '\r\n', '|', '^', "'",
];

const claimEditArb: fc.Arbitrary<ClaimEdit> = fc.record({
  claim: fc.integer({ min: 0, max: 9999 }).map((n) => n / 10000),
  at: fc.integer({ min: 0, max: 10000 }).map((n) => n / 10000),
  remove: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 4, max: 40 }), fc.integer({ min: 41, max: 300 })),
  insert: fc.constantFrom(...INSERTS),
});

/** The edit applied inside a claim of the analysed text (or anywhere when it has none). */
function applyClaimEdit(previous: Analysis, edit: ClaimEdit): string {
  const text = previous.text;
  const claims = previous.doc.claims;
  let at: number;
  if (claims.length === 0) {
    at = Math.floor(edit.at * text.length);
  } else {
    const claim = claims[Math.min(claims.length - 1, Math.floor(edit.claim * claims.length))]!;
    const from = claim.span.start + 1;
    at = from + Math.floor(edit.at * (claim.span.end - from));
  }
  at = Math.min(at, text.length);
  return text.slice(0, at) + edit.insert + text.slice(at + edit.remove);
}

/**
 * The analysis with its segment table's arrays exactly as long as its segments (a big file's
 * tokenizer trims them so): a re-read that adds segments must then make new arrays.
 */
function withFullTable(analysis: Analysis): Analysis {
  const ix = analysis.doc.x12 as X12SegmentIndex;
  const t = ix.table;
  const table = { ...t, segmentStart: t.segmentStart.slice(0, t.segmentCount), segmentEnd: t.segmentEnd.slice(0, t.segmentCount), segmentCode: t.segmentCode.slice(0, t.segmentCount) };
  return { ...analysis, doc: { ...analysis.doc, x12: new X12SegmentIndex(table) } };
}

/** One transaction set of 2 to 12 claims picked (with repeats: one patient often has several) from a scenario's. */
const oneSetArb: fc.Arbitrary<X12Scenario> = fc
  .tuple(x12ScenarioArb, fc.array(fc.nat(), { minLength: 2, maxLength: 12 }))
  .map(([scenario, picks]) => ({
    ...scenario,
    claims: picks.map((pick, i) => ({ ...scenario.claims[pick % scenario.claims.length]!, id: `CLM${i + 1}` })),
    options: { ...scenario.options, transactions: 1, interchanges: 1 },
  }));

describe('reanalyze: one claim read again after an edit inside it', () => {
  it('gives what a full analysis gives, for any edits inside claims of one-set 837s', (t) => {
    const units: Record<Unit, number> = { claim: 0, subscriber: 0, 'transaction-set': 0, document: 0 };
    fc.assert(
      fc.property(oneSetArb, fc.array(claimEditArb, { minLength: 1, maxLength: 5 }), fc.boolean(), (scenario, edits, full) => {
        let previous = analyze(writeX12Scenario(scenario), knowledge);
        if (full) previous = withFullTable(previous);
        for (const edit of edits) {
          const result = step(previous, applyClaimEdit(previous, edit));
          units[result.unit]++;
          previous = result.analysis;
        }
      }),
      runParameters(400, 7301),
    );
    // The oracle means something only if most edits took the claim path.
    t.diagnostic(`units read again: ${JSON.stringify(units)}`);
    const all = units.claim + units.subscriber + units['transaction-set'] + units.document;
    assert.ok(units.claim > all * 0.5, JSON.stringify(units));
  });

  it('gives what a full analysis gives with the guide checks full or off', (t) => {
    const units: Record<Unit, number> = { claim: 0, subscriber: 0, 'transaction-set': 0, document: 0 };
    let guideFindings = 0;
    fc.assert(
      fc.property(oneSetArb, fc.array(claimEditArb, { minLength: 1, maxLength: 4 }), fc.constantFrom<AnalyzeOptions['guideChecks']>('full', 'off'), (scenario, edits, guideChecks) => {
        const options = { guideChecks };
        let previous = analyze(writeX12Scenario(scenario), knowledge, undefined, undefined, options);
        for (const edit of edits) {
          const result = step(previous, applyClaimEdit(previous, edit), options);
          units[result.unit]++;
          guideFindings += result.analysis.findings.filter((f) => f.rule.startsWith('guide.')).length;
          previous = result.analysis;
        }
      }),
      runParameters(200, 7303),
    );
    t.diagnostic(`units read again: ${JSON.stringify(units)}; guide findings seen: ${guideFindings}`);
    assert.ok(units.claim > 0 && guideFindings > 0, JSON.stringify(units));
  });

  it('gives what a full analysis gives for edits inside claims of many-set and broken 837s', (t) => {
    const units: Record<Unit, number> = { claim: 0, subscriber: 0, 'transaction-set': 0, document: 0 };
    const documentArb = fc.oneof(
      x12ScenarioArb.map((scenario) => writeX12Scenario(scenario)),
      mutatedDocumentArb.filter((d) => d.scenario.format === 'x12').map((d) => d.text),
    );
    fc.assert(
      fc.property(documentArb, fc.array(claimEditArb, { minLength: 1, maxLength: 4 }), (text, edits) => {
        let previous = analyze(text, knowledge);
        for (const edit of edits) {
          const result = step(previous, applyClaimEdit(previous, edit));
          units[result.unit]++;
          previous = result.analysis;
        }
      }),
      runParameters(400, 7302),
    );
    t.diagnostic(`units read again: ${JSON.stringify(units)}`);
    assert.ok(units.claim > 0, JSON.stringify(units));
  });

  it('gives what a full analysis gives for edits in the loops before the claims (subscriber, patient, billing provider)', (t) => {
    const units: Record<Unit, number> = { claim: 0, subscriber: 0, 'transaction-set': 0, document: 0 };
    const LOOP_INSERTS = ['', '1', 'X', '*', '~', 'NM1*IL*1*DOE****MI*M9~', 'NM1*QC*1*ROE*JIM~', 'NM1*85*2*OTHER*****XX*1999999999~', 'DMG*D8*20000101*F~', 'CLM*X9*10~LX*1~SV1*HC:43200*10*UN*1~'];
    fc.assert(
      fc.property(oneSetArb, fc.array(fc.tuple(claimEditArb, fc.constantFrom(...LOOP_INSERTS)), { minLength: 1, maxLength: 4 }), (scenario, edits) => {
        let previous = analyze(writeX12Scenario(scenario), knowledge);
        for (const [edit, insert] of edits) {
          // Somewhere between a claim's nearest HL before it and its CLM (or in a segment after that HL).
          const claims = previous.doc.claims;
          if (claims.length === 0) break;
          const claim = claims[Math.min(claims.length - 1, Math.floor(edit.claim * claims.length))]!;
          const hl = previous.text.lastIndexOf('HL*', claim.span.start);
          if (hl < 0) continue;
          const from = previous.text.indexOf('~', hl) + 1;
          const at = from + Math.floor(edit.at * Math.max(0, claim.span.start - from));
          const edited = previous.text.slice(0, at) + insert + previous.text.slice(at + Math.min(edit.remove, 3));
          const result = step(previous, edited);
          units[result.unit]++;
          previous = result.analysis;
        }
      }),
      runParameters(300, 7304),
    );
    t.diagnostic(`units read again: ${JSON.stringify(units)}`);
    const all = units.claim + units.subscriber + units['transaction-set'] + units.document;
    assert.ok(units.subscriber > all * 0.5, JSON.stringify(units));
  });

  it('reads the set again when a claim would change the kind the set takes from its first service line', () => {
    // No ST03 and no GS08: the set's kind (and so each claim's) comes from its first SV1/SV2/SV3.
    const claims: WriterClaim[] = [1, 2, 3].map((n) => ({ id: `C${n}`, lines: [{ code: '43214', charge: '10.00' }] }));
    const text = writeX12(claims, { version: '4010', lineEnding: '\n' }).text.replace('*X*004010X098A1~', '*X~');
    let previous = analyze(text, knowledge);
    assert.equal(previous.doc.transactions[0]!.implementation, null);
    assert.deepEqual(previous.doc.claims.map((c) => c.kind), ['professional', 'professional', 'professional']);
    // The first claim's line becomes dental: the set's kind, and every claim's, follow it.
    const edited = text.replace('SV1*HC:43214*10.00*UN*1***1~', 'SV3*AD:D4355*10.00*****1~');
    assert.notEqual(edited, text);
    let result = step(previous, edited);
    assert.equal(result.unit, 'transaction-set');
    assert.deepEqual(result.analysis.doc.claims.map((c) => c.kind), ['dental', 'dental', 'dental']);
    // An edit in the second claim that leaves its kind alone is read by claim.
    previous = result.analysis;
    result = step(previous, previous.text.replace('CLM*C2*10.00', 'CLM*C2*10.01'));
    assert.equal(result.unit, 'claim');
  });
});

// ---- a transaction set of 5,000 claims ------------------------------------------------------

const day = { from: 20260310, to: 20260310 };

function bigSet(): string {
  const claims: WriterClaim[] = Array.from({ length: 5000 }, (_, i) => ({
    id: `CLAIM-${i}`,
    subscriberId: `M${String(i % 1700).padStart(6, '0')}`,
    patientId: i % 3 === 0 ? `P${String(i).padStart(6, '0')}` : null,
    date: day,
    lines: [
      { code: '43214', charge: '1500.00', date: day },
      { code: i % 50 === 0 ? '43200' : '99213', charge: '400.00', date: i % 7 === 0 ? null : day },
      { code: '20610', charge: '80.00', date: day },
    ],
  }));
  return writeX12(claims, { transactions: 1, lineEnding: '\n' }).text;
}

/** The text with the n-th occurrence of `find` after claim `claimId` starts replaced by `replace`. */
function inClaim(text: string, claimId: string, find: string, replace: string, occurrence = 0): string {
  let at = text.indexOf(`CLM*${claimId}*`);
  assert.ok(at >= 0, claimId);
  for (let i = 0; i <= occurrence; i++) {
    at = text.indexOf(find, at + (i === 0 ? 0 : 1));
    assert.ok(at >= 0, `${find} in ${claimId}`);
  }
  return text.slice(0, at) + replace + text.slice(at + find.length);
}

/** The text with the HL03 of the HL loop just before claim `claimId` made a billing provider's (20). */
function hlLevelChanged(text: string, claimId: string): string {
  const clm = text.indexOf(`CLM*${claimId}*`);
  const hl = text.lastIndexOf('\nHL*', clm) + 1;
  const end = text.indexOf('~', hl);
  return text.slice(0, hl) + text.slice(hl, end).replace(/\*2[23]\*/, '*20*') + text.slice(end);
}

describe('reanalyze in a transaction set of 5,000 claims', () => {
  it('reads only the edited claim, and the result is a full analysis of the edited text', () => {
    const text = bigSet();
    let previous = analyze(text, knowledge);
    assert.equal(previous.doc.transactions.length, 1);
    assert.equal(previous.doc.claims.length, 5000);
    assert.equal(previous.findings.filter((f) => f.rule === 'ptp.conflict').length, 100);
    const count = (rule: string) => previous.findings.filter((f) => f.rule === rule).length;

    const edits: { name: string; edit: (t: string) => string; check?: () => void }[] = [
      { name: 'a digit of a line charge (same length)', edit: (t) => inClaim(t, 'CLAIM-2500', '*400.00*', '*400.01*'), check: () => assert.equal(count('x12.clm02-sum'), 1) },
      { name: 'a code made a bundled one', edit: (t) => inClaim(t, 'CLAIM-101', 'HC:99213', 'HC:43200'), check: () => assert.equal(count('ptp.conflict'), 101) },
      { name: 'a character typed into a claim id', edit: (t) => inClaim(t, 'CLAIM-4000', 'CLAIM-4000', 'CLAIM-40000') },
      { name: 'the charge digit put back', edit: (t) => inClaim(t, 'CLAIM-2500', '*400.01*', '*400.00*'), check: () => assert.equal(count('x12.clm02-sum'), 0) },
      {
        name: 'a whole service line deleted (SE01 now counts 3 too many)',
        edit: (t) => inClaim(t, 'CLAIM-3000', 'LX*3~\nSV1*HC:20610*80.00*UN*1***1~\nDTP*472*D8*20260310~\n', ''),
        check: () => {
          assert.equal(count('x12.se01-count'), 1);
          assert.equal(count('x12.clm02-sum'), 1);
        },
      },
      {
        name: 'a service line added to another claim (SE01 still counts 1 too many)',
        edit: (t) => inClaim(t, 'CLAIM-17', 'LX*3~', 'LX*3~\nSV1*HC:20610*80.00*UN*1***1~\nLX*4~'),
        check: () => assert.equal(count('x12.se01-count'), 1),
      },
      { name: 'one more segment: SE01 right again', edit: (t) => inClaim(t, 'CLAIM-4999', 'LX*3~', 'REF*6R*1~\nLX*3~'), check: () => assert.equal(count('x12.se01-count'), 0) },
      {
        name: 'a claim split in two by a CLM typed into it',
        edit: (t) => inClaim(t, 'CLAIM-1234', 'LX*2~', 'CLM*NEW*480.00***11:B:1*Y*A*Y*Y~\nLX*1~'),
        check: () => assert.equal(previous.doc.claims.length, 5001),
      },
      { name: 'the first claim of the set', edit: (t) => inClaim(t, 'CLAIM-0', 'HC:43214', 'HC:43214:59') },
      { name: 'an LX01 changed in the last claim before SE', edit: (t) => inClaim(t, 'CLAIM-4999', 'LX*3~', 'LX*5~'), check: () => assert.equal(count('x12.lx-sequence'), 2) },
      { name: 'a rendering provider typed into a claim', edit: (t) => inClaim(t, 'CLAIM-600', 'LX*1~', 'NM1*82*1*SMITH****XX*1234567893~\nLX*1~') },
    ];
    for (const { name, edit, check } of edits) {
      const edited = edit(previous.text);
      assert.notEqual(edited, previous.text, name);
      const result = step(previous, edited);
      assert.equal(result.unit, 'claim', name);
      previous = result.analysis;
      check?.();
    }
  });

  it('reads the subscriber again for an edit in its loops or to a CLM id, the set when an edit touches an HL, and everything for the envelope', () => {
    const text = bigSet();
    const previous = analyze(text, knowledge);
    const cases: [string, string, Unit][] = [
      ['an HL03 level', hlLevelChanged(text, 'CLAIM-2000'), 'transaction-set'],
      ['a subscriber id (2010BA, before the CLM)', text.replace('NM1*IL*1*DOE*JANE****MI*M000042~', 'NM1*IL*1*DOE*JANE****MI*M000043~'), 'subscriber'],
      ['a CLM made another segment', inClaim(text, 'CLAIM-77', 'CLM*CLAIM-77', 'CLX*CLAIM-77'), 'subscriber'],
      ['a CLM id broken by one character', inClaim(text, 'CLAIM-78', 'CLM*CLAIM-78', 'CL*CLAIM-78'), 'subscriber'],
      ['an HL typed into a claim', inClaim(text, 'CLAIM-77', 'LX*2~', 'HL*9999*1*22*0~\nLX*2~'), 'transaction-set'],
      ['a terminator removed at the end of a claim', inClaim(text, 'CLAIM-77', 'DTP*472*D8*20260310~\nHL', 'DTP*472*D8*20260310\nHL'), 'transaction-set'],
      ['the SE01 count', text.replace(/SE\*(\d+)\*0001~/, 'SE*1$1*0001~'), 'transaction-set'],
      ['the GE01 count', text.replace('GE*1*1~', 'GE*2*1~'), 'document'],
    ];
    for (const [name, edited, unit] of cases) {
      assert.notEqual(edited, text, name);
      assert.equal(unitOf(text, edited), unit, name);
      assert.deepEqual(comparable(reanalyze(analyze(text, knowledge), edited, knowledge)), comparable(analyze(edited, knowledge)), name);
    }
    assert.ok(previous.doc.claims.length === 5000);
  });

  it('one character typed in a claim of a 5,000-claim set is re-read as that claim; the transaction-set path re-reads the set (how fast: bench/edit-one-set.ts)', () => {
    const text = bigSet();
    const edited = inClaim(text, 'CLAIM-2500', '*400.00*', '*4000.00*');
    // Each re-read starts from its own fresh analysis (a re-read consumes the previous one).
    assert.equal(reread(text, analyze(text, knowledge).doc, edited, knowledge)?.unit, 'claim');
    assert.equal(rereadTransactionSet(text, analyze(text, knowledge).doc, edited, knowledge)?.unit, 'transaction-set');
  });
});
