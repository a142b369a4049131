// The 2000 loops of an 837 (HL billing provider, subscriber, patient) and the NM1 names in them
// and in the claim: whose claim it is (payer, subscriber, patient, billing provider) and who
// renders it, read from NM109 only when a claim or line that is built needs them.

import type { Claim } from '../model';
import type { SegmentReading } from './reading837';
import { codeAt } from './source';
import { checkNpi } from './npi';

/** HL03 hierarchical level codes of the 837 and the 2000 loops they open. */
const HL_LEVELS: Readonly<Record<string, 'billingProvider' | 'subscriber' | 'patient'>> = {
  '20': 'billingProvider',
  '22': 'subscriber',
  '23': 'patient',
};
type HlLevel = (typeof HL_LEVELS)[string] | 'other';

/**
 * NM101 qualifiers read from char codes (first * 65536 + second): IL subscriber, QC patient,
 * PR payer, 85 billing provider, 82 rendering provider.
 */
export const IL = 73 * 65536 + 76;
const QC = 81 * 65536 + 67;
const PR = 80 * 65536 + 82;
const BILLING = 56 * 65536 + 53;
const RENDERING = 56 * 65536 + 50;

/** The HL level and the ids of the parties of the claim being read. */
export class Hierarchy837 {
  private level: HlLevel | null = null;
  private subscriberId: string | null = null;
  /** 2010BA subscriber's name (nameOf) when it has no member id (4010 makes NM109 situational): tells apart subscribers of one payer. */
  private subscriberName: string | null = null;
  private patientId: string | null = null;
  /** 2010CA patient's name (nameOf) when it has no id: tells apart dependants of one subscriber. */
  private patientName: string | null = null;
  /** The patient key of the HL parents standing in (EnclosingTransaction.parents) until the next HL. */
  private parentsKey: string | null = null;
  private payerId: string | null = null;
  billingProviderId: string | null = null;
  /** The billing provider's NM102 is 1 (a person): Claim.billingProviderPerson. */
  billingProviderPerson = false;
  /** 2310B rendering provider of the open claim, and 2420A of the open line. */
  claimRenderingId: string | null = null;
  lineRenderingId: string | null = null;
  /**
   * The NM1 (of the current piece) each of those ids is still to be read from, or -1: an id is
   * read when a claim or line that is built needs it (resolveIds), as most are not with keepLine.
   * The patient's NM1 gives patientId and patientName.
   */
  private subscriberNm1 = -1;
  private patientNm1 = -1;
  private payerNm1 = -1;
  private billingProviderNm1 = -1;
  private claimRenderingNm1 = -1;
  private lineRenderingNm1 = -1;
  /** The open claim's 2320/2330 loops have begun (see otherPayer). */
  private otherPayerLoops = false;

  /** The open claim has started its other payers' loops (2320/2330: an SBR after CLM). */
  get inOtherPayerLoops(): boolean {
    return this.otherPayerLoops;
  }

  constructor(private readonly r: SegmentReading) {}

  /** The HL parents of a piece that starts inside a transaction set stand in until its first HL. */
  standIn(parents: Pick<Claim, 'patientId' | 'patientKey' | 'billingProviderId' | 'billingProviderPerson'>): void {
    this.patientId = parents.patientId;
    this.billingProviderId = parents.billingProviderId;
    this.billingProviderPerson = parents.billingProviderPerson === true;
    this.parentsKey = parents.patientKey;
  }

  /** A transaction set starts (ST): no level and no party yet. */
  startTransaction(): void {
    this.level = null;
    this.subscriberId = null;
    this.subscriberName = null;
    this.patientId = null;
    this.patientName = null;
    this.payerId = null;
    this.billingProviderId = null;
    this.billingProviderPerson = false;
    this.subscriberNm1 = this.patientNm1 = this.payerNm1 = this.billingProviderNm1 = -1;
    this.parentsKey = null;
  }

  /** A claim starts (CLM): no 2310B rendering provider yet. */
  startClaim(): void {
    this.claimRenderingId = null;
    this.claimRenderingNm1 = -1;
    this.otherPayerLoops = false;
  }

  /**
   * An SBR in the claim before its first line: 2320 (another payer's subscriber) starts, and the
   * 2330 loops after it name that payer's parties (an NM1*82 there is 2330E, not the claim's 2310B).
   */
  otherPayer(): void {
    this.otherPayerLoops = true;
  }

  /** A service line starts (LX): no 2420A rendering provider yet. */
  startLine(): void {
    this.lineRenderingId = null;
    this.lineRenderingNm1 = -1;
  }

  /** The level the last HL opened ('billingProvider', 'subscriber', 'patient', 'other'), or null before one. */
  get currentLevel(): HlLevel | null {
    return this.level;
  }

  /** HL: the parties of the level it opens, and of the levels below, are not known yet. */
  hierarchicalLevel(s: number): void {
    const level = this.levelOf(s);
    this.level = level;
    if (level === 'billingProvider') {
      this.billingProviderId = null;
      this.billingProviderPerson = false;
      this.billingProviderNm1 = -1;
    }
    if (level === 'billingProvider' || level === 'subscriber') {
      this.subscriberId = null;
      this.subscriberName = null;
      this.payerId = null;
      this.subscriberNm1 = this.payerNm1 = -1;
    }
    this.patientId = null;
    this.patientName = null;
    this.patientNm1 = -1;
    this.parentsKey = null;
  }

