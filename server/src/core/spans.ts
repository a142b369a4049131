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

/** Finding data with every claim index it names moved by `claimShift`. */
function shiftData(data: FindingData, claimShift: number): FindingData {
  const line = (ref: LineRef): LineRef => ({ claimIndex: ref.claimIndex + claimShift, lineIndex: ref.lineIndex });
  switch (data.kind) {
    case 'ptp':
      return { ...data, claimIndex: data.claimIndex + claimShift, columnOneClaim: data.columnOneClaim + claimShift };
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
