// The claims and table cli.test.ts's parts check: distinctive contents no output may quote, a
// claim with bundled codes, clean claims, and a CMS table with one indicator-1 edit.
import assert from 'node:assert/strict';
import type { WriterClaim } from '../unit/helpers/x12-writer';

export const day = { from: 20260310, to: 20260310 };

// Distinctive claim contents: no output may ever quote them.
export const SECRETS = ['CLAIMSECRET', 'MEMBERSECRET', 'PATIENTSECRET'];

/** Claim 1 bills 43214 with 43200 and 76000 (both bundled, indicator 0) and 99213; claim 2 is clean. */
export const conflictClaims: WriterClaim[] = [
  {
    id: 'CLAIMSECRET1',
    subscriberId: 'MEMBERSECRET1',
    patientId: 'PATIENTSECRET1',
    date: day,
    lines: [
      { code: '43214', charge: '1500.00' },
      { code: '43200', charge: '400.00' },
      { code: '99213', charge: '100.00' },
      { code: '76000', charge: '250.50' },
    ],
  },
  { id: 'CLAIMSECRET2', subscriberId: 'MEMBERSECRET2', date: day, lines: [{ code: '99213', charge: '80.00' }] },
];
export const cleanClaims: WriterClaim[] = [{ id: 'CLAIMSECRET3', subscriberId: 'MEMBERSECRET3', date: day, lines: [{ code: '99213', charge: '80.00' }, { code: '85025', charge: '20.00' }] }];

/** A CMS quarterly PTP table with its preamble: one edit, 99213 / 36415, modifier indicator 1. */
export const CMS_TABLE = [
  'CPT codes, descriptions and other data only are copyright 2024 American Medical Association. All Rights Reserved.',
  'Column 1/Column 2 Edits',
  'Column 1\tColumn 2\t*=in existence\tEffective\tDeletion\tModifier\tPTP Edit Rationale',
  '\t\tprior to 1996\tDate\tDate\t0=not allowed\t',
  '\t\t\t\t*=no data\t1=allowed\t',
  '\t\t\t\t\t9=not applicable\t',
  '99213\t36415\t\t20200101\t*\t1\tMisuse of column two code with column one code',
].join('\r\n') + '\r\n';
export const indicatorOneClaims: WriterClaim[] = [{ id: 'CLAIMSECRET4', subscriberId: 'MEMBERSECRET4', date: day, lines: [{ code: '99213', charge: '100.00' }, { code: '36415', charge: '10.00' }] }];

export function assertNoClaimContents(...outputs: string[]): void {
  for (const output of outputs) for (const secret of SECRETS) assert.ok(!output.includes(secret), `output quotes claim contents (${secret}):\n${output}`);
}
