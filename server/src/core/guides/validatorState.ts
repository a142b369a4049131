// The state a GuideValidator carries from segment to segment, and what changes it outside the
// walk: the envelopes and group (envelope.ts), the transaction set's HL numbering, the service
// line its guide expects (SV1, SV2 or SV3, another said once per set) and its repeat counts; the
// snapshot checkpoints.ts keeps of it to restart a pass after an edit (snapshot / restore /
// inState), sharing the growing sets rather than copying them. Apart from validate.ts, whose
// per-segment path reads it: GuideValidator extends CarriedState, so the hot path reads these
// fields as its own (no object in between), while the state and its checkpoints read apart.
import { VERSION_MISMATCH_RULE } from './coverage';
import type { GuideSchema } from './schema';
import { GuideWalker, type WalkerState } from './walker';
import { HlNumbering, type HlReport, type HlState } from './hlNumbering';
import { RepeatLimit, type RepeatCarry, type SetEnding } from './repeats';
import type { Envelope, Group, ExpectedService } from './envelope';
import type { GuideFinding, GuideSeverity } from './findings';

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
  service: ExpectedService | null;
  serviceReported: boolean;
  /** The repeat counts of the transaction set (RepeatLimit.snapshot). */
  repeats: ReadonlyMap<string, number>;
  /** The counts the set ended with, filled in when it ends (RepeatLimit.ending). */
  repeatsEnding: SetEnding;
}

/**
 * What GuideValidator keeps between segments (see the top of this file). Its findings go through
 * the validator's add.
 */
export abstract class CarriedState {
  /** The group of the current transaction set (its walker places the segments). */
  protected group: Group | null = null;
  /** The interchange and group envelopes around it (ISA, GS, ST and their trailers); the validator makes it. */
  protected envelope!: Envelope;
  /** HL numbering of the current transaction set. */
  protected hl = new HlNumbering();
  /** Where the HL numbering's findings go. */
  protected readonly reportHl: HlReport = (segment, rule, message, position) => {
    this.add(segment, rule, 'error', message, position);
  };
  /** The service segment (SV1/SV2/SV3) the current transaction set's guide uses, and whether another was reported. */
  protected service: ExpectedService | null = null;
  protected serviceReported = false;
  /** How often each problem was found in the current transaction set. */
  protected repeats = new RepeatLimit();

  /** Records a finding (GuideValidator.add: bounded per problem and set). */
  protected abstract add(segment: number, rule: string, severity: GuideSeverity, message: string, position?: number, component?: number, ref?: string, loop?: string): GuideFinding | null;

  /** ST at `index`: a new transaction set, in the current group (or one of its own), after the one before it ends. */
  protected startTransaction(elements: readonly string[], index: number): void {
    this.endTransaction();
    this.group = this.envelope.startTransaction(elements, index, this.group);
    this.service = this.envelope.serviceOf(elements);
    this.serviceReported = false;
    this.hl.reset();
    this.repeats.reset();
  }

  /** A service line of another claim type than the transaction set's guide: once per set. */
  protected checkService(id: string, index: number): void {
    const expected = this.service;
    if (expected === null || this.serviceReported || id === expected.id) return;
    this.serviceReported = true;
    const kind = id === 'SV1' ? 'a professional' : id === 'SV2' ? 'an institutional' : 'a dental';
    this.add(index, VERSION_MISMATCH_RULE, 'error', `${id} is ${kind} service line, but this transaction set is sent under ${expected.version}, the 837 ${expected.kind} guide.`);
  }

  protected endTransaction(): void {
    this.hl.end(this.reportHl);
  }

  // ---- checkpoints (checkpoints.ts): the state between segments, to restart a pass after an edit

  /** The state between segments, sharing the growing sets (their first `size` entries are the state). */
  snapshot(): ValidatorState {
    const group = this.group;
    return {
      envelope: this.envelope.snapshot(),
      group: group && { guide: group.guide, version: group.version, stIds: prefixOf(group.stIds), walker: group.walker?.snapshot() ?? null },
      hl: this.hl.snapshot(),
      service: this.service,
      serviceReported: this.serviceReported,
      repeats: this.repeats.snapshot(),
      repeatsEnding: this.repeats.ending,
    };
  }

  /** Takes up a state snapshot() gave (on a new validator); `shift` moves its segment indexes. */
  protected restoreState(state: ValidatorState, shift: number): void {
    this.envelope.restore(state.envelope);
    const g = state.group;
    this.group = g && { guide: g.guide, version: g.version, stIds: new Set(prefix(g.stIds)), walker: g.walker && g.guide ? GuideWalker.restore(g.guide, g.walker) : null };
    this.hl = HlNumbering.restore(state.hl, shift);
    this.service = state.service;
    this.serviceReported = state.serviceReported;
    this.repeats = RepeatLimit.restore(state.repeats);
  }

  /** Is this validator in the state a snapshot gave (its segment indexes moved by `shift`)? */
  inState(state: ValidatorState, shift: number): boolean {
    const g = state.group;
    const group = this.group;
    if ((g === null) !== (group === null)) return false;
    if (g && group) {
      if (g.guide !== group.guide || g.version !== group.version || !samePrefix(group.stIds, g.stIds)) return false;
      if ((g.walker === null) !== (group.walker === null)) return false;
      if (g.walker && group.walker && !group.walker.inState(g.walker)) return false;
    }
    if (!this.hl.inState(state.hl, shift)) return false;
    const service = this.service;
    const oldService = state.service;
    if ((service === null) !== (oldService === null)) return false;
    if (service && oldService && (service.version !== oldService.version || service.id !== oldService.id)) return false;
    return this.serviceReported === state.serviceReported && this.repeats.meets(state.repeats, state.repeatsEnding) && this.envelope.inState(state.envelope);
  }

  /**
   * Takes up an earlier pass this validator is in the state of (inState): the set ends as the
   * earlier one did, its counts moved by what this pass found more or fewer times.
   */
  carryRepeats(state: ValidatorState): RepeatCarry {
    return this.repeats.carry(state.repeats, state.repeatsEnding);
  }

  /** The ending of the current set's repeat counts (see SetEnding). */
  get repeatsEnding(): SetEnding {
    return this.repeats.ending;
  }
}
