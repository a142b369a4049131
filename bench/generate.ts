// Deterministic benchmark inputs: 837P batch files (any size, with or without a line break after
// each segment terminator) and claim CSV exports, written straight to disk in chunks so a 100 MB
// file never exists as one JavaScript string here. Same seed, same bytes.
//
// What a file holds (realistic 5010 837P loops, valid against the 005010X222A1 guide as
// `--guide full` checks it): one ISA, functional groups of up to 100 transaction sets of 500
// claims each; per claim a 2000B subscriber (HL, SBR, NM1*IL, N3, N4, DMG, NM1*PR), in 30% of
// claims a 2000C patient (HL, PAT, NM1*QC named with no id, N3, N4, DMG), CLM, REF*D9, HI, NM1*82
// and PRV, then per line LX, SV1, DTP*472 and REF*6R. Procedure codes are a mix of everyday
// codes with modifiers (25, 59, XU, LT/RT, 26, 76), 4% of claims bill CPT 43214 with one or two
// of the codes its built-in edits bundle (conflicts for any Claimlint setup), and 4% bill a
// column 1 / column 2 pair of the generated one-million-row PTP table (conflicts or
// modifier-required warnings once that table is loaded). Every envelope count, control number
// and CLM02 total is right, except for one claim in 2000 whose CLM02 is one cent off (a
// structural finding, x12.clm02-sum).
//
// All names and ids are invented (DOE, M000001...), like the test writers'.

import { closeSync, openSync, writeSync } from 'node:fs';
import { generatePtpRows, generatePtpTable, randomSource } from '../server/src/core/rules/generatePtpTable';

export { randomSource };
import { DEFAULT_HEADERS } from '../test/unit/helpers/csv-writer';

/** Seed of the generated PTP table (the table's claim pairs come from it). */
export const PTP_SEED = 20240101;
export const PTP_ROWS = 1_000_000;


// ---------------------------------------------------------------------------------------------
// Claims

export interface GenLine {
  code: string;
  modifiers: string[];
  /** Charge in cents. */
  cents: number;
  units: number;
  /** CCYYMMDD. */
  date: number;
}

export interface GenClaim {
  id: string;
  subscriberId: string;
  /** Set when the patient is not the subscriber (a 2000C loop). */
  patientId: string | null;
  /**
   * Drawn for 10% of claims, which once carried their date on the claim (DTP*472 in 2300). The
   * 837P guide has no service date there (it is each 2400's, required), so every line carries it
   * now; the draw stays so that the same seed gives the same claims.
   */
  claimLevelDate: boolean;
  /** CLM02 is written one cent off. */
  wrongTotal: boolean;
  lines: GenLine[];
  kind: 'plain' | 'builtin-conflict' | 'table-pair';
}

/** Everyday professional codes and charges (cents). */
const COMMON: readonly (readonly [string, number])[] = [
  ['99213', 12500], ['99214', 18500], ['99203', 16000], ['99204', 24000], ['99212', 8500],
  ['36415', 1500], ['85025', 3500], ['80053', 4500], ['80061', 5500], ['93000', 6000],
  ['71046', 9500], ['73030', 8500], ['20610', 15000], ['11042', 21000], ['17000', 9000],
  ['97110', 5500], ['97140', 5000], ['97530', 6000], ['90471', 2500], ['90686', 4000],
  ['J1885', 1200], ['J3301', 1800], ['G0439', 17500], ['81002', 1000], ['87880', 3000],
  ['45378', 80000], ['43239', 65000], ['29881', 240000], ['64483', 90000], ['77067', 22000],
];
const E_AND_M = new Set(['99213', '99214', '99203', '99204', '99212']);
/** Column-2 codes of the built-in 43214 edits (all modifier indicator 0). */
const BUILTIN_COLUMN_TWO: readonly (readonly [string, number])[] = [
  ['43197', 35000], ['43198', 38000], ['43200', 40000], ['74360', 18000], ['76000', 9000],
];

interface TablePair {
  columnOne: string;
  columnTwo: string;
  indicator: string;
}

let tablePairsCache: TablePair[] | null = null;

