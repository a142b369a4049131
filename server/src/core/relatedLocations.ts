// Where a finding's related locations are, as the reports and the editor place them: in the
// finding's own file, or (RelatedLocation.file) in another file of a run of several, which the
// caller knows by its index (the CLI's files checked together, a folder check's files).
import type { RelatedLocation } from './model';

/**
 * The other file a related location is in, as `others` gives it: null when it is in the finding's
 * own file, undefined when it is in a file `others` does not know (one that could not be read),
 * and is then left out.
 */
export function otherFileOf<T>(location: RelatedLocation, others: ((file: number) => T | null | undefined) | undefined): T | null | undefined {
  if (location.file === undefined) return null;
  return others?.(location.file) ?? undefined;
}
