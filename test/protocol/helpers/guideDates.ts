// Claim dates as the 5010 implementation guides have them, for fixtures written with
// test/unit/helpers/x12-writer.ts that must be guide-valid (claimlint.guideChecks defaults to full).
// In an 837P the claim has no date (the service date is each line's 2400 DTP*472): leave out the
// writer's claim `date` and date every line.
import type { DateRange } from '../../../server/src/core/model';

/**
 * An 837I statement period (2300 DTP*434, March 10-11, 2026). The 5010 guide takes it as RD8 only,
 * and the writer writes a one-day range as D8, so it spans two days.
 */
export const statementPeriod: DateRange = { from: 20260310, to: 20260311 };
