import { categoricalBins, countInBins, countSortedInBins, numericBins, type Bins } from '../binning.js';
import { countCategories } from './categorical-sample.js';
import { sortedFiniteValues } from './numeric-sample.js';
import type { ColumnKind } from '../drift-report.js';

/** Options shared by the binned distances (PSI, Jensen–Shannon, Hellinger). */
export interface BinnedDistanceOptions {
  /** Treat the samples as numeric or categorical. @default inferred from the first non-missing reference value */
  kind?: ColumnKind;
  /** Number of reference-quantile bins for numeric samples. @default 10 */
  binCount?: number;
}

/** Two samples counted on the same bins. */
export interface BinnedSamples {
  bins: Bins;
  referenceCounts: number[];
  currentCounts: number[];
}

/** Numeric unless the first non-missing value is a string or a boolean. */
export function inferSampleKind(sample: ArrayLike<unknown>): ColumnKind {
  if (ArrayBuffer.isView(sample)) return 'numeric';
  for (let index = 0; index < sample.length; index++) {
    const value = sample[index];
    if (typeof value === 'number') {
      if (!Number.isNaN(value)) return 'numeric';
    } else if (typeof value === 'string' || typeof value === 'boolean') {
      return 'categorical';
    }
  }
  return 'numeric';
}

/** Bins both samples as the drift definitions prescribe: reference quantiles for numbers, the union of categories otherwise. */
export function binSamples(
  reference: ArrayLike<unknown>,
  current: ArrayLike<unknown>,
  options: BinnedDistanceOptions = {},
): BinnedSamples {
  const kind = options.kind ?? inferSampleKind(reference);
  if (kind === 'numeric') {
    const sortedReference = sortedFiniteValues(reference as ArrayLike<number>, 'reference');
    const sortedCurrent = sortedFiniteValues(current as ArrayLike<number>, 'current');
    return binSortedNumeric(sortedReference, sortedCurrent, options.binCount);
  }
  const referenceCounts = countCategories(reference as ArrayLike<string>, 'reference').counts;
  const currentCounts = countCategories(current as ArrayLike<string>, 'current').counts;
  return binCategoryCounts(referenceCounts, currentCounts);
}

/** Bins two already sorted numeric samples. */
export function binSortedNumeric(sortedReference: Float64Array, sortedCurrent: Float64Array, binCount?: number): BinnedSamples {
  const bins = numericBins(sortedReference, binCount === undefined ? {} : { binCount });
  return {
    bins,
    referenceCounts: countSortedInBins(bins.cuts, sortedReference),
    currentCounts: countSortedInBins(bins.cuts, sortedCurrent),
  };
}

/** Bins two category-count maps on the union of their categories. */
export function binCategoryCounts(reference: ReadonlyMap<string, number>, current: ReadonlyMap<string, number>): BinnedSamples {
  const bins = categoricalBins(reference.keys(), current.keys());
  return {
    bins,
    referenceCounts: bins.categories.map((category) => reference.get(category) ?? 0),
    currentCounts: bins.categories.map((category) => current.get(category) ?? 0),
  };
}
