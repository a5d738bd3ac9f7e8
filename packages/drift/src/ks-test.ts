import { DriftwatchError } from './errors/driftwatch-error.js';
import { kolmogorovDistribution } from './internal/kolmogorov-distribution.js';
import { ksTwoSampleExact } from './internal/ks-two-sample-exact.js';
import { sortedFiniteValues, type NumericSample } from './internal/numeric-sample.js';
import { greatestCommonDivisor, roundHalfToEven } from './internal/integer-arithmetic.js';

/**
 * How {@link ksTest} computes its p-value, as in scipy's `ks_2samp(method=...)`.
 *
 * - `'exact'`: the exact null distribution of the two-sample statistic.
 * - `'asymp'`: the exact one-sample Kolmogorov distribution with n = round(n1·n2 / (n1 + n2)).
 * - `'auto'`: `'exact'` when both samples have at most 10 000 values, otherwise `'asymp'`.
 *
 * @example
 * ```ts
 * import { ksMethods } from '@driftwatch/drift';
 * ksMethods.includes('exact'); // true
 * ```
 */
export const ksMethods = ['auto', 'exact', 'asymp'] as const;

/**
 * One of {@link ksMethods}.
 *
 * @example
 * ```ts
 * import type { KsMethod } from '@driftwatch/drift';
 * const method: KsMethod = 'asymp';
 * ```
 */
export type KsMethod = (typeof ksMethods)[number];

/**
 * Options for {@link ksTest}.
 *
 * @example
 * ```ts
 * import { ksTest, type KsTestOptions } from '@driftwatch/drift';
 * const options: KsTestOptions = { method: 'exact' };
 * ksTest([1, 2, 3], [4, 5, 6], options);
 * ```
 */
export interface KsTestOptions {
  /**
   * How to compute the p-value.
   * @default 'auto'
   */
  method?: KsMethod;
}

/**
 * The result of {@link ksTest}: scipy's `KstestResult` for `alternative='two-sided'`.
 *
 * @example
 * ```ts
 * import { ksTest, type KsTestResult } from '@driftwatch/drift';
 * const result: KsTestResult = ksTest([1, 2, 3], [1, 2, 4]);
 * result.pValue; // 1
 * ```
 */
export interface KsTestResult {
  /** D = max |F_reference(x) - F_current(x)| over the pooled values, in [0, 1]. */
  statistic: number;
  /**
   * Pr(D >= statistic) under the hypothesis that both samples come from one continuous distribution.
   * As in scipy, `'asymp'` gives NaN when both samples hold a single value (n = round(0.5) = 0).
   */
  pValue: number;
  /** The method that produced `pValue`: `'auto'` resolved, and an exact computation that failed reported as `'asymp'`. */
  method: Exclude<KsMethod, 'auto'>;
  /** The value at which the two empirical CDFs are furthest apart. */
  statisticLocation: number;
  /** +1 when the reference ECDF is above the current one at `statisticLocation`, -1 when below. */
  statisticSign: 1 | -1;
}

/** 'auto' is exact up to this sample size, as scipy's MAX_AUTO_N. */
const autoExactMaximumSize = 10000;
/** np.iinfo(np.int32).max: an explicit 'exact' falls back to 'asymp' when lcm(n1, n2) reaches it. */
const exactLeastCommonMultipleLimit = 2147483647;

/**
 * Two-sample Kolmogorov–Smirnov test, two-sided: matches scipy 1.10
 * `ks_2samp(reference, current, alternative='two-sided', method)`.
 * `null`, `undefined`, NaN and ±Infinity are dropped first.
 * Throws a `DriftwatchError` with code `EMPTY_SAMPLE` when a sample has no finite values,
 * and `INVALID_ARGUMENT` for an unknown method.
 *
 * @example
 * ```ts
 * import { ksTest } from '@driftwatch/drift';
 * const result = ksTest([0.1, 0.4, 0.5, 0.9, 1.3], [1.1, 1.4, 1.9, 2.2, 2.8]);
 * result.statistic; // 0.8
 * result.pValue; // 0.0793650793650793… (exact)
 * result.method; // 'exact'
 * ```
 */
export function ksTest(reference: NumericSample, current: NumericSample, options: KsTestOptions = {}): KsTestResult {
  const method = resolveMethod(options);
  return ksTestSorted(sortedFiniteValues(reference, 'reference'), sortedFiniteValues(current, 'current'), { method });
}

