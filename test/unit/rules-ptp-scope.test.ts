// Issue 12, the scope of the PTP check (which lines are paired: the same patient and table across
// claims; the same provider, or another rendering provider of the same billing provider; which
// row of a table is in force; which modifiers let an indicator-1 edit pass), as a differential
// test: random claims against random tables, checkPtp (its class path and its pairwise loop)
// against a plain reference written here from the rules as issue 12 states them.
// The real CMS rows are rules-ptp-cms-rows.test.ts's; what the readers give the grouping,
// rules-ptp-grouping.test.ts's.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import type { Claim, ClaimKind, DateRange, Finding, PtpTableKind } from '../../server/src/core/model';
import { BUILTIN_SOURCE, checkPtp, PtpRuleSet, type PtpRow } from '../../server/src/core/rules';
import { runParameters } from '../fuzz/generators';
import { claimsOf, type LineSpec } from '../fuzz/ptpPathsOracle';


/** A table row as the test keeps it: the row, and the file it came from ('builtin' or a loaded table). */
interface RawRow {
  row: PtpRow;
  source: string;
}

interface RawTables {
  practitioner: RawRow[];
  hospital: RawRow[];
}

/** What the reference expects of one finding (messages aside). */
interface Expected {
  rule: string;
  severity: string;
  span: { start: number; end: number };
  codes: string[];
  related: { span: { start: number; end: number }; message: string }[];
  data?: Record<string, unknown>;
  /** How the message names the column-1 line. */
  where: string;
  /** The rationale of the row that fired, as the message quotes it (each test row has its own). */
  rationale: string;
}

/** 27: on an E/M code of an outpatient hospital claim (837I) only, a hospital outpatient modifier. */
const HOSPITAL_EM = new Set(['27']);
/** 58, 78 and 79: on either line, but not on an E/M code (procedures in a postoperative period; a visit there takes 24). */
const SURGICAL_LINE = new Set(['58', '78', '79']);
/** 59 and the X modifiers: on either line, but not on an E/M code (CMS says not to use them on an E/M service). */
const PROCEDURE_LINE = new Set(['59', 'XE', 'XS', 'XP', 'XU']);
const WITH_EM = new Set(['24', '25', '57']);
const ANATOMIC = new Set([
  'E1', 'E2', 'E3', 'E4', 'FA', 'F1', 'F2', 'F3', 'F4', 'F5', 'F6', 'F7', 'F8', 'F9',
  'TA', 'T1', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'T8', 'T9', 'LT', 'RT', 'LC', 'LD', 'LM', 'RC', 'RI',
]);

function refIsEm(code: string): boolean {
  return /^\d{5}$/.test(code) && Number(code) >= 99202 && Number(code) <= 99499;
}

function refIsLab(code: string): boolean {
  if (/^\d{4}U$/i.test(code)) return true;
  return /^\d{5}$/.test(code) && Number(code) >= 80047 && Number(code) <= 89398;
}

interface RefLine {
  order: number;
  claim: Claim;
  claimPosition: number;
  lineIndex: number;
  code: string;
  from: number;
  to: number;
  mods: Set<string>;
  provider: string;
  billing: string;
}

/**
 * Whether an indicator-1 edit between the two lines (a in column 1, b in column 2) is satisfied by
 * their modifiers. `onePractitioner`: both lines are by one person, so XP (a separate
 * practitioner) says what the claim says is not so and does not count.
 */
