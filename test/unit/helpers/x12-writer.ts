// Writes synthetic X12 837 documents for tests: claims in, text out, with correct envelope
// counts (SE01, GE01, IEA01), control numbers and CLM02 totals unless told otherwise.
// All names and ids are invented (DOE*JANE, M000001...).
//
// What the writer adds around the claims (submitter, receiver, billing provider, subscriber,
// patient address and demographics, the institutional CL1, the 4010 REF*87, ...) follows the
// implementation guide of the kind and version written (the guides Claimlint validates with
// `guideChecks: 'full'`), so a file is guide-valid when its claims ask for nothing the guide
// forbids (guideValidClaims says what that is; test/fuzz/generators.ts writes such claims).
//
//   const { text } = writeX12([{ id: 'C1', lines: [{ code: '43214', charge: '100' }] }]);
//   const { text } = writeX12(claims, { kind: 'institutional', delimiters: { element: '|', component: '^' }, lineEnding: '\r\n' });
//   const { text } = writeTransactions([[['BHT', '0019', '00', '1', '20240101', '1200', 'CH'], ...]]);

import type { DateRange } from '../../../server/src/core/model';

export type ClaimKind = 'professional' | 'institutional' | 'dental';

export interface WriterLine {
  /** Procedure code ('' writes an empty composite on SV2, a revenue-code-only line). */
  code: string;
  /** Composite qualifier; default HC (AD for dental). */
  qualifier?: string;
  modifiers?: string[];
  /** Line charge exactly as it should be written. */
  charge: string;
  /** Units (SV1-04 / SV2-05 / SV3-06); default '1'. */
  units?: string;
  /** Line DTP*472; D8 when from === to, else RD8. */
  date?: DateRange | null;
  /** SV2-01 revenue code (institutional); default '0450'. */
  revenueCode?: string;
  /** Extra segments written after the line's SV and DTP (they stay in the 2400 loop). */
  extraSegments?: SegmentSpec[];
}

export interface WriterClaim {
  /** CLM01. */
  id: string;
  /** NM1*IL NM109; default M000001. */
  subscriberId?: string;
  /**
   * When set, a 2000C patient loop is written with NM1*QC NM108 MI and NM109 = this id (the
   * parser's patient id). The 4010 guides allow that id; the 5010 guides mark NM108/NM109 of the
   * patient name not used, so a guide-valid 5010 file names its patient with patientName instead.
   */
  patientId?: string | null;
  /** When set (and patientId is not), a 2000C patient loop naming the patient with no id: NM1*QC*1*LAST*FIRST. */
  patientName?: { last: string; first: string } | null;
  /** Claim-level date: DTP*472 (professional, dental) or DTP*434 (institutional). */
  date?: DateRange | null;
  /** CLM02 as written; default: the sum of the line charges, with two decimals. */
  totalCharge?: string;
  /** CLM05-1 as written; default 13 (837I: outpatient hospital), 11 (837P: office). */
  facility?: string;
  /** CLM05-3 (claim frequency) as written; default 1 (original). */
  frequency?: string;
  /**
   * REF*F8, the payer's control number of the claim a replacement (7) or void (8) is for: written
   * by default for those, as the guides require (null: left out, for the finding that says so).
   */
  payerClaimNumber?: string | null;
  lines: WriterLine[];
}

export interface WriterDelimiters {
  element: string;
  component: string;
  /** null writes the 4010 `U` in ISA11. */
  repetition: string | null;
  segment: string;
}

export interface WriterOptions {
  kind?: ClaimKind;
  /** 4010 writes ISA11 = U, ISA12 = 00401, no ST03 and a 4010 GS08. Default 5010. */
  version?: '5010' | '4010';
  delimiters?: Partial<WriterDelimiters>;
  /** Written after every segment terminator: '', '\n', '\r\n' or '\r'. Default ''. */
  lineEnding?: string;
  /** Split the claims into this many transaction sets (one GS). Default 1. */
  transactions?: number;
  /** Split the claims into this many interchanges (each with one GS and `transactions` ST). Default 1. */
  interchanges?: number;
  /** Pad the ISA to its fixed width (default true); false writes the fields unpadded. */
  padIsa?: boolean;
  /** Written before the ISA (e.g. '\uFEFF' or '  \n'). */
  prefix?: string;
  /** The first interchange's control number (ISA13, GS06, IEA02), the next ones counting on. Default 1. */
  firstControl?: number;
}

/** A segment as data: id then elements; an array element is a composite. */
export type SegmentSpec = readonly [string, ...(string | readonly string[])[]];

