// The sender, receiver and control number of each interchange of a document (ISA05/ISA06,
// ISA07/ISA08, ISA13), with where ISA13 is: what a check across the files of one run compares
// (controlNumbersAcrossFiles.ts). A receiver rejects an interchange control number a sender has used
// before (TA1 note 025), in another file as well as in the same one.
import type { Interchange, ParsedDocumentWithIndex, Span } from '../model';
import { X12SegmentIndex } from './segment-index';

export interface InterchangeHeader {
  /** ISA05 and ISA06, trimmed: 'ZZ SUBMITTER01'. */
  sender: string;
  /** ISA07 and ISA08, trimmed. */
  receiver: string;
  /** ISA13, trimmed (never empty). */
  controlNumber: string;
  /** ISA13's span, moved by the `shift` it was read with. */
  span: Span;
}

/** The headers of `interchanges` (read from `ix`), their spans moved by `shift`; an ISA without a sender or ISA13 is left out. */
export function interchangeHeaders(ix: X12SegmentIndex, interchanges: readonly Interchange[], shift = 0): InterchangeHeader[] {
  const out: InterchangeHeader[] = [];
  for (const interchange of interchanges) {
    const s = ix.segmentAt(interchange.span.start);
    if (s < 0 || ix.segmentId(s) !== 'ISA') continue;
    const span = ix.elementSpan(s, 13);
    const controlNumber = ix.value(s, 13)?.trim() ?? '';
    const party = (qualifier: number, id: number): string => `${ix.value(s, qualifier)?.trim() ?? ''} ${ix.value(s, id)?.trim() ?? ''}`.trim();
    const sender = party(5, 6);
    if (span === null || controlNumber === '' || sender === '') continue;
    out.push({ sender, receiver: party(7, 8), controlNumber, span: { start: span.start + shift, end: span.end + shift } });
  }
  return out;
}

/** The headers of an analysed document's interchanges (none for a CSV or a document of none). */
export function documentInterchangeHeaders(doc: ParsedDocumentWithIndex): InterchangeHeader[] {
  return doc.x12 instanceof X12SegmentIndex ? interchangeHeaders(doc.x12, doc.interchanges) : [];
}
