// Which findings are NCCI coding edits a payer would apply (what the editor's status bar counts):
// a PTP pair, units over an MUE, an add-on code without its primary. Information (a pair with
// another rendering provider's line) is shown but not counted.
import type { Finding } from '../model';

const NCCI_RULE_PREFIXES = ['ptp.', 'mue.', 'aoc.'];

export function isNcciEditFinding(finding: Finding): boolean {
  return finding.severity !== 'information' && NCCI_RULE_PREFIXES.some((prefix) => finding.rule.startsWith(prefix));
}
