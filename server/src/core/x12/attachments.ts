// A claim's or a service line's paperwork (2300 or 2400 PWK): an attachment sent apart from the
// 837 (by mail, e-mail, fax or file transfer: PWK02 BM, EM, FX, FT, or EL, electronically only)
// is matched to the claim by its control number, so the 837 guides require PWK05 (AC) and PWK06
// then ("required when PWK02 = BM, EL, EM, FX or FT"). The maps hold both as situational, with
// only their pair rule (P0506), so neither pyx12 nor the guide checks miss them: the payer cannot
// match the attachment to the claim, and pends or denies it.
import type { SegmentReading } from './reading837';

export const ATTACHMENT_CONTROL_RULE = 'x12.attachment-control-missing';

/** PWK02 codes of an attachment sent apart from the claim, and what each says. */
const SENT_APART: Readonly<Record<string, string>> = {
  BM: 'by mail',
  EL: 'electronically only',
  EM: 'by e-mail',
  FT: 'by file transfer',
  FX: 'by fax',
};

/** Checks the PWK segment `s` of a claim or a service line. */
export function checkAttachment(r: SegmentReading, s: number): void {
  const transmission = r.trimmed(s, 2, true);
  if (!Object.hasOwn(SENT_APART, transmission)) return;
  // One of the pair given: the guide's pair rule (P0506) says which is missing; neither: this one.
  if (r.trimmed(s, 5, true) !== '' || r.trimmed(s, 6) !== '') return;
  r.add(
    ATTACHMENT_CONTROL_RULE,
    'error',
    `PWK02 ${transmission} says the attachment is sent ${SENT_APART[transmission]!}, apart from the claim, so PWK05 (AC) and PWK06 (the attachment control number) are required: the payer matches the attachment to the claim by that number`,
    r.spanOr(s, 2),
  );
}
