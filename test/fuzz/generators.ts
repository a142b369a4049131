// Generators for the reliability tests and the long fuzz run: valid 837P/I/D and claim CSV files
// with PTP conflicts (from the shared test writers), mutations of them (deleted, doubled or
// swapped delimiters, cut ISA headers, huge single lines, invalid UTF-8, deep loop nesting), and
// plain random bytes. Everything is fast-check, so any failure replays from its seed and path.
//
// The 837 claims follow the implementation guide of their kind and version (guideValidClaims), so
// a scenario with a padded ISA (validX12ScenarioArb) is a file with no x12.* and no guide.*
// finding (test/unit/guides-property.test.ts); an unpadded ISA (padIsa false) is the one
// envelope these scenarios write broken on purpose.
import fc from 'fast-check';
import type { DateRange } from '../../server/src/core/model';
import { loadKnowledge, type Knowledge } from '../../server/src/core/rules/knowledge';
import {
  guideValidClaims,
  writeX12,
  type ClaimKind,
  type WriterClaim as X12Claim,
  type WriterDelimiters,
  type WriterLine as X12Line,
  type WriterOptions as X12Options,
} from '../unit/helpers/x12-writer';
import {
  writeClaimsCsv,
  type CsvWriteOptions,
  type WriterClaim as CsvClaim,
  type WriterColumn,
  type WriterLine as CsvLine,
} from '../unit/helpers/csv-writer';

// ---------------------------------------------------------------------------------------------
// Knowledge: the built-in 43214 edits plus a small synthetic table with indicator-1 edits, so
// that both removal and modifier fixes are exercised.

/** A synthetic PTP table (CMS layout). Test data only: these are not real NCCI edits. */
export const FUZZ_PTP_TABLE = [
  'Synthetic PTP table for reliability tests',
  'Column 1\tColumn 2\t*=in existence prior to 1996\tEffective Date\tDeletion Date\tModifier Indicator\tPTP Edit Rationale',
  '20610\t20605\t\t20200101\t*\t1\tSynthetic',
  '99213\t36415\t\t20200101\t*\t1\tSynthetic',
  '96372\tJ1100\t\t20200101\t*\t0\tSynthetic',
  'D4341\tD4355\t\t20200101\t*\t1\tSynthetic',
  'D4341\tD0120\t\t20200101\t*\t0\tSynthetic',
  '',
].join('\r\n');

/**
 * A synthetic practitioner MUE table (the CMS CSV layout) over codes the generators bill, so that
 * units findings (and the units spans they sit on) are exercised too. Test data only.
 */
export const FUZZ_MUE_TABLE = [
  '"HCPCS/',
  'CPT Code",Practitioner Services MUE Values,MUE Adjudication Indicator,MUE Rationale',
  '76000,1,2 Date of Service Edit: Policy,Clinical: Data',
  '36415,2,3 Date of Service Edit: Clinical,Clinical: Data',
  '20610,1,1 Line Edit,Anatomic Consideration',
  '',
].join('\r\n');

let cachedKnowledge: Knowledge | null = null;
let cachedWithUnits: Knowledge | null = null;

/** The built-in edits and FUZZ_PTP_TABLE, with FUZZ_MUE_TABLE when `mue` (checked to load without a problem). */
function loadFuzzKnowledge(mue: boolean): Knowledge {
  const knowledge = loadKnowledge({
    builtinEdits: true,
    ptpFiles: ['fuzz-edits.txt'],
    ...(mue ? { mueFiles: ['MCR_MUE_PractitionerServices_fuzz.csv'] } : {}),
    descriptorFiles: [],
    readFile: (path) => (path.endsWith('.csv') ? FUZZ_MUE_TABLE : FUZZ_PTP_TABLE),
  });
  if (knowledge.problems.length > 0) throw new Error(`fuzz knowledge: ${JSON.stringify(knowledge.problems)}`);
  return knowledge;
}

