import { DriftwatchError } from './errors/driftwatch-error.js';

/**
 * Bonferroni adjusted p-values, min(1, p · m), in input order, identical to
 * `statsmodels.stats.multitest.multipletests(pValues, method='bonferroni')[1]`. Rejecting every
 * hypothesis whose adjusted p-value is ≤ α controls the family-wise error rate at α.
 *
 * NaN p-values (tests that could not run) stay NaN and do not count towards m, as in
 * {@link benjaminiHochberg}. Throws `INVALID_ARGUMENT` for a p-value outside [0, 1].
 *
 * @example
 * ```ts
 * import { bonferroni } from '@driftwatch/drift';
 * bonferroni([0.01, 0.04, Number.NaN, 0.5]); // [0.03, 0.12, NaN, 1]
 * ```
 */
export function bonferroni(pValues: ArrayLike<number>): number[] {
  let testCount = 0;
  for (let index = 0; index < pValues.length; index++) {
    const pValue = pValues[index]!;
    if (Number.isNaN(pValue)) continue;
    if (!(pValue >= 0 && pValue <= 1)) {
      throw new DriftwatchError({
        code: 'INVALID_ARGUMENT',
        message: `bonferroni got p-value ${pValue} at index ${index}; p-values must lie in [0, 1].`,
        details: { index, pValue },
      });
    }
    testCount++;
  }
  return Array.from(pValues, (pValue) => Math.min(1, pValue * testCount));
}
