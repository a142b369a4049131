// After an edit, reanalyze checks again only the patient groups (patient + PTP/MUE table) whose
// lines changed: those of the claims the re-read removed and of those it read again. The other
// groups keep their findings, moved by the edit's change in length (rules/codingRun.ts,
// DocumentCoding); when the re-read added or removed claims (a CLM typed into a claim), the
// findings that name a claim after them by number are checked again too. Oracle: for any document and any sequence of edits, the result equals a fresh
// analyze() of the edited text, findings in the same order (PTP, then MUE, then add-on codes,
// each in the order the groups' patients first appear). The documents hold several patients over
// several claims, transaction sets and interchanges (837P, 837I and 837D), with PTP conflicts,
// MUE excess and add-on codes; the edits change codes, units, dates, modifiers, rendering
// providers and patient keys (subscriber and patient ids, which move a claim to another group).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyze, reanalyze, type Analysis } from '../../server/src/core/analyze';
import type { Finding } from '../../server/src/core/model';
import { AocTable, type AocRow } from '../../server/src/core/rules/aoc';
import type { Knowledge } from '../../server/src/core/rules/knowledge';
import { emptyMueTables, type MueRow } from '../../server/src/core/rules/mue';
import { reread } from '../../server/src/core/x12/incremental';
import { fuzzKnowledge, runParameters } from '../fuzz/generators';
import { comparable } from './helpers/analysis';
import { writeX12, type ClaimKind, type WriterClaim, type WriterLine } from './helpers/x12-writer';

// ---- knowledge: the fuzz PTP tables, plus MUE and add-on code rows for the codes written ------

function codingKnowledge(): Knowledge {
  const mue = emptyMueTables();
  const rows: Omit<MueRow, 'source' | 'rationale'>[] = [
    { code: '97110', value: 4, mai: 2, kind: 'practitioner' },
    { code: '43214', value: 1, mai: 1, kind: 'practitioner' },
    { code: '20610', value: 2, mai: 3, kind: 'practitioner' },
    { code: 'J1100', value: 0, mai: 2, kind: 'practitioner' },
    { code: '97110', value: 3, mai: 2, kind: 'hospital' },
    { code: '43200', value: 1, mai: 3, kind: 'hospital' },
    { code: 'E0100', value: 1, mai: 2, kind: 'dme' },
  ];
  for (const row of rows) mue[row.kind].add({ ...row, rationale: 'Synthetic', source: 'mue.csv' });
  const aoc = new AocTable();
  const addOns: Partial<AocRow>[] = [
    { addOn: '11045', primary: '11042', type: 1 },
    { addOn: '22614', primary: '22612', type: 3 },
    { addOn: '99292', primary: null, type: 2 },
    // Synthetic: primaries that PTP edits bundle, indicator 0 (43214/43200) and 1 (20610/20605).
    { addOn: '43283', primary: '43200', type: 1 },
    { addOn: '20606', primary: '20605', type: 3 },
  ];
  for (const row of addOns) {
    aoc.add({ addOn: '', primary: null, type: 1, addOnEffective: 20110101, addOnDeletion: null, primaryEffective: 20110101, primaryDeletion: null, notes: '', source: 'aoc.txt', ...row });
  }
  return { ...fuzzKnowledge(), mue, aoc };
}

const knowledge = codingKnowledge();

// ---- documents ----------------------------------------------------------------------------------

/** Codes of PTP pairs (43214/43200, 20610/20605, 99213/36415, 96372/J1100), MUE rows, add-ons and their primaries (some of them bundled), and one in no table. */
const CODES = ['43214', '43214', '43200', '43200', '20610', '20605', '99213', '36415', '96372', 'J1100', '97110', '11045', '11042', '22614', '22612', '99292', '43283', '20606', 'E0100', '12345'];
const DENTAL_CODES = ['D4341', 'D4355', 'D0120'];
const UNITS = ['1', '1', '2', '3', '5', '7', ''];
const MODIFIERS = ['59', 'XS', '25', 'LT'];
const DAYS = [20260310, 20260311, 20260312];
const SUBSCRIBERS = ['M000001', 'M000002', 'M000003'];
const PATIENTS = [null, null, 'P000001', 'P000002'];
const PROVIDERS = ['1234567893', '1111111112'];

