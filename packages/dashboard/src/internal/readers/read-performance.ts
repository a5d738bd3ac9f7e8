import { performanceMetricNames, type CheckResultRecord } from '@driftwatch/core';
import { detailNumber } from '../detail-number.js';
import { latestBySubject } from '../latest-by-subject.js';
import { toTimeSeries, type TimeSeries } from '../to-time-series.js';
import { readCheckResultSeries } from './read-check-result-series.js';
import { timeRangeOf, type ReaderContext } from './reader-context.js';

/** The newest value of one performance metric. */
export interface MetricView {
  value: number;
  baselineValue: number | null;
  severity: CheckResultRecord['severity'];
  labelledCount: number | null;
  summary: string;
  checkedAt: string;
}

/** A confusion matrix as stored in a performance check's details. */
export interface ConfusionMatrixView {
  truePositive: number;
  falsePositive: number;
  trueNegative: number;
  falseNegative: number;
  positiveLabel: string | number | boolean | null;
  negativeLabel: string | number | boolean | null;
}

/** What the performance page shows (`GET api/performance`). */
export interface PerformanceData {
  model: string;
  generatedAt: string;
  rangeSeconds: number;
  lastCheckedAt: string | null;
  /** True once a performance check has counted labelled predictions. */
  hasLabels: boolean;
  latest: Record<string, MetricView>;
  /** Accuracy, precision, recall, F1 and AUC over time. */
  overTime: TimeSeries;
  /** Share of predictions with an outcome, over time. */
  coverageOverTime: TimeSeries;
  coverage: { value: number; labelledCount: number | null; predictionCount: number | null } | null;
  confusionMatrix: ConfusionMatrixView | null;
}

const isLabel = (value: unknown): value is string | number | boolean =>
  typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';

/**
 * The confusion matrix in a performance check's `details`, or `null`.
 *
 * @example
 * ```ts
 * import { confusionMatrixOf } from './read-performance.js';
 * confusionMatrixOf({ confusionMatrix: { truePositive: 1, falsePositive: 0, trueNegative: 2, falseNegative: 1, labels: { positive: 'Yes', negative: 'No' } } })?.truePositive; // 1
 * ```
 */
export function confusionMatrixOf(details: Record<string, unknown>): ConfusionMatrixView | null {
  const matrix = details.confusionMatrix;
  if (typeof matrix !== 'object' || matrix === null) return null;
  const cells = matrix as Record<string, unknown>;
  const cell = (key: string) => (typeof cells[key] === 'number' ? (cells[key] as number) : null);
  const [truePositive, falsePositive, trueNegative, falseNegative] = [cell('truePositive'), cell('falsePositive'), cell('trueNegative'), cell('falseNegative')];
  if (truePositive === null || falsePositive === null || trueNegative === null || falseNegative === null) return null;
  const labels = (typeof cells.labels === 'object' && cells.labels !== null ? cells.labels : {}) as Record<string, unknown>;
  return {
    truePositive,
    falsePositive,
    trueNegative,
    falseNegative,
    positiveLabel: isLabel(labels.positive) ? labels.positive : null,
    negativeLabel: isLabel(labels.negative) ? labels.negative : null,
  };
}

/**
 * Reads the performance page from the performance check results of the range: accuracy,
 * precision, recall, F1 and AUC over time, label coverage, and the newest confusion matrix.
 *
 * @example
 * ```ts
 * import { readPerformance } from './read-performance.js';
 * // const data = await readPerformance({ config, modelName: 'churn', nowMillis: Date.now(), rangeSeconds: 86_400, query });
 * ```
 */
export async function readPerformance(context: ReaderContext): Promise<PerformanceData> {
  const { store, maxChartPoints } = context.config;
  const { from, to } = timeRangeOf(context.rangeSeconds, context.nowMillis);
  const { records } = await readCheckResultSeries(store, { modelName: context.modelName, from, to, kind: 'performance' }, maxChartPoints);
  const latestRecords = latestBySubject(records);
  const latest: Record<string, MetricView> = {};
  let lastCheckedMillis: number | undefined;
  let hasLabels = false;
  for (const [subject, record] of latestRecords) {
    const labelledCount = detailNumber(record.details, 'n');
    if (labelledCount !== null && labelledCount > 0) hasLabels = true;
    lastCheckedMillis = Math.max(lastCheckedMillis ?? 0, record.checkedAt.getTime());
    latest[subject] = {
      value: record.value,
      baselineValue: detailNumber(record.details, 'baselineValue'),
      severity: record.severity,
      labelledCount,
      summary: typeof record.details.summary === 'string' ? record.details.summary : '',
      checkedAt: record.checkedAt.toISOString(),
    };
  }
  const coverageRecord = latestRecords.get('label-coverage');
  let confusionMatrix: ConfusionMatrixView | null = null;
  for (const subject of ['accuracy', 'f1', 'precision', 'recall']) {
    const record = latestRecords.get(subject);
    confusionMatrix = record === undefined ? null : confusionMatrixOf(record.details);
    if (confusionMatrix !== null) break;
  }
  return {
    model: context.modelName,
    generatedAt: new Date(context.nowMillis).toISOString(),
    rangeSeconds: context.rangeSeconds,
    lastCheckedAt: lastCheckedMillis === undefined ? null : new Date(lastCheckedMillis).toISOString(),
    hasLabels,
    latest,
    overTime: toTimeSeries(records, { maxPoints: maxChartPoints, subjects: performanceMetricNames }),
    coverageOverTime: toTimeSeries(records, { maxPoints: maxChartPoints, subjects: ['label-coverage'] }),
    coverage:
      coverageRecord === undefined
        ? null
        : {
            value: coverageRecord.value,
            labelledCount: detailNumber(coverageRecord.details, 'n'),
            predictionCount: detailNumber(coverageRecord.details, 'predictionCount'),
          },
    confusionMatrix,
  };
}
