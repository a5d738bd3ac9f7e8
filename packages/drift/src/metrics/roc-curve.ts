import { sortedScoresByClass, type BinaryLabel, type BinaryLabelOptions } from './internal-binary-labels.js';

/** Options for {@link rocCurve}. */
export type RocCurveOptions = BinaryLabelOptions;

/** Points of a ROC curve, ordered by decreasing threshold. */
export interface RocCurve {
  /** Share of negatives scored at or above each threshold; starts at 0 and ends at 1. */
  falsePositiveRate: number[];
  /** Share of positives scored at or above each threshold; starts at 0 and ends at 1. */
  truePositiveRate: number[];
  /** Decreasing distinct scores; the first is `Infinity`, the point where nothing is predicted positive. */
  thresholds: number[];
}

/**
 * The ROC curve, equal to `sklearn.metrics.roc_curve(actual, scores)` with its defaults
 * (`drop_intermediate=True`) as of scikit-learn 1.9.1: one point per distinct score, minus points
 * collinear with their neighbours, and a first point at threshold `Infinity` (sklearn ≥ 1.3;
 * older versions used `max(score) + 1`).
 *
 * Throws `INVALID_ARGUMENT` when only one class is present (sklearn warns and returns NaN
 * rates), when a score is not finite, or when the lengths differ; `EMPTY_SAMPLE` when there are no labels.
 *
 * @example
 * ```ts
 * import { rocCurve } from '@driftwatch/drift';
 * const { falsePositiveRate, truePositiveRate, thresholds } = rocCurve([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]);
 * // falsePositiveRate [0, 0, 0.5, 0.5, 1], truePositiveRate [0, 0.5, 0.5, 1, 1]
 * // thresholds [Infinity, 0.8, 0.4, 0.35, 0.1]
 * ```
 */
export function rocCurve(
  actual: ArrayLike<BinaryLabel>,
  scores: ArrayLike<number>,
  options: RocCurveOptions = {},
): RocCurve {
  const { positives, negatives } = sortedScoresByClass(actual, scores, options, 'A ROC curve');
  const positiveCount = positives.length;
  const negativeCount = negatives.length;

  // Cumulative counts at each distinct score, walking both sorted lists from the top.
  const truePositives: number[] = [];
  const falsePositives: number[] = [];
  const distinctScores: number[] = [];
  let positiveIndex = positiveCount - 1;
  let negativeIndex = negativeCount - 1;
  while (positiveIndex >= 0 || negativeIndex >= 0) {
    const threshold = Math.max(
      positiveIndex >= 0 ? positives[positiveIndex]! : Number.NEGATIVE_INFINITY,
      negativeIndex >= 0 ? negatives[negativeIndex]! : Number.NEGATIVE_INFINITY,
    );
    while (positiveIndex >= 0 && positives[positiveIndex] === threshold) positiveIndex--;
    while (negativeIndex >= 0 && negatives[negativeIndex] === threshold) negativeIndex--;
    truePositives.push(positiveCount - 1 - positiveIndex);
    falsePositives.push(negativeCount - 1 - negativeIndex);
    // -0 and +0 are one threshold; report it as +0.
    distinctScores.push(threshold === 0 ? 0 : threshold);
  }

  // drop_intermediate: keep the ends and every point where either count bends.
  const last = distinctScores.length - 1;
  const falsePositiveRate = [0];
  const truePositiveRate = [0];
  const thresholds = [Number.POSITIVE_INFINITY];
  for (let index = 0; index <= last; index++) {
    const isCorner =
      last < 2 ||
      index === 0 ||
      index === last ||
      falsePositives[index - 1]! - 2 * falsePositives[index]! + falsePositives[index + 1]! !== 0 ||
      truePositives[index - 1]! - 2 * truePositives[index]! + truePositives[index + 1]! !== 0;
    if (!isCorner) continue;
    falsePositiveRate.push(falsePositives[index]! / negativeCount);
    truePositiveRate.push(truePositives[index]! / positiveCount);
    thresholds.push(distinctScores[index]!);
  }
  return { falsePositiveRate, truePositiveRate, thresholds };
}
