// Add-on codes (AOC): a code that is paid only with a primary procedure by the same provider for
// the same patient on the same date. Type 1: the table lists the primaries; Type 2: no list (the
// payer decides); Type 3: some primaries listed, the payer may accept others.

import { formatDate } from '../dates';
import type { AocEditType, AocRow, AocTable } from './aoc';
import { byProvider, codeKey as codeOf, primaryByAnotherProvider, primaryOnAnotherDate, type ProviderLines } from './besideLines';
import { conflictColumnOneTest, mayConflict, type PtpTables, type RunFinding } from './checkPtp';
import { practitionersOf } from './ptpPairs';
import type { KeptLines } from './keptLines';
import type { PtpRuleSet } from './ptp';
import type { PatientGroup, ServiceGrouper } from './serviceGroups';

export const AOC_PRIMARY_MISSING_RULE = 'aoc.primary-missing';

/** Listed primaries shown in a message. */
const LISTED = 10;

/** The last date a range can end on: [0, ALL_DAYS] asks whether an edit is in force on any day. */
const ALL_DAYS = 99991231;

/** Whether a row's primary is in force on the date. */
function primaryInForce(row: AocRow, date: number): boolean {
  return row.primary !== null && (row.primaryEffective === null || row.primaryEffective <= date) && (row.primaryDeletion === null || date <= row.primaryDeletion);
}

/**
 * 'aoc.primary-missing' on an add-on code line with no primary beside it (same patient and
 * provider, overlapping date): Type 1 (error) when none of the primaries listed for that date is
 * there; Type 3 (information) likewise, since the payer may accept another; Type 2 (information)
 * when no other procedure of that provider is there at all. Only a paid primary counts (Payments
 * below): with PTP tables (`ptp`), a line is denied while a paid line bundles it by an
 * indicator-0 edit (a 'ptp.conflict': no modifier helps), and a listed primary that is a Type 1
 * add-on itself is denied without a paid primary of its own. The add-on is then reported, its
 * message naming why its primary is not paid (fix-all removes a Type 1 add-on, and keeps a
 * primary only where it is paid, so the two agree).
 */
export function checkAddOnGroups(grouper: ServiceGrouper, table: AocTable, ptp?: PtpTables): RunFinding[] {
  const out: RunFinding[] = [];
  if (table.size === 0) return out;
  for (const group of grouper.groups()) checkAddOnGroup(group, table, out, ptp);
  return out;
}

/** What an add-on line asks of the lines beside it on its date. */
interface AddOnLine {
  code: string;
  type: AocEditType;
  /** The listed primaries in force on the date, sorted. */
  primaries: string[];
  /** Whether the line could be a candidate of its own (its code listed as its own primary): only then do lines of the same code, provider and dates differ in candidates. */
  ownCandidate: boolean;
  /** The provider's lines beside it that may be its primary (Type 2: any other procedure that is not itself an add-on), one at a time. */
  candidates(): Iterable<number>;
}

/** The add-on rows in force for line `row` on its date, as what it asks of the lines beside it; null when its code is no add-on then. */
function addOnLineOf(lines: KeptLines, table: AocTable, row: number, entry: ProviderLines): AddOnLine | null {
  const code = codeOf(lines, row);
  const date = lines.from(row);
  // The rows of the add-on in force on the date, whether or not their primary still is.
  const rows = table.rowsForAddOn(code).filter((r) => r.addOnEffective <= date && (r.addOnDeletion === null || date <= r.addOnDeletion));
  if (rows.length === 0) return null;
  const type: AocEditType = rows.some((r) => r.type === 1) ? 1 : rows.some((r) => r.type === 3) ? 3 : 2;
  const primaries = [...new Set(rows.filter((r) => primaryInForce(r, date)).map((r) => r.primary!))].sort();
  const candidates = type === 2 ? () => notAddOns(lines, table, date, entry.beside(row, null)) : () => entry.beside(row, primaries);
  return { code, type, primaries, ownCandidate: type !== 2 && primaries.includes(code), candidates };
}

