// What a run of segments kept by the run memo (runMemo.ts) did, taken again in one step: the
// walker's frames from the run's loop on at its end, the last plan (the walker keeps it), and
// the service lines, each of which makes the set's version check (the only thing a clean step by
// a plan may report).
import { isServiceId } from './segmentIds';
import type { LoopSpec } from './schema';
import type { StepPlan } from './transitions';

export interface RunEffect {
  /** The walker's frames at the end, from the run's loop on: their loops and counts. */
  readonly loops: readonly LoopSpec[];
  readonly counts: readonly Int32Array[];
  readonly last: StepPlan;
  /** Which segments of the run (0: the first after the loop's first segment) are service lines, and their ids; null: none. */
  readonly services: Int32Array | null;
  readonly serviceIds: readonly string[];
}

/** The effect of a run whose segments took `plans`, leaving the walker's frames `frames` (GuideWalker.framesFrom). */
export function effectOf(frames: { loops: LoopSpec[]; counts: Int32Array[] }, plans: readonly StepPlan[]): RunEffect {
  const services: number[] = [];
  const serviceIds: string[] = [];
  for (let j = 0; j < plans.length; j++) {
    const id = plans[j]!.next.id;
    if (isServiceId(id)) {
      services.push(j);
      serviceIds.push(id);
    }
  }
  return {
    loops: frames.loops,
    counts: frames.counts,
    last: plans[plans.length - 1]!,
    services: services.length > 0 ? Int32Array.from(services) : null,
    serviceIds,
  };
}
