// Which claims of a file checked from disk are out of force (void, replaced or voided), as the
// checks judge them (supersession.ts outOfForceOf), kept as one byte an index entry: only in files
// where some claim replaces or voids another, so most files pay nothing.
import type { Claim } from '../model';
import type { StagedLines } from '../rules/serviceGroups';
import { claimIdNumber, claimIdOf, NO_CLAIM_ID, outOfForceOf, supersedesOthers, type NumberedClaims, type OutOfForce } from '../rules/supersession';
import { U32 } from './u32Column';

/** Why an entry's claim takes no part in the checks (supersession.ts), numbered: 0 it does. */
export const FORCE: readonly (OutOfForce | null)[] = [null, 'void', 'replaced', 'voided'];

/**
 * What tells whether an X12 claim is superseded, by claim number, kept as the claims are added (a
 * replacement may come after the claims it replaces): its frequency code's character, claim id
 * number and a hash of its patient key (claims of one patient and claim id are taken as one only
 * when both hashes are equal, as supersession.ts takes claim ids).
 */
export class ClaimFrequencies {
  private count = 0;
  private readonly frequency = new U32();
  private readonly id = new U32();
  private readonly patient = new U32();
  /** Some claim added replaces or voids (a void is one): else no claim is out of force, and claims() says so. */
  private any = false;

  add(claim: Claim): void {
    const n = claim.index;
    const code = claim.frequency ? claim.frequency.charCodeAt(0) : 0;
    this.frequency.push(n, code);
    this.id.push(n, claimIdNumber(claimIdOf(claim)));
    this.patient.push(n, claimIdNumber(claim.patientKey));
    if (supersedesOthers(claim.frequency)) this.any = true;
    this.count = Math.max(this.count, n + 1);
  }

  claims(): NumberedClaims | null {
    if (!this.any) return null;
    const { frequency, id, patient } = this;
    return {
      count: this.count,
      frequency: (c) => (frequency.values[c] === 0 ? null : String.fromCharCode(frequency.values[c]!)),
      idNumber: (c) => id.values[c]!,
      patientKey: (c) => patient.values[c]!,
    };
  }
}

/** A CSV file's claims as outOfForceOf reads them, from the staged lines the coding run judged; null when none names a frequency. */
export function csvClaims(staged: Pick<StagedLines, 'frequency' | 'claimIds' | 'patientKey' | 'claimCount'>): NumberedClaims | null {
  const { frequency, claimIds } = staged;
  if (frequency === undefined) return null;
  return {
    count: staged.claimCount,
    frequency,
    idNumber: (c) => (claimIds === undefined ? NO_CLAIM_ID : claimIds[c]!),
    patientKey: (c) => staged.patientKey(c),
  };
}

/** Each entry's FORCE number, by its claim's number; empty when every claim takes part in the checks (most files: no byte a line). */
export function forceOfEntries(claimNumbers: Uint32Array, claims: NumberedClaims | null): Uint8Array {
  const none = new Uint8Array(0);
  if (claims === null) return none;
  const force = new Uint8Array(claimNumbers.length);
  let any = false;
  const outOf = outOfForceOf(claims);
  let lastClaim = -1;
  let last = 0;
  for (let i = 0; i < claimNumbers.length; i++) {
    const claim = claimNumbers[i]!;
    if (claim !== lastClaim) {
      lastClaim = claim;
      last = FORCE.indexOf(outOf(claim));
      if (last !== 0) any = true;
    }
    force[i] = last;
  }
  return any ? force : none;
}
