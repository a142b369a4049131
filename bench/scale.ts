// How work grows with its input, for the paths that once visited every pair (bench/scaleFixes.ts,
// bench/scaleRules.ts): each scenario is timed at size n and 4n in one process (best of a few
// runs after a warm-up, the input built untimed), and the ratio is what is judged: about 4 for
// work linear in the input, about 16 for work quadratic in it. A ratio says the same on a fast or
// a loaded machine, where a time would not, so these are bench figures, not timed unit tests.

export interface ScaleScenario {
  name: string;
  /** Builds the input of size n; returns the work to time. */
  run: (n: number) => () => void;
  /** The size to time, with 4n. */
  n: number;
}

export interface ScaleRow {
  name: string;
  n: number;
  /** Best time at n and at 4n, ms. */
  smallMs: number;
  largeMs: number;
  /** largeMs over smallMs (the small time at least 1 ms, so a tiny one does not make a ratio of noise). */
  ratio: number;
}

function best(runs: number, work: () => void): number {
  let least = Infinity;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    work();
    least = Math.min(least, performance.now() - started);
  }
  return least;
}

/** Times one scenario at n and 4n. */
export function timeScenario(scenario: ScaleScenario): ScaleRow {
  const small = scenario.run(scenario.n);
  small(); // warm-up: the code optimized before either size is timed
  const smallMs = best(3, small);
  const large = scenario.run(4 * scenario.n);
  const largeMs = best(2, large);
  return { name: scenario.name, n: scenario.n, smallMs, largeMs, ratio: largeMs / Math.max(smallMs, 1) };
}
