// GuideValidator's state between segments, as checkpoints.ts keeps it to restart a pass after an
// edit (snapshot / restore / inState in validate.ts, the envelope's part in envelope.ts). Apart
// from validate.ts because none of it runs per segment: it is the shape of a checkpoint, and the
// sets it shares with the live validator rather than copying them.
import type { GuideSchema } from './schema';
import type { WalkerState } from './walker';
import type { HlState } from './hlNumbering';
import type { SetEnding } from './repeats';
import type { ServiceLine } from './envelope';

/** A set as it was: its first `size` entries (sets only grow, and keep their order). */
export interface SetPrefix {
  set: ReadonlySet<string>;
  size: number;
}

/** The set's entries now, shared: the state is its first `size` of them. */
export function prefixOf(set: ReadonlySet<string>): SetPrefix {
  return { set, size: set.size };
}

export function* prefix(p: SetPrefix): Generator<string> {
  let n = 0;
  for (const value of p.set) {
    if (n++ === p.size) return;
    yield value;
  }
}

export function samePrefix(live: ReadonlySet<string>, p: SetPrefix): boolean {
  if (live.size !== p.size) return false;
  const it = prefix(p);
  for (const value of live) if (it.next().value !== value) return false;
  return true;
}

/** The interchange and group envelopes' state (Envelope in envelope.ts). */
export interface EnvelopeState {
  isaIds: SetPrefix;
  gsIds: SetPrefix;
  envelope: GuideSchema | null;
  reportedVersions: SetPrefix;
  isa12: string;
  gs08: string;
}

/** The group a transaction set is in (Group in envelope.ts). */
export interface GroupState {
  guide: GuideSchema | null;
  version: string | null;
  stIds: SetPrefix;
  walker: WalkerState | null;
}

/** GuideValidator's state between segments (snapshot / restore / inState). */
export interface ValidatorState {
  envelope: EnvelopeState;
  group: GroupState | null;
  hl: HlState;
  service: ServiceLine | null;
  serviceReported: boolean;
  /** The repeat counts of the transaction set (RepeatLimit.snapshot). */
  repeats: ReadonlyMap<string, number>;
  /** The counts the set ended with, filled in when it ends (RepeatLimit.ending). */
  repeatsEnding: SetEnding;
}
