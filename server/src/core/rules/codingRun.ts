// The coding checks of a run: NCCI PTP pairs, MUE units and add-on codes, over the claims of one
// document, the pieces of one read in blocks, or all the files of a CLI run. Claims are added as
// they are read; the checks run once every claim is in, because each pairs or sums the lines of a
// patient wherever they are.
//
// Each check reads one patient group (a patient's lines under one table, serviceGroups.ts) at a
// time, and a group's findings depend on its lines alone. DocumentCoding keeps one document's
// findings per group, so that after an edit that read some claims again only the groups of those
// claims (before and after the edit) are checked again; the others' findings are moved.

import type { Claim, ClaimKind, Finding, PtpTableKind, RelatedLocation } from '../model';
import { renumberedFinding, shiftSpan } from '../spans';
import { detached } from '../text';
import { checkAddOnGroup } from './checkAddOns';
import { checkPtpGroup, keepCodeOf, keepCoded, type PtpTables, type RunFinding } from './checkPtp';
import { checkUnitsGroup, hasMueRows, keepMue, mueRowFor, type MueTables } from './checkUnits';
import type { AocTable } from './aoc';
import { KeptLines } from './keptLines';
import { tableForClaim } from './claimTables';
import { ServiceGrouper, type AddOptions, type GroupTarget, type PatientGroup, type StagedLines } from './serviceGroups';

/** What the checks read of the knowledge. */
export interface CodingTables {
  tables: PtpTables;
  mue: MueTables;
  aoc: AocTable;
  /**
   * The caller checks the claims itself (reanalyze keeps a DocumentCoding across edits): a run of
   * these tables keeps no line and finds nothing, so a re-read that makes one costs nothing.
   */
  deferred?: boolean;
}

/** The tables with the coding checks left to the caller (see CodingTables.deferred). */
export function deferredCoding(tables: CodingTables): CodingTables {
  return { tables: tables.tables, mue: tables.mue, aoc: tables.aoc, deferred: true };
}

/** One family of checks (PTP, MUE, add-on codes): which lines its groups keep, and its check of one group. */
interface Family {
  keep: AddOptions['keep'];
  /** `keep` by a line's code alone (what keep reads of a line), for lines not built yet; undefined when keep is. */
  keepCode: ((code: string, table: PtpTableKind) => boolean) | undefined;
  /** Whether a line's units can carry its findings (offsetsOf). */
  units: boolean;
  check(group: PatientGroup, out: RunFinding[], fileNames?: readonly string[]): void;
  /** Whether its findings' messages are already joins of a few flat strings (withFlatMessages is then no use). */
  flat?: true;
}

/** The families the tables call for, in the order their findings are listed: PTP, MUE, add-on codes. */
function familiesOf(knowledge: CodingTables): Family[] {
  if (knowledge.deferred) return [];
  const ptp = knowledge.tables;
  const out: Family[] = [
    // A PTP message joins its edit row's flat words (ptpTexts.ts) to the line and dates it names.
    { keep: keepCoded(ptp), keepCode: keepCodeOf(ptp), units: false, check: (group, found, names) => checkPtpGroup(group, ptp, found, names), flat: true },
  ];
  // Null when no table of that family is loaded: nothing to keep.
  if (hasMueRows(knowledge.mue)) {
    const mue = knowledge.mue;
    // keepMue reads only the line's code: this is the same test.
    out.push({ keep: keepMue(mue), keepCode: (code, table) => mueRowFor(mue, table, code) !== undefined, units: true, check: (group, found, names) => checkUnitsGroup(group, mue, found, names) });
  }
  // Add-on codes need every procedure beside them (a Type 2 code accepts any primary), and every
  // line a primary may be bundled into by a PTP edit (checkAddOns.ts): the group keeps every line.
  if (knowledge.aoc.size > 0) out.push({ keep: undefined, keepCode: undefined, units: false, check: (group, found) => checkAddOnGroup(group, knowledge.aoc, found, ptp) });
  return out.map((family) => (family.flat ? family : { ...family, check: withFlatMessages(family.check) }));
}

/**
 * A family's check whose findings' messages are flat strings. A message is built from a dozen
 * parts (codes, dates, the edit's source...), which V8 keeps as a tree of joins, about 20 objects,
 * until something reads it; a run holds its findings to the end (the CLI until its report, the
 * server with the document), so each is made one string once.
 */