/** Built-in edits plus FUZZ_PTP_TABLE (loaded once; Knowledge is read-only after loading). */
export function fuzzKnowledge(): Knowledge {
  return (cachedKnowledge ??= loadFuzzKnowledge(false));
}

/**
 * fuzzKnowledge with FUZZ_MUE_TABLE as well: for tests whose oracle is another reading of the same
 * file (a stream against a whole analysis), so that the units and their spans are compared too, and
 * for the fix oracles (test/fuzz/x12FixOracle.ts, csvFixOracle.ts, with the MUE model in
 * mueOracle.ts), which model the PTP and the MUE fixes.
 */
export function fuzzKnowledgeWithUnits(): Knowledge {
  return (cachedWithUnits ??= loadFuzzKnowledge(true));
}

// ---------------------------------------------------------------------------------------------
// Valid documents

export const X12_DELIMITER_SETS: WriterDelimiters[] = [
  { element: '*', component: ':', repetition: '^', segment: '~' },
  { element: '|', component: '^', repetition: '{', segment: '~' },
  { element: '|', component: '>', repetition: '^', segment: '~' },
  { element: '*', component: ':', repetition: '^', segment: '\n' },
  { element: '+', component: ':', repetition: '?', segment: "'" },
  { element: '!', component: '\\', repetition: null, segment: '~' },
];

const CODES: Record<ClaimKind, string[]> = {
  professional: ['43214', '43200', '43197', '76000', '74360', '99213', '36415', '20610', '20605', '96372', 'J1100'],
  institutional: ['43214', '43200', '76000', '99213', '36415', '96372', 'J1100', ''],
  dental: ['D4341', 'D4355', 'D0120', 'D2150'],
};
const MODIFIERS = ['25', '76', 'GA', 'LT', 'RT', '59', 'XS'];
/** Two dates, so same-day pairs (and so conflicts) are common. */
const DATES: DateRange[] = [
  { from: 20260310, to: 20260310 },
  { from: 20260311, to: 20260311 },
];
/** Statement dates of an 837I 5010 claim: a range (the guide allows RD8 only), over both DATES. */
const STATEMENT: DateRange = { from: 20260310, to: 20260311 };
const FIRST_NAMES = ['JOHN', 'MARY', 'ALEX', 'SAM'];

export type X12Version = '5010' | '4010';

const x12Charge = fc
  .tuple(fc.integer({ min: 1, max: 500000 }), fc.constantFrom(0, 1, 2, 2, 2))
  .map(([cents, decimals]) => (decimals === 0 ? String(Math.max(1, Math.round(cents / 100))) : (cents / 100).toFixed(decimals)));

function x12LineArb(kind: ClaimKind, version: X12Version): fc.Arbitrary<X12Line> {
  const day = fc.constantFrom(...DATES);
  return fc.record({
    code: fc.constantFrom(...CODES[kind]),
    modifiers: fc.oneof(
      { weight: 3, arbitrary: fc.constant([] as string[]) },
      { weight: 1, arbitrary: fc.uniqueArray(fc.constantFrom(...MODIFIERS), { minLength: 1, maxLength: 4 }) },
    ),
    charge: x12Charge,
    units: fc.integer({ min: 1, max: 9 }).map(String),
    // 837P: every line carries its date (the guide has none on the claim); else 1 in 5 inherits the claim's.
    date: guideValidClaims(kind, version).lineDates === 'required' ? day : fc.oneof({ weight: 4, arbitrary: day }, { weight: 1, arbitrary: fc.constant(null) }),
  });
}

