// Found in review: the coding checks read neither the 837I type of bill (CLM05-1: an inpatient
// bill is judged by no NCCI table) nor the claim frequency (CLM05-3: void and replacement claims),
// and took an 837I's provider from its physicians instead of the billing hospital. Here, those
// rules along the paths that must give exactly what one analysis of the whole text gives:
// - an 837 read in pieces (X12Stream; the CLI builds only the lines the run keeps, and a void or
//   replacement claim none of whose lines is kept must still reach the run);
// - several files checked together (one CodingRun; a replacement in one file supersedes a claim
//   in another, whichever is read first);
// - a document re-read after an edit (reanalyze: DocumentCoding checks again the patients of the
//   claims read again; an edit to CLM05-1, CLM05-3 or CLM01 changes which of the patient's lines,
//   under any table, are in force);
// - the hover of a code, in an open document and in the index of a file checked from disk.
// Synthetic claims; the built-in 43214 set (43214/43197 and 43214/43200 are indicator-0 pairs),
// in-memory MUE and add-on code rows.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { analyze, reanalyze, type Analysis } from '../../server/src/core/analyze';
import { hoverAt } from '../../server/src/core/hover/hover';
import type { Finding } from '../../server/src/core/model';
import { AocTable } from '../../server/src/core/rules/aoc';
import { facilityTypeOf, isNcciOutpatientFacility, tableForClaim } from '../../server/src/core/rules/claimTables';
import { CodingRun } from '../../server/src/core/rules/codingRun';
import { emptyKnowledge, type Knowledge } from '../../server/src/core/rules/knowledge';
import { emptyMueTables, type MueRow } from '../../server/src/core/rules/mue';
import { reread } from '../../server/src/core/x12/incremental';
import { X12Stream } from '../../server/src/core/x12/stream';
import { checkFileFromDisk } from '../../server/src/lsp/diskRead';
import { runParameters } from '../fuzz/generators';
import { comparable } from './helpers/analysis';
import { writeX12, type ClaimKind, type WriterClaim, type WriterLine } from './helpers/x12-writer';

function codingKnowledge(): Knowledge {
  const mue = emptyMueTables();
  const rows: Omit<MueRow, 'source' | 'rationale'>[] = [
    { code: '96365', value: 1, mai: 2, kind: 'hospital' },
    { code: '96365', value: 1, mai: 2, kind: 'practitioner' },
    { code: '43200', value: 1, mai: 1, kind: 'hospital' },
  ];
  for (const row of rows) mue[row.kind].add({ ...row, rationale: 'Synthetic', source: 'mue.csv' });
  const aoc = new AocTable();
  aoc.add({ addOn: '11045', primary: '11042', type: 1, addOnEffective: 20110101, addOnDeletion: null, primaryEffective: 20110101, primaryDeletion: null, notes: '', source: 'aoc.txt' });
  return { ...emptyKnowledge(), mue, aoc };
}

const knowledge = codingKnowledge();

// ---- documents: few claim ids and patients, so that replacements and voids meet their originals -

const CODES = ['43214', '43214', '43197', '43200', '96365', '96365', '11042', '11045', '12345'];
const IDS = ['A', 'B', 'C'];
const SUBSCRIBERS = ['M1', 'M2'];
const FREQUENCIES = ['1', '1', '7', '8'];
/** CLM05-1 of an 837I: outpatient (hospital table), inpatient and others (no table), empty or unreadable (hospital table). */
const FACILITIES = ['13', '13', '11', '21', '85', '', '1X'];
const RENDERING = ['1111111112', '2222222220'];
const DAYS = [20260310, 20260311];

const lineArb: fc.Arbitrary<WriterLine> = fc
  .record({ code: fc.constantFrom(...CODES), units: fc.constantFrom('1', '1', '2'), day: fc.constantFrom(...DAYS), rendering: fc.option(fc.constantFrom(...RENDERING), { freq: 2 }) })
  .map(({ code, units, day, rendering }) => ({
    code,
    units,
    charge: '100.00',
    date: { from: day, to: day },
    extraSegments: rendering === null ? [] : [['NM1', '82', '1', 'DOCTOR', 'ANN', '', '', '', 'XX', rendering]],
  }));