function withFlatMessages(check: Family['check']): Family['check'] {
  return (group, out, fileNames) => {
    const from = out.length;
    check(group, out, fileNames);
    for (let i = from; i < out.length; i++) {
      const finding = out[i]!.finding;
      finding.message = detached(finding.message);
      if (finding.related) for (const related of finding.related) related.message = detached(related.message);
    }
  };
}

export class CodingRun {
  private readonly families: Family[];
  /** One grouper per family. */
  private readonly groupers: ServiceGrouper[];
  /** Each family's grouper and the lines it keeps (what add() gives ServiceGrouper.addTo). */
  private readonly targets: GroupTarget[];

  constructor(knowledge: CodingTables) {
    this.families = familiesOf(knowledge);
    // One table of kept lines for all of them: a line two families keep is one row.
    const lines = new KeptLines();
    this.groupers = this.families.map(() => new ServiceGrouper(lines));
    this.targets = this.families.map((family, i) => ({ grouper: this.groupers[i]!, keep: family.keep, keepCode: family.keepCode }));
  }

  /** Adds claims in document order (the spans relative to `base`). */
  add(documentClaims: readonly Claim[], options: Omit<AddOptions, 'keep'>): void {
    ServiceGrouper.addTo(this.targets, documentClaims, options);
  }

  /** Adds a file's staged lines (a claim CSV read in pieces; see StagedLines), as add() would its claims. */
  addStaged(staged: StagedLines, options: { file?: number }): void {
    ServiceGrouper.addStaged(this.targets, staged, options);
  }

  /**
   * Which lines of a claim of `kind` this run can keep, by their code (a line without a code or a
   * date is never kept): what a reader need not build a ServiceLine for (Parser837.keepLine).
   * Only for claims that go to this run alone: other uses of the claims may need every line.
   */
  lineFilter(): (code: string, kind: ClaimKind | null, facilityType?: string | null) => boolean {
    const keeps = this.tableFilter();
    return (code, kind, facilityType = null) => keeps(code, tableForClaim(kind, facilityType));
  }

  /** lineFilter by the table of the line's claim (claimTables.ts; null: none, so no line is kept). */
  tableFilter(): (code: string, table: PtpTableKind | null) => boolean {
    const keepers = this.families.map((family) => family.keepCode);
    if (keepers.includes(undefined)) return (_code, table) => table !== null;
    const codeKeepers = keepers as ((code: string, table: PtpTableKind) => boolean)[];
    return (code, table) => {
      if (table === null) return false;
      for (const keep of codeKeepers) if (keep(code, table)) return true;
      return false;
    };
  }

  /** Forgets the lines of one file, e.g. one started in blocks and then read whole. */
  dropFile(file: number): void {
    for (const grouper of this.groupers) grouper.dropFile(file);
  }

  /** The document offsets of the codes and units of one file's kept lines: where a finding of the run can be. */
  offsetsOf(file: number): number[] {
    const out: number[] = [];
    // One push per offset: spread into push's arguments, a big file's (every line, with add-on
    // codes loaded) overflowed the stack (RangeError).
    this.families.forEach((family, i) => {
      for (const offset of this.groupers[i]!.codeOffsetsOf(file, family.units)) out.push(offset);
    });
    return out;
  }

  /** Every finding of the run, with the file each belongs to: PTP, then MUE, then add-on codes, each in group order. */
  check(fileNames?: readonly string[]): RunFinding[] {
    const out: RunFinding[] = [];
    this.checkInto((found) => out.push(found), fileNames);
    return out;
  }

  /**
   * check(), each finding handed to `take` once its group is checked, in the same order: a caller
   * that keeps them otherwise than as objects (the CLI, for a big file) never holds them all.
   */
  checkInto(take: (found: RunFinding) => void, fileNames?: readonly string[]): void {
    const out: RunFinding[] = [];
    this.families.forEach((family, i) => {
      for (const group of this.groupers[i]!.groups()) {
        family.check(group, out, fileNames);
        for (const found of out) take(found);
        out.length = 0;
      }
    });
  }

  /** The findings of a run of one document. */
  findings(): Finding[] {
    return this.check().map((f) => f.finding);
  }

