import { encodeScoredLabels, type BinaryLabel, type BinaryLabelOptions } from './internal-binary-labels.js';

/** Options for {@link brierScore}. */
export type BrierScoreOptions = BinaryLabelOptions;

/**
 * Mean squared difference between the predicted positive-class probability and the actual
 * outcome (1 for the positive class, 0 otherwise), equal to
 * `sklearn.metrics.brier_score_loss(actual, probabilities)`. 0 is perfect; always predicting
 * 0.5 scores 0.25.
 *
 * Throws `INVALID_ARGUMENT` for a probability outside [0, 1] or not finite (as sklearn does),
 * different lengths or bad labels; `EMPTY_SAMPLE` for empty input.
 *
 * @example
 * ```ts
 * import { brierScore } from '@driftwatch/drift';
 * brierScore([1, 0], [0.8, 0.3]); // (0.04 + 0.09) / 2 = 0.065
 * ```
 */
export function brierScore(
  actual: ArrayLike<BinaryLabel>,
  probabilities: ArrayLike<number>,
  options: BrierScoreOptions = {},
): number {
  const { isPositive, scores } = encodeScoredLabels(actual, probabilities, options, 'probabilities');
  let total = 0;
  for (let index = 0; index < scores.length; index++) {
    const error = scores[index]! - isPositive[index]!;
    total += error * error;
  }
  return total / scores.length;
}
