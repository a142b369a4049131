// The role of each column of a claim CSV, from its header names (the names are data: columns.ts).

import type { CsvColumnRole } from '../model';
import { BILLING_PROVIDER_NAMES, BRACKET_HINTS, CODE_SET_COLUMN_NAMES, COLUMN_NAMES, EXTRA_COLUMN_NAMES, REVENUE_CODE_NAMES, TYPE_OF_BILL_NAMES, WEAK_PROCEDURE_CODE_NAMES, normalizeHeader } from './columns';

type InternalRole = CsvColumnRole | 'dateOfServiceTo' | 'frequency' | 'patientName' | 'patientBirthDate';

export interface ColumnLayout {
  headers: string[];
  /** Role of each column as CsvIndex shows it (null for unused and duplicate columns). */
  roles: (CsvColumnRole | null)[];
  claimId: number;
  patientId: number;
  dateOfService: number;
  /** A separate "to" date column, or -1. */
  dateOfServiceTo: number;
  procedureCode: number;
  /**
   * A column of the other code set (CPT beside HCPCS, or HCPCS beside CPT: CODE_SET_COLUMN_NAMES),
   * read where the procedure-code column's cell is empty; or -1.
   */
  otherProcedureCode: number;
  /** The single column holding several modifiers, or -1. */
  modifiers: number;
  /** Numbered modifier columns in order 1..4 (only those present); empty when none. */
  modifierColumns: number[];
  units: number;
  charge: number;
  lineNumber: number;
  /** Rendering (or billing) provider id column, or -1. */
  providerId: number;
  /**
   * The billing provider's column beside a rendering provider column (BILLING_PROVIDER_NAMES), or
   * -1: then the provider column is the only one, whatever its name. In CsvIndex.roles it shows
   * role null.
   */
  billingProviderId: number;
  /** Claim-type or bill-type column, or -1. */
  claimType: number;
  /**
   * The type of bill's column beside a claim type column (TYPE_OF_BILL_NAMES), or -1: then the
   * claim-type column is the only one, whatever its name. The claim type column names the kind; a
   * type of bill here names the facility type and the frequency (and institutional, when the claim
   * type cell names no kind). In CsvIndex.roles it shows role claimType; it is not counted in
   * otherRoleCount.
   */
  typeOfBill: number;
  /**
   * The claim frequency column (claimFrequency.ts), or -1: then a type of bill (in the type-of-bill
   * column, else the claim-type column) says the frequency. In CsvIndex.roles it shows role null; it is not counted in
   * otherRoleCount, so what is taken for a claim file is as before.
   */
  frequency: number;
  /** A revenue code column (REVENUE_CODE_NAMES), or -1; no role, not counted in otherRoleCount. */
  revenueCode: number;
  /**
   * The patient's name and date of birth columns, or -1 (csv/patientCells.ts): they tell apart the
   * patients of one patient id. No role, not counted in otherRoleCount.
   */
  patientName: number;
  patientBirthDate: number;
  /** The procedure-code column has a generic name ("Code"). */
  weakProcedureCode: boolean;
  /** How many roles other than the procedure code were found. */
  otherRoleCount: number;
}

const NAME_TABLE: Map<string, { role: InternalRole; rank: number }> = (() => {
  const m = new Map<string, { role: InternalRole; rank: number }>();
  const add = (role: InternalRole, names: readonly string[]): void => {
    names.forEach((name, rank) => {
      if (!m.has(name)) m.set(name, { role, rank });
    });
  };
  for (const role of Object.keys(COLUMN_NAMES) as CsvColumnRole[]) add(role, COLUMN_NAMES[role]);
  add('dateOfServiceTo', EXTRA_COLUMN_NAMES.dateOfServiceTo);
  add('frequency', EXTRA_COLUMN_NAMES.frequency);
  add('patientName', EXTRA_COLUMN_NAMES.patientName);
  add('patientBirthDate', EXTRA_COLUMN_NAMES.patientBirthDate);
  return m;
})();