const claimArb = (kind: ClaimKind): fc.Arbitrary<WriterClaim> =>
  fc.record({
    id: fc.constantFrom(...IDS),
    subscriberId: fc.constantFrom(...SUBSCRIBERS),
    frequency: fc.constantFrom(...FREQUENCIES),
    ...(kind === 'institutional' ? { facility: fc.constantFrom(...FACILITIES) } : {}),
    lines: fc.array(lineArb, { minLength: 1, maxLength: 3 }),
  });

const interchangeArb = fc
  .constantFrom<ClaimKind>('institutional', 'institutional', 'professional')
  .chain((kind) => fc.record({ kind: fc.constant(kind), transactions: fc.integer({ min: 1, max: 2 }), claims: fc.array(claimArb(kind), { minLength: 1, maxLength: 5 }) }));

const documentArb: fc.Arbitrary<string> = fc
  .array(interchangeArb, { minLength: 1, maxLength: 2 })
  .map((interchanges) => interchanges.map(({ kind, transactions, claims }) => writeX12(claims, { kind, transactions: Math.min(transactions, claims.length), lineEnding: '\n' }).text).join(''));

function byPosition(findings: readonly Finding[]): Finding[] {
  return [...findings].sort((a, b) => a.span.start - b.span.start);
}

function coding(findings: readonly Finding[]): Finding[] {
  return findings.filter((f) => f.rule.startsWith('ptp.') || f.rule.startsWith('mue.') || f.rule.startsWith('aoc.'));
}

/** X12Stream with a lower length from which a claim is long (read in pieces cut before its LX segments, CLM05 read in an earlier piece). */
class ShortClaims extends X12Stream {
  constructor(
    protected override longClaim: number,
    codedLinesOnly: boolean,
    shared?: { run: CodingRun; file: number },
  ) {
    super(knowledge, shared, { codedLinesOnly });
  }
}

function streamed(text: string, sizes: readonly number[], codedLinesOnly: boolean, shared?: { run: CodingRun; file: number }, longClaim = 1 << 20): Finding[] {
  const stream = new ShortClaims(longClaim, codedLinesOnly, shared);
  const out: Finding[] = [];
  let at = 0;
  for (let i = 0; at < text.length; i++) {
    const size = sizes[i % sizes.length]!;
    out.push(...stream.feed(text.slice(at, at + size)).findings);
    at += size;
  }
  out.push(...stream.end().findings);
  return out;
}

// ---- CLM05 read as the checks read it ---------------------------------------------------------