export interface WrittenX12 {
  text: string;
  delimiters: WriterDelimiters;
  /** Segments from ST to SE per transaction set, in order. */
  transactionSegmentCounts: number[];
}

export const DEFAULT_DELIMITERS: WriterDelimiters = { element: '*', component: ':', repetition: '^', segment: '~' };

const IMPLEMENTATIONS: Record<'5010' | '4010', Record<ClaimKind, string>> = {
  '5010': { professional: '005010X222A1', institutional: '005010X223A2', dental: '005010X224A2' },
  '4010': { professional: '004010X098A1', institutional: '004010X096A1', dental: '004010X097A1' },
};

function resolveDelimiters(options: WriterOptions): WriterDelimiters {
  const d = { ...DEFAULT_DELIMITERS, ...options.delimiters };
  if (options.version === '4010' && options.delimiters?.repetition === undefined) d.repetition = null;
  const used = [d.element, d.component, d.segment, ...(d.repetition === null ? [] : [d.repetition])];
  if (new Set(used).size !== used.length || used.some((c) => c.length !== 1)) {
    throw new Error(`writeX12: delimiters must be distinct single characters: ${JSON.stringify(d)}`);
  }
  return d;
}

function pad(value: string, width: number, padded: boolean): string {
  return padded ? value.padEnd(width, ' ').slice(0, width) : value;
}

function isaSegment(d: WriterDelimiters, control: number, options: WriterOptions): string {
  const padded = options.padIsa !== false;
  const fields = [
    'ISA',
    '00',
    pad('', 10, padded),
    '00',
    pad('', 10, padded),
    'ZZ',
    pad('SUBMITTER01', 15, padded),
    'ZZ',
    pad('RECEIVER01', 15, padded),
    '240115',
    '1200',
    d.repetition ?? 'U',
    options.version === '4010' ? '00401' : '00501',
    String(control).padStart(9, '0'),
    '0',
    'T',
    d.component,
  ];
  return fields.join(d.element);
}

function formatSegment(spec: SegmentSpec, d: WriterDelimiters): string {
  const [id, ...elements] = spec;
  const parts = elements.map((e) => (typeof e === 'string' ? e : trimTrailingEmpty(e).join(d.component)));
  return trimTrailingEmpty([id, ...parts]).join(d.element);
}

function trimTrailingEmpty(values: readonly string[]): string[] {
  let end = values.length;
  while (end > 1 && values[end - 1] === '') end--;
  return values.slice(0, end);
}

function chunk<T>(items: readonly T[], parts: number): T[][] {
  const out: T[][] = [];
  const size = Math.ceil(items.length / Math.max(1, parts));
  for (let p = 0; p < parts; p++) out.push(items.slice(p * size, (p + 1) * size));
  return out;
}

function dateSpec(qualifier: string, date: DateRange): SegmentSpec {
  return date.from === date.to ? ['DTP', qualifier, 'D8', String(date.from)] : ['DTP', qualifier, 'RD8', `${date.from}-${date.to}`];
}

