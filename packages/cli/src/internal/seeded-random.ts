/** A small deterministic random source (mulberry32): same seed, same sequence, on every platform. */
export interface SeededRandom {
  /** Uniform in [0, 1). */
  next(): number;
  /** Standard normal, by Box–Muller. */
  normal(): number;
  /** An index drawn with the given weights, which need not sum to 1. */
  pick(weights: readonly number[]): number;
}

/** Creates a {@link SeededRandom}. */
export function createSeededRandom(seed: number): SeededRandom {
  let state = seed >>> 0;
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
      const u = 1 - next();
      const v = next();
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    },
    pick(weights) {
      const total = weights.reduce((sum, weight) => sum + weight, 0);
      let draw = next() * total;
      for (let index = 0; index < weights.length; index++) {
        draw -= weights[index]!;
        if (draw < 0) return index;
      }
      return weights.length - 1;
    },
  };
}
