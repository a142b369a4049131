// What the 837 reader's tests share: a span's text, the rules of findings, a one-day date range,
// a transaction body with the given segments after the header loops, and a subscriber loop.
import type { Finding, Span } from '../../../server/src/core/model';
import { claimSegments, SUBSCRIBER_DETAILS, type SegmentSpec } from './x12-writer';

export const slice = (text: string, span: Span | null) => (span === null ? null : text.slice(span.start, span.end));
export const rulesOf = (findings: Finding[]) => findings.map((f) => f.rule);
export const day = (d: number) => ({ from: d, to: d });

/** Header segments of a transaction (BHT .. billing provider) followed by the given segments. */
export function bodyWith(segments: SegmentSpec[]): SegmentSpec[] {
  return [...claimSegments([]), ...segments];
}

export const SUBSCRIBER: SegmentSpec[] = [
  ['HL', '2', '1', '22', '0'],
  ['SBR', 'P', '18', '', '', '', '', '', '', 'CI'],
  ['NM1', 'IL', '1', 'DOE', 'JANE', '', '', '', 'MI', 'M000001'],
  ...SUBSCRIBER_DETAILS,
];
