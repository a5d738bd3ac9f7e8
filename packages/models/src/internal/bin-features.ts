/** Training features quantized to at most 255 bins each, row-major, with the real-valued edges. */
export interface BinnedFeatures {
  /** `bins[row * featureCount + feature]`: the bin of that cell (row-major, for full histograms). */
  readonly bins: Uint8Array;
  /** `columnBins[feature * rowCount + row]`: the same bins column-major, for one-feature histograms. */
  readonly columnBins: Uint8Array;
  readonly rowCount: number;
  readonly featureCount: number;
  /** Number of bins per feature (thresholds + 1). */
  readonly binCounts: Int32Array;
  /** Where each feature's bins start in a histogram laid out feature after feature. */
  readonly binOffsets: Int32Array;
  readonly totalBins: number;
  /** Per feature: a value lies in bin `b` exactly when `thresholds[b - 1] < value <= thresholds[b]`. */
  readonly thresholds: readonly Float64Array[];
}

/** The most bins a feature can have: bin indices must fit a `Uint8Array`. */
export const maximumBinCount = 255;

/**
 * Quantizes each feature like sklearn's HistGradientBoosting: with few distinct values, one
 * bin per value and thresholds at the midpoints; otherwise thresholds at the midpoints of
 * evenly spaced quantiles. A split "bin <= b" is the same as "value <= thresholds[b]", which is
 * what the compiled trees test at prediction time, on the same floats.
 *
 * @example
 * ```ts
 * const binned = binFeatures(matrix, rowCount, featureCount, 255);
 * binned.thresholds[0]; // edges of the first feature
 * ```
 */
export function binFeatures(
  features: Float64Array,
  rowCount: number,
  featureCount: number,
  maxBins: number,
): BinnedFeatures {
  const binLimit = Math.max(2, Math.min(maximumBinCount, Math.floor(maxBins)));
  const thresholds: Float64Array[] = [];
  const binCounts = new Int32Array(featureCount);
  const binOffsets = new Int32Array(featureCount);
  const column = new Float64Array(rowCount);
  let totalBins = 0;
  for (let feature = 0; feature < featureCount; feature++) {
    for (let row = 0; row < rowCount; row++) column[row] = features[row * featureCount + feature]!;
    column.sort();
    const edges = findThresholds(column, binLimit);
    thresholds.push(edges);
    binCounts[feature] = edges.length + 1;
    binOffsets[feature] = totalBins;
    totalBins += edges.length + 1;
  }
  const bins = new Uint8Array(rowCount * featureCount);
  const columnBins = new Uint8Array(rowCount * featureCount);
  for (let row = 0; row < rowCount; row++) {
    for (let feature = 0; feature < featureCount; feature++) {
      const index = row * featureCount + feature;
      const bin = binOf(features[index]!, thresholds[feature]!);
      bins[index] = bin;
      columnBins[feature * rowCount + row] = bin;
    }
  }
  return { bins, columnBins, rowCount, featureCount, binCounts, binOffsets, totalBins, thresholds };
}

/** The bin of `value`: the first `b` with `value <= thresholds[b]`, or the last bin. */
export function binOf(value: number, thresholds: Float64Array): number {
  let low = 0;
  let high = thresholds.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (value <= thresholds[middle]!) high = middle;
    else low = middle + 1;
  }
  return low;
}

function findThresholds(sorted: Float64Array, binLimit: number): Float64Array {
  const distinct: number[] = [];
  for (let index = 0; index < sorted.length; index++) {
    if (index === 0 || sorted[index] !== sorted[index - 1]) distinct.push(sorted[index]!);
  }
  const edges: number[] = [];
  if (distinct.length <= binLimit) {
    for (let index = 1; index < distinct.length; index++) edges.push(midpoint(distinct[index - 1]!, distinct[index]!));
  } else {
    const last = sorted.length - 1;
    for (let step = 1; step < binLimit; step++) {
      const position = (step / binLimit) * last;
      const edge = midpoint(sorted[Math.floor(position)]!, sorted[Math.ceil(position)]!);
      if (edges.length === 0 || edge > edges[edges.length - 1]!) edges.push(edge);
    }
    // The top edge must leave the maximum in a bin of its own side; drop edges at or above it.
    while (edges.length > 0 && edges[edges.length - 1]! >= sorted[last]!) edges.pop();
  }
  return Float64Array.from(edges);
}

function midpoint(low: number, high: number): number {
  const middle = low + (high - low) / 2;
  // Rounding can land on `high`, which would put `high` on the left of the split.
  return middle < high ? middle : low;
}
