import { binProportions, type Bins } from './binning.js';
import { binSamples, type BinnedDistanceOptions } from './internal/binned-samples.js';

/** The Hellinger distance and the bins it was computed on. */
export interface HellingerResult {
  value: number;
  bins: Bins;
  referenceCounts: number[];
  currentCounts: number[];
}

/**
 * Hellinger distance `sqrt(½ Σ (√p − √q)²)`, in [0, 1], over the same bins as {@link psi}
 * on raw proportions. Unlike PSI it needs no value for empty bins.
 *
 * @example
 * ```ts
 * import { hellinger } from '@driftwatch/drift';
 * hellinger(['a', 'a'], ['b', 'b']).value; // 1
 * ```
 */
export function hellinger(
  reference: ArrayLike<unknown>,
  current: ArrayLike<unknown>,
  options: BinnedDistanceOptions = {},
): HellingerResult {
  const binned = binSamples(reference, current, options);
  return { value: hellingerFromCounts(binned.referenceCounts, binned.currentCounts), ...binned };
}

/**
 * Hellinger distance from two count vectors on the same bins.
 *
 * @example
 * ```ts
 * import { hellingerFromCounts } from '@driftwatch/drift';
 * hellingerFromCounts([5, 5], [5, 5]); // 0
 * ```
 */
export function hellingerFromCounts(referenceCounts: ArrayLike<number>, currentCounts: ArrayLike<number>): number {
  const reference = binProportions(referenceCounts);
  const current = binProportions(currentCounts);
  let sum = 0;
  for (let index = 0; index < reference.length; index++) {
    const difference = Math.sqrt(reference[index]!) - Math.sqrt(current[index]!);
    sum += difference * difference;
  }
  return Math.min(1, Math.sqrt(sum / 2));
}