function refBypassed(a: RefLine, b: RefLine, onePractitioner = false): boolean {
  for (const line of [a, b]) if (refIsEm(line.code) && line.claim.kind === 'institutional' && [...line.mods].some((m) => HOSPITAL_EM.has(m))) return true;
  for (const line of [a, b]) if (!refIsEm(line.code) && [...line.mods].some((m) => SURGICAL_LINE.has(m))) return true;
  // 59 and the X modifiers: not on an E/M line, and not on the column-1 line against an E/M code in column 2 (that visit takes 25).
  const distinct = (line: RefLine) => !refIsEm(line.code) && [...line.mods].some((m) => PROCEDURE_LINE.has(m) && !(onePractitioner && m === 'XP'));
  if (distinct(b) || (distinct(a) && !refIsEm(b.code))) return true;
  if (a.mods.has('91') && refIsLab(a.code)) return true;
  if (b.mods.has('91') && refIsLab(b.code)) return true;
  // 24, 25 and 57 are E/M modifiers: they count on an E/M line only.
  if (refIsEm(a.code) && [...a.mods].some((m) => WITH_EM.has(m))) return true;
  if (refIsEm(b.code) && [...b.mods].some((m) => WITH_EM.has(m))) return true;
  // Anatomic: sites on both lines, none of them on both (a side and a digit or eyelid on it are one site).
  // On an E/M code an anatomic modifier names no site.
  const sitesA = refIsEm(a.code) ? [] : [...a.mods].filter((m) => ANATOMIC.has(m));
  const sitesB = refIsEm(b.code) ? [] : [...b.mods].filter((m) => ANATOMIC.has(m));
  const same = (x: string, y: string) => x === y || REF_SIDE[x] === y || REF_SIDE[y] === x;
  return sitesA.length > 0 && sitesB.length > 0 && !sitesA.some((site) => sitesB.some((other) => same(site, other)));
}

/** The side of each digit's and eyelid's anatomic modifier. */
const REF_SIDE: Record<string, string> = Object.fromEntries([
  ...'E1 E2 FA F1 F2 F3 F4 TA T1 T2 T3 T4'.split(' ').map((m) => [m, 'LT']),
  ...'E3 E4 F5 F6 F7 F8 F9 T5 T6 T7 T8 T9'.split(' ').map((m) => [m, 'RT']),
]);

/** Calendar days from..to (CCYYMMDD numbers), in order. */
function daysOf(from: number, to: number): number[] {
  const toDate = (n: number) => Date.UTC(Math.floor(n / 10000), Math.floor(n / 100) % 100 - 1, n % 100);
  const out: number[] = [];
  for (let t = toDate(from); t <= toDate(to); t += 86_400_000) {
    const d = new Date(t);
    out.push(d.getUTCFullYear() * 10000 + (d.getUTCMonth() + 1) * 100 + d.getUTCDate());
  }
  return out;
}

const RANK: Record<string, number> = { '0': 2, '1': 1, '9': 0 };

/** The row of the pair in force on `day` (0 over 1 over 9, then latest effective, then last added), or null. */
function refWinner(rows: readonly RawRow[], day: number): RawRow | null {
  let best: RawRow | null = null;
  for (const r of rows) {
    const { effective, deletion, modifierIndicator } = r.row;
    if (effective > day || (deletion !== null && day > deletion)) continue;
    if (best === null) {
      best = r;
      continue;
    }
    const rank = RANK[modifierIndicator]!;
    const bestRank = RANK[best.row.modifierIndicator]!;
    if (rank > bestRank || (rank === bestRank && effective >= best.row.effective)) best = r;
  }
  return best;
}

/** The row by which `one` (column 1) bundles `two` on the first day of [from, to] that an edit is in force, or null. */
function refApplies(table: readonly RawRow[], one: RefLine, two: RefLine, from: number, to: number, onePractitioner: boolean): PtpRow | null {
  let rows = table.filter((r) => r.row.columnOne === one.code && r.row.columnTwo === two.code);
  // A loaded table with rows of the column-1 code decides all its pairs; the built-in set only where none has.
  if (table.some((r) => r.row.columnOne === one.code && r.source !== 'builtin')) rows = rows.filter((r) => r.source !== 'builtin');
  if (rows.length === 0) return null;
  // A 0 row in force on any day of the overlap decides; else the 1 row of the first day one is in
  // force, which the modifiers may satisfy (an RD8 range is one service).
  let first: PtpRow | null = null;
  for (const day of daysOf(from, to)) {
    const winner = refWinner(rows, day);
    if (winner === null || winner.row.modifierIndicator === '9') continue;
    if (winner.row.modifierIndicator === '0') return winner.row;
    first ??= winner.row;
  }
  if (first !== null && refBypassed(one, two, onePractitioner)) return null;
  if (first !== null && onePractitioner && refBypassed(one, two)) xpOnOnePractitioner++;
  return first;
}

