// The 837 implementation guides by the id inside GS08 / ST03 ('005010X222A1'), the claim type
// each defines, and the service line segment of that claim type: the reader takes a transaction
// set's claim type from them, and the guide checks hold the lines found to it. Data.
import type { TransactionSet } from '../model';

export type TransactionKind = NonNullable<TransactionSet['kind']>;

/** Implementation guide ids (in ST03 / GS08) and the claim type they define. */
const IMPLEMENTATION_KINDS: readonly (readonly [string, TransactionKind])[] = [
  ['X222', 'professional'],
  ['X223', 'institutional'],
  ['X224', 'dental'],
  // 4010 guides.
  ['X098', 'professional'],
  ['X096', 'institutional'],
  ['X097', 'dental'],
];

/** The service line segment of each claim type. */
export const SERVICE_SEGMENT_OF: Readonly<Record<TransactionKind, string>> = { professional: 'SV1', institutional: 'SV2', dental: 'SV3' };

/** The claim type an implementation reference defines, or null. */
export function kindOfImplementation(implementation: string | null): TransactionKind | null {
  if (!implementation) return null;
  for (const [id, kind] of IMPLEMENTATION_KINDS) if (implementation.includes(id)) return kind;
  return null;
}
