// Whether the subscriber of a 5010 837 is the patient, as its 2000B loop says it: SBR02
// (individual relationship code) is 18, "self", when the subscriber is the patient ("required when
// the subscriber is the same person as the patient"), and a 2000B loop with claims of its own and
// no patient loop (2000C, HL*..*23) under it is the subscriber's, as the patient. So SBR02 empty
// there is an error clearinghouses reject, which the maps cannot say (each element's usage is
// read on its own). Not judged: a subscriber whose HL04 says a patient loop follows when none
// does (guide.hl-child-flag says that), and SBR02 18 beside a 2000C (a subscriber may have claims
// of its own, for which 18 is right, and dependants' claims under 2000C loops). Judged when the
// subscriber's loop ends (the next subscriber or billing provider HL, or SE), once a subscriber.
// A subscriber with claims of its own (before any 2000C under it) is their patient, and must
// give the patient's address and demographics in its name loop (2010BA N3, N4 and DMG: "required
// when the patient is the subscriber"); a claim without them is rejected, as the payer cannot
// match the patient. This holds beside a 2000C too when SBR02 says 18.

import type { Finding, Span } from '../model';
import type { SegmentReading } from './reading837';
import { codeAt } from './source';
import { IL } from './hierarchy837';
import { DMG, N3, N4 } from './segmentCodes';

export const SUBSCRIBER_PATIENT_RULE = 'x12.subscriber-patient';

export class SubscriberPatient {
  /** A 2000B loop is open (its HL read) in a 5010 transaction set. */
  private open = false;
  /** Its SBR: read, and SBR02 empty (another value is the guide's code finding); SBR02's span (or the SBR's, when SBR02 is empty). */
  private sbrRead = false;
  private empty = false;
  /** SBR02 is 18: the subscriber says it is the patient. */
  private self = false;
  private sbrStart = -1;
  private sbrEnd = -1;
  /** A 2000C patient HL under it; a claim of its own (before any patient HL under it). */
  private patientLoop = false;
  /** Its HL04 says a child level (the patient's) follows: when none does, guide.hl-child-flag says so, and SBR02 is not judged by it. */
  private childrenSaid = false;
  private claims = false;
  /** The subscriber's name loop (2010BA, NM1*IL): its NM1's span, whether it is the open name loop, and which of N3, N4 and DMG it has. */
  private nameSeen = false;
  private nameStart = 0;
  private nameEnd = 0;
  private inName = false;
  private details = 0;

  constructor(private readonly r: SegmentReading) {}

  /** An HL of `level` (segment s): the open subscriber's loop ends unless this is its patient. `judged`: a 5010 set. */
  level(level: string, judged: boolean, s: number, findings: Finding[]): void {
    if (level === 'patient') {
      if (this.open) this.patientLoop = true;
      return;
    }
    if (this.open) this.end(findings);
    this.open = judged && level === 'subscriber';
    // HL04, the segment's last element: "1" when a child level follows (two characters from its end).
    if (this.open) {
      const ix = this.r.ix;
      const end = ix.table.segmentEnd[s]!;
      this.childrenSaid = end - 2 > ix.table.segmentStart[s]! && codeAt(this.r.source, end - 1) === 49 && codeAt(this.r.source, end - 2) === ix.elementCodeOf(s);
    }
  }

  /** The SBR of the open subscriber's loop (2000B, before any claim). */
  subscriber(s: number): void {
    if (!this.open || this.sbrRead) return;
    const r = this.r;
    const el = r.elementsOf(s, 2);
    this.sbrRead = true;
    const start = el.start(2);
    this.empty = start < 0 || el.end(2) === start;
    this.self = !this.empty && el.end(2) - start === 2 && codeAt(r.source, start) === 49 && codeAt(r.source, start + 1) === 56;
    const span: Span = start >= 0 && el.end(2) > start ? { start, end: el.end(2) } : r.ix.segmentSpan(s);
    this.sbrStart = span.start;
    this.sbrEnd = span.end;
  }

