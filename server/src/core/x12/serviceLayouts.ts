// Where the parts of a service line sit in the 837's service segments (SV1 professional, SV2
// institutional, SV3 dental): the data the 2400 reader (serviceLines837.ts) reads a line by.
import type { TransactionKind } from './implementations';

/** Where the parts of a service line sit in each service segment (element positions, 1-based). */
export interface ServiceLayout {
  /** The segment's id. */
  id: 'SV1' | 'SV2' | 'SV3';
  kind: TransactionKind;
  composite: number;
  charge: number;
  units: number;
  /** The element naming what the quantity counts (SV103, SV204: UN units, MJ minutes, DA days); 0: none. */
  unitBasis: number;
  /** The composite of diagnosis code pointers (SV107, SV311: diagnosisPointers.ts); 0: none (an 837I line has none). */
  pointers: number;
}
export const SERVICE_SEGMENTS: Readonly<Record<string, ServiceLayout>> = {
  SV1: { id: 'SV1', kind: 'professional', composite: 1, charge: 2, units: 4, unitBasis: 3, pointers: 7 },
  SV2: { id: 'SV2', kind: 'institutional', composite: 2, charge: 3, units: 5, unitBasis: 4, pointers: 0 },
  SV3: { id: 'SV3', kind: 'dental', composite: 1, charge: 2, units: 6, unitBasis: 0, pointers: 11 },
};

/**
 * A quantity in minutes (unit basis MJ: anesthesia time) is one service: MUE values count units
 * of service, and an anesthesia code's is one a day. Such a line counts as 1 unit and has no
 * count a units fix could lower.
 */
export const MINUTES = 'MJ';
