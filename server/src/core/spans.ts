// Moving spans and findings when text before them grows or shrinks: the server re-reading one
// transaction set after an edit, and a big 837 read in pieces, both move findings this way.
import type { Finding, FindingData, LineRef, Span } from './model';

export function shiftSpan(span: Span, by: number): Span {
  return { start: span.start + by, end: span.end + by };
}

/**
 * The finding moved by `by` (a new object; its related locations too, those from `relatedFrom`
 * on), with the claim index of its PTP data moved by `claimShift`.
 */
export function shiftFinding(finding: Finding, by: number, claimShift = 0, relatedFrom = -Infinity): Finding {
  if (by === 0 && claimShift === 0) return finding;
  const shifted: Finding = { ...finding, span: shiftSpan(finding.span, by) };
  if (finding.related) shifted.related = finding.related.map((related) => (related.span.start >= relatedFrom ? { ...related, span: shiftSpan(related.span, by) } : related));
  if (finding.data && claimShift !== 0) shifted.data = shiftData(finding.data, claimShift);
  return shifted;
}

/** The finding with the claim indexes of its data from `fromClaim` on moved by `claimShift` (claims added or removed before them); itself when none moves. */
export function renumberedFinding(finding: Finding, fromClaim: number, claimShift: number): Finding {
  if (claimShift === 0 || !finding.data) return finding;
  return { ...finding, data: shiftData(finding.data, claimShift, fromClaim) };
}

/** Finding data with every claim index it names (from `fromClaim` on) moved by `claimShift`. */
function shiftData(data: FindingData, claimShift: number, fromClaim = 0): FindingData {
  const moved = (claimIndex: number) => (claimIndex >= fromClaim ? claimIndex + claimShift : claimIndex);
  const line = (ref: LineRef): LineRef => ({ claimIndex: moved(ref.claimIndex), lineIndex: ref.lineIndex });
  switch (data.kind) {
    case 'ptp':
      return { ...data, claimIndex: moved(data.claimIndex), columnOneClaim: moved(data.columnOneClaim) };
    case 'mue':
      return { ...data, lines: data.lines.map(line) };
    case 'aoc':
      return { ...data, line: line(data.line) };
  }
}

/** Findings in document order (a stable sort by start), as every output lists them. */
export function byPosition(findings: readonly Finding[]): Finding[] {
  return [...findings].sort((a, b) => a.span.start - b.span.start);
}