describe('the type of bill and the claim frequency of an 837 claim', () => {
  it('reads CLM05-1 as a facility type code on an 837I only, and CLM05-3 on every claim', () => {
    const text = (kind: ClaimKind, facility: string, frequency: string) => writeX12([{ id: 'A', facility, frequency, lines: [{ code: '43214', charge: '1.00', date: { from: DAYS[0]!, to: DAYS[0]! } }] }], { kind }).text;
    const claim = (t: string) => analyze(t, knowledge).doc.claims[0]!;
    assert.deepEqual([claim(text('institutional', '11', '7')).facilityType, claim(text('institutional', '11', '7')).frequency], ['11', '7']);
    assert.equal(claim(text('institutional', ' 13 ', '1')).facilityType, '13');
    assert.equal(claim(text('institutional', '1X', '1')).facilityType, null, 'unreadable');
    assert.equal(claim(text('institutional', '', '1')).facilityType, null, 'missing');
    // An 837P's CLM05-1 is the place of service: not a type of bill.
    assert.deepEqual([claim(text('professional', '11', '8')).facilityType, claim(text('professional', '11', '8')).frequency], [null, '8']);
  });

  it('chooses the table by the type of bill, from the list CMS edits (data/billTypes.ts)', () => {
    for (const type of ['12', '13', '14', '22', '23', '72', '74', '75', '76', '85']) {
      assert.ok(isNcciOutpatientFacility(type), type);
      assert.equal(tableForClaim('institutional', type), 'hospital', type);
    }
    for (const type of ['11', '18', '21', '41', '65', '66', '86', '81', '32']) assert.equal(tableForClaim('institutional', type), null, type);
    assert.equal(tableForClaim('institutional', null), 'hospital', 'missing or unreadable: as before');
    assert.equal(tableForClaim('professional', '11'), 'practitioner');
    assert.equal(tableForClaim('dental', '13'), null);
    // A whole type of bill (a CSV bill type column) names its facility type too.
    assert.deepEqual(['0111', '111', '11', '0131', '131', ' 13 ', '1311', '01', '90', 'AB', ''].map(facilityTypeOf), ['11', '11', '11', '13', '13', '13', null, null, null, null, null]);
  });

  it('says in the hover of an inpatient claim\'s code that no NCCI table applies to it', () => {
    const text = writeX12(
      [
        { id: 'A', facility: '11', lines: [{ code: '43214', charge: '1.00', date: { from: DAYS[0]!, to: DAYS[0]! } }] },
        { id: 'B', facility: '13', lines: [{ code: '43214', charge: '1.00', date: { from: DAYS[0]!, to: DAYS[0]! } }] },
      ],
      { kind: 'institutional' },
    ).text;
    const analysis = analyze(text, knowledge);
    const [inpatient, outpatient] = analysis.doc.claims.map((claim) => hoverAt(analysis, claim.lines[0]!.codeSpan.start, knowledge)!.markdown);
    assert.match(inpatient!, /type of bill 11x: CMS applies the outpatient hospital NCCI edits to the facility bills 12x, 13x/);
    assert.match(inpatient!, /not paired with PTP edits, not counted against an MUE/);
    assert.doesNotMatch(inpatient!, /PTP edits on/);
    assert.match(outpatient!, /\*\*PTP edits on .*\(outpatient hospital table/);
  });
});

// ---- a file checked from disk: the hover index ---------------------------------------------------

describe('the hover index of an 837I checked from disk', () => {
  let dir = '';
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'claimlint-claim-scope-'));
  });
  after(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('gives an inpatient claim\'s code the hover an open document gives', async () => {
    const day = { from: DAYS[0]!, to: DAYS[0]! };
    const claims: WriterClaim[] = FACILITIES.map((facility, i) => ({ id: `C${i}`, facility, lines: [{ code: '43214', charge: '1.00', date: day }, { code: '96365', charge: '1.00', date: day }] }));
    const text = writeX12(claims, { kind: 'institutional' }).text;
    const path = join(dir, 'inpatient.837');
    writeFileSync(path, text);
    const checked = await checkFileFromDisk(path, knowledge, { index: true });
    assert.ok(checked?.index);
    const analysis = analyze(text, knowledge);
    let inpatient = 0;
    for (const claim of analysis.doc.claims) {
      const offset = claim.lines[0]!.codeSpan.start;
      const expected = hoverAt(analysis, offset, knowledge)!.markdown;
      if (/type of bill \d\dx:/.test(expected)) inpatient++;
      assert.ok(checked.index.hoverAt(offset)!.markdown.startsWith(expected), `claim ${claim.index}`);
    }
    assert.equal(inpatient, 2, '11x and 21x');
  });
});

// ---- an 837 read in pieces, and files checked together --------------------------------------------