/** Sum of decimal strings in cents, formatted with two decimals. */
export function sumCharges(charges: readonly string[]): string {
  const cents = charges.reduce((total, c) => total + Math.round(Number(c) * 100), 0);
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** What the claims of a guide-valid file may ask for (see guideValidClaims). */
export interface GuideValidClaims {
  /** The claim `date` (DTP*472 in 837P/D, DTP*434 in 837I): never, optional or required. */
  claimDate: 'none' | 'optional' | 'required';
  /** The claim date must span days (RD8; the writer writes one day as D8). */
  claimDateRange: boolean;
  /** Each line's `date` (DTP*472 in 2400): optional or required. */
  lineDates: 'optional' | 'required';
  /** A line date may span days (RD8). */
  lineDateRanges: boolean;
  /** A patient may carry an id (patientId, NM1*QC NM108/NM109); else only a name (patientName). */
  patientId: boolean;
}

/**
 * What a claim may ask for in a guide-valid file of this kind and version (the writer writes what
 * it is given, so a claim outside these rules gives guide.* findings). 837D 5010 has no guide
 * Claimlint validates (one guide.not-validated finding): its rules here are the 4010 ones.
 */
export function guideValidClaims(kind: ClaimKind, version: '5010' | '4010' = '5010'): GuideValidClaims {
  const patientId = version === '4010';
  switch (kind) {
    case 'professional':
      // The service date is a line's (2400 DTP*472, required); 2300 has no DTP*472.
      return { claimDate: 'none', claimDateRange: false, lineDates: 'required', lineDateRanges: true, patientId };
    case 'institutional':
      // The statement dates (2300 DTP*434) are required, RD8 only in 5010; under a statement of
      // several days an outpatient line needs its own date (x12.line-date-missing).
      return { claimDate: 'required', claimDateRange: version === '5010', lineDates: version === '5010' ? 'required' : 'optional', lineDateRanges: true, patientId };
    case 'dental':
      // Line service dates D8 only.
      return { claimDate: 'optional', claimDateRange: false, lineDates: 'optional', lineDateRanges: false, patientId };
  }
}

/**
 * The start of an 837 body, BHT through the billing provider's REF*EI (its 2000A loop's HL, name
 * and address): `billing` names the billing provider; `implementation4010` writes 4010's REF*87.
 */
export function headerSegments(options: { billing?: string; implementation4010?: string } = {}): SegmentSpec[] {
  return [
    ['BHT', '0019', '00', '0001', '20240115', '1200', 'CH'],
    // 4010: the transmission type (REF*87) names the guide.
    ...(options.implementation4010 ? [['REF', '87', options.implementation4010] as const] : []),
    ['NM1', '41', '2', 'SUBMITTER CLINIC', '', '', '', '', '46', 'S000001'],
    ['PER', 'IC', 'CONTACT DESK', 'TE', '5555550100'],
    ['NM1', '40', '2', 'EXAMPLE PAYER', '', '', '', '', '46', 'R000001'],
    ['HL', '1', '', '20', '1'],
    ['NM1', '85', '2', options.billing ?? 'EXAMPLE BILLING', '', '', '', '', 'XX', '1234567893'],
    ['N3', '1 MAIN ST'],
    ['N4', 'SPRINGFIELD', 'IL', '000000000'],
    ['REF', 'EI', '000000000'],
  ];
}

/**
 * The subscriber's address and demographics (2010BA N3, N4, DMG), which the guides require when
 * the subscriber is the patient (no 2000C loop) and do not want otherwise.
 */
export const SUBSCRIBER_DETAILS: SegmentSpec[] = [['N3', '2 ELM ST'], ['N4', 'SPRINGFIELD', 'IL', '000000000'], ['DMG', 'D8', '19800101', 'F']];

/** The 837 body (BHT through the last line) of one transaction set, per the guide of `kind` in `version`. */
export function claimSegments(claims: readonly WriterClaim[], kind: ClaimKind = 'professional', version: '5010' | '4010' = '5010'): SegmentSpec[] {
  const v4010 = version === '4010';
  const body: SegmentSpec[] = headerSegments(v4010 ? { implementation4010: IMPLEMENTATIONS['4010'][kind] } : {});
  let hl = 1;
  for (const claim of claims) {
    const patientId = claim.patientId ?? null;
    const patientName = claim.patientName ?? null;
    const hasPatient = patientId !== null || patientName !== null;
    const subscriberHl = ++hl;
    body.push(['HL', String(subscriberHl), '1', '22', hasPatient ? '1' : '0']);
    // SBR06 (coordination of benefits) is required in the 4010 dental guide only.
    body.push(['SBR', 'P', hasPatient ? '' : '18', '', '', '', v4010 && kind === 'dental' ? '1' : '', '', '', 'CI']);
    body.push(['NM1', 'IL', '1', 'DOE', 'JANE', '', '', '', 'MI', claim.subscriberId ?? 'M000001']);
    if (!hasPatient) body.push(...SUBSCRIBER_DETAILS);
    body.push(['NM1', 'PR', '2', 'EXAMPLE PAYER', '', '', '', '', 'PI', 'P000001']);
    if (hasPatient) {
      body.push(['HL', String(++hl), String(subscriberHl), '23', '0']);
      body.push(['PAT', '19']);
      const name = patientName ?? { last: 'DOE', first: 'JOHN' };
      body.push(patientId !== null ? ['NM1', 'QC', '1', name.last, name.first, '', '', '', 'MI', patientId] : ['NM1', 'QC', '1', name.last, name.first]);
      body.push(['N3', '2 ELM ST'], ['N4', 'SPRINGFIELD', 'IL', '000000000'], ['DMG', 'D8', '20100101', 'M']);
    }
    const total = claim.totalCharge ?? sumCharges(claim.lines.map((l) => l.charge));
    // CLM05-02 (facility code qualifier) is B in 837P 5010, A in 837I, not used in 837P/D 4010;
    // CLM06 is not used in 837I 5010; CLM18 (EOB indicator) is required in 837I 4010.
    const frequency = claim.frequency ?? '1';
    const facility = kind === 'institutional' ? [claim.facility ?? '13', 'A', frequency] : [claim.facility ?? '11', v4010 ? '' : 'B', frequency];
    const clm06 = kind === 'institutional' && !v4010 ? '' : 'Y';
    const clm18 = kind === 'institutional' && v4010 ? ['', '', '', '', '', '', '', '', 'Y'] : [];
    body.push(['CLM', claim.id, total, '', '', facility, clm06, 'A', 'Y', 'Y', ...clm18]);
    if (claim.date) body.push(dateSpec(kind === 'institutional' ? '434' : '472', claim.date));
    // 837I: the institutional claim code (CL1, required in 5010) before the diagnosis.
    if (kind === 'institutional') body.push(['CL1', '1', '1', '01']);
    const payerClaimNumber = claim.payerClaimNumber === undefined ? (frequency === '7' || frequency === '8' ? 'PAYERCLAIM0001' : null) : claim.payerClaimNumber;
    if (payerClaimNumber !== null) body.push(['REF', 'F8', payerClaimNumber]);
    // Principal diagnosis: ICD-10 (ABK) in 5010, ICD-9 (BK) in 4010; 837D has none.
    if (kind !== 'dental') body.push(['HI', v4010 ? ['BK', '7809'] : ['ABK', 'R69']]);
    claim.lines.forEach((line, i) => {
      body.push(['LX', String(i + 1)]);
      const composite = line.code === '' && kind === 'institutional'
        ? []
        : [line.qualifier ?? (kind === 'dental' ? 'AD' : 'HC'), line.code, ...(line.modifiers ?? [])];
      const units = line.units ?? '1';
      if (kind === 'professional') body.push(['SV1', composite, line.charge, 'UN', units, '', '', ['1']]);
      else if (kind === 'institutional') body.push(['SV2', line.revenueCode ?? '0450', composite, line.charge, 'UN', units]);
      else body.push(['SV3', composite, line.charge, '', '', '', units]);
      if (line.date) body.push(dateSpec('472', line.date));
      for (const extra of line.extraSegments ?? []) body.push(extra);
    });
  }
  return body;
}

/**
 * Wraps transaction bodies (segments between ST and SE) in ST/SE, GS/GE and ISA/IEA with
 * correct counts and control numbers. `interchanges` splits the bodies over several ISAs.
 */
export function writeTransactions(bodies: readonly (readonly SegmentSpec[])[], options: WriterOptions = {}): WrittenX12 {
  const d = resolveDelimiters(options);
  const kind = options.kind ?? 'professional';
  const version = options.version ?? '5010';
  const implementation = IMPLEMENTATIONS[version][kind];
  const end = d.segment + (options.lineEnding ?? '');
  const out: string[] = [options.prefix ?? ''];
  const transactionSegmentCounts: number[] = [];
  let stControl = 0;
  chunk(bodies, options.interchanges ?? 1).forEach((group, g) => {
    const control = g + (options.firstControl ?? 1);
    out.push(isaSegment(d, control, options) + end);
    out.push(formatSegment(['GS', 'HC', 'SENDER01', 'RECEIVER01', '20240115', '1200', String(control), 'X', implementation], d) + end);
    for (const body of group) {
      const st = String(++stControl).padStart(4, '0');
      out.push(formatSegment(version === '4010' ? ['ST', '837', st] : ['ST', '837', st, implementation], d) + end);
      for (const spec of body) out.push(formatSegment(spec, d) + end);
      const count = body.length + 2;
      transactionSegmentCounts.push(count);
      out.push(formatSegment(['SE', String(count), st], d) + end);
    }
    out.push(formatSegment(['GE', String(group.length), String(control)], d) + end);
    out.push(formatSegment(['IEA', '1', String(control).padStart(9, '0')], d) + end);
  });
  return { text: out.join(''), delimiters: d, transactionSegmentCounts };
}

/** Writes claims as an 837 of the given kind (split over `transactions` ST sets and `interchanges` ISAs). */
export function writeX12(claims: readonly WriterClaim[], options: WriterOptions = {}): WrittenX12 {
  const kind = options.kind ?? 'professional';
  const sets = Math.max(1, (options.transactions ?? 1) * (options.interchanges ?? 1));
  const bodies = chunk(claims, sets).map((part) => claimSegments(part, kind, options.version ?? '5010'));
  return writeTransactions(bodies, options);
}
