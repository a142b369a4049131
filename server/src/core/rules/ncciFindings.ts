// Which findings are NCCI coding edits a payer would apply (what the editor's status bar counts):
// a PTP pair, units over an MUE (or a code with an MUE of 0), an add-on code without its primary.
// Not counted: a pair with another rendering provider's line, an add-on code of type 2 or 3
// whose primary may be another code (both information: a person checks, the payer may accept
// them), and a line whose units are missing (a warning about the line, not an edit it hits).
import type { Finding } from '../model';
import { AOC_PRIMARY_MISSING_RULE } from './checkAddOns';
import { PTP_CONFLICT_RULE, PTP_MODIFIER_REQUIRED_RULE } from './checkPtp';
import { MUE_EXCEEDED_RULE, MUE_NOT_PAYABLE_RULE } from './checkUnits';

const NCCI_EDIT_RULES: ReadonlySet<string> = new Set([PTP_CONFLICT_RULE, PTP_MODIFIER_REQUIRED_RULE, MUE_EXCEEDED_RULE, MUE_NOT_PAYABLE_RULE, AOC_PRIMARY_MISSING_RULE]);

export function isNcciEditFinding(finding: Finding): boolean {
  return NCCI_EDIT_RULES.has(finding.rule) && finding.severity !== 'information';
}
