import { DriftwatchError } from './errors/driftwatch-error.js';
import { normalCdf, normalSurvival } from './internal/special-functions.js';

/** Alternative hypotheses of {@link twoProportionZTest}, about proportionA − proportionB. */
export const twoProportionAlternatives = ['two-sided', 'greater', 'less'] as const;

/** One of {@link twoProportionAlternatives}. */
export type TwoProportionAlternative = (typeof twoProportionAlternatives)[number];

/** Success counts of two groups, such as conversions in the reference and current windows. */
export interface TwoProportionZTestInput {
  successesA: number;
  totalA: number;
  successesB: number;
  totalB: number;
}

/** Options for {@link twoProportionZTest}. */
export interface TwoProportionZTestOptions {
  /**
   * `'greater'` tests whether group A's proportion exceeds group B's, `'less'` whether it falls short.
   * @default 'two-sided'
   */
  alternative?: TwoProportionAlternative;
}

/** Result of {@link twoProportionZTest}. */
export interface TwoProportionZTestResult {
  /** z = (proportionA − proportionB) / pooled standard error; 0 when the pooled variance is 0. */
  statistic: number;
  pValue: number;
  proportionA: number;
  proportionB: number;
  /** proportionA − proportionB. */
  difference: number;
}

function checkCounts(successes: number, total: number, group: 'A' | 'B'): void {
  if (!(Number.isFinite(total) && total > 0 && Number.isFinite(successes) && successes >= 0 && successes <= total)) {
    throw new DriftwatchError({
      code: 'INVALID_ARGUMENT',
      message: `Group ${group} has ${successes} successes out of ${total}; need 0 ≤ successes ≤ total and total > 0.`,
      details: { group, successes, total },
    });
  }
}

/**
 * Two-proportion z-test with pooled variance, equal to
 * `statsmodels.stats.proportion.proportions_ztest([successesA, successesB], [totalA, totalB], alternative=…)`
 * (statsmodels calls `'greater'` `'larger'` and `'less'` `'smaller'`). When both groups are all
 * successes or all failures the pooled variance is 0 and there is no evidence of a difference:
 * statistic 0 and p-value 1, where statsmodels returns NaN. Tail p-values keep full relative
 * accuracy, so very strong effects give p-values like 1e-40 rather than 0.
 *
 * Throws `INVALID_ARGUMENT` unless 0 ≤ successes ≤ total and total > 0 in both groups, or for an
 * unknown alternative.
 *
 * @example
 * ```ts
 * import { twoProportionZTest } from '@driftwatch/drift';
 * const { statistic, pValue } = twoProportionZTest({ successesA: 45, totalA: 100, successesB: 30, totalB: 100 });
 * // statistic ≈ 2.19, pValue ≈ 0.028
 * ```
 */
export function twoProportionZTest(
  input: TwoProportionZTestInput,
  options: TwoProportionZTestOptions = {},
): TwoProportionZTestResult {
  const { successesA, totalA, successesB, totalB } = input;
  const alternative = options.alternative ?? 'two-sided';
  if (!twoProportionAlternatives.includes(alternative)) {
    throw new DriftwatchError({
      code: 'INVALID_ARGUMENT',
      message: `Unknown alternative '${String(alternative)}'; use one of ${twoProportionAlternatives.join(', ')}.`,
      details: { alternative },
    });
  }
  checkCounts(successesA, totalA, 'A');
  checkCounts(successesB, totalB, 'B');
  const proportionA = successesA / totalA;
  const proportionB = successesB / totalB;
  const difference = proportionA - proportionB;
  const pooled = (successesA + successesB) / (totalA + totalB);
  const variance = pooled * (1 - pooled) * (1 / totalA + 1 / totalB);
  if (variance === 0) return { statistic: 0, pValue: 1, proportionA, proportionB, difference };
  const statistic = difference / Math.sqrt(variance);
  const pValue =
    alternative === 'greater'
      ? normalSurvival(statistic)
      : alternative === 'less'
        ? normalCdf(statistic)
        : 2 * normalSurvival(Math.abs(statistic));
  return { statistic, pValue, proportionA, proportionB, difference };
}
