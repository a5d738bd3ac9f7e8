import { sortedQuantile } from './binning.js';
import { DriftwatchError } from './errors/driftwatch-error.js';
import { sortedFiniteValues, type NumericSample } from './internal/numeric-sample.js';

/** The latency percentiles dashboards show, with the number of values they summarise. */
export interface LatencyQuantiles {
  p50: number;
  p95: number;
  p99: number;
  /** Finite values used; missing ones were dropped. */
  count: number;
}

function checkedProbability(probability: number): number {
  if (!(probability >= 0 && probability <= 1)) {
    throw new DriftwatchError({
      code: 'INVALID_ARGUMENT',
      message: `Quantile probability ${probability} is outside [0, 1].`,
      details: { probability },
    });
  }
  return probability;
}

/**
 * Quantiles equal to numpy's default `np.quantile(values, probability)` (`method='linear'`,
 * Hyndman–Fan type 7), including numpy's two-branch interpolation. `null`, `undefined`, NaN and
 * ±Infinity count as missing and are dropped first (numpy would propagate NaN).
 *
 * Throws `EMPTY_SAMPLE` when no finite value is left and `INVALID_ARGUMENT` for a probability
 * outside [0, 1]. Pass an array of probabilities to sort the sample only once.
 *
 * @example
 * ```ts
 * import { quantile } from '@driftwatch/drift';
 * quantile([3, 1, null, 2], 0.25); // 1.5
 * quantile([3, 1, 2], [0, 0.5, 1]); // [1, 2, 3]
 * ```
 */
export function quantile(values: NumericSample, probability: number): number;
export function quantile(values: NumericSample, probabilities: ArrayLike<number>): number[];
export function quantile(values: NumericSample, probabilities: number | ArrayLike<number>): number | number[] {
  if (typeof probabilities === 'number') {
    checkedProbability(probabilities);
    return sortedQuantile(sortedFiniteValues(values, 'quantile'), probabilities);
  }
  const checked = Array.from(probabilities, checkedProbability);
  const sorted = sortedFiniteValues(values, 'quantile');
  return checked.map((probability) => sortedQuantile(sorted, probability));
}

/**
 * Median, 95th and 99th percentiles of latencies (or any values), computed as
 * {@link quantile} does, with the number of finite values. Throws `EMPTY_SAMPLE` when none is left.
 *
 * @example
 * ```ts
 * import { latencyQuantiles } from '@driftwatch/drift';
 * const { p50, p95, p99, count } = latencyQuantiles([12, 15, 11, 250, 14, Number.NaN]);
 * // p50 14, count 5
 * ```
 */
export function latencyQuantiles(values: NumericSample): LatencyQuantiles {
  const sorted = sortedFiniteValues(values, 'latency');
  return {
    p50: sortedQuantile(sorted, 0.5),
    p95: sortedQuantile(sorted, 0.95),
    p99: sortedQuantile(sorted, 0.99),
    count: sorted.length,
  };
}
