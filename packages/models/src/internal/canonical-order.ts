/**
 * Sorts the training rows by their encoded features, then by label. Every learner sees rows in
 * this order, so a model depends only on the multiset of training rows, never on how they were
 * shuffled: bootstraps, float sums and tie-breaks all come out the same.
 *
 * @example
 * ```ts
 * const { features, labels } = canonicalOrder(matrix, labels, rowCount, featureCount);
 * ```
 */
export function canonicalOrder(
  features: Float64Array,
  labels: Uint8Array,
  rowCount: number,
  featureCount: number,
): { features: Float64Array; labels: Uint8Array } {
  const order = new Uint32Array(rowCount);
  for (let index = 0; index < rowCount; index++) order[index] = index;
  order.sort((rowA, rowB) => {
    const baseA = rowA * featureCount;
    const baseB = rowB * featureCount;
    for (let feature = 0; feature < featureCount; feature++) {
      const valueA = features[baseA + feature]!;
      const valueB = features[baseB + feature]!;
      if (valueA < valueB) return -1;
      if (valueA > valueB) return 1;
    }
    return labels[rowA]! - labels[rowB]!;
  });
  const sortedFeatures = new Float64Array(features.length);
  const sortedLabels = new Uint8Array(rowCount);
  for (let index = 0; index < rowCount; index++) {
    const row = order[index]!;
    sortedFeatures.set(features.subarray(row * featureCount, (row + 1) * featureCount), index * featureCount);
    sortedLabels[index] = labels[row]!;
  }
  return { features: sortedFeatures, labels: sortedLabels };
}
