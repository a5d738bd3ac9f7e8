import { binCategoryCounts } from './internal/binned-samples.js';
import { countCategories, type CategoricalSample } from './internal/categorical-sample.js';
import { chiSquaredSurvival } from './internal/special-functions.js';

/** Options for {@link chiSquaredTest}. */
export interface ChiSquaredTestOptions {
  /** Apply Yates' continuity correction when there is one degree of freedom (two categories), as scipy does. @default true */
  correction?: boolean;
}

/** Result of {@link chiSquaredTest}. */
export interface ChiSquaredTestResult {
  statistic: number;
  pValue: number;
  /** Degrees of freedom, `categories − 1`. */
  dof: number;
  /** Categories seen in either sample, ordered by code point. */
  categories: string[];
  referenceCounts: number[];
  currentCounts: number[];
}

/**
 * Chi-squared test of homogeneity on the 2×k table of category counts, equal to
 * `scipy.stats.chi2_contingency([referenceCounts, currentCounts], correction)`. A category
 * seen in only one sample is a column with a zero; a single category gives statistic 0,
 * p-value 1 and 0 degrees of freedom.
 *
 * @example
 * ```ts
 * import { chiSquaredTest } from '@driftwatch/drift';
 * const { pValue } = chiSquaredTest(['a', 'a', 'b', 'b'], ['a', 'b', 'b', 'b']);
 * ```
 */
export function chiSquaredTest(
  reference: CategoricalSample,
  current: CategoricalSample,
  options: ChiSquaredTestOptions = {},
): ChiSquaredTestResult {
  const binned = binCategoryCounts(
    countCategories(reference, 'reference').counts,
    countCategories(current, 'current').counts,
  );
  const categories = binned.bins.kind === 'categorical' ? binned.bins.categories : [];
  return {
    ...chiSquaredFromCounts(binned.referenceCounts, binned.currentCounts, options),
    categories,
    referenceCounts: binned.referenceCounts,
    currentCounts: binned.currentCounts,
  };
}

/**
 * The chi-squared test on two count vectors over the same bins. Bins empty in both samples are ignored.
 *
 * @example
 * ```ts
 * import { chiSquaredFromCounts } from '@driftwatch/drift';
 * chiSquaredFromCounts([30, 70], [50, 50], { correction: false }).dof; // 1
 * ```
 */
export function chiSquaredFromCounts(
  referenceCounts: ArrayLike<number>,
  currentCounts: ArrayLike<number>,
  options: ChiSquaredTestOptions = {},
): { statistic: number; pValue: number; dof: number } {
  const correction = options.correction ?? true;
  const columns: Array<[number, number]> = [];
  let referenceTotal = 0;
  let currentTotal = 0;
  for (let index = 0; index < referenceCounts.length; index++) {
    const referenceCount = referenceCounts[index]!;
    const currentCount = currentCounts[index]!;
    if (referenceCount + currentCount === 0) continue;
    columns.push([referenceCount, currentCount]);
    referenceTotal += referenceCount;
    currentTotal += currentCount;
  }
  const dof = columns.length - 1;
  if (dof <= 0 || referenceTotal === 0 || currentTotal === 0) return { statistic: 0, pValue: 1, dof: Math.max(dof, 0) };
  const total = referenceTotal + currentTotal;
  let statistic = 0;
  for (const [referenceCount, currentCount] of columns) {
    const columnTotal = referenceCount + currentCount;
    statistic += cellTerm(referenceCount, (referenceTotal * columnTotal) / total, correction && dof === 1);
    statistic += cellTerm(currentCount, (currentTotal * columnTotal) / total, correction && dof === 1);
  }
  return { statistic, pValue: chiSquaredSurvival(statistic, dof), dof };
}

function cellTerm(observed: number, expected: number, yates: boolean): number {
  let adjusted = observed;
  if (yates) {
    // scipy moves each observed count towards its expectation by at most 0.5.
    const difference = expected - observed;
    adjusted = observed + Math.sign(difference) * Math.min(0.5, Math.abs(difference));
  }
  const deviation = adjusted - expected;
  return (deviation * deviation) / expected;
}
