// A whole type of bill written in an 837I's CLM05-1 (131, 0131) where the guide takes only its
// facility type code, the first two digits (13): guide.element-length says it is too long, and a
// clearinghouse rejects the claim. The fix is certain when CLM05-3 already holds the type of bill's
// last digit, the claim frequency code: CLM05-1 is then written as the two digits; and when
// CLM05-3 is empty (or absent: 137:A:, 137), where the last digit is the only frequency written:
// CLM05 is then written whole, the frequency in CLM05-3 and A (the only facility code qualifier of
// an 837I) in CLM05-2 if it was empty. With another frequency in CLM05-3 a person decides which is right.
import type { Finding, ParsedDocumentWithIndex, Span } from '../model';
import { transactionAt } from './placement';

const LENGTH_RULE = 'guide.element-length';

/** The edit that writes CLM05-1 as its facility type code, and the fix's title; null when the finding is not such a value or the answer is not certain. */
export function billTypeFix(doc: ParsedDocumentWithIndex, text: string, finding: Finding): { span: Span; value: string; title: string } | null {
  const ix = doc.x12;
  if (finding.rule !== LENGTH_RULE || !ix) return null;
  // Only an 837I's CLM05-1 is a facility type code (an 837P's or 837D's is the place of service).
  if (transactionAt(doc, finding.span.start)?.kind !== 'institutional') return null;
  const at = ix.locate(finding.span.start);
  // Component 1 of CLM05, or CLM05 written as one value (137, no separators: component 0).
  if (at === null || at.segmentId !== 'CLM' || at.elementIndex !== 5 || at.componentIndex > 1 || at.delimiter !== undefined) return null;
  const written = text.slice(at.span.start, at.span.end);
  const bill = /^0?(\d\d)(\d)$/.exec(written);
  if (bill === null) return null;
  const element = ix.elementSpans(at.segmentIndex)[5];
  if (element === undefined) return null;
  const separator = at.delimiters.component;
  const components = text.slice(element.start, element.end).split(separator);
  const frequency = components[2] ?? '';
  if (frequency === '') {
    const value = [bill[1]!, components[1] || 'A', bill[2]!, ...components.slice(3)].join(separator);
    return {
      span: element,
      value,
      title: `Write CLM05 as ${value} (${written} in CLM05-1 is the whole type of bill: its facility type code ${bill[1]}, and its frequency ${bill[2]}, which goes in the empty CLM05-3)`,
    };
  }
  if (frequency !== bill[2]) return null;
  return {
    span: at.span,
    value: bill[1]!,
    title: `Write CLM05-1 as ${bill[1]} (the facility type code: ${written} is the whole type of bill, whose frequency ${bill[2]} is CLM05-3)`,
  };
}
