// Moving spans and findings when text before them grows or shrinks: the server re-reading one
// transaction set after an edit, and a big 837 read in pieces, both move findings this way.
import type { Finding, Span } from './model';

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
  if (finding.data) shifted.data = { ...finding.data, claimIndex: finding.data.claimIndex + claimShift };
  return shifted;
}
