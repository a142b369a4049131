// The families of coding checks a run makes of its tables (NCCI PTP pairs, MUE units, add-on
// codes): what each keeps of a claim's lines and its check of one patient group. The run over a
// batch (codingRun.ts) and one document's coding kept across edits (documentCoding.ts) both check
// group by group through these.

import type { Finding, PtpTableKind } from '../model';
import { detached } from '../text';
import { checkAddOnGroup } from './checkAddOns';
import { checkPtpGroup, keepCodeOf, keepCoded, type PtpTables, type RunFinding } from './checkPtp';
import { checkUnitsGroup, hasMueRows, keepMue, mueRowFor, type MueTables } from './checkUnits';
import type { AocTable } from './aoc';
import type { AddOptions, PatientGroup } from './serviceGroups';

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
export interface Family {
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
export function familiesOf(knowledge: CodingTables): Family[] {
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

/** The findings of one patient group under one family, its patient, and the index of the claim its first line is on, in force or not (which orders the groups). */
export interface GroupFindings {
  key: string;
  patient: string;
  first: number;
  findings: Finding[];
}

export function checkOne(family: Family, group: PatientGroup): GroupFindings | null {
  const out: RunFinding[] = [];
  family.check(group, out);
  return out.length === 0 ? null : { key: group.key, patient: group.patient, first: group.firstClaim, findings: out.map((f) => f.finding) };
}
