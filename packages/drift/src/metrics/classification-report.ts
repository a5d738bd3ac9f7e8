import { DriftwatchError } from '../errors/driftwatch-error.js';
import { confusionMatrix, type ConfusionMatrix } from './confusion-matrix.js';
import type { BinaryLabel, BinaryLabelOptions } from './internal-binary-labels.js';

/** Options for {@link classificationReport}, {@link precision}, {@link recall} and {@link f1Score}. */
export type ClassificationReportOptions = BinaryLabelOptions;

/** Headline metrics of binary predictions for the positive class. */
export interface ClassificationReport {
  accuracy: number;
  precision: number;
  recall: number;
  f1: number;
  /** Number of actual positives, as in sklearn's `classification_report`. */
  support: number;
  confusionMatrix: ConfusionMatrix;
}

/** sklearn's `zero_division=0`: a metric whose denominator is zero is 0, not NaN. */
function ratio(numerator: number, denominator: number): number {
  return denominator === 0 ? 0 : numerator / denominator;
}

function precisionOf({ truePositive, falsePositive }: ConfusionMatrix): number {
  return ratio(truePositive, truePositive + falsePositive);
}

function recallOf({ truePositive, falseNegative }: ConfusionMatrix): number {
  return ratio(truePositive, truePositive + falseNegative);
}

function f1Of({ truePositive, falsePositive, falseNegative }: ConfusionMatrix): number {
  // The form sklearn ≥ 1.3 uses; it equals the harmonic mean of precision and recall when both are defined.
  return ratio(2 * truePositive, 2 * truePositive + falsePositive + falseNegative);
}

/**
 * Share of predictions equal to the actual label, like `sklearn.metrics.accuracy_score`.
 * Labels are compared with `===`, so any labels work, not only binary ones.
 * Throws `EMPTY_SAMPLE` for empty input and `INVALID_ARGUMENT` for different lengths.
 *
 * @example
 * ```ts
 * import { accuracy } from '@driftwatch/drift';
 * accuracy([1, 0, 1, 1], [1, 0, 0, 1]); // 0.75
 * ```
 */
export function accuracy(actual: ArrayLike<BinaryLabel>, predicted: ArrayLike<BinaryLabel>): number {
  if (actual.length === 0) {
    throw new DriftwatchError({
      code: 'EMPTY_SAMPLE',
      message: 'The actual labels are empty.',
      details: { role: 'actual' },
    });
  }
  if (predicted.length !== actual.length) {
    throw new DriftwatchError({
      code: 'INVALID_ARGUMENT',
      message: `There are ${predicted.length} predicted labels for ${actual.length} actual labels.`,
      details: { role: 'predicted', length: predicted.length, expectedLength: actual.length },
    });
  }
  let correct = 0;
  for (let index = 0; index < actual.length; index++) if (actual[index] === predicted[index]) correct++;
  return correct / actual.length;
}

/**
 * Share of predicted positives that are actual positives, like
 * `sklearn.metrics.precision_score(actual, predicted, pos_label=positive, zero_division=0)`:
 * 0 when nothing is predicted positive.
 *
 * @example
 * ```ts
 * import { precision } from '@driftwatch/drift';
 * precision([1, 0, 1, 1], [1, 1, 0, 1]); // 2/3
 * ```
 */
export function precision(
  actual: ArrayLike<BinaryLabel>,
  predicted: ArrayLike<BinaryLabel>,
  options: ClassificationReportOptions = {},
): number {
  return precisionOf(confusionMatrix(actual, predicted, options));
}

/**
 * Share of actual positives predicted positive, like
 * `sklearn.metrics.recall_score(actual, predicted, pos_label=positive, zero_division=0)`:
 * 0 when there are no actual positives.
 *
 * @example
 * ```ts
 * import { recall } from '@driftwatch/drift';
 * recall(['Yes', 'No', 'Yes'], ['Yes', 'No', 'No'], { positive: 'Yes' }); // 0.5
 * ```
 */
export function recall(
  actual: ArrayLike<BinaryLabel>,
  predicted: ArrayLike<BinaryLabel>,
  options: ClassificationReportOptions = {},
): number {
  return recallOf(confusionMatrix(actual, predicted, options));
}

/**
 * Harmonic mean of precision and recall, 2·TP / (2·TP + FP + FN), like
 * `sklearn.metrics.f1_score(actual, predicted, pos_label=positive, zero_division=0)`:
 * 0 when there are neither actual nor predicted positives.
 *
 * @example
 * ```ts
 * import { f1Score } from '@driftwatch/drift';
 * f1Score([1, 0, 1, 1], [1, 1, 0, 1]); // 2/3
 * ```
 */
export function f1Score(
  actual: ArrayLike<BinaryLabel>,
  predicted: ArrayLike<BinaryLabel>,
  options: ClassificationReportOptions = {},
): number {
  return f1Of(confusionMatrix(actual, predicted, options));
}

/**
 * Accuracy, precision, recall, F1 and support for the positive class from one pass over the
 * labels, with the confusion matrix they came from. Same definitions as {@link accuracy},
 * {@link precision}, {@link recall} and {@link f1Score}; unlike {@link accuracy} it needs binary labels.
 *
 * @example
 * ```ts
 * import { classificationReport } from '@driftwatch/drift';
 * const report = classificationReport(['Yes', 'No', 'Yes', 'No'], ['Yes', 'Yes', 'No', 'No'], { positive: 'Yes' });
 * // report.accuracy 0.5, report.precision 0.5, report.recall 0.5, report.f1 0.5, report.support 2
 * ```
 */
export function classificationReport(
  actual: ArrayLike<BinaryLabel>,
  predicted: ArrayLike<BinaryLabel>,
  options: ClassificationReportOptions = {},
): ClassificationReport {
  const matrix = confusionMatrix(actual, predicted, options);
  const { truePositive, trueNegative, falseNegative } = matrix;
  return {
    accuracy: (truePositive + trueNegative) / actual.length,
    precision: precisionOf(matrix),
    recall: recallOf(matrix),
    f1: f1Of(matrix),
    support: truePositive + falseNegative,
    confusionMatrix: matrix,
  };
}