function x12ClaimArb(kind: ClaimKind, version: X12Version): fc.Arbitrary<X12Claim> {
  const rules = guideValidClaims(kind, version);
  const patientNumber = fc.integer({ min: 1, max: 999999 });
  return fc.record({
    id: fc.integer({ min: 1, max: 99999 }).map((n) => `CLM${n}`),
    subscriberId: fc.integer({ min: 1, max: 999999 }).map((n) => `M${String(n).padStart(6, '0')}`),
    // A patient other than the subscriber: with an id where the guide has one (4010), else by name.
    patientId: rules.patientId ? fc.option(patientNumber.map((n) => `P${String(n).padStart(6, '0')}`), { nil: null }) : fc.constant(null),
    patientName: rules.patientId ? fc.constant(null) : fc.option(fc.constantFrom(...FIRST_NAMES).map((first) => ({ last: 'DOE', first })), { nil: null }),
    date:
      rules.claimDate === 'none'
        ? fc.constant(null)
        : rules.claimDateRange
          ? fc.constant(STATEMENT)
          : rules.claimDate === 'required'
            ? fc.constantFrom(...DATES)
            : fc.option(fc.constantFrom(...DATES), { nil: null }),
    lines: fc.array(x12LineArb(kind, version), { minLength: 1, maxLength: 6 }),
  }).map((claim) => (kind === 'institutional' && claim.date !== null ? { ...claim, lines: claim.lines.map((line) => withinStatement(line, claim.date!)) } : claim));
}

/** An 837I line as a valid file dates it: in its claim's statement period (x12.line-date-outside-statement). */
function withinStatement(line: X12Line, statement: DateRange): X12Line {
  const date = line.date ?? null;
  if (date === null || (date.from >= statement.from && date.to <= statement.to)) return line;
  return { ...line, date: { from: statement.from, to: statement.from } };
}

export interface X12Scenario {
  format: 'x12';
  kind: ClaimKind;
  claims: X12Claim[];
  options: X12Options;
  /** Appended after the last segment (trailing whitespace must survive every fix). */
  suffix: string;
}

/**
 * Scenarios of every kind and version, each a guide-valid 837 when its ISA is padded: `padIsa`
 * is fc.boolean() for the fuzz run, always true for a valid file.
 */
function x12Scenarios(padIsa: fc.Arbitrary<boolean>, maxClaims = 5): fc.Arbitrary<X12Scenario> {
  return fc
    .tuple(
      fc.constantFrom<ClaimKind>('professional', 'professional', 'institutional', 'dental'),
      fc.constantFrom<X12Version>('5010', '5010', '4010'),
      fc.integer({ min: 1, max: 3 }),
      fc.integer({ min: 1, max: 2 }),
    )
    .chain(([kind, version, transactions, interchanges]) => {
      // The writer splits n claims into sets of ceil(n / sets): n a multiple of the sets leaves no
      // set without a claim (an empty set is a 2000A with no 2000B, which the guides forbid).
      const sets = transactions * interchanges;
      const claimCount = fc.integer({ min: 1, max: Math.max(1, Math.floor(maxClaims / sets)) }).map((k) => k * sets);
      return fc.record({
        format: fc.constant('x12' as const),
        kind: fc.constant(kind),
        claims: claimCount.chain((n) => fc.array(x12ClaimArb(kind, version), { minLength: n, maxLength: n })),
        options: fc.record({
          kind: fc.constant(kind),
          // 4010 has no repetition separator: ISA11 is U. 5010 has one: a set without it gets ^ (free in that set).
          delimiters: fc.constantFrom(...X12_DELIMITER_SETS).map((d) => (version === '4010' ? { ...d, repetition: null } : d.repetition === null ? { ...d, repetition: '^' } : d)),
          lineEnding: fc.constantFrom('', '\n', '\r\n'),
          version: fc.constant(version),
          transactions: fc.constant(transactions),
          interchanges: fc.constant(interchanges),
          padIsa,
          prefix: fc.constantFrom('', '\uFEFF'),
        }),
        suffix: fc.constantFrom('', '', '\n', '\r\n', '  \n\n', '\t '),
      });
    })
    .map((s) => {
      // A newline terminator cannot be followed by another line ending.
      if (s.options.delimiters?.segment === '\n') s.options.lineEnding = '';
      return s;
    });
}

