import type { AlertSeverity } from './check-result-record.js';

/** The evidence an alert carries, so the person paged can judge it without opening a dashboard. */
export interface AlertEvidence {
  /** The test or metric: `psi`, `ks`, `chi-squared`, `accuracy`, `latency-p95`… */
  test: string;
  statistic: number;
  /** The threshold the statistic crossed. */
  threshold: number;
  /** Corrected p-value, when a test was run. */
  pValue?: number;
  /** Observations in the current window. */
  n: number;
  /** The bins whose share moved most, largest move first. */
  topBins?: Array<{ bin: string; referenceShare: number; currentShare: number }>;
  [key: string]: unknown;
}

/** The result of handing an alert to one sink. */
export interface AlertDelivery {
  sink: string;
  ok: boolean;
  attempts: number;
  statusCode?: number;
  error?: string;
  at: Date;
}

/**
 * An alert, firing or resolved. Alerts with the same `dedupeKey` are one incident: the policy
 * fires it once, repeats it only after the cooldown, and sends a resolved notice when it clears.
 */
export interface AlertRecord {
  id: string;
  dedupeKey: string;
  modelName: string;
  modelVersion: string;
  severity: AlertSeverity;
  status: 'firing' | 'resolved';
  title: string;
  message: string;
  evidence: AlertEvidence;
  createdAt: Date;
  deliveries: AlertDelivery[];
}
