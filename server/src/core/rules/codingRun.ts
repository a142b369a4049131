// The coding checks of a run: NCCI PTP pairs, MUE units and add-on codes, over the claims of one
// document, the pieces of one read in blocks, or all the files of a CLI run. Claims are added as
// they are read; the checks run once every claim is in, because each pairs or sums the lines of a
// patient wherever they are. Each check reads one patient group (a patient's lines under one
// table, serviceGroups.ts) at a time, and a group's findings depend on its lines alone: the
// families of checks are codingFamilies.ts; one document's findings kept per group across edits,
// documentCoding.ts.

import type { ClaimKind, Claim, Finding, PtpTableKind } from '../model';
import type { RunFinding } from './checkPtp';
import { KeptLines } from './keptLines';
import { tableForClaim } from './claimTables';
import { ServiceGrouper, type AddOptions, type GroupTarget, type StagedLines } from './serviceGroups';
import { checkOne, familiesOf, type CodingTables, type Family, type GroupFindings } from './codingFamilies';
import { hasMueRows } from './checkUnits';
import { loadedTablesOf, type LoadedTables } from './tablesMissing';

export { deferredCoding, type CodingTables } from './codingFamilies';

export class CodingRun {
  private readonly families: Family[];
  /** One grouper per family. */
  private readonly groupers: ServiceGrouper[];
  /** Each family's grouper and the lines it keeps (what add() gives ServiceGrouper.addTo). */
  private readonly targets: GroupTarget[];

  /** MUE tables are loaded: the run counts units (a CSV without a units column is told so). */
  readonly countsUnits: boolean;
  /** Which tables are loaded: a file whose claims a missing one judges is told so (tablesMissing.ts). */
  readonly loaded: LoadedTables;

  constructor(knowledge: CodingTables) {
    this.countsUnits = hasMueRows(knowledge.mue);
    this.loaded = loadedTablesOf(knowledge);
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