  /** HL03's level: "20", "22" and "23" read from char codes (a two-character value cannot trim to another). */
  private levelOf(s: number): HlLevel {
    const r = this.r;
    const el = r.elementsOf(s, 3);
    const start = el.start(3);
    if (start < 0) return 'other';
    const length = el.end(3) - start;
    if (length < 2) return 'other';
    if (length > 2) return HL_LEVELS[r.trimmed(s, 3)] ?? 'other';
    const source = r.source;
    if (codeAt(source, start) !== 50 /* 2 */) return 'other';
    const second = codeAt(source, start + 1);
    return second === 48 ? 'billingProvider' : second === 50 ? 'subscriber' : second === 51 ? 'patient' : 'other';
  }

  /**
   * NM1 at segment s: `inClaim` when a claim is open, `inLine` when a line of it is, and
   * `linesBefore` the claim's lines before it. Returns NM101 as nameQualifier reads it (0: none).
   */
  entityName(s: number, inClaim: boolean, inLine: boolean, linesBefore: number): number {
    // NM101 from char codes: the other names (41, 40, 71, 77, DN...) are never split.
    const qualifier = this.nameQualifier(s);
    if (qualifier === 0) return 0;
    // A provider's NPI, wherever its NM1 is (npi.ts).
    checkNpi(this.r, s, qualifier);
    if (inClaim) {
      // In a claim only the rendering provider counts: 2420A in a line, 2310B before the first
      // line and before any 2320 loop (NM1*IL, NM1*PR and NM1*82 after an SBR in the claim name
      // another payer's subscriber, payer and rendering provider, 2330A/B/E).
      if (qualifier !== RENDERING) return qualifier;
      if (inLine) this.lineRenderingNm1 = s;
      else if (linesBefore === 0 && !this.otherPayerLoops) this.claimRenderingNm1 = s;
      return qualifier;
    }
    if (qualifier === IL && this.level !== 'patient') this.subscriberNm1 = s;
    else if (qualifier === QC) this.patientNm1 = s;
    else if (qualifier === PR && this.level !== 'patient') this.payerNm1 = s;
    else if (qualifier === BILLING && this.level === 'billingProvider') this.billingProviderNm1 = s;
    return qualifier;
  }

  /** A person's name as a key: NM103 (last), NM104 (first), NM105 (middle) and NM107 (suffix: a father and son, SR and JR), upper case. */
  private nameOf(s: number): string {
    const r = this.r;
    return [3, 4, 5, 7].map((k) => r.trimmed(s, k).toUpperCase()).join('\u0001');
  }

  /**
   * NM109 of segment s, trimmed; null when empty. `shared`: the id of a payer or provider, which
   * a file repeats for claim after claim, held once (SegmentReading.trimmed).
   */
  private idOf(s: number, shared = false): string | null {
    return this.r.trimmed(s, 9, shared) || null;
  }

  /** Reads the ids whose NM1 is known but not read yet (see subscriberNm1). */
  resolveIds(): void {
    if (this.subscriberNm1 >= 0) {
      this.subscriberId = this.idOf(this.subscriberNm1);
      this.subscriberName = this.subscriberId === null ? this.nameOf(this.subscriberNm1) : null;
    }
    if (this.payerNm1 >= 0) this.payerId = this.idOf(this.payerNm1, true);
    if (this.billingProviderNm1 >= 0) {
      this.billingProviderId = this.idOf(this.billingProviderNm1, true);
      this.billingProviderPerson = this.r.trimmed(this.billingProviderNm1, 2, true) === '1';
    }
    if (this.claimRenderingNm1 >= 0) this.claimRenderingId = this.idOf(this.claimRenderingNm1, true);
    if (this.lineRenderingNm1 >= 0) this.lineRenderingId = this.idOf(this.lineRenderingNm1, true);
    const patient = this.patientNm1;
    if (patient >= 0) {
      this.patientId = this.idOf(patient);
      // Without an id, the name tells apart dependants of one subscriber.
      this.patientName = this.patientId === null ? this.nameOf(patient) : null;
    }
    this.subscriberNm1 = this.payerNm1 = this.billingProviderNm1 = this.claimRenderingNm1 = this.lineRenderingNm1 = this.patientNm1 = -1;
  }

  /** Claim.patientId of the open claim: the patient's id, else the subscriber's (call resolveIds first). */
  patientOrSubscriberId(): string | null {
    return this.patientId ?? this.subscriberId;
  }

  /** Who the open claim is for, as the NCCI checks match patients (see Claim.patientKey). */
  patientKey(): string {
    if (this.parentsKey !== null) return this.parentsKey;
    // Joined, not concatenated: one flat string per claim rather than a tree of four joins (a document keeps every claim's).
    return [this.payerId ?? '', this.subscriberId ?? this.subscriberName ?? '', this.patientId ?? this.patientName ?? ''].join('\u0000');
  }

  /**
   * NM101 when it is two characters (as valueEquals says), as first char code * 65536 + second,
   * else 0: the parser reads IL, QC, PR, 85 and 82, the NPI check the providers' (npi.ts). The id
   * NM1 is 3 characters and its separator.
   */
  private nameQualifier(s: number): number {
    const ix = this.r.ix;
    const table = ix.table;
    const start = table.segmentStart[s]! + 4;
    const end = table.segmentEnd[s]!;
    if (start + 2 > end) return 0;
    const source = this.r.source;
    const separator = ix.delimitersOf(s).element.charCodeAt(0);
    const first = codeAt(source, start);
    const second = codeAt(source, start + 1);
    // NM101 is these two characters only when neither is a separator and one (or the end) follows.
    if (first === separator || second === separator) return 0;
    if (start + 2 < end && codeAt(source, start + 2) !== separator) return 0;
    return first * 65536 + second;
  }
}