/**
 * {@link ksTest} for samples that are already sorted ascending and hold only finite values, such as
 * the output of one shared sort. Skips copying, filtering and sorting; the input is not checked.
 *
 * @example
 * ```ts
 * import { ksTestSorted } from './ks-test.js';
 * const reference = new Float64Array([1, 2, 3, 4]);
 * const current = new Float64Array([3, 4, 5, 6]);
 * ksTestSorted(reference, current).statistic; // 0.5
 * ```
 */
export function ksTestSorted(
  sortedReference: Float64Array,
  sortedCurrent: Float64Array,
  options: KsTestOptions = {},
): KsTestResult {
  let mode = resolveMethod(options);
  const referenceSize = sortedReference.length;
  const currentSize = sortedCurrent.length;
  if (referenceSize === 0 || currentSize === 0) {
    const role = referenceSize === 0 ? 'reference' : 'current';
    throw new DriftwatchError({
      code: 'EMPTY_SAMPLE',
      message: `The ${role} sample has no finite numeric values.`,
      details: { role, length: 0 },
    });
  }

  const distance = largestEcdfDistance(sortedReference, sortedCurrent);
  let statistic = distance.statistic;

  if (mode === 'auto') {
    mode = Math.max(referenceSize, currentSize) <= autoExactMaximumSize ? 'exact' : 'asymp';
  } else if (mode === 'exact') {
    const divisor = greatestCommonDivisor(referenceSize, currentSize);
    if (referenceSize / divisor >= exactLeastCommonMultipleLimit / (currentSize / divisor)) mode = 'asymp';
  }

  let pValue = Number.NaN;
  if (mode === 'exact') {
    const exact = ksTwoSampleExact(referenceSize, currentSize, statistic);
    // scipy keeps the snapped statistic even when it falls back.
    statistic = exact.statistic;
    if (exact.success) pValue = exact.pValue;
    else mode = 'asymp';
  }
  if (mode === 'asymp') {
    const larger = Math.max(referenceSize, currentSize);
    const smaller = Math.min(referenceSize, currentSize);
    const effectiveSize = (larger * smaller) / (larger + smaller);
    pValue = kolmogorovDistribution(roundHalfToEven(effectiveSize), statistic);
  }
  pValue = pValue < 0 ? 0 : pValue > 1 ? 1 : pValue;

  return {
    statistic,
    pValue,
    method: mode,
    statisticLocation: distance.location,
    statisticSign: distance.sign,
  };
}

function resolveMethod(options: KsTestOptions): KsMethod {
  const method = options.method ?? 'auto';
  if (!(ksMethods as readonly string[]).includes(method)) {
    throw new DriftwatchError({
      code: 'INVALID_ARGUMENT',
      message: `Unknown KS method ${JSON.stringify(method)}; expected one of ${ksMethods.join(', ')}.`,
      details: { method, allowed: ksMethods },
    });
  }
  return method;
}

interface EcdfDistance {
  statistic: number;
  location: number;
  sign: 1 | -1;
}

/**
 * One merge pass over both sorted samples. scipy evaluates F_reference - F_current at every value
 * of concatenate([reference, current]) and takes the first argmax and argmin in that order, so a
 * tie between samples goes to the reference, and within a sample to the smallest value. Each
 * distinct value is visited once, with both ECDFs already past every copy of it
 * (searchsorted side='right').
 *
 * The loop tracks the exact integer n1·n2·(F_reference - F_current) = i·n2 - j·n1 and only divides
 * when that reaches a running extreme. Distinct integers are at least 1/(n1·n2) apart, far more
 * than rounding can move i/n1 - j/n2, so the integer orders the points as scipy's doubles do;
 * equal integers can still round to different doubles, so ties compare the doubles.
 */