/** The lines whose code is no add-on on the date. */
function* notAddOns(lines: KeptLines, table: AocTable, date: number, rows: Iterable<number>): Generator<number> {
  for (const row of rows) if (!table.isAddOn(codeOf(lines, row), date)) yield row;
}

/**
 * Which lines of one group are paid, as fix-all leaves the file (fixes.ts): a line is denied
 * while a paid line bundles it by an indicator-0 PTP edit (fix-all removes it, and only it: when
 * A bundles B and B bundles C, B goes and C is paid), and a Type 1 add-on is denied without a
 * paid primary beside it (a listed primary that is itself an add-on counts only with a paid
 * primary of its own: CMS pays an add-on only with a primary that is paid). Decided on demand,
 * from the lines an answer depends on, stopping at the first that settles it (a busy day's lines
 * are not all visited for one add-on), and kept; what a line depends on is not kept but found
 * again when asked (kept, the lines beside every line of a busy day would be held), among the
 * lines of the codes it can depend on alone (besideLines.ts). A line whose
 * answer leans on itself, through a cycle of edits or of add-ons that are each other's only
 * primaries, is denied: nothing outside the cycle makes it paid (and a bundled primary counted as
 * paid would keep its add-on, where fix-all might remove that primary).
 */
class Payments {
  private readonly paid = new Map<number, boolean>();
  /** The lines being decided, whose answers are not known yet. */
  private readonly open = new Set<number>();
  /** deniedBy's answers (many add-on lines may name one denied primary). */
  private readonly into = new Map<number, number>();
  /** columnOneCodes's answers. */
  private readonly columnOne = new Map<ProviderLines, Map<string, string[]>>();

  constructor(
    private readonly lines: KeptLines,
    private readonly table: AocTable,
    private readonly rules: PtpRuleSet | undefined,
    private readonly providers: Map<number, ProviderLines>,
    /** The patient group's rows, of which the practitioners are read (practitionersOf) when a PTP edit is first asked about. */
    private readonly rows: readonly number[],
  ) {}

  private practitioners: Set<number> | null = null;

  isPaid(row: number): boolean {
    const answer = this.decide(row);
    if (answer === undefined) this.paid.set(row, false);
    return answer === true;
  }

  /**
   * The line a denied line is bundled into (a paid one when there is one), or -1 when it is
   * denied as a Type 1 add-on without a paid primary.
   */
  deniedBy(row: number): number {
    let into = this.into.get(row);
    if (into === undefined) this.into.set(row, (into = this.findDeniedBy(row)));
    return into;
  }

  private findDeniedBy(row: number): number {
    let first = -1;
    for (const line of this.bundlers(row)) {
      if (this.paid.get(line) === true) return line;
      if (first < 0) first = line;
    }
    const primaries = this.primariesOf(row);
    if (primaries === null) return first;
    for (const line of primaries) if (this.paid.get(line) === true) return first;
    return -1;
  }

  /**
   * Paid (true), denied (false), or undefined when the answer leans on a line still being decided
   * (a cycle); an undefined answer is not kept, so the line is decided again once that line is.
   */
  private decide(row: number): boolean | undefined {
    const known = this.paid.get(row);
    if (known !== undefined) return known;
    if (this.open.has(row)) return undefined;
    this.open.add(row);
    const answer = this.decideOpen(row);
    this.open.delete(row);
    if (answer !== undefined) this.paid.set(row, answer);
    return answer;
  }

