import { sortedQuantile } from '../binning.js';
import type { ColumnDistribution } from '../drift-report.js';
import { compareCodePoints } from './categorical-sample.js';

const numericBinCount = 20;
const categoryLimit = 20;
/** Label of the bucket that gathers categories beyond the chart's limit. */
export const otherCategoryLabel = '(other)';

/**
 * Equal-width bins over the central 99% of both samples, for charts. Values beyond the range
 * fall into the outermost bins, so one outlier cannot flatten the picture.
 */
export function numericChartDistribution(sortedReference: Float64Array, sortedCurrent: Float64Array): ColumnDistribution {
  let low = Math.min(sortedQuantile(sortedReference, 0.005), sortedQuantile(sortedCurrent, 0.005));
  let high = Math.max(sortedQuantile(sortedReference, 0.995), sortedQuantile(sortedCurrent, 0.995));
  if (!(high > low)) {
    low -= 0.5;
    high += 0.5;
  }
  const width = (high - low) / numericBinCount;
  const edges = Array.from({ length: numericBinCount + 1 }, (_, index) => low + index * width);
  edges[numericBinCount] = high;
  return {
    kind: 'numeric',
    edges,
    referenceCounts: countEqualWidth(sortedReference, low, width),
    currentCounts: countEqualWidth(sortedCurrent, low, width),
  };
}

function countEqualWidth(values: Float64Array, low: number, width: number): number[] {
  const counts = new Array<number>(numericBinCount).fill(0);
  for (let index = 0; index < values.length; index++) {
    const bin = Math.floor((values[index]! - low) / width);
    counts[bin < 0 ? 0 : bin >= numericBinCount ? numericBinCount - 1 : bin]!++;
  }
  return counts;
}

/** The most common categories of both samples together, the rest gathered under {@link otherCategoryLabel}. */
export function categoricalChartDistribution(
  reference: ReadonlyMap<string, number>,
  current: ReadonlyMap<string, number>,
): ColumnDistribution {
  const pooled = new Map<string, number>(reference);
  for (const [category, count] of current) pooled.set(category, (pooled.get(category) ?? 0) + count);
  const ranked = [...pooled.entries()].sort((a, b) => b[1] - a[1] || compareCodePoints(a[0], b[0]));
  const shown = ranked.slice(0, ranked.length > categoryLimit ? categoryLimit - 1 : categoryLimit).map(([category]) => category);
  const categories = [...shown];
  const referenceCounts = shown.map((category) => reference.get(category) ?? 0);
  const currentCounts = shown.map((category) => current.get(category) ?? 0);
  if (shown.length < ranked.length) {
    const shownSet = new Set(shown);
    let referenceOther = 0;
    let currentOther = 0;
    for (const [category, count] of reference) if (!shownSet.has(category)) referenceOther += count;
    for (const [category, count] of current) if (!shownSet.has(category)) currentOther += count;
    categories.push(otherCategoryLabel);
    referenceCounts.push(referenceOther);
    currentCounts.push(currentOther);
  }
  return { kind: 'categorical', categories, referenceCounts, currentCounts };
}
