import { sortedScoresByClass, type BinaryLabel, type BinaryLabelOptions } from './internal-binary-labels.js';

/** Options for {@link rocAuc}. */
export type RocAucOptions = BinaryLabelOptions;

/**
 * Area under the ROC curve: the probability that a random positive scores above a random
 * negative, counting ties as one half (the Mann–Whitney U statistic over `positives × negatives`).
 * Equals `sklearn.metrics.roc_auc_score(actual, scores)` for binary labels, ties included,
 * in O(n log n) without building the curve.
 *
 * Throws `INVALID_ARGUMENT` when only one class is present (sklearn warns and returns NaN),
 * when a score is not finite, or when the lengths differ; `EMPTY_SAMPLE` when there are no labels.
 *
 * @example
 * ```ts
 * import { rocAuc } from '@driftwatch/drift';
 * rocAuc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]); // 0.75
 * rocAuc(['No', 'Yes', 'Yes'], [0.2, 0.9, 0.2], { positive: 'Yes' }); // 0.75
 * ```
 */
export function rocAuc(
  actual: ArrayLike<BinaryLabel>,
  scores: ArrayLike<number>,
  options: RocAucOptions = {},
): number {
  const { positives, negatives } = sortedScoresByClass(actual, scores, options, 'ROC AUC');
  const positiveCount = positives.length;
  const negativeCount = negatives.length;
  // Walk the two sorted lists together. Every count below is an integer or half-integer,
  // so the sum is exact up to 2^53 and the only rounding is the final division.
  let wins = 0;
  let negativesBelow = 0;
  let positiveIndex = 0;
  while (positiveIndex < positiveCount) {
    const value = positives[positiveIndex]!;
    while (negativesBelow < negativeCount && negatives[negativesBelow]! < value) negativesBelow++;
    let tiedNegatives = 0;
    while (negativesBelow + tiedNegatives < negativeCount && negatives[negativesBelow + tiedNegatives] === value) {
      tiedNegatives++;
    }
    let tiedPositives = 0;
    while (positiveIndex < positiveCount && positives[positiveIndex] === value) {
      positiveIndex++;
      tiedPositives++;
    }
    wins += tiedPositives * (negativesBelow + tiedNegatives / 2);
  }
  return wins / (positiveCount * negativeCount);
}