/** 837s of every kind and version, their ISA padded or not (an unpadded ISA is an x12.isa-width finding, and guide findings on its fields). */
export const x12ScenarioArb: fc.Arbitrary<X12Scenario> = x12Scenarios(fc.boolean());

/**
 * 837s with no x12.* and no guide.* finding (837D 5010: one guide.not-validated, its guide has no
 * map), of up to `maxClaims` claims (at least one per transaction set); PTP conflicts as they come.
 */
export function validX12Scenarios(maxClaims: number): fc.Arbitrary<X12Scenario> {
  return x12Scenarios(fc.constant(true), maxClaims);
}

export const validX12ScenarioArb: fc.Arbitrary<X12Scenario> = validX12Scenarios(5);

export function writeX12Scenario(s: X12Scenario, claims: X12Claim[] = s.claims): string {
  return writeX12(claims, s.options).text + s.suffix;
}

const CSV_COLUMN_SETS: WriterColumn[][] = [
  ['claimId', 'patientId', 'dateOfService', 'procedureCode', 'modifiers', 'units', 'charge'],
  ['claimId', 'patientId', 'dateOfService', 'procedureCode', 'modifier1', 'modifier2', 'modifier3', 'modifier4', 'units', 'charge'],
  ['patientId', 'dateOfService', 'procedureCode', 'modifier1', 'modifier2', 'charge'],
  ['lineNumber', 'claimId', 'procedureCode', 'dateOfService', 'charge', { header: 'Patient Name', value: (r) => `NAME ${r.claimIndex}` }],
];

function csvLineArb(): fc.Arbitrary<CsvLine> {
  return fc.record({
    code: fc.constantFrom(...CODES.professional, ...CODES.dental),
    modifiers: fc.oneof(
      { weight: 3, arbitrary: fc.constant([] as string[]) },
      { weight: 1, arbitrary: fc.uniqueArray(fc.constantFrom(...MODIFIERS), { minLength: 1, maxLength: 2 }) },
    ),
    date: fc.constantFrom(20260310, 20260311),
    units: fc.integer({ min: 1, max: 9 }),
    charge: fc.integer({ min: 1, max: 500000 }).map((c) => c / 100),
  });
}

export interface CsvScenario {
  format: 'csv';
  claims: CsvClaim[];
  options: CsvWriteOptions;
}

export const csvScenarioArb: fc.Arbitrary<CsvScenario> = fc.record({
  format: fc.constant('csv' as const),
  claims: fc.array(
    fc.record({
      id: fc.integer({ min: 1, max: 99999 }).map((n) => `C-${n}`),
      patientId: fc.integer({ min: 1, max: 999999 }).map((n) => `M${String(n).padStart(6, '0')}`),
      lines: fc.array(csvLineArb(), { minLength: 1, maxLength: 5 }),
    }),
    { minLength: 1, maxLength: 5 },
  ),
  options: fc.record({
    delimiter: fc.constantFrom<',' | '\t' | ';' | '|'>(',', '\t', ';', '|'),
    lineEnding: fc.constantFrom<'\n' | '\r\n'>('\n', '\r\n'),
    trailingLineBreak: fc.boolean(),
    bom: fc.boolean(),
    quote: fc.constantFrom<'minimal' | 'all'>('minimal', 'all'),
    columns: fc.constantFrom(...CSV_COLUMN_SETS),
    dateFormat: fc.constantFrom<'YYYY-MM-DD' | 'MM/DD/YYYY' | 'M/D/YY' | 'YYYYMMDD'>('YYYY-MM-DD', 'MM/DD/YYYY', 'M/D/YY', 'YYYYMMDD'),
    chargeFormat: fc.constantFrom<'plain' | 'dollar' | 'thousands'>('plain', 'dollar', 'thousands'),
  }),
});

export function writeCsvScenario(s: CsvScenario, claims: CsvClaim[] = s.claims): string {
  return writeClaimsCsv(claims, s.options);
}

