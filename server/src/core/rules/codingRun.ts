// The coding checks of a run: NCCI PTP pairs, MUE units and add-on codes, over the claims of one
// document, the pieces of one read in blocks, or all the files of a CLI run. Claims are added as
// they are read; the checks run once every claim is in, because each pairs or sums the lines of a
// patient wherever they are.

import type { Claim, Finding } from '../model';
import { checkAddOnGroups } from './checkAddOns';
import { checkPtpGroups, keepCoded, type PtpTables, type RunFinding } from './checkPtp';
import { checkUnitsGroups, hasMueRows, keepMue, type MueTables } from './checkUnits';
import type { AocTable } from './aoc';
import { ServiceGrouper, type AddOptions } from './serviceGroups';

/** What the checks read of the knowledge. */
export interface CodingTables {
  tables: PtpTables;
  mue: MueTables;
  aoc: AocTable;
}

export class CodingRun {
  private readonly ptp = new ServiceGrouper();
  /** Null when no table of that family is loaded: nothing to keep. */
  private readonly units: ServiceGrouper | null;
  private readonly addOns: ServiceGrouper | null;

  constructor(private readonly knowledge: CodingTables) {
    this.units = hasMueRows(knowledge.mue) ? new ServiceGrouper() : null;
    this.addOns = knowledge.aoc.size > 0 ? new ServiceGrouper() : null;
  }

  /** Adds claims in document order (the spans relative to `base`). */
  add(documentClaims: readonly Claim[], options: Omit<AddOptions, 'keep'>): void {
    this.ptp.add(documentClaims, { ...options, keep: keepCoded(this.knowledge.tables) });
    this.units?.add(documentClaims, { ...options, keep: keepMue(this.knowledge.mue) });
    // Add-on codes need every procedure beside them (a Type 2 code accepts any primary).
    this.addOns?.add(documentClaims, options);
  }

  /** Forgets the lines of one file, e.g. one started in blocks and then read whole. */
  dropFile(file: number): void {
    this.ptp.dropFile(file);
    this.units?.dropFile(file);
    this.addOns?.dropFile(file);
  }

  /** The document offsets of the codes and units of one file's kept lines: where a finding of the run can be. */
  offsetsOf(file: number): number[] {
    const out = this.ptp.codeOffsetsOf(file);
    if (this.units) out.push(...this.units.codeOffsetsOf(file, true));
    if (this.addOns) out.push(...this.addOns.codeOffsetsOf(file));
    return out;
  }

  /** Every finding of the run, with the file each belongs to. */
  check(fileNames?: readonly string[]): RunFinding[] {
    const out = checkPtpGroups(this.ptp, this.knowledge.tables, fileNames);
    if (this.units) out.push(...checkUnitsGroups(this.units, this.knowledge.mue, fileNames));
    if (this.addOns) out.push(...checkAddOnGroups(this.addOns, this.knowledge.aoc));
    return out;
  }

  /** The findings of a run of one document. */
  findings(): Finding[] {
    return this.check().map((f) => f.finding);
  }
}