function refTableOf(kind: ClaimKind | null): PtpTableKind | null {
  return kind === 'institutional' ? 'hospital' : kind === 'dental' ? null : 'practitioner';
}

/** checkPtp as issue 12 states it, the slow and plain way. */
function referencePtp(claims: readonly Claim[], raw: RawTables): Expected[] {
  // Groups by (table, patient), in the order their first line with a code of the table appears.
  const groups = new Map<string, { table: PtpTableKind; lines: RefLine[] }>();
  let order = 0;
  claims.forEach((claim, claimPosition) => {
    const table = refTableOf(claim.kind);
    for (const line of claim.lines) {
      const at = order++;
      if (table === null || line.code === '' || line.dateOfService === null) continue;
      const code = line.code.trim().toUpperCase();
      if (!raw[table].some((r) => r.row.columnOne === code || r.row.columnTwo === code)) continue;
      const key = `${table}|${claim.patientKey}`;
      if (!groups.has(key)) groups.set(key, { table, lines: [] });
      groups.get(key)!.lines.push({
        order: at,
        claim,
        claimPosition,
        lineIndex: line.index,
        code,
        from: line.dateOfService.from,
        to: line.dateOfService.to,
        mods: new Set(line.modifiers.map((m) => m.value.trim().toUpperCase())),
        // An 837I's provider is the hospital that bills, whichever physicians it names.
        provider: claim.kind === 'institutional' ? (claim.billingProviderId ?? '') : (line.providerId ?? claim.renderingProviderId ?? claim.billingProviderId ?? ''),
        billing: claim.billingProviderId ?? '',
      });
    }
  });

  const out: Expected[] = [];
  for (const { table, lines } of groups.values()) {
    // People: providers some line of the group names as its rendering provider (its own or its
    // claim's), not its billing provider; or, on a practitioner's claim that names none, a billing
    // provider that is a person (NM102 1).
    const people = new Set(lines.filter((l) => l.provider !== '' && (l.provider !== l.billing || (l.claim.billingProviderPerson === true && table === 'practitioner'))).map((l) => l.provider));
    const found: { one: RefLine; two: RefLine; row: PtpRow; same: boolean }[] = [];
    const seen = new Set<string>();
    for (let i = 0; i < lines.length; i++) {
      for (let j = i + 1; j < lines.length; j++) {
        const a = lines[i]!;
        const b = lines[j]!;
        if (a.code === b.code) continue;
        const from = Math.max(a.from, b.from);
        const to = Math.min(a.to, b.to);
        if (from > to) continue;
        const same = a.provider === b.provider;
        if (!same && a.billing !== b.billing) continue;
        let one = a;
        let two = b;
        const onePerson = same && people.has(a.provider);
        let row = refApplies(raw[table], a, b, from, to, onePerson);
        if (row === null) {
          one = b;
          two = a;
          row = refApplies(raw[table], b, a, from, to, onePerson);
        }
        if (row === null) continue;
        const key = `${two.order}|${one.code}|${same}`;
        if (seen.has(key)) continue;
        seen.add(key);
        found.push({ one, two, row, same });
      }
    }
    const conflicts = new Set(found.filter((f) => f.same).map((f) => `${f.two.order}|${f.one.code}`));
    for (const { one, two, row, same } of found) {
      if (!same && conflicts.has(`${two.order}|${one.code}`)) continue;
      const twoLine = two.claim.lines[two.lineIndex]!;
      const oneLine = one.claim.lines[one.lineIndex]!;
      const label = `service line ${oneLine.lineNumber}`;
      out.push({
        rule: !same ? 'ptp.other-rendering-provider' : row.modifierIndicator === '0' ? 'ptp.conflict' : 'ptp.modifier-required',
        severity: !same ? 'information' : row.modifierIndicator === '0' ? 'error' : 'warning',
        span: twoLine.codeSpan,
        codes: [row.columnOne, row.columnTwo],
        related: [{ span: oneLine.codeSpan, message: `Column 1 code ${row.columnOne} is on this line` }],
        // Another rendering provider's pair carries its edit too, marked (its quick fix is XP, and no fix removes a line).
        data: {
          kind: 'ptp',
          columnOne: row.columnOne,
          columnTwo: row.columnTwo,
          modifierIndicator: row.modifierIndicator,
          table,
          claimIndex: two.claim.index,
          columnTwoLine: two.lineIndex,
          columnOneClaim: one.claim.index,
          columnOneLine: one.lineIndex,
          ...(raw[table].find((r) => r.row === row)!.source === BUILTIN_SOURCE ? { builtin: true } : {}),
          ...(same ? {} : { otherProvider: true }),
        },
        where: one.claimPosition === two.claimPosition ? `(${label})` : `(claim ${one.claim.index + 1}, ${label})`,
        rationale: row.rationale,
      });
    }
  }
  return out;
}