export type Scenario = X12Scenario | CsvScenario;

export const scenarioArb: fc.Arbitrary<Scenario> = fc.oneof({ weight: 3, arbitrary: x12ScenarioArb }, { weight: 2, arbitrary: csvScenarioArb });

export function writeScenario(s: Scenario): string {
  return s.format === 'x12' ? writeX12Scenario(s) : writeCsvScenario(s);
}

// ---------------------------------------------------------------------------------------------
// Mutations. Positions are fractions of the current length so that they shrink well and apply to
// any text.

export type Mutation =
  | { op: 'delete-range'; at: number; length: number }
  | { op: 'delete-delimiter'; char: string; nth: number; all: boolean }
  | { op: 'double-delimiter'; char: string; nth: number; all: boolean }
  | { op: 'swap-delimiters'; a: string; b: string }
  | { op: 'cut-isa'; keep: number }
  | { op: 'truncate'; at: number }
  | { op: 'huge-line'; at: number; unit: string; count: number }
  | { op: 'invalid-utf8'; at: number; bytes: number[]; decoding: 'replacement' | 'latin1' }
  | { op: 'odd-chars'; at: number; chars: string }
  | { op: 'repeat-segment'; id: string; times: number }
  | { op: 'nest-hl'; depth: number }
  | { op: 'duplicate-range'; from: number; length: number; to: number }
  | { op: 'line-endings'; to: '' | '\n' | '\r\n' | '\r' }
  | { op: 'splice'; at: number; text: string };

const DELIMITER_CHARS = ['*', ':', '~', '|', '^', '>', '+', "'", '!', '\\', ',', ';', '\t', '"', '\n', '\r', '-'];
const fraction = fc.double({ min: 0, max: 1, noNaN: true });

/** Text made of what claim files are made of, for splicing. */
export const claimishStringArb = fc.string({
  unit: fc.constantFrom(...DELIMITER_CHARS, 'I', 'S', 'A', 'G', 'T', 'E', 'C', 'L', 'M', 'X', 'H', 'V', '1', '2', '3', '0', '8', '9', ' ', 'D', 'N', '.', '"', '\uFEFF', '\u0000', '\u001a'),
  maxLength: 60,
});

export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('delete-range' as const), at: fraction, length: fc.integer({ min: 1, max: 200 }) }),
  fc.record({ op: fc.constant('delete-delimiter' as const), char: fc.constantFrom(...DELIMITER_CHARS), nth: fc.nat(60), all: fc.boolean() }),
  fc.record({ op: fc.constant('double-delimiter' as const), char: fc.constantFrom(...DELIMITER_CHARS), nth: fc.nat(60), all: fc.boolean() }),
  fc.record({ op: fc.constant('swap-delimiters' as const), a: fc.constantFrom(...DELIMITER_CHARS), b: fc.constantFrom(...DELIMITER_CHARS) }),
  fc.record({ op: fc.constant('cut-isa' as const), keep: fc.integer({ min: 0, max: 110 }) }),
  fc.record({ op: fc.constant('truncate' as const), at: fraction }),
  fc.record({
    op: fc.constant('huge-line' as const),
    at: fraction,
    unit: fc.constantFrom('A', '9', ' ', '*', '~', ',', '"', ':', '\t', 'SV1*HC:', 'LX*1~', 'ISA*', '\r', '\n', 'ab,', '""'),
    count: fc.integer({ min: 1000, max: 40000 }),
  }),
  fc.record({
    op: fc.constant('invalid-utf8' as const),
    at: fraction,
    bytes: fc.array(fc.integer({ min: 0x80, max: 0xff }), { minLength: 1, maxLength: 8 }),
    decoding: fc.constantFrom<'replacement' | 'latin1'>('replacement', 'latin1'),
  }),
  fc.record({
    op: fc.constant('odd-chars' as const),
    at: fraction,
    chars: fc.constantFrom('\uD800', '\uDC00', '\uFFFD', '\u0000', '\u001a', '\uFEFF', '\u2028', '\u00a0', '\r', '😀'),
  }),
  fc.record({ op: fc.constant('repeat-segment' as const), id: fc.constantFrom('HL', 'LX', 'CLM', 'SV1', 'SV2', 'SV3', 'NM1', 'ST', 'GS', 'ISA', 'DTP', 'SE', 'IEA'), times: fc.integer({ min: 2, max: 2000 }) }),
  fc.record({ op: fc.constant('nest-hl' as const), depth: fc.integer({ min: 2, max: 3000 }) }),
  fc.record({ op: fc.constant('duplicate-range' as const), from: fraction, length: fc.integer({ min: 1, max: 400 }), to: fraction }),
  fc.record({ op: fc.constant('line-endings' as const), to: fc.constantFrom<'' | '\n' | '\r\n' | '\r'>('', '\n', '\r\n', '\r') }),
  fc.record({ op: fc.constant('splice' as const), at: fraction, text: claimishStringArb }),
);