  /** decide for a line not known yet: denied by the first paid line that bundles it, or (a Type 1 add-on) by no paid primary. */
  private decideOpen(row: number): boolean | undefined {
    let leans = false;
    for (const line of this.bundlers(row)) {
      const paid = this.decide(line);
      if (paid === true) return false;
      if (paid === undefined) leans = true;
    }
    const primaries = this.primariesOf(row);
    if (primaries !== null) {
      let primary: boolean | undefined = false;
      for (const line of primaries) {
        const paid = this.decide(line);
        if (paid === true) {
          primary = true;
          break;
        }
        if (paid === undefined) primary = undefined;
      }
      if (primary === false) return false;
      if (primary === undefined) leans = true;
    }
    return leans ? undefined : true;
  }

  /**
   * The provider's lines beside a line that bundle it by an indicator-0 edit (none without PTP
   * tables), in the order of its lines beside it, one at a time: only the lines of codes that may
   * bundle its code on its dates are visited.
   */
  private *bundlers(row: number): Generator<number> {
    if (this.rules === undefined) return;
    this.practitioners ??= practitionersOf(this.lines, this.rules, this.rows);
    const isBundler = conflictColumnOneTest(this.lines, this.rules, row, this.practitioners);
    if (isBundler === null) return;
    const rules = this.rules;
    const code = codeOf(this.lines, row);
    const from = this.lines.from(row);
    const to = this.lines.to(row);
    const entry = this.entryOf(row);
    const codes = this.columnOneCodes(entry, code).filter((one) => mayConflict(rules, one, code, from, to));
    for (const line of entry.beside(row, codes)) if (isBundler(line)) yield line;
  }

  /** The provider's codes that bundle the code by an indicator-0 edit on some day, kept per provider and code. */
  private columnOneCodes(entry: ProviderLines, code: string): string[] {
    let byCode = this.columnOne.get(entry);
    if (byCode === undefined) this.columnOne.set(entry, (byCode = new Map()));
    let codes = byCode.get(code);
    if (codes === undefined) byCode.set(code, (codes = [...entry.byCode.keys()].filter((one) => one !== code && mayConflict(this.rules!, one, code, 0, ALL_DAYS))));
    return codes;
  }

  private entryOf(row: number): ProviderLines {
    return this.providers.get(this.lines.providerNumber(row))!;
  }

  /** A Type 1 add-on's candidate primaries; null for any other line (Type 2 and 3 add-ons: the payer decides). */
  private primariesOf(row: number): Iterable<number> | null {
    const addOn = addOnLineOf(this.lines, this.table, row, this.entryOf(row));
    return addOn?.type === 1 ? addOn.candidates() : null;
  }
}