function largestEcdfDistance(reference: Float64Array, current: Float64Array): EcdfDistance {
  const referenceSize = reference.length;
  const currentSize = current.length;
  // Per half of the concatenation: extreme scaled difference, its double, and where it occurs.
  let maximumReferenceScaled = -Infinity;
  let maximumReference = -Infinity;
  let maximumReferenceLocation = Number.NaN;
  let minimumReferenceScaled = Infinity;
  let minimumReference = Infinity;
  let minimumReferenceLocation = Number.NaN;
  let maximumCurrentScaled = -Infinity;
  let maximumCurrent = -Infinity;
  let maximumCurrentLocation = Number.NaN;
  let minimumCurrentScaled = Infinity;
  let minimumCurrent = Infinity;
  let minimumCurrentLocation = Number.NaN;

  let referenceIndex = 0;
  let currentIndex = 0;
  let scaled = 0; // referenceIndex·currentSize - currentIndex·referenceSize, exact below 2^53
  // Only a point at or beyond these can move a tracker; the merge step itself stays branch-free.
  let maximumThreshold = -Infinity;
  let minimumThreshold = Infinity;
  const total = referenceSize + currentSize;
  for (let step = 0; step < total; step++) {
    // Finite inputs let +Infinity stand for an exhausted sample.
    const referenceValue = referenceIndex < referenceSize ? reference[referenceIndex]! : Infinity;
    const currentValue = currentIndex < currentSize ? current[currentIndex]! : Infinity;
    const takeReference = referenceValue <= currentValue;
    const value = takeReference ? referenceValue : currentValue;
    referenceIndex += takeReference ? 1 : 0;
    currentIndex += takeReference ? 0 : 1;
    scaled += takeReference ? currentSize : -referenceSize;
    if (scaled < maximumThreshold && scaled > minimumThreshold) continue;
    // The ECDFs are only evaluated after the last copy of a value (searchsorted side='right').
    const nextReference = referenceIndex < referenceSize ? reference[referenceIndex]! : Infinity;
    const nextCurrent = currentIndex < currentSize ? current[currentIndex]! : Infinity;
    if (nextReference === value || nextCurrent === value) continue;
    if (referenceIndex > 0 && reference[referenceIndex - 1] === value) {
      if (scaled >= maximumReferenceScaled) {
        const difference = referenceIndex / referenceSize - currentIndex / currentSize;
        if (scaled > maximumReferenceScaled || difference > maximumReference) {
          maximumReferenceScaled = scaled;
          maximumReference = difference;
          maximumReferenceLocation = value;
        }
      }
      if (scaled <= minimumReferenceScaled) {
        const difference = referenceIndex / referenceSize - currentIndex / currentSize;
        if (scaled < minimumReferenceScaled || difference < minimumReference) {
          minimumReferenceScaled = scaled;
          minimumReference = difference;
          minimumReferenceLocation = value;
        }
      }
    }
    if (currentIndex > 0 && current[currentIndex - 1] === value) {
      if (scaled >= maximumCurrentScaled) {
        const difference = referenceIndex / referenceSize - currentIndex / currentSize;
        if (scaled > maximumCurrentScaled || difference > maximumCurrent) {
          maximumCurrentScaled = scaled;
          maximumCurrent = difference;
          maximumCurrentLocation = value;
        }
      }
      if (scaled <= minimumCurrentScaled) {
        const difference = referenceIndex / referenceSize - currentIndex / currentSize;
        if (scaled < minimumCurrentScaled || difference < minimumCurrent) {
          minimumCurrentScaled = scaled;
          minimumCurrent = difference;
          minimumCurrentLocation = value;
        }
      }
    }
    maximumThreshold = Math.min(maximumReferenceScaled, maximumCurrentScaled);
    minimumThreshold = Math.max(minimumReferenceScaled, minimumCurrentScaled);
  }

  // argmax/argmin over the concatenation: the reference half comes first.
  const maximumFromReference = maximumReference >= maximumCurrent;
  const maximum = maximumFromReference ? maximumReference : maximumCurrent;
  const maximumLocation = maximumFromReference ? maximumReferenceLocation : maximumCurrentLocation;
  const minimumFromReference = minimumReference <= minimumCurrent;
  const minimum = minimumFromReference ? minimumReference : minimumCurrent;
  const minimumLocation = minimumFromReference ? minimumReferenceLocation : minimumCurrentLocation;

  // np.clip(-min, 0, 1): never negative.
  const negativeStatistic = Math.min(Math.max(-minimum, 0), 1);
  if (negativeStatistic > maximum) return { statistic: negativeStatistic, location: minimumLocation, sign: -1 };
  return { statistic: maximum, location: maximumLocation, sign: 1 };
}