function position(text: string, at: number): number {
  return Math.min(text.length, Math.floor(at * (text.length + 1)));
}

function nthIndex(text: string, char: string, nth: number): number {
  let index = -1;
  for (let i = 0; i <= nth; i++) {
    const next = text.indexOf(char, index + 1);
    if (next < 0) return index;
    index = next;
  }
  return index;
}

/** The segment terminator of a document written by the X12 writer (the character after ISA16), or '~'. */
function terminatorOf(text: string): string {
  const isa = text.indexOf('ISA');
  return isa >= 0 && text.length > isa + 105 ? text[isa + 105]! : '~';
}

function isIdChar(c: string | undefined): boolean {
  return c !== undefined && ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'));
}

/** The first `id` with no letter or digit before it and something other than a letter or digit after it (a segment id), or -1. */
function segmentIdAt(text: string, id: string): number {
  for (let at = text.indexOf(id); at >= 0; at = text.indexOf(id, at + 1)) {
    const after = at + id.length;
    if (!isIdChar(text[at - 1]) && after < text.length && !isIdChar(text[after])) return at;
  }
  return -1;
}

export function applyMutation(text: string, m: Mutation): string {
  switch (m.op) {
    case 'delete-range': {
      const at = position(text, m.at);
      return text.slice(0, at) + text.slice(at + m.length);
    }
    case 'delete-delimiter':
    case 'double-delimiter': {
      const replacement = m.op === 'delete-delimiter' ? '' : m.char + m.char;
      if (m.all) return text.split(m.char).join(replacement);
      const at = nthIndex(text, m.char, m.nth);
      return at < 0 ? text : text.slice(0, at) + replacement + text.slice(at + 1);
    }
    case 'swap-delimiters': {
      if (m.a === m.b) return text;
      let out = '';
      for (const c of text) out += c === m.a ? m.b : c === m.b ? m.a : c;
      return out;
    }
    case 'cut-isa': {
      const isa = text.indexOf('ISA');
      if (isa < 0) return text.slice(m.keep);
      return text.slice(0, isa + m.keep) + text.slice(isa + 106);
    }
    case 'truncate':
      return text.slice(0, position(text, m.at));
    case 'huge-line': {
      const at = position(text, m.at);
      return text.slice(0, at) + m.unit.repeat(Math.ceil(m.count / m.unit.length)) + text.slice(at);
    }
    case 'invalid-utf8': {
      const at = position(text, m.at);
      const bytes = Buffer.concat([Buffer.from(text.slice(0, at), 'utf8'), Buffer.from(m.bytes), Buffer.from(text.slice(at), 'utf8')]);
      return m.decoding === 'latin1' ? bytes.toString('latin1') : new TextDecoder('utf-8').decode(bytes);
    }
    case 'odd-chars': {
      const at = position(text, m.at);
      return text.slice(0, at) + m.chars + text.slice(at);
    }
    case 'repeat-segment': {
      const terminator = terminatorOf(text);
      const from = segmentIdAt(text, m.id);
      if (from < 0) return text;
      const end = text.indexOf(terminator, from);
      if (end < 0) return text;
      const segment = text.slice(from, end + 1);
      return text.slice(0, end + 1) + segment.repeat(m.times - 1) + text.slice(end + 1);
    }
    case 'nest-hl': {
      // A chain of HL loops, each the child of the one before: the deepest nesting an 837 can express.
      const terminator = terminatorOf(text);
      const at = text.indexOf(`${terminator}CLM`);
      const insertAt = at >= 0 ? at + 1 : position(text, 0.5);
      let chain = '';
      for (let i = 0; i < m.depth; i++) chain += `HL*${1000 + i}*${999 + i}*${i % 2 ? '23' : '22'}*1${terminator}`;
      return text.slice(0, insertAt) + chain + text.slice(insertAt);
    }
    case 'duplicate-range': {
      const from = position(text, m.from);
      const copy = text.slice(from, from + m.length);
      const to = position(text, m.to);
      return text.slice(0, to) + copy + text.slice(to);
    }
    case 'line-endings':
      return text.replace(/\r\n|\r|\n/g, m.to);
    case 'splice': {
      const at = position(text, m.at);
      return text.slice(0, at) + m.text + text.slice(at);
    }
  }
}

