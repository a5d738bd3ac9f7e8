import { DriftwatchError } from './errors/driftwatch-error.js';

/** Indices of the non-NaN p-values, after checking that each lies in [0, 1]. */
function testedIndices(pValues: ArrayLike<number>, method: string): number[] {
  const indices: number[] = [];
  for (let index = 0; index < pValues.length; index++) {
    const pValue = pValues[index]!;
    if (Number.isNaN(pValue)) continue;
    if (!(pValue >= 0 && pValue <= 1)) {
      throw new DriftwatchError({
        code: 'INVALID_ARGUMENT',
        message: `${method} got p-value ${pValue} at index ${index}; p-values must lie in [0, 1].`,
        details: { index, pValue },
      });
    }
    indices.push(index);
  }
  return indices;
}

/**
 * Benjamini–Hochberg adjusted p-values (false discovery rate), in input order, identical to
 * `statsmodels.stats.multitest.multipletests(pValues, method='fdr_bh')[1]`: the i-th smallest
 * p-value becomes min over j ≥ i of p₍ⱼ₎ / (j / m), capped at 1. Rejecting every hypothesis whose
 * adjusted p-value is ≤ q controls the false discovery rate at q.
 *
 * NaN p-values (tests that could not run) stay NaN and do not count towards m, so they cannot
 * dilute the others; statsmodels has no such rule. Throws `INVALID_ARGUMENT` for a p-value
 * outside [0, 1]. An empty input gives an empty array.
 *
 * @example
 * ```ts
 * import { benjaminiHochberg } from '@driftwatch/drift';
 * benjaminiHochberg([0.01, 0.04, 0.03, 0.005]); // [0.02, 0.04, 0.04, 0.02]
 * ```
 */
export function benjaminiHochberg(pValues: ArrayLike<number>): number[] {
  const adjusted = Array.from({ length: pValues.length }, () => Number.NaN);
  const order = testedIndices(pValues, 'benjaminiHochberg');
  order.sort((left, right) => pValues[left]! - pValues[right]!);
  const testCount = order.length;
  let runningMinimum = 1;
  for (let rank = testCount; rank >= 1; rank--) {
    const index = order[rank - 1]!;
    // p / (rank / m) rather than p · m / rank, to round exactly as statsmodels does.
    runningMinimum = Math.min(runningMinimum, pValues[index]! / (rank / testCount));
    adjusted[index] = runningMinimum;
  }
  return adjusted;
}
