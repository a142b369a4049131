// Claimlint's built-in knowledge: CPT 43214, its descriptor and the five codes bundled into it,
// with the practitioner and the outpatient hospital table's modifier indicators.

import builtin from '../data/builtin-43214.json';
import { BUILTIN_SOURCE, DescriptorTable, type CodeDescriptor } from './descriptors';
import type { PtpTableKind } from '../model';
import { CMS_PTP_COLUMNS, parsePtpFields, PtpRuleSet, type PtpLoadResult } from './ptp';
import type { LoadProblem } from './loadProblems';

/**
 * Adds the built-in PTP edits of one table (parsed by the same row parser as user tables): the
 * practitioner table's, or the outpatient hospital table's, whose modifier indicators differ for
 * a pair (43214/76000: 0 and 1).
 */
export function addBuiltinEdits(into: PtpRuleSet = new PtpRuleSet(), table: PtpTableKind = 'practitioner'): PtpLoadResult {
  const problems: LoadProblem[] = [];
  let rows = 0;
  (table === 'hospital' ? builtin.hospitalPtpRows : builtin.ptpRows).forEach((fields, index) => {
    const row = parsePtpFields(fields, CMS_PTP_COLUMNS);
    if (typeof row === 'string') problems.push({ source: BUILTIN_SOURCE, line: index + 1, reason: row });
    else {
      into.add(row, BUILTIN_SOURCE);
      rows++;
    }
  });
  return { source: BUILTIN_SOURCE, rules: into, rows, problems, delimiter: '\t' };
}

export function builtinDescriptors(): CodeDescriptor[] {
  return builtin.descriptors.map((descriptor) => ({ ...descriptor, source: BUILTIN_SOURCE }));
}

/** A descriptor table holding the built-in descriptors. */
export function builtinDescriptorTable(): DescriptorTable {
  const table = new DescriptorTable();
  for (const descriptor of builtinDescriptors()) table.set(descriptor);
  return table;
}
