// Issue 12, the scope of the PTP check: which lines are paired (the same patient and table across
// claims; the same provider, or another rendering provider of the same billing provider), which
// row of a table is in force, and which modifiers let an indicator-1 edit pass.
// 1. A differential test: random claims against random tables, checkPtp (its class path and its
//    pairwise loop) against a plain reference written here from the rules as issue 12 states them.
// 2. The real CMS rows (excerpts of the CMS downloads, copied in as strings) through loadPtpTable
//    and loadKnowledge.
// 3. What the X12 and CSV readers give the grouping (patient, providers, claim kind), and the
//    whole path: analyze, and fix-all across two claims.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { analyze } from '../../server/src/core/analyze';
import { applyEdits } from '../../server/src/core/edits';
import { fixAll } from '../../server/src/core/fixes';
import type { Claim, ClaimKind, DateRange, Finding, PtpFindingData, PtpTableKind } from '../../server/src/core/model';
import { BUILTIN_SOURCE, checkPtp, emptyKnowledge, loadKnowledge, loadPtpTable, PtpRuleSet, type PtpRow } from '../../server/src/core/rules';
import { runParameters } from '../fuzz/generators';
import { claimsOf, type LineSpec } from '../fuzz/ptpPathsOracle';
import { writeTransactions, type SegmentSpec } from './helpers/x12-writer';

// =============================================================================================
// 1. Differential test
// =============================================================================================

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

const EITHER_LINE = new Set(['59', 'XE', 'XS', 'XP', 'XU', '27', '58', '78', '79']);
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

/** Whether an indicator-1 edit between the two lines is satisfied by their modifiers. */
function refBypassed(a: RefLine, b: RefLine): boolean {
  for (const m of [...a.mods, ...b.mods]) if (EITHER_LINE.has(m)) return true;
  if (a.mods.has('91') && refIsLab(a.code)) return true;
  if (b.mods.has('91') && refIsLab(b.code)) return true;
  // 24, 25 and 57 are E/M modifiers: they count on an E/M line only.
  if (refIsEm(a.code) && [...a.mods].some((m) => WITH_EM.has(m))) return true;
  if (refIsEm(b.code) && [...b.mods].some((m) => WITH_EM.has(m))) return true;
  // Anatomic: sites on both lines, none of them on both.
  const sitesA = [...a.mods].filter((m) => ANATOMIC.has(m));
  const sitesB = [...b.mods].filter((m) => ANATOMIC.has(m));
  return sitesA.length > 0 && sitesB.length > 0 && !sitesA.some((site) => sitesB.includes(site));
}

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
function refApplies(table: readonly RawRow[], one: RefLine, two: RefLine, from: number, to: number): PtpRow | null {
  let rows = table.filter((r) => r.row.columnOne === one.code && r.row.columnTwo === two.code);
  if (rows.some((r) => r.source !== 'builtin')) rows = rows.filter((r) => r.source !== 'builtin');
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
  if (first !== null && refBypassed(one, two)) return null;
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
        let row = refApplies(raw[table], a, b, from, to);
        if (row === null) {
          one = b;
          two = a;
          row = refApplies(raw[table], b, a, from, to);
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
        ...(same
          ? {
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
              },
            }
          : {}),
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
  rendering: string | null;
  lines: LineSpec[];
}

