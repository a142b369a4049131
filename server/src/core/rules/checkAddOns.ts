// Add-on codes (AOC): a code that is paid only with a primary procedure by the same provider for
// the same patient on the same date. Type 1: the table lists the primaries; Type 2: no list (the
// payer decides); Type 3: some primaries listed, the payer may accept others.

import { formatDate } from '../dates';
import type { AocEditType, AocRow, AocTable } from './aoc';
import { conflictColumnOneOf, type PtpTables, type RunFinding } from './checkPtp';
import type { KeptLines } from './keptLines';
import type { PtpRuleSet } from './ptp';
import type { PatientGroup, ServiceGrouper } from './serviceGroups';

export const AOC_PRIMARY_MISSING_RULE = 'aoc.primary-missing';

/** Listed primaries shown in a message. */
const LISTED = 10;


function codeOf(lines: KeptLines, row: number): string {
  return lines.code(row).trim().toUpperCase();
}

function overlaps(lines: KeptLines, a: number, b: number): boolean {
  return lines.from(a) <= lines.to(b) && lines.from(b) <= lines.to(a);
}

/** Whether a row's primary is in force on the date. */
function primaryInForce(row: AocRow, date: number): boolean {
  return row.primary !== null && (row.primaryEffective === null || row.primaryEffective <= date) && (row.primaryDeletion === null || date <= row.primaryDeletion);
}

/**
 * 'aoc.primary-missing' on an add-on code line with no primary beside it (same patient and
 * provider, overlapping date): Type 1 (error) when none of the primaries listed for that date is
 * there; Type 3 (information) likewise, since the payer may accept another; Type 2 (information)
 * when no other procedure of that provider is there at all. With PTP tables (`ptp`), a line that
 * is the column-2 line of a 'ptp.conflict' (indicator 0: no modifier helps) with another line of
 * the group is denied, so it is no primary: the add-on is reported, its message naming the line
 * the primary is bundled into (fix-all removes a Type 1 add-on with its bundled primary).
 */
export function checkAddOnGroups(grouper: ServiceGrouper, table: AocTable, ptp?: PtpTables): RunFinding[] {
  const out: RunFinding[] = [];
  if (table.size === 0) return out;
  for (const group of grouper.groups()) checkAddOnGroup(group, table, out, ptp);
  return out;
}

/** One provider's lines of a group, sorted by first date, for finding the lines beside an add-on line. */
interface ProviderLines {
  /** Rows of the group's table. */
  rows: number[];
  /** Longest date range of the lines, in CCYYMMDD steps (an upper bound is enough). */
  maxSpan: number;
}

function byProvider(group: PatientGroup): Map<number, ProviderLines> {
  const lines = group.lines;
  const out = new Map<number, ProviderLines>();
  for (const row of group.rows) {
    const provider = lines.providerNumber(row);
    let entry = out.get(provider);
    if (!entry) out.set(provider, (entry = { rows: [], maxSpan: 0 }));
    entry.rows.push(row);
    entry.maxSpan = Math.max(entry.maxSpan, lines.to(row) - lines.from(row));
  }
  for (const entry of out.values()) entry.rows.sort((a, b) => lines.from(a) - lines.from(b));
  return out;
}

/** The provider's other lines whose dates overlap the line's (row `row`). */
function linesBeside(lines: KeptLines, row: number, entry: ProviderLines): number[] {
  const from = lines.from(row);
  const to = lines.to(row);
  const rows = entry.rows;
  let low = 0;
  let high = rows.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (lines.from(rows[mid]!) < from - entry.maxSpan) low = mid + 1;
    else high = mid;
  }
  const out: number[] = [];
  for (let at = low; at < rows.length && lines.from(rows[at]!) <= to; at++) {
    const other = rows[at]!;
    if (other !== row && overlaps(lines, other, row)) out.push(other);
  }
  return out;
}

/** A line that would be a primary but is bundled into another (its row, and the column-1 line's). */
interface Bundled {
  primary: number;
  into: number;
}

/**
 * Of `candidates` (the provider's lines beside an add-on line that could be its primary), null
 * when one is paid (not the column-2 line of an indicator-0 PTP conflict); else the bundled one
 * first in run order, with the first column-1 line it is bundled into (undefined: no candidate).
 * `bundledInto` holds the answers of the group's earlier add-on lines.
 */
