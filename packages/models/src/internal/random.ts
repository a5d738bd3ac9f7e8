/** A seeded source of pseudo-random numbers; the same seed always yields the same sequence. */
export interface Random {
  /** A uniformly distributed unsigned 32-bit integer. */
  nextUint32(): number;
  /** A uniformly distributed float in [0, 1). */
  nextFloat(): number;
  /** A uniformly distributed integer in [0, bound). */
  nextInt(bound: number): number;
}

/**
 * SplitMix32: tiny, fast and well mixed, which is all a learner needs for bootstraps and
 * feature sampling. `stream` derives independent sequences from one user seed, one per tree.
 *
 * @example
 * ```ts
 * const random = createRandom(42, 3);
 * random.nextInt(10); // same value on every run
 * ```
 */
export function createRandom(seed: number, stream = 0): Random {
  let state = mix32((seed | 0) ^ mix32(Math.imul(stream + 1, 0x9e3779b9)));
  const nextUint32 = (): number => {
    state = (state + 0x9e3779b9) | 0;
    return mix32(state) >>> 0;
  };
  return {
    nextUint32,
    nextFloat: () => nextUint32() / 4294967296,
    nextInt: (bound) => Math.floor((nextUint32() / 4294967296) * bound),
  };
}

/** Derives a non-negative 31-bit seed, for libraries that take their own integer seed. */
export function deriveSeed(seed: number, stream: number): number {
  return createRandom(seed, stream).nextUint32() >>> 1;
}

function mix32(value: number): number {
  let z = value | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return z ^ (z >>> 16);
}
