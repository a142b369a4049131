// Whether the subscriber of a 5010 837 is the patient, as its 2000B loop says it: SBR02
// (individual relationship code) is 18, "self", when the subscriber is the patient ("required when
// the subscriber is the same person as the patient"), and a 2000B loop with claims of its own and
// no patient loop (2000C, HL*..*23) under it is the subscriber's, as the patient. So SBR02 empty
// there is an error clearinghouses reject, which the maps cannot say (each element's usage is
// read on its own). Not judged: a subscriber whose HL04 says a patient loop follows when none
// does (guide.hl-child-flag says that), and SBR02 18 beside a 2000C (a subscriber may have claims
// of its own, for which 18 is right, and dependants' claims under 2000C loops). Judged when the
// subscriber's loop ends (the next subscriber or billing provider HL, or SE), once a subscriber.

import type { Finding, Span } from '../model';
import type { SegmentReading } from './reading837';
import { codeAt } from './source';

export const SUBSCRIBER_PATIENT_RULE = 'x12.subscriber-patient';

export class SubscriberPatient {
  /** A 2000B loop is open (its HL read) in a 5010 transaction set. */
  private open = false;
  /** Its SBR: read, and SBR02 empty (another value is the guide's code finding); SBR02's span (or the SBR's, when SBR02 is empty). */
  private sbrRead = false;
  private empty = false;
  private sbrStart = -1;
  private sbrEnd = -1;
  /** A 2000C patient HL under it; a claim of its own (before any patient HL under it). */
  private patientLoop = false;
  /** Its HL04 says a child level (the patient's) follows: when none does, guide.hl-child-flag says so, and SBR02 is not judged by it. */
  private childrenSaid = false;
  private claims = false;

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
    const span: Span = start >= 0 && el.end(2) > start ? { start, end: el.end(2) } : r.ix.segmentSpan(s);
    this.sbrStart = span.start;
    this.sbrEnd = span.end;
  }

  /** A claim (CLM) under the open subscriber: its own unless a patient HL came first. */
  claim(): void {
    if (this.open && !this.patientLoop) this.claims = true;
  }

  /** The set ends (SE), or the subscriber's loop does (the next HL of its level or above): judged. */
  end(findings: Finding[]): void {
    if (this.open && this.sbrRead && this.claims) {
      const span = { start: this.sbrStart, end: this.sbrEnd };
      if (this.empty && !this.patientLoop && !this.childrenSaid) {
        findings.push({ rule: SUBSCRIBER_PATIENT_RULE, severity: 'error', span, message: 'SBR02 is empty, and no patient loop (2000C) follows, so the subscriber is the patient: SBR02 must then be 18 (self)' });
      }
    }
    this.open = this.sbrRead = this.empty = this.patientLoop = this.childrenSaid = this.claims = false;
  }

  /** The reader goes on into a piece that starts `shift` characters later. */
  moveBack(shift: number): void {
    // Offsets of an earlier piece are negative: moved whatever their sign.
    this.sbrStart -= shift;
    this.sbrEnd -= shift;
  }
}
