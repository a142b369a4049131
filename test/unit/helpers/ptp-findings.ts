// What the PTP tests read off findings: the PTP findings, their data, and the reading problems.
import type { Finding, PtpFindingData } from '../../../server/src/core/model';

export function ptpOf(findings: readonly Finding[]): Finding[] {
  return findings.filter((f) => f.rule.startsWith('ptp.'));
}

export /** A PTP finding's data (kind, table, claims and lines of the pair). */
function ptpData(finding: Finding): PtpFindingData | undefined {
  return finding.data?.kind === 'ptp' ? (finding.data as PtpFindingData) : undefined;
}

export /** What the readers and the envelope checks found (other coding checks aside). */
function readingProblems(findings: readonly Finding[]): Finding[] {
  return findings.filter((f) => f.rule.startsWith('x12.') || f.rule.startsWith('csv.'));
}
