// The lines of a claim CSV read in pieces (csv/stagedRows.ts), grouped as ServiceGrouper.addTo
// groups a document's claims: each claim with staged rows in claim order, its rows as its lines in
// the order read, without the claim and line objects (serviceGroups.ts has the rules of grouping).
import { tableForClaim } from './claimTables';
import { CRITICAL_ACCESS_HOSPITAL } from '../data/billTypes';
import { groupKey, runPatientKey, type GroupTarget, type PatientGroup, type StagedLines } from './serviceGroups';
import { isVoid, supersedesOthers } from './supersession';

/**
 * ServiceGrouper.addTo for staged lines: as if each claim with staged rows were given, in claim order, with
 * those rows as its lines in the order read (what addTo makes of a CSV's claims, without the
 * claim and line objects). A target keeps a row by its code (keepCode; none: every row).
 */
export function addStagedTo(targets: readonly GroupTarget[], staged: StagedLines, options: { file?: number }): void {
  if (targets.length === 0) return;
  const file = options.file ?? 0;
  const from = staged.lines;
  const count = from.size;
  // The rows of each claim, in the order read (a counting sort by claim number).
  const claims = staged.claimCount;
  const starts = new Uint32Array(claims + 1);
  for (let r = 0; r < count; r++) starts[from.claimIndex(r) + 1]!++;
  for (let c = 0; c < claims; c++) starts[c + 1]! += starts[c]!;
  const next = starts.slice(0, claims);
  const byClaim = new Uint32Array(count);
  for (let r = 0; r < count; r++) byClaim[next[from.claimIndex(r)]!++] = r;

  let order = targets[0]!.grouper.order;
  const lines = targets[0]!.grouper.lines;
  // At most every row is copied: room for them at once, not by halves, each copied to the next.
  lines.reserve(lines.size + count);
  const supersession = lines.supersession;
  const groups: (PatientGroup | undefined)[] = new Array<PatientGroup | undefined>(targets.length);
  const professionalGroups: (PatientGroup | undefined)[] = new Array<PatientGroup | undefined>(targets.length);
  /** The groups this call added rows to (a run of many files trims each file's, not every group again). */
  const touched = new Set<PatientGroup>();
  for (let c = 0; c < claims; c++) {
    const first = starts[c]!;
    const end = starts[c + 1]!;
    // As addTo: a claim that replaces or voids others is noted, whatever its table and whether or not a row of it is kept.
    const frequency = staged.frequency?.(c) ?? null;
    if (supersedesOthers(frequency) && staged.claimIds !== undefined) supersession.note(runPatientKey(staged.patientKey(c), file), staged.claimIds[c]!, file, c);
    if (first === end) continue;
    const table = tableForClaim(staged.kind(c), staged.facilityType(c));
    if (table === null || isVoid(frequency)) {
      order += end - first;
      continue;
    }
    groups.fill(undefined);
    professionalGroups.fill(undefined);
    let key: string | null = null;
    let patientKey: string | null = null;
    // A critical access hospital's bill: its rows of a professional-fee revenue code are the practitioner table's (claimTables.ts).
    const cah = staged.facilityType(c) === CRITICAL_ACCESS_HOSPITAL && from.professionalRevenue !== undefined;
    for (let i = first; i < end; i++) {
      const r = byClaim[i]!;
      const lineOrder = order++;
      const professional = cah && from.professionalRevenue!(r);
      const rowTable = professional ? 'practitioner' : table;
      let row = -1;
      for (let t = 0; t < targets.length; t++) {
        const { grouper, keepCode } = targets[t]!;
        if (keepCode !== undefined && !keepCode(from.code(r), rowTable)) continue;
        patientKey ??= runPatientKey(staged.patientKey(c), file);
        const group = professional
          ? (professionalGroups[t] ??= grouper.groupFor(groupKey(rowTable, { patientKey }), rowTable, patientKey, c))
          : (groups[t] ??= grouper.groupFor((key ??= groupKey(table, { patientKey })), table, patientKey, c));
        if (row < 0) row = lines.addFrom(from, r, { file, order: lineOrder, claimId: staged.claimIds?.[c], hospital: rowTable === 'hospital', methodII: professional });
        group.rows.push(row);
        touched.add(group);
      }
    }
  }
  for (const { grouper } of targets) grouper.order = order;
  // Each group's rows in an array of their length: one grown by push keeps room for 17 rows, and
  // most patients have a few (a million-row claim CSV's 20,000 groups held 2.4 MB of room).
  for (const group of touched) group.rows = group.rows.slice();
}
