// Coordination of benefits balancing of an 837 claim another payer adjudicated, as clearinghouses
// check a secondary claim before the payer sees it (837 implementation guides, "Coordination of
// Benefits"): for each other payer (a 2320 loop, named by its 2330B NM1*PR NM109),
// - on each line it paid (2430 SVD, that payer in SVD01): the line's charge minus that payer's
//   line adjustments (the 2430 CAS amounts) is what SVD02 says it paid;
// - on the claim (2320 AMT*D): the claim's charge (CLM02) minus that payer's adjustments, the
//   claim's (2320 CAS) and its lines' (2430 CAS after its SVDs), is what AMT*D says it paid;
// - each SVD01 names one of the claim's other payers (a 2330B NM109).
// Read as the claim's segments pass (its offsets move with a claim that goes on into the next
// piece), from the elements' characters; only claims with other payers' loops pay anything.

import type { Finding } from '../model';
import type { SegmentReading } from './reading837';
import { parseDecimalAt, shownAmount as shown, toCents } from './values';

/** CAS03, 06, 09, 12, 15, 18: the adjustment amounts of a CAS segment (after its group code, reason, amount, quantity triplets). */
const CAS_AMOUNTS: readonly number[] = [3, 6, 9, 12, 15, 18];

/** A rule id of these findings. */
export const COB_UNBALANCED = 'x12.cob-unbalanced';
export const COB_PAYER_UNKNOWN = 'x12.svd-payer-unknown';

interface OtherPayer {
  /** 2330B NM109, once read. */
  id: string | null;
  /** 2320 AMT*D: paid, in cents (null: none, or not a number); its amount's offsets. */
  paid: number | null;
  paidStart: number;
  paidEnd: number;
  /** 2320 CAS amounts, in cents. */
  adjusted: number;
}

interface LinePayment {
  payer: string;
  paid: number | null;
  /** SVD01's and SVD02's offsets. */
  payerStart: number;
  payerEnd: number;
  paidStart: number;
  paidEnd: number;
  adjusted: number;
}

function cents(value: number | null): number | null {
  return value === null ? null : toCents(value);
}

export class CobBalance {
  private payers: OtherPayer[] = [];
  /** The open line's SVDs, and every SVD of the claim's closed lines (for the payer ids and the claim balance). */
  private linePayments: LinePayment[] = [];
  private claimPayments: LinePayment[] = [];
  /** An amount that could not be read (reported as x12.amount-invalid elsewhere, or the guide's): no balance is judged. */
  private unreadable = false;

  constructor(private readonly r: SegmentReading) {}

  /** A claim starts (CLM). */
  reset(): void {
    if (this.payers.length > 0) this.payers = [];
    if (this.linePayments.length > 0) this.linePayments = [];
    if (this.claimPayments.length > 0) this.claimPayments = [];
    this.unreadable = false;
  }

  /** SBR in the claim, before its lines: another payer's 2320 loop starts. */
  payerLoop(): void {
    this.payers.push({ id: null, paid: null, paidStart: -1, paidEnd: -1, adjusted: 0 });
  }

  /** AMT in a 2320 loop: AMT*D is what that payer paid on the claim. */
  amount(s: number): void {
    const payer = this.payers[this.payers.length - 1];
    if (!payer) return;
    const r = this.r;
    const el = r.elementsOf(s);
    if (!r.equals(el, 1, 'D')) return;
    const start = el.start(2);
    const end = el.end(2);
    if (start < 0 || end <= start) return;
    payer.paid = cents(parseDecimalAt(r.source, start, end));
    if (payer.paid === null) this.unreadable = true;
    payer.paidStart = start;
    payer.paidEnd = end;
  }

  /** NM1 in the 2330 loops of a 2320 (before the lines): NM1*PR's NM109 names that payer. */
  payerName(s: number): void {
    const payer = this.payers[this.payers.length - 1];
    if (!payer || payer.id !== null) return;
    const r = this.r;
    const el = r.elementsOf(s);
    if (!r.equals(el, 1, 'PR')) return;
    const id = r.trimmed(s, 9, true);
    if (id !== '') payer.id = id;
  }

  /** SVD in the open line: a payer's payment of it (2430). */
  payment(s: number): void {
    const r = this.r;
    const el = r.elementsOf(s);
    const payerStart = el.start(1);
    const paidStart = el.start(2);
    if (payerStart < 0 || paidStart < 0) return;
    const paid = cents(parseDecimalAt(r.source, paidStart, el.end(2)));
    if (paid === null) this.unreadable = true;
    this.linePayments.push({ payer: r.trimmed(s, 1, true), paid, payerStart, payerEnd: el.end(1), paidStart, paidEnd: el.end(2), adjusted: 0 });
  }

