import { DriftwatchError } from './errors/driftwatch-error.js';
import { compareCodePoints } from './internal/categorical-sample.js';

/**
 * Quantile bins of a numeric reference. Bins are right-closed:
 * `(-∞, cuts[0]], (cuts[0], cuts[1]], …, (cuts[k-1], +∞)`, so there are `cuts.length + 1` bins.
 */
export interface NumericBins {
  kind: 'numeric';
  /** Strictly ascending interior cut points. */
  cuts: number[];
}

/** One bin per category, ordered by Unicode code point. */
export interface CategoricalBins {
  kind: 'categorical';
  categories: string[];
}

/** Bins shared by every distance in this package. */
export type Bins = NumericBins | CategoricalBins;

/**
 * numpy's default (`method='linear'`, Hyndman–Fan type 7) quantile of a sorted sample,
 * including numpy's two-branch interpolation, which changes cut points in edge cases.
 */
export function sortedQuantile(sorted: ArrayLike<number>, probability: number): number {
  const last = sorted.length - 1;
  const position = last * probability;
  if (position >= last) return sorted[last]!;
  const low = Math.floor(position);
  const fraction = position - low;
  const below = sorted[low]!;
  const above = sorted[low + 1]!;
  const difference = above - below;
  return fraction < 0.5 ? below + difference * fraction : above - difference * (1 - fraction);
}

/**
 * Cut points from the reference's quantiles, as the drift fixtures define them: the
 * `binCount + 1` quantiles at `j / binCount`, the outer two opened to ±∞, the interior ones
 * de-duplicated. A constant reference gives one cut and two bins.
 *
 * @example
 * ```ts
 * import { numericBins } from '@driftwatch/drift';
 * numericBins(Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]), { binCount: 4 }).cuts; // [3.25, 5.5, 7.75]
 * ```
 */
export function numericBins(sortedReference: ArrayLike<number>, options: { binCount?: number } = {}): NumericBins {
  const binCount = options.binCount ?? 10;
  if (!Number.isInteger(binCount) || binCount < 2) {
    throw new DriftwatchError({ code: 'INVALID_ARGUMENT', message: `binCount must be an integer ≥ 2, got ${binCount}.` });
  }
  if (sortedReference.length === 0) {
    throw new DriftwatchError({ code: 'EMPTY_SAMPLE', message: 'Cannot bin an empty reference sample.' });
  }
  // numpy.linspace(0, 1, binCount + 1): j * step, with the last point exactly 1.
  const step = 1 / binCount;
  const interior: number[] = [];
  for (let j = 1; j < binCount; j++) interior.push(sortedQuantile(sortedReference, j * step));
  interior.sort((a, b) => a - b);
  const cuts: number[] = [];
  for (const cut of interior) if (cuts.length === 0 || cuts[cuts.length - 1] !== cut) cuts.push(cut);
  return { kind: 'numeric', cuts };
}

/** The right-closed bin of a value: the number of cut points strictly below it. */
export function binIndex(cuts: ArrayLike<number>, value: number): number {
  let low = 0;
  let high = cuts.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (cuts[middle]! < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Counts a sorted sample into right-closed bins with one linear pass. */
export function countSortedInBins(cuts: ArrayLike<number>, sorted: ArrayLike<number>): number[] {
  const counts = new Array<number>(cuts.length + 1).fill(0);
  let bin = 0;
  let start = 0;
  for (let index = 0; index < sorted.length; index++) {
    const value = sorted[index]!;
    while (bin < cuts.length && value > cuts[bin]!) {
      counts[bin] = index - start;
      start = index;
      bin++;
    }
  }
  counts[bin] = sorted.length - start;
  return counts;
}

/** Categories seen in either sample, ordered by code point, as the fixtures' `sorted()` does. */
export function categoricalBins(reference: Iterable<string>, current: Iterable<string>): CategoricalBins {
  const categories = new Set<string>(reference);
  for (const category of current) categories.add(category);
  return { kind: 'categorical', categories: [...categories].sort(compareCodePoints) };
}

/**
 * Counts values into bins. Numeric values that are not finite, and categories outside the
 * bins, are not counted.
 *
 * @example
 * ```ts
 * import { countInBins } from '@driftwatch/drift';
 * countInBins({ kind: 'numeric', cuts: [0] }, [-1, 0, 1]); // [2, 1]
 * countInBins({ kind: 'categorical', categories: ['a', 'b'] }, ['a', 'b', 'b']); // [1, 2]
 * ```
 */
export function countInBins(bins: Bins, values: ArrayLike<unknown>): number[] {
  if (bins.kind === 'numeric') {
    const counts = new Array<number>(bins.cuts.length + 1).fill(0);
    for (let index = 0; index < values.length; index++) {
      const value = values[index];
      if (typeof value === 'number' && Number.isFinite(value)) counts[binIndex(bins.cuts, value)]!++;
    }
    return counts;
  }
  const positions = new Map(bins.categories.map((category, index) => [category, index]));
  const counts = new Array<number>(bins.categories.length).fill(0);
  for (let index = 0; index < values.length; index++) {
    const position = positions.get(values[index] as string);
    if (position !== undefined) counts[position]!++;
  }
  return counts;
}

/**
 * Bin proportions `count / total`. When `emptyProportion` is given, a bin whose count is zero
 * gets exactly that proportion (PSI uses 1e-4), with no renormalisation.
 */
export function binProportions(counts: ArrayLike<number>, emptyProportion?: number): Float64Array {
  let total = 0;
  for (let index = 0; index < counts.length; index++) total += counts[index]!;
  const proportions = new Float64Array(counts.length);
  for (let index = 0; index < counts.length; index++) {
    const count = counts[index]!;
    proportions[index] = count === 0 && emptyProportion !== undefined ? emptyProportion : count / total;
  }
  return proportions;
}
