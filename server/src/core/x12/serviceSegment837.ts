// A service line's service segment (SV1, SV2, SV3) as the 2400 reader (serviceLines837.ts) reads
// it when the line's loop ends: the procedure composite (procedure.ts), the charge, and the units
// (read only for a line that is kept). Nearly every SV1 is read in one pass over its characters
// (quickSv1); any other service segment element by element, with the same results.
import { codeAt, sliceOf } from './source';
import { parseDecimalAt, shownNumber } from './values';
import { MINUTES, SERVICE_SEGMENTS, type ServiceLayout } from './serviceLayouts';
import type { ProcedureReader } from './procedure';
import type { SegmentReading } from './reading837';

/** The SV1 layout, whose segments are read in one pass when they can be (quickSv1). */
const SV1_LAYOUT = SERVICE_SEGMENTS.SV1!;

export class ServiceSegmentReader {
  /** The charge's offsets (-1: none) and value (null: missing or not an amount, reported). */
  chargeStart = -1;
  chargeEnd = -1;
  chargeValue: number | null = null;
  /** The units' offsets (-1: none) and value (1 for a quantity in minutes: MINUTES). */
  unitsStart = -1;
  unitsEnd = -1;
  unitsValue: number | null = null;
  /** Where the charge read by quickSv1 ends (the element separator after it, or the segment's end), else -1. */
  private afterCharge = -1;
  /** Where element() found the element it was asked for (-1: the segment has none). */
  elementStart = -1;
  elementEnd = -1;
  /** Where quickSv1 found SV102, and its value. */
  private quickChargeStart = -1;
  private quickCharge = 0;

  constructor(
    private readonly r: SegmentReading,
    private readonly procedure: ProcedureReader,
  ) {}

  /** A line without a service segment: no charge, no units. */
  none(): void {
    this.afterCharge = -1;
    this.chargeStart = -1;
    this.chargeEnd = -1;
    this.chargeValue = null;
    this.unitsStart = -1;
    this.unitsEnd = -1;
    this.unitsValue = null;
  }

  /** The procedure (when `hasProcedure`) and charge of service segment `sv`, laid out as `layout`. */
  charge(sv: number, layout: ServiceLayout, hasProcedure: boolean): void {
    this.unitsStart = -1;
    this.unitsEnd = -1;
    this.unitsValue = null;
    const afterCharge = layout === SV1_LAYOUT ? this.quickSv1(sv) : -1;
    this.afterCharge = afterCharge;
    if (afterCharge >= 0) {
      this.chargeStart = this.quickChargeStart;
      this.chargeEnd = afterCharge;
      this.chargeValue = this.quickCharge;
      return;
    }
    const r = this.r;
    const ix = r.ix;
    const text = r.source;
    if (hasProcedure) this.procedure.read(ix, r.elementsOf(sv, layout.charge), sv, layout.composite, r.report);
    const el = r.elementsOf(sv);
    const chargeStart = el.start(layout.charge);
    let chargeEnd = -1;
    let charge: number | null = null;
    if (chargeStart >= 0) {
      chargeEnd = el.end(layout.charge);
      charge = parseDecimalAt(text, chargeStart, chargeEnd);
    }
    if (charge === null) {
      const name = `${ix.segmentId(sv)}-${String(layout.charge).padStart(2, '0')}`;
      r.add(
        'x12.amount-invalid',
        'error',
        chargeStart < 0 || chargeEnd === chargeStart
          ? `${name} (line charge) is missing`
          : `${name} (line charge) should be a decimal amount, found ${shownNumber(sliceOf(text, chargeStart, chargeEnd))}`,
        r.spanOr(sv, layout.charge),
      );
    } else if (charge < 0) {
      const name = `${ix.segmentId(sv)}-${String(layout.charge).padStart(2, '0')}`;
      r.add('x12.amount-invalid', 'error', `${name} (line charge) is negative: a line's charge is zero or more`, r.spanOr(sv, layout.charge));
    }
    this.chargeStart = chargeStart;
    this.chargeEnd = chargeEnd;
    this.chargeValue = charge;
  }

