// The editor's coding across edits: a document's coding findings kept per patient group
// (DocumentCoding), the index of each patient's claims it finds an edit's groups by, and the
// moves and renumbering of the findings an edit leaves alone.
import type { Claim, Finding, RelatedLocation } from '../model';
import { renumberedFinding, shiftSpan } from '../spans';
import { CodingRun } from './codingRun';
import { checkOne, familiesOf, type CodingTables, type Family, type GroupFindings } from './codingFamilies';
import { ServiceGrouper } from './serviceGroups';

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