  /** Per family, the findings of each group that has some, in group order (a run of one document). */
  groupFindings(): GroupFindings[][] {
    return this.families.map((family, i) => {
      const list: GroupFindings[] = [];
      for (const group of this.groupers[i]!.groups()) {
        const entry = checkOne(family, group);
        if (entry !== null) list.push(entry);
      }
      return list;
    });
  }
}

/** The findings of one patient group under one family, its patient, and the index of the claim its first line is on, in force or not (which orders the groups). */
interface GroupFindings {
  key: string;
  patient: string;
  first: number;
  findings: Finding[];
}

function checkOne(family: Family, group: PatientGroup): GroupFindings | null {
  const out: RunFinding[] = [];
  family.check(group, out);
  return out.length === 0 ? null : { key: group.key, patient: group.patient, first: group.firstClaim, findings: out.map((f) => f.finding) };
}

/**
 * What an edit did to a document's claims: the claims [from, from + removed.length) of the
 * previous analysis became [from, from + added) of the new one, read from the region of the old
 * text that ends at `regionEnd`; everything from there on moved by `delta`.
 */
export interface ClaimsReplaced {
  from: number;
  removed: readonly Claim[];
  added: number;
  regionEnd: number;
  delta: number;
}

/**
 * The coding findings of one document (as CodingRun.findings() gives them), kept per patient
 * group so that an edit checks only the groups whose lines it changed.
 */
export class DocumentCoding {
  private constructor(
    private readonly families: Family[],
    private readonly x12: boolean,
    /** Per family, the groups with findings, in group order (by `first`). */
    private readonly byFamily: GroupFindings[][],
    /**
     * The claims of each patient key (any table, or none: a claim no table judges may replace or
     * void the patient's others), by index in document order: a number for one claim. An edit
     * finds the claims of its patients here, not by reading every claim (scattered objects: 5 ms
     * for 20,000 claims).
     */
    private readonly claimsOfPatient: Map<string, number | number[]>,
  ) {}

  /** after() has moved this coding's claim index on to its result (see after). */
  private spent = false;

  /** Checks every claim of a document. */
  static check(claims: readonly Claim[], knowledge: CodingTables, x12: boolean): DocumentCoding {
    const run = new CodingRun(knowledge);
    run.add(claims, { x12 });
    const claimsOfPatient = new Map<string, number | number[]>();
    for (let i = 0; i < claims.length; i++) addClaim(claimsOfPatient, claims[i]!.patientKey, i);
    return new DocumentCoding(familiesOf(knowledge), x12, run.groupFindings(), claimsOfPatient);
  }

  /** The findings: PTP, then MUE, then add-on codes, each in group order (as a CodingRun lists them). */
  findings(): Finding[] {
    const out: Finding[] = [];
    for (const list of this.byFamily) for (const entry of list) for (const finding of entry.findings) out.push(finding);
    return out;
  }