function claimArb(codes: readonly string[], patients: number, maxLines: number): fc.Arbitrary<ClaimSpec> {
  return fc.record({
    patient: fc.nat(patients - 1),
    kind: fc.constantFrom<ClaimKind | null>('professional', 'professional', 'institutional', 'institutional', 'dental', null),
    billing: fc.constantFrom<string | null>('B1', 'B1', 'B2', null),
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
  return claims.map((claim, i) => ({ ...claim, kind: specs[i]!.kind, billingProviderId: specs[i]!.billing, renderingProviderId: specs[i]!.rendering }));
}

let comparedFindings = 0;
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
    const line = (code: string, mods: string[]): RefLine => ({
      order: 0, claim: null as never, claimPosition: 0, lineIndex: 0, code, from: 0, to: 0, mods: new Set(mods), provider: '', billing: '',
    });
    assert.equal(refBypassed(line('20610', ['RT']), line('20605', ['RT'])), false, 'the same site');
    assert.equal(refBypassed(line('20610', ['RT']), line('20605', [])), false, 'a site on one line only');
    assert.equal(refBypassed(line('20610', ['RT']), line('20605', ['LT'])), true);
    assert.equal(refBypassed(line('20610', ['25']), line('20605', [])), false, '25 without an E/M code');
    assert.equal(refBypassed(line('20610', []), line('99213', ['25'])), true);
    assert.equal(refBypassed(line('20610', ['25']), line('99213', [])), false, '25 on the line that is not the E/M code');
    assert.equal(refBypassed(line('20610', ['RT']), line('20605', ['LT', 'RT'])), false, 'a site on both lines');
    assert.equal(refBypassed(line('80053', ['91']), line('20605', [])), true, '91 on a laboratory code');
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
    seenKinds.clear();
    fc.assert(fc.property(caseArb(CODES, 12, 10, 6), checkAgainstReference), runParameters(5000, 1201));
    assert.ok(comparedFindings > 3000, `only ${comparedFindings} findings compared`);
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

// =============================================================================================
// 2. Real CMS rows
// =============================================================================================

/**
 * Rows of the CMS practitioner table v32.2 (ccipra-v322r0-f1, 2026 Q3) exactly as CMS writes them:
 * its 6 preamble lines, tab-separated, CRLF: a selection of the download's rows, unchanged,
 * plus two same-key duplicates that v32.2 holds (13121/13120, 17000/17281).
 */
const CCIPRA_EXCERPT = [
  'CPT only copyright 2025 American Medical Association.  All rights reserved.\t\t\t\t\t\t',
  'Column1/Column2 Edits\t\t\t\t\t\t',
  'Column 1\tColumn 2\t*=in existence\tEffective\tDeletion\tModifier\tPTP Edit Rationale',
  '\t\tprior to 1996\tDate\tDate\t0=not allowed\t',
  '\t\t\t\t*=no data\t1=allowed\t',
  '\t\t\t\t\t9=not applicable\t',
  '0001A\t0591T\t\t20220101\t20231231\t1\tCPT Manual or CMS manual coding instruction',
  '0001A\t36591\t\t20220101\t20231231\t0\tCPT Manual or CMS manual coding instruction',
  '0001A\t90473\t\t20220101\t20220101\t9\tCPT Manual or CMS manual coding instruction',
  '0001A\t99213\t\t20220101\t20231231\t1\tCPT Manual or CMS manual coding instruction',
  '0001A\t99241\t\t20220101\t20221231\t1\tCPT Manual or CMS manual coding instruction',
  '0001A\tG0008\t\t20220101\t20220101\t9\tMutually exclusive procedures',
  '0001M\t36591\t\t20151001\t20151001\t9\tCPT Manual or CMS manual coding instruction',
  '0001M\t80053\t\t20170401\t20181231\t0\tMisuse of Column Two code with Column One code',
  '0001M\t80500\t\t20170401\t20181231\t1\tMisuse of Column Two code with Column One code',
  '0001T\t0002T\t\t20030101\t20040331\t1\tMutually exclusive procedures',
  '0001U\t0028U\t\t20180701\t20180930\t1\tMisuse of Column Two code with Column One code',
  '0001U\t0030U\t\t20180701\t*\t1\tMisuse of Column Two code with Column One code',
  '0001U\t0053U\t\t20190101\t20230630\t1\tMisuse of Column Two code with Column One code',
  '0001U\t80500\t\t20180101\t20211231\t1\tMisuse of Column Two code with Column One code',
  '0001U\t80503\t\t20220101\t*\t1\tMisuse of Column Two code with Column One code',
  '13121\t13120\t\t19960101\t19960101\t9\tStandards of medical/surgical practice',
  '13121\t13120\t*\t19960101\t*\t0\tStandards of medical/surgical practice',
  '17000\t17281\t\t19990701\t20041231\t1\tMutually exclusive procedures',
  '17000\t17281\t\t19990701\t19990701\t9\tMutually exclusive procedures',
].join('\r\n') + '\r\n';
const CCIPRA_DATA_ROWS = 19;

/**
 * Rows of the CMS outpatient hospital table v32.3 (ccioph-v323r0, OPPS), its active 43214 rows:
 * the codes and modifier indicators are real. The excerpt they come from has no dates or
 * rationale: the effective date 20140101,
 * the deletion `*` and the rationale text were ADDED here to make CMS-layout rows.
 */
const CCIOPH_EXCERPT = [
  'Column 1\tColumn 2\t*=in existence\tEffective\tDeletion\tModifier\tPTP Edit Rationale',
  '43210\t43214\t\t20140101\t*\t0\tMutually exclusive procedures',
  '43214\t43197\t\t20140101\t*\t0\tCPT Manual or CMS manual coding instruction',
  '43214\t43200\t\t20140101\t*\t0\tCPT Manual or CMS manual coding instruction',
  '43214\t43202\t\t20140101\t*\t1\tMisuse of column two code with column one code',
  '43214\t74360\t\t20140101\t*\t0\tCPT Manual or CMS manual coding instruction',
  '43214\t76000\t\t20140101\t*\t1\tMisuse of column two code with column one code',
  '43214\t77001\t\t20140101\t*\t1\tMisuse of column two code with column one code',
].join('\r\n') + '\r\n';

function realKnowledge() {
  const files: Record<string, string> = { 'ccipra-v322r0-f1.txt': CCIPRA_EXCERPT, 'ccioph-v323r0-f1.txt': CCIOPH_EXCERPT };
  return loadKnowledge({
    builtinEdits: true,
    ptpFiles: ['ccipra-v322r0-f1.txt'],
    hospitalPtpFiles: ['ccioph-v323r0-f1.txt'],
    descriptorFiles: [],
    readFile: (path) => {
      const content = files[path];
      if (content === undefined) throw Object.assign(new Error('not found'), { code: 'ENOENT' });
      return content;
    },
  });
}

function ptpOf(findings: readonly Finding[]): Finding[] {
  return findings.filter((f) => f.rule.startsWith('ptp.'));
}

/** A PTP finding's data (kind, table, claims and lines of the pair). */
function ptpData(finding: Finding): PtpFindingData | undefined {
  return finding.data?.kind === 'ptp' ? (finding.data as PtpFindingData) : undefined;
}

/** What the readers and the envelope checks found (other coding checks aside). */
function readingProblems(findings: readonly Finding[]): Finding[] {
  return findings.filter((f) => f.rule.startsWith('x12.') || f.rule.startsWith('csv.'));
}

describe('the real CMS rows', () => {
  test('the practitioner excerpt loads as CMS writes it: preamble, CRLF, tombstones, `*`', () => {
    const result = loadPtpTable(CCIPRA_EXCERPT, 'ccipra-v322r0-f1.txt');
    assert.deepEqual(result.problems, []);
    assert.equal(result.rows, CCIPRA_DATA_ROWS);
    assert.equal(result.delimiter, '\t');
    const rules = result.rules;
    const indicator = (one: string, two: string, date: number) => rules.lookup(one, two, date)?.modifierIndicator ?? null;

    // A window with a deletion date: in force on both edge days, not the day before or after.
    assert.equal(indicator('0001A', '99213', 20211231), null);
    assert.equal(indicator('0001A', '99213', 20220101), '1');
    assert.equal(indicator('0001A', '99213', 20231231), '1');
    assert.equal(indicator('0001A', '99213', 20240101), null);
    assert.equal(indicator('0001A', '36591', 20231231), '0');
    // Quarter-end and year-end deletions.
    assert.equal(indicator('0001A', '99241', 20221231), '1');
    assert.equal(indicator('0001A', '99241', 20230101), null);
    assert.equal(indicator('0001T', '0002T', 20040331), '1');
    assert.equal(indicator('0001T', '0002T', 20040401), null);
    assert.equal(indicator('0001U', '0028U', 20180930), '1');
    assert.equal(indicator('0001U', '0028U', 20181001), null);
    assert.equal(indicator('0001U', '0053U', 20230630), '1');
    assert.equal(indicator('0001U', '0053U', 20230701), null);
    assert.equal(indicator('0001M', '80053', 20170331), null);
    assert.equal(indicator('0001M', '80053', 20170401), '0');
    assert.equal(indicator('0001M', '80053', 20181231), '0');
    assert.equal(indicator('0001M', '80053', 20190101), null);
    // `*`: never deleted.
    const open = rules.lookup('0001U', '0030U', 20991231);
    assert.equal(open?.deletion, null);
    assert.equal(open?.effective, 20180701);
    assert.equal(open?.rationale, 'Misuse of Column Two code with Column One code');
    assert.equal(open?.source, 'ccipra-v322r0-f1.txt');
    assert.equal(indicator('0001U', '0030U', 20180630), null);
    // Indicator-9 tombstones (deletion = effective): no edit on that day or any other.
    for (const date of [20211231, 20220101, 20220102]) assert.equal(indicator('0001A', '90473', date), null);
    assert.equal(indicator('0001A', 'G0008', 20220101), null);
    assert.equal(indicator('0001M', '36591', 20151001), null);
    assert.equal(rules.editsAsColumnOne('0001A').filter((e) => e.modifierIndicator === '9').length, 2, 'the 9 rows are kept as rows');
    // One pair over two windows: 0001U/80500 ended when 80503-80506 started.
    assert.equal(indicator('0001U', '80500', 20211231), '1');
    assert.equal(indicator('0001U', '80500', 20220101), null);
    assert.equal(indicator('0001U', '80503', 20211231), null);
    assert.equal(indicator('0001U', '80503', 20220101), '1');
    // Same-key duplicates: a 9 row on the same day never hides the 0 or 1 row.
    assert.equal(indicator('13121', '13120', 19960101), '0');
    assert.equal(rules.lookup('13121', '13120', 19960101)?.preexisting, true);
    assert.equal(indicator('13121', '13120', 20260701), '0');
    assert.equal(indicator('17000', '17281', 19990630), null);
    assert.equal(indicator('17000', '17281', 19990701), '1');
    assert.equal(indicator('17000', '17281', 20041231), '1');
    assert.equal(indicator('17000', '17281', 20050101), null);
    // Over an RD8 range: the edit in force on some day of it.
    assert.equal(rules.lookupInRange('0001A', '99213', 20231220, 20240110)?.modifierIndicator, '1');
    assert.equal(rules.lookupInRange('0001A', '99213', 20240101, 20240110), null);
    assert.equal(rules.lookupInRange('0001A', '90473', 20211201, 20220201), null);
  });

  test('the hospital excerpt (real codes and indicators, added dates) loads', () => {
    const result = loadPtpTable(CCIOPH_EXCERPT, 'ccioph-v323r0-f1.txt');
    assert.deepEqual(result.problems, []);
    assert.equal(result.rows, 7);
    assert.equal(result.rules.lookup('43214', '76000', 20260310)?.modifierIndicator, '1');
    assert.equal(result.rules.lookup('43214', '43200', 20260310)?.modifierIndicator, '0');
    assert.equal(result.rules.lookup('43214', '76000', 20131231), null);
  });

  const knowledge = realKnowledge();

  test('loadKnowledge puts each file in its table, and a loaded row replaces the built-in one for its pair only', () => {
    assert.deepEqual(knowledge.problems, []);
    assert.deepEqual(
      knowledge.files.map((f) => [f.source, f.table, f.rows]),
      [['ccipra-v322r0-f1.txt', 'practitioner', CCIPRA_DATA_ROWS], ['ccioph-v323r0-f1.txt', 'hospital', 7]],
    );
    const { practitioner, hospital } = knowledge.tables;
    // Hospital: the loaded row replaces the built-in one (even on days before the loaded row starts).
    assert.equal(hospital.lookup('43214', '76000', 20260310)?.modifierIndicator, '1');
    assert.equal(hospital.lookup('43214', '76000', 20260310)?.source, 'ccioph-v323r0-f1.txt');
    assert.equal(hospital.lookup('43214', '76000', 20131231), null);
    assert.equal(hospital.editsAsColumnOne('43214').filter((e) => e.columnTwo === '76000').length, 1);
    // 43198 is in the built-in set and not in the hospital excerpt: the built-in row stays.
    assert.equal(hospital.lookup('43214', '43198', 20260310)?.source, BUILTIN_SOURCE);
    // Practitioner: no 43214 rows in the excerpt, so the built-in 0 stays, and the real rows are there.
    assert.equal(practitioner.lookup('43214', '76000', 20260310)?.modifierIndicator, '0');
    assert.equal(practitioner.lookup('43214', '76000', 20260310)?.source, BUILTIN_SOURCE);
    assert.equal(practitioner.lookup('0001A', '36591', 20230615)?.modifierIndicator, '0');
    assert.equal(hospital.lookup('0001A', '36591', 20230615), null, 'the practitioner rows are not in the hospital table');
  });

  /** An 837 of one claim with two lines on 2026-03-10. */
  function twoLines(kind: ClaimKind, first: string, second: string, modifiers: string[] = [], date = 20260310, firstModifiers: string[] = []): string {
    const lines = [{ code: first, charge: '100', modifiers: firstModifiers }, { code: second, charge: '50', modifiers }];
    return writeX12837([{ id: 'C1', subscriberId: 'M1', lines: lines.map((l) => ({ ...l, date })) }], kind);
  }

  test('with only the built-in set, 43214/76000 takes each table\'s indicator: 1 on an 837I (the OPPS table\'s), 0 on an 837P', () => {
    const builtin = emptyKnowledge();
    const institutional = ptpOf(analyze(twoLines('institutional', '43214', '76000'), builtin).findings);
    assert.deepEqual(institutional.map((f) => [f.rule, f.codes, ptpData(f)?.table, ptpData(f)?.modifierIndicator]), [['ptp.modifier-required', ['43214', '76000'], 'hospital', '1']]);
    assert.deepEqual(ptpOf(analyze(twoLines('institutional', '43214', '76000', ['XS']), builtin).findings), []);
    // The other four pairs are 0 in both tables.
    for (const code of ['43197', '43198', '43200', '74360']) {
      assert.deepEqual(ptpOf(analyze(twoLines('institutional', '43214', code, ['XS']), builtin).findings).map((f) => [f.rule, ptpData(f)?.modifierIndicator]), [['ptp.conflict', '0']], code);
    }
    const professional = ptpOf(analyze(twoLines('professional', '43214', '76000', ['XS']), builtin).findings);
    assert.deepEqual(professional.map((f) => [f.rule, ptpData(f)?.table, ptpData(f)?.modifierIndicator]), [['ptp.conflict', 'practitioner', '0']]);
  });

  test('837I: the hospital table\'s 1 for 43214/76000, and XS satisfies it; 837P keeps the built-in 0', () => {
    const institutional = ptpOf(analyze(twoLines('institutional', '43214', '76000'), knowledge).findings);
    assert.deepEqual(institutional.map((f) => [f.rule, f.codes, ptpData(f)?.table, ptpData(f)?.modifierIndicator]), [['ptp.modifier-required', ['43214', '76000'], 'hospital', '1']]);
    assert.match(institutional[0]!.message, /outpatient hospital PTP edit/);
    assert.deepEqual(ptpOf(analyze(twoLines('institutional', '43214', '76000', ['XS']), knowledge).findings), []);
    // 43200 is 0 in the hospital table too: XS does not help.
    assert.deepEqual(ptpOf(analyze(twoLines('institutional', '43214', '43200', ['XS']), knowledge).findings).map((f) => f.rule), ['ptp.conflict']);

    const professional = ptpOf(analyze(twoLines('professional', '43214', '76000'), knowledge).findings);
    assert.deepEqual(professional.map((f) => [f.rule, f.codes, ptpData(f)?.table, ptpData(f)?.modifierIndicator]), [['ptp.conflict', ['43214', '76000'], 'practitioner', '0']]);
    assert.deepEqual(ptpOf(analyze(twoLines('professional', '43214', '76000', ['XS']), knowledge).findings).map((f) => f.rule), ['ptp.conflict']);

    // 837D: no table at all.
    assert.deepEqual(ptpOf(analyze(twoLines('dental', '43214', '43200'), knowledge).findings), []);
  });

  test('0001A and 0001M are procedure codes, and their real rows pair them on their real dates', () => {
    const x12 = (first: string, second: string, modifiers: string[], date: number, firstModifiers: string[] = []) => {
      const analysis = analyze(twoLines('professional', first, second, modifiers, date, firstModifiers), knowledge);
      assert.deepEqual(readingProblems(analysis.findings), [], 'no reading problems');
      return ptpOf(analysis.findings).map((f) => `${f.rule} ${f.codes!.join('/')}`);
    };
    assert.deepEqual(x12('0001A', '36591', [], 20230615), ['ptp.conflict 0001A/36591']);
    assert.deepEqual(x12('0001A', '36591', [], 20240102), [], 'deleted 20231231');
    assert.deepEqual(x12('0001A', '90473', [], 20220101), [], 'an indicator-9 tombstone');
    assert.deepEqual(x12('0001A', '99213', [], 20231231), ['ptp.modifier-required 0001A/99213']);
    assert.deepEqual(x12('0001A', '99213', ['25'], 20231231), [], '25 with an E/M code');
    assert.deepEqual(x12('0001A', '0591T', ['25'], 20231231), ['ptp.modifier-required 0001A/0591T'], '25 without an E/M code');
    assert.deepEqual(x12('0001A', '0591T', ['RT'], 20231231), ['ptp.modifier-required 0001A/0591T'], 'a site on one line only');
    assert.deepEqual(x12('0001A', '0591T', ['RT'], 20231231, ['RT']), ['ptp.modifier-required 0001A/0591T'], 'the same site on both lines');
    assert.deepEqual(x12('0001A', '0591T', ['RT'], 20231231, ['LT']), [], 'two sites');
    assert.deepEqual(x12('0001A', '0591T', ['91'], 20231231), ['ptp.modifier-required 0001A/0591T'], '91 on a code that is not a laboratory code');
    assert.deepEqual(x12('0001A', '0591T', ['XU'], 20231231), []);
    assert.deepEqual(x12('0001M', '80053', [], 20181231), ['ptp.conflict 0001M/80053']);
    assert.deepEqual(x12('0001M', '80500', ['91'], 20181231), [], '91 on a laboratory code');
    assert.deepEqual(x12('0001U', '0030U', [], 20260310), ['ptp.modifier-required 0001U/0030U']);
    assert.deepEqual(x12('0001U', '0030U', ['91'], 20260310), []);
    // The column-2 code first: still found, on the column-2 line.
    assert.deepEqual(x12('36591', '0001A', [], 20230615), ['ptp.conflict 0001A/36591']);

    const csv = analyze('Claim ID,DOS,CPT,Modifier\nC1,2023-06-15,0001A,\nC1,2023-06-15,36591,\nC1,2023-06-15,0001M,\n', knowledge);
    assert.deepEqual(readingProblems(csv.findings), []);
    assert.deepEqual(ptpOf(csv.findings).map((f) => `${f.rule} ${f.codes!.join('/')}`), ['ptp.conflict 0001A/36591']);
  });
});

// =============================================================================================
// 3. The readers' grouping fields, and the whole path
// =============================================================================================

interface XLine {
  code: string;
  charge: string;
  modifiers?: string[];
  date?: number;
  /** 2420A NM1*82 after the line's SV1 and DTP. */
  provider?: string;
}

interface XClaim {
  id: string;
  subscriberId: string;
  /** A 2000C patient loop: NM1*QC with this first name, and an id when given. */
  patient?: { first: string; id?: string };
  /** 2310B NM1*82 before the first LX. */
  rendering?: string;
  lines: XLine[];
}

function total(lines: readonly XLine[]): string {
  return (lines.reduce((sum, l) => sum + Math.round(Number(l.charge) * 100), 0) / 100).toFixed(2);
}

/** An 837 (one transaction set) with the loops the grouping reads. Billing provider 1234567893. */
function writeX12837(claims: readonly XClaim[], kind: ClaimKind = 'professional', billing = '1234567893'): string {
  return writeTransactions([bodyOf(claims, kind, billing)], { kind, lineEnding: '\n' }).text;
}

/** Several transaction sets, each with its own billing provider. */
function writeSets(sets: readonly (readonly XClaim[])[], billing: readonly string[], kind: ClaimKind = 'professional'): string {
  return writeTransactions(sets.map((claims, i) => bodyOf(claims, kind, billing[i]!)), { kind, lineEnding: '\n' }).text;
}

/** The segments between ST and SE. */
function bodyOf(claims: readonly XClaim[], kind: ClaimKind, billing: string): SegmentSpec[] {
  const body: SegmentSpec[] = [
    ['BHT', '0019', '00', '0001', '20240115', '1200', 'CH'],
    ['NM1', '41', '2', 'SUBMITTER CLINIC', '', '', '', '', '46', 'S000001'],
    ['PER', 'IC', 'CONTACT DESK', 'TE', '5555550100'],
    ['NM1', '40', '2', 'EXAMPLE PAYER', '', '', '', '', '46', 'R000001'],
    ['HL', '1', '', '20', '1'],
    ['NM1', '85', '2', 'EXAMPLE BILLING', '', '', '', '', 'XX', billing],
    ['N3', '1 MAIN ST'],
    ['N4', 'SPRINGFIELD', 'ZZ', '000000000'],
    ['REF', 'EI', '000000000'],
  ];
  let hl = 1;
  for (const claim of claims) {
    const subscriberHl = ++hl;
    body.push(['HL', String(subscriberHl), '1', '22', claim.patient ? '1' : '0']);
    body.push(['SBR', 'P', claim.patient ? '' : '18', '', '', '', '', '', '', 'CI']);
    body.push(['NM1', 'IL', '1', 'DOE', 'JANE', '', '', '', 'MI', claim.subscriberId]);
    body.push(['NM1', 'PR', '2', 'EXAMPLE PAYER', '', '', '', '', 'PI', 'P000001']);
    if (claim.patient) {
      body.push(['HL', String(++hl), String(subscriberHl), '23', '0']);
      body.push(['PAT', '19']);
      body.push(['NM1', 'QC', '1', 'DOE', claim.patient.first, '', '', '', ...(claim.patient.id ? ['MI', claim.patient.id] : [])]);
    }
    body.push(['CLM', claim.id, total(claim.lines), '', '', kind === 'institutional' ? ['13', 'A', '1'] : ['11', 'B', '1'], 'Y', 'A', 'Y', 'Y']);
    if (kind !== 'dental') body.push(['HI', ['ABK', 'R69']]);
    if (claim.rendering) body.push(['NM1', '82', '1', 'SMITH', 'ANN', '', '', '', 'XX', claim.rendering]);
    claim.lines.forEach((line, i) => {
      body.push(['LX', String(i + 1)]);
      const composite = ['HC', line.code, ...(line.modifiers ?? [])];
      if (kind === 'professional') body.push(['SV1', composite, line.charge, 'UN', '1', '', '', ['1']]);
      else if (kind === 'institutional') body.push(['SV2', '0450', composite, line.charge, 'UN', '1']);
      else body.push(['SV3', composite, line.charge, '', '', '', '1']);
      if (line.date !== undefined) body.push(['DTP', '472', 'D8', String(line.date)]);
      if (line.provider) body.push(['NM1', '82', '1', 'JONES', 'BOB', '', '', '', 'XX', line.provider]);
    });
  }
  return body;
}

const DOS = 20260310;

describe('what the readers give the grouping', () => {
  test('837P: patient keys, billing provider, the claim rendering provider and each line\'s own', () => {
    const text = writeX12837([
      { id: 'A1', subscriberId: 'M1', lines: [{ code: '43214', charge: '10', date: DOS }] },
      { id: 'A2', subscriberId: 'M1', rendering: '1111111111', lines: [{ code: '43200', charge: '10', date: DOS }] },
      { id: 'A3', subscriberId: 'M2', lines: [{ code: '43200', charge: '10', date: DOS }] },
      {
        id: 'A4',
        subscriberId: 'M3',
        patient: { first: 'ANN' },
        rendering: '2222222222',
        lines: [
          { code: '43214', charge: '10', date: DOS, provider: '3333333333' },
          { code: '43200', charge: '10', date: DOS },
          { code: '43197', charge: '10', date: DOS, provider: '4444444444' },
        ],
      },
      { id: 'A5', subscriberId: 'M3', patient: { first: 'BEN' }, lines: [{ code: '43200', charge: '10', date: DOS }] },
      { id: 'A6', subscriberId: 'M3', patient: { first: 'ANN' }, lines: [{ code: '43200', charge: '10', date: DOS }] },
      { id: 'A7', subscriberId: 'M3', patient: { first: 'CAL', id: 'Q1' }, lines: [{ code: '43200', charge: '10', date: DOS }] },
      { id: 'A8', subscriberId: 'M3', patient: { first: 'DEE', id: 'Q1' }, lines: [{ code: '43200', charge: '10', date: DOS }] },
    ]);
    const analysis = analyze(text, emptyKnowledge(false));
    assert.deepEqual(readingProblems(analysis.findings), []);
    const claims = analysis.doc.claims;
    const key = (i: number) => claims[i]!.patientKey;
    assert.equal(key(0), key(1), 'two claims of one subscriber');
    assert.notEqual(key(0), key(2), 'another subscriber');
    assert.notEqual(key(3), key(4), 'two dependants of one subscriber, told apart by name');
    assert.equal(key(3), key(5), 'the same dependant again');
    assert.notEqual(key(3), key(0), 'a dependant is not the subscriber');
    assert.notEqual(key(6), key(3));
    assert.equal(key(6), key(7), 'the same patient id (names aside)');
    assert.ok(claims.every((c) => c.billingProviderId === '1234567893'));
    assert.ok(claims.every((c) => c.kind === 'professional'));
    assert.deepEqual(claims.map((c) => c.renderingProviderId), [null, '1111111111', null, '2222222222', null, null, null, null]);
    assert.deepEqual(claims[3]!.lines.map((l) => l.providerId), ['3333333333', null, '4444444444'], 'a line\'s NM1*82 stays on that line');
    assert.deepEqual(claims[1]!.lines.map((l) => l.providerId), [null]);
    assert.equal(claims[4]!.renderingProviderId, null, 'the previous claim\'s rendering provider does not carry over');
  });

  test('837I claims are institutional; each transaction set has its own billing provider', () => {
    const claim: XClaim = { id: 'I1', subscriberId: 'M1', rendering: '1111111111', lines: [{ code: '43214', charge: '10', date: DOS }] };
    const text = writeSets([[claim], [{ ...claim, id: 'I2', rendering: undefined }]], ['1234567893', '9876543210'], 'institutional');
    const analysis = analyze(text, emptyKnowledge(false));
    assert.deepEqual(readingProblems(analysis.findings), []);
    const claims = analysis.doc.claims;
    assert.deepEqual(claims.map((c) => c.kind), ['institutional', 'institutional']);
    assert.deepEqual(claims.map((c) => c.billingProviderId), ['1234567893', '9876543210']);
    assert.deepEqual(claims.map((c) => c.renderingProviderId), ['1111111111', null]);
    assert.equal(claims[0]!.patientKey, claims[1]!.patientKey, 'the same payer and subscriber');
  });

  test('CSV: the patient column, the rendering NPI column and a bill type', () => {
    const text = [
      'Claim ID,Patient ID,DOS,CPT,Modifier,Rendering NPI,Bill Type',
      'C1,P1,2026-03-10,43214,,1111111111,0131',
      'C2,P1,2026-03-10,43200,,1111111111,0131',
      'C3,P2,2026-03-10,43200,,,',
      'C4,P1,2026-03-10,43197,,,',
    ].join('\n') + '\n';
    const analysis = analyze(text, emptyKnowledge(true));
    const claims = analysis.doc.claims;
    assert.deepEqual(claims.map((c) => c.id), ['C1', 'C2', 'C3', 'C4']);
    assert.equal(claims[0]!.patientKey, claims[1]!.patientKey);
    assert.equal(claims[0]!.patientKey, claims[3]!.patientKey);
    assert.notEqual(claims[0]!.patientKey, claims[2]!.patientKey);
    assert.deepEqual(claims.map((c) => c.lines[0]!.providerId), ['1111111111', '1111111111', null, null]);
    assert.deepEqual(claims.map((c) => c.kind), ['institutional', 'institutional', null, null]);
    // C1/C2: one patient, one provider, hospital table (the built-in rows serve it); C4 is the
    // same patient but a practitioner claim, C3 another patient.
    const ptp = ptpOf(analysis.findings);
    assert.deepEqual(ptp.map((f) => [f.rule, ptpData(f)?.table, ptpData(f)?.claimIndex, ptpData(f)?.columnOneClaim]), [['ptp.conflict', 'hospital', 1, 0]]);
    assert.match(ptp[0]!.message, /\(row 2\)/);
  });

  test('CSV: two rendering NPIs are information, not a conflict', () => {
    const text = 'Patient ID,DOS,CPT,Rendering NPI\nP1,2026-03-10,43214,1111111111\nP1,2026-03-10,43200,2222222222\n';
    const ptp = ptpOf(analyze(text, emptyKnowledge(true)).findings);
    assert.deepEqual(ptp.map((f) => [f.rule, f.severity]), [['ptp.other-rendering-provider', 'information']]);
  });
});

describe('across claims, end to end', () => {
  const claimOne: XClaim = { id: 'C1', subscriberId: 'M1', lines: [{ code: '43214', charge: '500.00', date: DOS }] };
  const claimTwo: XClaim = {
    id: 'C2',
    subscriberId: 'M1',
    lines: [
      { code: '43200', charge: '250.00', date: DOS },
      { code: '99213', charge: '100.00', date: DOS },
    ],
  };

  test('43214 on one claim and 43200 on another of the same patient, date and provider: one conflict on the 43200 line', () => {
    const text = writeX12837([claimOne, claimTwo]);
    const analysis = analyze(text, emptyKnowledge(true));
    assert.deepEqual(readingProblems(analysis.findings), []);
    const ptp = ptpOf(analysis.findings);
    assert.equal(ptp.length, 1);
    const [finding] = ptp;
    const [one, two] = analysis.doc.claims;
    assert.equal(finding!.rule, 'ptp.conflict');
    assert.equal(finding!.severity, 'error');
    assert.deepEqual(finding!.span, two!.lines[0]!.codeSpan);
    assert.equal(text.slice(finding!.span.start, finding!.span.end), '43200');
    assert.match(finding!.message, /43200 should not be billed with 43214 \(claim 1, service line 1\)/);
    assert.deepEqual(finding!.related?.map((r) => r.span), [one!.lines[0]!.codeSpan]);
    assert.deepEqual(finding!.data, {
      kind: 'ptp', columnOne: '43214', columnTwo: '43200', modifierIndicator: '0', table: 'practitioner',
      claimIndex: 1, columnTwoLine: 0, columnOneClaim: 0, columnOneLine: 0,
    });
  });

  test('another rendering provider of the same billing provider: information, whether named per claim or per line', () => {
    const pairs: [XClaim, XClaim][] = [
      [{ ...claimOne, rendering: '1111111111' }, { ...claimTwo, rendering: '2222222222' }],
      [claimOne, { ...claimTwo, lines: [{ ...claimTwo.lines[0]!, provider: '2222222222' }, claimTwo.lines[1]!] }],
    ];
    for (const [a, b] of pairs) {
      const ptp = ptpOf(analyze(writeX12837([a, b]), emptyKnowledge(true)).findings);
      assert.deepEqual(ptp.map((f) => [f.rule, f.severity, f.codes]), [['ptp.other-rendering-provider', 'information', ['43214', '43200']]]);
      assert.match(ptp[0]!.message, /\(claim 1, service line 1\)/);
    }
    // The same rendering provider named on both claims is the same provider.
    const same = ptpOf(analyze(writeX12837([{ ...claimOne, rendering: '1111111111' }, { ...claimTwo, rendering: '1111111111' }]), emptyKnowledge(true)).findings);
    assert.deepEqual(same.map((f) => f.rule), ['ptp.conflict']);
    // A rendering provider equal to the billing provider's id is the billing provider.
    const billing = ptpOf(analyze(writeX12837([claimOne, { ...claimTwo, rendering: '1234567893' }]), emptyKnowledge(true)).findings);
    assert.deepEqual(billing.map((f) => f.rule), ['ptp.conflict']);
  });

  test('different patients: nothing', () => {
    const pairs: [XClaim, XClaim][] = [
      [claimOne, { ...claimTwo, subscriberId: 'M2' }],
      [{ ...claimOne, patient: { first: 'ANN' } }, { ...claimTwo, patient: { first: 'BEN' } }],
    ];
    for (const [a, b] of pairs) {
      assert.deepEqual(ptpOf(analyze(writeX12837([a, b]), emptyKnowledge(true)).findings), []);
    }
    // A different billing provider's other claim of the patient (another transaction set) neither.
    const text = writeSets([[claimOne], [{ ...claimTwo, rendering: '2222222222' }]], ['1234567893', '9876543210']);
    assert.deepEqual(ptpOf(analyze(text, emptyKnowledge(true)).findings), []);
  });

  test('fix-all removes the 43200 line of the second claim and keeps both claims\' CLM02, LX and SE01 right', () => {
    const text = writeX12837([claimOne, claimTwo]);
    const analysis = analyze(text, emptyKnowledge(true));
    const all = fixAll(text, analysis.doc, analysis.findings);
    assert.ok(all);
    const fixed = applyEdits(text, all.edits);
    assert.equal(fixed, writeX12837([claimOne, { ...claimTwo, lines: [claimTwo.lines[1]!] }]));
    const after = analyze(fixed, emptyKnowledge(true));
    assert.deepEqual(readingProblems(after.findings), [], 'no x12.* finding');
    assert.deepEqual(ptpOf(after.findings), [], 'no PTP finding is left');
    assert.deepEqual(after.doc.claims.map((c) => [c.totalChargeText, c.lines.map((l) => l.lineNumber)]), [['500.00', ['1']], ['100.00', ['1']]]);
  });
});
