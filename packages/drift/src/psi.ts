import { binProportions, type Bins } from './binning.js';
import { binSamples, type BinnedDistanceOptions } from './internal/binned-samples.js';

/** Options for {@link psi}. */
export interface PsiOptions extends BinnedDistanceOptions {
  /** Proportion given to a bin with no values, in either sample, so that the log stays finite. @default 1e-4 */
  emptyProportion?: number;
}

/** The population stability index and the bins it was computed on. */
export interface PsiResult {
  value: number;
  bins: Bins;
  referenceCounts: number[];
  currentCounts: number[];
}

/**
 * Population stability index `Σ (current − reference) · ln(current / reference)` over the bin
 * proportions. Numbers are binned by the reference's deciles (right-closed, outer edges open);
 * strings get one bin per category seen in either sample. An empty bin's proportion is 1e-4.
 * Below 0.1 is usually read as stable, 0.1–0.25 as a moderate shift, above 0.25 as drift.
 *
 * @example
 * ```ts
 * import { psi } from '@driftwatch/drift';
 * psi([1, 2, 3, 4, 5], [1, 2, 3, 4, 5]).value; // 0
 * psi(['a', 'a', 'b'], ['b', 'b', 'a']).value > 0; // true
 * ```
 */
export function psi(reference: ArrayLike<unknown>, current: ArrayLike<unknown>, options: PsiOptions = {}): PsiResult {
  const binned = binSamples(reference, current, options);
  return { value: psiFromCounts(binned.referenceCounts, binned.currentCounts, options), ...binned };
}

/**
 * PSI from two count vectors on the same bins, as profiles and reports compute it.
 *
 * @example
 * ```ts
 * import { psiFromCounts } from '@driftwatch/drift';
 * psiFromCounts([50, 50], [25, 75]); // ≈ 0.2747
 * ```
 */
export function psiFromCounts(
  referenceCounts: ArrayLike<number>,
  currentCounts: ArrayLike<number>,
  options: { emptyProportion?: number } = {},
): number {
  const emptyProportion = options.emptyProportion ?? 1e-4;
  const reference = binProportions(referenceCounts, emptyProportion);
  const current = binProportions(currentCounts, emptyProportion);
  let value = 0;
  for (let index = 0; index < reference.length; index++) {
    const difference = current[index]! - reference[index]!;
    value += difference * Math.log(current[index]! / reference[index]!);
  }
  return value;
}