const lineArb = (kind: ClaimKind): fc.Arbitrary<WriterLine> =>
  fc
    .record({
      code: fc.constantFrom(...(kind === 'dental' ? DENTAL_CODES : CODES)),
      units: fc.constantFrom(...UNITS),
      day: fc.nat(DAYS.length - 1),
      range: fc.nat(6),
      modifier: fc.option(fc.constantFrom(...MODIFIERS), { freq: 4 }),
      provider: fc.option(fc.constantFrom(...PROVIDERS), { freq: 3 }),
      dated: fc.nat(9),
    })
    .map(({ code, units, day, range, modifier, provider, dated }) => ({
      code,
      units,
      charge: '100.00',
      modifiers: modifier === null ? [] : [modifier],
      // Mostly one day; sometimes a range over the next days; sometimes no line date (the claim's, or none).
      date: dated === 0 ? null : { from: DAYS[day]!, to: range === 0 ? DAYS[DAYS.length - 1]! : DAYS[day]! },
      extraSegments: provider === null ? [] : [['NM1', '82', '1', 'SMITH', 'ANN', '', '', '', 'XX', provider]],
    }));

const claimArb = (kind: ClaimKind): fc.Arbitrary<Omit<WriterClaim, 'id'>> =>
  fc.record({
    subscriberId: fc.constantFrom(...SUBSCRIBERS),
    patientId: fc.constantFrom(...PATIENTS),
    date: fc.option(fc.constant({ from: DAYS[0]!, to: DAYS[0]! }), { freq: 3 }),
    lines: fc.array(lineArb(kind), { minLength: 1, maxLength: 4 }),
  });

/** One interchange: its kind, how many transaction sets, its claims. */
const interchangeArb = fc
  .constantFrom<ClaimKind>('professional', 'professional', 'professional', 'institutional', 'dental')
  .chain((kind) => fc.record({ kind: fc.constant(kind), transactions: fc.integer({ min: 1, max: 3 }), claims: fc.array(claimArb(kind), { minLength: 1, maxLength: 6 }) }));

/** One to three interchanges, one after the other (each a complete ISA..IEA). */
const documentArb: fc.Arbitrary<string> = fc.array(interchangeArb, { minLength: 1, maxLength: 3 }).map((interchanges) => {
  let id = 0;
  return interchanges
    .map(({ kind, transactions, claims }) =>
      writeX12(
        claims.map((claim) => ({ ...claim, id: `CLM${++id}` })),
        { kind, transactions: Math.min(transactions, claims.length), lineEnding: '\n' },
      ).text,
    )
    .join('');
});

// ---- edits --------------------------------------------------------------------------------------

type EditKind = 'code' | 'units' | 'date' | 'modifier' | 'provider' | 'subscriber' | 'patient' | 'delete-line' | 'split-claim' | 'character';

interface Edit {
  kind: EditKind;
  /** Which occurrence (a fraction of the candidates). */
  pick: number;
  /** What is written (an index into the kind's choices). */
  choice: number;
}

const editArb: fc.Arbitrary<Edit> = fc.record({
  kind: fc.constantFrom<EditKind>('code', 'code', 'code', 'units', 'units', 'date', 'date', 'modifier', 'provider', 'subscriber', 'subscriber', 'patient', 'delete-line', 'split-claim', 'character'),
  pick: fc.integer({ min: 0, max: 9999 }).map((n) => n / 10000),
  choice: fc.nat(1000),
});

function replace(text: string, start: number, end: number, by: string): string {
  return text.slice(0, start) + by + text.slice(end);
}

/** Every place `prefix` starts an element run, with where the value after it (to the next '~') is. */
function valuesAfter(text: string, prefix: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  for (let at = text.indexOf(prefix); at >= 0; at = text.indexOf(prefix, at + 1)) {
    const start = at + prefix.length;
    out.push({ start, end: text.indexOf('~', start) });
  }
  return out;
}

function pickOf<T>(items: readonly T[], pick: number): T | undefined {
  return items.length === 0 ? undefined : items[Math.floor(pick * items.length)];
}

