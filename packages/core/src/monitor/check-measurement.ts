import type { ColumnDrift, ConfusionMatrix } from '@driftwatch/drift';

/** A bin whose share moved between the baseline and the window, as alert evidence shows it. */
export interface MovedBin {
  /** A category name, or a numeric interval such as `(40, 55]`. */
  bin: string;
  referenceShare: number;
  currentShare: number;
}

/** Drift of one feature or prediction column: one column of the window's `DriftReport`. */
export interface DriftMeasurement {
  kind: 'feature-drift' | 'prediction-drift';
  /** The column name: a feature, `prediction.score` or `prediction.label`. */
  subject: string;
  column: ColumnDrift;
  /** The bins that moved most, largest move first. */
  topBins: MovedBin[];
}

/** Missing, out-of-range and unseen values of one feature in the window. */
export interface DataQualityMeasurement {
  kind: 'data-quality';
  subject: string;
  /** Rows in the window. */
  rowCount: number;
  /** Missing values as a share of the window's rows. */
  missingRate: number;
  /** Missing values as a share of the baseline's rows. */
  missingRateReference: number;
  /** Share of non-missing numeric values outside the allowed range (a lower bound; see `measureDataQuality`). */
  outOfRangeShare: number;
  /** The range applied, or `undefined` for categorical features and features without one. */
  range: readonly [number, number] | undefined;
  /** Where the range or the allowed categories came from. */
  allowedSource: 'feature-spec' | 'baseline' | 'none';
  /** Share of non-missing categorical values whose category is not allowed. */
  unseenCategoryShare: number;
  /** Unseen category names counted by name, most frequent first (at most 20). */
  unseenCategories: string[];
}

/** The classification metrics the performance check reports, by their `baseline.metrics` names. */
export const performanceMetricNames = ['accuracy', 'precision', 'recall', 'f1', 'auc'] as const;
/** A metric the performance check reports. */
export type PerformanceMetricName = (typeof performanceMetricNames)[number];

/** One performance metric over the predictions of the window that have outcomes, or the label coverage itself. */
export interface PerformanceMeasurement {
  kind: 'performance';
  subject: PerformanceMetricName | 'label-coverage';
  value: number;
  /** The same metric on the baseline data, when `baseline.metrics` has it. */
  baselineValue: number | undefined;
  /** Predictions with an outcome (errors excluded). */
  labelledCount: number;
  /** Successful predictions in the window, from the window profiles' counts. */
  predictionCount: number;
  /** `labelledCount / predictionCount`, capped at 1 (0 when there were no predictions). */
  labelCoverage: number;
  confusionMatrix: ConfusionMatrix | undefined;
}

/** The latency quantiles the latency check reports. */
export const latencyQuantileNames = ['p50', 'p95', 'p99'] as const;
/** A latency quantile name. */
export type LatencyQuantileName = (typeof latencyQuantileNames)[number];

/** One latency quantile of the window, from the merged latency sketch. */
export interface LatencyMeasurement {
  kind: 'latency';
  subject: LatencyQuantileName;
  valueMillis: number;
  /** Latencies in the window. */
  count: number;
}

/** Request volume or error rate of the window, from the window profiles' counts. */
export interface VolumeMeasurement {
  kind: 'volume';
  subject: 'requests-per-minute' | 'error-rate';
  value: number;
  requestCount: number;
  errorCount: number;
}

/**
 * What one check measured about one subject in one run, before the alert policy grades it.
 * Each becomes one `CheckResultRecord`: one point of a time series.
 *
 * @example
 * ```ts
 * import type { CheckMeasurement } from './check-measurement.js';
 * const measurement: CheckMeasurement = {
 *   kind: 'volume', subject: 'error-rate', value: 0.02, requestCount: 5000, errorCount: 100,
 * };
 * ```
 */
export type CheckMeasurement =
  | DriftMeasurement
  | DataQualityMeasurement
  | PerformanceMeasurement
  | LatencyMeasurement
  | VolumeMeasurement;
