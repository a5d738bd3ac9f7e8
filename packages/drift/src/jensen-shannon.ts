import { binProportions, type Bins } from './binning.js';
import { binSamples, type BinnedDistanceOptions } from './internal/binned-samples.js';

/** The Jensen–Shannon distance and the bins it was computed on. */
export interface JensenShannonResult {
  value: number;
  bins: Bins;
  referenceCounts: number[];
  currentCounts: number[];
}

/**
 * Base-2 Jensen–Shannon distance (the square root of the divergence, in [0, 1]) over the same
 * bins as {@link psi}, on raw proportions. Equals `scipy.spatial.distance.jensenshannon(p, q, base=2)`.
 *
 * @example
 * ```ts
 * import { jensenShannon } from '@driftwatch/drift';
 * jensenShannon(['a', 'b'], ['c', 'd']).value; // 1
 * ```
 */
export function jensenShannon(
  reference: ArrayLike<unknown>,
  current: ArrayLike<unknown>,
  options: BinnedDistanceOptions = {},
): JensenShannonResult {
  const binned = binSamples(reference, current, options);
  return { value: jensenShannonFromCounts(binned.referenceCounts, binned.currentCounts), ...binned };
}

/**
 * Jensen–Shannon distance from two count vectors on the same bins.
 *
 * @example
 * ```ts
 * import { jensenShannonFromCounts } from '@driftwatch/drift';
 * jensenShannonFromCounts([10, 0], [0, 10]); // 1
 * ```
 */
export function jensenShannonFromCounts(referenceCounts: ArrayLike<number>, currentCounts: ArrayLike<number>): number {
  const reference = binProportions(referenceCounts);
  const current = binProportions(currentCounts);
  let left = 0;
  let right = 0;
  for (let index = 0; index < reference.length; index++) {
    const p = reference[index]!;
    const q = current[index]!;
    const middle = (p + q) / 2;
    if (p > 0) left += p * Math.log(p / middle);
    if (q > 0) right += q * Math.log(q / middle);
  }
  const divergence = (left + right) / Math.LN2 / 2;
  return divergence > 0 ? Math.sqrt(divergence) : 0;
}
