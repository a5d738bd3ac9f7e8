import type { QuantileSketch } from '../quantile-sketch.js';
import { ascendingBuckets, bucketMapping, representativeOf } from './sketch-buckets.js';

/** The two-sample KS statistic of two sketches, with the bracket that holds the exact one. */
export interface SketchKs {
  /** D of the two samples with every value replaced by its bucket's representative: a lower bound on the exact D. */
  statistic: number;
  /** An upper bound on the exact D: within a bucket each ECDF lies between its values at the bucket's two ends. */
  upperBound: number;
}

/**
 * KS from two sketches of the same α. Rounding values to their buckets is monotone, so the
 * rounded samples' ECDFs equal the exact ones at every bucket boundary and D can only shrink;
 * inside bucket b, |F_r(x) − F_c(x)| ≤ max(F_r(b) − F_c(b⁻), F_c(b) − F_r(b⁻)), which bounds
 * the exact D from above.
 */
export function sketchKs(reference: QuantileSketch, current: QuantileSketch): SketchKs {
  const left = ascendingBuckets(reference);
  const right = ascendingBuckets(current);
  let leftIndex = 0;
  let rightIndex = 0;
  let leftCumulative = 0;
  let rightCumulative = 0;
  let statistic = 0;
  let upperBound = 0;
  while (leftIndex < left.values.length || rightIndex < right.values.length) {
    const value = Math.min(
      leftIndex < left.values.length ? left.values[leftIndex]! : Infinity,
      rightIndex < right.values.length ? right.values[rightIndex]! : Infinity,
    );
    const leftBefore = leftCumulative / left.total;
    const rightBefore = rightCumulative / right.total;
    if (leftIndex < left.values.length && left.values[leftIndex] === value) leftCumulative += left.counts[leftIndex++]!;
    if (rightIndex < right.values.length && right.values[rightIndex] === value) rightCumulative += right.counts[rightIndex++]!;
    const leftAfter = leftCumulative / left.total;
    const rightAfter = rightCumulative / right.total;
    statistic = Math.max(statistic, Math.abs(leftAfter - rightAfter));
    upperBound = Math.max(upperBound, leftAfter - rightBefore, rightAfter - leftBefore);
  }
  return { statistic, upperBound: Math.max(upperBound, statistic) };
}

/**
 * Wasserstein-1 between the two samples rounded to their buckets. Each rounding moves every
 * value by at most α·|x| (1e-9 in the zero bucket), so the result is within
 * α·(mean|x| of reference + mean|x| of current) + 2e-9 of the exact distance.
 */
export function sketchWasserstein(reference: QuantileSketch, current: QuantileSketch): number {
  const left = ascendingBuckets(reference);
  const right = ascendingBuckets(current);
  let leftIndex = 0;
  let rightIndex = 0;
  let leftCumulative = 0;
  let rightCumulative = 0;
  let previous = Math.min(left.values[0]!, right.values[0]!);
  let distance = 0;
  while (leftIndex < left.values.length || rightIndex < right.values.length) {
    const value = Math.min(
      leftIndex < left.values.length ? left.values[leftIndex]! : Infinity,
      rightIndex < right.values.length ? right.values[rightIndex]! : Infinity,
    );
    distance += Math.abs(leftCumulative / left.total - rightCumulative / right.total) * (value - previous);
    if (leftIndex < left.values.length && left.values[leftIndex] === value) leftCumulative += left.counts[leftIndex++]!;
    if (rightIndex < right.values.length && right.values[rightIndex] === value) rightCumulative += right.counts[rightIndex++]!;
    previous = value;
  }
  return distance;
}

/**
 * Values of a sketch in buckets wholly outside the buckets of `low` and `high`. Values that
 * share a bucket with `low` or `high` count as inside, so this is a lower bound on the exact
 * number outside [low, high], short by at most the counts of those two buckets.
 */
export function sketchCountOutside(sketch: QuantileSketch, low: number, high: number): number {
  const mapping = bucketMapping(sketch.relativeAccuracy);
  const lowRepresentative = representativeOf(low, mapping);
  const highRepresentative = representativeOf(high, mapping);
  const buckets = ascendingBuckets(sketch);
  let outside = 0;
  for (let index = 0; index < buckets.values.length; index++) {
    const value = buckets.values[index]!;
    if (value < lowRepresentative || value > highRepresentative) outside += buckets.counts[index]!;
  }
  return outside;
}