/** A part in brackets in a header: "(MM/DD/YYYY)", "(CPT/HCPCS)". */
const BRACKETED = /\([^()]*\)|\[[^[\]]*\]/g;

/** Ranks of names matched without a part in brackets come after those of every name matched as written. */
const STRIPPED_RANK = 1_000_000;

/**
 * A header as its name is looked up (normalizeHeader, columns.ts): as written, else, when that is
 * no known name and each of its parts in brackets names a format or a code set (BRACKET_HINTS),
 * without them ("Date of Service (MM/DD/YYYY)" is "dateofservice"; "Date (Paid)" stays "datepaid").
 */
function headerName(header: string): { key: string; stripped: boolean } {
  const whole = normalizeHeader(header);
  if (NAME_TABLE.has(whole) || !(header.includes('(') || header.includes('['))) return { key: whole, stripped: false };
  const parts = header.match(BRACKETED) ?? [];
  if (parts.length === 0 || !parts.every((part) => BRACKET_HINTS.has(normalizeHeader(part)))) return { key: whole, stripped: false };
  const bare = normalizeHeader(header.replace(BRACKETED, ' '));
  return bare === '' ? { key: whole, stripped: false } : { key: bare, stripped: true };
}

/** headerName's key. */
function headerKey(header: string): string {
  return headerName(header).key;
}

/** The role a single header name would get on its own, or null. */
export function roleOfHeader(header: string): InternalRole | null {
  return NAME_TABLE.get(headerKey(header))?.role ?? null;
}

export function mapColumns(headers: string[]): ColumnLayout {
  const best = new Map<InternalRole, { col: number; rank: number }>();
  const names = headers.map(headerName);
  const norms = names.map((name) => name.key);
  names.forEach(({ key, stripped }, col) => {
    const hit = NAME_TABLE.get(key);
    if (!hit) return;
    const rank = stripped ? hit.rank + STRIPPED_RANK : hit.rank;
    const cur = best.get(hit.role);
    if (!cur || rank < cur.rank) best.set(hit.role, { col, rank });
  });
  const col = (role: InternalRole): number => best.get(role)?.col ?? -1;
  let modifiers = col('modifiers');
  const numbered = [col('modifier1'), col('modifier2'), col('modifier3'), col('modifier4')];
  // Modifier columns that all carry one name ("Modifier, Modifier", "Mod, Mod"): one modifier
  // each, in column order, in the slots no numbered name took.
  const unnumbered = norms.flatMap((norm, c) => (NAME_TABLE.get(norm)?.role === 'modifiers' ? [c] : []));
  if (unnumbered.length > 1) {
    for (const c of unnumbered) {
      const free = numbered.indexOf(-1);
      if (free < 0) break;
      numbered[free] = c;
    }
    numbered.sort((a, b) => (a < 0 ? 1 : b < 0 ? -1 : a - b));
  }
  let modifierColumns: number[] = [];
  const roles: (CsvColumnRole | null)[] = headers.map(() => null);
  if (numbered.some((c) => c >= 0)) {
    if (numbered[0]! < 0 && modifiers >= 0) numbered[0] = modifiers;
    modifiers = -1;
    numbered.forEach((c, i) => {
      if (c >= 0) roles[c] = (['modifier1', 'modifier2', 'modifier3', 'modifier4'] as const)[i]!;
    });
    modifierColumns = numbered.filter((c) => c >= 0);
  } else if (modifiers >= 0) {
    roles[modifiers] = 'modifiers';
  }
  const layout: ColumnLayout = {
    headers,
    roles,
    claimId: col('claimId'),
    patientId: col('patientId'),
    dateOfService: col('dateOfService'),
    dateOfServiceTo: col('dateOfServiceTo'),
    procedureCode: col('procedureCode'),
    otherProcedureCode: -1,
    modifiers,
    modifierColumns,
    units: col('units'),
    charge: col('charge'),
    lineNumber: col('lineNumber'),
    providerId: col('providerId'),
    billingProviderId: -1,
    claimType: col('claimType'),
    typeOfBill: -1,
    frequency: col('frequency'),
    revenueCode: -1,
    patientName: col('patientName'),
    patientBirthDate: col('patientBirthDate'),
    weakProcedureCode: false,
    otherRoleCount: 0,
  };
  const single: [CsvColumnRole, number][] = [
    ['claimId', layout.claimId],
    ['patientId', layout.patientId],
    ['dateOfService', layout.dateOfService],
    ['procedureCode', layout.procedureCode],
    ['units', layout.units],
    ['charge', layout.charge],
    ['lineNumber', layout.lineNumber],
    ['providerId', layout.providerId],
    ['claimType', layout.claimType],
  ];
  for (const [role, c] of single) if (c >= 0) roles[c] = role;
  // The end of the line's date range: a date of service too, to the index (its hover shows the range).
  if (layout.dateOfServiceTo >= 0) roles[layout.dateOfServiceTo] = 'dateOfService';
  layout.otherProcedureCode = otherCodeSetColumn(norms, layout.procedureCode);
  if (layout.otherProcedureCode >= 0) roles[layout.otherProcedureCode] = 'procedureCode';
  layout.billingProviderId = billingProviderColumn(norms, layout.providerId);
  layout.typeOfBill = typeOfBillColumn(norms, layout.claimType);
  layout.revenueCode = bestNamedColumn(norms, REVENUE_CODE_NAMES);
  if (layout.typeOfBill >= 0) roles[layout.typeOfBill] = 'claimType';
  layout.otherRoleCount =
    single.filter(([role, c]) => c >= 0 && role !== 'procedureCode' && role !== 'lineNumber').length +
    (modifiers >= 0 || modifierColumns.length > 0 ? 1 : 0) +
    (layout.dateOfServiceTo >= 0 ? 1 : 0) +
    (layout.billingProviderId >= 0 ? 1 : 0);
  layout.weakProcedureCode =
    layout.procedureCode >= 0 && WEAK_PROCEDURE_CODE_NAMES.includes(norms[layout.procedureCode]!);
  return layout;
}