/** The product's findings in the reference's terms. */
function comparable(findings: readonly Finding[]): Expected[] {
  return findings.map((f) => {
    const where = /\((claim \d+, )?service line \d+\)/.exec(f.message)?.[0] ?? `no line label in: ${f.message}`;
    const rationale = /, column 2 \w+ \(([^()]*)\), modifier indicator/.exec(f.message)?.[1] ?? `no rationale in: ${f.message}`;
    return {
      rule: f.rule,
      severity: f.severity,
      span: f.span,
      codes: f.codes ?? [],
      related: f.related ?? [],
      ...(f.data ? { data: { ...f.data } } : {}),
      where,
      rationale,
    };
  });
}

function ruleSetOf(rows: readonly RawRow[]): PtpRuleSet {
  const rules = new PtpRuleSet();
  for (const { row, source } of rows) rules.add(row, source);
  return rules;
}

// Service days around a month end (RD8 ranges cross it) and the table dates around them.
const DAYS = [20240130, 20240131, 20240201, 20240202, 20240203];
const TABLE_DATES = [20230101, 20240130, 20240131, 20240201, 20240202, 20240203];
const CODES = ['43214', '43200', '99213', '80053', '80048', '0001U', '20610'];
const MODIFIER_SETS: string[][] = [
  [], [], [], ['RT'], ['LT'], ['RT', 'LT'], ['rt'], ['F1'], ['25'], ['24'], ['91'], ['59'], ['XS'], ['22'], ['RT', '25'], ['91', 'LT'],
  ['79'], ['58', 'RT'], ['27'], ['XP'], ['XP', 'XS'],
];

function rowArb(codes: readonly string[]): fc.Arbitrary<RawRow> {
  return fc
    .record({
      pair: fc.uniqueArray(fc.constantFrom(...codes), { minLength: 2, maxLength: 2 }),
      effective: fc.constantFrom(...TABLE_DATES),
      deletion: fc.option(fc.constantFrom(...TABLE_DATES), { nil: null, freq: 3 }),
      modifierIndicator: fc.constantFrom<'0' | '1' | '9'>('0', '1', '1', '9'),
      tombstone: fc.boolean(),
      builtin: fc.constantFrom(false, false, false, true),
    })
    .map(({ pair, effective, deletion, modifierIndicator, tombstone, builtin }) => ({
      row: {
        columnOne: pair[0]!,
        columnTwo: pair[1]!,
        preexisting: false,
        effective,
        // CMS writes a 9 row with deletion = effective; other rows end on or after they start.
        deletion: modifierIndicator === '9' && tombstone ? effective : deletion !== null && deletion < effective ? null : deletion,
        modifierIndicator,
        rationale: '',
      },
      source: builtin ? BUILTIN_SOURCE : 'loaded.txt',
    }));
}

