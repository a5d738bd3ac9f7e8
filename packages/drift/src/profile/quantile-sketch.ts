import { DriftwatchError } from '../errors/driftwatch-error.js';
import { ascendingBuckets } from './internal/sketch-buckets.js';

/**
 * The non-empty buckets of one sign of a sketch: `counts[i]` values fell in bucket `keys[i]`.
 * Keys are strictly ascending and counts positive, so equal sketches are deep-equal. The
 * builder counts into a dense array; profiles keep only the non-empty buckets because a
 * minute's profile touches a few dozen buckets of a range of hundreds, and a monitor holds
 * and merges 1,440 of them.
 *
 * @example
 * ```ts
 * import { createProfileSpec, profileDataset } from '@driftwatch/drift';
 * const column = profileDataset(createProfileSpec({ x: [1, 2] }), { x: [1, 1, 100] }).columns[0]!;
 * if (column.kind === 'numeric') column.sketch.positive; // { keys: [0, 231], counts: [2, 1] }
 * ```
 */
export interface SketchBuckets {
  keys: number[];
  counts: number[];
}

/**
 * A DDSketch-style quantile sketch (Masson, Rim & Lee, VLDB 2019) without bucket collapsing.
 *
 * With γ = (1 + α) / (1 − α), a value x with |x| ≥ 1e-9 goes to bucket k = ⌈log_γ |x|⌉ of the
 * `positive` or `negative` store, which covers magnitudes (γ^(k−1), γ^k]; a value with
 * |x| < 1e-9 goes to `zeroCount`. Every quantile estimate is the bucket's representative
 * 2γ^k / (1 + γ), which lies within relative error α of every value in the bucket, hence of
 * the true sample value (absolute error below 1e-9 in the zero bucket). Floating-point rounding
 * of the logarithm can put a value that sits exactly on a bucket boundary in the neighbouring
 * bucket, which adds a few units in the last place to that bound.
 *
 * Memory: a store holds at most ln(max / min) / ln γ + 1 buckets for the magnitudes it holds,
 * about 50·ln(max / min) at α = 1% — 350 buckets for values between 1 and 1,000, 2,100 for
 * 1e-9 to 1e9 — and never more than the number of values. Because nothing collapses, merging
 * is key-by-key addition of counts, exactly associative and commutative.
 *
 * @example
 * ```ts
 * import { createProfileSpec, profileDataset, sketchQuantile } from '@driftwatch/drift';
 * const spec = createProfileSpec({ latency: [12, 15, 40] });
 * const column = profileDataset(spec, { latency: [10, 20, 30, 40, 50] }).columns[0]!;
 * if (column.kind === 'numeric') sketchQuantile(column.sketch, 0.5); // ≈ 30, within 1%
 * ```
 */
export interface QuantileSketch {
  /** α: every estimate is within this relative error of a sample value. */
  relativeAccuracy: number;
  /** Values with |x| < 1e-9. */
  zeroCount: number;
  /** Buckets of positive values, by key. */
  positive: SketchBuckets;
  /** Buckets of negative values, by the key of their magnitude. */
  negative: SketchBuckets;
}

/**
 * Estimates the lower `probability`-quantile of the sketched values: the order statistic at
 * 0-based rank ⌊probability · (n − 1)⌋, within relative error α of the true one (see
 * {@link QuantileSketch}). Throws `EMPTY_SAMPLE` for an empty sketch.
 *
 * @example
 * ```ts
 * import { createProfileSpec, profileDataset, sketchQuantile } from '@driftwatch/drift';
 * const spec = createProfileSpec({ value: [1, 2, 3] });
 * const column = profileDataset(spec, { value: [1, 2, 3, 4, 100] }).columns[0]!;
 * if (column.kind === 'numeric') sketchQuantile(column.sketch, 1); // ≈ 100
 * ```
 */
export function sketchQuantile(sketch: QuantileSketch, probability: number): number {
  if (!(probability >= 0 && probability <= 1)) {
    throw new DriftwatchError({ code: 'INVALID_ARGUMENT', message: `probability must lie in [0, 1], got ${probability}.` });
  }
  const buckets = ascendingBuckets(sketch);
  if (buckets.total === 0) {
    throw new DriftwatchError({ code: 'EMPTY_SAMPLE', message: 'Cannot take a quantile of an empty sketch.' });
  }
  const rank = Math.floor(probability * (buckets.total - 1));
  let cumulative = 0;
  for (let index = 0; index < buckets.values.length; index++) {
    cumulative += buckets.counts[index]!;
    if (cumulative > rank) return buckets.values[index]!;
  }
  return buckets.values[buckets.values.length - 1]!;
}
