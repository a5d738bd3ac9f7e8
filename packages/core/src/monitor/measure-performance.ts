import { accuracy, classificationReport, rocAuc, type ConfusionMatrix } from '@driftwatch/drift';
import type { LabelledPrediction } from '../contracts/event-store.js';
import type { PerformanceMeasurement, PerformanceMetricName } from './check-measurement.js';

/** What {@link measurePerformance} needs besides the labelled predictions. */
export interface MeasurePerformanceOptions {
  /** Successful predictions in the window, from the window profiles' counts. */
  predictionCount: number;
  /** `baseline.metrics`, for the baseline value of each metric. */
  baselineMetrics: Readonly<Record<string, number>> | undefined;
  /** The positive class; `undefined` uses the metrics' default (`1`, or `true`). */
  positiveLabel: string | number | boolean | undefined;
}

/** Measurements, plus the metrics that could not be computed and why. */
export interface PerformanceMeasurements {
  measurements: PerformanceMeasurement[];
  skipped: string[];
}

/**
 * Label coverage, accuracy, precision, recall, F1 and ROC AUC of a window's predictions that
 * have outcomes (errors left out), with the confusion matrix. Accuracy compares labels with
 * `===` and works for any labels; the binary metrics need two classes and, for string labels,
 * `positiveLabel`; AUC needs `prediction.score`. A metric that cannot be computed is skipped
 * with its reason rather than failing the check.
 *
 * Coverage is labelled predictions over predictions logged in the window; the labelled
 * predictions count as logged even when no window profile counted them.
 *
 * @example
 * ```ts
 * import { measurePerformance } from './measure-performance.js';
 * const { measurements } = measurePerformance([], { predictionCount: 100, baselineMetrics: { accuracy: 0.9 }, positiveLabel: undefined });
 * measurements[0]!.subject; // 'label-coverage'
 * ```
 */
export function measurePerformance(labelled: readonly LabelledPrediction[], options: MeasurePerformanceOptions): PerformanceMeasurements {
  const actual: Array<string | number | boolean> = [];
  const predicted: Array<string | number | boolean> = [];
  const scoredActual: Array<string | number | boolean> = [];
  const scores: number[] = [];
  let labelledCount = 0;
  for (const { prediction, outcome } of labelled) {
    if (prediction.status === 'error') continue;
    labelledCount++;
    const label = prediction.prediction.label;
    if (label !== null && label !== undefined) {
      actual.push(outcome.label);
      predicted.push(label);
    }
    const score = prediction.prediction.score;
    if (typeof score === 'number' && Number.isFinite(score)) {
      scoredActual.push(outcome.label);
      scores.push(score);
    }
  }
  const predictionCount = Math.max(options.predictionCount, labelledCount);
  const labelCoverage = predictionCount === 0 ? 0 : labelledCount / predictionCount;
  const skipped: string[] = [];
  const positive = options.positiveLabel === undefined ? {} : { positive: options.positiveLabel };
  let confusionMatrix: ConfusionMatrix | undefined;

  const measure = (subject: PerformanceMeasurement['subject'], value: number, count: number): PerformanceMeasurement => ({
    kind: 'performance',
    subject,
    value,
    baselineValue: subject === 'label-coverage' ? undefined : options.baselineMetrics?.[subject],
    labelledCount: count,
    predictionCount,
    labelCoverage,
    confusionMatrix,
  });

  const values: Array<[PerformanceMetricName, number, number]> = [];
  if (actual.length === 0) {
    if (labelledCount > 0) skipped.push('accuracy, precision, recall, f1: no labelled prediction has a predicted label');
  } else {
    values.push(['accuracy', accuracy(actual, predicted), actual.length]);
    try {
      const report = classificationReport(actual, predicted, positive);
      confusionMatrix = report.confusionMatrix;
      values.push(['precision', report.precision, actual.length], ['recall', report.recall, actual.length], ['f1', report.f1, actual.length]);
    } catch (error) {
      skipped.push(`precision, recall, f1: ${messageOf(error)}`);
    }
  }
  if (scores.length > 0) {
    try {
      values.push(['auc', rocAuc(scoredActual, scores, positive), scores.length]);
    } catch (error) {
      skipped.push(`auc: ${messageOf(error)}`);
    }
  } else if (labelledCount > 0) {
    skipped.push('auc: no labelled prediction has a score');
  }
  return {
    measurements: [measure('label-coverage', labelCoverage, labelledCount), ...values.map(([name, value, count]) => measure(name, value, count))],
    skipped,
  };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