describe('void and replacement claims, inpatient bills and the 837I provider, read in pieces', () => {
  it('give what one analysis of the whole text gives, for any blocks, building every line or only the coded ones, claims cut before their LX or not', () => {
    let found = 0;
    const longClaim = fc.constantFrom(1 << 20, 1 << 20, 200, 500);
    fc.assert(
      fc.property(documentArb, fc.array(fc.integer({ min: 1, max: 300 }), { minLength: 1, maxLength: 4 }), fc.boolean(), longClaim, (text, sizes, codedLinesOnly, long) => {
        const expected = byPosition(analyze(text, knowledge).findings);
        assert.deepEqual(byPosition(streamed(text, sizes, codedLinesOnly, undefined, long)), expected);
        found += coding(expected).length;
      }),
      runParameters(300, 2101),
    );
    assert.ok(found > 100, `${found} coding findings compared`);
  });

  it('a replacement or void none of whose lines the CLI keeps still supersedes the claim it replaces', () => {
    // A1's 96365 units (2) are over the MUE of 1; its replacement bills 12345 only (no table names
    // it, so the CLI builds none of its lines) and its void is an inpatient bill (no table).
    const day = { from: DAYS[0]!, to: DAYS[0]! };
    const original: WriterClaim = { id: 'A1', lines: [{ code: '96365', units: '2', charge: '1.00', date: day }] };
    for (const other of [
      { id: 'A1', frequency: '7', lines: [{ code: '12345', charge: '1.00', date: day }] },
      { id: 'A1', frequency: '8', facility: '11', lines: [{ code: '96365', charge: '1.00', date: day }] },
    ]) {
      for (const claims of [[original, other], [other, original]]) {
        const text = writeX12(claims, { kind: 'institutional' }).text;
        assert.deepEqual(coding(analyze(text, knowledge).findings), []);
        for (const codedLinesOnly of [false, true]) assert.deepEqual(coding(streamed(text, [97], codedLinesOnly)), [], `codedLinesOnly ${codedLinesOnly}`);
      }
    }
  });

  it('several files checked together: a replacement in one file supersedes the claim in another, whichever is read first', () => {
    const day = { from: DAYS[0]!, to: DAYS[0]! };
    const file = (frequency: string) => writeX12([{ id: 'A1', frequency, lines: [{ code: '96365', charge: '1.00', date: day }] }], { kind: 'institutional' }).text;
    const together = (texts: readonly string[]) => {
      const run = new CodingRun(knowledge);
      texts.forEach((text, i) => streamed(text, [64], true, { run, file: i }));
      return run.check().map((f) => f.finding.rule);
    };
    assert.deepEqual(together([file('1'), file('1')]), ['mue.exceeded'], 'two originals: their units are summed across the files');
    assert.deepEqual(together([file('1'), file('7')]), []);
    assert.deepEqual(together([file('7'), file('1')]), []);
    assert.deepEqual(together([file('8'), file('1')]), []);
  });

  it('several files checked together, read in pieces, give what their whole analyses in one run give', () => {
    fc.assert(
      fc.property(fc.array(documentArb, { minLength: 2, maxLength: 3 }), fc.array(fc.integer({ min: 1, max: 300 }), { minLength: 1, maxLength: 3 }), (texts, sizes) => {
        const inPieces = new CodingRun(knowledge);
        texts.forEach((text, file) => streamed(text, sizes, true, { run: inPieces, file }));
        const whole = new CodingRun(knowledge);
        texts.forEach((text, file) => analyze(text, knowledge, undefined, { run: whole, file }));
        assert.deepEqual(inPieces.check(), whole.check());
      }),
      runParameters(150, 2102),
    );
  });
});

// ---- a document re-read after an edit ------------------------------------------------------------

type EditKind = 'frequency' | 'facility' | 'claim-id' | 'subscriber' | 'rendering' | 'code' | 'units' | 'delete-line';

interface Edit {
  kind: EditKind;
  pick: number;
  choice: number;
}

const editArb: fc.Arbitrary<Edit> = fc.record({
  kind: fc.constantFrom<EditKind>('frequency', 'frequency', 'facility', 'facility', 'claim-id', 'claim-id', 'subscriber', 'rendering', 'code', 'units', 'delete-line'),
  pick: fc.integer({ min: 0, max: 9999 }).map((n) => n / 10000),
  choice: fc.nat(1000),
});