function paidPrimary(lines: KeptLines, candidates: readonly number[], rules: PtpRuleSet | undefined, entry: ProviderLines, bundledInto: Map<number, number>): Bundled | null | undefined {
  let bundled: Bundled | undefined;
  for (const candidate of candidates) {
    let into = rules === undefined ? -1 : bundledInto.get(candidate);
    if (into === undefined) bundledInto.set(candidate, (into = conflictColumnOneOf(lines, rules!, candidate, linesBeside(lines, candidate, entry))));
    if (into < 0) return null;
    if (bundled === undefined || lines.order(candidate) < lines.order(bundled.primary)) bundled = { primary: candidate, into };
  }
  return bundled;
}

/** The add-on code findings of one patient group (see checkAddOnGroups), added to `out`: they depend on that group's lines alone. */
export function checkAddOnGroup(group: PatientGroup, table: AocTable, out: RunFinding[], ptp?: PtpTables): void {
  let providers: Map<number, ProviderLines> | null = null;
  const lines = group.lines;
  const rules = ptp === undefined || ptp[group.table].size === 0 ? undefined : ptp[group.table];
  /** Per line asked about, the line it is bundled into by an indicator-0 PTP edit, or -1 (it does not depend on the add-on line). */
  const bundledInto = new Map<number, number>();
  for (const row of group.rows) {
    const code = codeOf(lines, row);
    const date = lines.from(row);
    // The rows of the add-on in force on the date, whether or not their primary still is.
    const rows = table.rowsForAddOn(code).filter((r) => r.addOnEffective <= date && (r.addOnDeletion === null || date <= r.addOnDeletion));
    if (rows.length === 0) continue;
    const type: AocEditType = rows.some((r) => r.type === 1) ? 1 : rows.some((r) => r.type === 3) ? 3 : 2;
    providers ??= byProvider(group);
    const entry = providers.get(lines.providerNumber(row))!;
    const beside = linesBeside(lines, row, entry);
    const primaries = [...new Set(rows.filter((r) => primaryInForce(r, date)).map((r) => r.primary!))].sort();
    // No list (Type 2): any other procedure that is not itself an add-on may be the primary.
    const listedSet = new Set(primaries);
    const candidates = beside.filter((other) => (type === 2 ? !table.isAddOn(codeOf(lines, other), date) : listedSet.has(codeOf(lines, other))));
    const bundled = paidPrimary(lines, candidates, rules, entry, bundledInto);
    if (bundled === null) continue;
    const listed = primaries.length === 0 ? '' : `${primaries.slice(0, LISTED).join(', ')}${primaries.length > LISTED ? ` and ${primaries.length - LISTED} more` : ''}`;
    const when = formatDate(date);
    const message =
      bundled !== undefined
        ? bundledMessage(code, type, when, codeOf(lines, bundled.primary), codeOf(lines, bundled.into), listed)
        : type === 1
          ? `${code} is an add-on code (AOC edit type 1) billed without one of its primary procedures by the same provider on ${when}: it is paid only with ${listed || 'a listed primary'}. Add the primary procedure, or remove the ${code} line.`
          : type === 3
            ? `${code} is an add-on code (AOC edit type 3) with none of its listed primaries (${listed || 'none listed'}) by the same provider on ${when}; the payer may accept another primary. Check that the primary procedure is billed.`
            : `${code} is an add-on code (AOC edit type 2: the payer decides which primaries it accepts) with no other procedure by the same provider on ${when}. Check that the primary procedure is billed.`;
    out.push({
      file: lines.file(row),
      finding: {
        rule: AOC_PRIMARY_MISSING_RULE,
        severity: type === 1 ? 'error' : 'information',
        message,
        span: lines.codeSpan(row),
        codes: [code, ...primaries.slice(0, LISTED)],
        data: { kind: 'aoc', addOn: code, type, line: { claimIndex: lines.claimIndex(row), lineIndex: lines.lineIndex(row) } },
      },
    });
  }
}

/** The message of an add-on line whose only primaries beside it are bundled away by indicator-0 PTP edits. */
function bundledMessage(code: string, type: AocEditType, when: string, primary: string, into: string, listed: string): string {
  const bundled = `its primary ${primary} is bundled into ${into} (NCCI PTP edit), so it is not paid`;
  return type === 1
    ? `${code} is an add-on code (AOC edit type 1) billed by the same provider on ${when}, but ${bundled}: ${code} is paid only with ${listed || 'a listed primary'} that is paid. Remove the ${code} line with the ${primary} line, or bill a primary that is paid.`
    : type === 3
      ? `${code} is an add-on code (AOC edit type 3) billed by the same provider on ${when}, but ${bundled}; the payer may accept another primary (listed: ${listed || 'none'}). Check that a payable primary procedure is billed.`
      : `${code} is an add-on code (AOC edit type 2: the payer decides which primaries it accepts) billed by the same provider on ${when}, but ${bundled}. Check that a payable primary procedure is billed.`;
}
