// The segments of a span of an 837's text, found by its segment terminator as the tokenizer finds
// them: the gap after a terminator (a line break, blanks; segmentSplit.ts isGap) is no segment. For
// the fixes, which read a few segments of a claim or a loop from the text.
import type { Span } from '../model';
import { isGap } from './segmentSplit';

/**
 * Calls visit for each segment that starts in span, in order: `end` is the offset of its
 * terminator, or span.end when the span holds none after it (then `terminated` is false).
 */
export function forEachSegmentIn(text: string, span: Span, terminator: string, visit: (start: number, end: number, terminated: boolean) => void): void {
  let at = span.start;
  while (at < span.end) {
    while (at < span.end && isGap(text.charCodeAt(at))) at++;
    if (at >= span.end) break;
    const found = text.indexOf(terminator, at);
    const terminated = found >= 0 && found < span.end;
    const end = terminated ? found : span.end;
    visit(at, end, terminated);
    at = end + terminator.length;
  }
}
