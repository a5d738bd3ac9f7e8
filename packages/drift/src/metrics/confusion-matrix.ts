import { encodeBinaryLabels, type BinaryLabel, type BinaryLabelOptions } from './internal-binary-labels.js';

/** Options for {@link confusionMatrix}. */
export type ConfusionMatrixOptions = BinaryLabelOptions;

/** Counts of a binary confusion matrix, with the labels that were counted as positive and negative. */
export interface ConfusionMatrix {
  truePositive: number;
  falsePositive: number;
  trueNegative: number;
  falseNegative: number;
  labels: {
    positive: BinaryLabel;
    /** `undefined` when neither input holds a negative label and none is implied (booleans imply `!positive`). */
    negative: BinaryLabel | undefined;
  };
}

/**
 * The 2×2 confusion matrix of binary predictions, the four cells of
 * `sklearn.metrics.confusion_matrix(actual, predicted, labels=[negative, positive]).ravel()`
 * (`tn, fp, fn, tp`) by name. Labels are `0`/`1`, booleans, or strings with `options.positive`
 * naming the positive class; `actual` and `predicted` must share one negative label.
 *
 * Throws `EMPTY_SAMPLE` for empty input and `INVALID_ARGUMENT` for different lengths,
 * a third label, or string labels without `options.positive`.
 *
 * @example
 * ```ts
 * import { confusionMatrix } from '@driftwatch/drift';
 * const matrix = confusionMatrix(['Yes', 'No', 'No'], ['Yes', 'Yes', 'No'], { positive: 'Yes' });
 * // matrix.truePositive 1, matrix.falsePositive 1, matrix.trueNegative 1, matrix.falseNegative 0
 * ```
 */
export function confusionMatrix(
  actual: ArrayLike<BinaryLabel>,
  predicted: ArrayLike<BinaryLabel>,
  options: ConfusionMatrixOptions = {},
): ConfusionMatrix {
  const {
    flags: [actualFlags, predictedFlags],
    positive,
    negative,
  } = encodeBinaryLabels(
    [
      { labels: actual, role: 'actual' },
      { labels: predicted, role: 'predicted' },
    ],
    options,
  );
  // Index the four cells by 2·actual + predicted.
  const cells = [0, 0, 0, 0];
  for (let index = 0; index < actualFlags!.length; index++) {
    cells[2 * actualFlags![index]! + predictedFlags![index]!]!++;
  }
  return {
    truePositive: cells[3]!,
    falsePositive: cells[1]!,
    trueNegative: cells[0]!,
    falseNegative: cells[2]!,
    labels: { positive, negative },
  };
}
