// How many findings of one document go to the editor as diagnostics. A broken file can hold a
// hundred thousand (a generated 7 MB 837 whose HL numbers ran past 9999 gave 152,000: 35 MB sent
// with every edit, more than an editor can show). Past MAX_DIAGNOSTICS the editor is sent the
// errors first, then the warnings, then the rest, in document order, and one note of how many were
// left out; quick fixes, fix-all and the status bar still read every finding, and the command line
// reports them all.
import type { Finding, Severity } from '../core/model';

export const MAX_DIAGNOSTICS = 10_000;
export const DIAGNOSTICS_CAPPED_RULE = 'claimlint.diagnostics-capped';

const RANK: Record<Severity, number> = { error: 0, warning: 1, information: 2 };

/** The findings to send as diagnostics: all of them when they are `max` or fewer, else `max` - 1 of them (errors first) and the note. */
export function cappedFindings(findings: readonly Finding[], max = MAX_DIAGNOSTICS): readonly Finding[] {
  if (findings.length <= max) return findings;
  const order = findings.map((_, i) => i).sort((a, b) => RANK[findings[a]!.severity] - RANK[findings[b]!.severity] || a - b);
  const kept = order.slice(0, max - 1).sort((a, b) => a - b).map((i) => findings[i]!);
  const left = findings.length - kept.length;
  kept.push({
    rule: DIAGNOSTICS_CAPPED_RULE,
    severity: 'information',
    message: `${left.toLocaleString('en-US')} more findings of this file are not shown: the editor is sent ${kept.length.toLocaleString('en-US')} of its ${findings.length.toLocaleString('en-US')}, errors first. Fix-all and the status bar count them all; \`claimlint check\` on the command line reports every one.`,
    span: { start: 0, end: 0 },
  });
  return kept;
}
