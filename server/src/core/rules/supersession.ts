// Claims that take the place of others, by their claim frequency code (X12 CLM05-3): a void (8)
// withdraws a claim and is not adjudicated itself; a replacement (7) is adjudicated instead of the
// claim it replaces. So a void claim's lines take no part in the coding checks, and a replacement
// or void claim supersedes the other claims of the same patient with the same claim id (CLM01) in
// the run (a document, or all the files of a CLI run or folder check), whichever is read first:
// their lines take no part either (a replacement's own lines do). When several claims of one
// patient and claim id replace or void, the last one in the run (the highest file, then claim
// number) is the one in force. A claim without a claim id supersedes nothing and is superseded by
// nothing. A CSV claim's frequency is its frequency column's, else its type of bill's last digit
// (csv/claimFrequency.ts), its claim id its claim id cell (claimIdOf): without a claim id column
// its void rows are left out, and it supersedes nothing.
//
// A run's rows (keptLines.ts) name their claim's id by a 32-bit hash of it (idNumber), not by a
// string kept per claim (a run of 200,000 claims would keep 200,000 ids for the few replacement
// claims a batch holds); which rows are in force is decided when the checks run (isInForce), since
// a replacement may be read after the claims it replaces, in a later piece or file. Two claim ids
// of one patient are taken as one only when their hashes are equal: for a patient's pair of
// different ids, a chance of about one in four billion.

import { CLAIM_FREQUENCY } from '../data/billTypes';
import type { Claim } from '../model';
import { detached } from '../text';

/** Whether a claim of this frequency code (CLM05-3) replaces or voids the other claims of its patient and claim id. */
export function supersedesOthers(frequency: string | null | undefined): boolean {
  return frequency === CLAIM_FREQUENCY.replacement || frequency === CLAIM_FREQUENCY.void;
}

/** Whether a claim of this frequency code (CLM05-3) is a void, whose lines take no part in the coding checks. */
export function isVoid(frequency: string | null | undefined): boolean {
  return frequency === CLAIM_FREQUENCY.void;
}

/** The number of a row with no claim id (it is always in force). */
export const NO_CLAIM_ID = 0xffffffff;

/**
 * The claim id a claim supersedes others by, and is superseded by: an 837's CLM01; a CSV
 * claim's claim id cell as written (`idCell`: its `id` may be made apart, "A1 (P2)", "A1
 * (replacement)"), '' when it has none.
 */
export function claimIdOf(claim: Pick<Claim, 'id'> & { readonly idCell?: string }): string {
  return claim.idCell ?? claim.id;
}

/** The number of a claim id (its FNV-1a hash); NO_CLAIM_ID for none (''). */
export function claimIdNumber(id: string): number {
  // (A claim object made by hand may have no id at all.)
  if (id === '' || id === undefined) return NO_CLAIM_ID;
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    hash ^= id.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return claimIdNumberOfHash(hash >>> 0);
}

/** claimIdNumber of a claim id that is not '', from its FNV-1a hash (an unsigned 32-bit number: a claim id held as bytes is hashed where it is). */
export function claimIdNumberOfHash(hash: number): number {
  return hash === NO_CLAIM_ID ? hash - 1 : hash;
}

/** A claim of a run: its file and its index there. */
interface RunClaim {
  file: number;
  claim: number;
}

/** Whether run claim a comes after b in the run. */
function after(a: RunClaim, b: RunClaim): boolean {
  return a.file > b.file || (a.file === b.file && a.claim > b.claim);
}

/** The replacement and void claims of one run, by patient and claim id number. */
export class Supersession {
  /** Per patient key, per claim id number: its replacement and void claims, in the order noted. */
  private readonly notedOf = new Map<string, Map<number, RunClaim[]>>();

  /** The number of a claim id (claimIdNumber). */
  idNumber(id: string): number {
    return claimIdNumber(id);
  }

  /** Notes a replacement or void claim (supersedesOthers) of a patient and claim id number, claim `claim` of file `file`. */
  note(patientKey: string, id: number, file: number, claim: number): void {
    if (id === NO_CLAIM_ID) return;
    let ofPatient = this.notedOf.get(patientKey);
    if (ofPatient === undefined) this.notedOf.set(detached(patientKey), (ofPatient = new Map()));
    const noted = ofPatient.get(id);
    if (noted === undefined) ofPatient.set(id, [{ file, claim }]);
    else noted.push({ file, claim });
  }