const dateArb: fc.Arbitrary<DateRange | null> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...DAYS).map((d) => ({ from: d, to: d })) },
  { weight: 3, arbitrary: fc.tuple(fc.constantFrom(...DAYS), fc.constantFrom(...DAYS)).map(([a, b]) => ({ from: Math.min(a, b), to: Math.max(a, b) })) },
  { weight: 1, arbitrary: fc.constant(null) },
);

function lineArb(codes: readonly string[]): fc.Arbitrary<LineSpec> {
  return fc.record({
    code: fc.oneof({ weight: 12, arbitrary: fc.constantFrom(...codes) }, { weight: 1, arbitrary: fc.constantFrom('', '0001u', '99999') }),
    date: dateArb,
    modifiers: fc.constantFrom(...MODIFIER_SETS),
    provider: fc.constantFrom<string | undefined>(undefined, undefined, undefined, 'R1', 'R2'),
  });
}

interface ClaimSpec {
  patient: number;
  kind: ClaimKind | null;
  billing: string | null;
  /** The billing provider is a person (NM102 1). */
  billingPerson: boolean;
  rendering: string | null;
  lines: LineSpec[];
}

function claimArb(codes: readonly string[], patients: number, maxLines: number): fc.Arbitrary<ClaimSpec> {
  return fc.record({
    patient: fc.nat(patients - 1),
    kind: fc.constantFrom<ClaimKind | null>('professional', 'professional', 'institutional', 'institutional', 'dental', null),
    billing: fc.constantFrom<string | null>('B1', 'B1', 'B2', null),
    billingPerson: fc.boolean(),
    rendering: fc.constantFrom<string | null>(null, null, 'R1', 'R2', 'B1'),
    lines: fc.array(lineArb(codes), { minLength: 1, maxLength: maxLines }),
  });
}

function caseArb(codes: readonly string[], maxRows: number, maxClaims: number, maxLines: number) {
  return fc.integer({ min: 2, max: 4 }).chain((patients) =>
    fc.record({
      practitioner: fc.array(rowArb(codes), { minLength: 1, maxLength: maxRows }),
      hospital: fc.array(rowArb(codes), { minLength: 0, maxLength: maxRows }),
      claims: fc.array(claimArb(codes, patients, maxLines), { minLength: 2, maxLength: maxClaims }),
    }),
  );
}

function buildClaims(specs: readonly ClaimSpec[]): Claim[] {
  const claims = claimsOf(
    specs.map((s) => s.lines),
    false,
    specs.map((s) => `patient-${s.patient}`),
  );
  return claims.map((claim, i) => ({ ...claim, kind: specs[i]!.kind, billingProviderId: specs[i]!.billing, billingProviderPerson: specs[i]!.billingPerson, renderingProviderId: specs[i]!.rendering }));
}

let comparedFindings = 0;
/** Pairs the reference reports only because XP does not count on one practitioner's lines. */
let xpOnOnePractitioner = 0;
const seenKinds = new Set<string>();

/** Each row gets a rationale of its own, so a finding shows which of several rows fired. */
function named(rows: readonly RawRow[], table: string): RawRow[] {
  return rows.map((r, i) => ({ ...r, row: { ...r.row, rationale: `${table} row ${i}, ${r.source}, ${r.row.modifierIndicator}` } }));
}

