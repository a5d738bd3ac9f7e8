/** A seeded generator of uniform numbers in [0, 1) (mulberry32): the same seed, the same stream. */
export function createSeededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

/** A binomial draw as a sum of Bernoulli trials: exact, and fast enough for the simulation sizes here. */
export function binomial(random: () => number, trials: number, probability: number): number {
  let successes = 0;
  for (let trial = 0; trial < trials; trial++) if (random() < probability) successes++;
  return successes;
}
