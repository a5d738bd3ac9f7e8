import type { ColumnDistribution } from '@driftwatch/drift';
import type { MovedBin } from './check-measurement.js';

/**
 * The bins of a report column's distribution whose share moved most between reference and
 * current, largest `|currentShare − referenceShare|` first (ties keep bin order). Numeric bins
 * are labelled as intervals: `[low, cut]` for the first bin, `(cut, cut]` after it, matching
 * the right-closed PSI bins of the profile spec.
 *
 * @example
 * ```ts
 * import { topMovedBins } from './top-moved-bins.js';
 * topMovedBins({ kind: 'categorical', categories: ['a', 'b'], referenceCounts: [5, 5], currentCounts: [9, 1] }, 1);
 * // [{ bin: 'a', referenceShare: 0.5, currentShare: 0.9 }]
 * ```
 */
export function topMovedBins(distribution: ColumnDistribution, limit = 3): MovedBin[] {
  const referenceTotal = sum(distribution.referenceCounts);
  const currentTotal = sum(distribution.currentCounts);
  const bins: Array<MovedBin & { move: number; index: number }> = [];
  for (let index = 0; index < distribution.referenceCounts.length; index++) {
    const referenceShare = referenceTotal === 0 ? 0 : distribution.referenceCounts[index]! / referenceTotal;
    const currentShare = currentTotal === 0 ? 0 : (distribution.currentCounts[index] ?? 0) / currentTotal;
    bins.push({ bin: binLabel(distribution, index), referenceShare, currentShare, move: Math.abs(currentShare - referenceShare), index });
  }
  bins.sort((left, right) => right.move - left.move || left.index - right.index);
  return bins.slice(0, Math.max(0, limit)).map(({ bin, referenceShare, currentShare }) => ({ bin, referenceShare, currentShare }));
}

function binLabel(distribution: ColumnDistribution, index: number): string {
  if (distribution.kind === 'categorical') return distribution.categories[index] ?? '(other)';
  const low = formatEdge(distribution.edges[index]);
  const high = formatEdge(distribution.edges[index + 1]);
  return `${index === 0 ? '[' : '('}${low}, ${high}]`;
}

function formatEdge(edge: number | undefined): string {
  if (edge === undefined || !Number.isFinite(edge)) return edge === undefined ? '?' : String(edge);
  return String(Number(edge.toPrecision(4)));
}

function sum(values: readonly number[]): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}