  /** The units of service segment `sv` (after charge() read it). */
  units(sv: number, layout: ServiceLayout): void {
    const r = this.r;
    const ix = r.ix;
    const text = r.source;
    let unitsStart = -1;
    let unitsEnd = -1;
    let units: number | null = null;
    const afterCharge = this.afterCharge;
    if (afterCharge >= 0) {
      // SV103 and SV104 after the charge, as the elements below are read.
      const segmentEnd = ix.table.segmentEnd[sv]!;
      if (afterCharge < segmentEnd) {
        const element = ix.elementCodeOf(sv);
        const basis = afterCharge + 1;
        let at = basis;
        while (at < segmentEnd && codeAt(text, at) !== element) at++;
        if (at - basis === 2 && codeAt(text, basis) === 77 && codeAt(text, basis + 1) === 74) units = 1;
        else if (at < segmentEnd) {
          unitsStart = at + 1;
          unitsEnd = unitsStart;
          while (unitsEnd < segmentEnd && codeAt(text, unitsEnd) !== element) unitsEnd++;
          if (unitsEnd > unitsStart) units = parseDecimalAt(text, unitsStart, unitsEnd);
        }
      }
    } else {
      const el = r.elementsOf(sv);
      if (layout.unitBasis > 0 && r.equals(el, layout.unitBasis, MINUTES)) units = 1;
      else {
        unitsStart = el.start(layout.units);
        unitsEnd = unitsStart < 0 ? -1 : el.end(layout.units);
        if (unitsEnd > unitsStart) units = parseDecimalAt(text, unitsStart, unitsEnd);
      }
    }
    this.unitsStart = unitsStart;
    this.unitsEnd = unitsEnd;
    this.unitsValue = units;
  }

  /**
   * The offsets of element `position`, one after the charge, of service segment `sv` (after
   * charge() read it), into elementStart and elementEnd (-1: the segment has no such element).
   * After the one-pass read the elements after the charge are scanned from there, not split.
   */
  element(sv: number, layout: ServiceLayout, position: number): void {
    this.elementStart = this.elementEnd = -1;
    const afterCharge = this.afterCharge;
    if (afterCharge < 0) {
      const el = this.r.elementsOf(sv);
      const start = el.start(position);
      if (start < 0) return;
      this.elementStart = start;
      this.elementEnd = el.end(position);
      return;
    }
    const r = this.r;
    const text = r.source;
    const segmentEnd = r.ix.table.segmentEnd[sv]!;
    const element = r.ix.elementCodeOf(sv);
    // afterCharge is the separator before the element after the charge (or the segment's end).
    let at = afterCharge;
    for (let k = layout.charge + 1; k < position; k++) {
      if (at >= segmentEnd) return;
      at++;
      while (at < segmentEnd && codeAt(text, at) !== element) at++;
    }
    if (at >= segmentEnd) return;
    const start = at + 1;
    let end = start;
    while (end < segmentEnd && codeAt(text, end) !== element) end++;
    this.elementStart = start;
    this.elementEnd = end;
  }

  /**
   * Nearly every SV1 is SV1*HC:ccccc[:mm...]*charge... with a valid code and a valid charge
   * (ProcedureReader.readHc): such a one is read in one pass over its characters, its elements
   * not split (as charge() reads any other, with the same results and no finding), and the offset
   * where its charge ends returned (the element separator after it, or the segment's end);
   * anything else returns -1 and is read element by element.
   */
  private quickSv1(sv: number): number {
    const r = this.r;
    const ix = r.ix;
    const text = r.source;
    const table = ix.table;
    const start = table.segmentStart[sv]!;
    const end = table.segmentEnd[sv]!;
    const element = ix.elementCodeOf(sv);
    if (start + 4 >= end || codeAt(text, start + 3) !== element) return -1;
    const compositeEnd = this.procedure.readHc(text, start + 4, end, element, ix.delimitersOf(sv).component);
    if (compositeEnd < 0) return -1;
    const chargeStart = compositeEnd + 1;
    let at = chargeStart;
    while (at < end && codeAt(text, at) !== element) at++;
    const charge = parseDecimalAt(text, chargeStart, at);
    // An unreadable or negative charge takes the full read, which reports it.
    if (charge === null || charge < 0) return -1;
    this.quickChargeStart = chargeStart;
    this.quickCharge = charge;
    return at;
  }
}