/** The edit applied to the analysed text (the text itself when the edit has nothing to act on). */
function applyEdit(previous: Analysis, edit: Edit): string {
  const text = previous.text;
  const lines = previous.doc.claims.flatMap((claim) => claim.lines);
  const line = pickOf(lines, edit.pick);
  switch (edit.kind) {
    case 'code': {
      if (!line || line.code === '') return text;
      const codes = line.qualifier === 'AD' ? DENTAL_CODES : CODES;
      return replace(text, line.codeSpan.start, line.codeSpan.end, codes[edit.choice % codes.length]!);
    }
    case 'units':
      return line?.unitsSpan ? replace(text, line.unitsSpan.start, line.unitsSpan.end, UNITS[edit.choice % UNITS.length]!) : text;
    case 'date': {
      if (!line?.dateSpan || line.dateInherited) return text;
      // A D8 date becomes another day; an RD8 range gets another first day.
      if (line.dateSpan.end - line.dateSpan.start < 8) return text;
      return replace(text, line.dateSpan.start, line.dateSpan.start + 8, String(DAYS[edit.choice % DAYS.length]!));
    }
    case 'modifier': {
      if (!line) return text;
      const modifier = line.modifiers[0];
      if (modifier) return replace(text, modifier.span.start, modifier.span.end, edit.choice % 3 === 0 ? '' : MODIFIERS[edit.choice % MODIFIERS.length]!);
      const insert = line.modifierInsert;
      return insert?.kind === 'x12-composite' ? replace(text, insert.compositeSpan.end, insert.compositeSpan.end, `:${MODIFIERS[edit.choice % MODIFIERS.length]!}`) : text;
    }
    case 'provider': {
      const at = pickOf(valuesAfter(text, 'NM1*82*1*SMITH*ANN****XX*'), edit.pick);
      return at ? replace(text, at.start, at.end, PROVIDERS[edit.choice % PROVIDERS.length]! + (edit.choice % 5 === 0 ? '9' : '')) : text;
    }
    case 'subscriber': {
      const at = pickOf(valuesAfter(text, 'NM1*IL*1*DOE*JANE****MI*'), edit.pick);
      return at ? replace(text, at.start, at.end, SUBSCRIBERS[edit.choice % SUBSCRIBERS.length]!) : text;
    }
    case 'patient': {
      const at = pickOf(valuesAfter(text, 'NM1*QC*1*DOE*JOHN****MI*'), edit.pick);
      return at ? replace(text, at.start, at.end, `P00000${edit.choice % 3}`) : text;
    }
    case 'delete-line':
      return line ? replace(text, line.span.start, line.span.end, '') : text;
    case 'split-claim':
      return line ? replace(text, line.span.start, line.span.start, 'CLM*NEW*100.00***11:B:1*Y*A*Y*Y~\n') : text;
    case 'character': {
      const at = Math.floor(edit.pick * text.length);
      return replace(text, at, at + (edit.choice % 3), ['', '1', '*', '~', ':'][edit.choice % 5]!);
    }
  }
}

// ---- the oracle ---------------------------------------------------------------------------------

type Path = 'groups' | 'every claim' | 'document';

/** How reanalyze checks the coding after this edit (asked of a copy: a re-read consumes the previous analysis). */
function pathOf(text: string, edited: string): Path {
  const result = reread(text, analyze(text, knowledge).doc, edited, knowledge);
  if (result === null) return 'document';
  return result.claims !== null ? 'groups' : 'every claim';
}

function codingOf(findings: readonly Finding[]): string[] {
  return findings.filter((f) => !f.rule.startsWith('x12.') && !f.rule.startsWith('guide.')).map((f) => `${f.rule} ${f.message}`);
}