  /** An NM1 (NM101 `qualifier`, as hierarchy837.ts reads it) before any claim of the open subscriber: NM1*IL opens its name loop, another ends it. */
  name(s: number, qualifier: number): void {
    this.inName = this.open && !this.patientLoop && !this.claims && qualifier === IL && !this.nameSeen;
    if (this.inName) {
      this.nameSeen = true;
      this.nameStart = this.r.ix.table.segmentStart[s]!;
      this.nameEnd = this.r.ix.table.segmentEnd[s]!;
    }
  }

  /** An N3, N4 or DMG (segment id code) outside a claim: the subscriber's when its name loop is open. */
  detail(code: number): void {
    if (this.inName) this.details |= code === N3 ? HAS_N3 : code === N4 ? HAS_N4 : code === DMG ? HAS_DMG : 0;
  }

  /** A claim (CLM) under the open subscriber: its own unless a patient HL came first. */
  claim(): void {
    if (this.open && !this.patientLoop) this.claims = true;
    this.inName = false;
  }

  /** The set ends (SE), or the subscriber's loop does (the next HL of its level or above): judged. */
  end(findings: Finding[]): void {
    if (this.open && this.sbrRead && this.claims) {
      const span = { start: this.sbrStart, end: this.sbrEnd };
      if (this.empty && !this.patientLoop && !this.childrenSaid) {
        findings.push({ rule: SUBSCRIBER_PATIENT_RULE, severity: 'error', span, message: 'SBR02 is empty, and no patient loop (2000C) follows, so the subscriber is the patient: SBR02 must then be 18 (self)' });
      }
    }
    // Its own claims (before any patient loop) are the subscriber's as the patient, whatever
    // follows them; unless SBR02 says the patient is another and HL04 that a patient loop follows
    // (it is missing, which guide.hl-child-flag says) or one does.
    const patientElsewhere = !this.self && (this.childrenSaid || this.patientLoop);
    if (this.open && this.claims && this.nameSeen && !patientElsewhere && this.details !== ALL_DETAILS) {
      findings.push({ rule: SUBSCRIBER_PATIENT_RULE, severity: 'error', span: { start: this.nameStart, end: this.nameEnd }, message: missingDetails(this.details) });
    }
    this.open = this.sbrRead = this.empty = this.self = this.patientLoop = this.childrenSaid = this.claims = this.inName = this.nameSeen = false;
    this.details = 0;
  }

  /** The reader goes on into a piece that starts `shift` characters later. */
  moveBack(shift: number): void {
    // Offsets of an earlier piece are negative: moved whatever their sign.
    this.sbrStart -= shift;
    this.sbrEnd -= shift;
    this.nameStart -= shift;
    this.nameEnd -= shift;
  }
}

const HAS_N3 = 1;
const HAS_N4 = 2;
const HAS_DMG = 4;
const ALL_DETAILS = HAS_N3 | HAS_N4 | HAS_DMG;

/** What a subscriber's name loop that lacks some of N3, N4 and DMG (`details`, as HAS_* bits) is told. */
function missingDetails(details: number): string {
  const missing: string[] = [];
  if ((details & HAS_N3) === 0) missing.push('N3 (address)');
  if ((details & HAS_N4) === 0) missing.push('N4 (city, state, ZIP code)');
  if ((details & HAS_DMG) === 0) missing.push('DMG (birth date and gender)');
  const list = missing.length === 1 ? missing[0]! : `${missing.slice(0, -1).join(', ')} and ${missing[missing.length - 1]!}`;
  return `This subscriber is the patient of its own claims (the claims with no patient loop, 2000C, before them), so its name loop (2010BA) must give the patient's address and demographics: ${list} ${missing.length === 1 ? 'is' : 'are'} missing after this NM1*IL`;
}