  /** Whether some claim of the patient replaces or voids others (else every row of the patient is in force). */
  hasAny(patientKey: string): boolean {
    return this.notedOf.has(patientKey);
  }

  /**
   * Whether a row of a patient's claim (its claim id number, file and claim index) is in force:
   * no claim of the run replaces or voids its claim id, or its own claim is the one in force (the
   * last such claim in the run).
   */
  isInForce(patientKey: string, id: number, file: number, claim: number): boolean {
    if (id === NO_CLAIM_ID) return true;
    const noted = this.notedOf.get(patientKey)?.get(id);
    if (noted === undefined) return true;
    let last = noted[0]!;
    for (let i = 1; i < noted.length; i++) if (after(noted[i]!, last)) last = noted[i]!;
    return last.file === file && last.claim === claim;
  }

  /** Forgets the claims of one file (read again another way). */
  dropFile(file: number): void {
    for (const [patient, ofPatient] of this.notedOf) {
      for (const [id, noted] of ofPatient) {
        const kept = noted.filter((claim) => claim.file !== file);
        if (kept.length === 0) ofPatient.delete(id);
        else ofPatient.set(id, kept);
      }
      if (ofPatient.size === 0) this.notedOf.delete(patient);
    }
  }
}

/** Why a claim's lines take no part in the checks of its document, by its and the others' frequency codes. */
export type OutOfForce = 'void' | 'replaced' | 'voided';

/**
 * Whether `claim` is out of force among the claims of one document, as the checks judge it: a
 * void claim ('void'), or one a later-read replacement or void claim of the same patient and
 * claim id supersedes ('replaced', 'voided': the last such claim is the one in force). Null when
 * its lines are checked. For a hover: outOfForceOf over the document's claims, whose claim ids
 * it compares by number, as the checks' Supersession does.
 */
export function outOfForce(claims: readonly Claim[], claim: Claim): OutOfForce | null {
  if (isVoid(claim.frequency)) return 'void';
  const index = claims.indexOf(claim);
  if (index < 0) return null;
  const numbered: NumberedClaims = {
    count: claims.length,
    frequency: (i) => claims[i]!.frequency ?? null,
    idNumber: (i) => claimIdNumber(claimIdOf(claims[i]!)),
    patientKey: (i) => claims[i]!.patientKey,
  };
  return outOfForceOf(numbered)(index);
}

/** The claims of one file by number (0 to count - 1, in document order), as outOfForceOf reads them. */
export interface NumberedClaims {
  count: number;
  frequency(claim: number): string | null;
  /** Its claim id's number (claimIdNumber), NO_CLAIM_ID for none. */
  idNumber(claim: number): number;
  /** Its patient key, or any value equal for the claims of one patient (a hash of it); asked only of claims that share a claim id number with a replacement or void. */
  patientKey(claim: number): string | number;
}

/**
 * outOfForce for every claim of a file whose claims are numbers, not Claim objects (a file
 * checked from disk): one pass over them, then an answer per claim.
 */
export function outOfForceOf(claims: NumberedClaims): (claim: number) => OutOfForce | null {
  // By claim id number: the last replacement or void claim of each patient with that id.
  const lastOf = new Map<number, { patient: string | number; claim: number }[]>();
  for (let claim = 0; claim < claims.count; claim++) {
    if (!supersedesOthers(claims.frequency(claim))) continue;
    const id = claims.idNumber(claim);
    if (id === NO_CLAIM_ID) continue;
    const patient = claims.patientKey(claim);
    const noted = lastOf.get(id);
    const same = noted?.find((entry) => entry.patient === patient);
    if (same !== undefined) same.claim = claim;
    else if (noted !== undefined) noted.push({ patient, claim });
    else lastOf.set(id, [{ patient, claim }]);
  }
  return (claim) => {
    if (isVoid(claims.frequency(claim))) return 'void';
    const noted = lastOf.get(claims.idNumber(claim));
    if (noted === undefined) return null;
    const patient = claims.patientKey(claim);
    const last = noted.find((entry) => entry.patient === patient);
    if (last === undefined || last.claim === claim) return null;
    return isVoid(claims.frequency(last.claim)) ? 'voided' : 'replaced';
  };
}
