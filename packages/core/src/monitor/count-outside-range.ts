import { sketchQuantile, type NumericColumnProfile } from '@driftwatch/drift';

/**
 * Values of a numeric column profile outside `[low, high]`, estimated from its min, max and
 * quantile sketch without raw rows. Exact when the column's min and max show that nothing, or
 * everything, lies outside. Otherwise a lower bound: a value counts as outside only when its
 * sketch estimate lies beyond the range by more than the sketch's relative accuracy α, so a
 * value sitting on the boundary (a capped feature) is never counted. It bisects the ranks with
 * `sketchQuantile`, about 2·log2(n) sketch walks.
 *
 * @example
 * ```ts
 * import { createProfileSpec, profileDataset } from '@driftwatch/drift';
 * import { countOutsideRange } from './count-outside-range.js';
 * const spec = createProfileSpec({ tenure: [0, 10, 72] });
 * const column = profileDataset(spec, { tenure: [1, 5, 80, 90] }).columns[0]!;
 * if (column.kind === 'numeric') countOutsideRange(column, 0, 72); // 2
 * ```
 */
export function countOutsideRange(column: NumericColumnProfile, low: number, high: number): number {
  const count = column.count;
  if (count === 0 || (column.min >= low && column.max <= high)) return 0;
  if (column.max < low || column.min > high) return count;
  const accuracy = column.sketch.relativeAccuracy;
  const below = column.min < low ? firstRankWhere(column, count, (value) => value >= low - accuracy * Math.abs(low)) : 0;
  const above = column.max > high ? count - firstRankWhere(column, count, (value) => value > high + accuracy * Math.abs(high)) : 0;
  return below + above;
}

/** The smallest 0-based rank whose sketch estimate satisfies `predicate` (monotone in rank), or `count`. */
function firstRankWhere(column: NumericColumnProfile, count: number, predicate: (value: number) => boolean): number {
  let low = 0;
  let high = count;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (predicate(valueAtRank(column, count, middle))) high = middle;
    else low = middle + 1;
  }
  return low;
}

function valueAtRank(column: NumericColumnProfile, count: number, rank: number): number {
  // sketchQuantile takes the order statistic at ⌊p·(n − 1)⌋; aiming at the middle of the rank avoids rounding down.
  const probability = Math.min(1, (rank + 0.5) / (count - 1));
  return Math.min(column.max, Math.max(column.min, sketchQuantile(column.sketch, probability)));
}