function replace(text: string, start: number, end: number, by: string): string {
  return text.slice(0, start) + by + text.slice(end);
}

function pickOf<T>(items: readonly T[], pick: number): T | undefined {
  return items.length === 0 ? undefined : items[Math.floor(pick * items.length)];
}

/** Where CLM01, CLM05-1 and CLM05-3 of each claim are written (the writer's CLM: id*total***facility:qualifier:frequency*). */
function claimElements(text: string): { id: [number, number]; facility: [number, number]; frequency: [number, number] }[] {
  const out: { id: [number, number]; facility: [number, number]; frequency: [number, number] }[] = [];
  for (const match of text.matchAll(/CLM\*([^*~]*)\*[^*~]*\*\*\*([^:*~]*):([^:*~]*):([^:*~]*)\*/g)) {
    const idStart = match.index + 'CLM*'.length;
    const facilityStart = match.index + match[0].lastIndexOf('***') + 3;
    const frequencyEnd = match.index + match[0].length - 1;
    out.push({ id: [idStart, idStart + match[1]!.length], facility: [facilityStart, facilityStart + match[2]!.length], frequency: [frequencyEnd - match[4]!.length, frequencyEnd] });
  }
  return out;
}

function applyEdit(previous: Analysis, edit: Edit): string {
  const text = previous.text;
  const line = pickOf(previous.doc.claims.flatMap((claim) => claim.lines), edit.pick);
  const clm = pickOf(claimElements(text), edit.pick);
  switch (edit.kind) {
    case 'frequency':
      return clm ? replace(text, ...clm.frequency, ['1', '7', '8', ''][edit.choice % 4]!) : text;
    case 'facility':
      return clm ? replace(text, ...clm.facility, FACILITIES[edit.choice % FACILITIES.length]!) : text;
    case 'claim-id':
      return clm ? replace(text, ...clm.id, IDS[edit.choice % IDS.length]!) : text;
    case 'subscriber': {
      const prefix = 'NM1*IL*1*DOE*JANE****MI*';
      const starts = [...text.matchAll(/NM1\*IL\*1\*DOE\*JANE\*\*\*\*MI\*/g)].map((m) => m.index + prefix.length);
      const at = pickOf(starts, edit.pick);
      return at === undefined ? text : replace(text, at, text.indexOf('~', at), SUBSCRIBERS[edit.choice % SUBSCRIBERS.length]!);
    }
    case 'rendering': {
      const prefix = 'NM1*82*1*DOCTOR*ANN****XX*';
      const starts = [...text.matchAll(/NM1\*82\*1\*DOCTOR\*ANN\*\*\*\*XX\*/g)].map((m) => m.index + prefix.length);
      const at = pickOf(starts, edit.pick);
      return at === undefined ? text : replace(text, at, text.indexOf('~', at), RENDERING[edit.choice % RENDERING.length]!);
    }
    case 'code':
      return line && line.code !== '' ? replace(text, line.codeSpan.start, line.codeSpan.end, CODES[edit.choice % CODES.length]!) : text;
    case 'units':
      return line?.unitsSpan ? replace(text, line.unitsSpan.start, line.unitsSpan.end, ['1', '2', '3'][edit.choice % 3]!) : text;
    case 'delete-line':
      return line ? replace(text, line.span.start, line.span.end, '') : text;
  }
}

/** Whether reanalyze checks the coding of this edit per patient group (asked of a copy: a re-read consumes the analysis it is given). */
function byGroups(text: string, edited: string): boolean {
  const result = reread(text, analyze(text, knowledge).doc, edited, knowledge);
  return result !== null && result.claims !== null;
}