describe('reanalyze checks again only the patient groups an edit changed', () => {
  it('gives what a fresh analysis gives, findings in the same order, for any edits of multi-patient documents', (t) => {
    const paths: Record<Path, number> = { groups: 0, 'every claim': 0, document: 0 };
    const kinds: Partial<Record<EditKind, number>> = {};
    const seen = { ptp: 0, mue: 0, aoc: 0, changed: 0, movedGroup: 0 };
    fc.assert(
      fc.property(documentArb, fc.array(editArb, { minLength: 1, maxLength: 6 }), (text, edits) => {
        let previous = analyze(text, knowledge);
        for (const edit of edits) {
          const edited = applyEdit(previous, edit);
          if (edited === previous.text) continue;
          const path = pathOf(previous.text, edited);
          paths[path]++;
          kinds[edit.kind] = (kinds[edit.kind] ?? 0) + 1;
          const expected = analyze(edited, knowledge);
          const before = codingOf(previous.findings);
          const keys = previous.doc.claims.map((c) => c.patientKey);
          const actual = reanalyze(previous, edited, knowledge);
          assert.deepEqual(comparable(actual), comparable(expected));
          const after = codingOf(expected.findings);
          if (path === 'groups' && JSON.stringify(before) !== JSON.stringify(after)) seen.changed++;
          if (path === 'groups' && expected.doc.claims.some((c, i) => c.patientKey !== keys[i])) seen.movedGroup++;
          for (const f of expected.findings) {
            if (f.rule.startsWith('ptp.')) seen.ptp++;
            else if (f.rule.startsWith('mue.')) seen.mue++;
            else if (f.rule.startsWith('aoc.')) seen.aoc++;
          }
          previous = actual;
        }
      }),
      runParameters(300, 1401),
    );
    t.diagnostic(`paths: ${JSON.stringify(paths)}; edits: ${JSON.stringify(kinds)}; seen: ${JSON.stringify(seen)}`);
    // The oracle means something only when most edits took the per-group path, changed findings,
    // and moved claims to another patient's group; and every family had findings.
    const all = paths.groups + paths['every claim'] + paths.document;
    assert.ok(paths.groups > all * 0.6, JSON.stringify(paths));
    assert.ok(seen.changed > paths.groups * 0.2, JSON.stringify(seen));
    assert.ok(seen.movedGroup > 20 && seen.ptp > 0 && seen.mue > 0 && seen.aoc > 0, JSON.stringify(seen));
  });

  it('keeps the findings of the groups an edit did not touch, and checks again those it did', () => {
    // Three patients over five claims of one transaction set. M1 and M3 have PTP conflicts across
    // their claims; editing M2's claim checks M2's group alone.
    const day = { from: 20260310, to: 20260310 };
    const claims: WriterClaim[] = [
      { id: 'A', subscriberId: 'M1', lines: [{ code: '43214', charge: '10.00', date: day }] },
      { id: 'B', subscriberId: 'M2', lines: [{ code: '97110', units: '3', charge: '10.00', date: day }] },
      { id: 'C', subscriberId: 'M3', lines: [{ code: '43214', charge: '10.00', date: day }] },
      { id: 'D', subscriberId: 'M1', lines: [{ code: '43200', charge: '10.00', date: day }] },
      { id: 'E', subscriberId: 'M3', lines: [{ code: '43200', charge: '10.00', date: day }] },
    ];
    const text = writeX12(claims, { lineEnding: '\n' }).text;
    const previous = analyze(text, knowledge);
    const conflicts = (a: Analysis) => a.findings.filter((f) => f.rule === 'ptp.conflict');
    assert.equal(conflicts(previous).length, 2);
    const kept = conflicts(previous);
    // Same length: M2's units go over the MUE (3 -> 5); the M1 and M3 findings are the same objects.
    const edited = text.replace('SV1*HC:97110*10.00*UN*3', 'SV1*HC:97110*10.00*UN*5');
    assert.equal(pathOf(text, edited), 'groups');
    const after = reanalyze(previous, edited, knowledge);
    assert.deepEqual(comparable(after), comparable(analyze(edited, knowledge)));
    assert.deepEqual(after.findings.filter((f) => f.rule.startsWith('mue.')).map((f) => f.rule), ['mue.exceeded']);
    assert.equal(conflicts(after)[0], kept[0]);
    assert.equal(conflicts(after)[1], kept[1]);
  });

  it('moves a claim to another group when its subscriber id changes, in the group order a fresh analysis gives', () => {
    // One claim per transaction set. MUE findings are listed by group, in the order each group's
    // patient first appears: M1's (on claim C, first appearing at A) before M2's (on B). A's
    // subscriber becomes M2: A moves to M2's group, M1 now first appears at C, and the order of
    // the two findings turns round.
    const day = { from: 20260310, to: 20260310 };
    const units = (n: string): WriterLine[] => [{ code: '97110', units: n, charge: '10.00', date: day }];
    const claims: WriterClaim[] = [
      { id: 'A', subscriberId: 'M1', lines: units('1') },
      { id: 'B', subscriberId: 'M2', lines: [...units('5'), { code: '43214', charge: '10.00', date: day }] },
      { id: 'C', subscriberId: 'M1', lines: [...units('5'), { code: '43200', charge: '10.00', date: day }] },
    ];
    const text = writeX12(claims, { lineEnding: '\n', transactions: 3 }).text;
    let previous = analyze(text, knowledge);
    const summary = (a: Analysis) =>
      a.findings.filter((f) => !f.rule.startsWith('x12.')).map((f) => `${f.rule} on claim ${f.data?.kind === 'mue' ? f.data.lines.at(-1)!.claimIndex : f.data?.kind === 'ptp' ? f.data.claimIndex : '-'}`);
    assert.deepEqual(summary(previous), ['mue.exceeded on claim 2', 'mue.exceeded on claim 1']);
    const subscriber = 'NM1*IL*1*DOE*JANE****MI*';
    const at = text.indexOf(`${subscriber}M1~`);
    const edited = text.slice(0, at) + `${subscriber}M2~` + text.slice(at + subscriber.length + 3);
    assert.equal(pathOf(text, edited), 'groups');
    previous = reanalyze(previous, edited, knowledge);
    assert.deepEqual(comparable(previous), comparable(analyze(edited, knowledge)));
    assert.deepEqual(summary(previous), ['mue.exceeded on claim 1', 'mue.exceeded on claim 2']);
    // C's subscriber becomes M2 too: one group of three claims, B's 43214 and C's 43200 now conflict.
    const second = previous.text.lastIndexOf(`${subscriber}M1~`);
    const again = previous.text.slice(0, second) + `${subscriber}M2~` + previous.text.slice(second + subscriber.length + 3);
    assert.equal(pathOf(previous.text, again), 'groups');
    previous = reanalyze(previous, again, knowledge);
    assert.deepEqual(comparable(previous), comparable(analyze(again, knowledge)));
    assert.deepEqual(summary(previous), ['ptp.conflict on claim 2', 'mue.exceeded on claim 2']);
  });
});