  /**
   * The coding of `claims`, the document after `change`: the groups of the patients of the
   * removed and the added claims checked again (every table's: a claim that replaces or voids
   * others changes which of its patient's lines are in force, under any table), the others'
   * findings moved. When claims were added or removed, those after them have new numbers: a
   * finding that names one of them ("claim 7, service line 2") is checked again with its
   * patient's groups, and the others' line references are renumbered. Null when `claims` cannot
   * be the document after `change`.
   * Null too when this coding was used so before: its claim index was moved on to that result.
   */
  after(claims: readonly Claim[], change: ClaimsReplaced): DocumentCoding | null {
    // Its claim index is edited in place and handed on: a second use (the same previous analysis
    // re-read twice, or again after a throw left the index half-edited) checks every claim instead.
    if (this.spent) return null;
    this.spent = true;
    const { from, removed, added, regionEnd, delta } = change;
    if (claims.length < from + added) return null;
    const shift = added - removed.length;
    /** Index before the edit of the first claim after the ones replaced. */
    const end = from + removed.length;
    const renumbered = (i: number) => (i >= end ? i + shift : i);
    // The patients whose lines changed.
    const patients = new Set<string>();
    const index = this.claimsOfPatient;
    removed.forEach((claim, i) => {
      patients.add(claim.patientKey);
      removeClaim(index, claim.patientKey, from + i);
    });
    if (shift !== 0) renumberClaims(index, end, shift);
    for (let i = from; i < from + added; i++) {
      const claim = claims[i]!;
      patients.add(claim.patientKey);
      addClaim(index, claim.patientKey, i);
    }
    if (shift !== 0) {
      for (const list of this.byFamily) {
        for (const entry of list) if (!patients.has(entry.patient) && entry.findings.some((f) => namesClaimFrom(f, end))) patients.add(entry.patient);
      }
    }
    // Their claims, in document order, each patient's grouped on its own (its groups are its alone).
    const claimsOf: Claim[][] = [];
    for (const patient of patients) {
      const at = index.get(patient);
      if (at !== undefined) claimsOf.push((typeof at === 'number' ? [at] : at).map((i) => claims[i]!));
    }
    const byFamily = this.families.map((family, i) => {
      const list: GroupFindings[] = [];
      for (const entry of this.byFamily[i]!) {
        if (patients.has(entry.patient)) continue;
        if (delta === 0 && shift === 0) list.push(entry);
        else list.push({ ...entry, first: renumbered(entry.first), findings: entry.findings.map((f) => renumberedFinding(moved(f, regionEnd, delta), end, shift)) });
      }
      for (const patientClaims of claimsOf) {
        const grouper = new ServiceGrouper();
        grouper.add(patientClaims, { x12: this.x12, keep: family.keep, keepCode: family.keepCode });
        for (const group of grouper.groups()) {
          const entry = checkOne(family, group);
          if (entry !== null) list.splice(firstAfter(list, entry.first), 0, entry);
        }
      }
      return list;
    });
    return new DocumentCoding(this.families, this.x12, byFamily, index);
  }
}

/** Moves every claim index from `end` on by `shift` (claims added or removed before it). */
function renumberClaims(index: Map<string, number | number[]>, end: number, shift: number): void {
  for (const [patient, at] of index) {
    if (typeof at === 'number') {
      if (at >= end) index.set(patient, at + shift);
    } else {
      for (let k = 0; k < at.length; k++) if (at[k]! >= end) at[k]! += shift;
    }
  }
}

/**
 * Whether a coding finding's message names a claim from `end` on by its number: a line of
 * another claim than its own (lineLabel). One without data is taken to.
 */
function namesClaimFrom(finding: Finding, end: number): boolean {
  const data = finding.data;
  if (data === undefined) return true;
  switch (data.kind) {
    case 'ptp':
      return data.columnOneClaim !== data.claimIndex && data.columnOneClaim >= end;
    case 'mue': {
      const own = data.lines[data.lines.length - 1]!.claimIndex;
      return data.lines.some((ref) => ref.claimIndex !== own && ref.claimIndex >= end);
    }
    case 'aoc':
      return false;
  }
}

/** Adds claim `i` to a patient's claims, in order. */
function addClaim(index: Map<string, number | number[]>, patient: string, i: number): void {
  const at = index.get(patient);
  if (at === undefined) index.set(patient, i);
  else if (typeof at === 'number') index.set(patient, at < i ? [at, i] : [i, at]);
  else {
    let to = at.length;
    while (to > 0 && at[to - 1]! > i) to--;
    at.splice(to, 0, i);
  }
}

/** Removes claim `i` from a patient's claims. */
function removeClaim(index: Map<string, number | number[]>, patient: string, i: number): void {
  const at = index.get(patient);
  if (at === undefined) return;
  if (typeof at === 'number') {
    if (at === i) index.delete(patient);
    return;
  }
  const where = at.indexOf(i);
  if (where >= 0) at.splice(where, 1);
  if (at.length === 1) index.set(patient, at[0]!);
}

/** Index of the first entry that starts after claim `first`. */
function firstAfter(list: readonly GroupFindings[], first: number): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (list[mid]!.first <= first) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** The finding with its span and related locations from `at` on moved by `delta` (itself when none is). */
function moved(finding: Finding, at: number, delta: number): Finding {
  const span = finding.span.start >= at ? shiftSpan(finding.span, delta) : finding.span;
  let related: RelatedLocation[] | undefined = finding.related;
  if (related?.some((r) => r.span.start >= at)) related = related.map((r) => (r.span.start >= at ? { ...r, span: shiftSpan(r.span, delta) } : r));
  if (span === finding.span && related === finding.related) return finding;
  return related === undefined ? { ...finding, span } : { ...finding, span, related };
}
