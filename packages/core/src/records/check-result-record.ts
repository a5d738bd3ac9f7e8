/** The kinds of check the Monitor runs. */
export const checkKinds = ['feature-drift', 'prediction-drift', 'data-quality', 'performance', 'latency', 'volume'] as const;
/** A kind of check. */
export type CheckKind = (typeof checkKinds)[number];

/** Alert severities, lowest first. */
export const alertSeverities = ['INFO', 'WARNING', 'CRITICAL'] as const;
/** An alert severity. */
export type AlertSeverity = (typeof alertSeverities)[number];

/**
 * One measured value of one check at one time: a point of the time series the dashboard plots.
 * `subject` is the feature or metric name (`tenure`, `accuracy`, `p95`).
 */
export interface CheckResultRecord {
  id: string;
  modelName: string;
  /** The version checked, or `''` when the check covers every version. */
  modelVersion: string;
  segment: string;
  checkedAt: Date;
  windowStart: Date;
  windowEnd: Date;
  kind: CheckKind;
  subject: string;
  /** The headline number: PSI, accuracy, p95 latency in ms, requests per minute… */
  value: number;
  /** `OK` when nothing crossed a threshold. */
  severity: AlertSeverity | 'OK';
  /** The full evidence as JSON: test, statistic, p-value, n, bins… */
  details: Record<string, unknown>;
}