describe('void and replacement claims and inpatient bills after an edit', () => {
  it('reanalyze gives what a fresh analysis gives, for any edits of CLM05-1, CLM05-3, CLM01 and the lines', (t) => {
    const seen = { edits: 0, byGroups: 0, changedByClaimEdit: 0 };
    fc.assert(
      fc.property(documentArb, fc.array(editArb, { minLength: 1, maxLength: 5 }), (text, edits) => {
        let previous = analyze(text, knowledge);
        for (const edit of edits) {
          const edited = applyEdit(previous, edit);
          if (edited === previous.text) continue;
          seen.edits++;
          const groups = byGroups(previous.text, edited);
          if (groups) seen.byGroups++;
          const before = JSON.stringify(coding(previous.findings).map((f) => f.message));
          const expected = analyze(edited, knowledge);
          const actual = reanalyze(previous, edited, knowledge);
          assert.deepEqual(comparable(actual), comparable(expected));
          if (groups && ['frequency', 'facility', 'claim-id'].includes(edit.kind) && JSON.stringify(coding(expected.findings).map((f) => f.message)) !== before) seen.changedByClaimEdit++;
          previous = actual;
        }
      }),
      runParameters(250, 2103),
    );
    t.diagnostic(JSON.stringify(seen));
    // The oracle means something only when most edits took the per-group path, and edits of the CLM changed the findings there.
    assert.ok(seen.byGroups > seen.edits * 0.6, JSON.stringify(seen));
    assert.ok(seen.changedByClaimEdit > 30, JSON.stringify(seen));
  });

  it('a claim made a void, or given the id of the claim it replaces, takes the patient\'s other lines out of the checks at once', () => {
    const day = { from: DAYS[0]!, to: DAYS[0]! };
    const claims: WriterClaim[] = [
      { id: 'A1', subscriberId: 'M1', lines: [{ code: '43214', charge: '1.00', date: day }, { code: '96365', charge: '1.00', date: day }] },
      { id: 'X9', subscriberId: 'M2', lines: [{ code: '43214', charge: '1.00', date: day }] },
      { id: 'B1', subscriberId: 'M1', lines: [{ code: '43197', charge: '1.00', date: day }] },
      // An inpatient bill (no table) that replaces nothing yet.
      { id: 'C1', subscriberId: 'M1', facility: '11', frequency: '7', lines: [{ code: '96365', units: '2', charge: '1.00', date: day }] },
    ];
    const text = writeX12(claims, { kind: 'institutional', lineEnding: '\n' }).text;
    let previous = analyze(text, knowledge);
    assert.deepEqual(coding(previous.findings).map((f) => f.rule), ['ptp.conflict']);
    const step = (from: string, to: string, expected: string[]) => {
      assert.ok(previous.text.includes(from), from);
      const edited = previous.text.replace(from, to);
      assert.ok(byGroups(previous.text, edited), 'checked again per patient');
      const fresh = analyze(edited, knowledge);
      previous = reanalyze(previous, edited, knowledge);
      assert.deepEqual(comparable(previous), comparable(fresh));
      assert.deepEqual(coding(previous.findings).map((f) => f.rule), expected, to);
    };
    // B1 voided: its 43197 no longer pairs with A1's 43214; an original again, it does.
    step('CLM*B1*1.00***13:A:1*', 'CLM*B1*1.00***13:A:8*', []);
    step('CLM*B1*1.00***13:A:8*', 'CLM*B1*1.00***13:A:1*', ['ptp.conflict']);
    // C1 (inpatient: no table of its own) takes A1's id: A1 is replaced, under the hospital table too.
    step('CLM*C1*', 'CLM*A1*', []);
    // C1 becomes an outpatient bill: its own 96365 (2 units) is judged, A1's still not.
    step('CLM*A1*1.00***11:A:7*', 'CLM*A1*1.00***13:A:7*', ['mue.exceeded']);
    // C1 an original: A1 and C1 both take part again (their 96365 units summed).
    step('CLM*A1*1.00***13:A:7*', 'CLM*A1*1.00***13:A:1*', ['ptp.conflict', 'mue.exceeded']);
    // B1 becomes a void of A1: both claims A1 and B1 itself are out.
    step('CLM*B1*1.00***13:A:1*', 'CLM*A1*1.00***13:A:8*', []);
  });
});