/** The add-on code findings of one patient group (see checkAddOnGroups), added to `out`: they depend on that group's lines alone. */
export function checkAddOnGroup(group: PatientGroup, table: AocTable, out: RunFinding[], ptp?: PtpTables): void {
  let providers: Map<number, ProviderLines> | null = null;
  let payments: Payments | null = null;
  /** firstUnpaid's answers by provider, code and dates: a day's many lines of one add-on share their candidates. */
  const settled = new Map<string, number>();
  const lines = group.lines;
  const rules = ptp === undefined || ptp[group.table].size === 0 ? undefined : ptp[group.table];
  for (const row of group.rows) {
    if (table.rowsForAddOn(codeOf(lines, row)).length === 0) continue;
    providers ??= byProvider(group);
    const addOn = addOnLineOf(lines, table, row, providers.get(lines.providerNumber(row))!);
    if (addOn === null) continue;
    payments ??= new Payments(lines, table, rules, providers, group.rows);
    const key = addOn.ownCandidate ? null : `${lines.providerNumber(row)}:${addOn.code}:${lines.from(row)}:${lines.to(row)}`;
    let denied = key === null ? undefined : settled.get(key);
    if (denied === undefined) {
      denied = firstUnpaid(lines, addOn, payments);
      if (key !== null) settled.set(key, denied);
    }
    if (denied === PAID) continue;
    const { code, type, primaries } = addOn;
    const listed = primaries.length === 0 ? '' : `${primaries.slice(0, LISTED).join(', ')}${primaries.length > LISTED ? ` and ${primaries.length - LISTED} more` : ''}`;
    const when = formatDate(lines.from(row));
    // A listed primary by the same provider on another date: perhaps a date written wrong (a session past midnight).
    const elsewhere = denied < 0 && type === 1 ? primaryOnAnotherDate(group, row, primaries) : -1;
    // A listed primary the same day by another provider of the patient: perhaps one line's rendering provider written wrong.
    const otherProvider = denied < 0 && type === 1 && elsewhere < 0 ? primaryByAnotherProvider(group, row, primaries) : -1;
    const message =
      denied >= 0
        ? deniedMessage(code, type, when, codeOf(lines, denied), whyDenied(lines, payments, denied), listed)
        : elsewhere >= 0
          ? `${code} is an add-on code (AOC edit type 1) billed without one of its primary procedures by the same provider on ${when}, but its primary ${codeOf(lines, elsewhere)} is billed on ${formatDate(lines.from(elsewhere))}. If that is the same session, correct the date of service; otherwise add the primary procedure on ${when}, or remove the ${code} line.`
        : otherProvider >= 0
          ? `${code} is an add-on code (AOC edit type 1) billed without one of its primary procedures by the same provider on ${when}, but its primary ${codeOf(lines, otherProvider)} is billed that day by another provider. An add-on is paid only to the provider who performed the primary: if one provider performed both, correct the rendering provider of one line; otherwise bill ${code} under the provider of the primary, or remove the ${code} line.`
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
        // Every listed primary, for a report's reader (the message names the first LISTED).
        codes: [code, ...primaries],
        data: {
          kind: 'aoc',
          addOn: code,
          type,
          line: { claimIndex: lines.claimIndex(row), lineIndex: lines.lineIndex(row) },
          ...(elsewhere >= 0 ? { primaryOnAnotherDate: true as const } : {}),
          ...(otherProvider >= 0 ? { primaryByAnotherProvider: true as const } : {}),
        },
      },
    });
  }
}

/** firstUnpaid's answer when a candidate is paid. */
const PAID = -2;

/**
 * PAID when one of an add-on line's candidates is paid; else the first of them in run order (the
 * message names it, and why it is denied), or -1 when there is none.
 */
function firstUnpaid(lines: KeptLines, addOn: AddOnLine, payments: Payments): number {
  let first = -1;
  for (const candidate of addOn.candidates()) {
    if (payments.isPaid(candidate)) return PAID;
    if (first < 0 || lines.order(candidate) < lines.order(first)) first = candidate;
  }
  return first;
}

/** Why a primary line is denied, as a message says it. */
function whyDenied(lines: KeptLines, payments: Payments, primary: number): string {
  const into = payments.deniedBy(primary);
  return into >= 0 ? `is bundled into ${codeOf(lines, into)} (NCCI PTP edit)` : 'is itself an add-on code without a paid primary of its own';
}

/** The message of an add-on line whose only primaries beside it are denied: bundled away by indicator-0 PTP edits, or add-ons without a paid primary. */
function deniedMessage(code: string, type: AocEditType, when: string, primary: string, why: string, listed: string): string {
  const denied = `its primary ${primary} ${why}, so it is not paid`;
  return type === 1
    ? `${code} is an add-on code (AOC edit type 1) billed by the same provider on ${when}, but ${denied}: ${code} is paid only with ${listed || 'a listed primary'} that is paid. Remove the ${code} line with the ${primary} line, or bill a primary that is paid.`
    : type === 3
      ? `${code} is an add-on code (AOC edit type 3) billed by the same provider on ${when}, but ${denied}; the payer may accept another primary (listed: ${listed || 'none'}). Check that a payable primary procedure is billed.`
      : `${code} is an add-on code (AOC edit type 2: the payer decides which primaries it accepts) billed by the same provider on ${when}, but ${denied}. Check that a payable primary procedure is billed.`;
}