  /** CAS: after an SVD of the open line, that payment's adjustments; before the lines, the 2320 payer's. */
  adjustment(s: number, inLine: boolean): void {
    const target = inLine ? this.linePayments[this.linePayments.length - 1] : this.payers[this.payers.length - 1];
    if (!target) return;
    const r = this.r;
    const el = r.elementsOf(s);
    const source = r.source;
    for (const k of CAS_AMOUNTS) {
      const start = el.start(k);
      if (start < 0) break;
      const end = el.end(k);
      if (end <= start) continue;
      const amount = cents(parseDecimalAt(source, start, end));
      if (amount === null) this.unreadable = true;
      else target.adjusted += amount;
    }
  }

  /** The open line ends: its charge (cents; null when it has none that can be read) against each payment of it. */
  lineEnds(charge: number | null, findings: Finding[]): void {
    const payments = this.linePayments;
    if (payments.length === 0) return;
    for (const p of payments) {
      if (charge !== null && p.paid !== null && !this.unreadable && charge - p.adjusted !== p.paid) {
        findings.push({
          rule: COB_UNBALANCED,
          severity: 'error',
          message: `SVD02 says payer ${p.payer === '' ? '(unnamed)' : p.payer} paid ${shown(p.paid)} on this line, but its charge ${shown(charge)} minus that payer's line adjustments (CAS, ${shown(p.adjusted)}) is ${shown(charge - p.adjusted)}: a line another payer adjudicated must balance, or the claim is rejected before the payer sees it`,
          span: { start: p.paidStart, end: p.paidEnd },
        });
      }
      this.claimPayments.push(p);
    }
    this.linePayments = [];
  }

  /** The claim ends: its charge (CLM02 in cents; null when unreadable) against each payer's AMT*D, and each SVD01 against the payers named. */
  claimEnds(charge: number | null, findings: Finding[]): void {
    const payers = this.payers;
    const payments = this.claimPayments;
    if (payers.length === 0 && payments.length === 0) return;
    const named = new Set<string>();
    for (const p of payers) if (p.id !== null) named.add(p.id);
    let unknown = false;
    for (const p of payments) {
      if (p.payer === '' || named.has(p.payer) || payers.some((o) => o.id === null)) continue;
      unknown = true;
      findings.push({
        rule: COB_PAYER_UNKNOWN,
        severity: 'error',
        message: `SVD01 names payer ${p.payer}, which is none of the claim's other payers (2330B NM1*PR NM109${named.size > 0 ? `: ${[...named].join(', ')}` : ''}): a line's payment must name the payer whose 2320 loop reports it`,
        span: { start: p.payerStart, end: p.payerEnd },
      });
    }
    // A payment of no payer named: which payer's lines it adjusts is not known, so no claim balance is judged.
    if (charge === null || this.unreadable || unknown) return;
    for (const payer of payers) {
      if (payer.paid === null) continue;
      let lines = 0;
      for (const p of payments) if (p.payer === payer.id) lines += p.adjusted;
      const expected = charge - payer.adjusted - lines;
      if (expected === payer.paid) continue;
      findings.push({
        rule: COB_UNBALANCED,
        severity: 'error',
        message: `AMT*D says payer ${payer.id ?? '(unnamed)'} paid ${shown(payer.paid)} on the claim, but CLM02 ${shown(charge)} minus that payer's adjustments (CAS: ${shown(payer.adjusted)} on the claim, ${shown(lines)} on its lines) is ${shown(expected)}: a claim another payer adjudicated must balance, or it is rejected before the payer sees it`,
        span: { start: payer.paidStart, end: payer.paidEnd },
      });
    }
  }

  /** The claim goes on into a piece that starts `shift` characters later: its offsets move back by that much. */
  moveBack(shift: number): void {
    // Offsets of an earlier piece are negative: moved whatever their sign.
    for (const p of this.payers) {
      p.paidStart -= shift;
      p.paidEnd -= shift;
    }
    for (const list of [this.linePayments, this.claimPayments]) {
      for (const p of list) {
        p.payerStart -= shift;
        p.payerEnd -= shift;
        p.paidStart -= shift;
        p.paidEnd -= shift;
      }
    }
  }
}