/** Pairs in force in 2024 from the start of the generated PTP table (deterministic). */
export function tablePairs(): TablePair[] {
  if (tablePairsCache) return tablePairsCache;
  const pairs: TablePair[] = [];
  for (const [c1, c2, , effective, deletion, indicator] of generatePtpRows(5000, PTP_SEED)) {
    if (deletion === '*' && Number(effective) <= 20240101 && (indicator === '0' || indicator === '1')) {
      pairs.push({ columnOne: c1!, columnTwo: c2!, indicator: indicator! });
      if (pairs.length === 64) break;
    }
  }
  tablePairsCache = pairs;
  return pairs;
}

/** An endless, deterministic stream of claims. */
export function* claimStream(seed: number): Generator<GenClaim> {
  const random = randomSource(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const pairs = tablePairs();
  const dateOf = () => 20240000 + (1 + Math.floor(random() * 12)) * 100 + 1 + Math.floor(random() * 28);
  for (let n = 1; ; n++) {
    const date = dateOf();
    const r = random();
    const lines: GenLine[] = [];
    const line = (code: string, cents: number, modifiers: string[] = [], units = 1): GenLine => ({ code, modifiers, cents, units, date });
    let kind: GenClaim['kind'] = 'plain';
    if (r < 0.04) {
      kind = 'builtin-conflict';
      lines.push(line('43214', 120000));
      const [c2, cents] = pick(BUILTIN_COLUMN_TWO);
      lines.push(line(c2, cents, random() < 0.3 ? ['59'] : []));
      if (random() < 0.3) lines.push(line(pick(BUILTIN_COLUMN_TWO.filter(([c]) => c !== c2))[0], 9000));
      if (random() < 0.4) lines.push(line('99213', 12500, ['25']));
    } else if (r < 0.08) {
      kind = 'table-pair';
      const pair = pick(pairs);
      lines.push(line(pair.columnOne, 30000 + Math.floor(random() * 50000)));
      const modifiers = pair.indicator === '1' && random() < 0.5 ? [random() < 0.5 ? '59' : 'XU'] : [];
      lines.push(line(pair.columnTwo, 5000 + Math.floor(random() * 20000), modifiers));
      if (random() < 0.3) lines.push(line('36415', 1500));
    } else {
      // 1 to 6 lines, fewer more often.
      const count = 1 + Math.floor(random() * random() * 6);
      const used = new Set<string>();
      for (let i = 0; i < count; i++) {
        const [code, cents] = pick(COMMON);
        if (used.has(code)) continue;
        used.add(code);
        let modifiers: string[] = [];
        const m = random();
        if (E_AND_M.has(code) && count > 1 && m < 0.6) modifiers = ['25'];
        else if (code === '20610' || code === '73030' || code === '29881') modifiers = [m < 0.5 ? 'LT' : 'RT'];
        else if (code === '71046' && m < 0.3) modifiers = ['26'];
        else if (m < 0.05) modifiers = ['59'];
        else if (m < 0.07) modifiers = ['XU', '76'];
        const units = code.startsWith('97') ? 1 + Math.floor(random() * 4) : 1;
        lines.push(line(code, cents * units, modifiers, units));
      }
    }
    yield {
      id: `C${String(n).padStart(9, '0')}`,
      subscriberId: `M${String(1 + Math.floor(random() * 900000)).padStart(8, '0')}`,
      patientId: random() < 0.3 ? `P${String(1 + Math.floor(random() * 900000)).padStart(8, '0')}` : null,
      claimLevelDate: random() < 0.1,
      wrongTotal: n % 2000 === 1000,
      lines,
      kind,
    };
  }
}

/** A generated id as letters (digit d -> the d-th letter, A for 0), a name part that tells ids apart. */
function lettersOf(id: string): string {
  let out = '';
  for (const c of id) out += c >= '0' && c <= '9' ? String.fromCharCode(65 + c.charCodeAt(0) - 48) : c;
  return out;
}

function money(cents: number): string {
  return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}

// ---------------------------------------------------------------------------------------------
// Output in chunks

class ChunkWriter {
  private readonly fd: number;
  private parts: string[] = [];
  private pending = 0;
  bytes = 0;

  constructor(path: string) {
    this.fd = openSync(path, 'w');
  }

  write(text: string): void {
    this.parts.push(text);
    this.pending += text.length;
    this.bytes += text.length; // ASCII only
    if (this.pending >= 1 << 20) this.flush();
  }

  flush(): void {
    if (this.parts.length === 0) return;
    const buffer = Buffer.from(this.parts.join(''), 'latin1');
    let written = 0;
    while (written < buffer.length) written += writeSync(this.fd, buffer, written);
    this.parts = [];
    this.pending = 0;
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}

// ---------------------------------------------------------------------------------------------
// 837P

export interface X12GenOptions {
  /** Size of the one-line file; the file with line breaks is about 4% larger. */
  targetBytes: number;
  /** The same claims written twice: with nothing after each segment terminator, and with '\n' after each. */
  oneLinePath?: string;
  linesPath?: string;
  seed: number;
  claimsPerTransaction?: number;
  transactionsPerGroup?: number;
}

export interface GeneratedStats {
  bytes: number;
  /** Bytes of the file with a line break after every segment (837 only). */
  bytesWithLines?: number;
  claims: number;
  serviceLines: number;
  /** Segments in the file. */
  segments: number;
  transactions: number;
  groups: number;
  /** Claims billing 43214 with a bundled code (each gives at least one built-in PTP finding). */
  builtinConflictClaims: number;
  /** Claims billing a pair of the generated table. */
  tablePairClaims: number;
}

const IMPLEMENTATION = '005010X222A1';

/** Writes an 837P of about targetBytes (it stops after the claim that reaches the target). */
export function write837(options: X12GenOptions): GeneratedStats {
  const oneLine = options.oneLinePath ? new ChunkWriter(options.oneLinePath) : null;
  const withLines = options.linesPath ? new ChunkWriter(options.linesPath) : null;
  // Sizes are counted on the one-line file (segments and '~'); the writers get their own ending.
  const end = '~';
  const out = {
    bytes: 0,
    write(segmentAndEnd: string): void {
      this.bytes += segmentAndEnd.length;
      oneLine?.write(segmentAndEnd);
      withLines?.write(segmentAndEnd + '\n');
    },
  };
  const perTransaction = options.claimsPerTransaction ?? 500;
  const perGroup = options.transactionsPerGroup ?? 100;
  const stats: GeneratedStats = { bytes: 0, claims: 0, serviceLines: 0, segments: 0, transactions: 0, groups: 0, builtinConflictClaims: 0, tablePairClaims: 0 };
  const claims = claimStream(options.seed);
  // Reserve room for the trailers so the file lands near the target.
  const target = options.targetBytes - 200;

  const isa =
    'ISA*00*          *00*          *ZZ*SUBMITTER01    *ZZ*RECEIVER01     *240115*1200*^*00501*000000001*0*T*:';
  out.write(isa + end);
  stats.segments++;
  let groupTransactions = 0;
  let done = false;
  while (!done) {
    stats.groups++;
    const groupControl = stats.groups;
    out.write(`GS*HC*SENDER01*RECEIVER01*20240115*1200*${groupControl}*X*${IMPLEMENTATION}${end}`);
    stats.segments++;
    groupTransactions = 0;
    while (!done && groupTransactions < perGroup) {
      stats.transactions++;
      groupTransactions++;
      const st = String(stats.transactions).padStart(4, '0');
      // A transaction set is built as segments first (SE01 needs its count).
      const segs: string[] = [
        `ST*837*${st}*${IMPLEMENTATION}`,
        `BHT*0019*00*${st}*20240115*1200*CH`,
        'NM1*41*2*SUBMITTER CLINIC*****46*S000001',
        'PER*IC*CONTACT DESK*TE*5555550100',
        'NM1*40*2*EXAMPLE PAYER*****46*R000001',
        'HL*1**20*1',
        'PRV*BI*PXC*207Q00000X',
        'NM1*85*2*EXAMPLE BILLING*****XX*1234567893',
        'N3*1 MAIN ST',
        'N4*SPRINGFIELD*IL*000000000',
        'REF*EI*000000000',
      ];
      let hl = 1;
      let size = 0;
      for (let c = 0; c < perTransaction; c++) {
        const claim = claims.next().value as GenClaim;
        stats.claims++;
        stats.serviceLines += claim.lines.length;
        if (claim.kind === 'builtin-conflict') stats.builtinConflictClaims++;
        if (claim.kind === 'table-pair') stats.tablePairClaims++;
        const before = segs.length;
        const subscriberHl = ++hl;
        const hasPatient = claim.patientId !== null;
        segs.push(
          `HL*${subscriberHl}*1*22*${hasPatient ? 1 : 0}`,
          `SBR*P*${hasPatient ? '' : '18'}*GRP01******CI`,
          `NM1*IL*1*DOE*JANE****MI*${claim.subscriberId}`,
          'N3*2 ELM ST',
          'N4*SPRINGFIELD*IL*000000000',
          'DMG*D8*19700101*F',
          'NM1*PR*2*EXAMPLE PAYER*****PI*P000001',
        );
        if (hasPatient) {
          segs.push(
            `HL*${++hl}*${subscriberHl}*23*0`,
            'PAT*19',
            // 5010 has no patient id in 2010CA (NM108/NM109 not used): the patient's middle name
            // spells the generated id, so different patients of one subscriber stay different.
            `NM1*QC*1*DOE*JOHN*${lettersOf(claim.patientId!)}`,
            'N3*2 ELM ST',
            'N4*SPRINGFIELD*IL*000000000',
            'DMG*D8*20100101*M',
          );
        }
        let total = 0;
        for (const line of claim.lines) total += line.cents;
        if (claim.wrongTotal) total += 1;
        segs.push(`CLM*${claim.id}*${money(total)}***11:B:1*Y*A*Y*Y`);
        segs.push(`REF*D9*${claim.id}`, 'HI*ABK:R69*ABF:I10', 'NM1*82*1*SMITH*ANN****XX*1234567893', 'PRV*PE*PXC*207Q00000X');
        claim.lines.forEach((line, i) => {
          const composite = ['HC', line.code, ...line.modifiers].join(':');
          segs.push(`LX*${i + 1}`, `SV1*${composite}*${money(line.cents)}*UN*${line.units}***1:2`, `DTP*472*D8*${line.date}`, `REF*6R*${claim.id}L${i + 1}`);
        });
        for (let k = before; k < segs.length; k++) size += segs[k]!.length + end.length;
        if (out.bytes + size >= target) {
          done = true;
          break;
        }
      }
      segs.push(`SE*${segs.length + 1}*${st}`);
      for (const seg of segs) out.write(seg + end);
      stats.segments += segs.length;
    }
    out.write(`GE*${groupTransactions}*${groupControl}${end}`);
    stats.segments++;
  }
  out.write(`IEA*${stats.groups}*000000001${end}`);
  stats.segments++;
  oneLine?.close();
  withLines?.close();
  stats.bytes = out.bytes;
  stats.bytesWithLines = out.bytes + stats.segments;
  return stats;
}

// ---------------------------------------------------------------------------------------------
// CSV

export interface CsvGenOptions {
  rows: number;
  seed: number;
}

/** A claim CSV export: header then one row per service line, grouped by claim. */
export function writeClaimsCsv(path: string, options: CsvGenOptions): GeneratedStats {
  const out = new ChunkWriter(path);
  const stats: GeneratedStats = { bytes: 0, claims: 0, serviceLines: 0, segments: 0, transactions: 0, groups: 0, builtinConflictClaims: 0, tablePairClaims: 0 };
  const h = DEFAULT_HEADERS;
  out.write([h.claimId, h.patientId, h.dateOfService, h.procedureCode, h.modifiers, h.units, h.charge].join(',') + '\n');
  const claims = claimStream(options.seed);
  while (stats.serviceLines < options.rows) {
    const claim = claims.next().value as GenClaim;
    stats.claims++;
    if (claim.kind === 'builtin-conflict') stats.builtinConflictClaims++;
    if (claim.kind === 'table-pair') stats.tablePairClaims++;
    for (const line of claim.lines) {
      if (stats.serviceLines === options.rows) break;
      stats.serviceLines++;
      const d = line.date;
      const date = `${Math.floor(d / 10000)}-${String(Math.floor(d / 100) % 100).padStart(2, '0')}-${String(d % 100).padStart(2, '0')}`;
      out.write(`${claim.id},${claim.patientId ?? claim.subscriberId},${date},${line.code},${line.modifiers.join(' ')},${line.units},${money(line.cents)}\n`);
    }
  }
  out.close();
  stats.bytes = out.bytes;
  return stats;
}

// ---------------------------------------------------------------------------------------------
// PTP table

/** The generated one-million-row table in the CMS text layout (about 60 MB). */
export function writePtpTable(path: string, rows = PTP_ROWS): { bytes: number; rows: number } {
  const text = generatePtpTable(rows, PTP_SEED);
  const out = new ChunkWriter(path);
  out.write(text);
  out.close();
  return { bytes: out.bytes, rows };
}

// ---------------------------------------------------------------------------------------------
// MUE and add-on code tables (issue 16)

/** Seed and size of the generated MUE and add-on code tables. */
export const MUE_SEED = 20260701;
export const MUE_ROWS = 50_000;
export const AOC_SEED = 20260401;
export const AOC_ROWS = 10_000;

/** The AMA notice record the CMS MUE CSVs start with (one quoted cell over several lines), shortened. */
const MUE_NOTICE =
  '"Current Procedural Terminology (CPT) codes, descriptions and other data only are copyright 2025 American Medical Association. All rights reserved. \n\n' +
  'Applicable FARS/DFARS Restrictions Apply to Government Use. \n\n(synthetic table for tests)",,,';

const MUE_VALUE_HEADERS = {
  practitioner: 'Practitioner Services MUE Values',
  hospital: 'Outpatient Hospital Services MUE Values',
  dme: 'DME Supplier Services MUE Values',
} as const;

/** MAI cells as the CMS files write them. */
export const MUE_MAI_CELLS = ['1 Line Edit', '2 Date of Service Edit: Policy', '3 Date of Service Edit: Clinical'] as const;

/** Rationales as they appear in the public CMS MUE tables. */
const MUE_RATIONALES = [
  'Code Descriptor / CPT Instruction',
  'Nature of Analyte',
  'Nature of Service/Procedure',
  'Clinical: CMS Workgroup',
  'Clinical: Data',
  'Anatomic Consideration',
  'CMS Policy',
  'Nature of Equipment',
  'Published Contractor Policy',
];

/** `count` distinct procedure codes (CPT, Category III/PLA style, HCPCS), sorted as CMS sorts them. */
function distinctCodes(count: number, random: () => number): string[] {
  const candidates: string[] = [];
  for (let n = 100; n <= 99999; n++) candidates.push(String(n).padStart(5, '0'));
  for (let n = 1; n <= 9999; n += 3) candidates.push(`${String(n % 1000).padStart(4, '0')}${'TUMFA'[n % 5]}`);
  for (const letter of 'AEGJKLQ') for (let n = 0; n <= 9999; n += 2) candidates.push(`${letter}${String(n).padStart(4, '0')}`);
  const unique = [...new Set(candidates)];
  if (count > unique.length) throw new Error(`cannot generate ${count} distinct codes`);
  for (let i = 0; i < count; i++) {
    const j = i + Math.floor(random() * (unique.length - i));
    [unique[i], unique[j]] = [unique[j]!, unique[i]!];
  }
  return unique.slice(0, count).sort();
}

/** One generated MUE row: code, value (0 in about 2%), MAI cell, rationale. Codes are distinct. */
export interface GeneratedMueRow {
  code: string;
  value: number;
  mai: 1 | 2 | 3;
  maiCell: string;
  rationale: string;
}

export function generateMueRows(rows: number, seed: number = MUE_SEED): GeneratedMueRow[] {
  const random = randomSource(seed);
  return distinctCodes(rows, random).map((code) => {
    const r = random();
    const value = r < 0.02 ? 0 : r < 0.7 ? 1 : r < 0.9 ? 2 + Math.floor(random() * 4) : 6 + Math.floor(random() * 995);
    const m = random();
    const mai = (m < 0.15 ? 1 : m < 0.55 ? 2 : 3) as 1 | 2 | 3;
    return { code, value, mai, maiCell: MUE_MAI_CELLS[mai - 1]!, rationale: MUE_RATIONALES[Math.floor(random() * MUE_RATIONALES.length)]! };
  });
}

/** An MUE table in the CMS CSV layout: the AMA notice record, the two-line header record, then the rows (CRLF). */
export function generateMueTable(rows: number | readonly GeneratedMueRow[], kind: keyof typeof MUE_VALUE_HEADERS = 'practitioner', seed: number = MUE_SEED): string {
  const list = typeof rows === 'number' ? generateMueRows(rows, seed) : rows;
  const lines = [MUE_NOTICE, `"HCPCS/\nCPT Code",${MUE_VALUE_HEADERS[kind]},MUE Adjudication Indicator,MUE Rationale`];
  for (const row of list) lines.push(`${row.code},${row.value},${row.maiCell},${row.rationale}`);
  return lines.join('\r\n') + '\r\n';
}

/** The header the add-on code tables are read by (issue 16). */
export const AOC_HEADER = [
  'Add-on Code',
  'Primary Code',
  'AOC Edit Type',
  'AOC Effective Date',
  'AOC Deletion Date',
  'Primary Code Effective Date',
  'Primary Code Deletion Date',
  'Special Instruction Notes',
] as const;

/** One generated AOC row, as its cells are written (dates Julian YYYYDDD, `*` for none, CCCCC for no primary). */
export interface GeneratedAocRow {
  addOn: string;
  primary: string;
  type: 1 | 2 | 3;
  addOnEffective: string;
  addOnDeletion: string;
  primaryEffective: string;
  primaryDeletion: string;
  notes: string;
}

const AOC_YEARS = [2006, 2010, 2013, 2016, 2019, 2021, 2023, 2025];

function julian(year: number, day: number): string {
  return `${year}${String(day).padStart(3, '0')}`;
}

/**
 * `rows` add-on code rows: add-on codes of Type 1 (about 70%: 1 to 30 primaries each), Type 2 (one
 * CCCCC row) and Type 3 (some primaries); about 5% of add-on codes deleted, about 5% of primaries
 * with their own window. Grouped by add-on code, as CMS sorts the table.
 */
export function generateAocRows(rows: number, seed: number = AOC_SEED): GeneratedAocRow[] {
  const random = randomSource(seed);
  const codes = distinctCodes(4000, random);
  const out: GeneratedAocRow[] = [];
  let next = 0;
  while (out.length < rows) {
    const addOn = codes[next++ % codes.length]!;
    const t = random();
    const type = (t < 0.7 ? 1 : t < 0.8 ? 2 : 3) as 1 | 2 | 3;
    const year = AOC_YEARS[Math.floor(random() * AOC_YEARS.length)]!;
    const addOnEffective = julian(year, 1);
    const addOnDeletion = year < 2023 && random() < 0.05 ? julian(year + 2, year + 2 === 2024 ? 366 : 365) : '*';
    const notes = random() < 0.1 ? `${addOn} may be reported by facilities only` : '';
    const primaries = type === 2 ? 1 : Math.min(rows - out.length, 1 + Math.floor(random() * 30));
    for (let p = 0; p < primaries; p++) {
      if (type === 2) {
        out.push({ addOn, primary: 'CCCCC', type, addOnEffective, addOnDeletion, primaryEffective: '', primaryDeletion: '', notes });
        break;
      }
      let primary = codes[Math.floor(random() * codes.length)]!;
      if (primary === addOn) primary = codes[(codes.indexOf(addOn) + 1) % codes.length]!;
      const ownWindow = random() < 0.05;
      out.push({
        addOn,
        primary,
        type,
        addOnEffective,
        addOnDeletion,
        primaryEffective: ownWindow ? julian(Math.min(year + 1, 2025), 182) : addOnEffective,
        primaryDeletion: ownWindow && year < 2021 ? julian(year + 3, 59) : '*',
        notes,
      });
    }
  }
  return out.slice(0, rows);
}

/** An add-on code table as tab-delimited text saved from the CMS spreadsheet (AOC_HEADER, CRLF). */
export function generateAocTable(rows: number | readonly GeneratedAocRow[], seed: number = AOC_SEED): string {
  const list = typeof rows === 'number' ? generateAocRows(rows, seed) : rows;
  const lines = [AOC_HEADER.join('\t')];
  for (const r of list) lines.push([r.addOn, r.primary, String(r.type), r.addOnEffective, r.addOnDeletion, r.primaryEffective, r.primaryDeletion, r.notes].join('\t'));
  return lines.join('\r\n') + '\r\n';
}

/** The generated 50,000-row MUE table, as the CMS CSV. */
export function writeMueTable(path: string, rows = MUE_ROWS): { bytes: number; rows: number } {
  const out = new ChunkWriter(path);
  out.write(generateMueTable(rows));
  out.close();
  return { bytes: out.bytes, rows };
}

/** The generated 10,000-row add-on code table, tab-delimited. */
export function writeAocTable(path: string, rows = AOC_ROWS): { bytes: number; rows: number } {
  const out = new ChunkWriter(path);
  out.write(generateAocTable(rows));
  out.close();
  return { bytes: out.bytes, rows };
}