export interface MutatedDocument {
  scenario: Scenario;
  mutations: Mutation[];
  text: string;
}

export const mutatedDocumentArb: fc.Arbitrary<MutatedDocument> = fc
  .tuple(scenarioArb, fc.array(mutationArb, { minLength: 1, maxLength: 4 }))
  .map(([scenario, mutations]) => ({ scenario, mutations, text: mutations.reduce(applyMutation, writeScenario(scenario)) }));

// ---------------------------------------------------------------------------------------------
// Random input

/** Random bytes decoded as an editor would (UTF-8 with replacement) or as the CLI falls back to (latin-1). */
export const randomBytesTextArb: fc.Arbitrary<string> = fc
  .tuple(fc.uint8Array({ maxLength: 3000 }), fc.constantFrom('', 'ISA*', 'ISA|', 'Claim ID,CPT,DOS\n', 'ST*837*0001~'), fc.boolean())
  .map(([bytes, prefix, latin1]) => prefix + (latin1 ? Buffer.from(bytes).toString('latin1') : new TextDecoder('utf-8').decode(bytes)));

/** Any UTF-16 string, lone surrogates included. */
export const randomStringArb: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 2000 }),
  fc.string({ unit: fc.constantFrom(...DELIMITER_CHARS, 'ISA', 'GS', 'ST', 'CLM', 'LX', 'SV1', 'HC', '43214', '43200', '20260310', 'D8', ' ', '\uFEFF', '\uD800'), maxLength: 400 }),
);

/** Every kind of input the core must survive. */
export const anyDocumentArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 2, arbitrary: scenarioArb.map(writeScenario) },
  { weight: 5, arbitrary: mutatedDocumentArb.map((d) => d.text) },
  { weight: 2, arbitrary: randomBytesTextArb },
  { weight: 1, arbitrary: randomStringArb },
);

// ---------------------------------------------------------------------------------------------
// Seeds

/**
 * fast-check parameters for the reliability tests: a fixed seed per test so `npm test` is
 * deterministic, or CLAIMLINT_FUZZ_SEED to explore (fast-check prints the seed and path of any
 * failure, and `npm run fuzz -- --seed N` replays it for longer).
 */
export function runParameters(numRuns: number, seed: number): { numRuns: number; seed: number } {
  const fromEnv = process.env.CLAIMLINT_FUZZ_SEED;
  return { numRuns, seed: fromEnv !== undefined && fromEnv !== '' ? Number(fromEnv) + seed : seed };
}
