// What kind of claim each claim of a claim CSV read in pieces is (codedClaims.ts), by claim
// number, as columns of numbers: its kind (professional, institutional, dental, or not named), the
// facility type code its type-of-bill cell names and the claim frequency code its rows name first.
// These decide which NCCI table judges its lines (rules/claimTables.ts) and whether it replaces or
// voids others (rules/supersession.ts).
import type { ClaimKind } from '../model';
import { NotEditedClaims } from '../rules/notEdited';
import { CRITICAL_ACCESS_HOSPITAL } from '../data/billTypes';
import { GrowableColumn } from './growableColumn';

const KINDS: readonly (ClaimKind | null)[] = [null, 'professional', 'institutional', 'dental'];

export class ClaimKinds {
  /** Per claim: its kind (index in KINDS; 0: none named). */
  private readonly kinds = new GrowableColumn(Uint8Array);
  /** Per claim: the facility type code its type-of-bill cell names, as a number (0: none). */
  private readonly facilities = new GrowableColumn(Uint8Array);
  /** Per claim: the character code of the frequency code its rows name first (0: none). */
  private readonly frequencies = new GrowableColumn(Uint8Array);
  /** Some row named a frequency. */
  anyFrequency = false;

  /** Makes room for claim `index` (the columns grow together). */
  ensure(index: number): void {
    if (index >= this.kinds.capacity) for (const column of [this.kinds, this.facilities, this.frequencies]) column.ensure(index);
  }

  kind(claim: number): ClaimKind | null {
    return KINDS[this.kinds.get(claim)]!;
  }

  facilityType(claim: number): string | null {
    const facility = this.facilities.get(claim);
    return facility === 0 ? null : String(facility);
  }

  frequency(claim: number): string | null {
    const code = this.frequencies.get(claim);
    return code === 0 ? null : String.fromCharCode(code);
  }

  needsKind(claim: number): boolean {
    return this.kinds.get(claim) === 0;
  }

  setKind(claim: number, kind: ClaimKind, facilityType: string | null): void {
    this.kinds.set(claim, KINDS.indexOf(kind));
    if (facilityType !== null) this.facilities.set(claim, Number(facilityType));
  }

  setFrequency(claim: number, frequency: string): void {
    this.frequencies.set(claim, frequency.charCodeAt(0));
    this.anyFrequency = true;
  }

  /** A claim whose rows name no kind takes `base`'s (a claim made for another frequency, as parseCsv gives it: claims.ts). */
  kindFrom(claim: number, base: number): void {
    if (this.kinds.get(claim) !== 0) return;
    this.kinds.set(claim, this.kinds.get(base));
    this.facilities.set(claim, this.facilities.get(base));
  }

  /**
   * The claims of `count` that no NCCI table judges, and those each table judges (their kinds as
   * finish leaves them); `professionalRevenue`: whether a claim has a row of a professional-fee
   * revenue code, which on a critical access hospital's bill the practitioner table judges too.
   */
  notEdited(count: number, professionalRevenue: (claim: number) => boolean = () => false): NotEditedClaims {
    const tally = new NotEditedClaims();
    for (let claim = 0; claim < count; claim++) {
      const kind = this.kind(claim);
      const facilityType = this.facilityType(claim);
      tally.add(kind, facilityType, facilityType === CRITICAL_ACCESS_HOSPITAL && professionalRevenue(claim), null);
    }
    return tally;
  }
}
