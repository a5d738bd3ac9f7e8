import { DriftwatchError } from '../errors/driftwatch-error.js';
import { encodeScoredLabels, type BinaryLabel, type BinaryLabelOptions } from './internal-binary-labels.js';

/** Options for {@link logLoss}. */
export interface LogLossOptions extends BinaryLabelOptions {
  /**
   * Probabilities are clipped to [epsilon, 1 − epsilon] so that a confident miss costs
   * −ln(epsilon) ≈ 36 instead of infinity. Must lie in [0, 0.5).
   * @default Number.EPSILON (2.220446049250313e-16, numpy's `finfo(float64).eps`, which sklearn 1.9.1
   * clips float64 probabilities with)
   */
  epsilon?: number;
}

/**
 * Mean binary cross-entropy of predicted positive-class probabilities, equal to
 * `sklearn.metrics.log_loss(actual, probabilities)` in scikit-learn 1.9.1: both class
 * probabilities `1 − p` and `p` are clipped to [ε, 1 − ε] with ε = 2.22e-16 (sklearn no longer takes
 * an `eps` argument; old releases defaulted to 1e-15, so pass `epsilon: 1e-15` to reproduce them),
 * and the loss is the mean of −ln(probability given to the actual class).
 *
 * Throws `INVALID_ARGUMENT` for a probability outside [0, 1] or not finite (as sklearn does),
 * different lengths or bad labels; `EMPTY_SAMPLE` for empty input.
 *
 * @example
 * ```ts
 * import { logLoss } from '@driftwatch/drift';
 * logLoss([1, 0], [0.8, 0.3]); // (−ln 0.8 − ln 0.7) / 2 ≈ 0.2899
 * ```
 */
export function logLoss(
  actual: ArrayLike<BinaryLabel>,
  probabilities: ArrayLike<number>,
  options: LogLossOptions = {},
): number {
  const epsilon = options.epsilon ?? Number.EPSILON;
  if (!(epsilon >= 0 && epsilon < 0.5)) {
    throw new DriftwatchError({
      code: 'INVALID_ARGUMENT',
      message: `options.epsilon is ${epsilon}; it must lie in [0, 0.5).`,
      details: { epsilon },
    });
  }
  const { isPositive, scores } = encodeScoredLabels(actual, probabilities, options, 'probabilities');
  let total = 0;
  for (let index = 0; index < scores.length; index++) {
    const probability = isPositive[index] === 1 ? scores[index]! : 1 - scores[index]!;
    total -= Math.log(Math.min(1 - epsilon, Math.max(epsilon, probability)));
  }
  return total / scores.length;
}
