/**
 * A small deterministic random source: the same seed gives the same sequence on every platform,
 * so a simulated week of traffic can be replayed exactly.
 *
 * @example
 * ```ts
 * const random = createSeededRandom(42);
 * random.pick([0.55, 0.21, 0.24]); // 0, 1 or 2, mostly 0
 * ```
 */
export interface SeededRandom {
  /** Uniform in [0, 1). */
  next(): number;
  /** Standard normal. */
  normal(): number;
  /** An index drawn with the given weights, which need not sum to 1. */
  pick(weights: readonly number[]): number;
  /** Exponential with the given rate (mean `1 / rate`). */
  exponential(rate: number): number;
}

/**
 * Creates a {@link SeededRandom} (mulberry32 with Box–Muller normals). `stream` derives an
 * independent sequence from the same seed, so that, say, arrival times and customers of one
 * simulation do not shift when one of them draws more numbers.
 *
 * @example
 * ```ts
 * const customers = createSeededRandom(7, 1);
 * const arrivals = createSeededRandom(7, 2);
 * customers.next() !== arrivals.next(); // true
 * ```
 */
export function createSeededRandom(seed: number, stream = 0): SeededRandom {
  // Mix the stream into the seed so that nearby streams start far apart.
  let state = (Math.imul(seed >>> 0, 0x9e3779b1) ^ Math.imul((stream >>> 0) + 0x632be5ab, 0x85ebca6b)) >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    normal() {
      const radius = Math.sqrt(-2 * Math.log(1 - next()));
      return radius * Math.cos(2 * Math.PI * next());
    },
    pick(weights) {
      let total = 0;
      for (const weight of weights) total += weight;
      let draw = next() * total;
      for (let index = 0; index < weights.length; index++) {
        draw -= weights[index]!;
        if (draw < 0) return index;
      }
      return weights.length - 1;
    },
    exponential(rate) {
      return -Math.log(1 - next()) / rate;
    },
  };
}
