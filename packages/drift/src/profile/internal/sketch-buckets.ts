import type { QuantileSketch, SketchBuckets } from '../quantile-sketch.js';

/**
 * Magnitudes below this go to the zero bucket, whose representative is 0: the absolute error
 * there is below 1e-9 instead of relative. Without it, values near 0 would need unboundedly
 * many logarithmic buckets (about 1,000 more per factor of 1e-9 at α = 1%).
 */
export const zeroThreshold = 1e-9;

/** The logarithmic bucket grid of a relative accuracy α: bucket k holds magnitudes in (γ^(k−1), γ^k]. */
export interface BucketMapping {
  /** γ = (1 + α) / (1 − α). */
  gamma: number;
  /** ln γ. */
  logGamma: number;
  /** 1 / ln γ, so that a key costs one logarithm and one multiplication. */
  multiplier: number;
  /** 2 / (1 + γ): the representative of bucket k is γ^k · this, within α of every magnitude in the bucket. */
  representativeFactor: number;
}

/** The grid of a relative accuracy. Every key and representative in the package comes from here. */
export function bucketMapping(relativeAccuracy: number): BucketMapping {
  const gamma = (1 + relativeAccuracy) / (1 - relativeAccuracy);
  const logGamma = Math.log(gamma);
  return { gamma, logGamma, multiplier: 1 / logGamma, representativeFactor: 2 / (1 + gamma) };
}

/** The key of a magnitude ≥ {@link zeroThreshold}: ⌈log_γ(magnitude)⌉. */
export function bucketKey(magnitude: number, multiplier: number): number {
  return Math.ceil(Math.log(magnitude) * multiplier);
}

/** The representative magnitude of a key, 2γ^k / (1 + γ). */
export function bucketRepresentative(key: number, mapping: BucketMapping): number {
  return Math.exp(key * mapping.logGamma) * mapping.representativeFactor;
}

/** The representative of the bucket a value falls in, signed; 0 for the zero bucket. */
export function representativeOf(value: number, mapping: BucketMapping): number {
  if (value >= zeroThreshold) return bucketRepresentative(bucketKey(value, mapping.multiplier), mapping);
  if (value <= -zeroThreshold) return -bucketRepresentative(bucketKey(-value, mapping.multiplier), mapping);
  return 0;
}

/** A sketch as ascending representatives with their counts (non-empty buckets only). */
export interface AscendingBuckets {
  values: Float64Array;
  counts: Float64Array;
  total: number;
}

/**
 * Lists a sketch's buckets in ascending order of value: negative buckets from the largest
 * magnitude down, the zero bucket, then positive buckets up. Representatives are strictly
 * increasing, and equal keys of two sketches with the same α give bitwise-equal representatives.
 */
export function ascendingBuckets(sketch: QuantileSketch): AscendingBuckets {
  const mapping = bucketMapping(sketch.relativeAccuracy);
  const { negative, positive } = sketch;
  const size = negative.keys.length + (sketch.zeroCount > 0 ? 1 : 0) + positive.keys.length;
  const values = new Float64Array(size);
  const counts = new Float64Array(size);
  let used = 0;
  let total = 0;
  for (let index = negative.keys.length - 1; index >= 0; index--) {
    values[used] = -bucketRepresentative(negative.keys[index]!, mapping);
    total += counts[used++] = negative.counts[index]!;
  }
  if (sketch.zeroCount > 0) {
    values[used] = 0;
    total += counts[used++] = sketch.zeroCount;
  }
  for (let index = 0; index < positive.keys.length; index++) {
    values[used] = bucketRepresentative(positive.keys[index]!, mapping);
    total += counts[used++] = positive.counts[index]!;
  }
  return { values, counts, total };
}

/** The non-empty buckets of a dense count array whose first element is bucket `offset`. */
export function sparseBuckets(dense: ArrayLike<number>, offset: number): SketchBuckets {
  let size = 0;
  for (let index = 0; index < dense.length; index++) if (dense[index] !== 0) size++;
  // Exact-size arrays: a day of minute profiles holds over a million of these entries.
  const keys = new Array<number>(size);
  const counts = new Array<number>(size);
  let used = 0;
  for (let index = 0; index < dense.length; index++) {
    const count = dense[index]!;
    if (count === 0) continue;
    keys[used] = offset + index;
    counts[used++] = count;
  }
  return { keys, counts };
}
