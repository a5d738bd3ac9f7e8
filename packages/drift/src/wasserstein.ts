import { sortedFiniteValues, type NumericSample } from './internal/numeric-sample.js';

/** The Wasserstein-1 distance, raw and scaled by the reference's spread. */
export interface WassersteinResult {
  /** Earth mover's distance between the two empirical distributions, in the data's units. */
  value: number;
  /** `value / max(std(reference), 0.001)`, with the population standard deviation. Comparable across columns. */
  normalized: number;
}

/**
 * Wasserstein-1 (earth mover's) distance between two numeric samples, equal to
 * `scipy.stats.wasserstein_distance(reference, current)`.
 *
 * @example
 * ```ts
 * import { wasserstein } from '@driftwatch/drift';
 * wasserstein([0, 1, 2], [1, 2, 3]).value; // 1
 * ```
 */
export function wasserstein(reference: NumericSample, current: NumericSample): WassersteinResult {
  return wassersteinSorted(sortedFiniteValues(reference, 'reference'), sortedFiniteValues(current, 'current'));
}

/** {@link wasserstein} on samples that are already sorted, finite and non-empty. */
export function wassersteinSorted(sortedReference: Float64Array, sortedCurrent: Float64Array): WassersteinResult {
  const referenceLength = sortedReference.length;
  const currentLength = sortedCurrent.length;
  // Walk the pooled sorted values; between consecutive pooled values both ECDFs are constant.
  let referenceIndex = 0;
  let currentIndex = 0;
  let previous = Math.min(sortedReference[0]!, sortedCurrent[0]!);
  let value = 0;
  while (referenceIndex < referenceLength || currentIndex < currentLength) {
    const next =
      currentIndex >= currentLength ||
      (referenceIndex < referenceLength && sortedReference[referenceIndex]! <= sortedCurrent[currentIndex]!)
        ? sortedReference[referenceIndex]!
        : sortedCurrent[currentIndex]!;
    const gap = next - previous;
    if (gap > 0) value += Math.abs(referenceIndex / referenceLength - currentIndex / currentLength) * gap;
    while (referenceIndex < referenceLength && sortedReference[referenceIndex] === next) referenceIndex++;
    while (currentIndex < currentLength && sortedCurrent[currentIndex] === next) currentIndex++;
    previous = next;
  }
  return { value, normalized: value / Math.max(standardDeviation(sortedReference), 0.001) };
}

function standardDeviation(values: Float64Array): number {
  let mean = 0;
  for (let index = 0; index < values.length; index++) mean += values[index]!;
  mean /= values.length;
  let sumOfSquares = 0;
  for (let index = 0; index < values.length; index++) {
    const deviation = values[index]! - mean;
    sumOfSquares += deviation * deviation;
  }
  return Math.sqrt(sumOfSquares / values.length);
}
