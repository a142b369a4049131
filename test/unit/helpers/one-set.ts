// A guide-valid 837P of one transaction set of `claims` claims (two lines each, 170 subscribers,
// every third patient named apart from the subscriber): the big-set shape of issue 14 for tests
// of what happens far into a set.
import { writeX12, type WriterClaim } from './x12-writer';

const day = { from: 20260310, to: 20260310 };

export function oneSet837(claims: number): string {
  const list: WriterClaim[] = Array.from({ length: claims }, (_, i) => ({
    id: `CLAIM-${i}`,
    subscriberId: `M${String(i % 170).padStart(6, '0')}`,
    patientName: i % 3 === 0 ? { last: 'DOE', first: `P${i}` } : undefined,
    date: null,
    lines: [
      { code: '43214', charge: '1500.00', date: day },
      { code: '99213', charge: '400.00', date: day },
    ],
  }));
  return writeX12(list, { transactions: 1, lineEnding: '\n' }).text;
}