function checkAgainstReference(input: { practitioner: RawRow[]; hospital: RawRow[]; claims: ClaimSpec[] }): void {
  const practitioner = named(input.practitioner, 'practitioner');
  const hospital = named(input.hospital, 'hospital');
  const claims = buildClaims(input.claims);
  const tables = { practitioner: ruleSetOf(practitioner), hospital: ruleSetOf(hospital) };
  const expected = referencePtp(claims, { practitioner, hospital });
  comparedFindings += expected.length;
  for (const e of expected) seenKinds.add(`${e.rule} ${String(e.data?.table ?? '')} ${e.where.startsWith('(claim') ? 'other claim' : 'same claim'}`);
  assert.deepEqual(comparable(checkPtp(claims, tables, true, Infinity)), expected, 'pairwise loop');
  assert.deepEqual(comparable(checkPtp(claims, tables, true, 0)), expected, 'class path');
}

describe('PTP check against a plain reference (issue 12)', () => {
  test('the reference itself: rows, modifiers and days', () => {
    const line = (code: string, mods: string[], kind: 'professional' | 'institutional' = 'professional'): RefLine => ({
      order: 0, claim: { kind } as never, claimPosition: 0, lineIndex: 0, code, from: 0, to: 0, mods: new Set(mods), provider: '', billing: '',
    });
    assert.equal(refBypassed(line('99213', [], 'institutional'), line('99212', ['27'], 'institutional')), true, '27 on a hospital\'s E/M code');
    assert.equal(refBypassed(line('99213', []), line('99212', ['27'])), false, '27 on a practitioner\'s E/M code');
    assert.equal(refBypassed(line('20610', ['27'], 'institutional'), line('99212', [], 'institutional')), false, '27 on a hospital\'s procedure');
    assert.equal(refBypassed(line('20610', ['RT']), line('20605', ['RT'])), false, 'the same site');
    assert.equal(refBypassed(line('20610', ['RT']), line('20605', [])), false, 'a site on one line only');
    assert.equal(refBypassed(line('20610', ['RT']), line('20605', ['LT'])), true);
    assert.equal(refBypassed(line('20610', ['25']), line('20605', [])), false, '25 without an E/M code');
    assert.equal(refBypassed(line('20610', []), line('99213', ['25'])), true);
    assert.equal(refBypassed(line('20610', ['25']), line('99213', [])), false, '25 on the line that is not the E/M code');
    assert.equal(refBypassed(line('20610', ['59']), line('99213', [])), false, '59 on the procedure against an E/M code in column 2');
    assert.equal(refBypassed(line('99213', []), line('20610', ['59'])), true, '59 on the procedure in column 2');
    assert.equal(refBypassed(line('20610', ['XS']), line('20605', [])), true, 'XS on the column-1 procedure against a procedure');
    assert.equal(refBypassed(line('20610', ['RT']), line('20605', ['LT', 'RT'])), false, 'a site on both lines');
    assert.equal(refBypassed(line('80053', ['91']), line('20605', [])), true, '91 on a laboratory code');
    assert.equal(refBypassed(line('20610', []), line('20605', ['XP'])), true, 'XP on lines of two practitioners');
    assert.equal(refBypassed(line('20610', []), line('20605', ['XP']), true), false, 'XP on one practitioner\'s lines');
    assert.equal(refBypassed(line('20610', ['XP']), line('20605', ['XS']), true), true, 'XS beside XP on one practitioner\'s lines');
    assert.equal(refBypassed(line('20610', ['91']), line('80053', [])), false, '91 on a code that is not a laboratory code');
    assert.deepEqual(daysOf(20240130, 20240202), [20240130, 20240131, 20240201, 20240202]);
    const row = (modifierIndicator: '0' | '1' | '9', effective: number, deletion: number | null): RawRow => ({
      row: { columnOne: '43214', columnTwo: '43200', preexisting: false, effective, deletion, modifierIndicator, rationale: '' },
      source: 'x',
    });
    assert.equal(refWinner([row('9', 20240101, null), row('1', 20230101, null)], 20240201)!.row.modifierIndicator, '1');
    assert.equal(refWinner([row('1', 20240101, null), row('0', 20230101, 20240131)], 20240131)!.row.modifierIndicator, '0');
    assert.equal(refWinner([row('1', 20240101, null), row('0', 20230101, 20240131)], 20240201)!.row.modifierIndicator, '1');
  });

  test('random claims of 2-4 patients against random practitioner and hospital tables', () => {
    comparedFindings = 0;
    xpOnOnePractitioner = 0;
    seenKinds.clear();
    fc.assert(fc.property(caseArb(CODES, 12, 10, 6), checkAgainstReference), runParameters(5500, 1201));
    assert.ok(comparedFindings > 3000, `only ${comparedFindings} findings compared`);
    assert.ok(xpOnOnePractitioner > 20, `only ${xpOnOnePractitioner} pairs of one practitioner's lines with XP`);
    // Every rule, from both tables, on lines of the same claim and of another claim.
    assert.equal(seenKinds.size, 10, [...seenKinds].join('; '));
  });

  test('few codes, many copies: the class path sees classes of several lines', () => {
    fc.assert(fc.property(caseArb(CODES.slice(0, 4), 10, 12, 8), checkAgainstReference), runParameters(400, 1202));
  });

  // Over an RD8 overlap a 0 row in force on any day wins over a 1 row of an earlier day, so a
  // wider range of service never reports less than a narrower one.
  test('an RD8 overlap across a change of the table: a 0 row in force on a later day is reported', () => {
    const rows: RawRow[] = [
      { row: { columnOne: '43214', columnTwo: '43200', preexisting: false, effective: 20230101, deletion: 20240131, modifierIndicator: '1', rationale: 'old' }, source: 'loaded.txt' },
      { row: { columnOne: '43214', columnTwo: '43200', preexisting: false, effective: 20240201, deletion: null, modifierIndicator: '0', rationale: 'new' }, source: 'loaded.txt' },
    ];
    const tables = { practitioner: ruleSetOf(rows), hospital: new PtpRuleSet() };
    const rulesOn = (from: number, to: number, modifiers: string[]) =>
      checkPtp(claimsOf([[{ code: '43214', date: { from, to }, modifiers: [] }, { code: '43200', date: { from, to }, modifiers }]], false, ['p']), tables).map((f) => f.rule);
    assert.deepEqual(rulesOn(20240201, 20240202, ['XS']), ['ptp.conflict'], 'only days of the 0 row');
    assert.deepEqual(rulesOn(20240130, 20240202, ['XS']), ['ptp.conflict'], 'the same days and two more before');
    assert.deepEqual(rulesOn(20240130, 20240202, []), ['ptp.conflict']);
  });

  test('more than 64 distinct codes in one patient group (the class path asks the index for column-1 codes)', () => {
    const many = Array.from({ length: 90 }, (_, i) => String(20100 + i));
    many.push('99213', '80053', '0001U');
    const arb = fc.record({
      practitioner: fc.array(rowArb(many), { minLength: 100, maxLength: 300 }),
      hospital: fc.constant([] as RawRow[]),
      claims: fc.array(
        fc.record({
          patient: fc.constant(0),
          kind: fc.constant<ClaimKind | null>('professional'),
          billing: fc.constantFrom<string | null>('B1', 'B1', 'B2'),
          billingPerson: fc.boolean(),
          rendering: fc.constantFrom<string | null>(null, 'R1'),
          lines: fc.array(lineArb(many), { minLength: 40, maxLength: 60 }),
        }),
        { minLength: 2, maxLength: 3 },
      ),
    });
    // No shrinking: a counterexample of a hundred lines shrinks for minutes.
    fc.assert(fc.property(arb, checkAgainstReference), { ...runParameters(40, 1203), endOnFailure: true });
  });
});