/**
 * The column of the other code set than the procedure-code column's (its better-ranked one, ties
 * the leftmost), or -1 when the code column is of neither set or the header has no such column.
 */
function otherCodeSetColumn(norms: readonly string[], codeColumn: number): number {
  if (codeColumn < 0) return -1;
  const sets: readonly (readonly string[])[] = [CODE_SET_COLUMN_NAMES.cpt, CODE_SET_COLUMN_NAMES.hcpcs];
  const own = sets.findIndex((names) => names.includes(norms[codeColumn]!));
  if (own < 0) return -1;
  return bestNamedColumn(norms, sets[1 - own]!);
}

/**
 * The billing provider's column when the provider column is a rendering provider's (its name is
 * not a billing one): the best-ranked column of BILLING_PROVIDER_NAMES, ties the leftmost; else -1.
 */
function billingProviderColumn(norms: readonly string[], providerColumn: number): number {
  if (providerColumn < 0 || BILLING_PROVIDER_NAMES.includes(norms[providerColumn]!)) return -1;
  return bestNamedColumn(norms, BILLING_PROVIDER_NAMES);
}

/**
 * The type of bill's column when the claim-type column is not itself one (its name is not a type
 * of bill's): the best-ranked column of TYPE_OF_BILL_NAMES, ties the leftmost; else -1.
 */
function typeOfBillColumn(norms: readonly string[], claimTypeColumn: number): number {
  if (claimTypeColumn < 0 || TYPE_OF_BILL_NAMES.includes(norms[claimTypeColumn]!)) return -1;
  return bestNamedColumn(norms, TYPE_OF_BILL_NAMES);
}

/** The column whose name comes first in `names` (ties: the leftmost), or -1. */
function bestNamedColumn(norms: readonly string[], names: readonly string[]): number {
  let best = -1;
  let bestRank = Infinity;
  norms.forEach((norm, c) => {
    const rank = names.indexOf(norm);
    if (rank >= 0 && rank < bestRank) {
      best = c;
      bestRank = rank;
    }
  });
  return best;
}
